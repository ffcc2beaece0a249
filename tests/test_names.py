"""Vietnamese name keys unify tone-mark placement, prefixes and missing diacritics."""

from lienket.data import names


def test_tone_mark_placement_and_prefixes_share_a_key():
    assert names.key("Huyện Thuỷ Nguyên") == names.key("Huyện Thủy Nguyên") == "thuynguyen"
    assert names.key("Tỉnh Hoà Bình") == names.key("Hòa Bình")
    assert names.key("Thành phố Chí Linh") == names.key("TP. Chí Linh") == names.key("chi linh")
    assert names.key("Thị xã Kinh Môn") == "kinhmon"


def test_different_places_keep_different_keys():
    assert names.key("Hải Dương") != names.key("Hải Phòng")
    assert names.key("Huyện An Lão") != names.key("Huyện An Dương")
    # A prefix is stripped once, from the front only: "Xã" inside a name stays.
    assert names.key("Phường Xã Đàn") == "xadan"


def test_nfc_check():
    assert names.is_nfc("Thủy Nguyên")
    assert not names.is_nfc("Thu\u0309y Nguye\u0302n")


def test_punctuation_and_dashes_do_not_matter():
    assert names.key("Thừa Thiên - Huế") == names.key("Thừa Thiên Huế")
    assert names.key("Bà Rịa – Vũng Tàu") == names.key("Ba Ria-Vung Tau")
    assert names.key("TP. Hồ Chí Minh") == names.key("Thành phố Hồ Chí Minh")
    assert names.key("Ho Chi Minh City") == names.key("Hồ Chí Minh")
    assert names.key("Hai Duong Province") == names.key("Tỉnh Hải Dương")
    assert names.key("Hanoi") == names.key("Thành phố Hà Nội")


def test_status_from_the_name_prefix():
    assert names.status_from_name("Thị xã Kinh Môn") == "thị xã"
    assert names.status_from_name("Huyện Thuỷ Nguyên") == "huyện"
    assert names.status_from_name("Kinh Mon") is None
