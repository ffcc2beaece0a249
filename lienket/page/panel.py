"""Text of the detail panel and the sources table, as escaped Markdown (pure, testable)."""

from __future__ import annotations

import re
from typing import Any, Literal

from lienket.data import eras, schema
from lienket.data.dataset import Dataset
from lienket.data.validate import Problem
from lienket.map import selection
from lienket.page.urlstate import Notice
from lienket.text import i18n
from lienket.text.i18n import t

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&])")


def md(value: Any) -> str:
    """Markdown-escaped text: data never turns into links, images, HTML or formatting."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(md(v) for v in value)
    return _MD_SPECIAL.sub(r"\\\1", str(value))


def _localised(row: dict[str, Any], prop: str, lang: str) -> Any:
    """A property in the UI language when the data has it (`note_en`), else the Vietnamese one."""
    return row.get(f"{prop}_en") or row.get(prop) if lang == "en" else row.get(prop)


def _accuracy(value: Any, lang: str) -> str:
    """Accuracy in words."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return md(t("accuracy_metres", lang, value=f"{value:g}"))
    return md(value)


def fmt_number(value: Any, lang: str) -> str:
    """A number as the language writes it: 1.234,5 in Vietnamese, 1,234.5 in English."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = f"{value:,}"
    return text.translate(str.maketrans(",.", ".,")) if lang == "vi" else text


#: The agreement's timeline, in date order (i18n keys).
TIMELINE: tuple[str, ...] = ("timeline_signed", "timeline_ha_long", "timeline_merger",
                             "timeline_yen_tu")


def timeline_markdown(lang: str) -> str:
    """Signing, heritage inscriptions and the 2025 merger, as a dated list."""
    return "\n".join(f"- {t(key, lang)}" for key in TIMELINE)


#: Where the source article is wrong (i18n keys), in the agreement panel.
CORRECTIONS: tuple[str, ...] = ("correction_thuy_nguyen", "correction_bridges",
                                "correction_crosswise", "correction_dong_trieu_ok")


def agreement_markdown(lang: str) -> str:
    """The agreement panel as one Markdown text: when, where, principle, priorities, source,
    timeline and the article's corrections (the static site shows it; the app's expander
    says the same with the same keys)."""
    return "\n\n".join([
        t("agreement_signed", lang), t("agreement_principle", lang),
        f"**{t('agreement_priorities', lang)}**",
        "\n".join(f"{n}. {t(f'priority_{n}', lang)}" for n in range(1, 8)),
        f"_{t('agreement_source', lang)}_", f"**{t('timeline_title', lang)}**",
        timeline_markdown(lang), f"**{t('corrections_title', lang)}**",
        "\n".join(f"- {t(key, lang)}" for key in CORRECTIONS)])


def _bank_2025(ds: Dataset, end: dict[str, Any], lang: str) -> str:
    """'Thị xã Kinh Môn, Hải Dương (2022) → thuộc Thành phố Hải Phòng (từ 1/7/2025)'."""
    code = eras.code_of(ds, str(end.get("province") or ""))
    unit = eras.successor(ds, code) if code else None
    if unit is None:
        return f"**{md(end.get('district'))}**, {md(end.get('province'))}"
    return t("panel_bank_2025", lang, district=f"**{md(end.get('district'))}**",
             province=md(end.get("province")), unit=f"**{md(eras.full_name(unit, lang))}**")


def era_markdown(ds: Dataset, lang: str) -> str:
    """The 2025 view in words: the resolution, and what the ring and the partners became."""
    m = ds.mergers
    if not m:
        return ""
    lines = [f"**{md(t('era_title_2025', lang))}**", "",
             md(t("era_merger", lang, resolution=m.get("resolution"), date=m.get("date"),
                  effective=m.get("effective")))]
    for role, key in (("ring", "era_ring_2025"), ("partners", "era_partners_2025")):
        spans = eras.role_successors(ds, role)
        lines += ["", md(t(key, lang, n=len(spans))), ""]
        lines += [f"- {md(eras.became(ds, c, lang))}" for c in ds.agreement.get(role, [])]
    return "\n".join(lines)


def _river_line(ds: Dataset, bridge: dict[str, Any], lang: str) -> str:
    """Whether the map draws the bridge's river, and how far off that line is; or why not."""
    if bridge.get("river_line_missing"):
        return md(_localised(bridge, "river_line_note", lang))
    river = ds.feature("rivers", bridge.get("river_id")) if isinstance(bridge.get("river_id"), str) \
        else None
    if river is None:
        return ""
    return md(t("panel_river_drawn", lang, accuracy=str(river.get("accuracy") or "")))


