"""The OpenStreetMap context layer: rivers, the named approach roads and ferries around the bridges.

Drawn only from an OSM pack (`osm_pack.apply` puts the frame in the map dataset); like every layer,
all text goes through `display.display_frame`, which escapes it.
"""

from __future__ import annotations

import html
from typing import Any

import folium
import geopandas as gpd

from lienket.data import eras
from lienket.data.dataset import Dataset
from lienket.map.features import add, display_frame, group, popup, text, tooltip
from lienket.map.style import COLOURS
from lienket.packs import osm_pack
from lienket.text.i18n import t

STYLES: dict[str, dict[str, Any]] = {
    "river": {"color": "#2b7bd0", "weight": 4, "opacity": 0.8},
    "road": {"color": "#8a5a00", "weight": 3, "opacity": 0.85, "dashArray": "10 4"},
    "ferry": {"color": "#1a1a1a", "weight": 2.5, "opacity": 0.9, "dashArray": "3 6"},
}


def _kind(row: dict[str, Any], lang: str) -> str:
    """'Sông, kênh' / 'Đường dẫn …' / 'Phà, đò — đã được Cầu Mây thay thế'."""
    category = row.get("category") or ""
    words = t(f"osm_kind_{category}", lang) if category in STYLES else category
    if row.get("replaced_by"):
        words += " — " + t("osm_replaced_by", lang, bridge=row["replaced_by"])
    return html.escape(words)


def context(ds: Dataset, lang: str, era: str = eras.DEFAULT_ERA) -> folium.FeatureGroup:
    """Rivers, approach roads and ferries from the OSM pack; an empty group without one."""
    layer = group(osm_pack.LAYER, lang)
    frame = ds.layers.get(osm_pack.LAYER)
    if frame is None or frame.empty:
        return layer
    shown = display_frame(frame, lang, {
        "name_shown": lambda r: text(r.get("name")),
        "what": lambda r: _kind(r, lang),
        "category": lambda r: text(r.get("category")),
    })
    add(folium.GeoJson(shown, name="osm-context",
                       style_function=lambda f: STYLES.get(f["properties"]["category"], {}),
                       highlight_function=lambda f: {"weight": 6},
                       tooltip=tooltip(["name_shown", "what"], ["f_name", "f_osm_kind"], lang),
                       popup=popup(lang)), layer)
    return layer


def bridge_ways(frame: gpd.GeoDataFrame) -> folium.GeoJson | None:
    """The bridges drawn from OSM ways (a display frame's lines), bank to bank, under their
    symbols; clickable like the symbols (kind, id). None when every bridge is an estimate."""
    lines = frame[frame.geom_type == "LineString"]
    if lines.empty:
        return None
    return folium.GeoJson(lines, name="bridge-ways",
                          style_function=lambda f: {"color": COLOURS["bridge"], "weight": 7,
                                                    "opacity": 0.9, "lineCap": "butt"},
                          highlight_function=lambda f: {"weight": 10})


def at_symbol(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The frame with each way replaced by its middle: where the bridge's symbol and label go."""
    middle = [g.interpolate(0.5, normalized=True) if g.geom_type == "LineString" else g
              for g in frame.geometry]
    return frame.set_geometry(gpd.GeoSeries(middle, index=frame.index, crs=frame.crs))
