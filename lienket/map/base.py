"""The base folium.Map: deterministic, offline assets, the offline basemap and the tiles, the map tools.

streamlit-folium remounts the map (losing the user's view) whenever the base map's script changes,
so everything here depends only on the language and the data; data layers and the legend (which
follows them) are passed separately as dynamic feature groups.
"""

from __future__ import annotations

from typing import Any

import folium
import geopandas as gpd
from branca.element import Element
from jinja2 import Template

from lienket.map import assets, basemap, controls, style


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

    def __init__(self, name: str, script: str, control: bool = True, overlay: bool = True,
                 attach: bool = False) -> None:
        super().__init__(name=name, overlay=overlay, control=control)
        self.script = script
        # Dynamic groups are put on the map by st_folium; a group of the base map adds itself.
        self.attach = attach

    def script_for(self, group_id: str, map_name: str) -> str:
        """The cached script with this group's id and its map's name filled in."""
        script = self.script.replace(self.MAP_SLOT, map_name).replace(self.SLOT, group_id)
        return script + (f"\n{self.get_name()}.addTo({map_name});" if self.attach else "")


def base_map(bounds: tuple[float, float, float, float], lang: str,
             provinces: gpd.GeoDataFrame | dict[str, Any] | None = None,
             offline: folium.FeatureGroup | None = None,
             region: tuple[float, float, float, float] | None = None) -> folium.Map:
    """The map everything is drawn on, opening on `bounds` (minx, miny, maxx, maxy): the offline
    basemap `offline` (see `lienket.map.basemap`) and the tiles as its two backgrounds, and the tools
    of `lienket.map.controls`; the minimap outlines `provinces` (or its precomputed
    `controls.overview`, which reruns should reuse); a button frames `region` (the whole ring)."""
    minx, miny, maxx, maxy = bounds
    m = folium.Map(location=[(miny + maxy) / 2, (minx + maxx) / 2], zoom_start=9, tiles=None,
                   control_scale=False, min_zoom=5, max_zoom=17,
                   zoom_snap=style.VIEW["zoom_snap"], zoom_delta=0.5)
    # Instance attributes: st_folium reads each element's default_js/css to load the libraries.
    m.default_js = assets.JS
    m.default_css = assets.CSS
    m.get_root().header.add_child(Element(f"<style>{style.css('map.css')}</style>"))
    basemap.add_backgrounds(m, offline if offline is not None
                            else folium.FeatureGroup(name="offline", overlay=False), lang)
    m.fit_bounds([[miny, minx], [maxy, maxx]])
    outlines = provinces if isinstance(provinces, dict) or provinces is None \
        else controls.overview(provinces)
    controls.add(m, lang, outlines, frames={"opening": bounds, "region": region or bounds})
    return m
