"""The bench's browser figures: first paint beside the bare page, click → panel, many readers
at once, and the soak. Pages run in headless Chromium against `streamlit run` servers."""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time

from bench import crowd, pageload
from bench.report import Report, Scenario


def browser_figures(report: Report, sc: Scenario, args: argparse.Namespace, bare_url: str) -> None:
    """First paint beside the bare page (ratio), where it goes, click → panel, then many
    readers at once (and the soak, with --soak)."""
    from playwright.sync_api import sync_playwright

    from tests.browser.harness import launch_chromium, serve_app
    query = "?" + "&".join(f"{k}={v}" for k, v in sc.params.items()) if sc.params else ""
    with serve_app(env=sc.env) as url, sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            paint_figures(report, sc, browser, f"{url}/{query}", bare_url, args.loads)
            click_figures(report, sc, browser, f"{url}/{query}", args.loads)
            if sc.name == "default":
                crowd_figures(report, sc, browser, url, f"{url}/{query}", args)
                if args.soak:
                    soak_figures(report, sc, browser, url, f"{url}/{query}", args.soak)
        finally:
            browser.close()


def paint_figures(report: Report, sc: Scenario, browser, url: str, bare_url: str,
                  loads: int) -> None:
    """The app's first paint and the bare st_folium page's, alternated, and their ratio."""
    app, bare, last = pageload.paints(browser, url, bare_url, loads)
    p, b = pageload.median(app), pageload.median(bare)
    report.add(sc.name, f"first paint (navigation → bridges in the map), median of {loads}", p,
               "s", "<= 3 s", p <= 3)
    report.add(sc.name, f"bare st_folium page first paint (one marker), median of {loads}", b, "s")
    report.add(sc.name, "first-paint ratio app / bare page", p / b, "x", "<= 1.25 (goal 1.1)",
               p / b <= 1.25)
    if sc.name == "default":
        for line in pageload.timeline_lines(last):
            print(f"[{sc.name}] timeline app   {line}")
        for line in pageload.timeline_lines(pageload.load(browser, bare_url)):
            print(f"[{sc.name}] timeline bare  {line}")


