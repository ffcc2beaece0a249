"""Where a session's first script run spends its time: each step of the page timed in-process.

The steps are the lienket calls app.py makes (caches included), wrapped for one AppTest run;
a new session on a warm server (caches filled) is what every reader after the first one pays.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from pathlib import Path

import streamlit
import streamlit_folium
from streamlit.testing.v1 import AppTest

from lienket.app import cache
from lienket.map import base, legend
from lienket.page import export, panel, search, urlstate

ROOT = Path(__file__).resolve().parents[1]
#: (module, attribute, what it is in the page)
STEPS = [
    (streamlit, "set_page_config", "script starts (st.set_page_config)"),
    (cache, "install_assets", "copy vendor assets (cached)"),
    (cache, "dataset", "load and validate geodata (cached)"),
    (cache, "pack_fingerprint", "look for boundary packs"),
    (cache, "boundaries", "pack + display geometry (cached)"),
    (search, "cached_index", "search index"),
    (search, "find", "search"),
    (export, "file_name", "download button names"),
    (cache, "layer_scripts", "layers rendered to JS (cached)"),
    (cache, "minimap_outlines", "minimap outlines (cached)"),
    (base, "base_map", "base map with tools"),
    (legend, "group", "legend"),
    (search, "target_group", "search mark"),
    (cache, "highlight_group", "selection highlight"),
    (streamlit_folium, "st_folium", "st_folium (map JS generated, sent)"),
    (panel, "bridge_markdown", "detail panel"),
    (urlstate, "link", "link to this view"),
    (panel, "sources_rows", "sources table rows"),
]


@contextmanager
def timed_steps(spans: list):
    """Wrap every step so each call appends (label, start, end) to `spans`."""
    saved = []
    for module, attr, label in STEPS:
        original = getattr(module, attr)
        saved.append((module, attr, original))

        def wrapper(*args, __f=original, __label=label, **kwargs):
            start = time.perf_counter()
            try:
                return __f(*args, **kwargs)
            finally:
                spans.append((__label, start, time.perf_counter()))
        if hasattr(original, "clear"):
            wrapper.clear = original.clear  # the app clears a cache after a download
        setattr(module, attr, wrapper)
    try:
        yield spans
    finally:
        for module, attr, original in saved:
            setattr(module, attr, original)


def first_run(params: dict[str, str]) -> tuple[float, list[tuple[str, float, float, int]], float]:
    """(ms from the script's first line to its end, [(step, first start ms, total ms, calls)],
    ms of the follow-up run) for one new session's first run (the map only, lienket/app/staging.py)
    and the run the drawn map asks for."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for k, v in params.items():
        at.query_params[k] = v
    spans: list = []
    with timed_steps(spans):
        start = time.perf_counter()
        at.run()
        total = time.perf_counter() - start
    steps: dict[str, list] = {}
    for label, begin, end in spans:
        entry = steps.setdefault(label, [begin, 0.0, 0])
        entry[1] += end - begin
        entry[2] += 1
    # AppTest's own set-up (~200 ms) is not the server's: time from the script's first line.
    begin = steps.get(STEPS[0][2], [start])[0]
    rows = sorted(((label, 1000 * (b - begin), 1000 * d, n) for label, (b, d, n) in steps.items()),
                  key=lambda r: r[1])
    follow_up = time.perf_counter()
    at.run()
    return 1000 * (start + total - begin), rows, 1000 * (time.perf_counter() - follow_up)
