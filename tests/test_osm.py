"""OpenStreetMap extracts (issue 13): reading, matching the five bridges, the pack, the map, the
CLI and the build script, on extracts the tests write (tests/osm_fixtures.py)."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import folium
import pytest
import shapely

from lienket import cli
from lienket.data import dataset, schema
from lienket.map import bridges, features, layers
from lienket.packs import osm_extract, osm_match, osm_pack
from lienket.page import export, panel
from tests import osm_fixtures as fx

EXPECTED = {"cau-trieu": ("name", [100]), "cau-may": ("name", [110]),
            "cau-dong-mai": ("name", [120]), "cau-dinh": ("name", [130, 131]),
            "cau-quang-thanh": ("geometry", [140])}
DECOYS = {20, 21, 22, 23, 24, 25, 26}


@pytest.fixture
def extracts(ds, tmp_path) -> dict[str, Path]:
    """The same ways as .osm, .osm.pbf, Overpass JSON (out geom) and Overpass JSON (nodes)."""
    ways = fx.all_ways(ds)
    xml = fx.write_osm(tmp_path / "region.osm", ways)
    return {"osm": xml, "pbf": fx.write_pbf(tmp_path / "region.osm.pbf", xml),
            "json": fx.write_overpass(tmp_path / "region.json", ways),
            "json-nodes": fx.write_overpass(tmp_path / "nodes.json", ways, geom=False)}


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _ways(extract: osm_extract.Extract) -> set:
    return {(w.id, tuple(sorted(w.tags.items())),
             tuple((round(x, 6), round(y, 6)) for x, y in w.coords)) for w in extract.ways}


# --- reading -------------------------------------------------------------------------------------

def test_the_three_formats_read_into_the_same_ways_and_date(extracts):
    read = {k: osm_extract.read(p) for k, p in extracts.items()}
    first = _ways(read["osm"])
    assert all(_ways(e) == first for e in read.values())
    assert {e.timestamp for e in read.values()} == {fx.TIMESTAMP}


def test_only_the_regions_bridges_rivers_named_roads_and_ferries_are_kept(extracts):
    extract = osm_extract.read(extracts["pbf"])
    ids = {w.id for w in extract.ways}
    assert not ids & {20, 22, 24}  # Triều Dương (Hưng Yên), Mây (Sa Pa), Đồng Mai (Hà Đông)
    assert 5 not in ids  # QL5: not a road the article names
    assert {w.id for w in extract.of("river")} == {1, 2}
    assert {w.id for w in extract.of("road")} == {3, 4}
    assert {w.id for w in extract.of("ferry")} == {6, 7}


@pytest.mark.parametrize("content, words", [
    ("<osm><way", "cannot read as OpenStreetMap data"),
    ('{"elements": 3}', "no \"elements\" list"),
    ('{"elements": [', "not valid Overpass JSON"),
    ('{"elements": []}', "no bridge, river, named road or ferry"),
])
def test_unreadable_extracts_are_one_clear_error(tmp_path, content, words):
    path = tmp_path / ("bad.osm" if content.startswith("<") else "bad.json")
    path.write_text(content, encoding="utf-8")
    with pytest.raises(osm_extract.OsmError, match=words):
        osm_extract.read(path)


# --- matching --------------------------------------------------------------------------------------

@pytest.mark.parametrize("osm_name, ours, same", [
    ("Cầu Hoà", "Cầu Hòa", True),  # old- and new-style tone placement
    ("Cầu Thuỷ Nguyên", "Cầu Thủy Nguyên", True),
    ("cầu Triều", "Cầu Triều", True), ("CẦU TRIỀU", "Cầu Triều", True),
    ("Cau Dinh", "Cầu Dinh", True),  # typed without marks
    ("Cầu Đồng Mai", "Cầu Đông Mai", False),  # phường Đồng Mai (Hà Đông) is another place
    ("Cầu Triều Dương", "Cầu Triều", False),
    ("Đường Cầu Dinh", "Cầu Dinh", False),
])
def test_names_match_despite_tone_placement_case_and_missing_marks(osm_name, ours, same):
    assert osm_match.same_name(osm_name, ours) is same


def test_each_bridge_matches_its_way_and_says_how_and_no_decoy_is_taken(ds, extracts):
    for kind, path in extracts.items():
        matches = {m.bridge: m for m in osm_match.match(ds, osm_extract.read(path))}
        assert {b: (m.how, m.ways) for b, m in matches.items()} == EXPECTED, kind
        assert not DECOYS & {w for m in matches.values() for w in m.ways}


@pytest.mark.parametrize("bridge, real", [("cau-trieu", {100}), ("cau-dong-mai", {120}),
                                          ("cau-dinh", {130, 131})])
def test_without_the_real_way_the_decoy_next_to_it_is_not_taken(ds, tmp_path, bridge, real):
    """Cầu Triều Dương, Cầu Đồng Mai and Đường Cầu Dinh lie 1.2–2.5 km from the test bridges."""
    ways = [w for w in fx.all_ways(ds) if w["id"] not in real]
    matches = {m.bridge: m for m in osm_match.match(ds, osm_extract.read(fx.write_overpass(
        tmp_path / "x.json", ways)))}
    assert matches[bridge].how == "none" and matches[bridge].ways == []


def test_a_bridge_line_runs_from_the_first_district_it_names_to_the_second(ds, extracts):
    """The fixture lays every way from the second district's side: the import turns it round."""
    seats = {r["name"]: r["geometry"] for r in ds.layer("districts").to_dict("records")}
    for m in osm_match.match(ds, osm_extract.read(extracts["json"])):
        bridge = ds.feature("bridges", m.bridge)
        a, b = (seats[c["district"]] for c in bridge["connects"])
        start, end = shapely.Point(m.line.coords[0]), shapely.Point(m.line.coords[-1])
        assert start.distance(a) - start.distance(b) < end.distance(a) - end.distance(b), m.bridge


