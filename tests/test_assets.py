"""Leaflet and jQuery come from installed PyPI packages, so the map needs no CDN."""

from lienket.map import assets


def test_install_copies_leaflet_and_jquery(tmp_path):
    files = assets.install(tmp_path)
    rel = {str(f.relative_to(tmp_path)) for f in files}
    assert "vendor/leaflet/leaflet.js" in rel and "vendor/leaflet/leaflet.css" in rel
    assert "vendor/leaflet/images/layers.png" in rel
    assert "vendor/jquery/jquery.min.js" in rel
    assert b"Leaflet" in (tmp_path / "vendor/leaflet/leaflet.js").read_bytes()[:400]


def test_every_linked_asset_is_installed(tmp_path):
    assets.install(tmp_path)
    for _, url in assets.JS + assets.CSS:
        path = url.removeprefix(assets.STATIC_URL + "/")
        assert (tmp_path / path).is_file(), url


def test_install_is_idempotent(tmp_path):
    first = assets.install(tmp_path)
    mtimes = [f.stat().st_mtime_ns for f in first]
    second = assets.install(tmp_path)
    assert [f.stat().st_mtime_ns for f in second] == mtimes


def test_minimap_and_draw_come_from_django_leaflet(tmp_path):
    from importlib.metadata import version
    assert version("django-leaflet")
    assets.install(tmp_path)
    for name in ("minimap", "draw"):
        assert assets.plugin_available(name)
        for _, url in assets.PLUGINS[name][1] + assets.PLUGINS[name][2]:
            assert (tmp_path / url.removeprefix(assets.STATIC_URL + "/")).is_file(), url
    draw = (tmp_path / "vendor/draw/leaflet.draw.js").read_text()
    assert 'drawVersion="1.0.4"' in draw or "1.0.4" in draw[:400]
    assert (tmp_path / "vendor/draw/images/spritesheet.svg").is_file()  # the toolbar's icons
    assert (tmp_path / "vendor/minimap/images/toggle.png").is_file()  # the minimap's arrow


def test_a_missing_plugin_is_reported_unavailable(monkeypatch):
    monkeypatch.setitem(assets.PLUGINS, "nothing", ((assets.Asset("x", "no_such_pkg_xyz", "a", "b"),), [], []))
    assert not assets.plugin_available("nothing")


def test_the_map_loads_one_script_with_leaflet_jquery_and_the_tools(tmp_path):
    from lienket.map import base
    assets.install(tmp_path)
    bundle = (tmp_path / "vendor" / assets.BUNDLE).read_text(encoding="utf-8")
    parts = [(tmp_path / "vendor" / p).read_text(encoding="utf-8") for p in
             assets.bundle_parts(["minimap", "draw"])]
    assert [bundle.index(p) for p in parts] == sorted(bundle.index(p) for p in parts)
    assert "L.Control.MiniMap" in bundle and "L.Draw" in bundle and "jQuery" in bundle
    m = base.base_map((106.1, 20.1, 108.1, 21.7), "vi")
    links = []
    for elem in [m, *m._children.values()]:
        links += [url for _name, url in getattr(elem, "default_js", [])]
    # st_folium loads each distinct link (it dedupes by URL) in turn: the map and tools share one
    assert set(links) == {assets.BUNDLE_LINK[1]}
