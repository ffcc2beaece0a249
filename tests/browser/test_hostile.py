"""Script injected into the data, in a real browser: nothing runs, the text shows literally."""

from __future__ import annotations

import pytest

from lienket.map import layers
from tests.browser import harness
from tests.browser.harness import wait_for_map
from tests.corpus import PAYLOAD

pytestmark = pytest.mark.browser

BRIDGE_PATHS = harness.BRIDGES  # each bridge: symbol, leader and label
IMG = "<img src=x onerror=alert(1)>"


def test_injected_names_show_as_text_and_never_run(page, hostile_server):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{hostile_server}/?bridge=cau-dinh")
    frame = wait_for_map(page)
    frame.locator(BRIDGE_PATHS).first.wait_for(state="attached", timeout=30_000)

    # Detail panel: the bridge's name, with the payload as literal text.
    page.get_by_role("heading", name=f"Cầu Dinh{PAYLOAD}").wait_for(timeout=20_000)
    # Map: the selected bridge's districts carry permanent labels; hover a bridge for its tooltip
    # and click a province for its popup.
    labels = frame.locator(".leaflet-tooltip")
    labels.filter(has_text="Huyện Thủy Nguyên").wait_for(timeout=20_000)
    assert sorted(labels.all_inner_texts()) == [f"Huyện Thủy Nguyên{PAYLOAD}",
                                                f"Thị xã Kinh Môn{PAYLOAD}"]
    frame.locator(BRIDGE_PATHS).first.dispatch_event("mouseover")
    tooltip = labels.filter(has_text="sông")  # the bridge's tooltip names its river
    tooltip.first.wait_for(timeout=10_000)
    assert IMG in tooltip.first.inner_text()
    frame.locator("path.leaflet-interactive[fill='#e8a33d']").first.dispatch_event("click")
    popup = frame.locator(".leaflet-popup-content")
    popup.first.wait_for(timeout=10_000)
    assert IMG in popup.first.inner_text()
    # The data-error messages name the files, and show no markup either.
    assert page.get_by_text("text contains HTML markup").first.is_visible()

    page.wait_for_timeout(1500)  # give any injected handler the chance to fire
    assert dialogs == []
    for where in (page, frame):
        assert where.locator("img[src='x']").count() == 0
        assert where.locator("script:text('alert(2)')").count() == 0
