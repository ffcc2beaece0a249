"""The bench's baseline: a bare st_folium page, the app's offline Leaflet and jQuery, one marker.

`bench/run.py` serves it from a temporary folder (with its own static/) beside the app, in the
same run, and compares first paints as a ratio.
"""

import folium
import streamlit as st
from streamlit_folium import st_folium

from lienket import assets, layers

st.set_page_config(page_title="bare st_folium", layout="wide")
m = folium.Map(location=[21.0, 106.6], zoom_start=9, tiles=None)
m.default_js = assets.CORE_JS
m.default_css = assets.CSS
folium.TileLayer("OpenStreetMap").add_to(m)
folium.CircleMarker([21.0, 106.6], radius=8, color="#fff", fill=True,
                    fill_color=layers.BRIDGE_COLOUR, fill_opacity=1).add_to(m)
st_folium(m, key="map", height=620, use_container_width=True, returned_objects=[])
