"""A session's state: the selection, language, era, layers and search mark, first from the link
(validated by `page.urlstate`), then from the widgets' callbacks."""

from __future__ import annotations

import streamlit as st

from lienket.data import eras
from lienket.data.dataset import Dataset
from lienket.map import layers, selection
from lienket.page import search, urlstate
from lienket.text import i18n
from lienket.text.i18n import t

ss = st.session_state


def init_state(ds: Dataset) -> None:
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


def bridge_labels(ds: Dataset, lang: str) -> dict[str, str]:
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
