"""URL parameters: known values pass, anything else falls back to the default with a notice."""

from __future__ import annotations

from lienket.map import layers
from lienket.page import urlstate

BRIDGES = ["cau-trieu", "cau-dinh"]
ALL = layers.LAYERS


def parse(**params):
    return urlstate.parse(params, BRIDGES, ALL)


def test_no_parameters_give_the_defaults_silently():
    state = parse()
    assert (state.bridge, state.lang, state.era, state.layers) == (None, "vi", "2022", ALL)
    assert state.notices == ()


def test_known_values_pass():
    state = parse(bridge="cau-dinh", lang="en", era="2025", layers="bridges,provinces")
    assert (state.bridge, state.lang, state.era) == ("cau-dinh", "en", "2025")
    assert state.layers == ("provinces", "bridges")  # drawing order, whatever the link's order
    assert state.notices == ()


def test_harmless_variations_are_understood():
    state = parse(bridge=" Cau-Dinh ", lang="EN", era=["2025", "2025"], layers="bridges,,bridges,")
    assert (state.bridge, state.lang, state.era, state.layers) == ("cau-dinh", "en", "2025",
                                                                   ("bridges",))
    assert parse(bridge="cau%2Ddinh").bridge == "cau-dinh"  # encoded twice by a chat app
    assert state.notices == ()


def test_unknown_values_fall_back_with_a_notice():
    state = parse(bridge="cau-long-bien", lang="fr", era="1999")
    assert (state.bridge, state.lang, state.era) == (None, "vi", "2022")
    assert [(n.param, n.value, n.reason) for n in state.notices] == [
        ("bridge", "cau-long-bien", "unknown"), ("lang", "fr", "unknown"),
        ("era", "1999", "unknown")]


def test_repeated_with_different_values_is_ambiguous():
    state = parse(bridge=["cau-trieu", "cau-dinh"])
    assert state.bridge is None
    assert state.notices == (urlstate.Notice("bridge", "cau-trieu & cau-dinh", "repeated"),)


def test_over_long_values_are_refused_and_quoted_short():
    state = parse(bridge="cau-dinh" * 100)
    assert state.bridge is None and state.notices[0].reason == "too_long"
    assert len(state.notices[0].value) == urlstate.QUOTE_CHARS + 1


def test_oddly_encoded_values_are_refused_and_made_visible():
    for value, shown in [("cau\u200b-dinh", "cau\\u200b-dinh"), ("cau%00dinh", "cau%00dinh"),
                         ("cầu-dinh", "cầu-dinh"), ("ｃａｕ-dinh", "ｃａｕ-dinh")]:
        state = parse(bridge=value)
        assert state.bridge is None, value
        assert state.notices == (urlstate.Notice("bridge", shown, "odd"),), value


def test_layers_none_unknown_and_garbage():
    assert parse(layers="none").layers == ()
    state = parse(layers="provinces,volcanoes")
    assert state.layers == ("provinces",)
    assert state.notices == (urlstate.Notice("layers", "volcanoes", "unknown"),)
    garbage = parse(layers="<script>")
    assert garbage.layers == ALL and garbage.notices[0].reason == "unknown"


def test_to_params_writes_only_what_differs_from_the_defaults():
    assert urlstate.to_params(urlstate.UrlState(layers=ALL), ALL) == {}
    state = urlstate.UrlState("cau-dinh", "en", "2025", ("bridges",))
    assert urlstate.to_params(state, ALL) == {"bridge": "cau-dinh", "lang": "en", "era": "2025",
                                              "layers": "bridges"}
    assert urlstate.to_params(urlstate.UrlState(layers=()), ALL) == {"layers": "none"}
    again = urlstate.parse(urlstate.to_params(state, ALL), ["cau-dinh"], ALL)
    assert again == state  # a shared link reopens the same view


def test_place_is_validated_against_the_searchable_ids():
    ok = urlstate.parse({"place": "Yen-Tu"}, [], ALL, ["yen-tu", "cat-ba"])
    assert ok.place == "yen-tu" and ok.notices == ()
    bad = urlstate.parse({"place": "<b>x</b>"}, [], ALL, ["yen-tu"])
    assert bad.place is None and bad.notices[0].param == "place"
    assert urlstate.to_params(urlstate.UrlState(layers=ALL, place="cat-ba"), ALL) == {"place": "cat-ba"}


def test_link_replaces_the_query_of_the_page_address():
    params = {"bridge": "cau-dinh", "lang": "en"}
    assert urlstate.link("http://h:8501", params) == "http://h:8501/?bridge=cau-dinh&lang=en"
    assert urlstate.link("https://h/app/?bridge=x#top", params) == \
        "https://h/app/?bridge=cau-dinh&lang=en"
    assert urlstate.link(None, params) == "?bridge=cau-dinh&lang=en"
    assert urlstate.link("http://h/", {}) == "http://h/"
