"""Layer builders: one FeatureGroup per layer, escaped text, derived ring and partner links."""

from __future__ import annotations

import copy

import folium
import pytest

from lienket.data import agreement
from lienket.map import base, bridges, highlight, layers


def _html(group: folium.FeatureGroup) -> str:
    m = folium.Map()
    group.add_to(m)
    return m.get_root().render()


def test_build_gives_one_named_group_per_visible_layer(ds):
    groups = layers.build(ds, layers.available(ds), "vi")  # issue 13: "osm" needs a pack
    assert [g.layer_name for g in groups] == [
        "Tỉnh, thành phố", "Vành đai kết nối 9 tỉnh", "Tỉnh liên kết du lịch", "Di sản",
        "Huyện, thị xã, thành phố (trụ sở)", "Trung tâm du lịch", "Cầu liên kết"]
    assert [g.layer_name for g in layers.build(ds, ["bridges"], "en")] == ["Linking bridges"]


def test_bridge_features_carry_kind_and_id_for_clicks(ds):
    html = _html(bridges.bridges(ds, "vi"))
    for bid in ("cau-trieu", "cau-may", "cau-dong-mai", "cau-dinh", "cau-quang-thanh"):
        assert f'"id":"{bid}"' in html
    assert '"kind":"bridge"' in html


def test_text_from_data_is_escaped(ds):
    hostile = copy.deepcopy(ds)
    frame = hostile.layers["bridges"].copy()
    frame.loc[0, "name"] = "<img src=x onerror=alert(1)>"
    hostile.layers["bridges"] = frame
    html = _html(bridges.bridges(hostile, "vi"))
    assert "<img src=x" not in html
    # folium JSON-encodes "&" as \u0026: the browser gets the text "&lt;img ...&gt;" and shows it.
    assert "\\u0026lt;img src=x onerror=alert(1)\\u0026gt;" in html


def test_ring_line_is_closed_and_visits_each_ring_seat_once(ds):
    line, order = agreement.ring_line(ds)
    assert line.is_closed and line.is_simple
    assert sorted(order) == sorted(ds.agreement["ring"]) and len(order) == 9


def test_partner_links_reach_each_partner_seat(ds):
    links = agreement.partner_links(ds)
    assert sorted(links["province"]) == sorted(ds.agreement["partners"])
    seats = agreement.seats_by_code(ds)
    for link in links.itertuples():
        assert link.geometry.coords[-1] == (seats[link.province].x, seats[link.province].y)


def test_highlight_holds_the_bridge_and_its_two_district_seats(ds):
    html = _html(highlight.group(ds, "cau-quang-thanh", "vi"))
    assert '"id":"cau-quang-thanh"' in html
    assert '"id":"thanh-ha"' in html and '"id":"an-lao"' in html
    assert '"id":"kinh-mon"' not in html


def test_no_selection_highlights_nothing(ds):
    assert '"kind"' not in _html(highlight.group(ds, None, "vi"))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_base_map_is_deterministic_and_offline(lang):
    bounds = (106.1, 20.1, 108.1, 21.7)
    one = base.base_map(bounds, lang)
    two = base.base_map(bounds, lang)
    script = lambda m: m.get_root().render().replace(m.get_name(), "MAP")  # noqa: E731
    # streamlit-folium keys the component on the script with ids normalised: same text = no remount
    import re
    norm = lambda s: re.sub(r"_[0-9a-f]{32}", "", s)  # noqa: E731
    assert norm(script(one)) == norm(script(two))
    assert all(url.startswith("/app/static/") for _, url in one.default_js + one.default_css)


def _features(group: folium.FeatureGroup, name: str) -> list[dict]:
    """The display properties of one GeoJson child of a group."""
    child = next(c for c in group._children.values() if getattr(c, "layer_name", None) == name
                 or getattr(c, "name", None) == name)
    return [f["properties"] for f in child.data["features"]]


def test_2025_provinces_are_the_34_units_with_what_they_were_formed_from(ds):
    shown = _features(layers.provinces(ds, "vi", "2025"), "provinces")
    assert len(shown) == 34
    by_code = {p["code"]: p for p in shown}
    assert by_code["31"]["name_shown"] == "Thành phố Hải Phòng"
    assert by_code["31"]["formed_from"] == "Hải Dương + Hải Phòng"
    assert by_code["31"]["fill"] == layers.FOCUS_COLOURS["31"]
    assert by_code["22"]["formed_from"] == "không sáp nhập"
    assert not any("Hải Dương" in p["name_shown"] for p in shown)


def test_2025_ring_shows_what_each_member_became(ds):
    group = layers.ring(ds, "vi", "2025")
    shapes = _features(group, "ring-provinces")
    assert len(shapes) == 8
    phu_tho = next(p for p in shapes if p["name_shown"] == "Tỉnh Phú Thọ")
    assert phu_tho["became"] == ("Vĩnh Phúc (2022) → Tỉnh Phú Thọ (2025); "
                                 "Hòa Bình (2022) → Tỉnh Phú Thọ (2025)")
    (line,) = _features(group, "ring-line")
    assert "9 tỉnh của vành đai thuộc 8 tỉnh, thành phố" in line["name_shown"]


def test_2025_tooltips_name_the_unit_each_2022_place_is_in(ds):
    seats = {p["id"]: p for p in _features(layers.districts(ds, "vi", "2025"), "districts")}
    assert seats["kinh-mon"]["province"] == "Hải Dương → Thành phố Hải Phòng"
    assert seats["dong-trieu"]["province"] == "Quảng Ninh → Tỉnh Quảng Ninh"
    dinh = next(p for p in _features(bridges.bridges(ds, "vi", "2025"), "bridges")
                if p["id"] == "cau-dinh")
    assert "Thị xã Kinh Môn (Hải Dương → Thành phố Hải Phòng)" in dinh["connects_text"]


def test_2025_text_from_the_merger_table_is_escaped(ds):
    hostile = copy.deepcopy(ds)
    shapes = hostile.layers["provinces_2025"].copy()
    shapes.loc[0, "name"] = "<img src=x onerror=alert(1)>"
    hostile.layers["provinces_2025"] = shapes
    assert "<img src=x" not in _html(layers.provinces(hostile, "vi", "2025"))


def test_popups_cite_sources_briefly():
    from lienket.map.features import short_sources
    long = ("Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Quốc hội (có hiệu lực ...) — tóm tắt: "
            "https://example.invalid/x")
    assert short_sources([long]) == ["Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Quốc hội"]
    assert short_sources(["baohaiduong.vn/khanh-thanh-cau-dong-mai-218609.html (09/06/2020: …)"]) \
        == ["baohaiduong.vn/khanh-thanh-cau-dong-mai-218609.html"]
    assert len(short_sources(["x" * 500])[0]) == 101
