"""The sidebar: language, era, bridge, search, layers, the downloads and the static site."""

from __future__ import annotations

import datetime as dt
import functools

import streamlit as st

from lienket.app.state import (
    bridge_labels,
    on_era,
    on_language,
    on_search_clear,
    on_search_hit,
    on_select,
)
from lienket.data import eras
from lienket.data.dataset import Dataset
from lienket.map import layers
from lienket.page import export, panel, search
from lienket.site import build
from lienket.text import i18n
from lienket.text.i18n import t

ss = st.session_state


def search_box(ds: Dataset, lang: str, era: str) -> None:
    """Sidebar search over every feature, diacritics optional; each result is a button."""
    st.sidebar.text_input(t("search_label", lang), key="search_q",
                          placeholder=t("search_placeholder", lang))
    query = ss.get("search_q", "")
    hits = search.find(search.cached_index(ds, era), query)
    if query.strip() and not hits:
        st.sidebar.caption(t("search_none", lang, query=panel.md(query[:60])))
    for entry in hits[:search.LIMIT]:
        # Button labels are Markdown: names from the data are escaped like the panel's.
        st.sidebar.button(panel.md(entry.label(lang)), key=f"hit_{entry.fid}",
                          on_click=on_search_hit, args=(entry,), width="stretch")
    if len(hits) > search.LIMIT:
        st.sidebar.caption(t("search_more", lang, n=len(hits) - search.LIMIT))
    if ss.get("place"):
        st.sidebar.button(t("search_clear", lang), key="search_clear", on_click=on_search_clear)


def sidebar(ds: Dataset) -> list[str]:
    """Language, bridge and layer widgets; returns the visible layers."""
    # Widget state is (re)set from the selection before each widget is drawn, so a map click,
    # the URL and the widget always agree.
    ss.lang_label = i18n.language_name(ss.lang)
    st.sidebar.radio(t("language", ss.lang), [i18n.language_name(c) for c in i18n.LANGS],
                     key="lang_label", horizontal=True, on_change=on_language)
    lang = ss.lang
    if "provinces_2025" in ds.layers:  # without a usable merger table there is only 2022
        ss.era_label = t(f"era_{ss.era}", lang)
        st.sidebar.radio(t("era_label", lang), [t(f"era_{e}", lang) for e in eras.ERAS],
                         key="era_label", horizontal=True, on_change=on_era)
    labels = bridge_labels(ds, lang)
    ss.bridge_select = next((label for label, fid in labels.items() if fid == (ss.bridge or "")),
                            t("bridge_none", lang))
    st.sidebar.selectbox(t("bridge_select", lang), list(labels), key="bridge_select",
                         on_change=on_select, args=(labels,))
    search_box(ds, lang, ss.era if "provinces_2025" in ds.layers else eras.DEFAULT_ERA)
    st.sidebar.subheader(t("layers", lang))
    return [layer for layer in layers.available(ds)  # issue 13: "osm" only with an OSM pack
            if st.sidebar.checkbox(t(f"layer_{layer}", lang), key=f"layer_{layer}")]


MIME = {"geojson": "application/geo+json", "csv": "text/csv"}
WRITERS = {"geojson": export.to_geojson, "csv": export.to_csv}


def _frame_bytes(make_frame, ext: str) -> bytes:
    """The file's bytes, built only when the user clicks (deferred download)."""
    return WRITERS[ext](make_frame())


def download_buttons(what: str, make_frame, era: str, key: str) -> None:
    """GeoJSON and CSV buttons for one frame; the file name (with era and date) is the help."""
    day = dt.date.today()
    for column, ext in zip(st.columns(2), ("geojson", "csv")):
        name = export.file_name(what, era, day, ext)
        column.download_button(ext.upper() if ext == "csv" else "GeoJSON",
                               data=functools.partial(_frame_bytes, make_frame, ext),
                               file_name=name, mime=MIME[ext], key=f"dl_{key}_{ext}", help=name,
                               on_click="ignore", icon=":material/download:")


def export_panel(ds: Dataset, visible: list[str], lang: str, era: str) -> None:
    """'Tải dữ liệu': each visible layer and the current selection, as GeoJSON and CSV."""
    with st.sidebar.expander(t("export_title", lang)):
        st.caption(t("export_intro", lang))
        if not visible:
            st.caption(t("export_nothing", lang))
        for layer in visible:
            st.markdown(f"**{t(f'layer_{layer}', lang)}**")
            download_buttons(t(f"layer_{layer}", lang),
                             functools.partial(export.layer_frame, ds, layer, era, lang), era,
                             layer)
        place = search.lookup(search.cached_index(ds, era), ss.get("place"))
        if ss.bridge or place:
            st.markdown(f"**{t('export_selection', lang)}**")
            what = "-".join(p for p in (ss.bridge, place.fid if place else None) if p)
            download_buttons(what, functools.partial(
                export.selection_frame, ds, ss.bridge, (place.layer, place.fid) if place else None),
                era, "selection")


def site_download(ds: Dataset, lang: str) -> None:
    """The static, embeddable site as a zip of the shipped data (built only when clicked)."""
    st.sidebar.download_button(t("site_download", lang), functools.partial(build.zip_bytes, ds),
                               file_name="lienket-site.zip", mime="application/zip", key="dl_site",
                               help=t("site_download_help", lang), on_click="ignore",
                               icon=":material/public:")
