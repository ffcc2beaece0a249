"""Pure builders: validated GeoDataFrames -> folium FeatureGroups, one function per map layer.

Folium renders tooltip and popup values as HTML, so every text that reaches a layer goes through
`display_frame`, which escapes it.
"""

from __future__ import annotations

import html
import re
from typing import Any, Callable

import folium
import geopandas as gpd

from lienket import agreement, eras
from lienket.data import Dataset
from lienket.i18n import t

# folium embeds GeoJSON through its Jinja environment's `tojson`, with json.dumps' default ", " and
# ": " separators; compact ones are the same JSON, ~3 bytes a vertex smaller in the page. The
# policy is the environment's documented setting; set here, where every layer is built.
folium.GeoJson._template.environment.policies["json.dumps_kwargs"] = {
    "sort_keys": True, "separators": (",", ":")}

#: Layer ids in drawing order (bottom to top); the sidebar and LayerControl list them in this order.
LAYERS: tuple[str, ...] = ("provinces", "ring", "partners", "heritage", "districts", "tourism",
                           "bridges")

FOCUS_COLOURS = {"30": "#e8a33d", "31": "#3d7ee8", "22": "#3fae6a"}
OTHER_FILL = "#d9d4c7"
RING_COLOUR = "#7b3fb5"
PARTNER_COLOUR = "#d9641c"
BRIDGE_COLOUR = "#c0182a"
SELECTED_COLOUR = "#ffd400"
DISTRICT_COLOUR = "#444444"
HERITAGE_COLOUR = "#0f8b8d"
TOURISM_COLOUR = "#e0407b"


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


def _tooltip(fields: list[str], labels: list[str], lang: str, **kwargs: Any) -> folium.GeoJsonTooltip:
    """Tooltip over display fields with localised labels."""
    return folium.GeoJsonTooltip(fields=fields, aliases=[html.escape(t(k, lang)) for k in labels],
                                 localize=False, sticky=True, **kwargs)


def _popup(lang: str) -> folium.GeoJsonPopup:
    """Popup with every feature's provenance: sources and accuracy."""
    return folium.GeoJsonPopup(fields=["sources_text", "accuracy_text"],
                               aliases=[t("f_sources", lang), t("f_accuracy", lang)],
                               max_width=360)


def _add(shapes: folium.GeoJson, group: folium.FeatureGroup) -> None:
    """Add shapes to their group unless there are none: a layer whose file failed to load is
    empty, and folium refuses a tooltip over no features (the whole map would fail)."""
    if shapes.data.get("features"):
        shapes.add_to(group)


def _group(layer: str, lang: str) -> folium.FeatureGroup:
    """An empty FeatureGroup named for the LayerControl."""
    return folium.FeatureGroup(name=t(f"layer_{layer}", lang), overlay=True, control=True)


def name_field(lang: str) -> Callable[[dict[str, Any]], str]:
    """Display name: Vietnamese, with the English name beside it in English."""
    def make(row: dict[str, Any]) -> str:
        name = text(row.get("name"))
        name_en = text(row.get("name_en"))
        return f"{name} ({name_en})" if lang == "en" and name_en and name_en != name else name
    return make


def _focus_2025(ds: Dataset, lang: str) -> tuple[dict[str, str], dict[str, str]]:
    """Role text and fill per 2025 unit holding a signatory (Hải Phòng now holds two of them)."""
    role, fill = {}, {}
    for code, members in eras.role_successors(ds, "focus").items():
        names = ", ".join(eras.name_2022(ds, m) for m in members)
        role[code] = t("role_focus_2025", lang, names=names)
        # The unit keeps the colour of the signatory whose code it carries (31 → Hải Phòng's blue).
        fill[code] = FOCUS_COLOURS.get(code) or FOCUS_COLOURS.get(members[0], OTHER_FILL)
    return role, fill


