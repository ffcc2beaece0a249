"""The offline basemap (rivers, land, towns) and the bridges on their rivers.

The accuracy checks re-measure, against the official district borders in ../shared (never shipped),
the figures the shipped data claims; a missing ../shared is a failure.
"""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pytest
import shapely

from lienket.data import dataset, names, schema

UTM = 32648
BASEMAP = ("rivers.geojson", "land.geojson", "towns.geojson")
NAMED = {"river-kinh-thay": "sông Kinh Thầy", "river-han": "sông Hàn", "river-cam": "sông Cấm",
         "river-lach-tray": "sông Lạch Tray",
         "river-van-uc": "sông Văn Úc"}
#: (river id, the two districts whose border follows it, claimed median km, as the data writes it): the claimed maximum
#: is the line's `uncertainty_m`.
MEASURED = [("river-van-uc", "Huyện Thanh Hà", "Huyện An Lão", "0.3"),
            ("river-han", "Thị xã Kinh Môn", "Huyện Thủy Nguyên", "0.25"),
            ("river-kinh-thay", "Thị xã Kinh Môn", "Thị xã Đông Triều", "2.0")]


def _district(reference, name: str):
    hit = reference[reference["key"] == names.key(name)]
    assert len(hit) == 1, f"{name!r} matches {len(hit)} reference districts"
    return hit.to_crs(UTM).geometry.iloc[0]


def _shared_border(reference, a: str, b: str):
    """The official border between two districts, as lines (metres)."""
    border = _district(reference, a).boundary.intersection(_district(reference, b).buffer(50))
    return shapely.line_merge(border)


def test_basemap_fits_its_byte_budget():
    sizes = {f: (schema.GEODATA / f).stat().st_size for f in BASEMAP}
    assert sum(sizes.values()) <= 90_000, sizes


def test_rivers_are_named_only_where_a_course_is_cited(ds):
    rivers = ds.layer("rivers")
    named = rivers[rivers["name"].notna()]
    assert dict(zip(named["id"], named["name"])) == NAMED
    for row in named.itertuples():
        assert row.geometry.geom_type == "LineString", row.id
        assert len(row.sources) >= 2 and row.sources[0].startswith("GSHHG 2.3.7"), row.id
    # GSHHG has no line for these: they must never be drawn (or named onto another line).
    assert not any("Kinh Môn" in n for n in named["name"])
    assert set(rivers["name"].dropna()) <= set(NAMED.values())


@pytest.mark.parametrize("river_id,a,b,median_km", MEASURED)
def test_river_accuracy_claims_hold_against_the_official_borders(ds, reference_districts, river_id,
                                                                  a, b, median_km):
    """50 points along the border that follows the river, to the nearest shipped river line."""
    lines = ds.layer("rivers").to_crs(UTM)
    claim = lines.set_index("id").loc[river_id]
    border = _shared_border(reference_districts, a, b)
    points = [border.interpolate(t, normalized=True) for t in np.linspace(0, 1, 50)]
    every_line = lines.geometry.union_all()
    distances = np.array([every_line.distance(p) for p in points])
    assert np.median(distances) <= float(median_km) * 1000 * 1.05, np.median(distances)
    assert distances.max() <= claim.uncertainty_m, distances.max()
    assert f"{median_km} km (median)" in claim.accuracy


def test_unnamed_lines_claim_no_more_than_measured(ds):
    rivers = ds.layer("rivers")
    for row in rivers[rivers["name"].isna()].itertuples():
        assert row.accuracy.startswith("approximate — not measured") and row.uncertainty_m >= 4600


def test_land_holds_the_islands_and_not_the_sea(ds):
    land = ds.layer("land").set_index("id").geometry
    assert land.index.tolist() == ["land-mainland", "land-islands"]
    centres = ds.layer("tourism").set_index("id").geometry
    assert land["land-islands"].buffer(0.01).contains(centres["cat-ba"])  # Cát Bà town, on its island
    assert land["land-mainland"].buffer(0.01).contains(centres["ha-long"])
    sea = [shapely.Point(107.1, 20.55), shapely.Point(106.9, 20.6), shapely.Point(107.6, 20.8)]
    assert not any(land.union_all().contains(p) for p in sea)
    assert len(land["land-islands"].geoms) > 50  # Hạ Long Bay and Bái Tử Long, not just Cát Bà


def test_land_reaches_past_the_whole_region_frame(ds):
    """The ◎ frame (the 9-province ring) and a phone's tall opening show land well beyond the
    three provinces: it is land there too, and the gulf stays sea (no clipped rectangle)."""
    land = ds.layer("land").geometry.union_all()
    beyond = {"Vinh": (105.69, 18.67), "Lạng Sơn": (106.76, 21.85), "Điện Biên side": (104.1, 21.5),
              "Guangxi": (108.3, 23.5)}
    assert [name for name, p in beyond.items() if not land.contains(shapely.Point(p))] == []
    assert not land.contains(shapely.Point(107.0, 19.0))  # the Gulf of Tonkin


