"""Pure builders: validated GeoDataFrames -> folium FeatureGroups, one function per map layer.

Every text reaches the map through `display.display_frame`, which escapes it. Styles come from
`styles/cartography.toml` (`lienket.map.style`): the focus (bridges, their districts) is drawn strong,
the context (the 9-province ring, the tourism partners) quiet and underneath.
"""

from __future__ import annotations

import html
from typing import Any, Callable

import folium
import geopandas as gpd

from lienket.data import agreement, eras
from lienket.data.dataset import Dataset
from lienket.map import bridges, osm_context
from lienket.map.features import (
    add,
    display_frame,
    group,
    name_field,
    popup,
    province_field,
    text,
    tooltip,
)
from lienket.map.style import COLOURS, CONTEXT
from lienket.text.i18n import t

# folium embeds GeoJSON through its Jinja environment's `tojson`, with json.dumps' default ", " and
# ": " separators; compact ones are the same JSON, ~3 bytes a vertex smaller in the page. The
# policy is the environment's documented setting; set here, where every layer is built.
folium.GeoJson._template.environment.policies["json.dumps_kwargs"] = {
    "sort_keys": True, "separators": (",", ":")}

#: Layer ids in drawing order (bottom to top); the sidebar and LayerControl list them in this order.
LAYERS: tuple[str, ...] = ("provinces", "ring", "partners", "heritage", "districts", "tourism",
                           "osm", "bridges")  # issue 13: "osm", drawn only with an OSM pack

FOCUS_COLOURS: dict[str, str] = dict(COLOURS["focus"])
OTHER_FILL: str = COLOURS["other_fill"]
RING_COLOUR: str = COLOURS["ring"]
PARTNER_COLOUR: str = COLOURS["partner"]
BRIDGE_COLOUR: str = COLOURS["bridge"]
SELECTED_COLOUR: str = COLOURS["selected"]
DISTRICT_COLOUR: str = COLOURS["district"]
HERITAGE_COLOUR: str = COLOURS["heritage"]
TOURISM_COLOUR: str = COLOURS["tourism"]


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
        tip = tooltip(["name_shown", "code", "formed_from", "role"],
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
        tip = tooltip(["name_shown", "code", "role"], ["f_name", "f_code", "f_role"], lang)

    def style(feature: dict[str, Any]) -> dict[str, Any]:
        is_focus = feature["properties"]["fill"] != OTHER_FILL
        return {"fillColor": feature["properties"]["fill"], "color": "#6a6a6a",
                "weight": 1.4 if is_focus else 0.6,
                "fillOpacity": CONTEXT["focus_fill_opacity"] if is_focus
                else CONTEXT["other_fill_opacity"]}

    layer = group("provinces", lang)
    add(folium.GeoJson(frame, name="provinces", style_function=style,
                       highlight_function=lambda f: {"weight": 2.5, "color": "#222"},
                       tooltip=tip, popup=popup(lang)), layer)
    return layer


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
                          tooltip=tooltip(["name_shown", "status", "province"],
                                          ["f_name", "f_status", "f_province"], lang),
                          popup=popup(lang))


def districts(ds: Dataset, lang: str, era: str = eras.DEFAULT_ERA) -> folium.FeatureGroup:
    """District polygons (with a boundary pack) and the seats of every district a bridge connects."""
    layer = group("districts", lang)
    areas = district_areas(ds, lang, era)
    if areas is not None:
        add(areas, layer)
    province = province_field(ds, era, lang)
    frame = display_frame(ds.layer("districts"), lang, {
        "name_shown": name_field(lang),
        "status": lambda r: text(r.get("status_2022")),
        "province": lambda r: province(r.get("province")),
        "seat": lambda r: text(r.get("seat")),
    })
    add(folium.GeoJson(frame, name="districts",
                       marker=folium.CircleMarker(radius=4, color="#fff", weight=1.5, fill=True,
                                                  fill_color=DISTRICT_COLOUR, fill_opacity=0.9),
                       tooltip=tooltip(["name_shown", "status", "province", "seat"],
                                       ["f_name", "f_status", "f_province", "panel_seat"], lang),
                       popup=popup(lang)), layer)
    return layer


def heritage(ds: Dataset, lang: str, era: str = eras.DEFAULT_ERA) -> folium.FeatureGroup:
    """Heritage sites: polygons where an extent is published, points otherwise."""
    province = province_field(ds, era, lang)
    frame = display_frame(ds.layer("heritage"), lang, {
        "name_shown": name_field(lang),
        "unesco": lambda r: text(r.get("unesco")),
        "province": lambda r: province(r.get("province")),
    })
    layer = group("heritage", lang)
    add(folium.GeoJson(frame, name="heritage",
                       style_function=lambda f: {"color": HERITAGE_COLOUR, "weight": 1.5,
                                                 "opacity": 0.8, "fillColor": HERITAGE_COLOUR,
                                                 "fillOpacity": 0.08, "dashArray": "6 4"},
                       marker=folium.CircleMarker(radius=6, color="#fff", weight=2, fill=True,
                                                  fill_color=HERITAGE_COLOUR, fill_opacity=0.95),
                       tooltip=tooltip(["name_shown", "unesco", "province"],
                                       ["f_name", "f_unesco", "f_province"], lang),
                       popup=popup(lang)), layer)
    return layer


