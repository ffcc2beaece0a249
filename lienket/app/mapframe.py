"""The map in the page: the base map and the visible layers handed to st_folium; a click on a
bridge selects it."""

from __future__ import annotations

import folium
import streamlit as st
import streamlit_folium  # called through the module: tests replace st_folium

from lienket.app import cache
from lienket.data.dataset import Dataset
from lienket.map import base, legend, selection, style
from lienket.page import search

ss = st.session_state


def map_view(ds: Dataset, key: tuple, visible: list[str], lang: str, era: str) -> bool:
    """The map; a click on a bridge selects it (True: rerun once the page is drawn)."""
    place = search.lookup(search.cached_index(ds, era), ss.get("place"))
    out = streamlit_folium.st_folium(
        base.base_map(tuple(style.VIEW["opening"]), lang, cache.minimap_outlines(ds, key),
                         cache.offline_basemap(ds, key, lang), cache.region_bounds(ds, key)),
        key="map", height=620,
        use_container_width=True,
        returned_objects=["last_active_drawing", "last_object_clicked_count"],
        # The selection highlight stays last: tests and the click handler expect it on top.
        feature_group_to_add=[*cache.layer_groups(cache.layer_scripts(ds, key, lang, era), visible),
                              legend.group(ds, visible, lang, era),
                              search.target_group(ds, place, lang,
                                                  f"{ss.get('place')}:{ss.get('place_token', 0)}"),
                              cache.highlight_group(ds, key, ss.bridge, lang)],
        layer_control=folium.LayerControl(collapsed=True),
    )
    clicked, signature = selection.from_map(out)
    if signature != ss.get("map_click"):
        ss.map_click = signature
        if clicked and clicked != ss.bridge:
            ss.bridge, ss.url_notices = clicked, ()
            return True
    return False
