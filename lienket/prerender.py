"""A folium group's JavaScript rendered once, with slots for its id and its map.

Shared by the live app (`lienket.cache`, replayed by `mapview.PrerenderedGroup`) and the static
site (`lienket.sitedata`), so both draw exactly the same script. streamlit_folium is used only as
a library here (its renderer names every variable the way st_folium does); nothing calls Streamlit.
"""

from __future__ import annotations

import folium

from lienket.mapview import PrerenderedGroup


def prerender(group: folium.FeatureGroup) -> str:
    """A group's JavaScript as st_folium would generate it, with slots for its id and map."""
    import streamlit_folium  # imported on use: the renderer pulls in Streamlit's package

    parent = folium.Map()
    group._id = PrerenderedGroup.SLOT
    group.add_to(parent)
    group.render()
    script = streamlit_folium.generate_leaflet_string(group, base_id=PrerenderedGroup.SLOT)
    # folium adds a shown layer to its map when it renders the replaying group: drop this copy
    add_to_map = f"{group.get_name()}.addTo({parent.get_name()});"
    return script.replace(add_to_map, "").replace(parent.get_name(), PrerenderedGroup.MAP_SLOT)