def bridge_markdown(ds: Dataset, bridge_id: str, lang: str, era: str = eras.DEFAULT_ERA) -> str:
    """The detail panel for one bridge: river, the two districts it connects, facts, provenance."""
    bridge = ds.feature("bridges", bridge_id)
    if bridge is None:
        return ""
    unknown = f"_{md(t('panel_unknown', lang))}_"
    title = md(bridge.get("name"))
    if lang == "en" and bridge.get("name_en"):
        title += f" ({md(bridge['name_en'])})"
    lines = [f"### {title}", ""]
    if bridge.get("position") == "schematic":
        lines += [t("position_caveat", lang), ""]
    lines += [f"**{md(t('panel_river', lang))}:** {md(bridge.get('river'))}", ""]
    river_line = _river_line(ds, bridge, lang)
    if river_line:
        lines += [f"**{md(t('panel_river_line', lang))}:** {river_line}", ""]
    lines += [f"**{md(t('panel_connects', lang))}:**", ""]
    districts = selection.connected_districts(ds, bridge_id)
    by_name = {(d["name"], d["province"]): d for d in districts.to_dict("records")}
    for n, end in enumerate(bridge.get("connects") or [], start=1):
        district = by_name.get((end.get("district"), end.get("province")), {})
        detail = [md(end.get("province"))]
        if district.get("status_2022"):
            detail.append(f"{md(t('panel_status_2022', lang))}: {md(district['status_2022'])}")
        if end.get("commune"):
            detail.append(md(end["commune"]))
        if district.get("seat"):
            detail.append(f"{md(t('panel_seat', lang))}: {md(district['seat'])}")
        lines.append(f"- {md(t('panel_bank', lang, n=n))}: **{md(end.get('district'))}** — "
                     + " · ".join(detail))
        if era == "2025":
            lines.append(f"  - {_bank_2025(ds, end, lang)}")
    if era == "2025":
        lines += ["", f"_{md(t('panel_no_districts', lang))}_"]
    lines.append("")
    facts = [
        ("panel_length", bridge.get("length_m"), lambda v: md(t("metres", lang,
                                                                 value=fmt_number(v, lang)))),
        ("panel_cost", _localised(bridge, "cost", lang), md),
        ("panel_started", bridge.get("construction_start"), md),
        ("panel_opened", bridge.get("opened"), md),
    ]
    for key, value, fmt in facts:
        shown = fmt(value) if value not in (None, "") and value == value else unknown
        lines.append(f"- **{md(t(key, lang))}:** {shown}")
    lines += ["", f"**{md(t('panel_accuracy', lang))}:** {_accuracy(bridge.get('accuracy'), lang)}"]
    note = _localised(bridge, "note", lang)
    if note:
        lines += ["", f"**{md(t('panel_notes', lang))}:** {md(note)}"]
    lines += ["", f"**{md(t('panel_sources', lang))}:**", ""]
    lines += [f"- {md(s)}" for s in bridge.get("sources") or []]
    return "\n".join(lines + osm_markdown(bridge, lang))


def osm_markdown(bridge: dict[str, Any], lang: str) -> list[str]:
    """Issue 13: links to the bridge's OpenStreetMap way(s) and the ODbL credit, when drawn from OSM."""
    ways = bridge.get("osm_ways")
    if not isinstance(ways, list) or not ways:
        return []
    links = ", ".join(f"[openstreetmap.org/way/{int(w)}](https://www.openstreetmap.org/way/{int(w)})"
                      for w in ways)  # ids are integers: nothing from the data reaches the link text
    return ["", f"**{md(t('osm_panel_way', lang))}:** {links}", "",
            f"_{md(t('osm_credit', lang, date=bridge.get('osm_date')))}_"]