def test_towns_are_ranked_and_named_in_vietnamese(ds):
    towns = ds.layer("towns").set_index("id")
    rank1 = set(towns[towns["rank"] == 1]["name"])
    assert rank1 == {"Hải Phòng", "Hải Dương", "Hạ Long"}
    assert {"Cẩm Phả", "Uông Bí", "Kinh Môn", "Đông Triều"} <= set(towns["name"])
    assert not any(n.startswith(("Thị Trấn", "Thành Phố")) for n in towns["name"])
    assert towns["same_as"].dropna().isin(ds.layer("districts")["id"].tolist()
                                          + ds.layer("seats")["id"].tolist()
                                          + ds.layer("tourism")["id"].tolist()).all()


def test_towns_lie_in_the_three_provinces(ds, reference_provinces):
    three = reference_provinces[reference_provinces["code"].isin(["22", "30", "31"])].to_crs(UTM)
    area = three.union_all()
    for town in ds.layer("towns").to_crs(UTM).itertuples():
        assert area.distance(town.geometry) <= 3000, town.id  # GeoNames: ±1–3 km


def test_each_bridge_with_a_river_line_sits_on_it(ds):
    rivers = ds.layer("rivers").set_index("id").geometry
    for bridge in ds.layer("bridges").itertuples():
        if isinstance(bridge.river_id, str):
            assert rivers[bridge.river_id].distance(bridge.geometry) < 1e-4, bridge.id
            assert not bridge.river_line_missing
            assert bridge.uncertainty_across_m < bridge.uncertainty_along_m == bridge.uncertainty_m
        else:
            assert bridge.river_line_missing and bridge.river_line_note and bridge.river_line_note_en


def test_on_river_bridges_are_within_their_claims_of_the_official_districts(ds, reference_districts):
    """Across: within `uncertainty_across_m` of both districts. Along: the whole shared border (where
    the real bridge is) within `uncertainty_along_m` of the marker. Prints each distance."""
    for bridge in ds.layer("bridges").to_crs(UTM).itertuples():
        a, b = (c["district"] for c in bridge.connects)
        near = [_district(reference_districts, d).distance(bridge.geometry) for d in (a, b)]
        border = _shared_border(reference_districts, a, b)
        farthest = max(bridge.geometry.distance(shapely.Point(c)) for c in shapely.get_coordinates(border))
        print(f"{bridge.id}: {near[0]:.0f} m from {a}, {near[1]:.0f} m from {b}; farthest point of "
              f"their border {farthest / 1000:.1f} km")
        if isinstance(bridge.river_id, str):
            assert max(near) <= bridge.uncertainty_across_m, (bridge.id, near)
            assert farthest <= bridge.uncertainty_along_m, (bridge.id, farthest)


def _layer(tmp_path, kind: str, name: object):
    doc = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {
        "kind": kind, "id": "x-1", "name": name, "name_en": "X", "level": 4, "part": "islands",
        "geonameid": 1, "rank": 3, "sources": ["s"], "accuracy": "approximate — t"},
        "geometry": {"type": "LineString", "coordinates": [[106.5, 20.9], [106.6, 20.95]]}}]}
    path = tmp_path / "f.geojson"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return dataset.load_layer(path, (kind,))


def test_a_river_or_land_feature_may_be_unnamed_a_town_may_not(tmp_path):
    gdf, problems = _layer(tmp_path, "river", None)
    assert gdf is not None and problems == []
    gdf, problems = _layer(tmp_path, "town", None)
    assert gdf is None and [(p.prop, p.message) for p in problems] == [
        ("name", "required property is missing")]


def test_basemap_layers_load_and_validate(ds):
    assert {"rivers", "land", "towns"} <= set(ds.layers)
    assert not [p for p in ds.problems if p.file in BASEMAP]
    assert isinstance(gpd.read_file(schema.GEODATA / "rivers.geojson"), gpd.GeoDataFrame)


def test_an_unmeasured_named_line_is_within_its_bound_where_a_border_follows_it(ds, reference_districts):
    """The Cấm (An Dương – Thủy Nguyên border) claims only the unmeasured 5 km bound: it holds."""
    lines = ds.layer("rivers").to_crs(UTM)
    cam = lines.set_index("id").loc["river-cam"]
    border = _shared_border(reference_districts, "Huyện An Dương", "Huyện Thủy Nguyên")
    points = [border.interpolate(t, normalized=True) for t in np.linspace(0, 1, 50)]
    every_line = lines.geometry.union_all()
    assert max(every_line.distance(p) for p in points) <= cam.uncertainty_m
