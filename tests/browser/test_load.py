"""Many users at once: 10 pages against one server, each its own (bridge, language); no leaks.

Memory is measured and printed (run with -s to see it), never asserted: speed and size belong
in bench/.
"""

from __future__ import annotations

import itertools
import time

import pytest

from tests.browser.harness import offline_context, rss_kib, wait_for_map
from tests.test_app import DISTRICTS, NAMES

pytestmark = pytest.mark.browser

PAIRS = list(itertools.product(DISTRICTS, ["vi", "en"]))  # 5 bridges x 2 languages = 10 users
TITLE = {"vi": "Liên kết vùng", "en": "Regional linkage"}
TIMEOUT_MS = 180_000  # 10 sessions share 2 cores: each page may wait for the others


def _bridge_headings(page) -> set[str]:
    """Which bridges the page's detail panel is about (its h3 heading)."""
    texts = page.locator("h3").all_inner_texts()
    return {bid for bid, name in NAMES.items() if any(t.startswith(name) for t in texts)}


def test_ten_concurrent_users_each_see_their_own_selection(browser, server):
    assert len(PAIRS) == 10
    # Warm up: the first page imports the libraries and loads the data (shared, once per server).
    warm = offline_context(browser)
    warm_page = warm.new_page()
    warm_page.goto(server)
    wait_for_map(warm_page, timeout_ms=TIMEOUT_MS)
    warm.close()
    rss_before = rss_kib(server.pid)
    contexts = [offline_context(browser, viewport={"width": 1200, "height": 900}) for _ in PAIRS]
    pages = [c.new_page() for c in contexts]
    started = time.monotonic()
    try:
        # All ten navigate before any is waited for: the server serves them concurrently.
        for page, (bridge, lang) in zip(pages, PAIRS):
            page.goto(f"{server}/?bridge={bridge}&lang={lang}", wait_until="commit")
        for page, (bridge, lang) in zip(pages, PAIRS):
            page.get_by_role("heading", name=TITLE[lang]).first.wait_for(timeout=TIMEOUT_MS)
            for district in DISTRICTS[bridge]:
                page.get_by_text(district).first.wait_for(timeout=TIMEOUT_MS)
            wait_for_map(page, timeout_ms=TIMEOUT_MS)
        loaded = time.monotonic() - started
        rss_after = rss_kib(server.pid)
        # Once all are up, each page still shows only its own bridge, language and link.
        for page, (bridge, lang) in zip(pages, PAIRS):
            assert _bridge_headings(page) == {bridge}, (bridge, lang)
            assert page.get_by_role("heading", name=TITLE[lang]).count() == 1, (bridge, lang)
            assert f"bridge={bridge}" in page.url and (("lang=en" in page.url) == (lang == "en"))
            chosen = page.get_by_test_id("stSelectbox").first.get_by_role("combobox")
            assert chosen.input_value() == NAMES[bridge], (bridge, lang)
        # One user changes bridge; the others are untouched.
        pages[0].get_by_test_id("stSelectbox").first.click()
        pages[0].get_by_role("option", name=NAMES[PAIRS[-1][0]]).click()
        pages[0].get_by_text(DISTRICTS[PAIRS[-1][0]][1]).first.wait_for(timeout=TIMEOUT_MS)
        for page, (bridge, _lang) in list(zip(pages, PAIRS))[1:]:
            assert _bridge_headings(page) == {bridge}
    finally:
        for context in contexts:
            context.close()
    growth = rss_after - rss_before
    print(f"\n[load] 10 pages loaded in {loaded:.1f} s; server RSS {rss_before / 1024:.0f} MiB -> "
          f"{rss_after / 1024:.0f} MiB (+{growth / 1024:.1f} MiB, "
          f"{growth / 1024 / len(PAIRS):.1f} MiB per page)")
