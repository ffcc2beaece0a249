"""The page with and without an OSM pack (issue 13), run by Streamlit's AppTest."""

from __future__ import annotations

import socket

from lienket.packs import osm_pack, overpass
from tests import osm_fixtures as fx
from tests.test_app import map_args, panel_text, run


def test_without_an_osm_pack_the_page_has_no_osm_layer_and_offers_the_download():
    at = run(bridge="cau-dinh")
    assert not at.exception
    assert "layer_osm" not in [c.key for c in at.checkbox]
    assert "osm-way-" not in map_args(at)["feature_group"]
    assert at.button(key="osm_download")
    assert "openstreetmap.org/way" not in panel_text(at)


def test_with_an_osm_pack_bridges_are_ways_and_the_context_layer_is_drawn(ds, tmp_path):
    osm_pack.import_file(fx.write_overpass(tmp_path / "x.json", fx.all_ways(ds)), ds)
    at = run(bridge="cau-dinh")
    assert not at.exception
    assert at.checkbox(key="layer_osm").value
    groups = map_args(at)["feature_group"]
    assert '"id":"osm-way-6"' in groups and '"id":"osm-way-1"' in groups
    text = panel_text(at)
    assert "(https://www.openstreetmap.org/way/130)" in text and "OpenStreetMap contributors" in text
    assert "điểm sơ đồ" not in text


def test_a_failed_osm_download_in_the_app_is_a_warning(monkeypatch):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"
    monkeypatch.setenv(overpass.ENV_URL, dead)
    monkeypatch.setattr(overpass, "RETRIES", 0)
    at = run()
    at.button(key="osm_download").click().run()
    assert not at.exception
    assert any("Không tải được dữ liệu OpenStreetMap" in w.value for w in at.warning)
    assert osm_pack.current() == (None, None)
