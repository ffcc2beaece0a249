"""The static site's data, as JavaScript files the page loads on demand (from file:// too).

Built from the same pure code as the live app: `layers.build` over `layers.LAYERS` (so a new
layer appears here with no further work), `selection.highlight`, `legend`, `panel` and
`lienket.text.i18n`, each group's script made by `prerender` exactly as the app replays it, and the
offline basemap of `lienket.map.basemap`. Files:
one per (era, language) variant (its layers, legend and bridge panels), one per language (UI
text, highlights, agreement, sources) and the geometry, split out of the scripts and packed into
chunks (what both eras draw, then each era's own). A reader's first paint loads one variant.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from markdown_it import MarkdownIt

from lienket.data import eras
from lienket.data.dataset import Dataset
from lienket.map import basemap, highlight, layers, legend, selection, simplify, style
from lienket.map.base import PrerenderedGroup
from lienket.map.prerender import prerender
from lienket.page import panel, urlstate
from lienket.text import i18n
from lienket.text.i18n import t

#: What a geometry shared by every era is tagged with.
ALL_ERAS = "*"
#: CommonMark with raw HTML off: the panel's Markdown escapes data text, and any markup that
#: slipped through would still show as text.
_MARKDOWN = MarkdownIt("commonmark", {"html": False})
#: folium feeds each GeoJSON to its layer as `geo_json_<id>_add({...});`.
_ADD_CALL = re.compile(r"(\bgeo_json_\w+_add)\((?=\{)")
#: The parameter name the replayed scripts see their map as.
MAP_PARAM = PrerenderedGroup.MAP_SLOT
#: Keys of plain-text UI strings the page shows (set with textContent, never as HTML).
TEXT_KEYS: tuple[str, ...] = (
    "app_title", "language", "era_label", "bridge_select", "bridge_none", "layers",
    "agreement_title", "sources_title", "sources_intro", "osm_attribution", "unknown_bridge",
    "url_repeated", "url_too_long", "url_odd", "url_unknown", "url_unknown_layers",
    "site_click_hint", "site_loading", "site_load_failed", "site_panel")


def markdown_html(text: str) -> str:
    """Markdown (data already escaped by `panel.md`) as HTML, raw HTML shown literally."""
    return _MARKDOWN.render(text)


def js_json(value: Any) -> str:
    """JSON that is also safe inside HTML (`<`, `>` and `&` as escapes)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@dataclass
class GeometryStore:
    """Every geometry the scripts carry, once, with the eras that draw it."""

    index: dict[str, int] = field(default_factory=dict)
    values: list[Any] = field(default_factory=list)
    used_by: list[set[str]] = field(default_factory=list)

    def ref(self, geometry: Any, era: str) -> int:
        """The shared id of a geometry (added on first sight), drawn in `era` (or ALL_ERAS)."""
        key = json.dumps(geometry, sort_keys=True, separators=(",", ":"))
        if key not in self.index:
            self.index[key] = len(self.values)
            self.values.append(geometry)
            self.used_by.append(set())
        ref = self.index[key]
        self.used_by[ref] |= set(eras.ERAS) if era == ALL_ERAS else {era}
        return ref

    def chunks(self) -> dict[str, dict[str, Any]]:
        """{'common' or an era: {id: geometry}}: what both eras draw, then each era's own."""
        every = set(eras.ERAS)
        out: dict[str, dict[str, Any]] = {}
        for ref, (geometry, used) in enumerate(zip(self.values, self.used_by)):
            name = "common" if used >= every or len(used) != 1 else next(iter(used))
            out.setdefault(name, {})[str(ref)] = pack(geometry)
        return out


#: Coordinate nesting per geometry type: how many list levels wrap one line of positions.
_DEPTH = {"Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2, "Polygon": 2,
          "MultiPolygon": 3}
#: Most decimals a coordinate may have to be packed as integers (beyond: kept as it is).
MAX_DECIMALS = 7


def _decimals(value: float) -> int:
    """Decimals of a coordinate as JSON writes it (repr), or more than MAX_DECIMALS."""
    exponent = Decimal(repr(value)).as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def pack(geometry: dict[str, Any]) -> dict[str, Any]:
    """A geometry with each line of positions as integer deltas at its own decimals (`e`): the
    same numbers, exactly (the page divides by 10^e), in about half the bytes."""
    depth = _DEPTH.get(geometry.get("type"))
    coords = geometry.get("coordinates")
    if depth is None or coords is None:
        return geometry
    positions = [[coords]] if depth == 0 else [coords]  # lists of lines of positions
    for _ in range(max(depth - 1, 0)):
        positions = [line for group in positions for line in group]
    places = max((_decimals(v) for line in positions for p in line for v in p[:2]), default=0)
    if places > MAX_DECIMALS or any(len(p) != 2 for line in positions for p in line):
        return geometry

    def flat(line: list[list[float]]) -> list[int]:
        out, last = [], (0, 0)
        for x, y in line:
            ix, iy = (int(Decimal(repr(v)).scaleb(places)) for v in (x, y))
            out += [ix - last[0], iy - last[1]]
            last = (ix, iy)
        return out

    def walk(value: Any, level: int) -> Any:
        return flat(value) if level == 1 else [walk(v, level - 1) for v in value]

    packed = flat([coords]) if depth == 0 else walk(coords, depth)
    return {"type": geometry["type"], "e": places, "coordinates": packed}


