"""The base folium.Map: deterministic, offline assets, OSM tiles when online, the map tools.

streamlit-folium remounts the map (losing the user's view) whenever the base map's script changes,
so everything here depends only on the language and the data; data layers and the legend (which
follows them) are passed separately as dynamic feature groups.
"""

from __future__ import annotations

from typing import Any

import folium
import geopandas as gpd
from branca.element import Element, MacroElement
from jinja2 import Template

from lienket import assets, controls
from lienket.i18n import t

#: Seen with no tiles (offline): a pale sea so the province shapes stay legible.
BACKGROUND = "#eaf1f6"

_STYLE = f"""
<style>
.leaflet-container {{ background: {BACKGROUND}; }}
.lienket-legend {{ background: rgba(255,255,255,0.92); padding: 6px 9px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0,0,0,0.3); font: 11px/1.4 sans-serif; color: #222; max-width: 230px; }}
.lienket-legend summary {{ cursor: pointer; }}
.lienket-legend i {{ display: inline-block; width: 14px; height: 10px; margin-right: 6px;
  vertical-align: middle; border: 1px solid rgba(0,0,0,0.35); }}
.lienket-legend i.line {{ height: 0; border: 0; border-top: 3px solid; }}
.lienket-legend i.dot {{ width: 10px; height: 10px; border-radius: 50%; }}
.lienket-legend small {{ display: block; margin-top: 4px; color: #555; }}
.lienket-measure {{ font: 600 11px/1.3 sans-serif; color: #123; background: rgba(255,255,255,0.9); }}
</style>
"""


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
                    map.fitBounds(bounds.pad(0.3), {maxZoom: Math.max(map.getZoom(), 10)});
                }
            }, 0);
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self) -> None:
        super().__init__()
        self._name = "FitIfOutside"


class PrerenderedGroup(folium.FeatureGroup):
    """A layer whose JavaScript was rendered once and is replayed on every rerun.

    Rendering a layer (GeoJSON, tooltips, styles) costs far more than a rerun may: the script is
    made once per language/era/data with two slots — the group's own id and its parent map's
    name — filled in when it is drawn, exactly as st_folium names an ordinary group.
    """

    SLOT = "lkslot"
    MAP_SLOT = "lkmapslot"

    _template = Template("""
        {% macro script(this, kwargs) %}{{ this.script_for(this._id, this._parent.get_name()) }}
        {% endmacro %}
    """)

    def __init__(self, name: str, script: str, control: bool = True) -> None:
        super().__init__(name=name, overlay=True, control=control)
        self.script = script

    def script_for(self, group_id: str, map_name: str) -> str:
        """The cached script with this group's id and its map's name filled in."""
        return self.script.replace(self.MAP_SLOT, map_name).replace(self.SLOT, group_id)


def base_map(bounds: tuple[float, float, float, float], lang: str,
             provinces: gpd.GeoDataFrame | dict[str, Any] | None = None) -> folium.Map:
    """The map everything is drawn on, opening on `bounds` (minx, miny, maxx, maxy), with the
    tools of `lienket.controls`; the minimap outlines `provinces` (or its precomputed
    `controls.overview`, which reruns should reuse)."""
    minx, miny, maxx, maxy = bounds
    m = folium.Map(location=[(miny + maxy) / 2, (minx + maxx) / 2], zoom_start=9, tiles=None,
                   control_scale=False, min_zoom=5, max_zoom=17)
    # Instance attributes: st_folium reads each element's default_js/css to load the libraries.
    m.default_js = assets.JS
    m.default_css = assets.CSS
    folium.TileLayer("OpenStreetMap", name=t("basemap_osm", lang)).add_to(m)
    m.get_root().header.add_child(Element(_STYLE))
    m.fit_bounds([[miny, minx], [maxy, maxx]])
    outlines = provinces if isinstance(provinces, dict) or provinces is None \
        else controls.overview(provinces)
    controls.add(m, lang, outlines)
    return m
