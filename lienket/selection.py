"""The selected bridge: from a map click, the select box or the URL; and its highlight on the map.

Every way in arrives at a bridge id (the URL's is validated by `urlstate`); the panel and the highlight read the same bridge record.
"""

from __future__ import annotations

from typing import Any

import folium
import geopandas as gpd

from lienket import layers, names
from lienket.mapview import FitIfOutside
from lienket.packs import district_keys
from lienket.data import Dataset
from lienket.i18n import t


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


def highlight(ds: Dataset, bridge_id: str | None, lang: str) -> folium.FeatureGroup:
    """FeatureGroup with the selected bridge and the seats of its two districts, highlighted."""
    group = folium.FeatureGroup(name=t("layer_selection", lang), control=False)
    bridges = ds.layer("bridges")
    hit = bridges[bridges["id"] == bridge_id] if bridge_id else bridges.iloc[0:0]
    if hit.empty:
        return group
    name = layers.name_field(lang)
    folium.GeoJson(layers.display_frame(hit, lang, {"name_shown": name}), name="selected-bridge",
                   style_function=lambda f: {"color": layers.SELECTED_COLOUR, "weight": 16,
                                             "opacity": 0.8},
                   marker=folium.CircleMarker(radius=12, color=layers.SELECTED_COLOUR, weight=4),
                   ).add_to(group)
    bridge = hit.iloc[0]
    if bridge.get("position") == "schematic" and bridge.get("uncertainty_m"):
        centre = bridge.geometry.centroid
        folium.Circle(location=[centre.y, centre.x], radius=float(bridge["uncertainty_m"]),
                      color=layers.BRIDGE_COLOUR, weight=1.5, dash_array="6 6", fill=False,
                      interactive=False).add_to(group)
    areas = connected_areas(ds, bridge_id)
    if len(areas):
        polygons = folium.GeoJson(layers.display_frame(areas, lang, {"name_shown": name}),
                                  name="selected-district-areas",
                                  style_function=lambda f: {"color": "#222", "weight": 2.5,
                                                            "fillColor": layers.SELECTED_COLOUR,
                                                            "fillOpacity": 0.35})
        FitIfOutside().add_to(polygons)
        polygons.add_to(group)
    seats = connected_districts(ds, bridge_id)
    for n, (_, seat) in enumerate(seats.iterrows()):
        # One label each side, so the two banks' names never sit on top of each other.
        folium.GeoJson(layers.display_frame(seats.loc[[seat.name]], lang, {"name_shown": name}),
                       name=f"selected-district-{n}",
                       marker=folium.CircleMarker(radius=11, color="#222", weight=3, fill=True,
                                                  fill_color=layers.SELECTED_COLOUR,
                                                  fill_opacity=0.9),
                       tooltip=folium.GeoJsonTooltip(fields=["name_shown"], labels=False,
                                                     permanent=True,
                                                     direction="left" if n == 0 else "right"),
                       ).add_to(group)
    return group