def provinces(ds: Dataset, lang: str, era: str = eras.DEFAULT_ERA) -> folium.FeatureGroup:
    """The era's provinces (63 pre-2025, or the 34 units of 1/7/2025); signatories filled."""
    if era == "2025":
        role, fills = _focus_2025(ds, lang)
        fields: dict[str, Callable[[dict[str, Any]], str]] = {
            "name_shown": name_field(lang),
            "code": lambda r: text(r.get("code")),
            "formed_from": lambda r: text(" + ".join(r.get("member_names") or [])
                                          if len(r.get("member_names") or []) > 1
                                          else t("unit_unchanged", lang)),
            "role": lambda r: html.escape(role.get(r.get("code"), "")),
            "fill": lambda r: fills.get(r.get("code"), OTHER_FILL),
        }
        frame = display_frame(eras.provinces(ds, era), lang, fields)
        tooltip = _tooltip(["name_shown", "code", "formed_from", "role"],
                           ["f_name", "f_code_2025", "f_formed_from", "f_role"], lang)
    else:
        focus = set(ds.agreement.get("focus", []))
        role = {c: t("role_focus", lang) for c in focus}
        frame = display_frame(ds.layer("provinces"), lang, {
            "name_shown": name_field(lang),
            "code": lambda r: text(r.get("code")),
            "role": lambda r: html.escape(role.get(r.get("code"), "")),
            "fill": lambda r: FOCUS_COLOURS.get(r.get("code"), OTHER_FILL),
        })
        tooltip = _tooltip(["name_shown", "code", "role"], ["f_name", "f_code", "f_role"], lang)

    def style(feature: dict[str, Any]) -> dict[str, Any]:
        is_focus = feature["properties"]["fill"] != OTHER_FILL
        return {"fillColor": feature["properties"]["fill"], "color": "#5a5a5a",
                "weight": 1.6 if is_focus else 0.7, "fillOpacity": 0.45 if is_focus else 0.25}

    group = _group("provinces", lang)
    _add(folium.GeoJson(frame, name="provinces", style_function=style,
                   highlight_function=lambda f: {"weight": 3, "color": "#222"},
                   tooltip=tooltip, popup=_popup(lang)), group)
    return group


def district_areas(ds: Dataset, lang: str, era: str = eras.DEFAULT_ERA) -> folium.GeoJson | None:
    """District polygons from a boundary pack, when one is in use (2022 units, as signed)."""
    areas = ds.layers.get("district_areas")
    if areas is None or areas.empty:
        return None
    province = province_field(ds, era, lang)
    frame = display_frame(areas, lang, {
        "name_shown": name_field(lang),
        "status": lambda r: text(r.get("status_2022")),
        "province": lambda r: province(r.get("province")),
    })
    return folium.GeoJson(frame, name="district-areas",
                          style_function=lambda f: {"color": DISTRICT_COLOUR, "weight": 0.8,
                                                    "opacity": 0.7, "fillOpacity": 0.0},
                          highlight_function=lambda f: {"weight": 2.5, "fillOpacity": 0.1},
                          tooltip=_tooltip(["name_shown", "status", "province"],
                                           ["f_name", "f_status", "f_province"], lang),
                          popup=_popup(lang))


def districts(ds: Dataset, lang: str, era: str = eras.DEFAULT_ERA) -> folium.FeatureGroup:
    """District polygons (with a boundary pack) and the seats of every district a bridge connects."""
    group = _group("districts", lang)
    areas = district_areas(ds, lang, era)
    if areas is not None:
        _add(areas, group)
    province = province_field(ds, era, lang)
    frame = display_frame(ds.layer("districts"), lang, {
        "name_shown": name_field(lang),
        "status": lambda r: text(r.get("status_2022")),
        "province": lambda r: province(r.get("province")),
        "seat": lambda r: text(r.get("seat")),
    })
    _add(folium.GeoJson(frame, name="districts",
                   marker=folium.CircleMarker(radius=5, color="#fff", weight=1.5, fill=True,
                                              fill_color=DISTRICT_COLOUR, fill_opacity=0.9),
                   tooltip=_tooltip(["name_shown", "status", "province", "seat"],
                                    ["f_name", "f_status", "f_province", "panel_seat"], lang),
                   popup=_popup(lang)), group)
    return group


