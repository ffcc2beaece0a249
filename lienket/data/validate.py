"""Checks on a layer's features: schema, CRS, geometry, ids, text. Problems are reported, never fixed here.

Two kinds of check, with different consequences in the app:
- `check_frame`: can the layer be drawn at all (schema, types, sizes, geometry, ids)? Any error
  there keeps the layer off the map.
- `check_text`: is the text clean (NFC, no markup, sane lengths)? Errors there are reported but the
  layer is still drawn, because every text is escaped on its way to HTML.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

import geopandas as gpd
import shapely

from lienket.data import names, schema

#: Lon/lat box that holds all of Vietnam, its islands included (with a margin).
VIETNAM_BOUNDS = (101.0, 7.0, 118.0, 24.0)

#: Longest property value, as JSON text: beyond this a value is a mistake, and would bloat every
#: page that draws the layer (folium embeds it in the page's script).
MAX_VALUE_CHARS = 10_000
#: Longest display name: the longest real Vietnamese unit name is under 60 characters.
MAX_NAME_CHARS = 200
#: Longest text quoted back in a message.
QUOTE_CHARS = 60

#: `crs` members that still mean WGS 84 lon/lat (RFC 7946 drops the member; old files carry it).
_LONLAT_CRS = {"urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:EPSG::4326", "EPSG:4326"}
#: Something a browser would parse as a tag: `<img`, `</b`, `<!--`, `<?`, `<script`.
_MARKUP = re.compile(r"<\s*[/!?]?\s*[A-Za-z!?]")
#: Ids go into URLs and map clicks: lower-case ASCII slugs.
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


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


def quote(value: Any, limit: int = QUOTE_CHARS) -> str:
    """A value as shown in a message: repr, control characters visible, cut to `limit`."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


def label(fid: Any, idx: int) -> str:
    """How a message names a feature: its id when it has a usable one, else its position."""
    if isinstance(fid, str) and fid.strip():
        return fid if len(fid) <= QUOTE_CHARS else fid[:QUOTE_CHARS] + "…"
    return f"feature #{idx}"


def check_crs(doc: dict[str, Any], file: str) -> list[Problem]:
    """A GeoJSON document must be lon/lat WGS 84 (RFC 7946)."""
    crs = doc.get("crs")
    if crs is None:
        return []
    crs_name = (crs.get("properties") or {}).get("name") if isinstance(crs, dict) else None
    if crs_name in _LONLAT_CRS:
        return []
    return [Problem(file, f"CRS {quote(crs_name or crs)} is not EPSG:4326 lon/lat (RFC 7946); "
                          "reproject the file to EPSG:4326")]


