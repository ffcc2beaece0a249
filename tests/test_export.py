"""Exports: the downloaded GeoJSON and CSV hold exactly the layer's features, with provenance."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from shapely import wkt
from shapely.geometry import shape

from lienket.map import layers
from lienket.page import export


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheet programs then read UTF-8
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.mark.parametrize("era", ["2022", "2025"])
@pytest.mark.parametrize("layer", [la for la in layers.LAYERS if la != "osm"])  # osm: test_osm.py
def test_geojson_and_csv_hold_the_layers_features(ds, layer, era):
    frame = export.layer_frame(ds, layer, era)
    assert len(frame) > 0
    doc = json.loads(export.to_geojson(frame))
    rows = read_csv(export.to_csv(frame))
    assert [f["properties"]["id"] for f in doc["features"]] == list(frame["id"])
    assert [r["id"] for r in rows] == list(frame["id"])
    for feature, row, geom in zip(doc["features"], rows, frame.geometry):
        assert shape(feature["geometry"]).equals_exact(geom, 1e-9)
        assert wkt.loads(row["wkt"]).equals_exact(geom, 1e-6)
        assert geom.buffer(1e-6).contains(wkt.loads(f"POINT ({row['lon']} {row['lat']})"))
        # provenance travels with every feature
        assert feature["properties"]["sources"] and row["sources"]
        assert feature["properties"]["accuracy"] and row["accuracy"]


def test_bridge_export_keeps_position_uncertainty_and_lists(ds):
    frame = export.layer_frame(ds, "bridges")
    doc = json.loads(export.to_geojson(frame))
    dinh = next(f["properties"] for f in doc["features"] if f["properties"]["id"] == "cau-dinh")
    source = ds.feature("bridges", "cau-dinh")
    assert dinh["position"] == "schematic" and dinh["uncertainty_m"] == source["uncertainty_m"]
    assert dinh["sources"] == list(source["sources"]) and dinh["connects"] == source["connects"]
    row = next(r for r in read_csv(export.to_csv(frame)) if r["id"] == "cau-dinh")
    assert row["sources"] == "; ".join(source["sources"])
    assert row["position"] == "schematic" and float(row["uncertainty_m"]) == source["uncertainty_m"]
    assert row["name"] == "Cầu Dinh"


def test_era_changes_the_provinces_export(ds):
    assert len(export.layer_frame(ds, "provinces", "2022")) == 63
    assert len(export.layer_frame(ds, "provinces", "2025")) == 34
    ring_2025 = export.layer_frame(ds, "ring", "2025")
    assert any("(2025)" in "; ".join(b) for b in ring_2025["became"].dropna())


def test_selection_is_the_bridge_its_districts_and_the_place_found(ds):
    frame = export.selection_frame(ds, "cau-dinh", ("heritage", "yen-tu"))
    assert list(frame["id"]) == ["cau-dinh", "kinh-mon", "thuy-nguyen", "yen-tu"]
    assert len(export.selection_frame(ds, None, None)) == 0


def test_spreadsheet_formulas_in_text_are_defused(ds):
    frame = export.layer_frame(ds, "tourism").copy()
    frame.loc[frame.index[0], "name"] = "=HYPERLINK(\"http://x\")"
    row = read_csv(export.to_csv(frame))[0]
    assert row["name"] == "'=HYPERLINK(\"http://x\")"
    assert json.loads(export.to_geojson(frame))["features"][0]["properties"]["name"].startswith("=")


def test_file_names_say_what_era_and_date():
    day = dt.date(2026, 11, 26)
    assert export.file_name("Cầu liên kết", "2022", day, "geojson") == \
        "lienket_cau-lien-ket_2022_2026-11-26.geojson"
    assert export.file_name("Tỉnh, thành phố", "2025", day, "csv") == \
        "lienket_tinh-thanh-pho_2025_2026-11-26.csv"
