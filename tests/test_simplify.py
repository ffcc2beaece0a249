"""Display simplification keeps the map true: no slivers, every point in the right shape."""

from __future__ import annotations

import shapely

from lienket.map import simplify

UTM = 32648


def _overlap_and_gaps(original, simplified) -> tuple[float, float]:
    """Total pairwise overlap (m²) and largest gap opened between neighbours (m²).

    A gap between neighbours is a hole in the union of the simplified shapes that the original
    union does not have (a coastline drawn coarser far away trims the edge, it opens no hole).
    """
    shapes = simplified.to_crs(UTM).geometry.values
    overlap = float(sum(shapely.area(shapely.intersection(a, shapes[i + 1:])).sum()
                        for i, a in enumerate(shapes)))
    before = shapely.union_all(original.to_crs(UTM).geometry.values)
    after = shapely.union_all(shapes)
    holes = [shapely.Polygon(ring) for part in getattr(after, "geoms", [after])
             for ring in part.interiors]
    new_holes = [h.area for h in holes if not before.contains(h.representative_point()) or
                 h.difference(before).area < 0.5 * h.area]
    return overlap, max(new_holes, default=0.0)


def test_provinces_simplify_without_slivers(ds):
    shown = simplify.for_map(ds)
    for layer in ("provinces", "provinces_2025"):
        overlap, gap = _overlap_and_gaps(ds.layer(layer), shown.layer(layer))
        assert overlap < 1e5, layer      # < 0.1 km² across all 63 (34) shapes
        assert gap < 1e5, layer          # no gap of 10 ha opens between neighbours
        assert shown.layer(layer).is_valid.all()
        assert shapely.coverage_is_valid(shown.layer(layer).geometry.values), layer


def test_provinces_near_the_focus_keep_their_detail_far_ones_are_coarser(ds):
    shown = simplify.for_map(ds).layer("provinces").set_index("code")
    fine = simplify.for_display(ds.layer("provinces"), simplify.PROVINCE_TOLERANCE_DEG,
                                simplify.PROVINCE_PRECISION_DEG).set_index("code")
    count = lambda g: int(shapely.get_num_coordinates(g.geometry.values).sum())  # noqa: E731
    focus = ds.layer("provinces")[ds.layer("provinces")["code"].isin(ds.agreement["focus"])]
    distance = dict(zip(ds.layer("provinces")["code"],
                        simplify.focus_distance_km(ds.layer("provinces"), focus)))
    near = [c for c, d in distance.items() if d <= simplify.DISTANCE_TIERS[0][0]]
    far = [c for c, d in distance.items() if d > simplify.DISTANCE_TIERS[-1][0]]
    assert {"22", "30", "31"} <= set(near) and len(far) > 20
    for code in near:       # the signatories and their neighbours: exactly as before
        assert shapely.equals(shown.geometry[code], fine.geometry[code]), code
    assert count(shown.loc[far]) < 0.6 * count(fine.loc[far])
    assert count(shown) < 0.6 * count(fine)
    assert "simplified on this map" in shown.loc[far[0], "accuracy"]
    assert "simplified on this map" not in shown.loc["30", "accuracy"]


def test_simplification_really_reduces_vertices(ds):
    count = lambda g: int(shapely.get_num_coordinates(g.geometry.values).sum())  # noqa: E731
    assert count(simplify.for_map(ds).layer("provinces")) < 0.8 * count(ds.layer("provinces"))


def test_every_seat_and_bridge_stays_in_its_simplified_province(ds):
    shown = simplify.for_map(ds)
    provinces = shown.layer("provinces").set_index("name").to_crs(UTM).geometry
    by_code = shown.layer("provinces").set_index("code").to_crs(UTM).geometry
    for seat in ds.layer("districts").to_crs(UTM).itertuples():
        assert provinces[seat.province].contains(seat.geometry), seat.name
    for seat in ds.layer("seats").to_crs(UTM).itertuples():
        # coastal seats (Hạ Long) may end up just off a simplified coastline: within the
        # Natural Earth shapes' own ~1 km error
        assert by_code[seat.province].distance(seat.geometry) <= 1000, seat.name
    original = ds.layer("provinces").set_index("name").to_crs(UTM).geometry
    for bridge in ds.layer("bridges").to_crs(UTM).itertuples():
        for claim in bridge.connects:  # markers sit on a border: no further from it than before
            name = claim["province"]
            moved = provinces[name].distance(bridge.geometry) - original[name].distance(bridge.geometry)
            assert moved <= 250, (bridge.id, name)
