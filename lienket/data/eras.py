"""2022 as signed ↔ after the 2025 reform: the merger table, dissolved provinces, era-aware names.

Pure (no Streamlit): the merger table is read, checked and dissolved in `lienket.data.mergers` (which
`dataset` loads); here every "what did this 2022 place become" answer comes from that table.
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd

from lienket.data import names
from lienket.data.dataset import Dataset

#: Era ids, as they appear in the URL (`?era=2025`); the first is the default.
ERAS: tuple[str, ...] = ("2022", "2025")
DEFAULT_ERA = "2022"


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
