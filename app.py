"""Liên kết vùng — the page: sidebar widgets, layout, session and URL state. Logic lives in lienket/."""

from __future__ import annotations

import os
from pathlib import Path

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from lienket import (cache, data, download, eras, i18n, layers, mapview, packs, panel, schema,
                     selection, urlstate)
from lienket.i18n import t

HERE = Path(__file__).resolve().parent
#: Where the data is read from: the shipped geodata/, or another directory (tests use a copy).
GEODATA = Path(os.environ.get("LIENKET_GEODATA") or schema.GEODATA)
CORRECTIONS = ("correction_thuy_nguyen", "correction_bridges", "correction_crosswise",
               "correction_dong_trieu_ok")
ss = st.session_state


def init_state(ds: data.Dataset) -> None:
    """First run of a session: bridge, language, era and layers from the URL, validated."""
    if "url_notices" in ss:
        return
    url = urlstate.parse({k: st.query_params.get_all(k) for k in st.query_params},
                         selection.bridge_ids(ds), layers.LAYERS)
    ss.bridge, ss.lang, ss.era, ss.url_notices = url.bridge, url.lang, url.era, url.notices
    for layer in layers.LAYERS:
        ss[f"layer_{layer}"] = layer in url.layers


def bridge_labels(ds: data.Dataset, lang: str) -> dict[str, str]:
    """Select-box label -> bridge id ('' for no selection); labels are what the user reads."""
    labels = {t("bridge_none", lang): ""}
    bridges = ds.layer("bridges")
    for name, fid in zip(bridges.get("name", []), bridges.get("id", [])):
        labels[name if name not in labels else f"{name} ({fid})"] = fid  # two bridges, one name
    return labels


def on_select(labels: dict[str, str]) -> None:
    """The select box changed: it becomes the selection."""
    ss.bridge = labels.get(ss.bridge_select) or None
    ss.url_notices = ()


def on_language() -> None:
    """The language radio changed."""
    ss.lang = {t(f"lang_{code}", code): code for code in i18n.LANGS}[ss.lang_label]
    ss.url_notices = ()


def on_era() -> None:
    """The era radio changed: only the dynamic layers change, so view and selection stay."""
    ss.era = {t(f"era_{e}", ss.lang): e for e in eras.ERAS}[ss.era_label]


