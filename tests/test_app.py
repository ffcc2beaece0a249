"""The page, run by Streamlit's AppTest: selection, layers, URL, language — without a browser."""

from __future__ import annotations

import json
import re
from pathlib import Path
from unittest import mock

import pytest
from streamlit.testing.v1 import AppTest

from lienket.data import dataset
from lienket.map.layers import available
from tests.apptest import open_page

APP = str(Path(__file__).resolve().parents[1] / "app.py")
DISTRICTS = {
    "cau-trieu": ("Thị xã Kinh Môn", "Thị xã Đông Triều"),
    "cau-may": ("Thị xã Kinh Môn", "Huyện Kim Thành"),
    "cau-dong-mai": ("Thành phố Chí Linh", "Thị xã Đông Triều"),
    "cau-dinh": ("Thị xã Kinh Môn", "Huyện Thủy Nguyên"),
    "cau-quang-thanh": ("Huyện Thanh Hà", "Huyện An Lão"),
}
NAMES = {"cau-trieu": "Cầu Triều", "cau-may": "Cầu Mây", "cau-dong-mai": "Cầu Đông Mai",
         "cau-dinh": "Cầu Dinh", "cau-quang-thanh": "Cầu Quang Thanh"}
SEAT_IDS = {"Thị xã Kinh Môn": "kinh-mon", "Thị xã Đông Triều": "dong-trieu",
            "Huyện Kim Thành": "kim-thanh", "Thành phố Chí Linh": "chi-linh",
            "Huyện Thủy Nguyên": "thuy-nguyen", "Huyện Thanh Hà": "thanh-ha",
            "Huyện An Lão": "an-lao"}


def run(**params: str) -> AppTest:
    return open_page(APP, params)


def map_args(at: AppTest) -> dict:
    """What the st_folium component receives: the base script and the dynamic feature groups."""
    (component,) = at.get("component_instance")
    return json.loads(component.proto.json_args)


def panel_text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def sources_table(at: AppTest) -> list[dict[str, str]]:
    """The sources table (a Markdown table) as rows of cell text, escapes undone."""
    (text,) = [m.value for m in at.markdown if "\n| " in m.value]
    lines = [line for line in text.splitlines() if line.startswith("|")]

    def cells(line: str) -> list[str]:
        return [re.sub(r"\\(.)", r"\1", c.strip()) for c in re.split(r"(?<!\\)\|", line)[1:-1]]
    return [dict(zip(cells(lines[0]), cells(line))) for line in lines[2:]]


def highlight_js(at: AppTest) -> str:
    """The last dynamic group is the selection highlight."""
    groups = map_args(at)["feature_group"].split("map_div.addLayer(")
    return groups[-2]


def test_app_runs_and_opens_on_the_three_provinces():
    at = run()
    assert not at.exception and not at.error
    assert at.title[0].value.startswith("Liên kết vùng Hải Dương – Hải Phòng – Quảng Ninh")
    args = map_args(at)
    assert "fitBounds" in args["script"]
    assert all(link.startswith("/app/static/") for link in args["js_links"] + args["css_links"])


@pytest.mark.parametrize("bridge", list(DISTRICTS))
def test_choosing_a_bridge_shows_and_highlights_its_two_districts(bridge):
    at = run()
    at.selectbox(key="bridge_select").select(NAMES[bridge]).run()
    assert not at.exception
    text = panel_text(at)
    for district in DISTRICTS[bridge]:
        assert district in text
    highlight = highlight_js(at)
    assert f'"id":"{bridge}"' in highlight
    expected = {SEAT_IDS[d] for d in DISTRICTS[bridge]}
    shown = {sid for sid in SEAT_IDS.values() if f'"id":"{sid}"' in highlight}
    assert shown == expected
    assert at.query_params["bridge"] == bridge


def test_selection_survives_reruns_and_comes_from_the_url():
    at = run(bridge="cau-dinh")
    assert at.selectbox(key="bridge_select").value == "Cầu Dinh"
    assert "Huyện Thủy Nguyên" in panel_text(at)
    at.checkbox(key="layer_heritage").uncheck().run()
    assert at.selectbox(key="bridge_select").value == "Cầu Dinh"


