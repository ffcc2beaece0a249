"""Search: every feature by name, diacritics and tone-mark placement optional, no network."""

from __future__ import annotations

import folium
import pytest

from lienket.packs import boundaries
from lienket.page import search


def rendered(group: folium.FeatureGroup) -> str:
    m = folium.Map()
    group.add_to(m)
    return m.get_root().render()


def labels(entries, query, lang="vi"):
    return [e.label(lang) for e in search.find(entries, query)]


@pytest.mark.parametrize("query", ["cau trieu", "Cầu Triều", "CAU TRIEU", "cautrieu", "  cầu   triều "])
def test_cau_trieu_with_or_without_diacritics(ds, query):
    hits = search.find(search.index(ds), query)
    assert hits[0].fid == "cau-trieu" and hits[0].layer == "bridges"


def test_every_searched_layer_is_indexed_with_each_feature(ds):
    entries = search.index(ds)
    by_layer = {}
    for e in entries:
        by_layer.setdefault(e.layer, set()).add(e.fid)
    for layer in ("bridges", "provinces", "districts", "heritage", "tourism"):
        assert by_layer[layer] == set(ds.layer(layer)["id"]), layer


def test_tone_mark_placement_and_unit_prefix_do_not_matter(ds):
    entries = search.index(ds)
    assert search.find(entries, "Thuỷ Nguyên")[0].name == "Huyện Thủy Nguyên"
    assert search.find(entries, "kinh mon")[0].name == "Thị xã Kinh Môn"
    assert search.find(entries, "kinhmon")[0].name == "Thị xã Kinh Môn"


def test_better_matches_come_first(ds):
    found = labels(search.index(ds), "ha long")
    assert found[0] == "Hạ Long — trung tâm du lịch"  # the name itself before a longer one
    assert "Vịnh Hạ Long – Quần đảo Cát Bà — di sản" in found


def test_too_short_or_unknown_queries_find_nothing(ds):
    entries = search.index(ds)
    assert search.find(entries, "") == [] and search.find(entries, "a") == []
    assert search.find(entries, "zzzz") == []


def test_english_names_are_searched_and_shown(ds):
    hits = search.find(search.index(ds), "trieu bridge")
    assert hits and hits[0].fid == "cau-trieu"
    assert hits[0].label("en").startswith("Cầu Triều (")
    assert hits[0].label("en").endswith("— linking bridge")


def test_provinces_follow_the_era(ds):
    in_2025 = search.find(search.index(ds, "2025"), "hai duong")
    assert not any(e.layer == "provinces_2025" for e in in_2025)  # merged into Hải Phòng
    hp = search.find(search.index(ds, "2025"), "hai phong")
    assert hp[0].layer == "provinces_2025" and hp[0].name == "Thành phố Hải Phòng"
    assert search.find(search.index(ds, "2022"), "hai duong")[0].layer == "provinces"


def test_with_a_pack_district_areas_are_found(ds, shared_pack):
    shown = boundaries.display_dataset(ds, boundaries.load(shared_pack))
    hits = search.find(search.index(shown), "an lao")
    assert {"district_areas", "districts"} <= {e.layer for e in hits}


def test_the_target_group_marks_the_place_and_flies_once_per_choice(ds):
    entry = search.lookup(search.index(ds), "yen-tu")
    html = rendered(search.target_group(ds, entry, "vi", "yen-tu:3"))
    assert '"id":"yen-tu"' in html
    assert 'window.lienketFlownTo === "yen-tu:3"' in html
    empty = rendered(search.target_group(ds, None, "vi", "none:0"))
    assert '"id"' not in empty and "lienketFlownTo" not in empty


def test_cached_index_is_per_dataset_and_era(ds):
    from lienket.data import dataset, schema
    assert search.cached_index(ds, "2022") is search.cached_index(ds, "2022")
    assert search.cached_index(ds, "2025") == search.index(ds, "2025")
    other = dataset.load(schema.GEODATA)
    assert search.cached_index(other, "2022") is not search.cached_index(ds, "2022")
