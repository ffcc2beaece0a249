"""Boundary packs: importing the real files in ../shared, matching names, storing safely."""

from __future__ import annotations

import json

import geopandas as gpd
import pytest
import shapely

from lienket.data import names
from lienket.map import selection, simplify
from lienket.packs import boundaries, boundary_import
from tests.conftest import (
    BANDO_PROVINCES,
    DONG_TRIEU,
    DONG_TRIEU_WARD_NAMES,
    DVHCVN_DISTRICTS,
    DVHCVN_PROVINCES,
    HP_WARDS,
    QN_WARDS,
    RAW_DONG_TRIEU_WARDS,
)

HAI_DUONG_12 = ["Thành phố Hải Dương", "Thành phố Chí Linh", "Huyện Nam Sách", "Thị xã Kinh Môn",
                "Huyện Kim Thành", "Huyện Thanh Hà", "Huyện Cẩm Giàng", "Huyện Bình Giang",
                "Huyện Gia Lộc", "Huyện Tứ Kỳ", "Huyện Ninh Giang", "Huyện Thanh Miện"]


def imported(tmp_path, ds, **request) -> boundaries.Pack:
    request = boundary_import.ImportRequest(**request)
    return boundary_import.import_pack(request, ds, tmp_path / "pack")


def test_dvhcvn_districts(tmp_path, ds):
    pack = imported(tmp_path, ds, paths=[DVHCVN_DISTRICTS])
    districts = pack.districts
    assert len(districts) == 138
    hai_duong = districts[districts["province"] == "Hải Dương"]
    assert sorted(hai_duong["name"]) == sorted(HAI_DUONG_12)
    assert dict(zip(hai_duong["name"], hai_duong["status_2022"]))["Thị xã Kinh Môn"] == "thị xã"
    # tone-mark placement differs in the source ("Thuỷ"); the pack uses the project's name
    assert "Huyện Thủy Nguyên" in set(districts["name"])
    assert boundary_import.missing_bridge_districts(districts, ds) == ["Thị xã Đông Triều (Quảng Ninh)"] * 2
    assert any("Thị xã Đông Triều" in line for line in pack.info.report)


def test_dvhcvn_provinces(tmp_path, ds):
    pack = imported(tmp_path, ds, paths=[DVHCVN_PROVINCES])
    official = gpd.read_file(DVHCVN_PROVINCES)
    codes = dict(zip(pack.provinces["source_name"], pack.provinces["code"]))
    assert len(codes) == 62 and all(codes[n] == c for n, c in zip(official["name"], official["level1_id"]))
    assert pack.info.era == "2022"


def test_bando_2025_provinces_are_recognised_as_post_reform(tmp_path, ds):
    pack = imported(tmp_path, ds, paths=[BANDO_PROVINCES])
    assert pack.info.era == "2025" and "30" not in set(pack.provinces["code"])
    assert any("post-July-2025" in line for line in pack.info.report)
    assert boundaries.display_dataset(ds, pack).layer("provinces") is ds.layer("provinces")


@pytest.mark.parametrize("source", ["raw ward files", "Quảng Ninh ward file", "derived outline"])
def test_dong_trieu_built_from_its_2025_wards(tmp_path, ds, source):
    inputs = {"raw ward files": (RAW_DONG_TRIEU_WARDS, None),
              "Quảng Ninh ward file": ([QN_WARDS], DONG_TRIEU_WARD_NAMES),
              "derived outline": ([DONG_TRIEU], None)}[source]
    pack = imported(tmp_path, ds, from_wards=[("Thị xã Đông Triều", inputs[0])],
                    ward_names=inputs[1])
    (row,) = pack.districts.to_dict("records")
    assert row["name"] == "Thị xã Đông Triều" and row["province"] == "Quảng Ninh"
    area = gpd.GeoSeries([row["geometry"]], crs=4326).to_crs(32648).area.iloc[0] / 1e6
    assert 390 < area < 400  # official area ≈ 397 km²


def test_hai_phong_wards_import_but_say_they_match_no_district(tmp_path, ds):
    pack = imported(tmp_path, ds, paths=[HP_WARDS], level="districts")
    # 114 wards: one lies off every (coarse, shipped) province shape, and the report says so
    assert len(pack.districts) == 113
    assert any("113 units kept; 1 outside every province (dropped)" in line
               for line in pack.info.report)
    # 2025 wards reuse district names (Phường Kinh Môn, Xã Thanh Hà): never taken for districts
    assert any("bridge districts matched: 0/7" in line for line in pack.info.report)
    assert any("114 features are communes/wards" in line for line in pack.info.report)
    assert set(pack.districts["unit"]) == {"commune"}


def test_every_bridge_district_is_matched_in_the_combined_pack(shared_pack, ds):
    pack = boundaries.load(shared_pack)
    assert boundary_import.missing_bridge_districts(pack.districts, ds) == []
    assert pack.info.report[-1].endswith("every bridge's districts present")


def test_any_crs_and_format_unaccented_names(tmp_path, ds):
    """A Shapefile in VN-2000 / UTM 48N with plain ASCII names still matches."""
    hd = gpd.read_file(DVHCVN_DISTRICTS)
    hd = hd[hd["level1_id"] == "30"][["name", "geometry"]]
    hd["TEN"] = hd["name"].map(lambda n: names.fold(n).title().replace("Huyen ", "Huyện "))
    hd = hd.drop(columns="name").to_crs(3405)
    shp = tmp_path / "hd.shp"
    hd.to_file(shp)
    pack = imported(tmp_path, ds, paths=[shp])
    assert pack.districts.crs.to_epsg() == 4326
    assert {"Thị xã Kinh Môn", "Thành phố Chí Linh", "Huyện Thanh Hà", "Huyện Kim Thành"} <= set(
        pack.districts["name"])
    kinh_mon = pack.districts.set_index("name").loc["Thị xã Kinh Môn", "geometry"]
    assert 20.9 < kinh_mon.centroid.y < 21.1 and 106.4 < kinh_mon.centroid.x < 106.7


