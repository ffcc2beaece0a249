"""Read geodata/ with GeoPandas into validated GeoDataFrames, one per layer, plus a problem list."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd

from lienket import eras, schema
from lienket.validate import Problem, check_crs, check_frame


@dataclass
class Dataset:
    """Everything the dashboard draws: layers that loaded cleanly, and what went wrong."""

    layers: dict[str, gpd.GeoDataFrame] = field(default_factory=dict)
    agreement: dict[str, Any] = field(default_factory=dict)
    mergers: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def layer(self, name: str) -> gpd.GeoDataFrame:
        """A loaded layer, or an empty frame when it failed to load."""
        gdf = self.layers.get(name)
        if gdf is None:
            return gpd.GeoDataFrame({"id": [], "kind": []}, geometry=[], crs="EPSG:4326")
        return gdf

    def feature(self, layer: str, fid: str) -> dict[str, Any] | None:
        """One feature's properties (and geometry) by id, or None."""
        gdf = self.layer(layer)
        hit = gdf[gdf["id"] == fid]
        return None if hit.empty else hit.iloc[0].to_dict()


def read_geojson(path: Path) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Parse a GeoJSON file, turning every failure into a Problem rather than an exception."""
    name = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [Problem(name, f"file not found: {path}")]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(name, f"cannot read the file: {exc}")]
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, [Problem(name, f"not valid JSON (line {exc.lineno}, column {exc.colno}): "
                                    f"{exc.msg}")]
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" \
            or not isinstance(doc.get("features"), list):
        return None, [Problem(name, "not a GeoJSON FeatureCollection")]
    return doc, check_crs(doc, name)


def load_layer(path: Path, kinds: tuple[str, ...]) -> tuple[gpd.GeoDataFrame | None, list[Problem]]:
    """One layer file -> GeoDataFrame in EPSG:4326, or None with the problems that stopped it."""
    doc, problems = read_geojson(path)
    if doc is None or any(p.level == "error" for p in problems):
        return None, problems
    try:
        gdf = gpd.GeoDataFrame.from_features(doc["features"], crs="EPSG:4326")
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        return None, [Problem(path.name, f"malformed feature: {exc}")]
    problems += check_frame(gdf, path.name, kinds)
    if any(p.level == "error" for p in problems):
        return None, problems
    return gdf, problems


def load_agreement(path: Path) -> tuple[dict[str, Any], list[Problem]]:
    """The agreement's memberships (focus, ring and partner province codes)."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, [Problem(path.name, f"file not found: {path}")]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return {}, [Problem(path.name, f"cannot read the file: {exc}")]
    missing = [k for k in ("focus", "ring", "partners", "sources") if k not in doc]
    if missing:
        return {}, [Problem(path.name, "required property is missing", prop=m) for m in missing]
    return doc, []


def check_references(ds: Dataset) -> list[Problem]:
    """Cross-file references resolve: bridge districts, seats and memberships name real units."""
    problems = []
    codes = set(ds.layer("provinces").get("code", []))
    provinces_by_name = set(ds.layer("provinces").get("name", []))
    districts = {(d, p) for d, p in zip(ds.layer("districts").get("name", []),
                                         ds.layer("districts").get("province", []))}
    for fid, connects in zip(ds.layer("bridges").get("id", []),
                             ds.layer("bridges").get("connects", [])):
        for end in connects:
            if districts and (end["district"], end["province"]) not in districts:
                problems.append(Problem("bridges.geojson", f"district {end['district']!r} "
                                        f"({end['province']}) is not in districts.geojson",
                                        fid, "connects"))
            if provinces_by_name and end["province"] not in provinces_by_name:
                problems.append(Problem("bridges.geojson", f"province {end['province']!r} "
                                        "is not in provinces.geojson", fid, "connects"))
    if codes:
        for role in ("focus", "ring", "partners"):
            for code in ds.agreement.get(role, []):
                if code not in codes:
                    problems.append(Problem(schema.AGREEMENT_FILE,
                                            f"province code {code!r} is not in provinces.geojson",
                                            role))
    return problems


def load(directory: Path = schema.GEODATA) -> Dataset:
    """Load every layer of geodata/; a broken file costs its own layer only."""
    ds = Dataset()
    for layer, (filename, kinds) in schema.FILES.items():
        gdf, problems = load_layer(directory / filename, kinds)
        ds.problems += problems
        if gdf is not None:
            ds.layers[layer] = gdf
    ds.agreement, problems = load_agreement(directory / schema.AGREEMENT_FILE)
    ds.problems += problems
    ds.problems += check_references(ds)
    ds.mergers, problems = eras.load_mergers(directory / eras.MERGERS_FILE)
    if ds.mergers and "provinces" in ds.layers:
        problems += eras.check_coverage(ds.mergers, set(ds.layers["provinces"]["code"]))
        # An incomplete table would draw a 2025 map with holes: better no 2025 map, and say why.
        if not problems:
            ds.layers["provinces_2025"] = eras.dissolve(ds.layers["provinces"], ds.mergers)
    ds.problems += problems
    return ds