def test_the_fallback_gives_up_when_two_ways_fit(ds, tmp_path):
    ways = fx.all_ways(ds)
    qt = ds.feature("bridges", "cau-quang-thanh")
    twin = next(w for w in ways if w["id"] == 140)
    # a second unnamed 536 m bridge over the Văn Úc, 1.5 km along the river
    river = next(w for w in ways if w["id"] == 1)
    far = fx.segment((qt["geometry"].x, qt["geometry"].y), river["coords"][0], 3000)[1]
    ways.append({"id": 141, "tags": twin["tags"], "coords": [
        (x + far[0] - qt["geometry"].x, y + far[1] - qt["geometry"].y) for x, y in twin["coords"]]})
    ways[ways.index(river)] = {**river, "coords": fx.segment(
        (qt["geometry"].x, qt["geometry"].y), river["coords"][0], 8000)}
    matches = {m.bridge: m for m in osm_match.match(ds, osm_extract.read(fx.write_overpass(
        tmp_path / "x.json", ways)))}
    assert matches["cau-quang-thanh"].how == "none"
    assert "ambiguous" in matches["cau-quang-thanh"].detail


def test_the_fallback_needs_the_sourced_length(ds, tmp_path):
    ways = [w for w in fx.all_ways(ds) if w["id"] != 140]  # only the 1400 m decoy crosses the Văn Úc
    matches = {m.bridge: m for m in osm_match.match(ds, osm_extract.read(fx.write_overpass(
        tmp_path / "x.json", ways)))}
    assert matches["cau-quang-thanh"].how == "none" and not matches["cau-quang-thanh"].ways


# --- the pack and the map -------------------------------------------------------------------------

@pytest.fixture
def pack(ds, extracts) -> osm_pack.OsmPack:
    return osm_pack.import_file(extracts["json"], ds)


