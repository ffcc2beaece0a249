"""Selection: the URL, the select box and a map click all arrive at a bridge id."""

from lienket import selection

KNOWN = ["cau-trieu", "cau-dinh"]


def test_url_param_known_unknown_repeated_long():
    assert selection.parse_param("cau-dinh", KNOWN) == ("cau-dinh", None)
    assert selection.parse_param(["cau-trieu", "cau-dinh"], KNOWN) == ("cau-trieu", None)
    assert selection.parse_param(None, KNOWN) == (None, None)
    assert selection.parse_param("cau-rong", KNOWN) == (None, "cau-rong")
    bid, shown = selection.parse_param("x" * 500, KNOWN)
    assert bid is None and len(shown) == selection.MAX_ID_LENGTH + 1


def test_map_click_on_a_bridge():
    out = {"last_active_drawing": {"properties": {"kind": "bridge", "id": "cau-dinh"}},
           "last_object_clicked_count": 3}
    assert selection.from_map(out) == ("cau-dinh", (3, "cau-dinh"))


def test_map_click_elsewhere_or_nothing():
    province = {"last_active_drawing": {"properties": {"kind": "province", "id": "hai-duong"}},
                "last_object_clicked_count": 1}
    assert selection.from_map(province)[0] is None
    assert selection.from_map(None) == (None, None)
    assert selection.from_map({"last_active_drawing": None})[0] is None


def test_connected_districts_in_bank_order(ds):
    names = list(selection.connected_districts(ds, "cau-dinh")["name"])
    assert names == ["Thị xã Kinh Môn", "Huyện Thủy Nguyên"]
    assert selection.connected_districts(ds, "nope").empty
