"""The main column's texts: data problems, the selected bridge, the link, the agreement, the
sources and the boundaries in use (with the pack downloads)."""

from __future__ import annotations

import html
import json
import string

import streamlit as st

from lienket.app import cache
from lienket.data.dataset import Dataset
from lienket.map import style
from lienket.packs import (
    boundaries,
    download,
    geoboundaries,
    osm_extract,
    osm_pack,
    overpass,
    store,
)
from lienket.page import panel, search, urlstate
from lienket.text.i18n import t

ss = st.session_state
CORRECTIONS = panel.CORRECTIONS


def show_problems(ds: Dataset, lang: str) -> None:
    """Data problems as messages, one per file, never a traceback; a broken file costs its layer."""
    for level, text in panel.problem_report(ds, lang):
        (st.error if level == "error" else st.warning)(text)


def detail_panel(ds: Dataset, lang: str, era: str) -> None:
    """The selected bridge's details, or how to select one; in 2025, what the groups became."""
    for notice in ss.get("url_notices", ()):
        st.info(panel.url_notice(notice, lang))
    place = search.lookup(search.cached_index(ds, era), ss.get("place"))
    if place and place.layer != "bridges":
        st.markdown(f"**{t('search_found', lang)}:** {panel.md(place.label(lang))}")
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


def boundaries_panel(ds: Dataset, info: boundaries.PackInfo | None, notes: list[str],
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
        total = geoboundaries.total_size() / 1e6
        if st.button(t("pack_download", lang, mb=f"{total:.0f}"), key="pack_download"):
            if problem := store.unwritable(store.cache_dir()):
                st.warning(t("cache_not_writable", lang, path=panel.md(store.cache_dir()),
                             error=panel.md(problem)))
                return
            bar = st.progress(0.0, text=t("pack_downloading", lang))
            try:
                geoboundaries.download_pack(ds, lambda got, size: bar.progress(min(got / size, 1.0)))
            except (download.DownloadError, boundaries.PackError, OSError) as exc:
                st.warning(t("pack_download_failed", lang, error=panel.md(exc)))
            else:
                cache.boundaries.clear()
                st.rerun()
        osm_button(ds, lang)


def osm_button(ds: Dataset, lang: str) -> None:
    """Issue 13: the bridges' real geometry from OpenStreetMap (Overpass) into the OSM pack."""
    st.caption(t("osm_howto", lang))
    if st.button(t("osm_download", lang), key="osm_download"):
        bar = st.progress(0.0, text=t("osm_downloading", lang))
        try:
            overpass.download_pack(osm_pack.matching_dataset(ds, cache.secrets()), lambda got, size:
                                   bar.progress(min(got / size, 1.0) if size else 0.5))
        except (download.DownloadError, osm_extract.OsmError, boundaries.PackError) as exc:
            st.warning(t("osm_download_failed", lang, error=panel.md(exc)))
        else:
            st.rerun()  # the pack's fingerprint changed: the map is rebuilt with it


def share_panel(params: dict[str, str], lang: str) -> None:
    """'Link to this view': the link (copyable in the code box) and a copy button."""
    link = urlstate.link(st.context.url, params)
    st.markdown(f"**{t('share_title', lang)}**")
    as_js = lambda v: json.dumps(v).replace("<", "\\u003c")  # noqa: E731 — safe in <script>
    st.iframe(string.Template(style.css("copy_button.html")).substitute(
        label=html.escape(t("share_copy", lang)), link=as_js(link),
        copied=as_js(t("share_copied", lang))), height=44)
    # Inline code, not st.code: a code block loads a 1.5 MB highlighter before the map can paint.
    st.markdown(f"`` {link} ``")
    st.caption(t("share_hint", lang))


def sources_panel(ds: Dataset, lang: str) -> None:
    """'Nguồn dữ liệu': every layer's source, licence, accuracy."""
    st.subheader(t("sources_title", lang))
    st.caption(t("sources_intro", lang))
    # The table scrolls inside its own box on a phone; every cell is escaped Markdown.
    table = panel.table_markdown(panel.sources_rows(ds, ds.catalogue, lang))
    st.markdown(f'<div class="lienket-table" style="overflow-x: auto">\n\n{table}\n\n</div>',
                unsafe_allow_html=True)
    st.caption(t("osm_attribution", lang))
