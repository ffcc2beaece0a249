"""Find any feature of the dashboard by name, with or without Vietnamese diacritics, offline.

The index covers the provinces of the era shown, district seats and (with a boundary pack)
district areas, bridges, heritage sites and tourism centres. Matching folds both the query and
the names with `names.fold` ("cau trieu" finds "Cầu Triều"; "Thuỷ"/"Thủy" alike) and also
compares them without spaces and unit prefixes (`names.key`: "kinhmon" finds "Thị xã Kinh Môn").
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import folium
from branca.element import MacroElement
from jinja2 import Template

from lienket.data import eras, names
from lienket.data.dataset import Dataset
from lienket.map import features, layers
from lienket.text.i18n import t

#: Layers searched, in the order results of equal rank are listed.
SEARCHED: tuple[str, ...] = ("bridges", "provinces", "districts", "district_areas", "heritage",
                             "tourism")
KINDS = {"bridges": "bridge", "provinces": "province", "districts": "district",
         "district_areas": "district_area", "heritage": "heritage", "tourism": "tourism"}
#: Results listed at most (more: the user types more of the name).
LIMIT = 8
#: Queries shorter than this (folded) match nothing: one letter would list everything.
MIN_CHARS = 2


@dataclass(frozen=True)
class Entry:
    """One searchable feature: its layer, id, names and the folded forms matched against."""

    layer: str
    fid: str
    name: str
    name_en: str
    kind: str
    folded: tuple[str, ...]
    keys: tuple[str, ...]

    def label(self, lang: str) -> str:
        """What the result list shows: 'Cầu Triều — cầu liên kết'."""
        name = f"{self.name} ({self.name_en})" if lang == "en" and self.name_en \
            and self.name_en != self.name else self.name
        return f"{name} — {t(f'search_kind_{self.kind}', lang)}"


def _frame_layer(layer: str, era: str) -> str:
    """The dataset layer behind a searched layer (provinces follow the era)."""
    return "provinces_2025" if layer == "provinces" and era == "2025" else layer


def index(ds: Dataset, era: str = eras.DEFAULT_ERA) -> list[Entry]:
    """Every named feature of the searched layers, for the era shown."""
    entries = []
    for layer in SEARCHED:
        frame = ds.layers.get(_frame_layer(layer, era))
        if frame is None or not len(frame):
            continue
        kind = "province_2025" if layer == "provinces" and era == "2025" else KINDS[layer]
        for row in frame.to_dict("records"):
            name, name_en, fid = row.get("name"), row.get("name_en"), row.get("id")
            if not isinstance(name, str) or not name or not isinstance(fid, str) or not fid:
                continue
            name_en = name_en if isinstance(name_en, str) else ""
            spelled = [n for n in (name, name_en) if n]
            entries.append(Entry(_frame_layer(layer, era), fid, name, name_en, kind,
                                 tuple(names.fold(n) for n in spelled),
                                 tuple(names.key(n) for n in spelled)))
    return entries


_CACHE: dict[tuple[int, str], tuple[Dataset, list[Entry]]] = {}
#: Datasets whose index is kept (the app has one per boundary pack in use).
_CACHE_SIZE = 8


def cached_index(ds: Dataset, era: str = eras.DEFAULT_ERA) -> list[Entry]:
    """`index`, built once per dataset and era (a page run asks for it several times). The entry
    holds the dataset itself, so a recycled id() can never return another dataset's index."""
    hit = _CACHE.get((id(ds), era))
    if hit is None or hit[0] is not ds:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.clear()
        hit = _CACHE[(id(ds), era)] = (ds, index(ds, era))
    return hit[1]


def _rank(entry: Entry, query: str, compact: str) -> int | None:
    """0 exact, 1 starts with, 2 a word starts with, 3 contains, 4 contains ignoring spaces and
    unit prefixes; None when it does not match."""
    best = None
    for folded in entry.folded:
        if folded == query:
            rank = 0
        elif folded.startswith(query):
            rank = 1
        elif f" {query}" in f" {folded}":
            rank = 2
        elif query in folded:
            rank = 3
        else:
            continue
        best = rank if best is None else min(best, rank)
    if best is None and compact and any(compact in k or compact in f.replace(" ", "")
                                        for k, f in zip(entry.keys, entry.folded)):
        best = 4
    return best


def find(entries: list[Entry], query: str) -> list[Entry]:
    """Entries matching `query`, best first (then in index order)."""
    folded = names.fold(query or "")
    if len(folded.replace(" ", "")) < MIN_CHARS:
        return []
    compact = folded.replace(" ", "").replace(".", "")
    ranked = [(rank, n, e) for n, e in enumerate(entries)
              if (rank := _rank(e, folded, compact)) is not None]
    return [e for _rank_, _n, e in sorted(ranked, key=lambda x: (x[0], x[1]))]


def lookup(entries: list[Entry], fid: str | None) -> Entry | None:
    """The entry with this id (ids are unique across the project), or None."""
    return next((e for e in entries if e.fid == fid), None) if fid else None


class FlyTo(MacroElement):
    """Move the map to its parent layer once per search choice (`token`), not on every redraw.

    The dynamic groups are redrawn whenever a layer is toggled; the token remembered in the map's
    window keeps a later redraw from pulling the user's view back. Deferred: the group joins the
    map after its script runs. Not animated: an animation can be overtaken by the next redraw.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (layer) {
            var fly = function (map) {
                if (window.lienketFlownTo === {{ this.token|tojson }}) { return; }
                window.lienketFlownTo = {{ this.token|tojson }};
                map._lkViewSet = true;  // the opening frame no longer applies
                var bounds = layer.getBounds();
                if (!bounds.isValid()) { return; }
                if (bounds.getNorthEast().equals(bounds.getSouthWest())) {
                    map.setView(bounds.getCenter(), Math.max(map.getZoom(), 12), {animate: false});
                } else {
                    map.fitBounds(bounds.pad(0.2), {maxZoom: 13, animate: false});
                }
            };
            setTimeout(function () {
                var map = layer._map;
                if (!map) { return; }
                // A zoom still animating (the minimap syncing the new map) would end on its own
                // target and undo the move: move once it has ended.
                if (map._animatingZoom) {
                    map.once('zoomend', function () { setTimeout(function () { fly(map); }, 0); });
                } else {
                    fly(map);
                }
            }, 0);
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, token: str) -> None:
        super().__init__()
        self._name = "FlyTo"
        self.token = token


def target_group(ds: Dataset, entry: Entry | None, lang: str, token: str) -> folium.FeatureGroup:
    """The place found: outlined or ringed in the selection colour, labelled, and flown to."""
    group = folium.FeatureGroup(name=t("legend_search", lang), control=False)
    if entry is None:
        return group
    frame = ds.layer(entry.layer)
    hit = frame[frame["id"] == entry.fid]
    if hit.empty:
        return group
    shown = features.display_frame(hit, lang, {"name_shown": lambda r: html.escape(entry.label(lang))})
    shape = folium.GeoJson(
        shown, name="search-target",
        style_function=lambda f: {"color": "#111", "weight": 3, "dashArray": "4 4",
                                  "fillColor": layers.SELECTED_COLOUR, "fillOpacity": 0.2},
        marker=folium.CircleMarker(radius=14, color="#111", weight=3, fill=True,
                                   fill_color=layers.SELECTED_COLOUR, fill_opacity=0.5),
        tooltip=folium.GeoJsonTooltip(fields=["name_shown"], labels=False, permanent=True,
                                      direction="top"))
    FlyTo(token).add_to(shape)
    shape.add_to(group)
    return group
