"""The map as a user's browser sees it: headless Chromium, no network beyond the app's server."""

from __future__ import annotations

import pytest

from lienket.map import layers
from tests.browser import harness
from tests.browser.harness import wait_for_map

pytestmark = pytest.mark.browser

BRIDGE_PATHS = harness.BRIDGES  # each bridge: symbol, leader and label
BRIDGE_ORDER = ["cau-trieu", "cau-may", "cau-dong-mai", "cau-dinh", "cau-quang-thanh"]


def open_map(page, server, query: str = ""):
    return harness.open_map(page, f"{server}/{query}")


map_frame = harness.leaflet


def test_map_renders_offline_with_the_bridges(page, server):
    frame = open_map(page, server)
    assert frame.locator(BRIDGE_PATHS).count() == 5
    assert frame.locator(".lienket-legend").count() == 1
    # Every script and stylesheet came from the app itself; only background tiles were refused.
    assert [u for u in page.external_requests if "tile.openstreetmap.org" not in u] == []


def test_clicking_a_bridge_shows_its_two_districts(page, server):
    frame = open_map(page, server)
    frame.locator(BRIDGE_PATHS).nth(BRIDGE_ORDER.index("cau-dinh")).dispatch_event("click")
    panel = page.get_by_test_id("stMarkdownContainer").filter(has_text="Huyện Thủy Nguyên")
    panel.first.wait_for(timeout=20_000)
    assert page.get_by_text("Thị xã Kinh Môn").first.is_visible()
    # the URL is written at the end of the script run, after the panel: wait for it, don't race it
    page.wait_for_url("**bridge=cau-dinh**", timeout=20_000)


def test_selecting_keeps_the_users_zoom(page, server):
    open_map(page, server)
    leaflet = map_frame(page)
    leaflet.evaluate("window.map.setZoom(11, {animate: false})")
    page.get_by_test_id("stSelectbox").first.click()
    page.get_by_role("option", name="Cầu Quang Thanh").click()
    page.get_by_text("Huyện An Lão").first.wait_for(timeout=20_000)
    leaflet = map_frame(page)
    # the highlight arrives without a remount: the selected bridge is drawn in the selection colour
    selected = leaflet.locator(f"path[stroke='{layers.SELECTED_COLOUR}']")
    selected.first.wait_for(state="attached", timeout=20_000)  # off-screen at zoom 11: not "visible"
    assert leaflet.evaluate("window.map.getZoom()") == 11


def test_unknown_bridge_link_is_gentle(page, server):
    open_map(page, server, "?bridge=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.get_by_text("Không tìm thấy cầu").wait_for(timeout=20_000)
    assert dialogs == []


def test_with_a_pack_clicking_a_bridge_highlights_its_two_district_polygons(page, pack_server):
    frame = open_map(page, pack_server)
    leaflet = map_frame(page)
    zoom = leaflet.evaluate("window.map.getZoom()")
    view = "() => [map.getZoom(), map.getSize(), map.getBounds().toBBoxString()]"
    before = leaflet.evaluate(view)
    frame.locator(BRIDGE_PATHS).nth(BRIDGE_ORDER.index("cau-quang-thanh")).dispatch_event("click")
    page.get_by_text("Huyện An Lão").first.wait_for(timeout=20_000)
    polygons = f"path[fill='{layers.SELECTED_COLOUR}'][fill-opacity='0.35']"
    map_frame(page).locator(polygons).nth(1).wait_for(timeout=20_000)
    leaflet = map_frame(page)
    assert leaflet.locator(polygons).count() == 2
    # both districts were already in view: the user's zoom is left alone
    assert leaflet.evaluate("window.map.getZoom()") == zoom, (before, leaflet.evaluate(view))


OTHER_PROVINCES = f"path.leaflet-interactive[fill='{layers.OTHER_FILL}']"


def test_switching_era_changes_the_provinces_and_keeps_the_zoom(page, server):
    frame = open_map(page, server, "?bridge=cau-dinh")
    frame.locator(OTHER_PROVINCES).first.wait_for(timeout=30_000)
    before = frame.locator(OTHER_PROVINCES).count()
    leaflet = map_frame(page)
    leaflet.evaluate("window.map.setZoom(11, {animate: false})")
    page.get_by_test_id("stSidebar").get_by_text("Sau 01/07/2025").click()
    page.get_by_text("Thành phố Hải Phòng").first.wait_for(timeout=20_000)
    # the component swaps the province group in place: wait until the 34-unit layer is drawn
    page.wait_for_function(
        """([sel, n]) => { const f = [...document.querySelectorAll('iframe')].find(
              i => i.title === 'streamlit_folium.st_folium');
            return f && f.contentDocument.querySelectorAll(sel).length !== n; }""",
        arg=[OTHER_PROVINCES, before], timeout=20_000)
    after = frame.locator(OTHER_PROVINCES).count()
    assert before == 60 and after == 32  # 63 − 3 signatories; 34 − Hải Phòng − Quảng Ninh
    leaflet = map_frame(page)
    assert leaflet.evaluate("window.map.getZoom()") == 11
    page.wait_for_url("**era=2025**", timeout=20_000)
    assert "bridge=cau-dinh" in page.url
    # the selection survived the switch: the bridge is still highlighted
    assert leaflet.locator(f"path[stroke='{layers.SELECTED_COLOUR}']").count() >= 1


def test_with_a_pack_districts_off_screen_are_brought_into_view(page, pack_server):
    open_map(page, pack_server)
    leaflet = map_frame(page)
    leaflet.evaluate("window.map.setView([10.78, 106.70], 12, {animate: false})")  # Hồ Chí Minh City
    page.get_by_test_id("stSelectbox").first.click()
    page.get_by_role("option", name="Cầu Dinh").click()
    page.get_by_text("Huyện Thủy Nguyên").first.wait_for(timeout=20_000)
    polygons = f"path[fill='{layers.SELECTED_COLOUR}'][fill-opacity='0.35']"
    map_frame(page).locator(polygons).nth(1).wait_for(state="attached", timeout=20_000)
    page.wait_for_function(
        """() => { const f = [...document.querySelectorAll('iframe')].find(
              i => i.title === 'streamlit_folium.st_folium');
            const m = f && f.contentWindow.map;
            return m && m.getBounds().contains([20.95, 106.6]); }""", timeout=20_000)
    bounds = map_frame(page).evaluate("window.map.getBounds().toBBoxString()")
    west, south, east, north = map(float, bounds.split(","))
    assert west < 106.55 and east > 106.68 and south < 20.95 and north > 21.05  # both districts