def test_the_pack_lives_in_the_cache_with_date_and_licence(pack):
    assert pack.path == osm_pack.default_path() and pack.path.is_relative_to(
        osm_pack.store.cache_dir())
    meta = json.loads((pack.path / osm_pack.META).read_text(encoding="utf-8"))
    assert meta["timestamp"] == fx.TIMESTAMP
    assert "© OpenStreetMap contributors" in meta["licence"] and "ODbL" in meta["licence"]
    assert osm_pack.current()[0].meta["timestamp"] == fx.TIMESTAMP


def test_with_a_pack_matched_bridges_are_their_ways_with_osm_accuracy_and_credit(ds, pack):
    shown = osm_pack.apply(ds, pack)
    for bridge_id, (_how, ways) in EXPECTED.items():
        bridge = shown.feature("bridges", bridge_id)
        assert bridge["geometry"].geom_type == "LineString"
        assert bridge["position"] != "schematic" and "OpenStreetMap" in bridge["accuracy"]
        assert [f"openstreetmap.org/way/{w}" for w in ways] == [
            s for s in bridge["sources"] if s.startswith("openstreetmap.org/way/")]
        assert any("ODbL" in s and fx.TIMESTAMP in s for s in bridge["sources"])
        # facts kept
        original = ds.feature("bridges", bridge_id)
        for prop in ("name", "river", "connects", "length_m", "cost", "opened", "note"):
            assert bridge[prop] == original[prop] or bridge[prop] != bridge[prop]
        md = panel.bridge_markdown(shown, bridge_id, "vi")
        assert f"(https://www.openstreetmap.org/way/{ways[0]})" in md
        assert "OpenStreetMap contributors" in md
        assert panel.t("position_caveat", "vi") not in md
        assert features.position_text(bridge, "vi") == ""  # no "schematic" in its tooltip
    page = _html(bridges.bridges(shown, "vi"))
    assert page.count('"kind":"bridge"') == 10  # each bridge: its way, and its symbol on it


def test_without_a_pack_the_map_data_is_exactly_todays(ds):
    assert osm_pack.current() == (None, None)
    assert osm_pack.apply(ds, None) is ds
    assert layers.available(ds) == [la for la in layers.LAYERS if la != "osm"]


def test_a_bridge_with_no_match_keeps_its_estimate(ds, tmp_path):
    only_river = [w for w in fx.all_ways(ds) if w["id"] in (1, 2)]
    pack = osm_pack.import_file(fx.write_overpass(tmp_path / "r.json", only_river), ds)
    assert all("the estimate stays" in line for line in osm_pack.report(pack, ds))
    shown = osm_pack.apply(ds, pack)
    assert shown.layer("bridges").geometry.geom_equals(ds.layer("bridges").geometry).all()
    assert list(shown.layer("bridges")["position"]) == ["schematic"] * 5


def _html(group: folium.FeatureGroup) -> str:
    m = folium.Map()
    group.add_to(m)
    return m.get_root().render()


def test_the_context_layer_draws_rivers_roads_and_ferries_marking_replaced_ones(ds, pack):
    shown = osm_pack.apply(ds, pack)
    frame = shown.layer("osm").set_index("id")
    assert set(frame.index) == {"osm-way-1", "osm-way-2", "osm-way-3", "osm-way-4", "osm-way-6",
                                "osm-way-7"}
    assert frame.loc["osm-way-6", "replaced_by"] == "Cầu Mây"  # Tuần Mây: the source says so
    assert frame.loc["osm-way-7", "replaced_by"] == ""  # Phà Hàn: no source says so
    assert "osm" in layers.available(shown)
    (group,) = layers.build(shown, ["osm"], "vi")
    assert group.layer_name == "Sông, đường dẫn, phà (OpenStreetMap)"
    page = _html(group)
    assert "osm-way-6" in page and json.dumps("đã được Cầu Mây thay thế")[1:-1] in page
    exported = export.layer_frame(shown, "osm")
    assert len(exported) == 6 and all(exported["sources"].map(len)) and all(exported["accuracy"])


