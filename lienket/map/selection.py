"""The selected bridge: from a map click, the select box or the URL, and what it connects.

Pure queries, no drawing: every way in arrives at a bridge id (the URL's is validated by
`urlstate`); the panel and the highlight (`lienket.map.highlight`) read the same records from here.
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd

from lienket.data import names
from lienket.data.dataset import Dataset
from lienket.packs.boundaries import district_keys


def bridge_ids(ds: Dataset) -> list[str]:
    """Ids of the bridges in the data, in file order."""
    return list(ds.layer("bridges").get("id", []))


def from_map(out: dict[str, Any] | None) -> tuple[str | None, Any]:
    """(bridge id, click signature) from `st_folium`'s return value; id None if no bridge clicked.

    The component keeps returning its last click on every rerun; the signature (click count and
    feature id) tells a new click from a stale one.
    """
    if not out:
        return None, None
    drawing = out.get("last_active_drawing") or {}
    props = drawing.get("properties") or {}
    signature = (out.get("last_object_clicked_count"), props.get("id"))
    if props.get("kind") != "bridge" or not isinstance(props.get("id"), str):
        return None, signature
    return props["id"], signature


def connected_districts(ds: Dataset, bridge_id: str | None) -> gpd.GeoDataFrame:
    """The district features a bridge connects, in bank order (empty if unknown)."""
    districts = ds.layer("districts")
    bridge = ds.feature("bridges", bridge_id) if bridge_id else None
    if bridge is None or not len(districts):
        return districts.iloc[0:0]
    keys = list(zip(districts["name"], districts["province"]))
    wanted = [(c["district"], c["province"]) for c in bridge["connects"]]
    return districts.iloc[[keys.index(w) for w in wanted if w in keys]]


def connected_areas(ds: Dataset, bridge_id: str | None) -> gpd.GeoDataFrame:
    """The district polygons (from a boundary pack) a bridge connects, in bank order."""
    areas = ds.layers.get("district_areas")
    bridge = ds.feature("bridges", bridge_id) if bridge_id else None
    if areas is None or bridge is None:
        return ds.layer("district_areas").iloc[0:0]
    keys = district_keys(areas)
    wanted = [(names.key(c["district"]), names.key(c["province"])) for c in bridge["connects"]]
    return areas.iloc[[keys.index(w) for w in wanted if w in keys]]
