"""Every UI string, read from one TOML file per language in `lienket/text/locales/` (Vietnamese first).

Adding a language is adding one file, `locales/<code>.toml`, with the same keys and the same
`{placeholders}` as `vi.toml` (tests/test_i18n.py checks). Each file names its own language
(`language_name`) and number locale (`locale`).
"""

from __future__ import annotations

import string
import tomllib
from pathlib import Path

LOCALES = Path(__file__).resolve().parent / "locales"
DEFAULT_LANG = "vi"


def _load() -> dict[str, dict[str, str]]:
    """{lang: {key: text}} for every locale file, read once at import."""
    return {path.stem: tomllib.loads(path.read_text(encoding="utf-8"))
            for path in sorted(LOCALES.glob("*.toml"))}


CATALOGUES: dict[str, dict[str, str]] = _load()
#: Language codes, Vietnamese first, then the others in file-name order.
LANGS: tuple[str, ...] = (DEFAULT_LANG, *sorted(set(CATALOGUES) - {DEFAULT_LANG}))
#: {key: {lang: text}}: every key of the default language.
STRINGS: dict[str, dict[str, str]] = {
    key: {lang: CATALOGUES[lang].get(key, text) for lang in LANGS}
    for key, text in CATALOGUES[DEFAULT_LANG].items()}


def placeholders(text: str) -> set[str]:
    """The `{names}` a string is formatted with."""
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def has(key: str) -> bool:
    """Whether `key` is a UI string."""
    return key in STRINGS


def language_name(lang: str) -> str:
    """A language named in itself ('Tiếng Việt', 'English')."""
    return CATALOGUES[lang]["language_name"]


def t(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """The UI string `key` in `lang` (falling back to Vietnamese), formatted with `values`."""
    entry = STRINGS[key]
    text = entry.get(lang) or entry[DEFAULT_LANG]
    return text.format(**values) if values else text
