"""The page's URL parameters: parsed against known values, with a gentle notice for anything else.

Known parameters: `bridge` (a bridge id from the data), `lang` (vi/en), `era` (2022/2025),
`layers` (comma-separated layer ids, e.g. `?layers=provinces,bridges`; `none` for no layer;
absent for all) and `place` (the id of a feature found by search). Links are shared and tampered with: a value that is unknown, repeated with
different values, over-long or oddly encoded falls back to the default and yields a `Notice`.
Pure: no Streamlit here.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import unquote, urlencode

from lienket.text import i18n

ERAS: tuple[str, ...] = ("2022", "2025")
#: The agreement was signed in 2022: its map shows the 2022 units unless a link says otherwise.
DEFAULT_ERA = "2022"
#: `?layers=none`: every layer off (an empty value means "not given", as browsers drop it).
NO_LAYERS = "none"
#: Longest value taken seriously; anything longer is garbage (a real id is under 30 characters).
MAX_CHARS = 64
#: `layers` lists several ids.
MAX_LAYERS_CHARS = 200
#: Longest piece of a rejected value quoted back to the user.
QUOTE_CHARS = 40

Reason = Literal["unknown", "repeated", "too_long", "odd"]


@dataclass(frozen=True)
class Notice:
    """A URL value that was not used: which parameter, what it said (made safe), and why."""

    param: str
    value: str
    reason: Reason


@dataclass(frozen=True)
class UrlState:
    """What the URL asks for, every value known-good."""

    bridge: str | None = None
    lang: str = i18n.DEFAULT_LANG
    era: str = DEFAULT_ERA
    layers: tuple[str, ...] = ()
    place: str | None = None
    notices: tuple[Notice, ...] = field(default_factory=tuple)


def shown(value: str) -> str:
    """A rejected value as it may be quoted back: invisible characters spelled out, cut short."""
    safe = "".join(c if c.isprintable() and unicodedata.category(c) != "Cf"
                   else f"\\u{ord(c):04x}" for c in value)
    return safe if len(safe) <= QUOTE_CHARS else safe[:QUOTE_CHARS] + "…"


def _values(params: Mapping[str, str | Sequence[str]], name: str) -> list[str]:
    """Every value the URL gives a parameter (a repeated parameter gives several)."""
    raw = params.get(name)
    if raw is None:
        return []
    return [raw] if isinstance(raw, str) else [str(v) for v in raw]


def _single(params: Mapping[str, str | Sequence[str]], name: str,
            max_chars: int) -> tuple[str | None, Notice | None]:
    """One parameter's cleaned value (stripped, lower-case, decoded), or why it was refused."""
    values = _values(params, name)
    if not values:
        return None, None
    if len(set(values)) > 1:
        return None, Notice(name, shown(" & ".join(values)), "repeated")
    value = values[0]
    if len(value) > max_chars:
        return None, Notice(name, shown(value), "too_long")
    cleaned = value.strip().lower()
    if "%" in cleaned:  # a link encoded twice by a chat app or a redirect: decode the second layer
        cleaned = unquote(cleaned).strip()
    if not cleaned:
        return None, None
    if not (cleaned.isascii() and cleaned.isprintable()):
        return None, Notice(name, shown(value), "odd")
    return cleaned, None


def _choice(params: Mapping[str, str | Sequence[str]], name: str,
            known: Sequence[str]) -> tuple[str | None, Notice | None]:
    """A parameter that must be one of `known`."""
    value, notice = _single(params, name, MAX_CHARS)
    if value is None or value in known:
        return value, notice
    return None, Notice(name, shown(value), "unknown")


def _layers(params: Mapping[str, str | Sequence[str]],
            known: Sequence[str]) -> tuple[tuple[str, ...], Notice | None]:
    """`layers=a,b`: the known ids in drawing order; unknown ids are reported and ignored."""
    value, notice = _single(params, "layers", MAX_LAYERS_CHARS)
    if value is None:
        return tuple(known), notice
    if value == NO_LAYERS:
        return (), None
    asked = [part.strip() for part in value.split(",") if part.strip()]
    unknown = [a for a in asked if a not in known]
    chosen = tuple(layer for layer in known if layer in asked)
    if unknown and not chosen:  # nothing usable: show everything rather than an empty map
        return tuple(known), Notice("layers", shown(",".join(unknown)), "unknown")
    return chosen, Notice("layers", shown(",".join(unknown)), "unknown") if unknown else None


def parse(params: Mapping[str, str | Sequence[str]], bridges: Sequence[str],
          layers: Sequence[str], places: Sequence[str] = ()) -> UrlState:
    """The URL's parameters -> known-good state, plus a notice per value that was not used.

    `places` are the ids search can find (any era: the era is read from the same link).
    """
    bridge, n_bridge = _choice(params, "bridge", bridges)
    lang, n_lang = _choice(params, "lang", i18n.LANGS)
    era, n_era = _choice(params, "era", ERAS)
    visible, n_layers = _layers(params, layers)
    place, n_place = _choice(params, "place", [p.lower() for p in places])
    place = next((p for p in places if p.lower() == place), None) if place else None
    notices = tuple(n for n in (n_bridge, n_lang, n_era, n_layers, n_place) if n)
    return UrlState(bridge, lang or i18n.DEFAULT_LANG, era or DEFAULT_ERA, visible, place,
                    notices)


def to_params(state: UrlState, all_layers: Sequence[str]) -> dict[str, str]:
    """The shortest URL parameters that say `state` (defaults are left out)."""
    params = {}
    if state.bridge:
        params["bridge"] = state.bridge
    if state.lang != i18n.DEFAULT_LANG:
        params["lang"] = state.lang
    if state.era != DEFAULT_ERA:
        params["era"] = state.era
    if set(state.layers) != set(all_layers):
        params["layers"] = ",".join(state.layers) if state.layers else NO_LAYERS
    if state.place:
        params["place"] = state.place
    return params


def link(base_url: str | None, params: Mapping[str, str]) -> str:
    """The page's address with `params` as its query (any query or fragment of `base_url` is
    replaced); a relative '?…' link when the base is unknown."""
    base = (base_url or "").split("#", 1)[0].split("?", 1)[0]
    if base.count("/") == 2:  # 'http://host:port': the page is the root
        base += "/"
    query = urlencode(dict(params))
    return f"{base}?{query}" if query else (base or "?")
