"""The map's tools: scale bar, minimap, measuring (distance and area), fullscreen.

All of them are static (they depend on the language and the shipped data only), so they live on
the deterministic base map. Offline-capable tools load their JavaScript from the app's static/
folder (`lienket.assets`); a tool whose package is missing is simply not added. Fullscreen has no
PyPI source: a small loader fetches it from its CDN and adds the button only once the script has
loaded, so with no network there is no button and no error.
"""

from __future__ import annotations

from typing import Any

import folium
import geopandas as gpd
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.plugins import Fullscreen, MiniMap
from folium.template import Template
from shapely.geometry import MultiPolygon, mapping

from lienket import assets
from lienket.i18n import t

#: leaflet.fullscreen as folium.plugins.Fullscreen would load it (no PyPI package ships it).
FULLSCREEN_JS = Fullscreen.default_js[0][1]
FULLSCREEN_CSS = Fullscreen.default_css[0][1]
#: Minimap outline simplification (degrees). The minimap sits 5 zoom levels below the map: at the
#: opening zoom (~9) it draws ~10 km per pixel, so 0.05° (~5 km) and 2 decimals (~1 km) are
#: sub-pixel there — and the outline is 21 KB of the page instead of 35.
OVERVIEW_TOLERANCE = 0.05
OVERVIEW_DECIMALS = 2
#: Islands smaller than this (deg², ~6 km²) are under a pixel there: left out of the outline.
OVERVIEW_MIN_AREA = 0.0005
MEASURE_COLOUR = "#1f5fbf"


class ScaleBar(MacroElement):
    """Leaflet's scale bar, metric only (Vietnam measures in metres and kilometres)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        L.control.scale({metric: true, imperial: false, position: 'bottomleft'})
            .addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self) -> None:
        super().__init__()
        self._name = "ScaleBar"


class OverviewMiniMap(MiniMap):
    """folium's MiniMap with a province outline under the tiles, so it still shows where you are
    with no network (tiles need one); minimised on narrow screens."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.tile_layer.get_name() }} = L.tileLayer(
            {{ this.tile_layer.tiles|tojson }}, {{ this.tile_layer.options|tojson }});
        var {{ this.get_name() }}_outline = L.geoJson({{ this.overview|tojson }}, {
            interactive: false,
            style: {color: '#666', weight: 0.6, fillColor: '#d9d4c7', fillOpacity: 0.8}});
        var {{ this.get_name() }} = new L.Control.MiniMap(
            L.layerGroup([{{ this.tile_layer.get_name() }}, {{ this.get_name() }}_outline]),
            {{ this.options|tojavascript }});
        {{ this.get_name() }}.hideText = {{ this.hide_text|tojson }};
        {{ this.get_name() }}.showText = {{ this.show_text|tojson }};
        {{ this._parent.get_name() }}.addControl({{ this.get_name() }});
        if ({{ this._parent.get_name() }}.getSize().x < 560) {
            {{ this.get_name() }}._setDisplay(true);  // a phone: the map needs the room
        }
        {% endmacro %}
    """)

    def __init__(self, overview: dict[str, Any], lang: str) -> None:
        super().__init__(tile_layer=folium.TileLayer("OpenStreetMap"), position="bottomleft",
                         width=140, height=140, toggle_display=True, zoom_level_offset=-5)
        # Not a child of the map, so st_folium cannot normalise its random id: fix it, or the base
        # map's script would change on every rerun (a remount: the user's view lost).
        self.tile_layer._id = "minimap"
        self.overview = overview
        self.hide_text = t("minimap_hide", lang)
        self.show_text = t("minimap_show", lang)
        # Instance attributes: st_folium reads them; the class ones point at a CDN.
        self.default_js = assets.PLUGINS["minimap"][1]
        self.default_css = assets.PLUGINS["minimap"][2]


class MeasureTool(JSCSSMixin, MacroElement):
    """Measure a distance (a line) or an area (a polygon), in metric units, with Leaflet.draw.

    Each result stays on the map labelled with its length or area until deleted with the bin.
    A JSCSSMixin: st_folium loads the scripts of those elements only.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map) {
            var t = {{ this.texts|tojson }};
            var d = L.drawLocal.draw;
            d.toolbar.buttons.polyline = t.line; d.toolbar.buttons.polygon = t.area;
            d.toolbar.actions.text = t.cancel; d.toolbar.actions.title = t.cancel;
            d.toolbar.finish.text = t.finish; d.toolbar.finish.title = t.finish;
            d.toolbar.undo.text = t.undo; d.toolbar.undo.title = t.undo;
            d.handlers.polyline.tooltip = {start: t.line_start, cont: t.line_cont, end: t.line_end};
            d.handlers.polygon.tooltip = {start: t.area_start, cont: t.area_cont, end: t.area_end};
            var e = L.drawLocal.edit;
            e.toolbar.buttons.remove = t.remove; e.toolbar.buttons.removeDisabled = t.remove;
            e.toolbar.actions.save.text = t.done; e.toolbar.actions.save.title = t.done;
            e.toolbar.actions.cancel.text = t.cancel; e.toolbar.actions.cancel.title = t.cancel;
            e.toolbar.actions.clearAll.text = t.clear; e.toolbar.actions.clearAll.title = t.clear;
            e.handlers.remove.tooltip.text = t.remove_hint;
            var shape = {color: {{ this.colour|tojson }}, weight: 3, opacity: 0.9, fillOpacity: 0.15};
            var measured = new L.FeatureGroup().addTo(map);
            map.addControl(new L.Control.Draw({
                position: 'topleft',
                draw: {polyline: {metric: true, feet: false, nautic: false, showLength: true,
                                  shapeOptions: shape},
                       polygon: {metric: ['km', 'ha', 'm'], showArea: true, showLength: true,
                                 allowIntersection: false, shapeOptions: shape},
                       rectangle: false, circle: false, marker: false, circlemarker: false},
                edit: {featureGroup: measured, edit: false, remove: true}
            }));
            var number = function (x, digits) {
                return x.toLocaleString(t.locale, {maximumFractionDigits: digits});
            };
            var length = function (latlngs) {
                var total = 0;
                for (var i = 1; i < latlngs.length; i++) { total += latlngs[i - 1].distanceTo(latlngs[i]); }
                return total < 1000 ? number(total, 0) + ' m' : number(total / 1000, 2) + ' km';
            };
            var area = function (latlngs) {
                var a = L.GeometryUtil.geodesicArea(latlngs);
                if (a >= 1e6) { return number(a / 1e6, 2) + ' km²'; }
                return a >= 1e4 ? number(a / 1e4, 2) + ' ha' : number(a, 0) + ' m²';
            };
            map.on(L.Draw.Event.CREATED, function (ev) {
                var layer = ev.layer, text;
                if (ev.layerType === 'polygon') {
                    var ring = layer.getLatLngs()[0];
                    text = t.area_result + ': ' + area(ring) + ' · ' + t.perimeter + ': '
                        + length(ring.concat([ring[0]]));
                } else {
                    text = t.distance_result + ': ' + length(layer.getLatLngs());
                }
                layer.feature = {type: 'Feature', properties: {kind: 'measure', id: null}};
                layer.bindTooltip(text, {permanent: true, direction: 'center',
                                         className: 'lienket-measure'});
                measured.addLayer(layer);
            });
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, lang: str) -> None:
        super().__init__()
        self._name = "MeasureTool"
        self.colour = MEASURE_COLOUR
        self.texts = {key.removeprefix("measure_"): t(key, lang) for key in (
            "measure_line", "measure_area", "measure_cancel", "measure_finish", "measure_undo",
            "measure_line_start", "measure_line_cont", "measure_line_end", "measure_area_start",
            "measure_area_cont", "measure_area_end", "measure_remove", "measure_done",
            "measure_clear", "measure_remove_hint", "measure_area_result", "measure_perimeter",
            "measure_distance_result")}
        self.texts["locale"] = t("locale", lang)
        self.default_js = assets.PLUGINS["draw"][1]
        self.default_css = assets.PLUGINS["draw"][2]