def split_geometry(script: str, store: GeometryStore, era: str) -> str:
    """The script with each feature's geometry replaced by its id in `store` (`LK.geo` puts
    the shapes back in the browser)."""
    decoder = json.JSONDecoder()
    out, pos = [], 0
    for match in _ADD_CALL.finditer(script):
        if match.start() < pos:
            continue
        doc, end = decoder.raw_decode(script, match.end())
        doc.pop("bbox", None)  # Leaflet never reads a GeoJSON bbox: bytes for nothing
        for feature in doc.get("features", []):
            feature.pop("bbox", None)
            if feature.get("geometry") is not None:
                feature["geometry"] = store.ref(feature["geometry"], era)
        out += [script[pos:match.end()], "LK.geo(", js_json(doc), ")"]
        pos = end
    out.append(script[pos:])
    return "".join(out)


def _maker(group_script: str, group_name: str) -> str:
    """A JS function that runs a prerendered script on a map and returns its group."""
    return f"function ({MAP_PARAM}) {{\n{group_script}\nreturn {group_name};\n}}"


def bridge_options(ds: Dataset, lang: str) -> list[dict[str, str]]:
    """The bridges as the page's select box lists them: (id, plain-text label)."""
    out, seen = [], set()
    for row in ds.layer("bridges").to_dict("records"):
        label = str(row.get("name") or row.get("id"))
        if lang != i18n.DEFAULT_LANG and row.get(f"name_{lang}"):
            label += f" ({row[f'name_{lang}']})"
        out.append({"id": str(row["id"]), "label": label if label not in seen
                    else f"{label} ({row['id']})"})
        seen.add(label)
    return out


def legend_parts(ds: Dataset, lang: str, era: str) -> dict[str, Any]:
    """The legend as `legend.legend_html` composes it, in pieces the page joins for the visible
    layers: head, each layer's rows, the rows shown whatever is visible, the 'no layer' row and
    the tail (head + (rows + always, or empty) + tail)."""
    empty = f"<div>{html.escape(t('legend_empty', lang))}</div>"
    always_rows = legend.rows(ds, (), lang, era)
    always = "".join(always_rows)
    whole = legend.legend_html(ds, (), lang, era)
    head = whole[:whole.index("</summary>") + len("</summary>")]
    tail = whole[len(head):].removeprefix(always or empty)
    rows = {}
    for layer in layers.LAYERS:
        own = legend.rows(ds, [layer], lang, era)
        rows[layer] = "".join(own[:len(own) - len(always_rows)])
    return {"head": head, "rows": rows, "always": always, "empty": empty, "tail": tail}


def agreement_html(lang: str) -> str:
    """The agreement panel: when, where, principle, priorities, timeline, corrections."""
    return markdown_html(panel.agreement_markdown(lang))


def sources_html(ds: Dataset, lang: str) -> str:
    """'Nguồn dữ liệu' as an HTML table (every cell escaped)."""
    rows = panel.sources_rows(ds, ds.catalogue, lang)
    if not rows:
        return ""
    head = "".join(f"<th>{html.escape(c)}</th>" for c in rows[0])
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row.values())
                   + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def problems_html(ds: Dataset, lang: str) -> str:
    """Data problems, as the app lists them (one block per file)."""
    return "".join(f'<div class="lk-{level}">{markdown_html(text)}</div>'
                   for level, text in panel.problem_report(ds, lang))


def texts(lang: str) -> dict[str, str]:
    """Plain-text UI strings of the page, in `lang` (with each era's subtitle and name)."""
    out = {key: t(key, lang) for key in TEXT_KEYS}
    for era in eras.ERAS:
        out[f"subtitle_{era}"] = t("app_subtitle_2025" if era == "2025" else "app_subtitle", lang)
        out[f"era_{era}"] = t(f"era_{era}", lang)
    return out