def sources_rows(ds: Dataset, catalogue: dict[str, dict[str, str]], lang: str) -> list[dict[str, str]]:
    """One row per shipped layer: source, licence, accuracy range and feature count."""
    rows = []
    for layer, meta in catalogue.items():
        gdf = ds.layer(layer)
        rows.append({
            t("col_layer", lang): t(f"layer_{layer}", lang) if i18n.has(f"layer_{layer}")
            else layer,
            t("col_source", lang): meta.get(f"source_{lang}") or meta.get("source", ""),
            t("col_licence", lang): meta.get("licence", ""),
            t("col_accuracy", lang): _accuracy_range(gdf.get("accuracy", []), lang),
            t("col_features", lang): str(len(gdf)),
        })
    return rows


def table_markdown(rows: list[dict[str, str]]) -> str:
    """Rows as a Markdown table, every cell escaped (a Markdown table costs the page no extra
    script, where st.dataframe loads ~1.4 MB of grid code before the map can paint)."""
    if not rows:
        return ""
    columns = list(rows[0])
    cell = lambda v: md(" ".join(str(v).split()))  # noqa: E731 — one line per row
    lines = ["| " + " | ".join(cell(c) for c in columns) + " |",
             "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(cell(row.get(c, "")) for c in columns) + " |" for row in rows]
    return "\n".join(lines)


def _accuracy_range(values: Any, lang: str) -> str:
    """'±30–500 m' over numeric accuracies, plus a note if some are approximate descriptions."""
    numbers = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
    texts = [v for v in values if isinstance(v, str)]
    parts = []
    if numbers:
        lo, hi = min(numbers), max(numbers)
        span = f"{lo:g}" if lo == hi else f"{lo:g}–{hi:g}"
        parts.append(t("accuracy_metres", lang, value=span))
    if texts:
        parts.append(texts[0] if len(set(texts)) == 1 else f"{texts[0]} (+{len(set(texts)) - 1})")
    return "; ".join(parts)


#: Problems listed per file before "… and N more": the rest are one `python -m lienket validate` away.
MAX_LISTED = 8


def problem_report(ds: Dataset, lang: str) -> list[tuple[Literal["error", "warning"], str]]:
    """One message per file with problems, as (level, Markdown): a dropped layer says so first."""
    layer_of = {filename: layer for layer, (filename, _kinds) in schema.FILES.items()}
    by_file: dict[str, list[Problem]] = {}
    for problem in ds.problems:
        by_file.setdefault(problem.file, []).append(problem)
    report: list[tuple[Literal["error", "warning"], str]] = []
    for file, problems in by_file.items():
        layer = layer_of.get(file)
        errors = any(p.level == "error" for p in problems)
        if layer and layer not in ds.layers:
            head = t("data_problem_layer", lang, layer=md(t(f"layer_{layer}", lang)), file=md(file))
        elif errors:
            head = t("data_problem_file", lang, file=md(file))
        else:
            head = t("data_problem_warning", lang, file=md(file))
        lines = [f"- {md(_located(p))}" for p in problems[:MAX_LISTED]]
        if len(problems) > MAX_LISTED:
            lines.append(f"- {md(t('data_problem_more', lang, n=len(problems) - MAX_LISTED))}")
        report.append(("error" if errors else "warning", "\n".join([head, "", *lines])))
    return report


def _located(problem: Problem) -> str:
    """'feature · property: message' (the file is in the heading)."""
    where = " · ".join(x for x in (problem.feature, problem.prop) if x)
    return f"{where}: {problem.message}" if where else problem.message


def url_notice(notice: Notice, lang: str) -> str:
    """A URL value that was not used, as gentle Markdown."""
    if notice.param == "bridge" and notice.reason == "unknown":
        return t("unknown_bridge", lang, value=md(notice.value))
    key = "url_unknown_layers" if notice.param == "layers" and notice.reason == "unknown" \
        else f"url_{notice.reason}"
    return t(key, lang, param=md(notice.param), value=md(notice.value))
