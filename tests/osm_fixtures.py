"""OSM extracts the tests write: the five bridges at TEST positions (laid around the shipped
estimates, never real and never shipped), decoys, rivers, roads and ferries."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

import numpy as np
import pyproj

from lienket.data.dataset import Dataset

UTM = 32648
TIMESTAMP = "2024-05-03T10:00:00Z"
_FWD = pyproj.Transformer.from_crs(4326, UTM, always_xy=True)
_BACK = pyproj.Transformer.from_crs(UTM, 4326, always_xy=True)


def _lonlat(points: list[np.ndarray]) -> list[tuple[float, float]]:
    return [tuple(round(v, 7) for v in _BACK.transform(*p)) for p in points]


def _utm(lon: float, lat: float) -> np.ndarray:
    return np.array(_FWD.transform(lon, lat))


def segment(centre: tuple[float, float], toward: tuple[float, float], length_m: float,
            shift_m: float = 0.0, across: bool = False) -> list[tuple[float, float]]:
    """A straight line of `length_m` through `centre` (moved `shift_m` along it), pointing at
    `toward` (or at right angles to it)."""
    c, t = _utm(*centre), _utm(*toward)
    u = (t - c) / np.linalg.norm(t - c)
    if across:
        u = np.array([-u[1], u[0]])
    c = c + u * shift_m
    return _lonlat([c - u * length_m / 2, c + u * length_m / 2])


def way(wid: int, coords: list[tuple[float, float]], **tags: str) -> dict[str, Any]:
    """One way as the fixtures hold it."""
    return {"id": wid, "coords": coords, "tags": {k.replace("__", ":"): v for k, v in tags.items()}}


def _seat(ds: Dataset, district: str) -> tuple[float, float]:
    seats = ds.layer("districts")
    point = seats[seats["name"] == district].geometry.iloc[0]
    return point.x, point.y


def bridge_ways(ds: Dataset) -> dict[str, list[dict[str, Any]]]:
    """Per bridge id: its test way(s), laid across the line between its two districts' seats at
    the shipped marker, with the sourced length where there is one."""
    out = {}
    names = {"cau-trieu": "Cầu Triều", "cau-may": "cầu Mây", "cau-dong-mai": "CẦU ĐÔNG MAI",
             "cau-dinh": "Cau Dinh", "cau-quang-thanh": None}  # Quang Thanh: unnamed in OSM
    for n, bridge in enumerate(ds.layer("bridges").itertuples()):
        marker = (bridge.geometry.x, bridge.geometry.y)
        a = _seat(ds, bridge.connects[0]["district"])
        length = bridge.length_m if bridge.length_m == bridge.length_m and bridge.length_m else 300
        # oriented from the second district to the first: the import must turn it round
        line = segment(marker, a, length)
        tags = {"highway": "secondary", "bridge": "yes", "layer": "1"}
        if names[bridge.id]:
            tags["name"] = names[bridge.id]
        if bridge.id == "cau-dinh":  # mapped as two halves
            half = [line[0], tuple(np.round(np.mean(line, axis=0), 7)), line[-1]]
            out[bridge.id] = [way(100 + 10 * n, half[:2], **tags), way(101 + 10 * n, half[1:], **tags)]
        else:
            out[bridge.id] = [way(100 + 10 * n, line, **tags)]
    return out


def context_ways(ds: Dataset) -> list[dict[str, Any]]:
    """Rivers, approach roads, ferries and decoys around the test bridges."""
    bridges = {b.id: b for b in ds.layer("bridges").itertuples()}
    at = {k: (b.geometry.x, b.geometry.y) for k, b in bridges.items()}
    qt = bridges["cau-quang-thanh"]
    a, b = (_seat(ds, c["district"]) for c in qt.connects)
    return [
        # rivers under the bridges (at right angles to the crossing)
        way(1, segment(at["cau-quang-thanh"], a, 4000, across=True), waterway="river",
            name="Sông Văn Úc"),
        way(2, segment(at["cau-trieu"], _seat(ds, "Thị xã Kinh Môn"), 4000, across=True),
            waterway="river", name="Sông Kinh Thầy"),
        # approach roads the article names, and one it does not
        way(3, segment(at["cau-trieu"], _seat(ds, "Thị xã Kinh Môn"), 3000, shift_m=1800),
            highway="primary", ref="ĐT.389"),
        way(4, segment(at["cau-trieu"], _seat(ds, "Thị xã Đông Triều"), 3000, shift_m=1800),
            highway="trunk", ref="QL18"),
        way(5, segment(at["cau-dinh"], _seat(ds, "Huyện Thủy Nguyên"), 2000, shift_m=1500),
            highway="trunk", ref="QL5"),
        # ferries: Tuần Mây (replaced by cầu Mây, a source says so) and one no source ties to a bridge
        way(6, segment(at["cau-may"], _seat(ds, "Huyện Kim Thành"), 400, shift_m=900, across=True),
            route="ferry", name="Bến phà Tuần Mây"),
        way(7, segment(at["cau-dinh"], _seat(ds, "Huyện Thủy Nguyên"), 400, shift_m=3000,
                       across=True), route="ferry", name="Phà Hàn"),
        # decoys
        way(20, segment((106.1850, 20.6300), (106.19, 20.64), 600), highway="primary",
            bridge="yes", name="Cầu Triều Dương"),  # Hưng Yên – Thái Bình
        way(21, segment(at["cau-trieu"], _seat(ds, "Thị xã Kinh Môn"), 500, shift_m=2500,
                        across=True), highway="primary", bridge="yes", name="Cầu Triều Dương"),
        way(22, segment((103.8440, 22.3360), (103.85, 22.34), 80), highway="tertiary",
            bridge="yes", name="Cầu Mây"),  # Sa Pa
        way(23, segment(at["cau-dinh"], _seat(ds, "Thị xã Kinh Môn"), 300, shift_m=1200,
                        across=True), highway="residential", bridge="yes", name="Đường Cầu Dinh"),
        way(24, segment((105.7600, 20.9400), (105.77, 20.95), 120), highway="residential",
            bridge="yes", name="Cầu Đồng Mai"),  # phường Đồng Mai, Hà Đông
        way(25, segment(at["cau-dong-mai"], _seat(ds, "Thành phố Chí Linh"), 127, shift_m=1500,
                        across=True), highway="residential", bridge="yes", name="Cầu Đồng Mai"),
        # an unnamed bridge over the Văn Úc, far too long to be cầu Quang Thanh (536 m)
        way(26, segment(at["cau-quang-thanh"], b, 1400), highway="service", bridge="yes"),
    ]


def all_ways(ds: Dataset) -> list[dict[str, Any]]:
    """Bridges and context."""
    return [w for ws in bridge_ways(ds).values() for w in ws] + context_ways(ds)


def write_overpass(path: Path, ways: list[dict[str, Any]], timestamp: str = TIMESTAMP,
                   geom: bool = True) -> Path:
    """Overpass JSON: `out geom` (coordinates inline) or `out body` + nodes."""
    elements: list[dict[str, Any]] = []
    if geom:
        elements = [{"type": "way", "id": w["id"], "tags": w["tags"],
                     "geometry": [{"lat": y, "lon": x} for x, y in w["coords"]]} for w in ways]
    else:
        nid = 1
        for w in ways:
            refs = []
            for x, y in w["coords"]:
                elements.append({"type": "node", "id": nid, "lat": y, "lon": x})
                refs.append(nid)
                nid += 1
            elements.append({"type": "way", "id": w["id"], "nodes": refs, "tags": w["tags"]})
    doc = {"version": 0.6, "generator": "test", "osm3s": {"timestamp_osm_base": timestamp,
                                                         "copyright": "test data"},
           "elements": elements}
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def write_osm(path: Path, ways: list[dict[str, Any]], timestamp: str = TIMESTAMP) -> Path:
    """OSM XML with nodes and ways, each carrying the timestamp."""
    lines = ["<?xml version='1.0' encoding='UTF-8'?>", '<osm version="0.6" generator="test">']
    nodes, body, nid = [], [], 1
    for w in ways:
        refs = []
        for x, y in w["coords"]:
            nodes.append(f'<node id="{nid}" version="1" timestamp="{timestamp}" lat="{y}" lon="{x}"/>')
            refs.append(nid)
            nid += 1
        tags = "".join(f"<tag k={quoteattr(k)} v={quoteattr(v)}/>" for k, v in w["tags"].items())
        nds = "".join(f'<nd ref="{r}"/>' for r in refs)
        body.append(f'<way id="{w["id"]}" version="1" timestamp="{timestamp}">{nds}{tags}</way>')
    path.write_text("\n".join([*lines, *nodes, *body, "</osm>"]), encoding="utf-8")
    return path


def write_pbf(path: Path, xml: Path) -> Path:
    """The same data as .osm.pbf, written by pyosmium from the XML."""
    import osmium
    with osmium.SimpleWriter(str(path)) as writer:
        for obj in osmium.FileProcessor(str(xml)):
            writer.add(obj)
    return path

