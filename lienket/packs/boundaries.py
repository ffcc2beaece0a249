"""Boundary packs: detailed pre-2025 provinces (ADM1) and districts (ADM2), imported or downloaded.

A pack is a folder: `provinces.geojson` and/or `districts.geojson` in the project's schema, and
`pack.json` (source, licence, vintage, import report, SHA-256 of each file), kept by `store`.
Packs live in the user's cache, never in the repository: their licences vary. The app uses the
best one available: a configured pack, else an imported one, else a downloaded one, else the
shipped Natural Earth provinces (no districts). Importing is `boundary_import`, downloading
`geoboundaries`.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd

from lienket.data import names, schema
from lienket.data.dataset import Dataset
from lienket.packs import store
from lienket.packs.store import PackError  # raised here; callers catch packs.PackError

META = schema.PACK_META
FILES = {"provinces": "provinces.geojson", "districts": "districts.geojson"}  # schema.PACK_FILES
ENV_PACK = "LIENKET_PACK"
CONFIG_NAMES = ("lienket.toml",)
#: Names a pack's folder has in the cache, by how it got there.
IMPORTED, DOWNLOADED = "imported", "geoboundaries"


@dataclass
class PackInfo:
    """Where a pack's boundaries come from, shown to the user."""

    origin: str  # "shipped" | "configured" | "imported" | "downloaded"
    source: str
    licence: str
    vintage: str
    path: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    report: list[str] = field(default_factory=list)
    era: str = "2022"
    files: dict[str, str] = field(default_factory=dict)  # file -> sha256
    created: str = ""


@dataclass
class Pack:
    """Detailed boundaries in the project's schema (either layer may be absent)."""

    info: PackInfo
    provinces: gpd.GeoDataFrame | None = None
    districts: gpd.GeoDataFrame | None = None


SHIPPED = PackInfo(origin="shipped", source="Natural Earth 1:10m Admin-1 (geodata/provinces.geojson)",
                   licence="Public domain", vintage="pre-2025, generalised (~1 km)")


# --- where packs live ---------------------------------------------------------------------------

def configured(secrets: Mapping[str, Any] | None = None, cwd: Path | None = None) -> Path | None:
    """A pack folder set by LIENKET_PACK, Streamlit secrets (`lienket_pack`) or ./lienket.toml."""
    if os.environ.get(ENV_PACK):
        return Path(os.environ[ENV_PACK]).expanduser()
    if secrets and secrets.get("lienket_pack"):
        return Path(str(secrets["lienket_pack"])).expanduser()
    for name in CONFIG_NAMES:
        config = (cwd or Path.cwd()) / name
        if config.is_file():
            try:
                value = tomllib.loads(config.read_text(encoding="utf-8")).get("pack")
            except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError):
                return None
            if value:
                return (config.parent / str(value)).expanduser()
    return None



def candidates(secrets: Mapping[str, Any] | None = None) -> list[tuple[str, Path]]:
    """Pack folders to try, best first."""
    found = []
    user = configured(secrets)
    if user is not None:
        found.append(("configured", user))
    found.append(("imported", store.packs_dir(IMPORTED)))
    found.append(("downloaded", store.packs_dir(DOWNLOADED)))
    return found


def best(secrets: Mapping[str, Any] | None = None) -> tuple[Pack | None, list[str]]:
    """The best readable pack (None: use shipped data) and notes on packs that were skipped."""
    notes = []
    for origin, path in candidates(secrets):
        if origin != "configured" and not (path / META).exists():
            continue
        try:
            pack = load(path)
        except PackError as exc:
            notes.append(str(exc))
            continue
        pack.info.origin = origin
        return pack, notes
    return None, notes


# --- reading and writing packs ----------------------------------------------------------------


def load(path: Path) -> Pack:
    """Read a pack folder, verifying every file against the checksums in pack.json."""
    meta = store.load_meta(path, META, label="boundary pack")
    try:
        info = PackInfo(**{k: v for k, v in meta.items() if k in PackInfo.__dataclass_fields__})
    except TypeError as exc:
        raise PackError(f"boundary pack {path}: {META} is unreadable ({exc})") from exc
    info.path = str(path)
    layers: dict[str, gpd.GeoDataFrame] = {}
    for layer, filename in FILES.items():
        if filename not in info.files:
            continue
        # from_features keeps list properties (sources) as lists; read_file makes them arrays
        doc = json.loads((path / filename).read_text(encoding="utf-8"))
        layers[layer] = gpd.GeoDataFrame.from_features(doc["features"], crs=4326)
    if not layers:
        raise PackError(f"boundary pack {path}: holds no boundaries")
    return Pack(info, layers.get("provinces"), layers.get("districts"))


def save(pack: Pack, path: Path) -> Path:
    """Write a pack atomically: a complete new folder replaces the old one, or nothing changes."""
    def write(folder: Path) -> None:
        for layer, filename in FILES.items():
            gdf = getattr(pack, layer)
            if gdf is not None and not gdf.empty:
                text = gdf.to_json(drop_id=True, ensure_ascii=False)
                (folder / filename).write_text(text, encoding="utf-8")
    return store.save(path, write, {**asdict(pack.info), "path": None}, META)


# --- what a pack's districts are called --------------------------------------------------------

def _slug(*parts: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", " ".join(names.key(p) for p in parts)).strip("-")


def pack_id(*parts: str) -> str:
    """Id of a polygon in a pack (stable across sources: built from name keys)."""
    return f"pack-{_slug(*parts)}"


def area_id(province: str, district: str) -> str:
    """Id of a district polygon in a pack."""
    return pack_id(province, district)


def district_keys(areas: gpd.GeoDataFrame) -> list[tuple[str, str] | None]:
    """(name key, province key) per feature; None for communes, which never stand for a district."""
    units = areas["unit"] if "unit" in areas else ["district"] * len(areas)
    return [(names.key(n), names.key(p)) if u != "commune" else None
            for n, p, u in zip(areas["name"], areas["province"], units)]


# --- using a pack on the map -----------------------------------------------------------------------

def display_dataset(ds: Dataset, pack: Pack | None) -> Dataset:
    """The dataset with the pack's district areas in the signatory provinces, and its provinces
    when they cover all 63 (a partial set would overlap the coarse shipped shapes).
    Geometry is as stored: `simplify.for_map` prepares it for the page."""
    if pack is None:
        return ds
    layers = dict(ds.layers)
    if pack.districts is not None and len(pack.districts):
        shipped = ds.layer("provinces")
        focus = set(shipped.loc[shipped["code"].isin(ds.agreement.get("focus", [])), "name"])
        areas = pack.districts[pack.districts["province"].isin(focus)]
        layers["district_areas"] = areas.reset_index(drop=True)
    if (pack.provinces is not None and pack.info.era == "2022"
            and set(pack.provinces["code"]) >= set(ds.layer("provinces")["code"])):
        shipped = ds.layer("provinces")[["code", "name_en"]]
        provinces = pack.provinces.drop(columns=["name_en"], errors="ignore").merge(shipped, on="code")
        layers["provinces"] = provinces
    return dataclasses.replace(ds, layers=layers)  # every other field (agreement, mergers…) kept
