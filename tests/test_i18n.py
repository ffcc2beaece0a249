"""UI strings: one file per language, the same keys and placeholders in each, loaded once."""

from __future__ import annotations

import tomllib

import pytest

from lienket.text import i18n


def _catalogue(lang: str) -> dict[str, str]:
    return tomllib.loads((i18n.LOCALES / f"{lang}.toml").read_text(encoding="utf-8"))


def test_every_language_file_is_a_language():
    assert i18n.LANGS[0] == "vi" and set(i18n.LANGS) == {p.stem for p in i18n.LOCALES.glob("*.toml")}
    assert {i18n.language_name(lang) for lang in i18n.LANGS} >= {"Tiếng Việt", "English"}


@pytest.mark.parametrize("lang", [lang for lang in i18n.LANGS if lang != "vi"])
def test_same_keys_and_placeholders_as_vietnamese(lang):
    vi, other = _catalogue("vi"), _catalogue(lang)
    assert sorted(set(vi) ^ set(other)) == [], "keys present in one language only"
    differ = {k: (i18n.placeholders(vi[k]), i18n.placeholders(other[k])) for k in vi
              if i18n.placeholders(vi[k]) != i18n.placeholders(other[k])}
    assert differ == {}


def test_every_string_is_text_and_formats():
    for lang in i18n.LANGS:
        for key, text in _catalogue(lang).items():
            assert isinstance(text, str) and text.strip(), (lang, key)
            assert i18n.t(key, lang, **{n: "x" for n in i18n.placeholders(text)})


def test_a_third_language_is_one_file(tmp_path, monkeypatch):
    for lang in ("vi", "en"):
        (tmp_path / f"{lang}.toml").write_text((i18n.LOCALES / f"{lang}.toml").read_text("utf-8"),
                                               encoding="utf-8")
    fr = (i18n.LOCALES / "en.toml").read_text("utf-8").replace('language_name = "English"',
                                                               'language_name = "Français"')
    (tmp_path / "fr.toml").write_text(fr, encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALES", tmp_path)
    assert set(i18n._load()) == {"vi", "en", "fr"}
