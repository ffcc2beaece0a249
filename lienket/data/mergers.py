"""The 2025 merger table: read and checked, and the 34 post-reform units dissolved from the
pre-2025 shapes. Pure, and below `dataset` in the dependency order (dataset loads the table)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import geopandas as gpd

from lienket.data.validate import Problem

MERGERS_FILE = "mergers.json"

_UNIT_KEYS = ("code", "name", "name_en", "full_name", "full_name_en", "members", "sources")


def load_mergers(path: Path) -> tuple[dict[str, Any], list[Problem]]:
    """The merger table, or {} with the problems that make it unusable."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, [Problem(path.name, f"file not found: {path}")]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return {}, [Problem(path.name, f"cannot read the file: {exc}")]
    if not isinstance(doc, dict) or not isinstance(doc.get("units"), list):
        return {}, [Problem(path.name, "not a merger table: `units` list is missing")]
    problems = []
    sources = doc.get("sources") if isinstance(doc.get("sources"), dict) else {}
    seen: dict[str, str] = {}
    for unit in doc["units"]:
        fid = str(unit.get("code")) if isinstance(unit, dict) else "?"
        missing = [k for k in _UNIT_KEYS if not isinstance(unit, dict) or not unit.get(k)]
        problems += [Problem(path.name, "required property is missing", fid, k) for k in missing]
        if missing:
            continue
        for member in unit["members"]:
            if member in seen:
                problems.append(Problem(path.name, f"province {member!r} is in both {seen[member]!r} "
                                        f"and {fid!r}", fid, "members"))
            seen[member] = fid
        problems += [Problem(path.name, f"unknown source key {s!r}", fid, "sources")
                     for s in unit["sources"] if s not in sources]
    return ({} if problems else doc), problems


def check_coverage(mergers: dict[str, Any], codes: set[str]) -> list[Problem]:
    """Every pre-2025 province shown belongs to exactly one 2025 unit, and only real ones are named."""
    members = {m for u in mergers.get("units", []) for m in u["members"]}
    problems = [Problem(MERGERS_FILE, f"province {c!r} is in no 2025 unit") for c in sorted(codes - members)]
    problems += [Problem(MERGERS_FILE, f"member {c!r} is not in provinces.geojson")
                 for c in sorted(members - codes)]
    return problems


def dissolve(provinces: gpd.GeoDataFrame, mergers: dict[str, Any]) -> gpd.GeoDataFrame:
    """The 2025 units: pre-2025 shapes dissolved by the merger table, in table order."""
    table = mergers.get("units", [])
    to_2025 = {m: u["code"] for u in table for m in u["members"]}
    if not table or not len(provinces):
        return gpd.GeoDataFrame({"id": [], "kind": []}, geometry=[], crs="EPSG:4326")
    tagged = provinces.assign(code_2025=provinces["code"].map(to_2025))
    shapes = tagged[["code_2025", "geometry"]].dropna().dissolve(by="code_2025")
    member_names = dict(zip(provinces["code"], provinces["name"]))
    rows = []
    for unit in table:
        if unit["code"] not in shapes.index:
            continue
        rows.append({
            "kind": "province_2025", "id": f"p2025-{unit['code']}", "code": unit["code"],
            "name": unit["full_name"], "name_en": unit["full_name_en"],
            "members": list(unit["members"]),
            "member_names": [member_names.get(m, m) for m in unit["members"]],
            "sources": [mergers["sources"][s] for s in unit["sources"]]
            + ["provinces.geojson (Natural Earth 1:10m), dissolved by geodata/mergers.json"],
            "accuracy": "approximate — union of Natural Earth 1:10m pre-2025 shapes; "
                        "borders can be ~1 km off",
            "geometry": shapes.loc[unit["code"], "geometry"],
        })
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
