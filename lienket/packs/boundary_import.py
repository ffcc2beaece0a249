"""Importing boundaries: user files in any format and CRS, normalised into a boundary pack.

Reads GeoJSON / GeoPackage / Shapefile, finds the name and province fields, matches provinces and
districts to the project's names (diacritics optional), builds a pre-2025 district from the 2025
wards that replaced it, and reports what matched. Storing is `packs.save`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely

from lienket.data import names
from lienket.data.dataset import Dataset
from lienket.packs import boundaries, guard, store
from lienket.packs.boundaries import (
    Pack,
    PackError,
    PackInfo,
    area_id,
    district_keys,
    pack_id,
)

NAME_FIELDS = ("name", "shapeName", "NAME_2", "NAME_1", "ten", "Ten", "TEN", "fullName")
PROVINCE_FIELDS = ("province", "tinh", "Tinh", "NAME_1", "province_name")


def read_any(paths: Iterable[Path]) -> tuple[gpd.GeoDataFrame, list[str]]:
    """Read GeoJSON / GeoPackage / Shapefile inputs in any CRS, reprojected to EPSG:4326."""
    frames, report = [], []
    for given in paths:
        try:  # only the regular files named, of known formats, under the size limit
            path = guard.checked(Path(given))
        except guard.InputError as exc:
            raise PackError(str(exc)) from None
        try:
            gdf = gpd.read_file(path)
        except Exception as exc:  # pyogrio raises several types; all mean "cannot read"
            raise PackError(f"{path}: cannot read as a vector file ({exc})") from exc
        crs = gdf.crs.to_string() if gdf.crs else "none (assumed EPSG:4326)"
        if gdf.crs is not None and gdf.crs.to_epsg() != 4326:
            gdf = gdf.to_crs(4326)
        elif gdf.crs is None:
            gdf = gdf.set_crs(4326)
        minx, miny, maxx, maxy = gdf.total_bounds
        if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
            raise PackError(f"{path}: coordinates are not longitude/latitude and the file names "
                            "no CRS; save it with its CRS")
        report.append(f"{Path(path).name}: {len(gdf)} features, CRS {crs}")
        frames.append(gdf)
    if not frames:
        raise PackError("no input files")
    both = pd.concat(frames, ignore_index=True)
    return gpd.GeoDataFrame(both, geometry="geometry", crs=4326), report


def _text_columns(gdf: gpd.GeoDataFrame) -> list[str]:
    """Columns holding text."""
    return [c for c in gdf.columns if c != "geometry"
            and (gdf[c].dtype == object or str(gdf[c].dtype) in ("string", "str"))]


def detect_field(gdf: gpd.GeoDataFrame, wanted: set[str], preferred: Iterable[str]) -> str:
    """The text column whose values best match `wanted` name keys (ties: the preferred names)."""
    text_cols = _text_columns(gdf)
    if not text_cols:
        raise PackError("no text column to take names from; pass --name-field")
    order = list(preferred)

    def score(col: str) -> tuple[int, int]:
        hits = sum(names.key(str(v)) in wanted for v in gdf[col].dropna())
        return hits, -(order.index(col) if col in order else len(order))
    return max(text_cols, key=score)


def _nfc(value: Any) -> str:
    return unicodedata.normalize("NFC", str(value)).strip()



def provinces_from(gdf: gpd.GeoDataFrame, ds: Dataset, name_field: str | None,
                   source: str) -> tuple[gpd.GeoDataFrame, list[str]]:
    """Normalise a province layer: GSO code and the project's name for each shape."""
    shipped = ds.layer("provinces")
    by_key = {names.key(n): (c, n, e) for c, n, e in
              zip(shipped["code"], shipped["name"], shipped["name_en"])}
    field_ = name_field or detect_field(gdf, set(by_key), NAME_FIELDS)
    rows, unmatched = [], []
    for raw, geom in zip(gdf[field_], gdf.geometry):
        hit = by_key.get(names.key(str(raw)))
        if hit is None:
            unmatched.append(_nfc(raw))
            continue
        code, name, name_en = hit
        rows.append({"kind": "province", "id": pack_id(name), "code": code, "name": name,
                     "name_en": name_en, "source_name": _nfc(raw), "sources": [source],
                     "accuracy": "as published by the source", "geometry": geom})
    out = gpd.GeoDataFrame(rows, geometry="geometry", crs=4326) if rows else None
    if out is not None:
        out = out.dissolve(by="code", as_index=False, aggfunc="first")
    missing = sorted(set(shipped["name"]) - set(out["name"] if out is not None else []))
    report = [f"province names from field {field_!r}: {len(rows)} matched"
              + (f"; not matched: {', '.join(unmatched)}" if unmatched else ""),
              f"pre-2025 provinces without a shape: {len(missing)}"
              + (f" ({', '.join(missing[:8])}{'…' if len(missing) > 8 else ''})" if missing else "")]
    return out, report


