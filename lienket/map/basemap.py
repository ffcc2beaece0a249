"""The map's background: an offline basemap drawn from shipped data (land and sea from the
full-resolution shoreline, rivers with their names, towns) and OpenStreetMap tiles when online.

Both are base layers (radio choices in the layer control), so the offline basemap never lies
misaligned on top of the tiles. The map opens on the offline basemap (it paints at once, network
or not) and gives way to the tiles as soon as one tile loads, unless the reader chose already.
"""

from __future__ import annotations

import math
import os
from typing import Any

import folium
import geopandas as gpd
import shapely
from branca.element import MacroElement
from folium.utilities import JsCode
from jinja2 import Template

from lienket.data.dataset import Dataset
from lienket.map.features import display_frame, name_field, popup, text, tooltip
from lienket.map.style import COLOURS
from lienket.text.i18n import t

#: Tile URL template and attribution; `LIENKET_TILES` points the map at another tile server
#: (tests use a local fake one). OpenStreetMap's tiles need its attribution.
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = ('&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> '
                   'contributors')


#: Display precision of the basemap's lines (~11 m): far inside GSHHG's own error (hundreds of
#: metres) and its ~330 m simplification, and a fifth fewer bytes than 5 decimals.
PRECISION_DEG = 1e-4


def tiles_url() -> str:
    """The tile server the map asks when online."""
    return os.environ.get("LIENKET_TILES") or OSM_TILES


LABEL_TO_LAYER = JsCode("""
function (feature, latlng) {
    var p = feature.properties;
    return L.marker(latlng, {interactive: false, keyboard: false, icon: L.divIcon({
        className: '', iconSize: [0, 0], html: '<div class="' + p.css + '" style="transform:'
            + p.transform + '">' + p.label + '</div>'})});
}
""")


def label_point(line: Any, at: float = 0.45, avoid: Any = None) -> tuple[Any, float]:
    """A point part-way along a line (the one of its middle stretch farthest from `avoid`, the
    bridges, when given) and the line's direction there (degrees, kept readable)."""
    step = min(0.01, line.length / 20) or 0.001
    if avoid is not None and not avoid.is_empty:
        at = max((f / 20 for f in range(4, 17)),
                 key=lambda f: line.interpolate(line.length * f).distance(avoid))
    here = line.length * at
    a, b = line.interpolate(max(here - step, 0)), line.interpolate(min(here + step, line.length))
    east = (b.x - a.x) * math.cos(math.radians(a.y))
    angle = math.degrees(math.atan2(-(b.y - a.y), east))
    if angle > 90:
        angle -= 180
    elif angle < -90:
        angle += 180
    return line.interpolate(here), round(angle, 1)


def river_labels(rivers: gpd.GeoDataFrame, lang: str, avoid: Any = None) -> gpd.GeoDataFrame:
    """One label per named river, along its longest stretch away from `avoid`, in blue italics."""
    rows = []
    named = rivers[rivers["name"].map(lambda n: isinstance(n, str) and bool(n.strip()))] \
        if "name" in rivers else rivers.iloc[0:0]
    for name, stretches in named.groupby("name", sort=False):
        line = max(stretches.geometry, key=lambda g: g.length)
        if line.geom_type == "MultiLineString":
            line = max(line.geoms, key=lambda g: g.length)
        point, angle = label_point(line, avoid=avoid)
        shown = name_field(lang)(stretches.iloc[0].to_dict())
        rows.append({"label": shown, "css": "lk-river-label",
                     "transform": f"rotate({angle}deg) translate(-50%,-50%)", "geometry": point})
    return gpd.GeoDataFrame(rows, columns=["label", "css", "transform", "geometry"],
                            geometry="geometry", crs="EPSG:4326")


def town_labels(towns: gpd.GeoDataFrame, lang: str) -> gpd.GeoDataFrame:
    """Town dots with names; `rank` decides from which zoom a town shows (CSS in map.css)."""
    rows = []
    for row in towns.to_dict("records"):
        rank = int(row.get("rank") or 3)
        rows.append({"label": f"<b></b>{name_field(lang)(row)}", "css": f"lk-town lk-rank-{rank}",
                     "transform": "translate(-2px,-50%)", "geometry": row["geometry"]})
    return gpd.GeoDataFrame(rows, columns=["label", "css", "transform", "geometry"],
                            geometry="geometry", crs="EPSG:4326")


