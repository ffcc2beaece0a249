"""Map tools in Chromium with no network: measure, minimap, scale, fullscreen, the two frames,
legend, search, phone layout, copy link — all without errors."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qsl, urlsplit

import pytest

from lienket.map import layers
from tests.browser import harness
from tests.browser.harness import offline_context, wait_for_map, wait_idle

pytestmark = pytest.mark.browser

BRIDGE_PATHS = harness.BRIDGES  # each bridge: symbol, leader and label


def open_map(page, server, query: str = ""):
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    return harness.open_map(page, f"{server}/{query}"), errors


leaflet = harness.leaflet


def test_offline_tools_are_there_and_fullscreen_works_offline(page, server):
    frame, errors = open_map(page, server)
    # minimap: drawn from the app's own files, showing the country's outline with no tiles
    minimap = frame.locator(".leaflet-control-minimap")
    assert minimap.count() == 1
    assert minimap.locator("path").count() >= 1  # the country's outline
    assert frame.locator(".leaflet-control-minimap-toggle-display").count() == 1
    # its show/hide button has its arrow (served by the app, not a blank square)
    arrow = leaflet(page).evaluate("""() => new Promise(done => {
        const css = getComputedStyle(document.querySelector(
            '.leaflet-control-minimap-toggle-display')).backgroundImage;
        const img = new Image(); img.onload = () => done(img.width); img.onerror = () => done(0);
        img.src = css.slice(5, -2); })""")
    assert arrow > 0
    # metric scale bar only
    assert re.fullmatch(r"\d+ (km|m)", frame.locator(".leaflet-control-scale-line").inner_text())
    assert frame.locator(".leaflet-control-scale-line").count() == 1
    # measuring: distance and area buttons, titled in Vietnamese
    assert frame.locator("a.leaflet-draw-draw-polyline[title='Đo khoảng cách']").count() == 1
    assert frame.locator("a.leaflet-draw-draw-polygon[title='Đo diện tích']").count() == 1
    # fullscreen: the browser's own API on the map's container, no network needed
    button = frame.locator("a.lk-fullscreen[title='Toàn màn hình']")
    button.click()
    map_div = "document.fullscreenElement && document.fullscreenElement.id"
    leaflet(page).wait_for_function(f"() => ({map_div}) === 'map_div'", timeout=10_000)
    assert frame.locator("a.lk-fullscreen").get_attribute("title") == "Thoát toàn màn hình"
    frame.locator("a.lk-fullscreen").click()
    leaflet(page).wait_for_function("() => !document.fullscreenElement", timeout=10_000)
    # the two frames: the whole region (the ring) and back to the linkage
    zoom = leaflet(page).evaluate("window.map.getZoom()")
    frame.locator("a.lk-frame-region").click()
    leaflet(page).wait_for_function(f"() => window.map.getZoom() < {zoom}", timeout=10_000)
    region = leaflet(page).evaluate("window.map.getBounds().toBBoxString()")
    west, south, east, north = map(float, region.split(","))
    assert west < 105.3 and north > 22.0  # Hòa Bình, Thái Nguyên: the ring is in view
    frame.locator("a.lk-frame-opening").click()
    leaflet(page).wait_for_function("() => window.map.getBounds().getWest() > 105.5",
                                    timeout=10_000)
    west, south, east, north = map(float, leaflet(page).evaluate(
        "window.map.getBounds().toBBoxString()").split(","))
    assert 105.5 < west < 106.2 and 107.3 < east < 108.0  # the linkage again, not the ring
    assert [u for u in page.external_requests if "tile.openstreetmap.org" not in u] == []
    assert errors == []


VIEW = "() => [map.getZoom(), map.getCenter().lng, map.getCenter().lat]"


def test_the_minimap_never_moves_the_map_by_itself(page, server):
    """Two moves of the map within the minimap's pan animation (a rerun's fits and a selection
    can make them) once left the minimap "moving" the map to its own whole zoom: 9.5 -> 10."""
    frame, errors = open_map(page, server)
    zoom, lng, lat = leaflet(page).evaluate(VIEW)
    leaflet(page).evaluate("""() => { map.panBy([30, 0], {animate: false});
        setTimeout(() => map.panBy([-30, 0], {animate: false}), 60); }""")
    page.wait_for_timeout(1_000)
    after = leaflet(page).evaluate(VIEW)
    assert after[0] == zoom, after
    assert after[1:] == pytest.approx([lng, lat], abs=1e-3)  # where the second move put it
    assert errors == []


def test_dragging_the_minimap_pans_the_map_and_keeps_its_zoom(page, server):
    frame, errors = open_map(page, server)
    minimap = frame.locator(".leaflet-control-minimap")
    if minimap.bounding_box()["width"] < 60:  # folded on this screen: unfold it as a reader would
        frame.locator(".leaflet-control-minimap-toggle-display").click()
    page.wait_for_timeout(300)
    zoom, lng, lat = leaflet(page).evaluate(VIEW)
    box = minimap.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 12, y + 6, steps=6)  # drag the minimap west-south: the view goes east-north
    page.mouse.up()
    page.wait_for_timeout(800)
    after = leaflet(page).evaluate(VIEW)
    assert after[0] == zoom, after
    assert after[1] > lng + 0.2 and after[2] > lat + 0.1, after
    assert errors == []


def _click_map(page, points):
    """Real mouse clicks at map-container pixel positions (Leaflet.draw listens to the mouse)."""
    box = page.locator("iframe[title='streamlit_folium.st_folium']").bounding_box()
    origin = leaflet(page).evaluate(
        "(() => { const r = document.getElementById('map_div').getBoundingClientRect();"
        " return [r.left, r.top]; })()")
    for x, y in points:
        page.mouse.click(box["x"] + origin[0] + x, box["y"] + origin[1] + y)
        page.wait_for_timeout(250)


def _label_number(text: str) -> float:
    """'Khoảng cách: 12,34 km' -> 12.34 (Vietnamese decimal comma, dot thousands)."""
    number = re.search(r"([\d.]+(?:,\d+)?)\s*(km|m)", text).group(1)
    return float(number.replace(".", "").replace(",", "."))


def test_measuring_a_distance_works_offline(page, server):
    frame, errors = open_map(page, server)
    frame.locator("a.leaflet-draw-draw-polyline").click()
    points = [(150, 320), (450, 200)]  # clear of the legend and the minimap
    _click_map(page, points)
    frame.locator(".leaflet-draw-actions a", has_text="Xong").click()
    label = frame.locator(".lienket-measure")
    label.wait_for(timeout=10_000)
    text = label.inner_text()
    assert text.startswith("Khoảng cách:") and text.endswith(" km")
    expected = leaflet(page).evaluate(
        f"""(() => {{ const p = {json.dumps(points)}.map(q => window.map.containerPointToLatLng(q));
             return p[0].distanceTo(p[1]) / 1000; }})()""")
    assert _label_number(text) == pytest.approx(expected, rel=0.02)
    assert errors == []


def test_measuring_an_area_works_offline(page, server):
    frame, errors = open_map(page, server)
    frame.locator("a.leaflet-draw-draw-polygon").click()
    corners = [(150, 200), (400, 200), (400, 330)]
    _click_map(page, corners + corners[:1])  # clicking the first corner closes the area
    label = frame.locator(".lienket-measure")
    label.wait_for(timeout=10_000)
    text = label.inner_text()
    assert text.startswith("Diện tích:") and "km²" in text and "chu vi" in text
    assert errors == []


def legend_text(page) -> str:
    return leaflet(page).evaluate(
        "(() => { const l = document.querySelectorAll('.lienket-legend');"
        " return l.length === 1 ? l[0].textContent : 'count ' + l.length; })()")


def test_legend_follows_the_visible_layers_and_the_era_without_a_remount(page, server):
    open_map(page, server)
    assert "Di sản UNESCO" in legend_text(page) and "Địa giới năm 2022" in legend_text(page)
    leaflet(page).evaluate("window.map.setZoom(10, {animate: false})")
    page.get_by_test_id("stSidebar").get_by_test_id("stCheckbox").filter(has_text="Di sản").click()
    page.wait_for_function(
        """() => { const f = [...document.querySelectorAll('iframe')].find(
              i => i.title === 'streamlit_folium.st_folium');
            const l = f && f.contentDocument.querySelectorAll('.lienket-legend');
            return l && l.length === 1 && !l[0].innerText.includes('Di sản UNESCO'); }""",
        timeout=20_000)
    page.get_by_test_id("stSidebar").get_by_text("Sau 01/07/2025").click()
    page.wait_for_function(
        """() => { const f = [...document.querySelectorAll('iframe')].find(
              i => i.title === 'streamlit_folium.st_folium');
            const l = f && f.contentDocument.querySelectorAll('.lienket-legend');
            return l && l.length === 1 && l[0].innerText.includes('Địa giới từ 01/7/2025'); }""",
        timeout=20_000)
    assert "Thành phố Hải Phòng (gồm tỉnh ký kết)" in legend_text(page)
    assert leaflet(page).evaluate("window.map.getZoom()") == 10  # same map, the view kept


def test_search_without_diacritics_moves_the_map_to_the_place(page, server):
    open_map(page, server)
    leaflet(page).evaluate("window.map.setView([21.0, 105.5], 9, {animate: false})")  # far west
    box = page.get_by_test_id("stSidebar").get_by_placeholder("vd. cau trieu, ha long, kinh mon")
    box.fill("vinh ha long")
    box.press("Enter")
    page.get_by_role("button", name="Vịnh Hạ Long – Quần đảo Cát Bà — di sản").click()
    page.wait_for_url("**place=vinh-ha-long-cat-ba**", timeout=20_000)
    page.wait_for_function(
        """() => { const f = [...document.querySelectorAll('iframe')].find(
              i => i.title === 'streamlit_folium.st_folium');
            const m = f && f.contentWindow.map; if (!m) return false;
            const c = m.getCenter(); return c.lng > 106.7 && c.lat < 21.1; }""", timeout=20_000)
    # the place is marked and labelled
    assert leaflet(page).locator(".leaflet-tooltip", has_text="Vịnh Hạ Long").count() >= 1


def test_phone_layout_has_no_horizontal_scroll_and_the_panel_below_the_map(browser, server):
    context = offline_context(browser, viewport={"width": 390, "height": 844}, is_mobile=True,
                              has_touch=True, device_scale_factor=2)
    page = context.new_page()
    try:
        frame, errors = open_map(page, server, "?bridge=cau-dinh")
        page.get_by_text("Huyện Thủy Nguyên").first.wait_for(timeout=20_000)
        page.wait_for_timeout(1000)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert page.evaluate("document.querySelector('[data-testid=stMain]').scrollWidth") <= 390
        # nothing scrolls sideways, except the sources table inside its own box (as tables do)
        # and the collapsed sidebar
        sideways = page.evaluate("""() => [...document.querySelectorAll('*')].filter(e =>
            e.scrollWidth > e.clientWidth + 1
            && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX)
            && !e.closest('.lienket-table, [data-testid=stSidebar]'))
            .map(e => e.getAttribute('data-testid') || e.tagName)""")
        assert sideways == []
        iframe = page.locator("iframe[title='streamlit_folium.st_folium']").bounding_box()
        assert iframe["width"] >= 340  # the map fills the width (less the page's padding)
        panel = page.get_by_role("heading", name="Cầu Dinh").bounding_box()
        assert panel["y"] >= iframe["y"] + iframe["height"] - 1  # the panel comes after the map
        assert panel["x"] < 60
        # the minimap and legend fold away on a phone, leaving the map usable
        assert frame.locator(".leaflet-control-minimap").evaluate("e => e.offsetWidth") < 60
        assert not frame.locator(".lienket-legend details").evaluate("d => d.open")
        assert errors == []
    finally:
        context.close()


def test_copy_link_button_copies_the_link_to_this_view(browser, server):
    context = offline_context(browser, viewport={"width": 1400, "height": 1000})
    context.grant_permissions(["clipboard-read", "clipboard-write"],
                              origin=server.rstrip("/"))
    page = context.new_page()
    try:
        open_map(page, server, "?bridge=cau-dinh&lang=en")
        page.wait_for_url("**bridge=cau-dinh**", timeout=20_000)
        copy = page.frame_locator("iframe[srcdoc*='clipboard']").get_by_role("button")
        copy.click()
        page.frame_locator("iframe[srcdoc*='clipboard']").get_by_text("Copied").wait_for()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.startswith(server)
        assert dict(parse_qsl(urlsplit(copied).query)) == dict(parse_qsl(urlsplit(page.url).query))
        assert dict(parse_qsl(urlsplit(copied).query)) == {"bridge": "cau-dinh", "lang": "en"}
    finally:
        context.close()


def test_a_deep_link_opens_the_same_view_in_a_fresh_page(page, server):
    query = "?bridge=cau-trieu&lang=en&era=2025&layers=provinces,heritage,bridges" \
            "&place=vinh-ha-long-cat-ba"
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}/{query}")
    wait_for_map(page)
    page.get_by_role("heading", name="Cầu Triều").wait_for(timeout=30_000)
    # the map has moved to the place found, and marks it
    page.wait_for_function(
        """() => { const f = [...document.querySelectorAll('iframe')].find(
              i => i.title === 'streamlit_folium.st_folium');
            const m = f && f.contentWindow.map; if (!m) return false;
            const c = m.getCenter(); return m.getZoom() >= 10 && c.lng > 106.9 && c.lat < 21.0; }""",
        timeout=20_000)
    text = legend_text(page)
    assert "Boundaries from 1 July 2025" in text and "UNESCO heritage" in text
    assert "9-province ring" not in text  # not in the link's layers
    page.get_by_test_id("stSidebar").get_by_text("English").wait_for(timeout=20_000)
    assert dict(parse_qsl(urlsplit(page.url).query)) == dict(parse_qsl(query[1:]))
    assert errors == []


def test_downloading_a_layer_in_the_browser_gives_its_geojson(page, server):
    open_map(page, server, "?era=2025")
    wait_idle(page)  # the follow-up run st_folium asks for once mounted redraws the sidebar
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Tải dữ liệu").click()
    button = sidebar.get_by_test_id("stDownloadButton").filter(has_text="GeoJSON").nth(
        [la for la in layers.LAYERS if la != "osm"].index("bridges"))  # issue 13: osm needs a pack
    with page.expect_download(timeout=20_000) as info:
        button.click()
    download = info.value
    assert re.fullmatch(r"lienket_cau-lien-ket_2025_\d{4}-\d{2}-\d{2}\.geojson",
                        download.suggested_filename)
    doc = json.loads(open(download.path(), encoding="utf-8").read())
    assert [f["properties"]["id"] for f in doc["features"]] == [
        "cau-trieu", "cau-may", "cau-dong-mai", "cau-dinh", "cau-quang-thanh"]
