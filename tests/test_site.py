"""The static site (`python -m lienket export-site`): what it holds equals what the app draws,
it is self-contained, escaped, and written atomically."""

from __future__ import annotations

import gzip
import io
import re
import zipfile
from pathlib import Path

import pytest

from lienket import cli
from lienket.data import agreement, eras
from lienket.map import layers, legend, selection, simplify
from lienket.map.prerender import prerender
from lienket.page import panel
from lienket.site import build, variants
from lienket.text import i18n
from tests import site_tools
from tests.corpus import CASES, PAYLOAD, copy_geodata, fingerprint

VARIANTS = [f"{era}-{lang}" for era in eras.ERAS for lang in i18n.LANGS]


@pytest.fixture(scope="module")
def exported(tmp_path_factory, ds) -> Path:
    """The shipped data exported once for the module."""
    return build.export(tmp_path_factory.mktemp("site") / "out", ds).path


def test_cli_writes_index_and_only_what_it_needs(tmp_path, capsys):
    dest = tmp_path / "site"
    assert cli.main(["export-site", str(dest)]) == cli.OK
    assert "index.html" in capsys.readouterr().out
    written = sorted(str(p.relative_to(dest)) for p in dest.rglob("*") if p.is_file())
    manifest = site_tools.config(dest)
    needed = {f for files in manifest["files"].values() for f in files}
    page = (dest / "index.html").read_text(encoding="utf-8")
    linked = set(re.findall(r'(?:src|href)="([^"]+)"', page)) - {"data:,"}  # the empty icon
    assert all(not re.match(r"[a-z]+:|/", link) for link in linked)  # relative, no CDN
    leaflet_images = {f"vendor/leaflet/{n}" for n in build.LEAFLET_FILES if n.startswith("images/")}
    assert set(written) == needed | linked | leaflet_images | {"index.html", build.MANIFEST}
    assert not list(tmp_path.glob(".*"))  # no temporary folder left beside it


@pytest.mark.parametrize("key", VARIANTS)
def test_site_draws_the_apps_bridges_districts_and_ring(exported, ds, key):
    era, lang = key.split("-")
    v = site_tools.variant(exported, key)
    assert list(v["layers"]) == list(layers.LAYERS)  # every layer, in drawing order
    assert v["names"] == {layer: g.layer_name for layer, g in
                          zip(layers.LAYERS, layers.build(ds, layers.LAYERS, lang, era))}
    bridges = [f["properties"]["id"] for f in v["layers"]["bridges"]]
    assert bridges == selection.bridge_ids(ds)
    for bridge in bridges:
        districts = selection.connected_districts(ds, bridge)
        assert len(districts) == 2
        highlighted = [f["properties"]["id"] for f in v["highlights"][bridge]
                       if f.get("properties", {}).get("kind") == "district"]
        assert highlighted == list(districts["id"])
        assert all(name in v["content"]["panels"][bridge] for name in districts["name"])
    ring = {f["properties"]["id"] for f in v["layers"]["ring"] if f["properties"]["kind"] != "schematic"}
    expected = (set(eras.role_shapes(ds, "ring")["id"]) if era == "2025"
                else set(agreement.provinces_in(ds, "ring")["id"]))
    assert ring == expected and len(expected) == (8 if era == "2025" else 9)


def test_first_paint_loads_one_variant_and_languages_share_shapes(exported):
    files = site_tools.config(exported)["files"]
    assert len({f[-1] for f in files.values()}) == len(VARIANTS)  # one data file per variant
    for era in eras.ERAS:  # the languages of an era share every geometry file
        shapes = {tuple(f for f in files[f"{era}-{lang}"] if "/geo-" in f) for lang in i18n.LANGS}
        assert len(shapes) == 1 and len(next(iter(shapes))) == 2  # shared by both eras, its own
    for lang in i18n.LANGS:  # and the eras of a language share its text file
        assert len({files[f"{era}-{lang}"][-2] for era in eras.ERAS}) == 1
    size = sum(len(gzip.compress(p.read_bytes())) for p in exported.rglob("*") if p.is_file())
    assert size < 400_000


