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
    geometry = geometries(site, key)
    (text_file,) = [f for f in files if f.startswith("data/text-")]
    (map_file,) = [f for f in files if f.startswith("data/map-")]
    decoder = json.JSONDecoder()
    language = (site / text_file).read_text(encoding="utf-8")
    shared, start = decoder.raw_decode(language, language.index(",") + 1)
    text = (site / map_file).read_text(encoding="utf-8")
    content, _ = decoder.raw_decode(text, text.index(",") + 1)
    out: dict[str, Any] = {"content": {**shared, **content}, "layers": {}, "names": {},
                           "highlights": {}}
    marks = [(m.start(), "layers", json.loads(m.group(1)), json.loads(m.group(2)))
             for m in _LAYER.finditer(text)]
    hl_marks = [(start + 1 + m.start(), "highlights", json.loads(m.group(1)), None)
                for m in _HIGHLIGHT.finditer(language[start + 1:])
                if language[start + m.start()] in "{,"]
    for source, found in ((text, marks), (language, hl_marks)):
        for _, kind, name, label in found:
            out[kind][name] = []
            if label is not None:
                out["names"][name] = label
        for offset, doc in _payloads(source):
            _, kind, name, _ = max(m for m in found if m[0] < offset)
            for feature in doc["features"]:
                feature["geometry"] = geometry[str(feature["geometry"])]
            out[kind][name] += doc["features"]
    return out


def geometries(site: Path, key: str) -> dict[str, Any]:
    """{id: geometry} of the chunks a variant loads, unpacked as the page unpacks them."""
    out: dict[str, Any] = {}
    for path in config(site)["files"][key]:
        if path.startswith("data/geo-"):
            text = (site / path).read_text(encoding="utf-8")
            table = json.loads(text[len("LK.geoms("):text.rindex(")")])
            out.update({ref: unpack(g) for ref, g in table.items()})
    return out


#: List levels around one line of positions, per geometry type (as lienket.site.variants packs).
DEPTH = {"Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2, "Polygon": 2,
         "MultiPolygon": 3}


def unpack(geometry: dict[str, Any]) -> dict[str, Any]:
    """A packed geometry's coordinates back (integer deltas at `e` decimals), as site.js does."""
    if "e" not in geometry:
        return geometry
    scale = 10 ** geometry["e"]

    def line(flat: list[int]) -> list[list[float]]:
        out, x, y = [], 0, 0
        for dx, dy in zip(flat[::2], flat[1::2]):
            x, y = x + dx, y + dy
            out.append([x / scale, y / scale])
        return out

    def walk(value: Any, level: int) -> Any:
        return line(value) if level == 1 else [walk(v, level - 1) for v in value]

    depth = DEPTH[geometry["type"]]
    coords = line(geometry["coordinates"])[0] if depth == 0 else walk(geometry["coordinates"], depth)
    return {"type": geometry["type"], "coordinates": coords}


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
