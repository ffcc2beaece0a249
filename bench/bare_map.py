"""The bench's baseline: a bare st_folium page, the app's offline Leaflet and jQuery, one marker.

`bench/run.py` serves it from a temporary folder (with its own static/) beside the app, in the
same run, and compares first paints as a ratio.
"""

import folium
import streamlit as st
from streamlit_folium import st_folium

from lienket.map import assets, layers

st.set_page_config(page_title="bare st_folium", layout="wide")
m = folium.Map(location=[21.0, 106.6], zoom_start=9, tiles=None)
m.default_js = assets.CORE_JS
m.default_css = assets.CSS
folium.TileLayer("OpenStreetMap").add_to(m)
# One marker, of the class the bench waits for (the app's bridges are markers of that class).
folium.Marker([21.0, 106.6], icon=folium.DivIcon(
    class_name="lk-bridge", html=f'<b style="color:{layers.BRIDGE_COLOUR}">●</b>')).add_to(m)
st_folium(m, key="map", height=620, use_container_width=True, returned_objects=[])
