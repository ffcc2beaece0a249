"""The detail panel's text: districts, facts, provenance; data never becomes Markdown or HTML."""

import copy

from lienket.page import panel


def test_panel_names_both_districts_with_provinces(ds):
    text = panel.bridge_markdown(ds, "cau-quang-thanh", "vi")
    assert "Huyện Thanh Hà" in text and "Huyện An Lão" in text
    assert "Hải Dương" in text and "Hải Phòng" in text
    assert "sông Văn Úc" in text and "536 m" in text
    assert "**ước tính**" in text  # the position caveat: an estimate, and how far off


def test_panel_in_english_uses_english_notes(ds):
    text = panel.bridge_markdown(ds, "cau-may", "en")
    assert "May Bridge" in text and "Not a cross\\-province bridge" in text


def test_a_river_no_source_draws_is_said_to_be_missing(ds):
    assert "không có trong GSHHG" in panel.bridge_markdown(ds, "cau-may", "vi")
    assert "is not in GSHHG" in panel.bridge_markdown(ds, "cau-dong-mai", "en")


def test_unknown_facts_are_said_to_be_unknown(ds):
    assert "chưa xác định được" in panel.bridge_markdown(ds, "cau-may", "vi")


def test_numbers_follow_the_language():
    assert panel.fmt_number(369.8, "vi") == "369,8"
    assert panel.fmt_number(1234.5, "en") == "1,234.5"


def test_markdown_injection_is_neutralised(ds):
    hostile = copy.deepcopy(ds)
    bridges = hostile.layers["bridges"].copy()
    bridges.loc[0, "river"] = "[click](http://evil) ![x](http://evil/x.png) <b>x</b>"
    hostile.layers["bridges"] = bridges
    text = panel.bridge_markdown(hostile, "cau-trieu", "vi")
    assert "[click](http" not in text and "![x]" not in text and "<b>" not in text
