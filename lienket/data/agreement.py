"""The agreement's province groups, and the schematic lines derived from their seats."""

from __future__ import annotations

import math

import geopandas as gpd
from shapely.geometry import LineString, Point

from lienket.data.dataset import Dataset

ROLES: tuple[str, ...] = ("focus", "ring", "partners")


def seats_by_code(ds: Dataset) -> dict[str, Point]:
    """Provincial seat point per GSO province code."""
    seats = ds.layer("seats")
    return {code: geom for code, geom in zip(seats.get("province", []), seats.geometry)}


def in_geographic_order(points: dict[str, Point]) -> list[str]:
    """Codes ordered clockwise (from north) around the points' centroid: a ring that doesn't cross."""
    cx = sum(p.x for p in points.values()) / len(points)
    cy = sum(p.y for p in points.values()) / len(points)
    bearing = {c: math.atan2(p.x - cx, p.y - cy) % (2 * math.pi) for c, p in points.items()}
    return sorted(points, key=lambda c: (bearing[c], c))


def ring_line(ds: Dataset) -> tuple[LineString | None, list[str]]:
    """Closed line through the ring provinces' seats in geographic order (None if seats missing)."""
    seats = seats_by_code(ds)
    ring = ds.agreement.get("ring", [])
    if not ring or any(code not in seats for code in ring):
        return None, []
    order = in_geographic_order({code: seats[code] for code in ring})
    coords = [(seats[c].x, seats[c].y) for c in order]
    return LineString(coords + coords[:1]), order


def hub(ds: Dataset) -> Point | None:
    """Centroid of the three signatories' seats: where the schematic partner links start."""
    seats = seats_by_code(ds)
    focus = [seats[c] for c in ds.agreement.get("focus", []) if c in seats]
    if not focus:
        return None
    return Point(sum(p.x for p in focus) / len(focus), sum(p.y for p in focus) / len(focus))


def partner_links(ds: Dataset) -> gpd.GeoDataFrame:
    """One schematic line per tourism partner, from the hub to the partner's seat."""
    seats = seats_by_code(ds)
    start = hub(ds)
    rows = []
    provinces = ds.layer("provinces")
    names = dict(zip(provinces.get("code", []), provinces.get("name", [])))
    for code in ds.agreement.get("partners", []):
        if start is None or code not in seats:
            continue
        rows.append({"kind": "partner_link", "id": f"partner-{code}", "province": code,
                     "name": names.get(code, code),
                     "geometry": LineString([(start.x, start.y), (seats[code].x, seats[code].y)])})
    return gpd.GeoDataFrame(rows, geometry="geometry" if rows else [], crs="EPSG:4326")


def provinces_in(ds: Dataset, role: str) -> gpd.GeoDataFrame:
    """The province shapes that play a role in the agreement, in the agreement's order."""
    codes = ds.agreement.get(role, [])
    provinces = ds.layer("provinces")
    if not len(provinces):
        return provinces
    hit = provinces[provinces["code"].isin(codes)]
    return hit.sort_values("code", key=lambda code: code.map(codes.index))
