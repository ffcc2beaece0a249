"""The first paint (issue 12): the map is drawn before the controls, at its final width, and the
controls come even when the map never reports."""

from __future__ import annotations

import pytest

from tests.browser.harness import BRIDGES as BRIDGES_ANYWHERE
from tests.browser.harness import MAP_FRAME, offline_context, wait_for_map

pytestmark = pytest.mark.browser

CONTROLS = "[data-testid='stSidebar'] [data-testid='stCheckbox']"
BRIDGES = f"#map_div {BRIDGES_ANYWHERE}"
#: In every document (page and map iframe), the wall-clock time each selector first matched and
#: the window's width then. Polled: the iframe's window changes document without a new script.
STAMPS = """
(() => {
  const seen = {};
  window.__seen = seen;
  const wanted = {controls: %r, bridges: %r};
  const timer = setInterval(() => {
    for (const [name, query] of Object.entries(wanted)) {
      if (!(name in seen) && document.querySelector(query)) {
        seen[name] = {at: Date.now(), width: window.innerWidth};
      }
    }
  }, 5);
  setTimeout(() => clearInterval(timer), 120000);
})();
""" % (CONTROLS, BRIDGES)


def _stamp(frame_or_page, name: str) -> dict | None:
    return frame_or_page.evaluate(f"() => (window.__seen || {{}})[{name!r}] || null")


def test_the_map_is_drawn_before_the_controls_and_does_not_change_width(browser, server):
    context = offline_context(browser, viewport={"width": 1400, "height": 1000})
    context.add_init_script(STAMPS)
    page = context.new_page()
    try:
        page.goto(server)
        wait_for_map(page).locator(BRIDGES).first.wait_for(state="attached", timeout=60_000)
        page.locator(CONTROLS).first.wait_for(timeout=60_000)
        frame = page.locator(MAP_FRAME).element_handle().content_frame()
        bridges, controls = _stamp(frame, "bridges"), _stamp(page, "controls")
        assert bridges and controls, (bridges, controls)
        assert bridges["at"] < controls["at"], (bridges, controls)
        # The sidebar was there from the start (a placeholder): the map keeps its width.
        assert frame.evaluate("() => window.innerWidth") == bridges["width"]
        assert frame.locator(BRIDGES).count() == 5  # the same map, not a remounted one
    finally:
        context.close()


def test_the_controls_come_even_when_the_map_never_reports(browser, server):
    context = offline_context(browser, viewport={"width": 1400, "height": 1000})
    # The map component's own files never arrive: it cannot ask for the next run.
    context.route("**/component/streamlit_folium*/**", lambda route: route.abort())
    page = context.new_page()
    try:
        page.goto(server)
        page.get_by_text("Đang tải bảng điều khiển…").wait_for(timeout=60_000)
        page.locator(CONTROLS).first.wait_for(timeout=30_000)
        assert page.get_by_test_id("stSelectbox").count() == 1
    finally:
        context.close()
