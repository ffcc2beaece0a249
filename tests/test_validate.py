"""Bad data is reported per file, feature and property; nothing is modified."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from lienket.data import dataset, schema


def _bridges_doc() -> dict:
    return json.loads((schema.GEODATA / "bridges.geojson").read_text(encoding="utf-8"))


def _load(tmp_path: Path, doc: dict | str) -> tuple:
    path = tmp_path / "bridges.geojson"
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")
    before = path.read_bytes()
    result = dataset.load_layer(path, ("bridge",))
    assert path.read_bytes() == before  # never modified
    return result


def test_missing_file(tmp_path):
    gdf, problems = dataset.load_layer(tmp_path / "nope.geojson", ("bridge",))
    assert gdf is None and "file not found" in problems[0].message


def test_malformed_json_names_line_and_column(tmp_path):
    gdf, problems = _load(tmp_path, '{"type": "FeatureCollection",\n "features": [}')
    assert gdf is None and "line 2" in problems[0].message


def test_empty_collection(tmp_path):
    gdf, problems = _load(tmp_path, {"type": "FeatureCollection", "features": []})
    assert gdf is None and "no features" in problems[0].message


def test_wrong_crs(tmp_path):
    doc = _bridges_doc()
    doc["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}}
    gdf, problems = _load(tmp_path, doc)
    assert gdf is None and "3857" in problems[0].message and "EPSG:4326" in problems[0].message


def test_swapped_coordinates_are_flagged(tmp_path):
    doc = _bridges_doc()
    lon, lat = doc["features"][0]["geometry"]["coordinates"]
    doc["features"][0]["geometry"]["coordinates"] = [lat, lon]
    gdf, problems = _load(tmp_path, doc)
    assert gdf is None
    assert problems[0].feature == "cau-trieu" and "swapped" in problems[0].message


def test_duplicate_id_and_missing_property(tmp_path):
    doc = _bridges_doc()
    doc["features"][1]["properties"]["id"] = "cau-trieu"
    del doc["features"][2]["properties"]["river"]
    gdf, problems = _load(tmp_path, doc)
    found = {(p.feature, p.prop) for p in problems}
    assert ("cau-trieu", "id") in found and ("cau-dong-mai", "river") in found


def test_bridge_must_connect_exactly_two_banks(tmp_path):
    doc = _bridges_doc()
    doc["features"][0]["properties"]["connects"].pop()
    _gdf, problems = _load(tmp_path, doc)
    assert any(p.prop == "connects" for p in problems)


def test_non_nfc_text(tmp_path):
    doc = _bridges_doc()
    doc["features"][0]["properties"]["name"] = "Ca\u0302\u0300u Trie\u0302\u0300u"
    _gdf, problems = _load(tmp_path, doc)
    assert any(p.prop == "name" and "NFC" in p.message for p in problems)


def test_self_intersecting_polygon(tmp_path):
    doc = json.loads((schema.GEODATA / "heritage.geojson").read_text(encoding="utf-8"))
    doc["features"][0]["geometry"] = {"type": "Polygon", "coordinates": [
        [[106.9, 20.6], [107.3, 20.9], [107.3, 20.6], [106.9, 20.9], [106.9, 20.6]]]}
    path = tmp_path / "heritage.geojson"
    path.write_text(json.dumps(doc), encoding="utf-8")
    gdf, problems = dataset.load_layer(path, ("heritage",))
    assert gdf is None and "Self-intersection" in problems[0].message


def test_dangling_district_reference(tmp_path):
    for name in [*(f for f, _ in schema.FILES.values()), schema.AGREEMENT_FILE]:
        (tmp_path / name).write_bytes((schema.GEODATA / name).read_bytes())
    doc = _bridges_doc()
    doc["features"][0]["properties"]["connects"][0]["district"] = "Huyện Không Có"
    (tmp_path / "bridges.geojson").write_text(json.dumps(doc), encoding="utf-8")
    ds = dataset.load(tmp_path)
    assert any(p.feature == "cau-trieu" and "Huyện Không Có" in p.message for p in ds.problems)


WEIRD = [None, "", -1, True, [None], {"a": [1, {"b": None}]}, "x" * 20_000,
         "<script>alert(1)</script>", float("nan"), 10**20]


def test_any_value_in_any_property_is_reported_or_drawn_never_a_crash(tmp_path):
    """Hand edits put anything anywhere: whatever loads must also draw and fill the panel."""
    import folium

    from lienket.map import highlight, layers, selection
    from lienket.page import panel
    shipped = {f: json.loads((schema.GEODATA / f).read_text(encoding="utf-8"))
               for f, _k in schema.FILES.values() if f in ("bridges.geojson", "districts.geojson")}
    base = dataset.load(schema.GEODATA)
    for filename, doc in shipped.items():
        layer = filename.removesuffix(".geojson")
        kinds = schema.FILES[layer][1]
        for prop in doc["features"][0]["properties"]:
            for value in WEIRD:
                bad = json.loads(json.dumps(doc))
                bad["features"][0]["properties"][prop] = value
                (tmp_path / filename).write_text(json.dumps(bad), encoding="utf-8")
                gdf, problems = dataset.load_layer(tmp_path / filename, kinds)
                ds = dataclasses.replace(base, layers={**base.layers, layer: gdf},
                                         problems=list(problems))
                if gdf is None:
                    del ds.layers[layer]
                ds.problems += dataset.check_references(ds)
                m = folium.Map()
                for group in layers.build(ds, [layer], "en"):
                    group.add_to(m)
                for bid in ("cau-trieu", "cau-dong-mai"):  # the first bridge; the first district
                    highlight.group(ds, bid, "vi").add_to(m)
                    panel.bridge_markdown(ds, bid, "en")
                m.get_root().render()
                panel.problem_report(ds, "vi")
                assert layer in ds.layers or any(p.file == filename for p in ds.problems), \
                    (prop, value)
