"""Bad inputs: each case is a small file or a mutation of the shipped data, made in a temp copy.

Every case names the problem it must produce (file, feature, property and a phrase of the
message), so the CLI test and the AppTest check the same expectation.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lienket.data import schema

#: Script injection, as a name or any other text could carry it.
PAYLOAD = "<img src=x onerror=alert(1)><script>alert(2)</script>"
#: Properties whose values are identifiers or codes, not display text: injection there is a
#: schema error of its own (the layer is then not drawn), so the "every text" case leaves them.
NOT_TEXT = {"kind", "id", "code", "gso_code", "status_2022", "position", "river_id", "same_as"}


def copy_geodata(dest: Path) -> Path:
    """A writable copy of the shipped geodata/ (data files only)."""
    dest.mkdir(parents=True, exist_ok=True)
    for src in schema.GEODATA.iterdir():
        if src.suffix in (".geojson", ".json"):
            shutil.copyfile(src, dest / src.name)
    return dest


def fingerprint(directory: Path) -> dict[str, str]:
    """sha256 of every file in a directory: to prove nothing was modified."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(directory.iterdir()) if p.is_file()}


def _edit(directory: Path, filename: str, change: Callable[[dict[str, Any]], None]) -> None:
    path = directory / filename
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")


def _feature(doc: dict[str, Any], fid: str) -> dict[str, Any]:
    return next(f for f in doc["features"] if f["properties"]["id"] == fid)


def _inject(value: Any, key: str | None = None) -> Any:
    """The payload appended to every display string inside a value."""
    if isinstance(value, str):
        return value + PAYLOAD
    if isinstance(value, list):
        return [_inject(v, key) for v in value]
    if isinstance(value, dict):
        return {k: v if k in NOT_TEXT else _inject(v, k) for k, v in value.items()}
    return value


def _inject_everywhere(directory: Path) -> None:
    """HTML/JS in every text property of every layer file and of the sources catalogue.

    The same text is appended everywhere, so references between files (a bridge's districts
    and provinces) still resolve; seats keep their province *code*, which is a reference key.
    """
    for filename, _kinds in schema.FILES.values():
        def change(doc: dict[str, Any]) -> None:
            for f in doc["features"]:
                props = f["properties"]
                keep = {k: props[k] for k in props if k in NOT_TEXT
                        or (props["kind"] == "province_seat" and k == "province")}
                f["properties"] = {**_inject(props), **keep}
        _edit(directory, filename, change)
    _edit(directory, schema.CATALOGUE_FILE,
          lambda doc: doc.update({k: _inject(v) for k, v in doc.items()}))


def _swap(doc: dict[str, Any]) -> None:
    geom = _feature(doc, "cau-dinh")["geometry"]
    geom["coordinates"] = list(reversed(geom["coordinates"]))


def _bowtie(doc: dict[str, Any]) -> None:
    _feature(doc, "yen-tu")["geometry"] = {"type": "Polygon", "coordinates": [
        [[106.6, 21.1], [106.8, 21.2], [106.8, 21.1], [106.6, 21.2], [106.6, 21.1]]]}


def _huge(doc: dict[str, Any]) -> None:
    _feature(doc, "cau-trieu")["properties"]["note"] = "Lorem ipsum " * 2000


@dataclass(frozen=True)
class Case:
    """One bad input and the problem it must produce."""

    name: str
    make: Callable[[Path], None]
    file: str
    phrase: str
    feature: str | None = None
    prop: str | None = None
    #: False when the broken file's layer must still be drawn (the problem is only reported).
    drops_layer: bool = True


def _write(filename: str, text: str | bytes) -> Callable[[Path], None]:
    def make(directory: Path) -> None:
        path = directory / filename
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return make


def _truncate(filename: str) -> Callable[[Path], None]:
    def make(directory: Path) -> None:
        path = directory / filename
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    return make


def _mutate(filename: str, change: Callable[[dict[str, Any]], None]) -> Callable[[Path], None]:
    return lambda directory: _edit(directory, filename, change)


