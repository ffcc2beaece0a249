"""Checks on a layer's features: schema, CRS, geometry, ids. Problems are reported, never fixed here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import geopandas as gpd
import shapely

from lienket import names, schema

#: Lon/lat box that holds all of Vietnam, its islands included (with a margin).
VIETNAM_BOUNDS = (101.0, 7.0, 118.0, 24.0)

#: `crs` members that still mean WGS 84 lon/lat (RFC 7946 drops the member; old files carry it).
_LONLAT_CRS = {"urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:EPSG::4326", "EPSG:4326"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, located as precisely as known."""

    file: str
    message: str
    feature: str | None = None
    prop: str | None = None
    level: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = self.file
        if self.feature:
            where += f" · {self.feature}"
        if self.prop:
            where += f" · {self.prop}"
        return f"{where}: {self.message}"


def check_crs(doc: dict[str, Any], file: str) -> list[Problem]:
    """A GeoJSON document must be lon/lat WGS 84 (RFC 7946)."""
    crs = doc.get("crs")
    if crs is None:
        return []
    crs_name = (crs.get("properties") or {}).get("name") if isinstance(crs, dict) else None
    if crs_name in _LONLAT_CRS:
        return []
    return [Problem(file, f"CRS {crs_name or crs!r} is not EPSG:4326 lon/lat (RFC 7946); "
                          "reproject the file to EPSG:4326")]


def check_frame(gdf: gpd.GeoDataFrame, file: str, kinds: tuple[str, ...]) -> list[Problem]:
    """Schema, geometry, coordinate-range and id checks on one layer's features."""
    problems: list[Problem] = []
    if len(gdf) == 0:
        return [Problem(file, "the file holds no features")]
    ids = gdf["id"] if "id" in gdf else [None] * len(gdf)
    for idx, (fid, row) in enumerate(zip(ids, gdf.itertuples(index=False))):
        label = str(fid) if isinstance(fid, str) and fid else f"feature #{idx}"
        props = row._asdict()
        problems += _check_properties(props, file, label, kinds)
        problems += _check_geometry(props.get("geometry"), file, label)
    problems += _check_unique_ids(gdf, file)
    return problems


def _check_properties(props: dict[str, Any], file: str, label: str,
                      kinds: tuple[str, ...]) -> list[Problem]:
    """Required properties present, of the right kind, NFC text."""
    problems = []
    kind = props.get("kind")
    if kind not in kinds:
        problems.append(Problem(file, f"kind {kind!r} is not one of {list(kinds)}", label, "kind"))
    for prop in schema.required(kind if isinstance(kind, str) else ""):
        if _missing(props.get(prop)):
            problems.append(Problem(file, "required property is missing", label, prop))
    for prop, value in props.items():
        if isinstance(value, str) and not names.is_nfc(value):
            problems.append(Problem(file, "text is not Unicode NFC", label, prop))
    if kind == "district" and props.get("status_2022") not in schema.DISTRICT_STATUSES:
        problems.append(Problem(file, f"status_2022 must be one of {list(schema.DISTRICT_STATUSES)}",
                                label, "status_2022"))
    if kind == "bridge":
        connects = props.get("connects")
        if not (isinstance(connects, list) and len(connects) == 2
                and all(isinstance(c, dict) and c.get("district") and c.get("province")
                        for c in connects)):
            problems.append(Problem(file, "connects must hold exactly two "
                                          "{district, province} entries, one per bank",
                                    label, "connects"))
    return problems


def _missing(value: Any) -> bool:
    """Absent, empty, or NaN (a property other features have but this one lacks)."""
    return value is None or value == "" or value == [] or (isinstance(value, float) and value != value)


def _check_geometry(geom: Any, file: str, label: str) -> list[Problem]:
    """Geometry present, valid, and inside Vietnam's lon/lat box."""
    if geom is None or geom.is_empty:
        return [Problem(file, "feature has no geometry", label, "geometry")]
    if not geom.is_valid:
        reason = shapely.is_valid_reason(geom)
        return [Problem(file, f"invalid geometry: {reason}", label, "geometry")]
    minx, miny, maxx, maxy = geom.bounds
    west, south, east, north = VIETNAM_BOUNDS
    if minx < west or maxx > east or miny < south or maxy > north:
        hint = " (lat/lon swapped?)" if west <= miny and maxy <= east and south <= minx <= north else ""
        return [Problem(file, f"coordinates {geom.bounds} fall outside Vietnam{hint}",
                        label, "geometry")]
    return []


def _check_unique_ids(gdf: gpd.GeoDataFrame, file: str) -> list[Problem]:
    """Ids unique within the layer."""
    if "id" not in gdf:
        return []
    dup = gdf["id"][gdf["id"].duplicated()].dropna().unique()
    return [Problem(file, "duplicate id", str(d), "id") for d in dup]
