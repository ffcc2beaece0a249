"""First paint of the app beside a bare st_folium page, and where the time goes (a timeline).

Every page gets an init script (in the page and in the map's iframe) that stamps, on the
browser's own clock, when each milestone appears; resource timings give each script's fetch.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
from contextlib import contextmanager
from pathlib import Path

from lienket.map import assets

# Each bridge is a marker of class BRIDGES; the bare page's one marker has the same class.
from tests.browser.harness import BRIDGES, MAP_FRAME

ROOT = Path(__file__).resolve().parents[1]
#: Milestones: name -> CSS selector, stamped the first time it matches (page or map iframe).
MILESTONES = {
    "title drawn": "h1",
    "sidebar widgets": "[data-testid='stSidebar'] [data-testid='stCheckbox']",
    "map iframe created": MAP_FRAME,
    "sources table": "[data-testid='stDataFrame']",
    "leaflet map created": "#map_div.leaflet-container",
    "first shape drawn": "#map_div path.leaflet-interactive",
    "minimap": ".leaflet-control-minimap",
    "measure toolbar": ".leaflet-draw",
    "bridges drawn (first paint)": f"#map_div {BRIDGES}",
}
PROBE = """
(() => {
  if (window.__lk) { return; }
  const now = () => performance.timeOrigin + performance.now();
  const marks = {};
  const ws = [];
  window.__lk = {marks, ws};
  const mark = (k) => { if (!(k in marks)) { marks[k] = now(); } };
  const selectors = %s;
  const check = () => {
    for (const [k, q] of Object.entries(selectors)) {
      if (!(k in marks) && document.querySelector(q)) { mark(k); }
    }
  };
  // An iframe's first about:blank hands its window on to the real document without this script
  // running again: watch whichever document the window holds now.
  let watched = null;
  const watch = () => {
    if (watched === document) { return; }
    watched = document;
    new MutationObserver(check).observe(document, {childList: true, subtree: true,
                                                   attributes: true, attributeFilter: ["fill"]});
    check();
  };
  watch();
  const timer = setInterval(() => { watch(); if ("bridges drawn (first paint)" in marks) {
    clearInterval(timer); } }, 5);
  window.addEventListener("message", () => mark("first message from the page (component args)"));
  const Socket = window.WebSocket;
  if (Socket) {
    window.WebSocket = class extends Socket {
      constructor(...args) {
        super(...args);
        mark("websocket opened");
        this.addEventListener("message", (e) => {
          mark("first message from the server");
          ws.push([now(), e.data.size || e.data.byteLength || e.data.length || 0]);
        });
      }
    };
  }
})();
"""
READ = """() => ({origin: performance.timeOrigin, marks: (window.__lk || {}).marks || {},
  ws: (window.__lk || {}).ws || [],
  resources: performance.getEntriesByType('resource').map(e => [e.name, e.initiatorType,
     performance.timeOrigin + e.startTime, performance.timeOrigin + e.responseEnd,
     e.transferSize || e.encodedBodySize || 0])})"""


def probe_script() -> str:
    """The init script, with the milestones' selectors."""
    import json
    return PROBE % json.dumps(MILESTONES)


@contextmanager
def bare_page_dir() -> Path:
    """A folder serving bench/bare_map.py with the app's config and its own static/ assets."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copy(ROOT / "bench" / "bare_map.py", folder / "bare_map.py")
        shutil.copytree(ROOT / ".streamlit", folder / ".streamlit",
                        ignore=shutil.ignore_patterns("secrets.toml"))
        assets.install(folder / "static")
        yield folder


def map_frame(page):
    """The map component's frame (a Playwright Frame)."""
    return page.locator(MAP_FRAME).element_handle(timeout=120_000).content_frame()


def load(browser, url: str, timeout_ms: int = 120_000) -> dict:
    """Open `url` in a fresh offline context; wait for the bridges (or marker); return the
    timeline: page and frame marks and resources, in ms from navigation start."""
    from tests.browser.harness import offline_context
    context = offline_context(browser, viewport={"width": 1400, "height": 1000})
    context.add_init_script(probe_script())
    page = context.new_page()
    try:
        page.goto(url, wait_until="commit")
        page.frame_locator(MAP_FRAME).locator(f"#map_div {BRIDGES}").first.wait_for(
            state="attached", timeout=timeout_ms)
        page.wait_for_timeout(300)  # let later milestones (sources table) land
        top = page.evaluate(READ)
        frame = map_frame(page).evaluate(READ)
    finally:
        context.close()
    start = top["origin"]
    return {"paint": (frame["marks"]["bridges drawn (first paint)"] - start) / 1000,
            "top": top, "frame": frame, "start": start}


def paints(browser, url: str, bare_url: str, loads: int) -> tuple[list[float], list[float], dict]:
    """First paints of the app and of the bare page, alternated (the machine's noise hits both
    alike); plus the app's last timeline."""
    load(browser, url)          # warm the server: caches filled, first-import costs paid
    load(browser, bare_url)
    app, bare, last = [], [], {}
    for _ in range(loads):
        last = load(browser, url)
        app.append(last["paint"])
        bare.append(load(browser, bare_url)["paint"])
    return app, bare, last


def timeline_lines(tl: dict) -> list[str]:
    """One line per event, in time order, ms from navigation start."""
    start, events = tl["start"], []
    for where in ("top", "frame"):
        for name, at in tl[where]["marks"].items():
            events.append((at, f"{'page ' if where == 'top' else 'map  '}{name}"))
        frontend = []  # Streamlit's own bundle: dozens of files, summed into one line
        for name, _kind, begin, end, size in tl[where]["resources"]:
            short = name.split("?")[0].rsplit("/", 1)[-1] or name
            if where == "top" and "/static/" in name and "/app/static/" not in name:
                frontend.append((begin, end, size))
                continue
            events.append((end, f"{'page ' if where == 'top' else 'map  '}fetched {short} "
                                f"(took {(end - begin):.0f} ms, {size / 1000:.0f} KB)"))
        if frontend:
            events.append((max(e for _b, e, _s in frontend),
                           f"page fetched Streamlit's frontend ({len(frontend)} files, "
                           f"{sum(s for _b, _e, s in frontend) / 1000:.0f} KB)"))
    ws = tl["top"]["ws"]
    if ws:
        biggest = max(ws, key=lambda m: m[1])
        events.append((biggest[0], f"page map arguments received from the server "
                                   f"({biggest[1] / 1000:.0f} KB, the largest message)"))
        iframe_at = tl["top"]["marks"].get("map iframe created", ws[-1][0])
        before = [m for m in ws if m[0] <= iframe_at]
        events.append((ws[-1][0], f"page last server message ({len(ws)} messages, "
                                  f"{sum(m[1] for m in ws) / 1000:.0f} KB; {len(before)} messages, "
                                  f"{sum(m[1] for m in before) / 1000:.0f} KB before the map "
                                  "iframe)"))
    return [f"+{at - start:6.0f} ms  {what}" for at, what in sorted(events)]


def median(values: list[float]) -> float:
    """Median of a non-empty list."""
    return statistics.median(values)