class OnlineFullscreen(MacroElement):
    """folium's Fullscreen button, loaded from its CDN when the browser can reach it.

    The script is fetched by a loader of our own, not st_folium's (which stops the whole map when
    one script fails); the button is added only in the loader's onload, so offline there is
    nothing: no button, no error.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map) {
            var script = document.createElement('script');
            script.src = {{ this.js|tojson }};
            script.onload = function () {
                if (!L.control || !L.control.fullscreen) { return; }
                var css = document.createElement('link');
                css.rel = 'stylesheet';
                css.href = {{ this.css|tojson }};
                document.head.appendChild(css);
                L.control.fullscreen({{ this.options|tojson }}).addTo(map);
            };
            script.onerror = function () { /* offline: the map simply has no fullscreen button */ };
            document.head.appendChild(script);
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, lang: str) -> None:
        super().__init__()
        self._name = "OnlineFullscreen"
        self.js, self.css = FULLSCREEN_JS, FULLSCREEN_CSS
        self.options = {"position": "topleft", "title": t("fullscreen", lang),
                        "titleCancel": t("fullscreen_exit", lang), "forceSeparateButton": True}


def overview(provinces: gpd.GeoDataFrame) -> dict[str, Any]:
    """Province outlines for the minimap: geometry only, simplified, 2 decimals (~1 km)."""
    if provinces is None or not len(provinces):
        return {"type": "FeatureCollection", "features": []}
    shapes = [_without_specks(g) for g in
              provinces.geometry.simplify(OVERVIEW_TOLERANCE, preserve_topology=True)]
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": _rounded(mapping(geom))}
        for geom in shapes if geom is not None and not geom.is_empty]}


def _without_specks(geom: Any) -> Any:
    """The geometry without parts too small to see in the minimap (the largest part stays)."""
    parts = list(getattr(geom, "geoms", [geom]))
    keep = [p for p in parts if p.area >= OVERVIEW_MIN_AREA] or [max(parts, key=lambda p: p.area)]
    return keep[0] if len(keep) == 1 else MultiPolygon(keep)


def _rounded(value: Any) -> Any:
    """Coordinates rounded to OVERVIEW_DECIMALS, recursively."""
    if isinstance(value, float):
        return round(value, OVERVIEW_DECIMALS)
    if isinstance(value, (list, tuple)):
        return [_rounded(v) for v in value]
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value


def add(m: folium.Map, lang: str, outlines: dict[str, Any] | None) -> list[str]:
    """Add every tool the installed packages allow (the minimap draws `outlines`, see
    `overview`); return their names."""
    added = ["scale"]
    ScaleBar().add_to(m)
    if assets.plugin_available("draw"):
        MeasureTool(lang).add_to(m)
        added.append("measure")
    if assets.plugin_available("minimap"):
        OverviewMiniMap(outlines or overview(None), lang).add_to(m)
        added.append("minimap")
    OnlineFullscreen(lang).add_to(m)
    added.append("fullscreen-online")
    return added