def language_js(ds: Dataset, lang: str, store: GeometryStore) -> str:
    """What both eras of a language share: UI text, the bridge list, the agreement, the
    sources, data problems, each bridge's highlight (the same in both eras, as in the app) and
    the offline basemap."""
    highlights = []
    for bridge in selection.bridge_ids(ds):
        group = highlight.group(ds, bridge, lang)
        script = split_geometry(prerender(group), store, ALL_ERAS)
        highlights.append(f"{js_json(bridge)}:{_maker(script, group.get_name())}")
    offline = basemap.offline_group(ds, lang)
    script = split_geometry(prerender(offline), store, ALL_ERAS)
    content = {"lang": lang, "texts": texts(lang), "bridges": bridge_options(ds, lang),
               "agreement": agreement_html(lang), "sources": sources_html(ds, lang),
               "problems": problems_html(ds, lang)}
    background = (f"{{name:{js_json(offline.layer_name)},"
                  f"make:{_maker(script, offline.get_name())}}}")
    return (f"LK.language({js_json(lang)},{js_json(content)},{{{','.join(highlights)}}},"
            f"{background});\n")


def variant_js(ds: Dataset, era: str, lang: str, store: GeometryStore) -> str:
    """One variant's file: its layers (scripts and legend rows), the bridges' panels, the era."""
    layer_entries = []
    for layer, group in zip(layers.LAYERS, layers.build(ds, layers.LAYERS, lang, era)):
        script = split_geometry(prerender(group), store, era)
        layer_entries.append(f"{{id:{js_json(layer)},name:{js_json(group.layer_name)},"
                             f"make:{_maker(script, group.get_name())}}}")
    panels = {bridge: markdown_html(panel.bridge_markdown(ds, bridge, lang, era))
              for bridge in selection.bridge_ids(ds)}
    content = {
        "era": era, "lang": lang, "panels": panels, "legend": legend_parts(ds, lang, era),
        "era_html": markdown_html(panel.era_markdown(ds, lang)) if era == "2025" else "",
    }
    return (f"LK.variant({js_json(f'{era}-{lang}')},{js_json(content)},"
            f"[{','.join(layer_entries)}]);\n")


def geometry_js(table: dict[str, Any]) -> str:
    """A geometry chunk's file."""
    return f"LK.geoms({js_json(table)});\n"


def fingerprint(text: str) -> str:
    """Short content hash for file names: a new export never meets a stale cached file."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def bounds() -> list[list[float]]:
    """The view the map opens on, the app's (`styles/cartography.toml`), as Leaflet bounds."""
    minx, miny, maxx, maxy = style.VIEW["opening"]
    return [[float(miny), float(minx)], [float(maxy), float(maxx)]]


def page_config(ds: Dataset, files: dict[str, list[str]]) -> dict[str, Any]:
    """What index.html tells the page: files per variant, defaults, and the valid link values
    (the rules of `lienket.page.urlstate`)."""
    return {
        "files": files, "bounds": bounds(),
        "langs": [{"code": c, "name": i18n.language_name(c)} for c in i18n.LANGS],
        "eras": list(eras.ERAS) if "provinces_2025" in ds.layers else [eras.DEFAULT_ERA],
        "layers": list(layers.LAYERS), "bridges": selection.bridge_ids(ds),
        "defaults": {"lang": i18n.DEFAULT_LANG, "era": eras.DEFAULT_ERA},
        "rules": {"max_chars": urlstate.MAX_CHARS, "max_layers_chars": urlstate.MAX_LAYERS_CHARS,
                  "quote_chars": urlstate.QUOTE_CHARS, "no_layers": urlstate.NO_LAYERS},
        "load_failed": t("site_load_failed", i18n.DEFAULT_LANG),
        "zoom_snap": style.VIEW["zoom_snap"],
        "tiles": {"url": basemap.OSM_TILES, "attribution": basemap.OSM_ATTRIBUTION,
                  "names": {c: t("basemap_osm", c) for c in i18n.LANGS}},
    }


def data_files(ds: Dataset) -> tuple[dict[str, str], dict[str, Any]]:
    """({path under data/: text}, page config) for every era and language of `ds` (as stored:
    simplified here for the map, like the app's)."""
    shown = simplify.for_map(ds)
    store = GeometryStore()
    era_list = list(eras.ERAS) if "provinces_2025" in shown.layers else [eras.DEFAULT_ERA]
    variants = {(era, lang): variant_js(shown, era, lang, store)
                for era in era_list for lang in i18n.LANGS}
    out: dict[str, str] = {}
    language_files = {}
    for lang in i18n.LANGS:
        text = language_js(shown, lang, store)
        language_files[lang] = f"data/text-{lang}.{fingerprint(text)}.js"
        out[language_files[lang]] = text
    chunk_names: dict[str, str] = {}
    for name, table in store.chunks().items():
        text = geometry_js(table)
        chunk_names[name] = f"data/geo-{name}.{fingerprint(text)}.js"
        out[chunk_names[name]] = text
    files: dict[str, list[str]] = {}
    for (era, lang), text in variants.items():
        path = f"data/map-{era}-{lang}.{fingerprint(text)}.js"
        out[path] = text
        files[f"{era}-{lang}"] = [*(chunk_names[c] for c in ("common", era) if c in chunk_names),
                                  language_files[lang], path]
    return out, page_config(shown, files)

