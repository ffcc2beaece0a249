"""Liên kết vùng — the page, composed from `lienket.app`: the map first, then the controls."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from lienket.app import cache, panels, sidebar, staging, state
from lienket.app.mapframe import map_view
from lienket.data import eras, schema
from lienket.map import layers, style
from lienket.page import panel, urlstate
from lienket.text.i18n import t

HERE = Path(__file__).resolve().parent
#: Where the data is read from: the shipped geodata/, or another directory (tests use a copy).
GEODATA = Path(os.environ.get("LIENKET_GEODATA") or schema.GEODATA)
ss = st.session_state


def main() -> None:
    """Compose the page."""
    st.set_page_config(page_title="Liên kết vùng", page_icon="🌉", layout="wide")
    assets_problem = cache.install_assets(str(HERE / "static"))
    files = cache.geodata_fingerprint(str(GEODATA))  # a file replaced meanwhile is read again
    shipped = cache.dataset(str(GEODATA), files)
    key = (str(GEODATA), files, cache.pack_fingerprint())  # what the map's data depends on
    ds, pack_info, pack_notes = cache.boundaries(shipped, key)
    state.init_state(ds)
    lang = ss.lang
    era = ss.era if "provinces_2025" in ds.layers else eras.DEFAULT_ERA
    st.html(f"<style>{style.css('page.css')}</style>")
    # The map comes first in the script, the sidebar after it (on a session's first run, not at
    # all): the map is what a reader waits for. Widget values are in the session state already.
    visible = [layer for layer in layers.available(ds)  # issue 13: "osm" only with an OSM pack
               if ss.get(f"layer_{layer}", False)]
    st.title(t("app_title", lang))
    st.caption(t("app_subtitle_2025" if era == "2025" else "app_subtitle", lang))
    panels.show_problems(ds, lang)
    if assets_problem:
        st.error(t("assets_failed", lang, error=panel.md(assets_problem)))
    col_map, col_panel = st.columns([5, 2])
    with col_map:
        clicked = map_view(ds, key, visible, lang, era)
    if staging.map_only():  # the map paints first; the controls follow (lienket/app/staging.py)
        st.sidebar.caption(t("controls_loading", lang))
        staging.rest_later()
        return
    sidebar.sidebar(ds)
    sidebar.export_panel(ds, visible, lang, era)
    sidebar.site_download(shipped, lang)
    params = urlstate.to_params(
        urlstate.UrlState(ss.bridge, lang, era, tuple(visible), ss.get("place")),
        layers.available(ds))  # issue 13: the default is every layer the data can show
    with col_panel:
        panels.detail_panel(ds, lang, era)
        panels.share_panel(params, lang)
        panels.agreement_panel(lang)
    panels.sources_panel(ds, lang)
    panels.boundaries_panel(shipped, pack_info, pack_notes, lang)
    st.query_params.from_dict(params)
    if clicked:  # only now: a rerun counts as a finished run, and drops undrawn widgets' state
        st.rerun()


main()
