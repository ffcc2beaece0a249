"""Read geodata/ with GeoPandas into validated GeoDataFrames, one per layer, plus a problem list."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd

from lienket.data import mergers, schema
from lienket.data.validate import (
    Problem,
    check_crs,
    check_frame,
    check_strings,
    check_text,
    quote,
)


@dataclass
class Dataset:
    """Everything the dashboard draws: layers that loaded cleanly, and what went wrong."""

    layers: dict[str, gpd.GeoDataFrame] = field(default_factory=dict)
    agreement: dict[str, Any] = field(default_factory=dict)
    mergers: dict[str, Any] = field(default_factory=dict)
    catalogue: dict[str, dict[str, str]] = field(default_factory=dict)
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


def read_json(path: Path) -> tuple[Any, list[Problem]]:
    """Parse a JSON file, turning every failure into a Problem rather than an exception."""
    name = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [Problem(name, "file not found")]
    except UnicodeDecodeError as exc:
        return None, [Problem(name, f"not UTF-8 text (byte {exc.start}): save the file as UTF-8")]
    except OSError as exc:
        return None, [Problem(name, f"cannot read the file: {exc.strerror or exc}")]
    try:
        return json.loads(text), []
    except json.JSONDecodeError as exc:
        # A parse error at the very end means the file stops early: a cut copy or a failed save.
        # ("Unterminated string" means no closing quote in the rest of the file.)
        ends_early = exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string")
        truncated = "; the file ends too early (truncated?)" if ends_early else ""
        return None, [Problem(name, f"not valid JSON (line {exc.lineno}, column {exc.colno}): "
                                    f"{exc.msg.removesuffix(' starting at')}{truncated}")]
    except RecursionError:
        return None, [Problem(name, "not valid JSON: nested too deeply")]


def read_geojson(path: Path) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Parse a GeoJSON FeatureCollection; None with the problems when it is not one."""
    doc, problems = read_json(path)
    if doc is None:
        return None, problems
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" \
            or not isinstance(doc.get("features"), list):
        return None, [Problem(path.name, "not a GeoJSON FeatureCollection")]
    bad = [n for n, f in enumerate(doc["features"])
           if not (isinstance(f, dict) and f.get("type") == "Feature"
                   and isinstance(f.get("properties"), (dict, type(None))))]
    if bad:
        return None, [Problem(path.name, "not a GeoJSON Feature (needs type \"Feature\", "
                                         "properties and geometry)", f"feature #{n}")
                      for n in bad[:10]]
    return doc, check_crs(doc, path.name)


def load_layer(path: Path, kinds: tuple[str, ...]) -> tuple[gpd.GeoDataFrame | None, list[Problem]]:
    """One layer file -> GeoDataFrame in EPSG:4326, or None with the problems that stopped it.

    Problems with text (`check_text`) are reported but do not stop the layer: it is escaped.
    """
    doc, problems = read_geojson(path)
    if doc is None or any(p.level == "error" for p in problems):
        return None, problems
    try:
        gdf = gpd.GeoDataFrame.from_features(doc["features"], crs="EPSG:4326")
    except Exception as exc:  # noqa: BLE001 — hand-edited input: any parse failure is a Problem
        return None, [Problem(path.name, f"malformed feature: {type(exc).__name__}: "
                                         f"{quote(str(exc), 200)}")]
    if len(gdf) and "id" not in gdf:
        gdf["id"] = None
    problems += check_frame(gdf, path.name, kinds)
    if any(p.level == "error" for p in problems):
        return None, problems
    return gdf, problems + check_text(gdf, path.name)


def load_agreement(path: Path) -> tuple[dict[str, Any], list[Problem]]:
    """The agreement's memberships (focus, ring and partner province codes)."""
    doc, problems = read_json(path)
    if doc is None:
        return {}, problems
    if not isinstance(doc, dict):
        return {}, [Problem(path.name, "must be a JSON object")]
    missing = [k for k in ("focus", "ring", "partners", "sources") if k not in doc]
    if missing:
        return {}, [Problem(path.name, "required property is missing", prop=m) for m in missing]
    wrong = [k for k in ("focus", "ring", "partners", "sources")
             if not (isinstance(doc[k], list) and all(isinstance(c, str) for c in doc[k]))]
    if wrong:
        return {}, [Problem(path.name, "must be a list of text values", prop=k) for k in wrong]
    return doc, check_strings(doc, path.name, None, None)


def load_catalogue(path: Path) -> tuple[dict[str, dict[str, str]], list[Problem]]:
    """Per-layer source and licence summary ('Nguồn dữ liệu'): {layer: {field: text}}."""
    doc, problems = read_json(path)
    if doc is None:
        return {}, problems
    if not (isinstance(doc, dict) and all(isinstance(v, dict) and all(isinstance(x, str)
                                                                       for x in v.values())
                                          for v in doc.values())):
        return {}, [Problem(path.name, "must map each layer to {source, licence, …} text")]
    return doc, check_strings(doc, path.name, None, None)


