"""Screenshots of the running app for the README:
`python scripts/screenshot.py [--phone] [QUERY OUT.png]...`.

Default: docs/screenshot.png with cầu Dinh selected. `--phone` uses a 390×844 phone viewport and
scrolls so the map's foot and the detail panel below it are both in the picture. Runs offline,
like the browser tests.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.harness import (  # noqa: E402
    MAP_FRAME,
    ROOT,
    launch_chromium,
    offline_context,
    serve_app,
    wait_for_map,
)

DEFAULT = [("?bridge=cau-dinh", ROOT / "docs" / "screenshot.png")]
DESKTOP = {"viewport": {"width": 1400, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2}


def main(shots: list[tuple[str, Path]], phone: bool = False) -> None:
    """Open each query and save a screenshot once the map is drawn."""
    with serve_app() as url, sync_playwright() as pw:
        browser = launch_chromium(pw)
        context = offline_context(browser, **(PHONE if phone else DESKTOP))
        page = context.new_page()
        for query, out in shots:
            page.goto(f"{url}/{query}")
            wait_for_map(page).locator("path.leaflet-interactive:visible").first.wait_for()
            page.wait_for_timeout(2500)
            if phone:  # the map's lower part, and the panel stacked under it
                page.locator(MAP_FRAME).evaluate("f => f.scrollIntoView({block: 'center'})")
                page.mouse.wheel(0, 420)
                page.wait_for_timeout(800)
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out))
            print(f"wrote {out}")
        browser.close()


if __name__ == "__main__":
    args = sys.argv[1:]
    is_phone = "--phone" in args
    args = [a for a in args if a != "--phone"]
    main([(args[i], Path(args[i + 1])) for i in range(0, len(args), 2)] if args else DEFAULT,
         phone=is_phone)