def click_figures(report: Report, sc: Scenario, browser, url: str, loads: int) -> None:
    """Click a bridge on the map → its districts in the detail panel (median)."""
    from tests.browser.harness import offline_context, wait_for_map, wait_idle
    bridge_paths = pageload.BRIDGES
    targets = ["cau-trieu", "cau-may", "cau-dong-mai", "cau-dinh", "cau-quang-thanh"]
    district = {"cau-trieu": "Thị xã Đông Triều", "cau-may": "Huyện Kim Thành",
                "cau-dong-mai": "Thành phố Chí Linh", "cau-dinh": "Huyện Thủy Nguyên",
                "cau-quang-thanh": "Huyện An Lão"}
    click = []
    for i in range(loads):
        context = offline_context(browser, viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.goto(url)
        frame = wait_for_map(page, 60_000)
        frame.locator(bridge_paths).first.wait_for(state="attached", timeout=60_000)
        wait_idle(page)
        target = targets[i % 5]
        t = time.perf_counter()
        frame.locator(bridge_paths).nth(targets.index(target)).dispatch_event("click")
        page.get_by_test_id("stMarkdownContainer").filter(has_text=district[target]).first.wait_for(
            timeout=30_000)
        click.append(time.perf_counter() - t)
        context.close()
    c = statistics.median(click)
    report.add(sc.name, f"click → detail panel updated, median of {loads}", c, "s", "<= 1 s",
               c <= 1)


def crowd_figures(report: Report, sc: Scenario, browser, server, url: str,
                  args: argparse.Namespace) -> None:
    """Many sessions at once: maps, time to map, CPU per first load and per rerun, memory."""
    from tests.browser.harness import cpu_seconds, rss_kib, wait_idle
    pageload.load(browser, url)  # warm-up: caches filled, imports done
    rss0, cpu0 = rss_kib(server.pid), cpu_seconds(server.pid)
    contexts, good, times = crowd.open_sessions(browser, url, args.sessions, args.batch)
    for page in good:
        wait_idle(page)  # the follow-up run st_folium asks for once mounted
    time.sleep(2)
    rss1, cpu1 = rss_kib(server.pid), cpu_seconds(server.pid)
    n = args.sessions
    report.add(sc.name, f"{n} sessions (opened {args.batch} at a time): got their map",
               f"{len(good)}/{n}", "", f"{n}/{n}", len(good) == n)
    if times:
        report.add(sc.name, "time to map, p50", crowd.percentile(times, 50), "s")
        report.add(sc.name, "time to map, p95", crowd.percentile(times, 95), "s")
    per_load = (cpu1 - cpu0) / n
    report.add(sc.name, "server CPU per first load (incl. its follow-up run)", 1000 * per_load,
               "ms")
    per_session = (rss1 - rss0) / 1024 / n
    report.add(sc.name, f"server memory per open session ({n} open)", per_session, "MB",
               "<= 3 MB", per_session <= 3)
    reruns = 20
    cpu2 = cpu_seconds(server.pid)
    crowd.warm_reruns(good[0], reruns) if good else None
    per_rerun = (cpu_seconds(server.pid) - cpu2) / reruns
    report.add(sc.name, f"server CPU per warm rerun (layer toggle), mean of {reruns}",
               1000 * per_rerun, "ms")
    for ctx in contexts:
        ctx.close()
    # One process runs every script under one GIL: it sustains about 1 / CPU-per-load.
    report.add(sc.name, "capacity: first loads per second (one server process, CPU-bound)",
               1 / per_load if per_load else float("inf"), "/s",
               note=f"warm reruns: {1 / per_rerun if per_rerun else float('inf'):,.0f}/s")


def soak_figures(report: Report, sc: Scenario, browser, server, url: str, minutes: float) -> None:
    """3 sessions in scripted use for `minutes`: server memory at the end vs after warm-up."""
    from tests.browser.harness import offline_context, rss_kib
    rng = random.Random(12)
    contexts = [offline_context(browser, viewport={"width": 1200, "height": 900})
                for _ in range(3)]
    pages = [ctx.new_page() for ctx in contexts]
    for page in pages:
        page.goto(url)
        page.frame_locator(pageload.MAP_FRAME).locator(pageload.BRIDGES).first.wait_for(
            state="attached", timeout=120_000)
    for page in pages:  # warm-up: every kind of action once in each session
        for action in (lambda p: crowd.toggle_layer(p, 3), lambda p: crowd.choose_bridge(p, 2),
                       lambda p: crowd.switch_radio(p, 1), lambda p: crowd.switch_radio(p, 0),
                       lambda p: crowd.search(p, "cau")):
            action(page)
    warm, half = rss_kib(server.pid), None
    deadline, actions, failures, again = time.monotonic() + 60 * minutes, 0, 0, 0
    while time.monotonic() < deadline:
        if half is None and time.monotonic() > deadline - 30 * minutes:
            half = rss_kib(server.pid)  # whether the growth levels off shows in the second half
        page, action = pages[actions % 3], rng.choice(crowd.ACTIONS)
        try:
            again += crowd.scripted_use(page, rng, action)
        except Exception as exc:  # noqa: BLE001 — counted and reported, the soak goes on
            failures += 1
            print(f"  soak action {action!r} failed: {type(exc).__name__}: "
                  f"{str(exc).splitlines()[0][:120]}", file=sys.stderr, flush=True)
        actions += 1
    end = rss_kib(server.pid)
    for ctx in contexts:
        ctx.close()
    growth = (end - warm) / 1024
    report.add(sc.name, f"soak: {actions} scripted actions by 3 sessions in {minutes:g} min",
               f"{failures} failed", "", "0 failed", failures == 0,
               note=f"{again} bridge choices took a second click: the select box took the focus "
                    "without opening")
    report.add(sc.name, "soak: server memory growth after warm-up", growth, "MB", "<= 20 MB",
               growth <= 20, note=f"{warm / 1024:,.0f} → {end / 1024:,.0f} MB")
    report.add(sc.name, "soak: of which in its second half", (end - (half or warm)) / 1024, "MB")