CASES: list[Case] = [
    Case("malformed_json", _write("bridges.geojson", '{"type": "FeatureCollection",\n'
                                                    ' "features": [}\n'),
         "bridges.geojson", "not valid JSON (line 2"),
    Case("truncated_file", _truncate("districts.geojson"), "districts.geojson",
         "ends too early (truncated?)"),
    Case("empty_collection", _write("heritage.geojson",
                                    '{"type": "FeatureCollection", "features": []}'),
         "heritage.geojson", "holds no features"),
    Case("missing_file", lambda d: (d / "tourism.geojson").unlink(), "tourism.geojson",
         "file not found"),
    Case("wrong_crs", _mutate("districts.geojson", lambda doc: doc.update(
        crs={"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}})),
         "districts.geojson", "is not EPSG:4326"),
    Case("swapped_lon_lat", _mutate("bridges.geojson", _swap), "bridges.geojson",
         "lat/lon swapped?", "cau-dinh", "geometry"),
    Case("self_intersecting_polygon", _mutate("heritage.geojson", _bowtie), "heritage.geojson",
         "Self-intersection at lon 106.7, lat 21.15", "yen-tu", "geometry"),
    Case("duplicate_id", _mutate("districts.geojson", lambda doc: doc["features"][1][
        "properties"].update(id=doc["features"][0]["properties"]["id"])),
         "districts.geojson", "duplicate id", "chi-linh", "id"),
    Case("dangling_district", _mutate("bridges.geojson", lambda doc: _feature(
        doc, "cau-quang-thanh")["properties"]["connects"][1].update(district="Huyện Không Có")),
         "bridges.geojson", "'Huyện Không Có' ('Hải Phòng') is not in districts.geojson",
         "cau-quang-thanh", "connects[1].district", drops_layer=False),
    Case("dangling_river", _mutate("bridges.geojson", lambda doc: _feature(
        doc, "cau-dinh")["properties"].update(river_id="river-khong-co")),
         "bridges.geojson", "river 'river-khong-co' is not in rivers.geojson", "cau-dinh",
         "river_id", drops_layer=False),
    Case("dangling_ring_member", _mutate(schema.AGREEMENT_FILE,
                                         lambda doc: doc["ring"].append("99")),
         schema.AGREEMENT_FILE, "'99' is not in provinces.geojson", None, "ring",
         drops_layer=False),
    Case("non_nfc_text", _mutate("tourism.geojson", lambda doc: _feature(doc, "ha-long")[
        "properties"].update(name=unicodedata.normalize("NFD", "Hạ Long"))),
         "tourism.geojson", "not Unicode NFC", "ha-long", "name", drops_layer=False),
    Case("html_in_every_text_property", _inject_everywhere, "bridges.geojson",
         "contains HTML markup", "cau-dinh", "connects[1].district", drops_layer=False),
    Case("huge_property_value", _mutate("bridges.geojson", _huge), "bridges.geojson",
         "value is 24,002 characters long (limit 10,000)", "cau-trieu", "note"),
    Case("huge_name", _mutate("tourism.geojson", lambda doc: _feature(doc, "do-son")[
        "properties"].update(name="Đồ Sơn " * 50)),
         "tourism.geojson", "name is 350 characters long (limit 200)", "do-son", "name",
         drops_layer=False),
    Case("wrong_types", _mutate("bridges.geojson", lambda doc: _feature(doc, "cau-may")[
        "properties"].update(uncertainty_m="10 km")),
         "bridges.geojson", "must be a number ≥ 0, not '10 km'", "cau-may", "uncertainty_m"),
    Case("not_utf8", _write("tourism.geojson", "{\"name\": \"Hạ Long\"}".encode("utf-16")),
         "tourism.geojson", "not UTF-8 text"),
    Case("not_a_feature_collection", _write("heritage.geojson", '[1, 2, 3]'), "heritage.geojson",
         "not a GeoJSON FeatureCollection"),
]