def offline_group(ds: Dataset, lang: str) -> folium.FeatureGroup:
    """The offline basemap: land, rivers (with provenance on click), river and town names."""
    base = folium.FeatureGroup(name=t("basemap_offline", lang), overlay=False, control=True)
    land = ds.layers.get("land")
    if land is not None and len(land):
        folium.GeoJson({"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {}, "geometry": g.__geo_interface__}
            for g in shapely.set_precision(land.geometry.values, PRECISION_DEG)]},
            name="land", interactive=False,
            style_function=lambda f: {"color": COLOURS["coast"], "weight": 0.8,
                                      "fillColor": COLOURS["land"], "fillOpacity": 1}).add_to(base)
    rivers = ds.layers.get("rivers")
    if rivers is not None and len(rivers):
        rivers = rivers.assign(geometry=shapely.set_precision(rivers.geometry.values, PRECISION_DEG))
        frame = display_frame(rivers, lang, {"name_shown": name_field(lang),
                                             "level": lambda r: text(r.get("level"))})
        # Named rivers (those the bridges cross) strong; the rest of the network quieter.
        folium.GeoJson(frame, name="rivers",
                       style_function=lambda f: {"color": COLOURS["river"],
                                                 "weight": 2.4 if f["properties"]["name_shown"]
                                                 else 1.2,
                                                 "opacity": 0.95 if f["properties"]["name_shown"]
                                                 else 0.6},
                       tooltip=tooltip(["name_shown"], ["f_river"], lang),
                       popup=popup(lang)).add_to(base)
        labels = river_labels(rivers, lang, avoid=ds.layer("bridges").union_all()
                              if len(ds.layer("bridges")) else None)
        if len(labels):
            folium.GeoJson(labels, name="river-labels", pointToLayer=LABEL_TO_LAYER).add_to(base)
    towns = ds.layers.get("towns")
    if towns is not None and len(towns):
        folium.GeoJson(town_labels(towns, lang), name="towns",
                       pointToLayer=LABEL_TO_LAYER).add_to(base)
    return base


class ZoomClasses(MacroElement):
    """`lk-zoom-ltN` classes on the map container, so CSS shows labels by zoom (towns by rank)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map) {
            var set = function () {
                var z = map.getZoom(), el = map.getContainer();
                [9, 10, 11, 12].forEach(function (n) {
                    L.DomUtil[z < n ? 'addClass' : 'removeClass'](el, 'lk-zoom-lt' + n);
                });
            };
            map.on('zoomend', set);
            set();
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self) -> None:
        super().__init__()
        self._name = "ZoomClasses"


class GiveWayToTiles(MacroElement):
    """Open on the offline basemap; switch to the tiles once one tile loads, unless the reader
    picked a background first. Offline, the probe fails quietly and nothing changes."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map, offline, tiles) {
            var chosen = false, switching = false;
            map.on('baselayerchange', function () { if (!switching) { chosen = true; } });
            var probe = new Image();
            probe.onload = function () {
                if (chosen || !map.hasLayer(offline)) { return; }
                switching = true;
                map.removeLayer(offline);
                map.addLayer(tiles);
                switching = false;
                map.getContainer().setAttribute('data-background', 'tiles');
            };
            var c = map.getCenter(), z = Math.round(map.getZoom());
            var x = Math.floor((c.lng + 180) / 360 * Math.pow(2, z));
            var lat = c.lat * Math.PI / 180;
            var y = Math.floor((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2
                               * Math.pow(2, z));
            map.getContainer().setAttribute('data-background', 'offline');
            probe.src = L.Util.template(tiles._url, L.extend({z: z, x: x, y: y, s: 'a', r: ''},
                                                              tiles.options));
        })({{ this._parent.get_name() }}, {{ this.offline }}, {{ this.tiles }});
        {% endmacro %}
    """)

    def __init__(self, offline: str, tiles: str) -> None:
        super().__init__()
        self._name = "GiveWayToTiles"
        self.offline, self.tiles = offline, tiles


def add_backgrounds(m: folium.Map, offline: folium.FeatureGroup, lang: str) -> None:
    """The offline basemap (shown first) and the tiles, as the two base layers of the map."""
    tiles = folium.TileLayer(tiles_url(), name=t("basemap_osm", lang), attr=OSM_ATTRIBUTION,
                             show=False, overlay=False, control=True, max_zoom=19)
    offline.add_to(m)
    tiles.add_to(m)
    ZoomClasses().add_to(m)
    GiveWayToTiles(offline.get_name(), tiles.get_name()).add_to(m)