def districts_from(gdf: gpd.GeoDataFrame, ds: Dataset, provinces: gpd.GeoDataFrame,
                   name_field: str | None, province_field: str | None,
                   source: str) -> tuple[gpd.GeoDataFrame, list[str]]:
    """Normalise a district layer: province, the project's name where known, status."""
    known = ds.layer("districts")
    known_by_key = {(names.key(n), names.key(p)): (n, p, s) for n, p, s in
                    zip(known["name"], known["province"], known["status_2022"])}
    wanted = {k for k, _ in known_by_key}
    field_ = name_field or detect_field(gdf, wanted, NAME_FIELDS)
    if province_field is None:
        province_field = next((f for f in PROVINCE_FIELDS if f in gdf.columns and f != field_), None)
    province_names = {names.key(n): n for n in provinces["name"]}
    if province_field:
        province = gdf[province_field].map(lambda v: province_names.get(names.key(str(v))))
    else:
        province = pd.Series([None] * len(gdf), index=gdf.index)
    # Where the file names no province, the province whose shape holds the district's interior point.
    need = province.isna()
    if need.any():
        points = gpd.GeoDataFrame(geometry=gdf.loc[need].geometry.representative_point(), crs=4326)
        joined = gpd.sjoin(points, provinces[["name", "geometry"]], how="left", predicate="within")
        joined = joined[~joined.index.duplicated()]
        province.loc[need] = joined["name"].reindex(points.index).values
    communes = _communes(gdf, field_)
    rows, no_province = [], 0
    for raw, prov, geom, commune in zip(gdf[field_], province, gdf.geometry, communes):
        if commune:
            raw = commune
        raw = _nfc(raw)
        if not isinstance(prov, str):
            no_province += 1
            continue
        # 2025 wards reuse old district names ("Phường Kinh Môn"): never take one for the district
        match = None if commune else known_by_key.get((names.key(raw), names.key(prov)))
        name, status = (match[0], match[2]) if match else (raw, names.status_from_name(raw))
        rows.append({"kind": "district_area", "id": area_id(prov, name), "name": name,
                     "unit": "commune" if commune else "district",
                     "province": prov, "status_2022": status or "", "source_name": raw,
                     "sources": [source], "accuracy": "as published by the source",
                     "geometry": geom})
    columns = ["kind", "id", "name", "unit", "province", "status_2022", "source_name", "sources",
               "accuracy", "geometry"]
    out = gpd.GeoDataFrame(rows, columns=columns, geometry="geometry", crs=4326)
    matched = set(district_keys(out))
    found = [v[0] for k, v in known_by_key.items() if k in matched]
    lost = [v[0] for k, v in known_by_key.items() if k not in matched]
    if (communes != "").any():
        report_communes = [f"{int((communes != '').sum())} features are communes/wards (Phường, Xã…), "
                           "not districts: none is matched to a district"]
    else:
        report_communes = []
    report = [*report_communes, f"district names from field {field_!r}; provinces from "
              + (f"field {province_field!r}" if province_field else "location (spatial join)"),
              f"{len(out)} units kept; {no_province} outside every province (dropped)",
              f"bridge districts matched: {len(found)}/{len(known_by_key)}"
              + (f"; not in these files: {', '.join(lost)}" if lost else "")]
    return out, report


def _communes(gdf: gpd.GeoDataFrame, name_field: str) -> pd.Series:
    """Per feature: its full commune name ("Phường Kinh Môn") when a text field calls it a
    commune-level unit under the same name, else ""."""
    text_cols = _text_columns(gdf)

    def full_name(row: pd.Series) -> str:
        own = names.key(str(row[name_field]))
        return next((_nfc(row[c]) for c in text_cols if isinstance(row[c], str)
                     and names.is_commune_name(row[c]) and names.key(row[c]) == own), "")
    return gdf.apply(full_name, axis=1) if len(gdf) else pd.Series([], dtype=str)


def dissolve_wards(gdf: gpd.GeoDataFrame, district: str, only: list[str] | None,
                   name_field: str | None) -> tuple[gpd.GeoDataFrame, list[str]]:
    """Build one pre-2025 district from the 2025 wards that replaced it."""
    if only:
        field_ = name_field or detect_field(gdf, {names.key(n) for n in only}, NAME_FIELDS)
        keep = gdf[field_].map(lambda v: names.key(str(v))).isin({names.key(n) for n in only})
        missing = set(map(names.key, only)) - set(gdf.loc[keep, field_].map(lambda v: names.key(str(v))))
        if missing:
            raise PackError(f"wards not found for {district}: {', '.join(sorted(missing))}")
        gdf = gdf[keep]
    shape = shapely.make_valid(shapely.union_all(gdf.geometry.values)).buffer(0)
    out = gpd.GeoDataFrame({"name": [district]}, geometry=[shape], crs=4326)
    return out, [f"{district}: built from {len(gdf)} ward polygons (union)"]


