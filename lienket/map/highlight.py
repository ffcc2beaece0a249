"""The selection drawn on the map: the selected bridge haloed, where it could be (along its
river, or a circle where no river line exists), and the two districts it connects.

The selection itself (which bridge, which districts) comes from `lienket.map.selection`; this module
only draws it, in a group st_folium swaps in place without remounting the map.
"""

from __future__ import annotations

import math

import folium
import geopandas as gpd
from branca.element import MacroElement
from jinja2 import Template
from shapely.geometry.base import BaseGeometry

from lienket.data.dataset import Dataset
from lienket.map import bridges, selection
from lienket.map.features import display_frame, name_field
from lienket.map.style import COLOURS
from lienket.text.i18n import t

#: A metric CRS for buffering here (UTM zone 48N covers the linkage region).
METRIC_CRS = "EPSG:32648"


class FitIfOutside(MacroElement):
    """Fit the map to its parent layer's bounds, but only when they are not already in view.

    Deferred: streamlit-folium adds a dynamic group to the map only after its script has run.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (layer) {
            setTimeout(function () {
                var map = layer._map;
                if (!map) { return; }
                var bounds = layer.getBounds();
                if (bounds.isValid() && !map.getBounds().contains(bounds)) {
                    map._lkViewSet = true;
                    map.fitBounds(bounds.pad(0.3), {maxZoom: Math.max(map.getZoom(), 10)});
                }
            }, 0);
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self) -> None:
        super().__init__()
        self._name = "FitIfOutside"


class MarkSelected(MacroElement):
    """Give the selected bridge's marker the `lk-selected` class while its group is on the map."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (group) {
            var mark = function (on) {
                var map = group._map || window.map;
                if (!map) { return; }
                map.eachLayer(function (layer) {
                    var f = layer.feature;
                    if (layer._icon && f && f.properties && f.properties.kind === 'bridge') {
                        L.DomUtil[on && f.properties.id === {{ this.bridge|tojson }}
                                  ? 'addClass' : 'removeClass'](layer._icon, 'lk-selected');
                    }
                });
            };
            group.on('add', function () {
                setTimeout(function () {
                    mark(true);
                    var map = group._map || window.map;
                    if (map) { map.fire('lk-relabel'); }  // bridge labels make room for the seats'
                }, 0);
            });
            group.on('remove', function () { mark(false); });
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, bridge: str) -> None:
        super().__init__()
        self._name = "MarkSelected"
        self.bridge = bridge


def reach(ds: Dataset, bridge: dict) -> BaseGeometry | None:
    """The stretch of its river where a bridge may be: the river line within its uncertainty."""
    river = bridges.river_near(ds, bridge)
    radius = bridge.get("uncertainty_m")
    # A hand-edited file may leave it out: GeoPandas then fills NaN, which is truthy.
    if river is None or not isinstance(radius, (int, float)) or not math.isfinite(radius) \
            or radius <= 0:
        return None
    both = gpd.GeoSeries([river, bridge["geometry"].centroid], crs="EPSG:4326").to_crs(METRIC_CRS)
    stretch = both.iloc[0].intersection(both.iloc[1].buffer(float(radius)))
    if stretch.is_empty:
        return None
    return gpd.GeoSeries([stretch], crs=METRIC_CRS).to_crs("EPSG:4326").iloc[0]


def _where_it_could_be(ds: Dataset, bridge: dict, lang: str) -> folium.Element | None:
    """The uncertainty of an estimated position: a stretch of river, or a dashed circle."""
    stretch = reach(ds, bridge)
    tip = t("reach_tooltip", lang, km=f"{(bridge.get('uncertainty_m') or 0) / 1000:g}")
    if stretch is not None:
        return folium.GeoJson(stretch.__geo_interface__, name="selected-reach",
                              style_function=lambda f: {"color": COLOURS["bridge"], "weight": 9,
                                                        "opacity": 0.35, "lineCap": "round"},
                              tooltip=tip)
    if bridge.get("position") and bridge.get("uncertainty_m"):
        centre = bridge["geometry"].centroid
        return folium.Circle(location=[centre.y, centre.x], radius=float(bridge["uncertainty_m"]),
                             color=COLOURS["bridge"], weight=1.5, dash_array="6 6", fill=False,
                             interactive=False)
    return None


def group(ds: Dataset, bridge_id: str | None, lang: str) -> folium.FeatureGroup:
    """The selected bridge, where it could be, and its two districts (seats, areas with a pack)."""
    layer = folium.FeatureGroup(name=t("layer_selection", lang), control=False)
    bridge = ds.feature("bridges", bridge_id) if bridge_id else None
    if bridge is None:
        return layer
    name = name_field(lang)
    uncertain = _where_it_could_be(ds, bridge, lang)
    if uncertain is not None:
        uncertain.add_to(layer)
    areas = selection.connected_areas(ds, bridge_id)
    if len(areas):
        polygons = folium.GeoJson(display_frame(areas, lang, {"name_shown": name}),
                                  name="selected-district-areas",
                                  style_function=lambda f: {"color": "#222", "weight": 2.5,
                                                            "fillColor": COLOURS["selected"],
                                                            "fillOpacity": 0.35})
        FitIfOutside().add_to(polygons)
        polygons.add_to(layer)
    hit = ds.layer("bridges")
    folium.GeoJson(display_frame(hit[hit["id"] == bridge_id], lang, {"name_shown": name}),
                   name="selected-bridge",
                   # issue 13: a bridge drawn as its OSM way is highlighted along it
                   style_function=lambda f: {"color": COLOURS["selected"], "weight": 13,
                                             "opacity": 0.8},
                   marker=folium.CircleMarker(radius=15, color=COLOURS["selected"], weight=5,
                                              opacity=0.95, fill=True, fill_opacity=0.25),
                   ).add_to(layer)
    seats = selection.connected_districts(ds, bridge_id)
    for n, (_, seat) in enumerate(seats.iterrows()):
        # One label each side, so the two banks' names never sit on top of each other.
        folium.GeoJson(display_frame(seats.loc[[seat.name]], lang, {"name_shown": name}),
                       name=f"selected-district-{n}",
                       marker=folium.CircleMarker(radius=7, color="#222", weight=2.5, fill=True,
                                                  fill_color=COLOURS["selected"],
                                                  fill_opacity=0.95, class_name="lk-seat-dot"),
                       tooltip=folium.GeoJsonTooltip(fields=["name_shown"], labels=False,
                                                     permanent=True, class_name="lk-seat-label",
                                                     direction="left" if n == 0 else "right"),
                       ).add_to(layer)
    MarkSelected(bridge_id).add_to(layer)
    return layer
