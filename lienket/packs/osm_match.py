"""Which OSM way is which of the five bridges: by name first, else by where it crosses what.

Never a decoy: a name must be the bridge's own (tone placement and letter case aside; a name typed
without marks matches loosely, one with marks must carry the same ones, so "Cầu Đồng Mai" in Hà
Đông is not "Cầu Đông Mai"), inside the region and near the estimate; a street called "Đường Cầu
Dinh" is not a bridge way. The geometric fallback needs the named river, both named districts and
a length within 30% of the sourced one, and gives up when more than one way fits.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyproj
import shapely

from lienket.data import names
from lienket.data.dataset import Dataset
from lienket.packs.osm_extract import Extract, Way

UTM = 32648  # metres in northern Vietnam
LENGTH_TOLERANCE = 0.30
#: Same-named ways this close to each other are one bridge (split ways, twin carriageways).
SAME_BRIDGE_M = 1000
#: A name match farther than this many times the estimate's declared uncertainty is another bridge.
SANITY_FACTOR = 2.0
#: Without district polygons, "between the districts": each end nearer its own seat than the other.
END_TO_DISTRICT_M = 300
#: Ferries a bridge replaced, only where a source says so: ferry name -> (bridge id, citation).
#: The citations are the bridges' own (geodata/bridges.geojson: their notes say which ferry).
REPLACED_FERRIES: dict[str, tuple[str, str]] = {
    "Tuần Mây": ("cau-may", "en.baohaiduong.vn/economy/may-bridge-opens-door-to-development-of-"
                            "kinh-mons-northwestern-area-141172 (cầu Mây thay bến phà Tuần Mây)"),
    "Đông Mai": ("cau-dong-mai", "baohaiduong.vn/khanh-thanh-cau-dong-mai-218609.html (cầu Đông "
                                 "Mai thay bến đò Đông Mai)"),
}


@dataclass
class Match:
    """What one bridge matched: its ways and line (bank to bank), how, and in words."""

    bridge: str
    how: str  # "name" | "geometry" | "none"
    detail: str
    ways: list[int] = field(default_factory=list)
    line: shapely.LineString | None = None


def same_name(osm_name: str, ours: str, prefixes: tuple[str, ...] = ()) -> bool:
    """Whether an OSM name is ours: tone placement and case ignored; marks compared when present."""
    a, b = _strip(osm_name, prefixes), _strip(ours, prefixes)
    if not a or not b:
        return False
    if names.has_diacritics(a):
        return names.tone_key(a) == names.tone_key(b)
    return names.fold(a) == names.fold(b)


def _strip(name: str, prefixes: tuple[str, ...]) -> str:
    """The name without a leading generic word ("sông", "bến phà"), compared on its folded form."""
    words = unicodedata.normalize("NFC", name).split()
    for prefix in prefixes:
        n = len(prefix.split())
        if len(words) > n and names.fold(" ".join(words[:n])) == prefix:
            return " ".join(words[n:])
    return " ".join(words)


def river_name(river: Any) -> str | None:
    """'sông Hàn (nhánh hạ lưu …)' -> 'Hàn'; None when the source leaves the river unnamed."""
    text = str(river or "").split(" (")[0].strip()
    if not text or "chưa xác định" in str(river):
        return None
    return _strip(text, ("song", "nhanh song"))


def _names(way: Way) -> list[str]:
    """Every name a way carries (name:vi, name, alt_name, old_name)."""
    found = [way.tags.get(k, "") for k in ("name:vi", "name", "alt_name", "old_name")]
    return [n.strip() for value in found for n in value.split(";") if n.strip()]


_TO_UTM = pyproj.Transformer.from_crs(4326, UTM, always_xy=True)


def _metric(geom: Any) -> Any:
    """A lon/lat geometry in metres (one transformer: this runs per way of a whole extract)."""
    return shapely.transform(geom, lambda xy: np.column_stack(_TO_UTM.transform(xy[:, 0], xy[:, 1])))


def _length_m(line: shapely.LineString) -> float:
    return float(_metric(line).length)


def _districts(ds: Dataset, bridge: dict[str, Any]) -> list[Any] | None:
    """The named districts as metric shapes: pack polygons when there, else seats; None if absent."""
    areas, seats = ds.layers.get("district_areas"), ds.layer("districts")
    shapes = []
    for end in bridge.get("connects") or []:
        want = (names.key(end.get("district", "")), names.key(end.get("province", "")))
        hit = None
        for frame in (areas, seats):
            if frame is None or frame.empty:
                continue
            rows = frame[[(names.key(n), names.key(p)) == want
                          for n, p in zip(frame["name"], frame["province"])]]
            if len(rows):
                hit = _metric(rows.geometry.iloc[0])
                break
        if hit is None:
            return None
        shapes.append(hit)
    return shapes if len(shapes) == 2 else None


def _between(line_m: Any, districts: list[Any]) -> bool:
    """Each end of the line lies at (within 300 m of) a different named district polygon; with only
    the districts' seats, the line lies between them (nearer each seat than they are to each
    other; the caller also keeps it near the estimate)."""
    start, end = shapely.Point(line_m.coords[0]), shapely.Point(line_m.coords[-1])
    a, b = districts
    if a.geom_type == "Point":
        gap = a.distance(b)
        return all(p.distance(a) < gap and p.distance(b) < gap for p in (start, end))
    near = [(p.distance(a) <= END_TO_DISTRICT_M, p.distance(b) <= END_TO_DISTRICT_M)
            for p in (start, end)]
    return (near[0][0] and near[1][1]) or (near[0][1] and near[1][0])


def _oriented(line: shapely.LineString, districts: list[Any] | None) -> shapely.LineString:
    """The line running from the first named district to the second."""
    if districts is None:
        return line
    m = _metric(line)
    start, end = shapely.Point(m.coords[0]), shapely.Point(m.coords[-1])
    a, b = districts
    if start.distance(a) + end.distance(b) > start.distance(b) + end.distance(a):
        return shapely.LineString(line.coords[::-1])
    return line


def _bank_to_bank(ways: list[Way]) -> shapely.LineString:
    """One line across: the merged ways, or the longest piece (twin carriageways run side by side)."""
    merged = shapely.line_merge(shapely.union_all([w.line() for w in ways]))
    parts = [p for p in shapely.get_parts(merged) if p.geom_type == "LineString"]
    return max(parts, key=lambda p: _length_m(p))


def _near(ways: list[Way], anchor: Way) -> list[Way]:
    """The ways within SAME_BRIDGE_M of anchor: the same bridge mapped in pieces."""
    a = _metric(anchor.line())
    return [w for w in ways if _metric(w.line()).distance(a) <= SAME_BRIDGE_M]


def by_name(bridge: dict[str, Any], extract: Extract) -> list[Way]:
    """Road bridge ways named as the bridge, near its estimate; [] when none."""
    marker = _metric(bridge["geometry"])
    limit = SANITY_FACTOR * float(bridge.get("uncertainty_m") or 10_000)
    named = [w for w in extract.of("bridge") if "highway" in w.tags
             and any(same_name(n, bridge["name"]) for n in _names(w))
             and _metric(w.line()).distance(marker) <= limit]
    if not named:
        return []
    nearest = min(named, key=lambda w: _metric(w.line()).distance(marker))
    return _near(named, nearest)


def by_geometry(bridge: dict[str, Any], extract: Extract,
                districts: list[Any] | None) -> tuple[list[Way], str]:
    """The one road bridge way crossing the named river between the named districts with the
    sourced length (±30%); [] and why not otherwise."""
    river, length = river_name(bridge.get("river")), bridge.get("length_m")
    if river is None:
        return [], "the source names no river"
    if not isinstance(length, (int, float)) or length != length:
        return [], "the source gives no length"
    if districts is None:
        return [], "its districts are not in the data"
    rivers = [w for w in extract.of("river") if any(same_name(n, river, ("song",)) for n in _names(w))]
    if not rivers:
        return [], f"no river named {river} in the extract"
    water = shapely.union_all([w.line() for w in rivers])
    marker = _metric(bridge["geometry"])
    limit = SANITY_FACTOR * float(bridge.get("uncertainty_m") or 10_000)
    fits = []
    for way in extract.of("bridge"):
        if "highway" not in way.tags or not way.line().intersects(water):
            continue
        metres = _metric(way.line())
        if abs(metres.length - length) <= LENGTH_TOLERANCE * length \
                and metres.distance(marker) <= limit and _between(metres, districts):
            fits.append(way)
    groups = []
    for way in fits:  # twin carriageways of one bridge count once
        if not any(_near([way], g[0]) for g in groups):
            groups.append([way])
    if len(groups) > 1:
        return [], f"{len(groups)} bridge ways fit; ambiguous"
    if not groups:
        return [], f"no road bridge over the {river} of {length:g} m ±30% between its districts"
    return _near(fits, groups[0][0]), f"crosses {river}, {_length_m(_bank_to_bank(groups[0])):.0f} m"


def match(ds: Dataset, extract: Extract) -> list[Match]:
    """One Match per bridge of the dataset, in its order."""
    out = []
    for bridge in ds.layer("bridges").to_dict("records"):
        districts = _districts(ds, bridge)
        ways, how = by_name(bridge, extract), "name"
        detail = ""
        if not ways:
            ways, detail = by_geometry(bridge, extract, districts)
            how = "geometry"
        if not ways:
            out.append(Match(bridge["id"], "none", f"no way by name; by geometry: {detail}"))
            continue
        line = _oriented(_bank_to_bank(ways), districts)
        ids = sorted(w.id for w in ways)
        words = (f"by name ({_names(ways[0])[0]})" if how == "name" else f"by geometry ({detail})")
        out.append(Match(bridge["id"], how, f"way {', '.join(map(str, ids))} {words}, "
                                            f"{_length_m(line):.0f} m", ids, line))
    return out


def replaced_by(ferry: Way) -> tuple[str, str] | None:
    """(bridge id, citation) when a source says a bridge replaced this ferry."""
    for name in _names(ferry):
        for ferry_name, hit in REPLACED_FERRIES.items():
            if same_name(name, ferry_name, ("ben pha", "ben do", "pha", "do")):
                return hit
    return None