def test_osm_names_reach_the_map_escaped(ds, tmp_path):
    ways = fx.all_ways(ds)
    ferry = next(w for w in ways if w["id"] == 7)
    ferry["tags"]["name"] = "<img src=x onerror=alert(1)>"
    pack = osm_pack.import_file(fx.write_overpass(tmp_path / "h.json", ways), ds)
    page = _html(layers.build(osm_pack.apply(ds, pack), ["osm"], "vi")[0])
    assert "<img src=x" not in page and "\\u0026lt;img src=x" in page  # escaped, then JSON-quoted


def test_a_failed_import_leaves_the_pack_byte_identical(ds, pack, tmp_path):
    before = _snapshot(pack.path)
    broken = tmp_path / "broken.json"
    broken.write_text('{"elements": [{"type": "way"', encoding="utf-8")
    with pytest.raises(osm_extract.OsmError):
        osm_pack.import_file(broken, ds)
    assert _snapshot(pack.path) == before


def test_a_corrupt_pack_is_skipped_with_a_note(ds, pack):
    (pack.path / osm_pack.WAYS).write_text('{"features": []}', encoding="utf-8")
    skipped, note = osm_pack.current()
    assert skipped is None and "checksum" in note


# --- the command line -------------------------------------------------------------------------------

def test_osm_import_prints_per_bridge_what_matched_and_how(extracts, capsys):
    assert cli.main(["osm", "import", str(extracts["osm"])]) == 0
    out = capsys.readouterr().out
    assert "Cầu Triều: way 100 by name" in out and "Cầu Dinh: way 130, 131 by name" in out
    assert "Cầu Quang Thanh: way 140 by geometry (crosses Văn Úc" in out
    assert "ODbL" in out and fx.TIMESTAMP in out
    assert cli.main(["osm", "info"]) == 0
    assert "Cầu Mây: way 110 by name" in capsys.readouterr().out


def test_osm_info_without_a_pack_says_the_estimates_are_used(capsys):
    assert cli.main(["osm", "info"]) == 0
    assert "no OSM pack" in capsys.readouterr().out


def test_osm_import_errors_are_one_line_and_exit_1(tmp_path, capsys):
    assert cli.main(["osm", "import", str(tmp_path / "missing.osm")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "file not found" in err and "Traceback" not in err


# --- the build script ---------------------------------------------------------------------------------

def _digest(folder: Path) -> str:
    return hashlib.sha256(b"".join(p.read_bytes() for p in sorted(folder.rglob("*"))
                                   if p.is_file())).hexdigest()


def test_build_script_rewrites_bridge_geometry_and_keeps_the_facts(ds, extracts, tmp_path, capsys):
    import importlib.util
    spec = importlib.util.spec_from_file_location(
        "build_bridges_from_osm", schema.GEODATA.parent / "scripts" / "build_bridges_from_osm.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    shipped = _digest(schema.GEODATA)
    geodata = tmp_path / "geodata"
    shutil.copytree(schema.GEODATA, geodata)
    assert script.main([str(extracts["pbf"]), "--geodata", str(geodata)]) == 0
    assert "Cầu Quang Thanh: way 140 by geometry" in capsys.readouterr().out
    rebuilt = dataset.load(geodata)
    assert not [p for p in rebuilt.problems if p.level == "error"]
    for bridge_id, (_how, ways) in EXPECTED.items():
        new, old = rebuilt.feature("bridges", bridge_id), ds.feature("bridges", bridge_id)
        assert new["geometry"].geom_type == "LineString"
        assert new.get("position") != "schematic"
        assert new["sources"][:len(old["sources"])] == old["sources"]
        assert [s.split(" ")[0] for s in new["sources"][len(old["sources"]):]] == [
            f"openstreetmap.org/way/{w}" for w in ways]
        assert all(fx.TIMESTAMP in s for s in new["sources"][len(old["sources"]):])
        for prop in ("name", "name_en", "river", "connects", "cost", "opened", "note", "note_en"):
            assert new[prop] == old[prop] or (new[prop] != new[prop] and old[prop] != old[prop])
    assert "Open Database Licence" in (geodata / "SOURCES.md").read_text(encoding="utf-8")
    assert _digest(schema.GEODATA) == shipped  # the shipped data is never touched

