"""Vietnamese name keys unify tone-mark placement, prefixes and missing diacritics."""

from lienket import names


def test_tone_mark_placement_and_prefixes_share_a_key():
    assert names.key("Huyện Thuỷ Nguyên") == names.key("Huyện Thủy Nguyên") == "thuy nguyen"
    assert names.key("Tỉnh Hoà Bình") == names.key("Hòa Bình")
    assert names.key("Thành phố Chí Linh") == names.key("TP. Chí Linh") == names.key("chi linh")
    assert names.key("Thị xã Kinh Môn") == "kinh mon"


def test_different_places_keep_different_keys():
    assert names.key("Hải Dương") != names.key("Hải Phòng")
    assert names.key("Huyện An Lão") != names.key("Huyện An Dương")
    # A prefix is stripped once, from the front only: "Xã" inside a name stays.
    assert names.key("Phường Xã Đàn") == "xa dan"


def test_nfc_check():
    assert names.is_nfc("Thủy Nguyên")
    assert not names.is_nfc("Thu\u0309y Nguye\u0302n")