def _absent(value: Any) -> bool:
    """None or NaN: a property this feature lacks (GeoPandas fills gaps with NaN)."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def _missing(value: Any) -> bool:
    """Absent, or empty."""
    return _absent(value) or value == "" or value == [] or value == {}


def records(gdf: gpd.GeoDataFrame) -> Iterator[tuple[str, dict[str, Any]]]:
    """(feature label, properties with geometry) for every row, absent properties dropped."""
    for idx, row in enumerate(gdf.to_dict("records")):
        props = {k: v for k, v in row.items() if k == "geometry" or not _absent(v)}
        yield label(props.get("id"), idx), props


def check_frame(gdf: gpd.GeoDataFrame, file: str, kinds: tuple[str, ...]) -> list[Problem]:
    """Can the layer be drawn: schema, types, sizes, geometry and ids of every feature."""
    if len(gdf) == 0:
        return [Problem(file, "the file holds no features")]
    problems: list[Problem] = []
    for feature, props in records(gdf):
        problems += _check_properties(props, file, feature, kinds)
        problems += _check_geometry(props.get("geometry"), file, feature)
    problems += _check_unique_ids(gdf, file)
    return problems


def _check_properties(props: dict[str, Any], file: str, feature: str,
                      kinds: tuple[str, ...]) -> list[Problem]:
    """Required properties present, of the right type and a sane size."""
    problems = []
    kind = props.get("kind")
    if kind not in kinds:
        problems.append(Problem(file, f"kind {quote(kind)} is not one of {list(kinds)}",
                                feature, "kind"))
    for prop in schema.required(kind if isinstance(kind, str) else ""):
        if _missing(props.get(prop)):
            problems.append(Problem(file, "required property is missing", feature, prop))
    for prop, value in props.items():
        if prop == "geometry":
            continue
        size = len(json.dumps(value, ensure_ascii=False, default=str))
        if size > MAX_VALUE_CHARS:
            problems.append(Problem(file, f"value is {size:,} characters long (limit "
                                          f"{MAX_VALUE_CHARS:,}); is it pasted by mistake?",
                                    feature, prop))
        elif prop in schema.TEXT and not isinstance(value, str):
            problems.append(Problem(file, f"must be text, not {quote(value)}", feature, prop))
        elif prop in schema.NUMBERS and (isinstance(value, bool)
                                         or not isinstance(value, (int, float))
                                         or not math.isfinite(value) or value < 0):
            problems.append(Problem(file, f"must be a number ≥ 0, not {quote(value)}",
                                    feature, prop))
    problems += _check_enums(props, file, feature)
    sources = props.get("sources")
    if not _missing(sources) and not (isinstance(sources, list)
                                      and all(isinstance(s, str) and s for s in sources)):
        problems.append(Problem(file, "sources must be a list of citations (text)", feature,
                                "sources"))
    accuracy = props.get("accuracy")
    if not _missing(accuracy) and (isinstance(accuracy, bool)
                                   or not isinstance(accuracy, (int, float, str))):
        problems.append(Problem(file, "accuracy must be metres or a text description", feature,
                                "accuracy"))
    if kind == "bridge":
        connects = props.get("connects")
        if not (isinstance(connects, list) and len(connects) == 2
                and all(isinstance(c, dict) and isinstance(c.get("district"), str)
                        and isinstance(c.get("province"), str) and c["district"] and c["province"]
                        for c in connects)):
            problems.append(Problem(file, "connects must hold exactly two "
                                          "{district, province} entries, one per bank",
                                    feature, "connects"))
    return problems


def _check_enums(props: dict[str, Any], file: str, feature: str) -> list[Problem]:
    """Properties with a closed set of values."""
    problems = []
    if props.get("kind") == "district" and props.get("status_2022") not in schema.DISTRICT_STATUSES:
        problems.append(Problem(file, f"status_2022 must be one of {list(schema.DISTRICT_STATUSES)}",
                                feature, "status_2022"))
    if "position" in props and props["position"] not in schema.POSITIONS:
        problems.append(Problem(file, f"position must be one of {list(schema.POSITIONS)} "
                                      "(or absent for a surveyed position)", feature, "position"))
    return problems


def _check_geometry(geom: Any, file: str, feature: str) -> list[Problem]:
    """Geometry present, valid, finite, and inside Vietnam's lon/lat box."""
    if geom is None or geom.is_empty:
        return [Problem(file, "feature has no geometry", feature, "geometry")]
    minx, miny, maxx, maxy = geom.bounds
    if not all(math.isfinite(v) for v in geom.bounds):
        return [Problem(file, "coordinates are not finite numbers", feature, "geometry")]
    if not geom.is_valid:
        return [Problem(file, f"invalid geometry: {_reason(geom)}", feature, "geometry")]
    west, south, east, north = VIETNAM_BOUNDS
    if minx < west or maxx > east or miny < south or maxy > north:
        swapped = west <= miny and maxy <= east and south <= minx and maxx <= north
        hint = " — lat/lon swapped? GeoJSON wants [lon, lat]" if swapped else ""
        box = ", ".join(f"{v:g}" for v in geom.bounds)
        return [Problem(file, f"coordinates (bounds {box}) fall outside Vietnam{hint}",
                        feature, "geometry")]
    return []


def _reason(geom: Any) -> str:
    """GEOS's reason, with its location spelled out: 'Self-intersection at lon 107.1, lat 20.75'."""
    reason = shapely.is_valid_reason(geom)
    match = re.fullmatch(r"(.*)\[(\S+) (\S+)\]", reason)
    if not match:
        return reason
    what, lon, lat = match.groups()
    return f"{what} at lon {lon}, lat {lat}"


def _check_unique_ids(gdf: gpd.GeoDataFrame, file: str) -> list[Problem]:
    """Ids unique within the layer."""
    if "id" not in gdf:
        return []
    counts = Counter(i for i in gdf["id"] if isinstance(i, str))
    return [Problem(file, f"duplicate id ({n} features share it)", label(fid, 0), "id")
            for fid, n in counts.items() if n > 1]


def check_text(gdf: gpd.GeoDataFrame, file: str) -> list[Problem]:
    """Is the text clean: NFC, no markup, sane names, slug ids. Reported; the layer still draws."""
    problems = []
    for feature, props in records(gdf):
        fid = props.get("id")
        if isinstance(fid, str) and not _SLUG.match(fid):
            problems.append(Problem(file, "id should be a lower-case ASCII slug "
                                          "(letters, digits, '-'): it goes into links",
                                    feature, "id"))
        for prop in ("name", "name_en"):
            value = props.get(prop)
            if isinstance(value, str) and len(value) > MAX_NAME_CHARS:
                problems.append(Problem(file, f"name is {len(value):,} characters long "
                                              f"(limit {MAX_NAME_CHARS})", feature, prop))
        for prop, value in props.items():
            if prop != "geometry":
                problems += check_strings(value, file, feature, prop)
    return problems


def check_strings(value: Any, file: str, feature: str | None, prop: str | None) -> list[Problem]:
    """Every string inside a value (lists and objects too): NFC, and no HTML markup."""
    problems = []
    for where, text in _strings(value, prop):
        if not names.is_nfc(text):
            problems.append(Problem(file, "text is not Unicode NFC (normalise it: "
                                          "unicodedata.normalize('NFC', …))", feature, where))
        if _MARKUP.search(text):
            problems.append(Problem(file, "text contains HTML markup; it is shown as plain text, "
                                          "never run — remove it", feature, where))
    return problems


def _strings(value: Any, where: str | None) -> Iterator[tuple[str | None, str]]:
    """(path such as 'connects[0].district', text) for every string nested in a value."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from _strings(item, f"{where or ''}[{n}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{where}.{key}" if where else str(key))