def test_legend_pieces_compose_the_apps_legend(ds):
    for era in eras.ERAS:
        parts = variants.legend_parts(ds, "en", era)
        for visible in (layers.LAYERS, ("bridges",), ()):
            rows = "".join(parts["rows"][layer] for layer in visible) + parts["always"]
            rows = rows or parts["empty"]
            assert parts["head"] + rows + parts["tail"] == legend.legend_html(ds, visible, "en", era)


def test_packed_geometry_gives_back_exactly_the_apps_numbers(ds):
    store = variants.GeometryStore()
    for era in eras.ERAS:
        for group in layers.build(simplify.for_map(ds), layers.LAYERS, "vi", era):
            variants.split_geometry(prerender(group), store, era)
    assert len(store.values) > 100
    for geometry in store.values:
        assert site_tools.unpack(variants.pack(geometry)) == geometry
    packed = [variants.pack(g) for g in store.values]
    assert sum("e" in g for g in packed) > 0.9 * len(packed)  # nearly all shapes are packed


def test_markdown_never_passes_raw_html():
    out = variants.markdown_html("a <b>x</b> " + panel.md(PAYLOAD))
    assert "<b>" not in out and "<img" not in out and "&lt;img" in out


def test_hostile_text_is_exported_as_text(tmp_path):
    directory = copy_geodata(tmp_path / "geodata")
    next(c for c in CASES if c.name == "html_in_every_text_property").make(directory)
    before = fingerprint(directory)
    dest = tmp_path / "site"
    assert cli.main(["export-site", str(dest), "--data", str(directory)]) == cli.OK
    assert fingerprint(directory) == before  # the data is only read
    for path in dest.rglob("*.js"):
        text = path.read_text(encoding="utf-8")
        assert "<img" not in text and "<script>alert" not in text, path
    v = site_tools.variant(dest, "2022-vi")
    assert "Cầu Dinh&lt;img src=x onerror=alert(1)&gt;" in v["content"]["panels"]["cau-dinh"]


def test_non_empty_folder_is_refused_unless_forced(tmp_path, capsys):
    dest = tmp_path / "site"
    dest.mkdir()
    (dest / "notes.txt").write_text("mine")
    assert cli.main(["export-site", str(dest)]) == cli.USAGE
    assert "not empty" in capsys.readouterr().err and (dest / "notes.txt").read_text() == "mine"
    assert cli.main(["export-site", str(dest), "--force"]) == cli.OK
    assert (dest / "index.html").exists() and not (dest / "notes.txt").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_force_never_replaces_the_working_directory(tmp_path, monkeypatch, capsys):
    (tmp_path / "work.txt").write_text("precious")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["export-site", str(tmp_path), "--force"]) == cli.USAGE
    assert "refusing" in capsys.readouterr().err and (tmp_path / "work.txt").exists()


def test_a_failed_write_leaves_the_previous_site_and_no_temporary_folder(tmp_path, ds, monkeypatch):
    dest = tmp_path / "site"
    dest.mkdir()
    (dest / "index.html").write_text("previous")
    files = build.build(ds)
    calls = {"n": 0}
    real = Path.write_bytes

    def failing(self, content):
        calls["n"] += 1
        if calls["n"] == 5:
            raise OSError(28, "No space left on device")
        return real(self, content)

    monkeypatch.setattr(Path, "write_bytes", failing)
    with pytest.raises(OSError):
        build.write(dest, files, force=True)
    assert [p.name for p in tmp_path.iterdir()] == ["site"]
    assert [p.name for p in dest.iterdir()] == ["index.html"]
    assert (dest / "index.html").read_text() == "previous"


def test_missing_data_folder_is_a_usage_error(tmp_path, capsys):
    assert cli.main(["export-site", str(tmp_path / "s"), "--data", str(tmp_path / "nope")]) == cli.USAGE
    assert "no such folder" in capsys.readouterr().err and not (tmp_path / "s").exists()


def test_zip_holds_the_same_site(ds):
    built = build.build(ds)
    with zipfile.ZipFile(io.BytesIO(build.zip_of(built))) as archive:
        names = archive.namelist()
        assert all(n.startswith("lienket-site/") for n in names)
        assert {n.removeprefix("lienket-site/") for n in names} == set(built)
        assert archive.read("lienket-site/index.html") == built["index.html"]
    assert build.zip_of(built) == build.zip_of(build.build(ds))  # same data, same bytes