def test_unknown_bridge_in_url_gets_a_gentle_message():
    at = run(bridge="cau-long-bien")
    assert not at.exception and not at.error
    assert any("cau\\-long\\-bien" in i.value or "cau-long-bien" in i.value for i in at.info)
    assert at.selectbox(key="bridge_select").value == "— Không chọn —"


def test_unchecking_a_layer_removes_it_from_the_map():
    at = run()
    heritage = json.dumps("Di sản")[1:-1]  # as the generated JavaScript spells it
    assert heritage in map_args(at)["layer_control"]
    assert '"id":"yen-tu"' in map_args(at)["feature_group"]
    at.checkbox(key="layer_heritage").uncheck().run()
    args = map_args(at)
    assert '"id":"yen-tu"' not in args["feature_group"] and '"id":"cau-trieu"' in args["feature_group"]
    assert heritage not in args["layer_control"]


def test_toggling_or_selecting_keeps_the_base_map():
    """Same base script = same component key = no remount: the user's view is kept."""
    at = run()
    before = map_args(at)
    at.checkbox(key="layer_ring").uncheck().run()
    at.selectbox(key="bridge_select").select("Cầu Triều").run()
    after = map_args(at)
    assert after["script"] == before["script"] and after["key"] == before["key"]


def test_clicking_a_bridge_on_the_map_selects_it():
    import streamlit_folium
    clicked = {"last_active_drawing": {"type": "Feature", "properties":
                                       {"kind": "bridge", "id": "cau-quang-thanh"}},
               "last_object_clicked_count": 1}
    real = streamlit_folium.st_folium

    def fake(*args, **kwargs):
        real(*args, **kwargs)  # still render the map, so the page is complete
        return clicked

    with mock.patch("streamlit_folium.st_folium", fake):
        at = run()
    assert not at.exception
    assert at.selectbox(key="bridge_select").value == "Cầu Quang Thanh"
    assert "Huyện An Lão" in panel_text(at)


def test_english_interface():
    at = run(lang="en")
    assert at.title[0].value.startswith("Regional linkage")
    at = run()
    at.radio(key="lang_label").set_value("English").run()
    assert at.title[0].value.startswith("Regional linkage")
    at.selectbox(key="bridge_select").select("Cầu Mây").run()
    assert "Kim Thành" in panel_text(at)


def test_sources_section_lists_every_layer_with_licence():
    at = run()
    assert any(h.value == "Nguồn dữ liệu" for h in at.subheader)
    table = sources_table(at)
    assert len(table) == 10 and all(row["Giấy phép"] for row in table)
    layers = {row["Lớp"] for row in table}
    assert {"Sông (GSHHG)", "Đất liền và đảo (GSHHG)", "Thị xã, thị trấn (GeoNames)"} <= layers
    assert "Tỉnh, thành phố (từ 01/7/2025)" in layers


@pytest.mark.parametrize("bridge", list(DISTRICTS))
def test_with_a_pack_each_bridge_highlights_exactly_its_two_district_polygons(
        shared_pack, monkeypatch, bridge):
    from lienket.data import dataset
    from lienket.packs import boundaries
    monkeypatch.setenv("LIENKET_PACK", str(shared_pack))
    at = run(bridge=bridge)
    assert not at.exception
    connects = dataset.load().feature("bridges", bridge)["connects"]
    expected = {boundaries.area_id(c["province"], c["district"]) for c in connects}
    assert set(re.findall(r'"id":"(pack-[^"]+)"', highlight_js(at))) == expected
    assert '"kind":"district_area"' in map_args(at)["feature_group"]
    assert any("Ranh giới chi tiết (theo cấu hình)" in c.value for c in at.caption)


def test_without_a_pack_the_app_uses_and_names_the_shipped_provinces():
    at = run(bridge="cau-dinh")
    assert not at.exception
    assert any(c.value.startswith("Ranh giới tỉnh Natural Earth") for c in at.caption)
    assert '"kind":"district_area"' not in map_args(at)["feature_group"]
    assert "Huyện Thủy Nguyên" in panel_text(at)


