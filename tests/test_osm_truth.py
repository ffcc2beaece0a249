"""Against official boundaries in ../shared (never shipped): with an OSM pack whose ways lie in the
right districts, each bridge end lies within 300 m of the district it names.

The ways are laid at test time across the border of each bridge's two reference districts, near the
shipped estimate; nothing here is written outside tmp_path.
"""

from __future__ import annotations

import numpy as np
import pyproj
import shapely
from shapely.ops import nearest_points

from lienket.data import names
from lienket.packs import boundaries, osm_pack
from tests import osm_fixtures as fx

UTM = 32648
_BACK = pyproj.Transformer.from_crs(UTM, 4326, always_xy=True)


def _district(reference, name: str):
    hit = reference[reference["key"] == names.key(name)]
    assert len(hit) == 1, f"{name!r} matches {len(hit)} reference districts"
    return hit.to_crs(UTM).geometry.iloc[0]


def crossing(a, b, near, length: float) -> list[tuple[float, float]]:
    """A straight line of `length` m from inside b to inside a, through their shared border at the
    point nearest `near` (all metric); returned in lon/lat."""
    border = a.boundary.intersection(b.buffer(1))
    if border.is_empty:  # not neighbours: the gap between them
        border = shapely.shortest_line(a, b)
    centre = nearest_points(border, near)[0]
    for angle in np.linspace(0, np.pi, 360, endpoint=False):
        u = np.array([np.cos(angle), np.sin(angle)]) * length / 2
        p, q = np.array(centre.coords[0]) + u, np.array(centre.coords[0]) - u
        if a.contains(shapely.Point(p)) and b.contains(shapely.Point(q)):
            return [tuple(_BACK.transform(*q)), tuple(_BACK.transform(*p))]
    raise AssertionError("no straight crossing found")


def _pack_ways(ds, reference) -> list[dict]:
    ways = []
    for n, bridge in enumerate(ds.layer("bridges").to_crs(UTM).itertuples()):
        a, b = (_district(reference, c["district"]) for c in bridge.connects)
        length = bridge.length_m if bridge.length_m == bridge.length_m and bridge.length_m else 250
        line = crossing(a, b, bridge.geometry, length)
        tags = {"highway": "primary", "bridge": "yes"}
        if bridge.id != "cau-quang-thanh":  # found by geometry: river, districts, length
            tags["name"] = bridge.name
        ways.append({"id": 500 + n, "tags": tags, "coords": line})
        if bridge.id == "cau-quang-thanh":
            mid = shapely.LineString(line).interpolate(0.5, normalized=True)
            ways.append({"id": 600, "tags": {"waterway": "river", "name": "Sông Văn Úc"},
                         "coords": fx.segment((mid.x, mid.y), line[0], 3000, across=True)})
    return ways


def _check_ends(shown, reference) -> None:
    for bridge in shown.layer("bridges").to_crs(UTM).itertuples():
        assert bridge.position != "schematic" and bridge.geometry.geom_type == "LineString", \
            bridge.id
        coords = shapely.get_coordinates(bridge.geometry)
        for end, claim in zip((coords[0], coords[-1]), bridge.connects):
            district = _district(reference, claim["district"])
            assert district.distance(shapely.Point(end)) <= 300, (bridge.id, claim["district"])


def test_osm_bridges_end_within_300_m_of_the_districts_they_name(ds, reference_districts,
                                                                 tmp_path):
    extract = fx.write_overpass(tmp_path / "truth.json", _pack_ways(ds, reference_districts))
    pack = osm_pack.import_file(extract, ds)
    assert {m["bridge"]: m["how"] for m in pack.matches} == {
        "cau-trieu": "name", "cau-may": "name", "cau-dong-mai": "name", "cau-dinh": "name",
        "cau-quang-thanh": "geometry"}
    _check_ends(osm_pack.apply(ds, pack), reference_districts)


def test_with_district_polygons_the_fallback_checks_each_end_in_its_district(
        ds, reference_districts, shared_pack, tmp_path):
    """With a boundary pack the ends must lie in (within 300 m of) the two named districts."""
    with_areas = boundaries.display_dataset(ds, boundaries.load(shared_pack))
    ways = _pack_ways(ds, reference_districts)
    extract = fx.write_overpass(tmp_path / "truth.json", ways)
    pack = osm_pack.import_file(extract, with_areas)
    assert {m["bridge"]: m["how"] for m in pack.matches}["cau-quang-thanh"] == "geometry"
    _check_ends(osm_pack.apply(with_areas, pack), reference_districts)
    # the same way moved 3 km into An Lão no longer lies between Thanh Hà and An Lão
    qt = next(w for w in ways if w["id"] == 504)
    shift = np.array(fx._lonlat([fx._utm(*qt["coords"][0]) + [0, -3000]])[0]) - qt["coords"][0]
    moved = {**qt, "coords": [tuple(np.array(c) + shift) for c in qt["coords"]]}
    river = next(w for w in ways if w["id"] == 600)
    river = {**river, "coords": [tuple(np.array(c) + shift) for c in river["coords"]]}
    others = [w for w in ways if w["id"] not in (504, 600)]
    pack = osm_pack.import_file(fx.write_overpass(tmp_path / "moved.json",
                                                  [*others, moved, river]), with_areas)
    assert {m["bridge"]: m["how"] for m in pack.matches}["cau-quang-thanh"] == "none"