def tourism(ds: Dataset, lang: str, era: str = eras.DEFAULT_ERA) -> folium.FeatureGroup:
    """The tourism centres the agreement names (Cát Bà, Đồ Sơn, Hạ Long)."""
    province = province_field(ds, era, lang)
    frame = display_frame(ds.layer("tourism"), lang, {
        "name_shown": name_field(lang),
        "province": lambda r: province(r.get("province")),
    })
    layer = group("tourism", lang)
    add(folium.GeoJson(frame, name="tourism",
                       marker=folium.CircleMarker(radius=6, color="#fff", weight=2, fill=True,
                                                  fill_color=TOURISM_COLOUR, fill_opacity=0.95),
                       tooltip=tooltip(["name_shown", "province"], ["f_name", "f_province"], lang),
                       popup=popup(lang)), layer)
    return layer


def _role_shapes(ds: Dataset, role: str, lang: str, colour: str, label: str,
                 era: str = eras.DEFAULT_ERA) -> folium.GeoJson:
    """Outlines of the provinces that play a role; in 2025, the units now holding the 2022 members."""
    if era == "2025":
        frame = display_frame(eras.role_shapes(ds, role), lang, {
            "name_shown": name_field(lang),
            "became": lambda r: text([eras.became(ds, c, lang) for c in r["role_members"]]),
            "role": lambda r: html.escape(t(label, lang)),
        })
        tip = tooltip(["name_shown", "became", "role"], ["f_name", "f_became", "f_role"], lang)
    else:
        frame = display_frame(agreement.provinces_in(ds, role), lang, {
            "name_shown": name_field(lang),
            "role": lambda r: html.escape(t(label, lang)),
        })
        tip = tooltip(["name_shown", "role"], ["f_name", "f_role"], lang)
    return folium.GeoJson(frame, name=f"{role}-provinces",
                          style_function=lambda f: {"color": colour,
                                                    "weight": CONTEXT["role_weight"],
                                                    "opacity": CONTEXT["role_opacity"],
                                                    "fillColor": colour,
                                                    "fillOpacity": CONTEXT["role_fill_opacity"]},
                          tooltip=tip, popup=popup(lang))


def _schematic(line: Any, lang: str, fid: str, label: str, sources: list[str]) -> gpd.GeoDataFrame:
    """A derived schematic line as a one-feature frame with its provenance."""
    return gpd.GeoDataFrame([{"kind": "schematic", "id": fid, "name": label, "sources": sources,
                              "accuracy": t("schematic", lang), "geometry": line}],
                            geometry="geometry", crs="EPSG:4326")


def _context_line(colour: str, dash: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """Style of a schematic context line: thin, translucent, dashed."""
    return lambda f: {"color": colour, "weight": CONTEXT["line_weight"],
                      "opacity": CONTEXT["line_opacity"], "dashArray": dash}


def ring(ds: Dataset, lang: str, era: str = eras.DEFAULT_ERA) -> folium.FeatureGroup:
    """The 9 ring provinces outlined (in 2025: the units now holding them), and a closed line
    through their 2022 seats."""
    layer = group("ring", lang)
    add(_role_shapes(ds, "ring", lang, RING_COLOUR, "role_ring", era), layer)
    line, _order = agreement.ring_line(ds)
    if line is not None:
        sources = ds.agreement.get("sources", []) + ["province_seats.geojson"]
        label = t("role_ring_line", lang)
        if era == "2025":
            label += " — " + t("ring_spans_2025", lang, n=len(eras.role_successors(ds, "ring")))
        frame = display_frame(_schematic(line, lang, "ring-line", label, sources), lang,
                              {"name_shown": name_field(lang)})
        add(folium.GeoJson(frame, name="ring-line", style_function=_context_line(RING_COLOUR, "8 6"),
                           tooltip=tooltip(["name_shown"], ["f_name"], lang),
                           popup=popup(lang)), layer)
    return layer


def partners(ds: Dataset, lang: str, era: str = eras.DEFAULT_ERA) -> folium.FeatureGroup:
    """The 6 tourism partner provinces outlined, with schematic links from the signatories."""
    layer = group("partners", lang)
    add(_role_shapes(ds, "partners", lang, PARTNER_COLOUR, "role_partner", era), layer)
    links = agreement.partner_links(ds)
    if len(links):
        shown = (links["name"] if era != "2025"
                 else [eras.became(ds, c, lang) for c in links["province"]])
        links = links.assign(
            name=[t("role_partner_link", lang, name=n) for n in shown],
            sources=[ds.agreement.get("sources", []) + ["province_seats.geojson"]] * len(links),
            accuracy=t("schematic", lang))
        frame = display_frame(links, lang, {"name_shown": name_field(lang)})
        add(folium.GeoJson(frame, name="partner-links",
                           style_function=_context_line(PARTNER_COLOUR, "2 6"),
                           tooltip=tooltip(["name_shown"], ["f_name"], lang),
                           popup=popup(lang)), layer)
    return layer


BUILDERS: dict[str, Callable[[Dataset, str, str], folium.FeatureGroup]] = {
    "provinces": provinces, "ring": ring, "partners": partners, "heritage": heritage,
    "districts": districts, "tourism": tourism, "bridges": bridges.bridges,
    "osm": osm_context.context,  # issue 13: rivers, approach roads, ferries from an OSM pack
}


def available(ds: Dataset) -> list[str]:
    """The layers this dataset can show (issue 13: "osm" only with an OSM pack)."""
    return [layer for layer in LAYERS if layer != "osm" or layer in ds.layers]


def build(ds: Dataset, visible: list[str] | tuple[str, ...], lang: str,
          era: str = eras.DEFAULT_ERA) -> list[folium.FeatureGroup]:
    """FeatureGroups for the visible layers of an era, in drawing order."""
    return [BUILDERS[layer](ds, lang, era) for layer in LAYERS if layer in visible]