def missing_bridge_districts(districts: gpd.GeoDataFrame, ds: Dataset) -> list[str]:
    """Districts a bridge connects that the pack lacks."""
    have = set(district_keys(districts))
    return [f"{c['district']} ({c['province']})" for cs in ds.layer("bridges")["connects"]
            for c in cs if (names.key(c["district"]), names.key(c["province"])) not in have]


def summary(districts: gpd.GeoDataFrame, ds: Dataset) -> str:
    """One line: how many districts, and whether every bridge's districts are there."""
    lost = sorted(set(missing_bridge_districts(districts, ds)))
    return (f"pack: {len(districts)} districts; every bridge's districts present"
            if not lost else f"pack: {len(districts)} districts; MISSING bridge districts: "
            + ", ".join(lost))


@dataclass
class ImportRequest:
    """What to import: district/province files, and districts to build from 2025 wards."""

    paths: list[Path] = field(default_factory=list)
    level: str = "auto"
    name_field: str | None = None
    province_field: str | None = None
    from_wards: list[tuple[str, list[Path]]] = field(default_factory=list)
    ward_names: list[str] | None = None
    source: str | None = None
    licence: str = "as stated by the source (not verified)"
    vintage: str = "not stated"


def _province_reference(provinces: gpd.GeoDataFrame | None, ds: Dataset) -> gpd.GeoDataFrame:
    """Provinces to place districts in: the pack's, completed by the shipped ones it lacks."""
    shipped = ds.layer("provinces")
    if provinces is None:
        return shipped
    extra = shipped[~shipped["code"].isin(provinces["code"])]
    both = pd.concat([provinces[["code", "name", "geometry"]], extra[["code", "name", "geometry"]]],
                     ignore_index=True)
    return gpd.GeoDataFrame(both, geometry="geometry", crs=4326)


def _level(gdf: gpd.GeoDataFrame, ds: Dataset, name_field: str | None) -> str:
    """'provinces' when most features are distinct provinces, else 'districts'.

    A district file often has a province column too; there each province repeats many times.
    """
    keys = {names.key(n) for n in ds.layer("provinces")["name"]}
    field_ = name_field or detect_field(gdf, keys, NAME_FIELDS)
    distinct = {names.key(str(v)) for v in gdf[field_]} & keys
    return "provinces" if len(distinct) >= 0.5 * len(gdf) else "districts"


def build(request: ImportRequest, ds: Dataset, base: Pack | None = None) -> Pack:
    """Normalise the request's files into a pack (adding to `base` when given)."""
    report: list[str] = []
    source = request.source or "user import: " + ", ".join(
        p.name for p in [*request.paths, *(q for _, ps in request.from_wards for q in ps)])
    provinces = base.provinces if base else None
    district_frames = [base.districts] if base is not None and base.districts is not None else []
    era = base.info.era if base else "2022"
    raw_districts = []
    for path in request.paths:
        gdf, lines = read_any([path])
        report += lines
        level = request.level if request.level != "auto" else _level(gdf, ds, request.name_field)
        if level == "provinces":
            provinces, lines = provinces_from(gdf, ds, request.name_field, source)
            report += lines
            if provinces is not None and "30" not in set(provinces["code"]):
                era = "2025"
                report.append("no Hải Dương province: this is the post-July-2025 map; its provinces "
                              "are kept but not drawn as the 2022 map")
        else:
            raw_districts.append((gdf, request.name_field, request.province_field))
    for district, paths in request.from_wards:
        gdf, lines = read_any(paths)
        report += lines
        gdf, lines = dissolve_wards(gdf, district, request.ward_names, request.name_field)
        report += lines
        raw_districts.append((gdf, "name", None))
    if raw_districts:
        reference = _province_reference(provinces if era == "2022" else None, ds)
        for gdf, name_field, province_field in raw_districts:
            frame, lines = districts_from(gdf, ds, reference, name_field, province_field, source)
            report += lines
            district_frames.append(frame)
    districts = None
    if district_frames:
        districts = pd.concat(district_frames, ignore_index=True)
        districts = gpd.GeoDataFrame(districts.drop_duplicates("id", keep="last"),
                                     geometry="geometry", crs=4326)
    if provinces is None and districts is None:
        raise PackError("nothing to import")
    if districts is not None:
        report.append(summary(districts, ds))
    counts = {k: len(v) for k, v in (("provinces", provinces), ("districts", districts))
              if v is not None}
    info = PackInfo(origin="imported", source=source, licence=request.licence,
                    vintage=request.vintage, counts=counts, report=report, era=era)
    return Pack(info, provinces, districts)


def import_pack(request: ImportRequest, ds: Dataset, dest: Path | None = None,
                add: bool = False) -> Pack:
    """Import files into the user's imported pack (or `dest`), atomically."""
    dest = dest or store.packs_dir(boundaries.IMPORTED)
    base = boundaries.load(dest) if add and (dest / boundaries.META).exists() else None
    pack = build(request, ds, base)
    boundaries.save(pack, dest)
    return boundaries.load(dest)
