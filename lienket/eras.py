"""2022 as signed ↔ after the 2025 reform: the merger table, dissolved provinces, era-aware names.

Pure (no Streamlit): the merger table is read and checked here, the 34 post-reform units are built by
dissolving the shipped pre-2025 shapes, and every "what did this 2022 place become" answer comes
from the same table.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import geopandas as gpd

from lienket import names
from lienket.validate import Problem

if TYPE_CHECKING:
    from lienket.data import Dataset

#: Era ids, as they appear in the URL (`?era=2025`); the first is the default.
ERAS: tuple[str, ...] = ("2022", "2025")
DEFAULT_ERA = "2022"
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


def units(ds: Dataset) -> dict[str, dict[str, Any]]:
    """2025 unit per 2025 code."""
    return {u["code"]: u for u in ds.mergers.get("units", [])}


def successor(ds: Dataset, code_2022: str) -> dict[str, Any] | None:
    """The 2025 unit that contains a pre-2025 province (by its GSO code)."""
    return next((u for u in ds.mergers.get("units", []) if code_2022 in u["members"]), None)


def code_of(ds: Dataset, province_name: str) -> str | None:
    """A pre-2025 province's GSO code from its name ('Hải Dương', 'Thủy'/'Thuỷ' alike)."""
    provinces = ds.layer("provinces")
    by_key = {names.key(n): c for n, c in zip(provinces.get("name", []), provinces.get("code", []))}
    return by_key.get(names.key(province_name))


def full_name(unit: dict[str, Any], lang: str) -> str:
    """'Thành phố Hải Phòng' / 'Hai Phong City'."""
    return unit["full_name_en"] if lang == "en" else unit["full_name"]


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


def provinces(ds: Dataset, era: str) -> gpd.GeoDataFrame:
    """The province shapes of an era: the 63 as shipped, or the 34 dissolved 2025 units."""
    return ds.layer("provinces_2025") if era == "2025" else ds.layer("provinces")


def name_2022(ds: Dataset, code_2022: str) -> str:
    """A pre-2025 province's name ('Vĩnh Phúc'), or its code if unknown."""
    provinces_2022 = ds.layer("provinces")
    return dict(zip(provinces_2022.get("code", []), provinces_2022.get("name", []))).get(code_2022,
                                                                                        code_2022)


def became(ds: Dataset, code_2022: str, lang: str) -> str:
    """'Vĩnh Phúc (2022) → Tỉnh Phú Thọ (2025)'."""
    old = name_2022(ds, code_2022)
    unit = successor(ds, code_2022)
    if unit is None:
        return old
    return f"{old} (2022) → {full_name(unit, lang)} (2025)"


def role_successors(ds: Dataset, role: str) -> dict[str, list[str]]:
    """2025 unit code -> the 2022 members of an agreement role it now contains, in role order."""
    out: dict[str, list[str]] = {}
    for code in ds.agreement.get(role, []):
        unit = successor(ds, code)
        if unit is not None:
            out.setdefault(unit["code"], []).append(code)
    return out


def role_shapes(ds: Dataset, role: str) -> gpd.GeoDataFrame:
    """The 2025 units containing the 2022 members of a role, with `became` listing those members."""
    spans = role_successors(ds, role)
    shapes = ds.layer("provinces_2025")
    if not len(shapes):
        return shapes
    hit = shapes[shapes["code"].isin(list(spans))].copy()
    hit["role_members"] = [spans[c] for c in hit["code"]]
    return hit
