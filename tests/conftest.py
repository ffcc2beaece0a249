"""Shared fixtures: the shipped dataset, and the reference data in ../shared (required: a missing folder fails)."""

from __future__ import annotations

import os
from pathlib import Path

import geopandas as gpd
import pytest

from lienket.data import dataset, names, schema

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("LIENKET_SHARED", ROOT.parent / "shared"))
RAW = SHARED / "geodata" / "raw"
DVHCVN_DISTRICTS = RAW / "dvhcvn_gischinhphu" / "derived" / "vn_adm2_north12_districts_dvhcvn.geojson"
DVHCVN_PROVINCES = RAW / "dvhcvn_gischinhphu" / "derived" / "vn_adm1_62_provinces_dvhcvn.geojson"
BANDO_PROVINCES = RAW / "vnprovdb_bando2025" / "derived" / "vn_adm1_34_provinces_2025.geojson"
DONG_TRIEU = RAW / "vnprovdb_bando2025" / "derived" / "dong_trieu_former_district_from_2025_wards.geojson"


@pytest.fixture(scope="session")
def ds() -> dataset.Dataset:
    """The shipped data, loaded as the app loads it."""
    return dataset.load(schema.GEODATA)


def _require(path: Path) -> Path:
    """Reference data must be there: CI has ../shared, so a missing file is a failure."""
    if not path.exists():
        pytest.fail(f"reference data missing: {path} (set LIENKET_SHARED to the shared/ folder)")
    return path


@pytest.fixture(scope="session")
def reference_districts() -> gpd.GeoDataFrame:
    """Official pre-2025 districts (dvhcvn, 12 northern provinces) plus Đông Triều (bando 2025 wards).

    Columns: province (short name), name (official name), key (matching key), geometry.
    """
    dv = gpd.read_file(_require(DVHCVN_DISTRICTS))
    dv = dv.assign(province=dv["province"].map(lambda p: names.key(p)))
    dt = gpd.read_file(_require(DONG_TRIEU)).to_crs("EPSG:4326")
    dt = gpd.GeoDataFrame({"province": [names.key("Quảng Ninh")], "name": ["Thị xã Đông Triều"],
                           "geometry": [dt.union_all()]}, crs="EPSG:4326")
    both = gpd.GeoDataFrame(
        [*dv[["province", "name", "geometry"]].to_dict("records"),
         *dt.to_dict("records")], crs="EPSG:4326")
    return both.assign(key=both["name"].map(names.key))


@pytest.fixture(scope="session")
def reference_provinces() -> gpd.GeoDataFrame:
    """Official pre-2025 provinces: dvhcvn's 62 plus Quảng Ninh from bando 2025 (unchanged in 2025)."""
    dv = gpd.read_file(_require(DVHCVN_PROVINCES)).rename(columns={"level1_id": "code"})
    bando = gpd.read_file(_require(BANDO_PROVINCES))
    qn = bando[bando["code"].astype(str).str.zfill(2) == "22"].assign(code="22")
    assert len(qn) == 1, "Quảng Ninh not found in the bando 2025 provinces"
    return gpd.GeoDataFrame(
        [*dv[["code", "geometry"]].to_dict("records"), *qn[["code", "geometry"]].to_dict("records")],
        crs="EPSG:4326")

RAW_DONG_TRIEU_WARDS = sorted((RAW / "vnprovdb_bando2025" / "raw_wards_dong_trieu").glob("*.geojson"))
QN_WARDS = RAW / "vnprovdb_bando2025" / "derived" / "quang_ninh_wards_2025.geojson"
HP_WARDS = RAW / "vnprovdb_bando2025" / "derived" / "hai_phong_wards_2025.geojson"
DONG_TRIEU_WARD_NAMES = ["Mạo Khê", "Bình Khê", "An Sinh", "Đông Triều", "Hoàng Quế"]


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path_factory, monkeypatch):
    """Tests never read or write the user's real cache, nor a pack configured on this machine."""
    monkeypatch.setenv("LIENKET_CACHE", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("LIENKET_PACK", raising=False)


@pytest.fixture(scope="session")
def shared_pack(tmp_path_factory) -> Path:
    """A pack imported from ../shared: dvhcvn provinces and districts, Đông Triều from its wards."""
    from lienket.packs import boundary_import
    for path in (DVHCVN_DISTRICTS, DVHCVN_PROVINCES, *RAW_DONG_TRIEU_WARDS):
        _require(path)
    dest = tmp_path_factory.mktemp("packs") / "shared"
    request = boundary_import.ImportRequest(
        paths=[DVHCVN_DISTRICTS, DVHCVN_PROVINCES],
        from_wards=[("Thị xã Đông Triều", RAW_DONG_TRIEU_WARDS)],
        source="test pack: dvhcvn + bando 2025 wards (../shared, never shipped)")
    boundary_import.import_pack(request, dataset.load(schema.GEODATA), dest)
    return dest