def test_gpkg_with_given_name_field(tmp_path, ds):
    hd = gpd.read_file(DVHCVN_DISTRICTS).rename(columns={"name": "district_label"})
    gpkg = tmp_path / "d.gpkg"
    hd.to_file(gpkg, driver="GPKG")
    pack = imported(tmp_path, ds, paths=[gpkg], name_field="district_label")
    assert len(pack.districts) == 138


def test_unreadable_and_unknown_inputs_fail_clearly(tmp_path, ds):
    bad = tmp_path / "bad.geojson"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(boundaries.PackError, match="cannot read"):
        imported(tmp_path, ds, paths=[bad])
    with pytest.raises(boundaries.PackError, match="file not found"):
        imported(tmp_path, ds, paths=[tmp_path / "missing.geojson"])
    with pytest.raises(boundaries.PackError, match="wards not found"):
        imported(tmp_path, ds, from_wards=[("Thị xã Đông Triều", [QN_WARDS])], ward_names=["Không Có"])


def test_a_corrupt_pack_is_detected_and_the_next_best_used(tmp_path, ds, shared_pack, monkeypatch):
    monkeypatch.setenv("LIENKET_PACK", str(tmp_path / "configured"))
    boundaries.save(boundaries.load(shared_pack), tmp_path / "configured")
    districts = tmp_path / "configured" / "districts.geojson"
    districts.write_bytes(districts.read_bytes()[:-100])
    with pytest.raises(boundaries.PackError, match="corrupt"):
        boundaries.load(tmp_path / "configured")
    pack, notes = boundaries.best()
    assert pack is None and "corrupt" in notes[0]


def test_save_is_atomic(tmp_path, ds, shared_pack, monkeypatch):
    dest = tmp_path / "pack"
    boundaries.save(boundaries.load(shared_pack), dest)
    before = {p.name: p.read_bytes() for p in dest.iterdir()}

    def boom(*_a, **_k):
        raise OSError("disk full")
    monkeypatch.setattr(gpd.GeoDataFrame, "to_json", boom)
    with pytest.raises(OSError):
        boundaries.save(boundaries.load(shared_pack), dest)
    assert {p.name: p.read_bytes() for p in dest.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["pack"]  # no temp folder left behind


def test_pack_location_from_env_secrets_and_config_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert boundaries.configured() is None
    (tmp_path / "lienket.toml").write_text('pack = "mypack"\n', encoding="utf-8")
    assert boundaries.configured() == tmp_path / "mypack"
    assert boundaries.configured({"lienket_pack": "/srv/pack"}) == boundaries.Path("/srv/pack")
    monkeypatch.setenv("LIENKET_PACK", "/env/pack")
    assert boundaries.configured({"lienket_pack": "/srv/pack"}) == boundaries.Path("/env/pack")


def test_display_keeps_shared_borders_and_the_seats_inside(ds, shared_pack):
    shown = simplify.for_map(boundaries.display_dataset(ds, boundaries.load(shared_pack)))
    areas = shown.layer("district_areas")
    assert set(areas["province"]) == {"Hải Dương", "Hải Phòng", "Quảng Ninh"}
    assert areas.is_valid.all()
    metric = areas.to_crs(32648)
    # Coverage-preserving simplification: districts of one source (dvhcvn: Hải Dương, Hải Phòng)
    # neither overlap nor open gaps. (Đông Triều, rebuilt from 2025 wards, is another source.)
    same = metric[metric["province"] != "Quảng Ninh"]
    overlap = sum(a.intersection(b).area for i, a in enumerate(same.geometry)
                  for b in same.geometry[i + 1:])
    assert overlap < 1e4  # m², all pairs together
    original = boundaries.load(shared_pack).districts.to_crs(32648)
    original = original[original["province"].isin(["Hải Dương", "Hải Phòng"])]
    gaps = shapely.union_all(original.geometry.values).difference(shapely.union_all(same.geometry.values))
    slivers = [g.area for g in getattr(gaps, "geoms", [gaps]) if g.area > 0]
    assert max(slivers, default=0) < 5e4  # no gap larger than 5 ha opens between neighbours
    seats = ds.layer("districts").to_crs(32648)
    by_key = {(names.key(n), p): g for n, p, g in zip(metric["name"], metric["province"], metric.geometry)}
    for seat in seats.itertuples():
        assert by_key[(names.key(seat.name), seat.province)].contains(seat.geometry), seat.name


def test_each_bridge_finds_its_two_district_polygons(ds, shared_pack):
    shown = boundaries.display_dataset(ds, boundaries.load(shared_pack))
    for bridge in ds.layer("bridges").itertuples():
        areas = selection.connected_areas(shown, bridge.id)
        assert list(areas["name"]) == [c["district"] for c in bridge.connects], bridge.id


def test_pack_metadata_records_checksums(shared_pack):
    meta = json.loads((shared_pack / boundaries.META).read_text(encoding="utf-8"))
    assert set(meta["files"]) == {"provinces.geojson", "districts.geojson"}
    assert meta["counts"]["districts"] == 139


def test_a_pack_keeps_the_2025_view(ds, shared_pack):
    shown = boundaries.display_dataset(ds, boundaries.load(shared_pack))
    assert shown.mergers == ds.mergers and "provinces_2025" in shown.layers


def test_validate_cli_accepts_a_pack(shared_pack, capsys):
    from lienket import cli
    assert cli.main(["validate", str(shared_pack)]) == 0
    assert "0 error(s)" in capsys.readouterr().out
