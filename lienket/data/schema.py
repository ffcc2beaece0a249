"""What each feature must carry, per kind: the one place that knows the data's property names."""

from __future__ import annotations

from pathlib import Path

GEODATA = Path(__file__).resolve().parents[2] / "geodata"

#: Properties every feature carries, whatever its kind.
COMMON: tuple[str, ...] = ("kind", "id", "name", "sources", "accuracy")

#: Extra required properties per feature kind.
REQUIRED: dict[str, tuple[str, ...]] = {
    "province": ("code", "name_en"),
    "province_seat": ("province", "seat"),
    "district": ("province", "status_2022"),
    "bridge": ("river", "connects"),
    "heritage": ("unesco", "province"),
    "tourism_centre": ("province",),
    # In a boundary pack: a district polygon. Its 2022 status is known only when the source's
    # name carries the unit prefix ("Huyện …"), so it may be empty.
    "district_area": ("province",),
    # Offline basemap (scripts/build_basemap.py): GSHHG rivers and land, GeoNames towns.
    "river": ("level",),
    "land": ("part",),
    "town": ("name_en", "geonameid", "rank"),
}

#: Kinds whose `name` may be empty: a river line no cited source names, a land polygon.
UNNAMED_KINDS: tuple[str, ...] = ("river", "land")

#: Data file per layer of shipped data, and the feature kinds it may hold.
FILES: dict[str, tuple[str, tuple[str, ...]]] = {
    "provinces": ("provinces.geojson", ("province",)),
    "seats": ("province_seats.geojson", ("province_seat",)),
    "districts": ("districts.geojson", ("district",)),
    "bridges": ("bridges.geojson", ("bridge",)),
    "heritage": ("heritage.geojson", ("heritage",)),
    "tourism": ("tourism.geojson", ("tourism_centre",)),
    "rivers": ("rivers.geojson", ("river",)),
    "land": ("land.geojson", ("land",)),
    "towns": ("towns.geojson", ("town",)),
}

#: A boundary pack folder (lienket.packs.boundaries): its metadata file, and its layer files' kinds.
PACK_META = "pack.json"
PACK_FILES: dict[str, tuple[str, ...]] = {
    "provinces.geojson": ("province",),
    "districts.geojson": ("district_area",),
}

#: The agreement's memberships (focus, ring, tourism partners): GSO province codes.
AGREEMENT_FILE = "agreement.json"

#: Properties that must be text when present (NaN/None count as absent).
TEXT: tuple[str, ...] = ("kind", "id", "name", "name_en", "code", "river", "province",
                         "province_name", "seat", "status_2022", "status_basis", "gso_code",
                         "cost", "cost_en", "construction_start", "opened", "note", "note_en",
                         "position", "part", "naming", "same_as", "river_id", "river_line_note",
                         "river_line_note_en")

#: Properties that must be numbers when present: they are drawn (circle radius) or formatted.
NUMBERS: tuple[str, ...] = ("length_m", "uncertainty_m", "uncertainty_along_m",
                             "uncertainty_across_m", "level", "population", "rank", "geonameid",
                             "polygons")

#: Valid `position` values: absent means surveyed; "schematic" means placed by rule.
POSITIONS: tuple[str, ...] = ("schematic",)

#: Catalogue of per-layer sources shown in the app ("Nguồn dữ liệu").
CATALOGUE_FILE = "sources.json"

#: Valid `status_2022` values of a district-level unit.
DISTRICT_STATUSES: tuple[str, ...] = ("thành phố", "thị xã", "huyện", "quận")


def required(kind: str) -> tuple[str, ...]:
    """All properties a feature of this kind must have."""
    common = tuple(p for p in COMMON if not (p == "name" and kind in UNNAMED_KINDS))
    return common + REQUIRED.get(kind, ())
