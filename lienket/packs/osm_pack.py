"""The OSM pack: the region's ways from one extract, and the five bridges' matches, in the cache.

A folder like the boundary packs: `ways.geojson` (the kept ways, tags as properties) and
`pack.json` (source, the data's timestamp, "© OpenStreetMap contributors, ODbL", the matches,
SHA-256 of the ways file). Written whole or not at all. `apply` turns a pack into what the map
draws: matched bridges as their ways, and the rivers, approach roads and ferries around them.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import shapely

from lienket.data.dataset import Dataset
from lienket.packs import boundaries, osm_extract, osm_match, store

META, WAYS = "pack.json", "ways.geojson"
#: Layer id of the context layer (rivers, approach roads, ferries) in the map dataset.
LAYER = "osm"
#: Rivers and approach roads are drawn where they come this close to a bridge.
NEAR_BRIDGE_M = 5000
ACCURACY = ("as mapped by OpenStreetMap contributors (data of {date}): traced ways, typically "
            "within tens of metres; not verified by this project")


@dataclass
class OsmPack:
    """An extract's ways and what each bridge matched."""

    extract: osm_extract.Extract
    matches: list[dict[str, Any]]
    meta: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None


def default_path() -> Path:
    """Where the OSM pack lives: the user's cache, beside the boundary packs."""
    return store.packs_dir("osm")


def matching_dataset(ds: Dataset, secrets: dict[str, Any] | None = None) -> Dataset:
    """The bridges to match, with the boundary pack's district polygons when there is one."""
    return boundaries.display_dataset(ds, boundaries.best(secrets)[0])


# --- building and storing -------------------------------------------------------------------------

def build(extract: osm_extract.Extract, ds: Dataset) -> OsmPack:
    """Match the dataset's bridges in an extract."""
    matches = [{"bridge": m.bridge, "how": m.how, "detail": m.detail, "ways": m.ways,
                "coords": [list(c) for c in m.line.coords] if m.line is not None else None}
               for m in osm_match.match(ds, extract)]
    counts = {c: len(extract.of(c)) for c in osm_extract.CATEGORIES}
    meta = {"source": extract.source, "timestamp": extract.timestamp, "licence": osm_extract.LICENCE,
            "counts": counts}
    return OsmPack(extract, matches, meta)


def _ways_geojson(extract: osm_extract.Extract) -> str:
    """The kept ways as GeoJSON text (tags kept as they are)."""
    features = [{"type": "Feature", "id": w.id,
                 "properties": {"osm_id": w.id, "category": osm_extract.category_of(w.tags), "tags": w.tags},
                 "geometry": {"type": "LineString", "coordinates": [list(c) for c in w.coords]}}
                for w in extract.ways]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


def save(pack: OsmPack, path: Path | None = None) -> Path:
    """Write the pack atomically (lienket.packs.store): a complete new folder, or nothing changes."""
    def write(folder: Path) -> None:
        (folder / WAYS).write_text(_ways_geojson(pack.extract), encoding="utf-8")
    return store.save(path or default_path(), write, {**pack.meta, "matches": pack.matches}, META)


def load(path: Path | None = None) -> OsmPack:
    """Read a pack, its ways verified against the checksum in pack.json."""
    path = path or default_path()
    meta = store.load_meta(path, META, "OSM pack")
    try:
        doc = json.loads((path / WAYS).read_text(encoding="utf-8"))
        ways = [osm_extract.Way(f["properties"]["osm_id"], f["properties"]["tags"],
                        tuple(tuple(c) for c in f["geometry"]["coordinates"]))
                for f in doc["features"]]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise store.PackError(f"OSM pack {path}: {WAYS} is unreadable ({exc})") from exc
    extract = osm_extract.Extract(ways, str(meta.get("timestamp", "")), str(meta.get("source", "")))
    return OsmPack(extract, list(meta.get("matches") or []), meta, path)


def current(path: Path | None = None) -> tuple[OsmPack | None, str | None]:
    """The pack in use (None without one) and why an existing one was skipped."""
    path = path or default_path()
    store.recover(path)
    if not (path / META).exists():
        return None, None
    try:
        return load(path), None
    except store.PackError as exc:
        return None, str(exc)