def sidebar(ds: data.Dataset) -> list[str]:
    """Language, bridge and layer widgets; returns the visible layers."""
    # Widget state is (re)set from the selection before each widget is drawn, so a map click,
    # the URL and the widget always agree.
    ss.lang_label = t(f"lang_{ss.lang}", ss.lang)
    st.sidebar.radio(t("language", ss.lang), [t(f"lang_{c}", c) for c in i18n.LANGS],
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
    st.sidebar.subheader(t("layers", lang))
    return [layer for layer in layers.LAYERS
            if st.sidebar.checkbox(t(f"layer_{layer}", lang), key=f"layer_{layer}")]


def show_problems(ds: data.Dataset, lang: str) -> None:
    """Data problems as messages, one per file, never a traceback; a broken file costs its layer."""
    for level, text in panel.problem_report(ds, lang):
        (st.error if level == "error" else st.warning)(text)


def map_view(ds: data.Dataset, key: tuple, visible: list[str], lang: str, era: str) -> None:
    """The map; a click on a bridge selects it."""
    focus = ds.layer("provinces")
    focus = focus[focus["code"].isin(ds.agreement.get("focus", []))] if len(focus) else focus
    bounds = tuple(focus.total_bounds) if len(focus) else (105.9, 20.6, 107.9, 21.6)
    out = st_folium(
        mapview.base_map(bounds, lang), key="map", height=620, use_container_width=True,
        returned_objects=["last_active_drawing", "last_object_clicked_count"],
        feature_group_to_add=[*cache.layer_groups(cache.layer_scripts(ds, key, lang, era), visible),
                              cache.highlight_group(ds, key, ss.bridge, lang)],
        layer_control=folium.LayerControl(collapsed=True),
    )
    clicked, signature = selection.from_map(out)
    if signature != ss.get("map_click"):
        ss.map_click = signature
        if clicked and clicked != ss.bridge:
            ss.bridge, ss.url_notices = clicked, ()
            st.rerun()


def detail_panel(ds: data.Dataset, lang: str, era: str) -> None:
    """The selected bridge's details, or how to select one; in 2025, what the groups became."""
    for notice in ss.get("url_notices", ()):
        st.info(panel.url_notice(notice, lang))
    if ss.bridge:
        st.markdown(panel.bridge_markdown(ds, ss.bridge, lang, era))
    else:
        st.caption(t("click_hint", lang))
    if era == "2025":
        st.markdown(panel.era_markdown(ds, lang))


def agreement_panel(lang: str) -> None:
    """The agreement: when, where, principle, priorities, and where the article was wrong."""
    with st.expander(t("agreement_title", lang), expanded=False):
        st.markdown(t("agreement_signed", lang))
        st.markdown(t("agreement_principle", lang))
        st.markdown(f"**{t('agreement_priorities', lang)}**")
        st.markdown("\n".join(f"{n}. {t(f'priority_{n}', lang)}" for n in range(1, 8)))
        st.caption(t("agreement_source", lang))
        st.markdown(f"**{t('timeline_title', lang)}**")
        st.markdown(panel.timeline_markdown(lang))
        st.markdown(f"**{t('corrections_title', lang)}**")
        st.markdown("\n".join(f"- {t(key, lang)}" for key in CORRECTIONS))


def boundaries_panel(ds: data.Dataset, info: packs.PackInfo | None, notes: list[str],
                     lang: str) -> None:
    """Which boundaries the map uses; download or import detailed ones."""
    st.markdown(f"**{t('pack_title', lang)}**")
    if info is None:
        st.caption(t("pack_shipped", lang))
    else:
        st.caption(t("pack_in_use", lang, origin=t(f"pack_origin_{info.origin}", lang),
                     source=panel.md(info.source), licence=panel.md(info.licence),
                     vintage=panel.md(info.vintage), districts=info.counts.get("districts", 0)))
    for note in notes:
        st.warning(t("pack_skipped", lang, note=panel.md(note)))
    with st.expander(t("pack_get", lang)):
        st.markdown(t("pack_howto", lang))
        total = sum(r.size for r in download.GEOBOUNDARIES_VNM.values()) / 1e6
        if st.button(t("pack_download", lang, mb=f"{total:.0f}"), key="pack_download"):
            bar = st.progress(0.0, text=t("pack_downloading", lang))
            try:
                packs.download_pack(ds, lambda got, size: bar.progress(min(got / size, 1.0)))
            except (download.DownloadError, packs.PackError) as exc:
                st.warning(t("pack_download_failed", lang, error=panel.md(exc)))
            else:
                cache.boundaries.clear()
                st.rerun()


def sources_panel(ds: data.Dataset, lang: str) -> None:
    """'Nguồn dữ liệu': every layer's source, licence, accuracy."""
    st.subheader(t("sources_title", lang))
    st.caption(t("sources_intro", lang))
    st.dataframe(pd.DataFrame(panel.sources_rows(ds, ds.catalogue, lang)),
                 hide_index=True, width="stretch")
    st.caption(t("osm_attribution", lang))


def main() -> None:
    """Compose the page."""
    st.set_page_config(page_title="Liên kết vùng", page_icon="🌉", layout="wide")
    cache.install_assets(str(HERE / "static"))
    shipped = cache.dataset(str(GEODATA))
    key = (str(GEODATA), cache.pack_fingerprint())  # what the map's data depends on
    ds, pack_info, pack_notes = cache.boundaries(shipped, key)
    init_state(ds)
    visible = sidebar(ds)
    lang = ss.lang
    era = ss.era if "provinces_2025" in ds.layers else eras.DEFAULT_ERA
    st.title(t("app_title", lang))
    st.caption(t("app_subtitle_2025" if era == "2025" else "app_subtitle", lang))
    show_problems(ds, lang)
    col_map, col_panel = st.columns([5, 2])
    with col_map:
        map_view(ds, key, visible, lang, era)
    with col_panel:
        detail_panel(ds, lang, era)
        agreement_panel(lang)
    sources_panel(ds, lang)
    boundaries_panel(shipped, pack_info, pack_notes, lang)
    st.query_params.from_dict(urlstate.to_params(
        urlstate.UrlState(ss.bridge, lang, era, tuple(visible)), layers.LAYERS))


main()
