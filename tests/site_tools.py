"""An exported static site: served on loopback as a static host would, and read back (its page
config, and each variant's layers and panels as the browser gets them)."""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

_CONFIG = re.compile(r'<script type="application/json" id="lk-config">(.*?)</script>', re.S)
_LAYER = re.compile(r'\{id:("[^"]*"),name:("(?:[^"\\]|\\.)*"),make:function \(')
_HIGHLIGHT = re.compile(r'("[^"]*"):function \(')


def config(site: Path) -> dict[str, Any]:
    """The JSON index.html hands the page."""
    return json.loads(_CONFIG.search((site / "index.html").read_text(encoding="utf-8")).group(1))


def _payloads(text: str) -> list[tuple[int, dict[str, Any]]]:
    """(offset, GeoJSON) of every `LK.geo({...})` call in a data file."""
    decoder = json.JSONDecoder()
    return [(m.start(), decoder.raw_decode(text, m.end())[0])
            for m in re.finditer(r"LK\.geo\(", text)]


def variant(site: Path, key: str) -> dict[str, Any]:
    """{'content': panels and texts, 'layers': {id: features}, 'names': {id: name},
    'highlights': {bridge: features}} of one (era-lang) variant."""
    files = config(site)["files"][key]
    geometry: dict[str, Any] = {}
    for path in files[:-1]:
        text = (site / path).read_text(encoding="utf-8")
        geometry.update(json.loads(text[len("LK.geoms("):text.rindex(")")]))
    text = (site / files[-1]).read_text(encoding="utf-8")
    decoder = json.JSONDecoder()
    content, _ = decoder.raw_decode(text, text.index(",") + 1)
    marks = [(m.start(), "layer", json.loads(m.group(1)), json.loads(m.group(2)))
             for m in _LAYER.finditer(text)]
    highlights_at = text.rindex("],{")
    marks += [(highlights_at + 3 + m.start(), "highlight", json.loads(m.group(1)), None)
              for m in _HIGHLIGHT.finditer(text[highlights_at + 3:])
              if text[highlights_at + 3 + m.start() - 1] in "{,"]
    marks.sort()
    out: dict[str, Any] = {"content": content, "layers": {}, "names": {}, "highlights": {}}
    for _, kind, name, label in marks:
        out["layers" if kind == "layer" else "highlights"][name] = []
        if label is not None:
            out["names"][name] = label
    for offset, doc in _payloads(text):
        _, kind, name, _ = max(m for m in marks if m[0] < offset)
        for feature in doc["features"]:
            feature["geometry"] = geometry[str(feature["geometry"])]
        out["layers" if kind == "layer" else "highlights"][name] += doc["features"]
    return out


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without a log line per request."""

    def log_message(self, *args) -> None:
        """Say nothing."""


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """A static server on loopback (a thread of this process), as any static host serves."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