def import_file(file: Path, ds: Dataset, dest: Path | None = None) -> OsmPack:
    """Read an extract, match the bridges, store the pack; the old pack stays if anything fails."""
    pack = build(osm_extract.read(file), ds)
    return load(save(pack, dest))


def report(pack: OsmPack, ds: Dataset) -> list[str]:
    """Per bridge: what it matched and how, or that the estimate stays."""
    names = dict(zip(ds.layer("bridges")["id"], ds.layer("bridges")["name"]))
    lines = []
    for m in pack.matches:
        name = names.get(m["bridge"], m["bridge"])
        lines.append(f"{name}: {m['detail']}" if m["ways"]
                     else f"{name}: nothing matched ({m['detail']}); the estimate stays")
    return lines


# --- what the map draws -----------------------------------------------------------------------------

def credit(pack: OsmPack) -> str:
    """'© OpenStreetMap contributors, ODbL … (data of DATE)'."""
    return f"{osm_extract.LICENCE}, data of {pack.extract.timestamp}"


def way_url(way_id: int) -> str:
    """The way's page, as cited in sources."""
    return f"openstreetmap.org/way/{int(way_id)}"


def apply(ds: Dataset, pack: OsmPack | None) -> Dataset:
    """The dataset with each matched bridge drawn as its way (accuracy and sources from OSM, the
    estimate wording gone) and the OSM context layer; without a pack, the dataset itself."""
    if pack is None:
        return ds
    matched = {m["bridge"]: m for m in pack.matches if m.get("ways") and m.get("coords")}
    accuracy = ACCURACY.format(date=pack.extract.timestamp)
    rows = []
    for row in ds.layer("bridges").to_dict("records"):
        hit = matched.get(row["id"])
        if hit:
            row = {**row, "geometry": shapely.LineString(hit["coords"]), "accuracy": accuracy,
                   "position": None, "uncertainty_m": None, "osm_ways": list(hit["ways"]),
                   "osm_date": pack.extract.timestamp,
                   "sources": [*(row.get("sources") or []), *map(way_url, hit["ways"]),
                               credit(pack)]}
        rows.append(row)
    layers = dict(ds.layers)
    if rows:
        layers["bridges"] = gpd.GeoDataFrame(rows, geometry="geometry", crs=4326)
    layers[LAYER] = context(pack, layers.get("bridges"), ds)
    return dataclasses.replace(ds, layers=layers)


def context(pack: OsmPack, bridges: gpd.GeoDataFrame | None, ds: Dataset) -> gpd.GeoDataFrame:
    """Rivers and approach roads near the bridges, and every ferry of the region."""
    names = dict(zip(ds.layer("bridges")["id"], ds.layer("bridges")["name"]))
    near = None
    if bridges is not None and len(bridges):
        near = bridges.to_crs(osm_match.UTM).buffer(NEAR_BRIDGE_M).to_crs(4326).union_all()
    accuracy = ACCURACY.format(date=pack.extract.timestamp)
    rows = []
    for way in pack.extract.ways:
        category = osm_extract.category_of(way.tags)
        if category not in ("river", "road", "ferry"):
            continue
        line = way.line()
        if category != "ferry" and (near is None or not line.intersects(near)):
            continue
        replaced = osm_match.replaced_by(way) if category == "ferry" else None
        rows.append({"kind": f"osm_{category}", "id": f"osm-way-{way.id}",
                     "name": way.name or way.tags.get("ref", ""), "ref": way.tags.get("ref", ""),
                     "category": category,
                     "replaced_by": names.get(replaced[0], "") if replaced else "",
                     "sources": [way_url(way.id), credit(pack),
                                 *([replaced[1]] if replaced else [])],
                     "accuracy": accuracy, "geometry": line})
    columns = ["kind", "id", "name", "ref", "category", "replaced_by", "sources", "accuracy",
               "geometry"]
    return gpd.GeoDataFrame(rows, columns=columns, geometry="geometry", crs=4326)