def test_a_failed_download_in_the_app_is_a_warning(monkeypatch):
    import socket

    from lienket.packs import download, geoboundaries
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"
    monkeypatch.setattr(geoboundaries, "VNM", {
        "adm1": download.Remote("a.geojson", f"{dead}/a", 10, "0" * 64)})
    at = run()
    at.button(key="pack_download").click().run()
    assert not at.exception
    assert any("Không tải được ranh giới" in w.value for w in at.warning)
    assert any(c.value.startswith("Ranh giới tỉnh Natural Earth") for c in at.caption)



def plain(text: str) -> str:
    """Panel Markdown as the reader sees it: escapes and emphasis removed."""
    return text.replace("\\", "").replace("**", "")


def test_era_2025_link_opens_the_new_map_with_the_bridge_and_both_names():
    at = run(era="2025", bridge="cau-dinh")
    assert not at.exception and not at.error
    assert at.radio(key="era_label").value == "Sau 01/07/2025"
    assert at.selectbox(key="bridge_select").value == "Cầu Dinh"
    text = plain(panel_text(at))
    assert "Thị xã Kinh Môn, Hải Dương (2022) → thuộc Thành phố Hải Phòng (từ 1/7/2025)" in text
    assert "Huyện Thủy Nguyên, Hải Phòng (2022) → thuộc Thành phố Hải Phòng (từ 1/7/2025)" in text
    assert "không còn cấp huyện" in text
    assert "Vành đai 9 tỉnh (2022) nay thuộc 8 tỉnh, thành phố" in text
    assert "Vĩnh Phúc (2022) → Tỉnh Phú Thọ (2025)" in text
    groups = map_args(at)["feature_group"]
    assert '"kind":"province_2025"' in groups and '"kind":"province"' not in groups
    assert at.query_params["era"] == "2025" and at.query_params["bridge"] == "cau-dinh"


def test_switching_era_keeps_the_base_map_and_the_selection():
    at = run(bridge="cau-quang-thanh")
    before = map_args(at)
    assert '"kind":"province"' in before["feature_group"]
    at.radio(key="era_label").set_value("Sau 01/07/2025").run()
    after = map_args(at)
    assert after["script"] == before["script"] and after["key"] == before["key"]
    assert after["feature_group"] != before["feature_group"]
    assert at.selectbox(key="bridge_select").value == "Cầu Quang Thanh"
    assert "Thành phố Hải Phòng (từ 1/7/2025)" in plain(panel_text(at))
    at.radio(key="era_label").set_value("2022").run()
    assert "era" not in at.query_params and '"kind":"province"' in map_args(at)["feature_group"]


def test_unknown_era_in_url_gets_a_gentle_message():
    at = run(era="1975")
    assert not at.exception and not at.error
    assert any("1975" in i.value for i in at.info)
    assert at.radio(key="era_label").value == "2022"


def test_agreement_panel_has_the_timeline():
    text = plain(panel_text(run()))
    for date in ("13/3/2022", "16/9/2023", "01/7/2025", "12/7/2025"):
        assert date in text


def test_first_run_draws_the_map_and_the_next_run_the_controls():
    # The browser's map asks for the next run once drawn (lienket/app/staging.py); AppTest makes it.
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["bridge"] = "cau-dinh"
    at.run()
    first = map_args(at)
    assert not at.selectbox and not at.checkbox and not at.exception
    assert [c.value for c in at.sidebar.caption] == ["Đang tải bảng điều khiển…"]
    at.run()
    assert at.selectbox(key="bridge_select").value == "Cầu Dinh"
    assert len(at.checkbox) == len(available(dataset.load()))
    assert "Thị xã Kinh Môn" in panel_text(at)
    # The same map, not a new one: a changed key or script would remount the component.
    assert {k: map_args(at)[k] for k in ("key", "script")} == {k: first[k] for k in ("key", "script")}
