"""Screenshots of the running app for the README: `python scripts/screenshot.py [QUERY OUT.png]...`.

Default: docs/screenshot-2022.png and docs/screenshot-2025.png, cầu Dinh selected. Runs offline, like the browser tests.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.harness import ROOT, launch_chromium, offline_context, serve_app, wait_for_map  # noqa: E402

DEFAULT = [("?bridge=cau-dinh", ROOT / "docs" / "screenshot-2022.png"),
           ("?era=2025&bridge=cau-dinh", ROOT / "docs" / "screenshot-2025.png")]


def main(shots: list[tuple[str, Path]]) -> None:
    """Open each query and save a screenshot once the map is drawn."""
    with serve_app() as url, sync_playwright() as pw:
        browser = launch_chromium(pw)
        context = offline_context(browser, viewport={"width": 1400, "height": 900})
        page = context.new_page()
        for query, out in shots:
            page.goto(f"{url}/{query}")
            wait_for_map(page).locator("path.leaflet-interactive").first.wait_for()
            page.wait_for_timeout(2500)
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out))
            print(f"wrote {out}")
        browser.close()


if __name__ == "__main__":
    args = sys.argv[1:]
    main([(args[i], Path(args[i + 1])) for i in range(0, len(args), 2)] if args else DEFAULT)
