"""The map's tools: scale bar, minimap, measuring (distance and area), fullscreen, and two frames
(the linkage as the map opens, and the whole region of the 9-province ring).

All of them are static (they depend on the language and the shipped data only), so they live on
the deterministic base map. Every tool works offline: the plugins load their JavaScript from the
app's static/ folder (`lienket.map.assets`; a tool whose package is missing is simply not added), and
fullscreen is the browser's own Fullscreen API on the map's container.
"""

from __future__ import annotations

from typing import Any

import folium
import geopandas as gpd
import shapely
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.plugins import MiniMap
from folium.template import Template
from shapely.geometry import MultiPolygon, mapping

from lienket.map import assets, basemap, style
from lienket.text.i18n import t

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
        {{ this.sync }}({{ this.get_name() }});
        {{ this._parent.get_name() }}.addControl({{ this.get_name() }});
        var screenWidth = window.innerWidth;
        try { screenWidth = window.top.innerWidth; } catch (e) { /* embedded elsewhere */ }
        if (screenWidth < {{ this.min_screen }}) {
            {{ this.get_name() }}._setDisplay(true);  // folded: the focus needs the room
        }
        {% endmacro %}
    """)

    def __init__(self, overview: dict[str, Any], lang: str) -> None:
        super().__init__(tile_layer=folium.TileLayer(basemap.tiles_url(), attr=basemap.OSM_ATTRIBUTION),
                         position="bottomleft",
                         width=140, height=140, toggle_display=True, zoom_level_offset=-5)
        # Not a child of the map, so st_folium cannot normalise its random id: fix it, or the base
        # map's script would change on every rerun (a remount: the user's view lost).
        self.tile_layer._id = "minimap"
        self.overview = overview
        self.min_screen = style.VIEW["minimap_min_screen_px"]
        self.hide_text = t("minimap_hide", lang)
        self.show_text = t("minimap_show", lang)
        self.sync = style.script("minimap_sync.js")
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
                position: 'topright',
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


class MapButtons(MacroElement):
    """Fullscreen (the browser's Fullscreen API on the map's container: no plugin, no network)
    and two frames: back to the opening view, and the whole region of the ring."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map) {
            var t = {{ this.texts|tojson }}, frames = {{ this.frames|tojson }};
            var box = function (b) { return [[b[1], b[0]], [b[3], b[2]]]; };
            var bar = L.control({position: 'topright'});
            bar.onAdd = function () {
                var div = L.DomUtil.create('div', 'leaflet-bar leaflet-control lk-button');
                var button = function (cls, text, title, act) {
                    var a = L.DomUtil.create('a', cls, div);
                    a.href = '#'; a.textContent = text; a.title = title;
                    a.setAttribute('role', 'button'); a.setAttribute('aria-label', title);
                    L.DomEvent.on(a, 'click', function (e) { L.DomEvent.stop(e); act(a); });
                    return a;
                };
                // Not animated: Leaflet drops a new view asked for while a zoom still animates.
                button('lk-frame-opening', '⌂', t.opening, function () {
                    map.fitBounds(box(frames.opening), {animate: false}); });
                // The frame's final size is known only once the page has laid it out: fit the
                // opening view whenever the map's size changes, until the reader (or a search,
                // or a selection bringing its districts into view: `_lkViewSet`) moves the map.
                var moved = false, el0 = map.getContainer();
                ['pointerdown', 'wheel', 'keydown', 'touchstart'].forEach(function (type) {
                    el0.addEventListener(type, function () { moved = true; }, {passive: true});
                });
                // Zooms and drags count as the reader's only after our first fit: the map's own
                // opening fitBounds may run after this script.
                var fitting = false, watching = false;
                map.on('zoomstart dragstart', function () {
                    if (watching && !fitting) { moved = true; }
                });
                var fit = function () {
                    if (moved || map._lkViewSet) { return; }
                    fitting = true;
                    map.invalidateSize(false);
                    map.fitBounds(box(frames.opening), {animate: false});
                    fitting = false;
                    watching = true;
                };
                if (window.ResizeObserver) { new ResizeObserver(fit).observe(el0); }
                setTimeout(fit, 0);
                setTimeout(fit, 400);
                setTimeout(fit, 1500);
                button('lk-frame-region', '◎', t.region, function () {
                    map.fitBounds(box(frames.region), {animate: false}); });
                var el = map.getContainer();
                if (el.requestFullscreen || el.webkitRequestFullscreen) {
                    button('lk-fullscreen', '', t.fullscreen, function () {
                        var d = document;
                        if (d.fullscreenElement || d.webkitFullscreenElement) {
                            (d.exitFullscreen || d.webkitExitFullscreen).call(d);
                        } else {
                            (el.requestFullscreen || el.webkitRequestFullscreen).call(el);
                        }
                    });
                    div.querySelector('.lk-fullscreen').innerHTML = '<svg viewBox="0 0 16 16" '
                        + 'width="14" height="14" style="vertical-align:-2px"><path d="M1 5V1h4M11 1h4v4'
                        + 'M15 11v4h-4M5 15H1v-4" fill="none" stroke="#333" stroke-width="2"/></svg>';
                    var changed = function () {
                        var on = !!(document.fullscreenElement || document.webkitFullscreenElement);
                        var a = div.querySelector('.lk-fullscreen');
                        a.title = on ? t.fullscreen_exit : t.fullscreen;
                        a.setAttribute('aria-label', a.title);
                        setTimeout(function () { map.invalidateSize(); }, 50);
                    };
                    document.addEventListener('fullscreenchange', changed);
                    document.addEventListener('webkitfullscreenchange', changed);
                }
                L.DomEvent.disableClickPropagation(div);
                return div;
            };
            bar.addTo(map);
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, lang: str, frames: dict[str, tuple[float, float, float, float]]) -> None:
        super().__init__()
        self._name = "MapButtons"
        self.frames = {k: [round(v, 4) for v in b] for k, b in frames.items()}
        self.texts = {key: t(name, lang) for key, name in (
            ("opening", "frame_opening"), ("region", "frame_region"),
            ("fullscreen", "fullscreen"), ("fullscreen_exit", "fullscreen_exit"))}


def overview(provinces: gpd.GeoDataFrame) -> dict[str, Any]:
    """The country's outline for the minimap (five zoom levels out, province borders are clutter
    and cost the page ~15 KB): the provinces' union, simplified, 2 decimals (~1 km)."""
    if provinces is None or not len(provinces):
        return {"type": "FeatureCollection", "features": []}
    country = shapely.make_valid(provinces.geometry.union_all())
    shapes = [_without_specks(shapely.simplify(country, OVERVIEW_TOLERANCE,
                                               preserve_topology=True))]
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


def add(m: folium.Map, lang: str, outlines: dict[str, Any] | None,
        frames: dict[str, tuple[float, float, float, float]] | None = None) -> list[str]:
    """Add every tool the installed packages allow (the minimap draws `outlines`, see
    `overview`; the frame buttons fit `frames`, by name); return their names."""
    added = ["scale"]
    ScaleBar().add_to(m)
    if assets.plugin_available("draw"):
        MeasureTool(lang).add_to(m)
        added.append("measure")
    if assets.plugin_available("minimap"):
        OverviewMiniMap(outlines or overview(None), lang).add_to(m)
        added.append("minimap")
    if frames:
        MapButtons(lang, frames).add_to(m)
        added += ["frames", "fullscreen"]
    return added
