"""The legend: rows for the visible layers of the era shown, in a dynamic map group.

st_folium redraws dynamic groups in place (removing the old ones with map.removeLayer), so the
legend is a Leaflet control that its group adds when the group joins the map and removes when the
group leaves it: it changes with the layers and the era without remounting the map.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import folium
from branca.element import MacroElement
from jinja2 import Template

from lienket.data import eras
from lienket.data.dataset import Dataset
from lienket.map import layers, osm_context, style
from lienket.text.i18n import t


class LegendControl(MacroElement):
    """A Leaflet control holding the legend's (already escaped) HTML, shown while its parent group
    is on the map; open by default except on narrow (phone) maps."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (group) {
            var control = L.control({position: {{ this.position|tojson }}});
            control.onAdd = function (map) {
                var div = L.DomUtil.create('div', 'lienket-legend');
                div.innerHTML = {{ this.html|tojson }};
                var details = div.querySelector('details');
                if (details && map.getSize().x < {{ this.fold_below }}) { details.removeAttribute('open'); }
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            group.on('add', function () { control.addTo(group._map); });
            group.on('remove', function () { control.remove(); });
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, html_text: str, position: str = "bottomright") -> None:
        super().__init__()
        self._name = "LegendControl"
        self.html = html_text
        self.position = position
        # Folded where it would cover the focus (the bridges sit mid-map on narrower maps).
        self.fold_below = style.VIEW["legend_min_map_px"]


def _row(css_class: str, colour: str, label: str) -> str:
    """One swatch and its (escaped) label."""
    style = f"border-color:{colour};" if css_class in ("line", "bridge") \
        else f"background:{colour};"
    return f'<div><i class="{css_class}" style="{style}"></i>{html.escape(label)}</div>'


def _province_rows(ds: Dataset, lang: str, era: str) -> list[str]:
    """Signatory fills of the era (three provinces in 2022; the units holding them in 2025)."""
    if era == "2025":
        units = eras.units(ds)
        rows = []
        for code, members in eras.role_successors(ds, "focus").items():
            colour = layers.FOCUS_COLOURS.get(code) or layers.FOCUS_COLOURS.get(members[0],
                                                                                layers.OTHER_FILL)
            name = eras.full_name(units[code], lang) if code in units else code
            rows.append(_row("box", colour, t("legend_unit_2025", lang, name=name)))
        return rows + [_row("box", layers.OTHER_FILL, t("legend_other_2025", lang))]
    return [*(_row("box", colour, t(f"province_{code}", lang))
              for code, colour in layers.FOCUS_COLOURS.items()),
            _row("box", layers.OTHER_FILL, t("legend_other", lang))]


def rows(ds: Dataset, visible: Sequence[str], lang: str, era: str) -> list[str]:
    """Legend rows, in layer order, for the visible layers only."""
    out: list[str] = []
    for layer in layers.LAYERS:
        if layer not in visible:
            continue
        if layer == "provinces":
            out += _province_rows(ds, lang, era)
        elif layer == "ring":
            out.append(_row("line", layers.RING_COLOUR, t("legend_ring", lang)))
        elif layer == "partners":
            out.append(_row("line", layers.PARTNER_COLOUR, t("legend_partner", lang)))
        elif layer == "heritage":
            out.append(_row("dot", layers.HERITAGE_COLOUR, t("legend_heritage", lang)))
        elif layer == "districts":
            if "district_areas" in ds.layers:
                out.append(_row("line", layers.DISTRICT_COLOUR, t("legend_district_area", lang)))
            out.append(_row("dot", layers.DISTRICT_COLOUR, t("legend_district", lang)))
        elif layer == "tourism":
            out.append(_row("dot", layers.TOURISM_COLOUR, t("legend_tourism", lang)))
        elif layer == "bridges":
            out.append(_row("bridge", layers.BRIDGE_COLOUR, t("legend_bridge", lang)))
        elif layer == "osm" and "osm" in ds.layers:  # only with an OSM pack
            out += [_row("line", osm_context.STYLES[kind]["color"], t(f"legend_osm_{kind}", lang))
                    for kind in ("river", "road", "ferry")]
    return out


def legend_html(ds: Dataset, visible: Sequence[str], lang: str, era: str) -> str:
    """The legend: title with the era, the visible layers' rows, selection and offline notes."""
    body = rows(ds, visible, lang, era) or [f"<div>{html.escape(t('legend_empty', lang))}</div>"]
    if "rivers" in ds.layers:  # the offline basemap's rivers, whatever layers are on
        body.append(_row("line", style.COLOURS["river"], t("legend_river", lang)))
    body += [_row("line", layers.SELECTED_COLOUR, t("legend_selected", lang)),
             f"<small>{html.escape(t('legend_offline', lang))}</small>"]
    title = html.escape(f"{t('legend_title', lang)} — {t(f'legend_era_{era}', lang)}")
    return f"<details open><summary><b>{title}</b></summary>{''.join(body)}</details>"


def group(ds: Dataset, visible: Sequence[str], lang: str,
          era: str = eras.DEFAULT_ERA) -> folium.FeatureGroup:
    """The dynamic group that shows the legend (not listed in the layer control)."""
    fg = folium.FeatureGroup(name=t("legend_title", lang), control=False)
    LegendControl(legend_html(ds, visible, lang, era)).add_to(fg)
    return fg
