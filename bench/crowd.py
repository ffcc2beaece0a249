"""Many readers at once, and a soak: what one server process costs per session and per rerun.

Server memory and CPU come from /proc of the `streamlit run` process; pages are opened in
batches (a browser per batch of tabs would swamp two cores), and stay open, so at the end all
sessions are live at once.
"""

from __future__ import annotations

import random
import statistics
import time

from bench.pageload import BRIDGES, MAP_FRAME
from tests.browser.harness import wait_idle


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0–100), nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def open_sessions(browser, url: str, count: int, batch: int,
                  timeout_ms: int = 180_000) -> tuple[list, list, list[float]]:
    """Open `count` sessions, `batch` at a time (each batch navigates at once); return
    (contexts, pages that got their map, seconds to map of each)."""
    from tests.browser.harness import offline_context
    contexts, good, times = [], [], []
    for start in range(0, count, batch):
        wave = []
        for _ in range(min(batch, count - start)):
            ctx = offline_context(browser, viewport={"width": 1200, "height": 900})
            page = ctx.new_page()
            contexts.append(ctx)
            wave.append((page, time.perf_counter()))
            page.goto(url, wait_until="commit")
        for page, began in wave:
            try:
                page.frame_locator(MAP_FRAME).locator(f"#map_div {BRIDGES}").first.wait_for(
                    state="attached", timeout=timeout_ms)
                times.append(time.perf_counter() - began)
                good.append(page)
            except Exception as exc:  # noqa: BLE001 — a page that never renders is the figure
                print(f"  a session got no map: {type(exc).__name__}", flush=True)
    return contexts, good, times


def toggle_layer(page, index: int) -> None:
    """Click the index-th layer checkbox in the sidebar and wait for the rerun."""
    page.get_by_test_id("stSidebar").get_by_test_id("stCheckbox").nth(index).locator(
        "label").click()
    wait_idle(page)


def choose_bridge(page, index: int) -> int:
    """Choose the index-th entry of the bridge select box; returns the extra clicks it took.

    Now and then (4 of ~170 in a 10-minute soak) Streamlit's select box takes the focus on a
    click without opening its list; a reader clicks again, and so does this."""
    box = page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").first
    for extra in range(3):
        box.click()
        try:
            page.get_by_role("option").nth(index).click(timeout=3_000)
            break
        except Exception:  # noqa: BLE001 — the list did not open: click the box again
            if extra == 2:
                raise
    wait_idle(page)
    return extra


def switch_radio(page, which: int) -> None:
    """Choose the other option of a sidebar radio (0: language, 1: era)."""
    radio = page.get_by_test_id("stSidebar").get_by_test_id("stRadio").nth(which)
    options = radio.get_by_test_id("stRadioOption")
    chosen = [i for i in range(options.count())
              if options.nth(i).get_attribute("data-selected") == "true"]
    options.nth(1 - (chosen[0] if chosen else 0)).click()
    wait_idle(page)


def search(page, text: str) -> None:
    """Type a search in the sidebar and choose the first hit, if any."""
    box = page.get_by_test_id("stSidebar").get_by_test_id("stTextInput").locator("input")
    box.fill(text)
    box.press("Enter")
    wait_idle(page)
    hits = page.get_by_test_id("stSidebar").locator("[class*='st-key-hit_'] button")
    if hits.count():
        hits.first.click()
        wait_idle(page)


ACTIONS = ("toggle", "select", "era", "language", "search")


def scripted_use(page, rng: random.Random, action: str) -> int:
    """One user action (one of ACTIONS), its details drawn from `rng`; returns the extra
    clicks it took (see `choose_bridge`)."""
    if action == "toggle":
        toggle_layer(page, rng.randrange(7))
    elif action == "select":
        return choose_bridge(page, rng.randrange(6))
    elif action == "era":
        switch_radio(page, 1)
    elif action == "language":
        switch_radio(page, 0)
    else:
        search(page, rng.choice(["cau", "ha long", "hai phong", "kinh mon", "xyz"]))
    return 0


def warm_reruns(page, count: int) -> int:
    """Toggle one layer off and on `count` times in all; returns the reruns made."""
    for i in range(count):
        toggle_layer(page, 3 + (i % 2))
    return count


def median(values: list[float]) -> float:
    """Median, 0 for none."""
    return statistics.median(values) if values else 0.0

