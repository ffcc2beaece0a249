"""Benchmark of the static site (issue 11): `python bench/site.py`, or called by bench/run.py.

Figures, each beside its target: the whole site's size (both eras, both languages) raw and
gzipped (each file as a static server would send it, gzip -9), what the first paint loads, first
paint from a local static server in headless Chromium (navigation → the bridges drawn, measured
like the live app's in bench/run.py) and click on a bridge → its panel drawn (timed in the page,
up to the next frame). With `--live` (or from run.py, which measured it) the live app's first
paint as a ratio to the site's.
"""

from __future__ import annotations

import argparse
import gzip
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.report import Report  # noqa: E402
from lienket.data import dataset
from lienket.map import selection
from lienket.site import build  # noqa: E402

SCENARIO = "site"
#: Clicks a bridge's own shape and resolves with the ms until the next frame, once the panel
#: shows the bridge (a real DOM click event; the page updates the panel synchronously).
CLICK = """(id) => new Promise((done, fail) => {
    const v = LK.V[LK.state.era + '-' + LK.state.lang];
    let path = null;
    v.groups.bridges.eachLayer(function visit(l) {
        if (l.eachLayer) { l.eachLayer(visit); }
        else if (l.feature && l.feature.properties.id === id) { path = l._path || l._icon; }
    });
    const t0 = performance.now();
    path.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true, view: window}));
    requestAnimationFrame(() => {
        if (LK.state.bridge !== id || !document.querySelector('#lk-detail h3')) { fail('no panel'); }
        done(performance.now() - t0);
    });
})"""

Add = Callable[..., None]


def sizes(directory: Path) -> dict[str, int]:
    """Bytes of the whole site and of what the default view's first paint loads."""
    files = [p for p in directory.rglob("*") if p.is_file()]
    gz = {p: len(gzip.compress(p.read_bytes(), 9)) for p in files}
    page = (directory / "index.html").read_text(encoding="utf-8")
    from tests.site_tools import config
    first = {directory / f for f in config(directory)["files"]["2022-vi"]}
    first |= {directory / link for link in re.findall(r'(?:src|href)="([^":]+)"', page)}
    first.add(directory / "index.html")
    return {"raw": sum(p.stat().st_size for p in files), "gz": sum(gz.values()),
            "first_gz": sum(gz[p] for p in first), "files": len(files)}


def browser_timings(directory: Path, loads: int) -> tuple[list[float], list[float], list[float]]:
    """First paints (s) over http from a local static server, seen from outside and timed in the
    page (navigation start → layers drawn), and click → panel times (ms)."""
    from playwright.sync_api import sync_playwright

    from tests.browser.harness import launch_chromium, offline_context
    from tests.site_tools import serve
    bridge_paths = ".leaflet-marker-icon.lk-bridge"
    bridges = selection.bridge_ids(dataset.load())
    paint, in_page, click = [], [], []
    with serve(directory) as url, sync_playwright() as pw:
        browser = launch_chromium(pw)
        for i in range(loads):
            context = offline_context(browser, viewport={"width": 1400, "height": 1000})
            page = context.new_page()
            t = time.perf_counter()
            page.goto(f"{url}/index.html", wait_until="commit")  # not the tiles' load event
            page.locator(bridge_paths).first.wait_for(state="attached", timeout=60_000)
            paint.append(time.perf_counter() - t)
            page.wait_for_selector("body[data-ready]")
            in_page.append(page.evaluate("LK.readyAt") / 1000)
            click.append(page.evaluate(CLICK, bridges[i % len(bridges)]))
            context.close()
        browser.close()
    return paint, in_page, click


def live_first_paint(loads: int) -> float:
    """The live app's first paint (s, median), measured as bench/run.py does."""
    from playwright.sync_api import sync_playwright

    from tests.browser.harness import (
        launch_chromium,
        offline_context,
        serve_app,
        wait_for_map,
    )
    bridge_paths = ".leaflet-marker-icon.lk-bridge"
    paint = []
    with tempfile.TemporaryDirectory() as cache, \
            serve_app(env={"LIENKET_CACHE": cache}) as url, sync_playwright() as pw:
        browser = launch_chromium(pw)
        for _ in range(loads):
            context = offline_context(browser, viewport={"width": 1400, "height": 1000})
            page = context.new_page()
            t = time.perf_counter()
            page.goto(f"{url}/")
            wait_for_map(page, 60_000).locator(bridge_paths).first.wait_for(state="attached",
                                                                            timeout=60_000)
            paint.append(time.perf_counter() - t)
            context.close()
        browser.close()
    return statistics.median(paint)


def figures(add: Add, loads: int = 5, browser: bool = True,
            live_paint: float | None = None) -> None:
    """Export the shipped data to a temporary folder and report its figures through `add`."""
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        written = build.export(Path(tmp) / "site", dataset.load())
        add(SCENARIO, "export (build + write, both eras and languages)", time.perf_counter() - t,
            "s")
        size = sizes(written.path)
        add(SCENARIO, f"whole site raw ({size['files']} files)", size["raw"] / 1000, "KB")
        add(SCENARIO, "whole site gzipped", size["gz"] / 1000, "KB", "<= 400 KB (goal 150)",
            size["gz"] <= 400_000)
        add(SCENARIO, "first paint loads (gzipped)", size["first_gz"] / 1000, "KB")
        if not browser:
            return
        paint, in_page, click = browser_timings(written.path, loads)
    p, c = statistics.median(paint), statistics.median(click)
    add(SCENARIO, f"first paint from a static server (navigation → bridges), median of {loads}",
        p * 1000, "ms", "<= 500 ms", p <= 0.5)
    add(SCENARIO, "  the same, timed in the page (navigation start → layers drawn)",
        statistics.median(in_page) * 1000, "ms")
    add(SCENARIO, f"click → panel drawn (next frame), median of {loads}", c, "ms", "<= 50 ms",
        c <= 50)
    if live_paint is not None:
        add(SCENARIO, "live app first paint / site first paint", live_paint / p, "×")


def run(report, loads: int, browser: bool) -> None:
    """bench/run.py's entry: the site's figures in its report, with the live app's first paint
    of its default scenario (measured in the same run) as the ratio's numerator."""
    live = next((f.value for f in report.figures if f.scenario == "default"
                 and f.name.startswith("first paint")), None)
    figures(report.add, loads, browser, live)


def main() -> None:
    """`python bench/site.py [--loads N] [--no-browser] [--live]`."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--loads", type=int, default=5)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--live", action="store_true",
                        help="also measure the live app's first paint, for the ratio")
    args = parser.parse_args()
    report = Report()
    live = live_first_paint(args.loads) if args.live and not args.no_browser else None
    if live is not None:
        report.add("default", f"live app first paint, median of {args.loads}", live, "s")
    figures(report.add, args.loads, not args.no_browser, live)


if __name__ == "__main__":
    main()