def check_references(ds: Dataset) -> list[Problem]:
    """Cross-file references resolve: bridge districts, seats and memberships name real units."""
    problems = []
    codes = set(ds.layer("provinces").get("code", []))
    provinces_by_name = set(ds.layer("provinces").get("name", []))
    districts = {(d, p) for d, p in zip(ds.layer("districts").get("name", []),
                                         ds.layer("districts").get("province", []))}
    seats = set(ds.layer("seats").get("province", []))
    for fid, connects in zip(ds.layer("bridges").get("id", []),
                             ds.layer("bridges").get("connects", [])):
        for n, end in enumerate(connects):
            where = f"connects[{n}]"
            if "districts" in ds.layers and (end["district"], end["province"]) not in districts:
                problems.append(Problem("bridges.geojson", f"district {quote(end['district'])} "
                                        f"({quote(end['province'])}) is not in districts.geojson",
                                        fid, f"{where}.district"))
            if "provinces" in ds.layers and end["province"] not in provinces_by_name:
                problems.append(Problem("bridges.geojson", f"province {quote(end['province'])} "
                                        "is not in provinces.geojson", fid, f"{where}.province"))
    for role in ("focus", "ring", "partners"):
        for code in ds.agreement.get(role, []):
            if "provinces" in ds.layers and code not in codes:
                problems.append(Problem(schema.AGREEMENT_FILE, f"province code {quote(code)} "
                                        "is not in provinces.geojson", prop=role))
            elif "seats" in ds.layers and role != "focus" and code not in seats:
                problems.append(Problem(schema.AGREEMENT_FILE, f"province code {quote(code)} has "
                                        "no seat in province_seats.geojson (its link cannot be "
                                        "drawn)", prop=role))
    problems += _check_river_ids(ds)
    problems += _check_ids_across_layers(ds)
    return problems


def _check_river_ids(ds: Dataset) -> list[Problem]:
    """A bridge's `river_id` names a line of rivers.geojson (null: its river has no line)."""
    bridges = ds.layer("bridges")
    if "rivers" not in ds.layers or "river_id" not in bridges:
        return []
    rivers = set(ds.layers["rivers"]["id"])
    return [Problem("bridges.geojson", f"river {quote(rid)} is not in rivers.geojson", fid,
                    "river_id")
            for fid, rid in zip(bridges["id"], bridges["river_id"])
            if isinstance(rid, str) and rid not in rivers]


def _check_ids_across_layers(ds: Dataset) -> list[Problem]:
    """An id names one feature in the whole project (links and clicks carry bare ids)."""
    owner = {layer: filename for layer, (filename, _kinds) in schema.FILES.items()}
    seen = Counter(i for gdf in ds.layers.values() for i in set(gdf.get("id", [])))
    return [Problem(owner[layer], "id is also used in another file", fid, "id")
            for layer, gdf in ds.layers.items() for fid in gdf.get("id", []) if seen[fid] > 1]


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
    ds.catalogue, problems = load_catalogue(directory / schema.CATALOGUE_FILE)
    ds.problems += problems
    ds.problems += check_references(ds)
    ds.mergers, problems = mergers.load_mergers(directory / mergers.MERGERS_FILE)
    if ds.mergers and "provinces" in ds.layers:
        problems += mergers.check_coverage(ds.mergers, set(ds.layers["provinces"]["code"]))
        # An incomplete table would draw a 2025 map with holes: better no 2025 map, and say why.
        if not problems:
            ds.layers["provinces_2025"] = mergers.dissolve(ds.layers["provinces"], ds.mergers)
    ds.problems += problems
    return ds


def check_path(path: Path) -> tuple[list[str], list[Problem]]:
    """Validate a geodata directory, a boundary pack, or one file: (files checked, problems).

    A directory with agreement.json is a full geodata set: every layer file must be there and
    references are checked across files. Any other directory (a boundary pack) or single file:
    each *.geojson is checked on its own, against the kinds its name implies (any known kind
    otherwise).
    """
    if path.is_dir() and (path / schema.AGREEMENT_FILE).exists():
        ds = load(path)
        files = [f for f, _k in schema.FILES.values()] + [schema.AGREEMENT_FILE,
                                                          schema.CATALOGUE_FILE]
        return files, ds.problems
    targets = sorted(path.glob("*.geojson")) if path.is_dir() else [path]
    if not targets:
        return [], [Problem(path.name, "no *.geojson files here (and no agreement.json)")]
    is_pack = path.is_dir() and (path / schema.PACK_META).exists()
    kinds_by_file = dict(schema.PACK_FILES) if is_pack else {f: k for f, k in schema.FILES.values()}
    any_kind = tuple(schema.REQUIRED)
    problems = []
    for target in targets:
        _gdf, found = load_layer(target, kinds_by_file.get(target.name, any_kind))
        problems += found
    return [t.name for t in targets], problems
