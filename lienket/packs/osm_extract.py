"""OpenStreetMap extracts read into one in-memory form: the ways of the linkage region we draw.

`.osm` (XML) and `.osm.pbf` are read with pyosmium; Overpass JSON with the json module (Overpass's
own format, not OSM's). Only ways are kept: bridges, rivers and canals, the approach roads the
2022 article names (ĐT389, ĐT390, QL10, QL18) and ferry routes, inside `REGION`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import shapely

from lienket.data import names

#: The linkage region (west, south, east, north): the districts the five bridges connect
#: (Chí Linh, Đông Triều, Kinh Môn, Kim Thành, Thủy Nguyên, Thanh Hà, An Lão) with a margin.
REGION: tuple[float, float, float, float] = (106.28, 20.70, 106.80, 21.25)
#: Road numbers the article names as the bridges' approaches, as `road_key` writes them.
ROADS: frozenset[str] = frozenset({"dt389", "dt390", "ql10", "ql18"})
WATERWAYS: frozenset[str] = frozenset({"river", "canal"})
CATEGORIES: tuple[str, ...] = ("bridge", "river", "road", "ferry")
LICENCE = "© OpenStreetMap contributors, ODbL 1.0 (openstreetmap.org/copyright)"


class OsmError(RuntimeError):
    """An extract cannot be read or holds nothing usable; the message says why."""


@dataclass(frozen=True)
class Way:
    """One OSM way: its id, tags and (lon, lat) vertices."""

    id: int
    tags: dict[str, str]
    coords: tuple[tuple[float, float], ...]

    @property
    def name(self) -> str:
        """Its Vietnamese name (name:vi before name), or ''."""
        return self.tags.get("name:vi") or self.tags.get("name") or ""

    def line(self) -> shapely.LineString:
        """The way as a shapely line (lon, lat)."""
        return shapely.LineString(self.coords)


@dataclass
class Extract:
    """The region's ways from one extract, with the data's date and where it came from."""

    ways: list[Way]
    timestamp: str
    source: str

    def of(self, category: str) -> list[Way]:
        """The ways of one category."""
        return [w for w in self.ways if category_of(w.tags) == category]


def road_key(ref: str) -> str:
    """'ĐT.389' / 'DT 389' -> 'dt389'; 'QL.18' -> 'ql18'."""
    return re.sub(r"[^0-9a-z]", "", names.fold(ref))


def category_of(tags: dict[str, str]) -> str | None:
    """'bridge', 'river', 'road', 'ferry', or None for a way we do not draw."""
    if tags.get("route") == "ferry":
        return "ferry"
    if tags.get("bridge") not in (None, "no") and ("highway" in tags or "railway" in tags) \
            or tags.get("man_made") == "bridge":
        return "bridge"
    if tags.get("waterway") in WATERWAYS:
        return "river"
    if "highway" in tags and any(road_key(r) in ROADS for r in tags.get("ref", "").split(";")):
        return "road"
    return None


def in_region(coords: Iterable[tuple[float, float]]) -> bool:
    """Whether any vertex lies inside REGION."""
    west, south, east, north = REGION
    return any(west <= x <= east and south <= y <= north for x, y in coords)


def keep(ways: Iterable[Way]) -> list[Way]:
    """The ways we draw that touch the region; rivers and roads clipped to it (they run far)."""
    kept = []
    for way in ways:
        category = category_of(way.tags)
        if category is None or len(way.coords) < 2 or not in_region(way.coords):
            continue
        if category in ("river", "road"):
            clipped = shapely.clip_by_rect(way.line(), *REGION)
            parts = shapely.get_parts(shapely.line_merge(clipped)) if not clipped.is_empty else []
            for part in parts:  # a river leaving and re-entering the region: keep each piece
                if part.geom_type == "LineString" and len(part.coords) > 1:
                    kept.append(Way(way.id, way.tags, tuple(map(tuple, part.coords))))
        else:
            kept.append(way)
    return kept


# --- readers ------------------------------------------------------------------------------------

def read(path: Path) -> Extract:
    """Read `.osm`, `.osm.pbf` (pyosmium) or Overpass `.json`; keep the region's ways."""
    path = Path(path)
    if not path.exists():
        raise OsmError(f"{path}: file not found")
    if not path.is_file():
        raise OsmError(f"{path}: not a file")
    suffixes = "".join(path.suffixes[-2:]).lower()
    if path.suffix.lower() == ".json":
        ways, stamp = _read_overpass(path)
    elif suffixes.endswith((".osm", ".osm.pbf", ".pbf", ".osm.bz2", ".osm.gz")):
        ways, stamp = _read_osmium(path)
    else:
        raise OsmError(f"{path}: not an OpenStreetMap extract (expected .osm, .osm.pbf or "
                       "Overpass .json)")
    kept = keep(ways)
    if not kept:
        raise OsmError(f"{path}: no bridge, river, named road or ferry in the linkage region "
                       f"(lon {REGION[0]}–{REGION[2]}, lat {REGION[1]}–{REGION[3]})")
    return Extract(kept, stamp or "not stated", path.name)