def bridges(ds: Dataset, lang: str, era: str = eras.DEFAULT_ERA) -> folium.FeatureGroup:
    """The five bridges as thick, clickable lines across their rivers."""
    province = province_field(ds, era, lang)
    frame = display_frame(ds.layer("bridges"), lang, {
        "name_shown": name_field(lang),
        "river": lambda r: text(r.get("river")),
        "connects_text": lambda r: connects_text(r.get("connects"), province),
        "position_text": lambda r: position_text(r, lang),
    })
    group = _group("bridges", lang)
    _add(folium.GeoJson(frame, name="bridges",
                   style_function=lambda f: {"color": BRIDGE_COLOUR, "weight": 9, "opacity": 0.95,
                                             "lineCap": "round"},
                   highlight_function=lambda f: {"weight": 13},
                   marker=folium.CircleMarker(radius=6, color="#fff", weight=2, fill=True,
                                              fill_color=BRIDGE_COLOUR, fill_opacity=0.95),
                   tooltip=_tooltip(["name_shown", "river", "connects_text", "position_text"],
                                    ["f_name", "f_river", "f_connects", "f_position"], lang),
                   popup=_popup(lang)), group)
    return group


def heritage(ds: Dataset, lang: str, era: str = eras.DEFAULT_ERA) -> folium.FeatureGroup:
    """Heritage sites: polygons where an extent is published, points otherwise."""
    province = province_field(ds, era, lang)
    frame = display_frame(ds.layer("heritage"), lang, {
        "name_shown": name_field(lang),
        "unesco": lambda r: text(r.get("unesco")),
        "province": lambda r: province(r.get("province")),
    })
    group = _group("heritage", lang)
    _add(folium.GeoJson(frame, name="heritage",
                   style_function=lambda f: {"color": HERITAGE_COLOUR, "weight": 2,
                                             "fillColor": HERITAGE_COLOUR, "fillOpacity": 0.15,
                                             "dashArray": "6 4"},
                   marker=folium.CircleMarker(radius=7, color="#fff", weight=2, fill=True,
                                              fill_color=HERITAGE_COLOUR, fill_opacity=0.95),
                   tooltip=_tooltip(["name_shown", "unesco", "province"],
                                    ["f_name", "f_unesco", "f_province"], lang),
                   popup=_popup(lang)), group)
    return group


def tourism(ds: Dataset, lang: str, era: str = eras.DEFAULT_ERA) -> folium.FeatureGroup:
    """The tourism centres the agreement names (Cát Bà, Đồ Sơn, Hạ Long)."""
    province = province_field(ds, era, lang)
    frame = display_frame(ds.layer("tourism"), lang, {
        "name_shown": name_field(lang),
        "province": lambda r: province(r.get("province")),
    })
    group = _group("tourism", lang)
    _add(folium.GeoJson(frame, name="tourism",
                   marker=folium.CircleMarker(radius=8, color="#fff", weight=2, fill=True,
                                              fill_color=TOURISM_COLOUR, fill_opacity=0.95),
                   tooltip=_tooltip(["name_shown", "province"], ["f_name", "f_province"], lang),
                   popup=_popup(lang)), group)
    return group


