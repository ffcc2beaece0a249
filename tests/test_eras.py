"""The 2025 era: the merger table, the dissolved provinces, and what each 2022 place became."""

from __future__ import annotations

import json

import pytest

from lienket.data import eras, mergers, schema

UTM = 32648


def test_merger_table_covers_every_province_the_dashboard_shows_exactly_once(ds):
    members = [m for u in ds.mergers["units"] for m in u["members"]]
    assert sorted(members) == sorted(ds.layer("provinces")["code"])
    assert len(members) == len(set(members)) == 63
    shown = {*ds.agreement["focus"], *ds.agreement["ring"], *ds.agreement["partners"]}
    assert len(shown) == 14 and shown <= set(members)  # 3 focus, 9 ring, 6 partners: 14 distinct
    assert len(ds.mergers["units"]) == 34


def test_merger_table_names_its_resolution_dates_and_a_source_for_every_unit(ds):
    assert ds.mergers["resolution"] == "202/2025/QH15"
    assert (ds.mergers["date"], ds.mergers["effective"]) == ("2025-06-12", "2025-07-01")
    for unit in ds.mergers["units"]:
        assert unit["sources"] and all(s in ds.mergers["sources"] for s in unit["sources"])
        assert unit["seat_in"] in (None, *unit["members"]), unit["code"]


@pytest.mark.parametrize("old, new", [
    ("Vĩnh Phúc", "Tỉnh Phú Thọ"), ("Hòa Bình", "Tỉnh Phú Thọ"), ("Bắc Giang", "Tỉnh Bắc Ninh"),
    ("Thái Bình", "Tỉnh Hưng Yên"), ("Hà Nam", "Tỉnh Ninh Bình"), ("Hải Dương", "Thành phố Hải Phòng"),
    ("Quảng Ninh", "Tỉnh Quảng Ninh"), ("Thừa Thiên Huế", "Thành phố Huế"),
])
def test_what_a_2022_province_became(ds, old, new):
    assert eras.successor(ds, eras.code_of(ds, old))["full_name"] == new
    assert eras.became(ds, eras.code_of(ds, old), "vi") == f"{old} (2022) → {new} (2025)"


def test_each_2025_shape_is_the_union_of_its_members(ds):
    shapes = ds.layer("provinces_2025").to_crs(UTM).set_index("code")
    old = ds.layer("provinces").to_crs(UTM).set_index("code")
    assert len(shapes) == 34
    for unit in ds.mergers["units"]:
        summed = old.loc[unit["members"]].area.sum()
        area = shapes.loc[unit["code"]].geometry.area
        assert abs(area - summed) / summed < 0.005, unit["code"]
        for member in unit["members"]:  # every member lies inside its unit
            inside = shapes.loc[unit["code"]].geometry.intersection(old.loc[member].geometry).area
            assert inside / old.loc[member].geometry.area > 0.999, (unit["code"], member)


def test_the_2025_view_has_no_hai_duong_province(ds):
    shown = " ".join(ds.layer("provinces_2025")["name"]) + " ".join(
        ds.layer("provinces_2025")["name_en"])
    assert "Hải Dương" not in shown and "Hai Duong" not in shown
    assert "Thành phố Hải Phòng" in shown
    hai_phong = ds.layer("provinces_2025").set_index("code").loc["31"]
    assert hai_phong["member_names"] == ["Hải Dương", "Hải Phòng"]


def test_the_ring_spans_eight_provinces_today_and_the_partners_five(ds):
    ring = eras.role_successors(ds, "ring")
    assert len(ring) == 8
    assert ring["25"] == ["26", "17"]  # Vĩnh Phúc and Hòa Bình are both in Phú Thọ now
    assert len(eras.role_successors(ds, "partners")) == 5  # Bắc Giang and Bắc Ninh are one


def _copy_geodata(tmp_path):
    for path in (p for p in schema.GEODATA.iterdir() if p.is_file()):  # not geodata/licenses/
        (tmp_path / path.name).write_bytes(path.read_bytes())
    return tmp_path


def test_a_table_that_misses_a_province_is_reported_and_the_2025_map_withheld(tmp_path):
    from lienket.data import dataset
    folder = _copy_geodata(tmp_path)
    doc = json.loads((folder / mergers.MERGERS_FILE).read_text(encoding="utf-8"))
    doc["units"][-1]["members"] = ["96"]  # Bạc Liêu forgotten
    (folder / mergers.MERGERS_FILE).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    ds = dataset.load(folder)
    assert any("'95' is in no 2025 unit" in str(p) for p in ds.problems)
    assert "provinces_2025" not in ds.layers and "provinces" in ds.layers


def test_a_broken_merger_file_costs_only_the_2025_map(tmp_path):
    from lienket.data import dataset
    folder = _copy_geodata(tmp_path)
    (folder / mergers.MERGERS_FILE).write_text("{ not json", encoding="utf-8")
    ds = dataset.load(folder)
    assert any(p.file == mergers.MERGERS_FILE and "cannot read" in p.message for p in ds.problems)
    assert "provinces_2025" not in ds.layers and len(ds.layer("bridges")) == 5
