"""The five bridges as the map's subject: a bridge symbol across the river, a leader line and a
label that covers no other bridge, label or map control.

Each bridge is a Leaflet marker with an HTML icon (Leaflet's `divIcon`), built by the browser
from the feature's escaped display properties (`angle`: the road's direction across the river, on
screen). `js/bridge_labels.js` places the labels at every zoom, trying each bridge's preferred
directions (`styles/cartography.toml`) first.
"""

from __future__ import annotations

import math
from typing import Any

import folium
import shapely
from branca.element import MacroElement
from folium.utilities import JsCode
from jinja2 import Template

from lienket.data import eras
from lienket.data.dataset import Dataset
from lienket.map import osm_context
from lienket.map.features import (
    add,
    connects_text,
    display_frame,
    group,
    name_field,
    popup,
    position_text,
    province_field,
    text,
    tooltip,
)
from lienket.map.style import COLOURS, label_preferences, script

#: Builds each bridge's marker in the browser; text is already HTML-escaped by display_frame.
POINT_TO_LAYER = JsCode("""
function (feature, latlng) {
    var p = feature.properties;
    var parapets = 'M-6,-3.2H6M-6,3.2H6M-6,-3.2l-3.2,-3.2M6,-3.2l3.2,-3.2M-6,3.2l-3.2,3.2M6,3.2l3.2,3.2';
    var html = '<svg width="1" height="1"><line x1="11" y1="0" x2="16" y2="0" '
        + 'stroke="%(colour)s" stroke-width="1.3"/></svg>'
        + '<svg class="lk-bridge-symbol" viewBox="-11 -11 22 22" width="22" height="22">'
        + '<g transform="rotate(' + p.angle + ')">'
        + '<rect x="-7" y="-4.6" width="14" height="9.2" rx="1.5" fill="#fff" stroke="#fff" stroke-width="3"/>'
        + '<path d="' + parapets + '" stroke="#fff" stroke-width="4.4" stroke-linecap="round" fill="none"/>'
        + '<path d="' + parapets + '" stroke="%(colour)s" stroke-width="2.2" stroke-linecap="round" fill="none"/>'
        + '</g></svg>'
        + '<div class="lk-bridge-label" style="left:16px;top:0;transform:translate(0,-50%%)">'
        + p.name_shown + '</div>';
    return L.marker(latlng, {
        icon: L.divIcon({className: 'lk-bridge', html: html, iconSize: [0, 0]}),
        riseOnHover: true, keyboard: true, bubblingMouseEvents: true});
}
""" % {"colour": COLOURS["bridge"]})


def screen_angle(a: Any, b: Any) -> float:
    """Direction from point a to point b on a north-up screen, degrees clockwise from east."""
    east = (b.x - a.x) * math.cos(math.radians((a.y + b.y) / 2))
    north = b.y - a.y
    return round(math.degrees(math.atan2(-north, east)), 1)


def road_angle(ds: Dataset, row: dict[str, Any]) -> float:
    """The bridge's direction on screen: across its river where the river is drawn, else from
    one bank's district seat to the other's (a schematic road direction)."""
    geom = row["geometry"]
    if geom.geom_type == "LineString":  # issue 13: an OSM way runs along the road
        return screen_angle(shapely.Point(geom.coords[0]), shapely.Point(geom.coords[-1]))
    river = river_near(ds, row)
    point = row["geometry"].centroid
    if river is not None:
        at = river.project(point)
        ahead = river.interpolate(min(at + 0.002, river.length))
        behind = river.interpolate(max(at - 0.002, 0.0))
        return round(screen_angle(behind, ahead) + 90.0, 1)
    seats = ds.layer("districts")
    if not {"name", "province"} <= set(seats.columns):
        return 0.0
    ends = []
    for end in row.get("connects") or []:
        hit = seats[(seats["name"] == end.get("district")) & (seats["province"] == end.get("province"))]
        if len(hit):
            ends.append(hit.geometry.iloc[0])
    return screen_angle(ends[0], ends[1]) if len(ends) == 2 else 0.0


def river_near(ds: Dataset, row: dict[str, Any]) -> Any:
    """The shipped river line a bridge sits on (its `river_id`), or None."""
    rivers = ds.layers.get("rivers")
    rid = row.get("river_id")
    if rivers is None or not isinstance(rid, str):
        return None
    hit = rivers[rivers["id"] == rid]
    return None if hit.empty else hit.geometry.iloc[0]


def bridges(ds: Dataset, lang: str, era: str = eras.DEFAULT_ERA) -> folium.FeatureGroup:
    """The bridges: symbol, leader line and label each; clickable (kind, id) like every feature."""
    province = province_field(ds, era, lang)
    frame = display_frame(ds.layer("bridges"), lang, {
        "name_shown": name_field(lang),
        "river": lambda r: text(r.get("river")),
        "connects_text": lambda r: connects_text(r.get("connects"), province),
        "position_text": lambda r: position_text(r, lang),
        "angle": lambda r: road_angle(ds, r),
    })
    layer = group("bridges", lang)
    ways = osm_context.bridge_ways(frame)  # issue 13: a bridge from OSM is its way, symbol on it
    if ways is not None:
        ways.add_to(layer)
    shapes = folium.GeoJson(osm_context.at_symbol(frame), name="bridges", pointToLayer=POINT_TO_LAYER,
                            tooltip=tooltip(["name_shown", "river", "connects_text", "position_text"],
                                            ["f_name", "f_river", "f_connects", "f_position"], lang),
                            popup=popup(lang))
    LabelLayout().add_to(shapes)
    add(shapes, layer)
    return layer


class LabelLayout(MacroElement):
    """Runs `js/bridge_labels.js` on its parent (the bridges' GeoJSON layer)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        {{ this.code }}({{ this._parent.get_name() }}, {{ this.prefs|tojson }});
        {% endmacro %}
    """)

    def __init__(self) -> None:
        super().__init__()
        self._name = "LabelLayout"
        self.code = script("bridge_labels.js")
        self.prefs = label_preferences()
