"""Display simplification keeps the map true: no slivers, every point in the right shape."""

from __future__ import annotations

import shapely

from lienket import simplify

UTM = 32648


def _overlap_and_gaps(original, simplified) -> tuple[float, float]:
    """Total pairwise overlap (m²) and largest gap opened between neighbours (m²)."""
    shapes = simplified.to_crs(UTM).geometry.values
    overlap = float(sum(shapely.area(shapely.intersection(a, shapes[i + 1:])).sum()
                        for i, a in enumerate(shapes)))
    before = shapely.union_all(original.to_crs(UTM).geometry.values)
    gaps = before.difference(shapely.union_all(shapes))
    inner = [g.area for g in getattr(gaps, "geoms", [gaps]) if not g.is_empty
             and g.intersects(before.buffer(-1000))]  # interior gaps, not coastline trimming
    return overlap, max(inner, default=0.0)


def test_provinces_simplify_without_slivers(ds):
    shown = simplify.for_map(ds)
    for layer in ("provinces", "provinces_2025"):
        overlap, gap = _overlap_and_gaps(ds.layer(layer), shown.layer(layer))
        assert overlap < 1e5, layer      # < 0.1 km² across all 63 (34) shapes
        assert gap < 1e5, layer          # no gap of 10 ha opens between neighbours
        assert shown.layer(layer).is_valid.all()


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
