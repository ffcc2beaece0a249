"""The legend follows the visible layers and the era; the map tools load from the app itself."""

from __future__ import annotations

import json

import folium

from lienket.map import assets, base, controls, legend, style


def rendered(element) -> str:
    m = folium.Map()
    element.add_to(m)
    return m.get_root().render()


def test_legend_lists_only_the_visible_layers(ds):
    everything = legend.legend_html(ds, ["provinces", "heritage", "bridges", "ring"], "vi", "2022")
    assert "Di sản UNESCO" in everything and "Vành đai 9 tỉnh" in everything
    fewer = legend.legend_html(ds, ["provinces", "bridges"], "vi", "2022")
    assert "Di sản UNESCO" not in fewer and "Vành đai 9 tỉnh" not in fewer
    assert "Cầu liên kết" in fewer
    assert "Chưa bật lớp nào" in legend.legend_html(ds, [], "vi", "2022")


def test_legend_names_the_era_and_its_signatory_units(ds):
    in_2022 = legend.legend_html(ds, ["provinces"], "vi", "2022")
    in_2025 = legend.legend_html(ds, ["provinces"], "vi", "2025")
    assert "Địa giới năm 2022" in in_2022 and "Hải Dương (ký kết)" in in_2022
    assert "Địa giới từ 01/7/2025" in in_2025 and "Hải Dương (ký kết)" not in in_2025
    assert "Thành phố Hải Phòng (gồm tỉnh ký kết)" in in_2025
    assert "Boundaries from 1 July 2025" in legend.legend_html(ds, ["provinces"], "en", "2025")


def test_legend_control_comes_and_goes_with_its_group(ds):
    html = rendered(legend.group(ds, ["bridges"], "vi", "2022"))
    assert "group.on('add'" in html and "control.remove()" in html
    assert "lienket-legend" in html


def test_base_map_has_scale_measure_minimap_frames_and_an_offline_fullscreen(ds):
    m = base.base_map((106.1, 20.1, 108.1, 21.7), "vi", ds.layer("provinces"),
                         region=(104.5, 19.5, 107.5, 22.5))
    script = m.get_root().render()
    assert "L.control.scale({metric: true, imperial: false" in script
    assert "new L.Control.MiniMap(" in script
    # fullscreen is the browser's own API: no script from anywhere else
    assert "requestFullscreen" in script and "cdn" not in script.lower()
    assert '"region":[104.5,19.5,107.5,22.5]' in script.replace(' ', '')
    links = [url for el in m._children.values() for _, url in getattr(el, "default_js", [])
             + getattr(el, "default_css", [])] + [u for _, u in m.default_js + m.default_css]
    assert links and all(u.startswith(assets.STATIC_URL) for u in links)


def test_a_missing_plugin_package_leaves_its_tool_off(ds, monkeypatch):
    monkeypatch.setattr(assets, "plugin_available", lambda name: False)
    m = base.base_map((106.1, 20.1, 108.1, 21.7), "vi", ds.layer("provinces"))
    script = m.get_root().render()
    assert "L.Control.Draw" not in script and "L.Control.MiniMap" not in script
    assert "L.control.scale" in script


def test_minimap_outline_is_small(ds):
    outline = controls.overview(ds.layer("provinces"))
    assert len(outline["features"]) == 1  # the country's outline: province borders are clutter there
    assert len(json.dumps(outline, separators=(",", ":"))) < 10_000  # bytes in the base script


def test_the_maps_own_scripts_reach_the_page_without_their_comments(ds):
    """Every page carries them (st_folium arguments): their comments are for this repo's readers."""
    m = base.base_map((106.1, 20.1, 108.1, 21.7), "vi", ds.layer("provinces"))
    script = m.get_root().render()
    sync = style.script("minimap_sync.js")
    assert sync.startswith("(function (control)") and sync in script
    assert "Keeps a Control.MiniMap" not in script  # its header comment
    for name in ("minimap_sync.js", "bridge_labels.js"):
        assert not any(line.lstrip().startswith(("//", "/*")) for line in style.script(name).splitlines())


def test_with_an_osm_pack_the_legend_names_its_roads_and_ferries(ds):
    import dataclasses

    import geopandas as gpd
    from shapely.geometry import LineString
    osm = gpd.GeoDataFrame({"kind": ["osm_road"], "id": ["osm-way-1"]},
                           geometry=[LineString([(106.5, 21.0), (106.6, 21.0)])], crs=4326)
    with_pack = dataclasses.replace(ds, layers={**ds.layers, "osm": osm})
    assert "Đường dẫn tới cầu (OpenStreetMap)" in legend.legend_html(with_pack, ["osm"], "vi", "2022")
    assert "OpenStreetMap" not in legend.legend_html(ds, ["osm"], "vi", "2022")
