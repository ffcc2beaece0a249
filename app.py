"""Liên kết vùng — the page: sidebar widgets, layout, session and URL state. Logic lives in lienket/."""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import os
import string
from pathlib import Path

import folium
import streamlit as st
from streamlit_folium import st_folium

from lienket import (cache, data, download, eras, export, geoboundaries, i18n, layers, legend,
                     mapview, osm, osm_pack, overpass, packs, panel, runtime, schema, search,
                     selection, site, staging, store, style, urlstate)
from lienket.i18n import t

HERE = Path(__file__).resolve().parent
#: Where the data is read from: the shipped geodata/, or another directory (tests use a copy).
GEODATA = Path(os.environ.get("LIENKET_GEODATA") or schema.GEODATA)
CORRECTIONS = panel.CORRECTIONS
ss = st.session_state


def init_state(ds: data.Dataset) -> None:
    """First run of a session: bridge, language, era and layers from the URL, validated."""
    if "url_notices" in ss:
        return
    places = [e.fid for era in eras.ERAS for e in search.cached_index(ds, era)]
    url = urlstate.parse({k: st.query_params.get_all(k) for k in st.query_params},
                         selection.bridge_ids(ds), layers.LAYERS, places)
    ss.bridge, ss.lang, ss.era, ss.url_notices = url.bridge, url.lang, url.era, url.notices
    ss.place, ss.place_token = url.place, 0
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
    ss.lang = {i18n.language_name(code): code for code in i18n.LANGS}[ss.lang_label]
    ss.url_notices = ()


def on_era() -> None:
    """The era radio changed: only the dynamic layers change, so view and selection stay."""
    ss.era = {t(f"era_{e}", ss.lang): e for e in eras.ERAS}[ss.era_label]


def on_search_hit(entry: search.Entry) -> None:
    """A search result was chosen: mark it and fly to it; a bridge also becomes the selection."""
    ss.place = entry.fid
    ss.place_token = ss.get("place_token", 0) + 1
    if entry.layer == "bridges":
        ss.bridge = entry.fid
    ss.url_notices = ()


def on_search_clear() -> None:
    """Remove the search mark (the bridge selection stays)."""
    ss.place = None
    ss.search_q = ""


def search_box(ds: data.Dataset, lang: str, era: str) -> None:
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


def sidebar(ds: data.Dataset) -> list[str]:
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


def show_problems(ds: data.Dataset, lang: str) -> None:
    """Data problems as messages, one per file, never a traceback; a broken file costs its layer."""
    for level, text in panel.problem_report(ds, lang):
        (st.error if level == "error" else st.warning)(text)