def _role_shapes(ds: Dataset, role: str, lang: str, colour: str, label: str,
                 era: str = eras.DEFAULT_ERA) -> folium.GeoJson:
    """Outlines of the provinces that play a role; in 2025, the units now holding the 2022 members."""
    if era == "2025":
        frame = display_frame(eras.role_shapes(ds, role), lang, {
            "name_shown": name_field(lang),
            "became": lambda r: text([eras.became(ds, c, lang) for c in r["role_members"]]),
            "role": lambda r: html.escape(t(label, lang)),
        })
        tooltip = _tooltip(["name_shown", "became", "role"], ["f_name", "f_became", "f_role"], lang)
    else:
        frame = display_frame(agreement.provinces_in(ds, role), lang, {
            "name_shown": name_field(lang),
            "role": lambda r: html.escape(t(label, lang)),
        })
        tooltip = _tooltip(["name_shown", "role"], ["f_name", "f_role"], lang)
    return folium.GeoJson(frame, name=f"{role}-provinces",
                          style_function=lambda f: {"color": colour, "weight": 1.5,
                                                    "opacity": 0.8, "fillColor": colour,
                                                    "fillOpacity": 0.06},
                          tooltip=tooltip, popup=_popup(lang))


def _schematic(line: Any, lang: str, fid: str, label: str, sources: list[str]) -> gpd.GeoDataFrame:
    """A derived schematic line as a one-feature frame with its provenance."""
    return gpd.GeoDataFrame([{"kind": "schematic", "id": fid, "name": label, "sources": sources,
                              "accuracy": t("schematic", lang), "geometry": line}],
                            geometry="geometry", crs="EPSG:4326")


def ring(ds: Dataset, lang: str, era: str = eras.DEFAULT_ERA) -> folium.FeatureGroup:
    """The 9 ring provinces outlined (in 2025: the units now holding them), and a closed line
    through their 2022 seats."""
    group = _group("ring", lang)
    _add(_role_shapes(ds, "ring", lang, RING_COLOUR, "role_ring", era), group)
    line, _order = agreement.ring_line(ds)
    if line is not None:
        sources = ds.agreement.get("sources", []) + ["province_seats.geojson"]
        label = t("role_ring_line", lang)
        if era == "2025":
            label += " — " + t("ring_spans_2025", lang, n=len(eras.role_successors(ds, "ring")))
        frame = display_frame(_schematic(line, lang, "ring-line", label, sources), lang,
                              {"name_shown": name_field(lang)})
        _add(folium.GeoJson(frame, name="ring-line",
                       style_function=lambda f: {"color": RING_COLOUR, "weight": 3,
                                                 "dashArray": "8 6"},
                       tooltip=_tooltip(["name_shown"], ["f_name"], lang),
                       popup=_popup(lang)), group)
    return group


def partners(ds: Dataset, lang: str, era: str = eras.DEFAULT_ERA) -> folium.FeatureGroup:
    """The 6 tourism partner provinces outlined, with schematic links from the signatories."""
    group = _group("partners", lang)
    _add(_role_shapes(ds, "partners", lang, PARTNER_COLOUR, "role_partner", era), group)
    links = agreement.partner_links(ds)
    if len(links):
        shown = (links["name"] if era != "2025"
                 else [eras.became(ds, c, lang) for c in links["province"]])
        links = links.assign(
            name=[t("role_partner_link", lang, name=n) for n in shown],
            sources=[ds.agreement.get("sources", []) + ["province_seats.geojson"]] * len(links),
            accuracy=t("schematic", lang))
        frame = display_frame(links, lang, {"name_shown": name_field(lang)})
        _add(folium.GeoJson(frame, name="partner-links",
                       style_function=lambda f: {"color": PARTNER_COLOUR, "weight": 2,
                                                 "dashArray": "2 6"},
                       tooltip=_tooltip(["name_shown"], ["f_name"], lang),
                       popup=_popup(lang)), group)
    return group


BUILDERS: dict[str, Callable[[Dataset, str, str], folium.FeatureGroup]] = {
    "provinces": provinces, "ring": ring, "partners": partners, "heritage": heritage,
    "districts": districts, "tourism": tourism, "bridges": bridges,
}


def build(ds: Dataset, visible: list[str] | tuple[str, ...], lang: str,
          era: str = eras.DEFAULT_ERA) -> list[folium.FeatureGroup]:
    """FeatureGroups for the visible layers of an era, in drawing order."""
    return [BUILDERS[layer](ds, lang, era) for layer in LAYERS if layer in visible]
