"""What the map shows of a feature: escaped display text, tooltips and popups, shared by every layer.

Folium renders tooltip and popup values as HTML, so every text that reaches the map goes through
`display_frame`, which escapes it.
"""

from __future__ import annotations

import html
import re
from typing import Any, Callable

import folium
import geopandas as gpd

from lienket.data import eras
from lienket.data.dataset import Dataset
from lienket.text.i18n import t


def text(value: Any) -> str:
    """Escaped display text for any property value (lists joined, missing shown as empty)."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(text(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{text(k)}: {text(v)}" for k, v in value.items())
    return html.escape(str(value))


#: Longest citation shown in a popup; full citations are in the panel and geodata/SOURCES.md.
POPUP_CITATION_CHARS = 100


def short_sources(sources: Any) -> list[str]:
    """Citations cut to what names the source (up to its first aside), for popups: every
    feature carries them, so full texts would multiply the page's size."""
    if not isinstance(sources, (list, tuple)):
        sources = [] if sources is None else [sources]
    out = []
    for source in sources:
        head = re.split(r" — | \(|; ", str(source), maxsplit=1)[0].strip()
        if len(head) > POPUP_CITATION_CHARS:
            head = head[:POPUP_CITATION_CHARS].rstrip() + "…"
        out.append(head)
    return out


def accuracy_text(value: Any, lang: str) -> str:
    """Accuracy in words: metres as '±N m', else the data's own (escaped) description."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return html.escape(t("accuracy_metres", lang, value=f"{value:g}"))
    return text(value)


def position_text(row: dict[str, Any], lang: str) -> str:
    """'schematic — ...' for features whose position is not established, else empty."""
    if row.get("position") != "schematic":
        return ""
    km = f"{(row.get('uncertainty_m') or 0) / 1000:g}"
    return html.escape(t("position_schematic", lang, km=km))


def connects_text(connects: Any, province: Callable[[Any], str] = text) -> str:
    """'District (Province) ↔ District (Province)'; `province` words the province for the era."""
    if not isinstance(connects, list):
        return ""
    return " ↔ ".join(f"{text(c.get('district'))} ({province(c.get('province'))})"
                      for c in connects if isinstance(c, dict))


def province_field(ds: Dataset, era: str, lang: str) -> Callable[[Any], str]:
    """Escaped province name(s) of a 2022 place; in 2025, with the unit each now lies in."""
    def make(value: Any) -> str:
        if era != "2025" or not isinstance(value, str):
            return text(value)
        shown = []
        for name in value.split("; "):  # heritage spanning two provinces lists both
            code = eras.code_of(ds, name)
            unit = eras.successor(ds, code) if code else None
            shown.append(f"{name} → {eras.full_name(unit, lang)}" if unit else name)
        return text("; ".join(shown))
    return make


def display_frame(gdf: gpd.GeoDataFrame, lang: str,
                  fields: dict[str, Callable[[dict[str, Any]], str]]) -> gpd.GeoDataFrame:
    """Only what the map shows: kind, id, geometry and escaped display fields."""
    rows = []
    for row in gdf.to_dict("records"):
        shown = {name: make(row) for name, make in fields.items()}
        shown["sources_text"] = text(short_sources(row.get("sources")))
        shown["accuracy_text"] = accuracy_text(row.get("accuracy"), lang)
        rows.append({"kind": text(row.get("kind")), "id": text(row.get("id")), **shown,
                     "geometry": row["geometry"]})
    columns = ["kind", "id", *fields, "sources_text", "accuracy_text", "geometry"]
    return gpd.GeoDataFrame(rows, columns=columns, geometry="geometry", crs="EPSG:4326")


def tooltip(fields: list[str], labels: list[str], lang: str, **kwargs: Any) -> folium.GeoJsonTooltip:
    """Tooltip over display fields with localised labels."""
    return folium.GeoJsonTooltip(fields=fields, aliases=[html.escape(t(k, lang)) for k in labels],
                                 localize=False, sticky=True, **kwargs)


def popup(lang: str) -> folium.GeoJsonPopup:
    """Popup with every feature's provenance: sources and accuracy."""
    return folium.GeoJsonPopup(fields=["sources_text", "accuracy_text"],
                               aliases=[t("f_sources", lang), t("f_accuracy", lang)],
                               max_width=360)


def add(shapes: folium.GeoJson, group: folium.FeatureGroup) -> None:
    """Add shapes to their group unless there are none: a layer whose file failed to load is
    empty, and folium refuses a tooltip over no features (the whole map would fail)."""
    if shapes.data.get("features"):
        shapes.add_to(group)


def group(layer: str, lang: str) -> folium.FeatureGroup:
    """An empty FeatureGroup named for the LayerControl."""
    return folium.FeatureGroup(name=t(f"layer_{layer}", lang), overlay=True, control=True)


def name_field(lang: str) -> Callable[[dict[str, Any]], str]:
    """Display name: Vietnamese, with the English name beside it in English."""
    def make(row: dict[str, Any]) -> str:
        name = text(row.get("name"))
        name_en = text(row.get("name_en"))
        return f"{name} ({name_en})" if lang == "en" and name_en and name_en != name else name
    return make