def map_view(ds: data.Dataset, key: tuple, visible: list[str], lang: str, era: str) -> bool:
    """The map; a click on a bridge selects it (True: rerun once the page is drawn)."""
    place = search.lookup(search.cached_index(ds, era), ss.get("place"))
    out = st_folium(
        mapview.base_map(tuple(style.VIEW["opening"]), lang, cache.minimap_outlines(ds, key),
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


def detail_panel(ds: data.Dataset, lang: str, era: str) -> None:
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
        total = geoboundaries.total_size() / 1e6
        if st.button(t("pack_download", lang, mb=f"{total:.0f}"), key="pack_download"):
            if problem := runtime.unwritable(store.cache_dir()):
                st.warning(t("cache_not_writable", lang, path=panel.md(store.cache_dir()),
                             error=panel.md(problem)))
                return
            bar = st.progress(0.0, text=t("pack_downloading", lang))
            try:
                geoboundaries.download_pack(ds, lambda got, size: bar.progress(min(got / size, 1.0)))
            except (download.DownloadError, packs.PackError, OSError) as exc:
                st.warning(t("pack_download_failed", lang, error=panel.md(exc)))
            else:
                cache.boundaries.clear()
                st.rerun()
        osm_button(ds, lang)


def osm_button(ds: data.Dataset, lang: str) -> None:
    """Issue 13: the bridges' real geometry from OpenStreetMap (Overpass) into the OSM pack."""
    st.caption(t("osm_howto", lang))
    if st.button(t("osm_download", lang), key="osm_download"):
        bar = st.progress(0.0, text=t("osm_downloading", lang))
        try:
            overpass.download_pack(osm_pack.matching_dataset(ds, cache.secrets()), lambda got, size:
                                   bar.progress(min(got / size, 1.0) if size else 0.5))
        except (download.DownloadError, osm.OsmError, packs.PackError) as exc:
            st.warning(t("osm_download_failed", lang, error=panel.md(exc)))
        else:
            st.rerun()  # the pack's fingerprint changed: the map is rebuilt with it


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


def export_panel(ds: data.Dataset, visible: list[str], lang: str, era: str) -> None:
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


def site_download(ds: data.Dataset, lang: str) -> None:
    """The static, embeddable site as a zip of the shipped data (built only when clicked)."""
    st.sidebar.download_button(t("site_download", lang), functools.partial(site.zip_bytes, ds),
                               file_name="lienket-site.zip", mime="application/zip", key="dl_site",
                               help=t("site_download_help", lang), on_click="ignore",
                               icon=":material/public:")


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


def sources_panel(ds: data.Dataset, lang: str) -> None:
    """'Nguồn dữ liệu': every layer's source, licence, accuracy."""
    st.subheader(t("sources_title", lang))
    st.caption(t("sources_intro", lang))
    # The table scrolls inside its own box on a phone; every cell is escaped Markdown.
    table = panel.table_markdown(panel.sources_rows(ds, ds.catalogue, lang))
    st.markdown(f'<div class="lienket-table" style="overflow-x: auto">\n\n{table}\n\n</div>',
                unsafe_allow_html=True)
    st.caption(t("osm_attribution", lang))


def main() -> None:
    """Compose the page."""
    st.set_page_config(page_title="Liên kết vùng", page_icon="🌉", layout="wide")
    assets_problem = cache.install_assets(str(HERE / "static"))
    files = cache.geodata_fingerprint(str(GEODATA))  # a file replaced meanwhile is read again
    shipped = cache.dataset(str(GEODATA), files)
    key = (str(GEODATA), files, cache.pack_fingerprint())  # what the map's data depends on
    ds, pack_info, pack_notes = cache.boundaries(shipped, key)
    init_state(ds)
    lang = ss.lang
    era = ss.era if "provinces_2025" in ds.layers else eras.DEFAULT_ERA
    st.html(f"<style>{style.css('page.css')}</style>")
    # The map comes first in the script, the sidebar after it (on a session's first run, not at
    # all): the map is what a reader waits for. Widget values are in the session state already.
    visible = [layer for layer in layers.available(ds)  # issue 13: "osm" only with an OSM pack
               if ss.get(f"layer_{layer}", False)]
    st.title(t("app_title", lang))
    st.caption(t("app_subtitle_2025" if era == "2025" else "app_subtitle", lang))
    show_problems(ds, lang)
    if assets_problem:
        st.error(t("assets_failed", lang, error=panel.md(assets_problem)))
    col_map, col_panel = st.columns([5, 2])
    with col_map:
        clicked = map_view(ds, key, visible, lang, era)
    if staging.map_only():  # the map paints first; the controls follow (lienket/staging.py)
        st.sidebar.caption(t("controls_loading", lang))
        staging.rest_later()
        return
    sidebar(ds)
    export_panel(ds, visible, lang, era)
    site_download(shipped, lang)
    params = urlstate.to_params(
        urlstate.UrlState(ss.bridge, lang, era, tuple(visible), ss.get("place")),
        layers.available(ds))  # issue 13: the default is every layer the data can show
    with col_panel:
        detail_panel(ds, lang, era)
        share_panel(params, lang)
        agreement_panel(lang)
    sources_panel(ds, lang)
    boundaries_panel(shipped, pack_info, pack_notes, lang)
    st.query_params.from_dict(params)
    if clicked:  # only now: a rerun counts as a finished run, and drops undrawn widgets' state
        st.rerun()


main()
