"""What a reader sees first, measured on the rendered page: the opening frame, the five bridges
(inside the map, none under a control or another bridge, each labelled), the map high on the
screen, no developer buttons — at 1440×900, 1280×720 and on a phone."""

from __future__ import annotations

import pytest

from lienket.map import style
from tests.browser import harness
from tests.browser.harness import MAP_FRAME, offline_context, wait_for_map

pytestmark = pytest.mark.browser

#: Every rectangle a reader must see, read inside the map's frame (CSS pixels of the frame).
RECTS = """() => {
    const r = el => { const b = el.getBoundingClientRect();
                      return {x: b.left, y: b.top, w: b.width, h: b.height}; };
    const q = sel => [...document.querySelectorAll(sel)];
    return {map: r(document.getElementById('map_div')),
            symbols: q('#map_div .lk-bridge .lk-bridge-symbol').map(r),
            labels: q('#map_div .lk-bridge .lk-bridge-label').map(el => ({
                ...r(el), text: el.textContent,
                size: parseFloat(getComputedStyle(el).fontSize)})),
            controls: q('#map_div .leaflet-control').map(r).filter(c => c.w && c.h),
            bounds: window.map.getBounds().toBBoxString().split(',').map(Number)};
}"""


def overlap(a: dict, b: dict) -> bool:
    return a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] \
        and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]


def inside(a: dict, box: dict) -> bool:
    return a["x"] >= box["x"] and a["y"] >= box["y"] and a["x"] + a["w"] <= box["x"] + box["w"] \
        and a["y"] + a["h"] <= box["y"] + box["h"]


def opened(browser, server, width: int, height: int, **options):
    context = offline_context(browser, viewport={"width": width, "height": height}, **options)
    page = context.new_page()
    page.goto(f"{server}/")
    frame = wait_for_map(page)
    frame.locator(".lk-bridge-label").nth(4).wait_for(timeout=30_000)
    page.wait_for_timeout(1500)  # the label layout runs once the frame has its final size
    return context, page, harness.leaflet(page)


@pytest.mark.parametrize("width,height", [(1440, 900), (1280, 720)])
def test_the_map_opens_on_the_linkage_with_every_bridge_labelled(browser, server, width, height):
    context, page, leaflet = opened(browser, server, width, height)
    try:
        seen = leaflet.evaluate(RECTS)
        symbols, labels, controls = seen["symbols"], seen["labels"], seen["controls"]
        assert len(symbols) == 5 and len(labels) == 5
        west, south, east, north = seen["bounds"]
        opening = style.VIEW["opening"]
        # the three provinces framed, Quảng Ninh as far east as Hạ Long and Cẩm Phả (107.3° E)
        assert west <= opening[0] and south <= opening[1] and east >= 107.3 and north >= opening[3]
        for n, symbol in enumerate(symbols):
            assert inside(symbol, seen["map"]), f"bridge {n} is outside the map"
            assert not any(overlap(symbol, c) for c in controls), f"bridge {n} under a control"
            assert not any(overlap(symbol, s) for s in symbols[n + 1:]), "two bridges overlap"
        for n, label in enumerate(labels):
            assert label["text"].startswith("Cầu ") and label["size"] >= 11
            assert inside(label, seen["map"]), f"label {label['text']} is cut off"
            assert not any(overlap(label, c) for c in controls), f"{label['text']} under a control"
            assert not any(overlap(label, s) for s in symbols), f"{label['text']} covers a bridge"
            assert not any(overlap(label, o) for o in labels[n + 1:]), f"{label['text']} overlaps"
        # the map starts within the first 30% of the screen; no developer buttons
        top = page.locator(MAP_FRAME).bounding_box()["y"]
        assert top <= 0.3 * height, f"the map starts {top:.0f} px down"
        assert page.get_by_test_id("stAppDeployButton").count() == 0
        assert page.get_by_text("Deploy", exact=True).count() == 0
    finally:
        context.close()


def test_on_a_phone_the_map_starts_in_the_first_half_under_a_short_title(browser, server):
    context, page, leaflet = opened(browser, server, 390, 844, is_mobile=True, has_touch=True,
                                    device_scale_factor=2)
    try:
        top = page.locator(MAP_FRAME).bounding_box()["y"]
        assert top <= 844 / 2, f"the map starts {top:.0f} px down"
        lines = page.locator("h1").first.evaluate(
            "h => h.getBoundingClientRect().height / parseFloat(getComputedStyle(h).lineHeight)")
        assert lines <= 2.2, f"the title takes {lines:.1f} lines"
        # the legend and the minimap start folded, so the bridges stay uncovered
        assert leaflet.locator(".lienket-legend details[open]").count() == 0
        assert leaflet.evaluate("window.map.getContainer().querySelector("
                                "'.leaflet-control-minimap').offsetWidth") < 60
    finally:
        context.close()
