"""Selection: a map click arrives at a bridge id (the URL is tests/test_urlstate.py)."""

from lienket.map import selection


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
