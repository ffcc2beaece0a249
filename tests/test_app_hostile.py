"""The page under hostile input, run by AppTest: tampered links and script in every data text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lienket.data import dataset
from lienket.map import layers
from tests.apptest import open_page
from tests.corpus import CASES, PAYLOAD, copy_geodata
from tests.test_app import sources_table

APP = str(Path(__file__).resolve().parents[1] / "app.py")
SHOWN = layers.available(dataset.load())  # issue 13: the "osm" layer only with an OSM pack
CHECKBOXES = [f"layer_{layer}" for layer in SHOWN]


def run(params: dict) -> AppTest:
    return open_page(APP, params)


def visible_layers(at: AppTest) -> list[str]:
    return [key.removeprefix("layer_") for key in CHECKBOXES if at.checkbox(key=key).value]


def infos(at: AppTest) -> str:
    return "\n".join(re.sub(r"\\(.)", r"\1", i.value) for i in at.info)


@pytest.mark.parametrize("params, notice", [
    ({"bridge": "<script>alert(1)</script>"}, "Không tìm thấy cầu có mã “<script>alert(1)</script>”"),
    ({"bridge": ["cau-dinh", "cau-may"]}, "nhiều giá trị khác nhau cho “bridge” (“cau-dinh & cau-may”)"),
    ({"bridge": "cau-dinh" * 40}, "“bridge” trong liên kết quá dài"),
    ({"bridge": "cau\u200b-dinh"}, "“bridge” trong liên kết có ký tự lạ (“cau\\u200b-dinh”)"),
    # Streamlit has decoded the link once; what is left is a second layer of encoding.
    ({"bridge": "%3Cimg%20src%3Dx%3E"}, "Không tìm thấy cầu có mã “<img src=x>”"),
    ({"lang": "fr"}, "“lang” = “fr” không hợp lệ"),
    ({"era": "1999"}, "“era” = “1999” không hợp lệ"),
    ({"layers": "<img src=x onerror=alert(1)>"}, "lớp không có: “<img src=x onerror=alert(1)>”"),
], ids=["script", "repeated", "over-long", "zero-width", "double-encoded", "lang", "era",
        "layers"])
def test_bad_link_gets_a_gentle_message_and_the_default(params, notice):
    at = run(params)
    assert not at.exception and not at.error
    assert notice in infos(at)
    assert at.selectbox(key="bridge_select").value == "— Không chọn —"
    assert at.title[0].value.startswith("Liên kết vùng")
    assert visible_layers(at) == SHOWN
    assert at.session_state["era"] == "2022"
    assert at.query_params == {}  # the link is tidied to the defaults


def test_good_link_sets_bridge_language_era_and_layers():
    at = run({"bridge": "cau-dinh", "lang": "en", "era": "2025", "layers": "provinces,bridges"})
    assert not at.exception and not at.info
    assert at.title[0].value.startswith("Regional linkage")
    assert at.selectbox(key="bridge_select").value == "Cầu Dinh"
    assert at.session_state["era"] == "2025"
    assert visible_layers(at) == ["provinces", "bridges"]
    groups = json.loads(at.get("component_instance")[0].proto.json_args)["feature_group"]
    assert '"id":"cau-dinh"' in groups and '"id":"yen-tu"' not in groups
    assert at.query_params == {"bridge": "cau-dinh", "lang": "en", "era": "2025",
                               "layers": "provinces,bridges"}


def test_link_encoded_twice_still_selects_its_bridge():
    at = run({"bridge": "cau%2Ddinh"})
    assert not at.info and at.selectbox(key="bridge_select").value == "Cầu Dinh"


def test_layer_link_is_kept_in_step_with_the_checkboxes():
    at = run({"layers": "provinces,volcanoes"})
    assert "“volcanoes”" in infos(at) and visible_layers(at) == ["provinces"]
    at.checkbox(key="layer_bridges").check().run()
    assert at.query_params["layers"] == "provinces,bridges"
    at = run({"layers": "none"})
    assert visible_layers(at) == [] and not at.exception


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory) -> AppTest:
    """The app on data with script in every text property, the detail panel open."""
    directory = copy_geodata(tmp_path_factory.mktemp("hostile") / "geodata")
    next(c for c in CASES if c.name == "html_in_every_text_property").make(directory)
    mp = pytest.MonkeyPatch()
    mp.setenv("LIENKET_GEODATA", str(directory))
    try:
        yield run({"bridge": "cau-dinh"})
    finally:
        mp.undo()


def test_script_in_data_never_reaches_the_map_as_html(hostile_app):
    at = hostile_app
    assert not at.exception
    args = json.loads(at.get("component_instance")[0].proto.json_args)
    page_script = "\n".join(str(v) for v in args.values())
    for raw in ("<img src=x", "<script>alert", "onerror=alert(1)>"):
        assert raw not in page_script
    # Tooltips, popups and the permanent labels of the selected bridge's districts all carry the
    # escaped text, which the browser shows literally (folium writes "&" as \u0026).
    escaped = "\\u0026lt;img src=x onerror=alert(1)\\u0026gt;"
    groups = args["feature_group"]
    assert groups.count(escaped) > 100
    assert '"name_shown":"Cầu Dinh' in groups  # the bridge is drawn (its name written as itself)
    assert "lienket-legend" in groups  # the legend (a dynamic group) is part of the checked text


def test_script_in_data_shows_as_text_in_panel_sources_and_messages(hostile_app):
    at = hostile_app
    panel = "\n".join(m.value for m in at.markdown)
    assert "Cầu Dinh" in panel
    assert not re.search(r"(?<!\\)<(img|script)", panel)  # every "<" is escaped Markdown
    assert "\\<img src=x onerror=alert\\(1\\)\\>" in panel
    for message in [*at.error, *at.warning, *at.info]:
        assert not re.search(r"(?<!\\)<(img|script)", message.value)
    table = sources_table(at)  # escaped Markdown: the cell reads as the text, never as HTML
    assert list(table[0].values())[1].endswith(PAYLOAD)
    assert any(option.endswith(PAYLOAD) for option in at.selectbox(key="bridge_select").options)


def test_search_results_from_hostile_names_are_escaped(tmp_path, monkeypatch):
    directory = copy_geodata(tmp_path / "geodata")
    next(c for c in CASES if c.name == "html_in_every_text_property").make(directory)
    monkeypatch.setenv("LIENKET_GEODATA", str(directory))
    at = run({})
    at.text_input(key="search_q").input("cau dinh").run()
    assert not at.exception
    label = at.button(key="hit_cau-dinh").label
    assert "img src" in label and not re.search(r"(?<!\\)<(img|script)", label)
    at.button(key="hit_cau-dinh").click().run()
    assert at.selectbox(key="bridge_select").value.startswith("Cầu Dinh")