def _read_osmium(path: Path) -> tuple[list[Way], str]:
    """Ways with node locations, and the data's date (replication header, else newest object)."""
    import osmium  # imported here: the app without an extract never needs it

    ways, newest = [], None
    try:
        processor = osmium.FileProcessor(str(path), osmium.osm.NODE | osmium.osm.WAY)
        processor = processor.with_locations()
        for obj in processor:
            stamp = obj.timestamp
            if stamp and stamp.year > 1970 and (newest is None or stamp > newest):
                newest = stamp
            if obj.is_way() and category_of(dict(obj.tags)):
                coords = tuple((n.lon, n.lat) for n in obj.nodes if n.location.valid())
                ways.append(Way(obj.id, dict(obj.tags), coords))
        header = processor.header.get("osmosis_replication_timestamp")
    except RuntimeError as exc:  # libosmium reports bad XML/PBF as RuntimeError subclasses
        raise OsmError(f"{path}: cannot read as OpenStreetMap data ({exc})") from exc
    return ways, header or (_iso(newest) if newest else "")


def _read_overpass(path: Path) -> tuple[list[Way], str]:
    """Ways from Overpass JSON (`out geom`, or `out body` with the nodes listed)."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise OsmError(f"{path}: not valid Overpass JSON ({exc})") from exc
    elements = doc.get("elements") if isinstance(doc, dict) else None
    if not isinstance(elements, list):
        raise OsmError(f"{path}: not Overpass JSON (no \"elements\" list)")
    return list(_overpass_ways(elements)), str((doc.get("osm3s") or {}).get("timestamp_osm_base")
                                                or "")


def _overpass_ways(elements: list[Any]) -> Iterator[Way]:
    """Each well-formed way element as a Way; malformed elements are skipped."""
    nodes = {e["id"]: (e["lon"], e["lat"]) for e in elements
             if isinstance(e, dict) and e.get("type") == "node" and _number(e.get("lon"))
             and _number(e.get("lat")) and "id" in e}
    for e in elements:
        if not (isinstance(e, dict) and e.get("type") == "way" and isinstance(e.get("id"), int)):
            continue
        tags = {str(k): str(v) for k, v in (e.get("tags") or {}).items()}
        if isinstance(e.get("geometry"), list):
            coords = tuple((g["lon"], g["lat"]) for g in e["geometry"]
                           if isinstance(g, dict) and _number(g.get("lon")) and _number(g.get("lat")))
        else:
            coords = tuple(nodes[n] for n in e.get("nodes") or [] if n in nodes)
        yield Way(e["id"], tags, coords)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _iso(stamp: datetime) -> str:
    return stamp.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
