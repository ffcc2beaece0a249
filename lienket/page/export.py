"""The data people take away: each visible layer, and the selection, as GeoJSON and CSV.

Exports carry every property of the data, provenance included (sources, accuracy, position and
uncertainty where the data has them), for the era shown. CSV has one row per feature with the
geometry as WKT plus a lon/lat point (the feature's representative point), lists joined with
"; ". Text that a spreadsheet would run as a formula is prefixed with an apostrophe. Pure: no
Streamlit here.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
from collections.abc import Sequence
from typing import Any

import geopandas as gpd
import pandas as pd
from shapely.geometry import mapping

from lienket.data import agreement, eras, names
from lienket.data.dataset import Dataset
from lienket.map import selection
from lienket.text.i18n import t

#: Columns that come first in the CSV (when the layer has them): who, what, and provenance.
FIRST = ("id", "kind", "name", "name_en", "code", "province", "sources", "accuracy", "position",
         "uncertainty_m")
#: Spreadsheets run cells starting with these as formulas (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _empty() -> gpd.GeoDataFrame:
    """A frame with no features."""
    return gpd.GeoDataFrame({"id": [], "kind": []}, geometry=[], crs="EPSG:4326")


def _concat(frames: Sequence[gpd.GeoDataFrame]) -> gpd.GeoDataFrame:
    """Frames one after another (columns united), or an empty frame."""
    frames = [f for f in frames if f is not None and len(f)]
    if not frames:
        return _empty()
    return gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), geometry="geometry",
                            crs="EPSG:4326")


def _schematic(line: Any, fid: str, name: str, sources: list[str], lang: str) -> gpd.GeoDataFrame:
    """A derived schematic line with its provenance."""
    return gpd.GeoDataFrame([{"kind": "schematic", "id": fid, "name": name, "sources": sources,
                              "accuracy": t("schematic", lang), "position": "schematic",
                              "geometry": line}], geometry="geometry", crs="EPSG:4326")


def _role(ds: Dataset, role: str, era: str, lang: str) -> gpd.GeoDataFrame:
    """The provinces that play a role; in 2025 the units now holding the 2022 members."""
    if era == "2025":
        shapes = eras.role_shapes(ds, role)
        if len(shapes):
            shapes = shapes.assign(became=[[eras.became(ds, c, lang) for c in m]
                                           for m in shapes["role_members"]])
        return shapes
    return agreement.provinces_in(ds, role)


def layer_frame(ds: Dataset, layer: str, era: str = eras.DEFAULT_ERA,
                lang: str = "vi") -> gpd.GeoDataFrame:
    """What a map layer shows, with all its data properties (not the escaped display text)."""
    sources = ds.agreement.get("sources", []) + ["province_seats.geojson"]
    if layer == "provinces":
        return eras.provinces(ds, era)
    if layer == "districts":
        return _concat([ds.layers.get("district_areas"), ds.layer("districts")])
    if layer == "ring":
        line, _order = agreement.ring_line(ds)
        lines = [_schematic(line, "ring-line", t("role_ring_line", lang), sources, lang)] \
            if line is not None else []
        return _concat([_role(ds, "ring", era, lang), *lines])
    if layer == "partners":
        links = agreement.partner_links(ds)
        if len(links):
            links = links.assign(sources=[sources] * len(links), accuracy=t("schematic", lang),
                                 position="schematic")
        return _concat([_role(ds, "partners", era, lang), links])
    return ds.layer(layer)


def selection_frame(ds: Dataset, bridge_id: str | None, place: tuple[str, str] | None = None
                    ) -> gpd.GeoDataFrame:
    """The selected bridge with the districts it connects (seats, and areas with a pack), and the
    place found by search; empty when nothing is selected."""
    frames = []
    if bridge_id:
        bridges = ds.layer("bridges")
        frames += [bridges[bridges["id"] == bridge_id],
                   selection.connected_areas(ds, bridge_id),
                   selection.connected_districts(ds, bridge_id)]
    if place:
        layer, fid = place
        frame = ds.layer(layer)
        frames.append(frame[frame["id"] == fid])
    out = _concat(frames)
    return out.drop_duplicates(subset="id").reset_index(drop=True) if len(out) else out


def _plain(value: Any) -> Any:
    """A property value as plain JSON (NaN/NA -> null, numpy scalars -> Python)."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalar
        return _plain(value.item())
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value


def _properties(row: dict[str, Any]) -> dict[str, Any]:
    """Every non-geometry property, plain."""
    return {k: _plain(v) for k, v in row.items() if k != "geometry"}


def to_geojson(gdf: gpd.GeoDataFrame) -> bytes:
    """A GeoJSON FeatureCollection (EPSG:4326 lon/lat), UTF-8."""
    features = [{"type": "Feature", "properties": _properties(row),
                 "geometry": mapping(row["geometry"]) if row["geometry"] is not None else None}
                for row in gdf.to_dict("records")]
    doc = {"type": "FeatureCollection", "features": features}
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


def _cell(value: Any) -> str:
    """A CSV cell: lists joined with '; ', objects as JSON, formulas defused."""
    value = _plain(value)
    if value is None:
        text = ""
    elif isinstance(value, list):
        text = "; ".join(_cell(v) if not isinstance(v, dict) else json.dumps(v, ensure_ascii=False)
                         for v in value)
    elif isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = str(value)
    if isinstance(value, str) and text.startswith(FORMULA_START):
        text = "'" + text
    return text


def csv_columns(gdf: gpd.GeoDataFrame) -> list[str]:
    """Property columns in CSV order: identity and provenance first, the rest as in the data."""
    props = [c for c in gdf.columns if c != "geometry"]
    return [c for c in FIRST if c in props] + [c for c in props if c not in FIRST]


def to_csv(gdf: gpd.GeoDataFrame) -> bytes:
    """CSV with every property, then lon, lat (representative point) and WKT; UTF-8 with a BOM so
    spreadsheet programs read Vietnamese correctly."""
    columns = csv_columns(gdf)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*columns, "lon", "lat", "wkt"])
    for row in gdf.to_dict("records"):
        geom = row["geometry"]
        point = geom.representative_point() if geom is not None and not geom.is_empty else None
        writer.writerow([*(_cell(row.get(c)) for c in columns),
                         f"{point.x:.6f}" if point else "", f"{point.y:.6f}" if point else "",
                         geom.wkt if geom is not None else ""])
    return out.getvalue().encode("utf-8-sig")


def slug(text: str) -> str:
    """'Cầu liên kết' -> 'cau-lien-ket' (file-name safe)."""
    return "-".join(part for part in "".join(c if c.isalnum() else " "
                                             for c in names.fold(text)).split()) or "data"


def file_name(what: str, era: str, day: dt.date, ext: str) -> str:
    """'lienket_cau-lien-ket_2022_2026-11-26.geojson': what, era and date."""
    return f"lienket_{slug(what)}_{era}_{day.isoformat()}.{ext}"
