"""The cited river courses that scripts/build_basemap.py names on GSHHG lines, and the measured
accuracy of those lines. Data, not code: each course says where a source puts the river.

Course points, in downstream order:
- ("place", geonameid): the network vertex nearest a GeoNames place the source puts on the river;
- ("between", a, b): where the straight line between two places on opposite banks crosses the
  largest river it meets (the crossing nearest their midpoint);
- ("upstream",) first: extend the reach up to the confluence above;
- ("mouth",) last: continue to the nearest end of the network (the coast).
GeoNames ids (cities500): Kinh Môn 1578828, Đông Triều 1582497, Núi Đèo (Thủy Nguyên) 1571768,
An Dương 1594454, Hải Phòng 1581298, Kiến An 1579018, Thanh Hà 8607221, An Lão 8595083, Tiên Lãng
8595111, Núi Đối (Kiến Thụy) 8595146.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# --- Measured accuracy of GSHHG rivers here (shared/docs/offline-basemap-sources.md; re-measured by
# tests/test_basemap.py against the official district borders, which are never shipped).
MEASURED = {
    "kinh-thay": "approximate — GSHHG river line (CIA WDB II): the Kinh Môn – Đông Triều border, "
                 "which follows the river, lies 2.0 km (median) and up to 4.5 km from the nearest "
                 "GSHHG line (50 points): coarse here",
    "han": "approximate — GSHHG river line (CIA WDB II): the Kinh Môn – Thủy Nguyên border, which "
           "follows the river, lies 0.25 km (median) and up to 1.05 km from the nearest GSHHG line "
           "(50 points)",
    "van-uc": "approximate — GSHHG river line (CIA WDB II): the Thanh Hà – An Lão border, which "
              "follows the river, lies 0.3 km (median) and up to 0.9 km from the line (50 points)",
}
#: Across-river bound (m) per measured reach: the measured maximum, rounded up.
MEASURED_M = {"kinh-thay": 4600, "han": 1100, "van-uc": 1000}
UNMEASURED = ("approximate — not measured; GSHHG from CIA WDB II (1:1,000,000 class). Where measured "
              "in this region the lines lie 0.25–1.8 km (median) and up to 4.4 km from the river: "
              "assume up to 5 km")
UNMEASURED_M = 5000


@dataclass(frozen=True)
class Course:
    """A cited river reach: course points in downstream order, and the citation of its course."""

    id: str
    name: str
    name_en: str
    points: tuple[tuple[Any, ...], ...]
    sources: tuple[str, ...]


COURSES: tuple[Course, ...] = (
    Course("kinh-thay", "sông Kinh Thầy", "Kinh Thay River",
           (("upstream",), ("between", 1582497, 1578828), ("place", 1578828)),
           ("https://onnguonsuviet.com/p104a645/song-nui-nuoc-nam-dat-linh-sinh-nhan-kiet-he-thong-song-"
            "thai-binh-tren-dong-bang-bac-viet-phan-1-of-2- (sông Kinh Thầy là một trong hai sông "
            "chảy ra từ Lục Đầu, Phả Lại, Chí Linh)",
           "https://tailieu.vn/doc/song-bach-dang-va-cua-bien-bach-dang-nghien-cuu-dia-ly-hoc-lich-"
            "su-2251076.html (Trần Trọng Dương 2019: hệ sông Bạch Đằng thuộc hệ thống sông Kinh "
            "Thầy; bờ nam gồm Thủy Nguyên và Kinh Môn)",
            "hoanhap.vn; https://baophapluat.vn/cau-trieu-tag18883.html (cầu Triều qua sông Kinh Thầy nối "
            "thị xã Đông Triều với thị xã Kinh Môn)")),
    Course("han", "sông Hàn", "Han River",
           (("place", 1578828), ("between", 1578828, 1571768), ("place", 1594454)),
           ("https://m.khoahocdoisong.vn/hai-phong-chuan-bi-khoi-cong-2-cau-noi-voi-tinh-hai-duong-post130310"
            ".html (cầu Dinh qua sông Hàn nối Thủy Nguyên với Kinh Môn; sông Hàn là nhánh hạ lưu "
            "sông Kinh Thầy)",
            "https://bitum.vn/2021/05/04/du-an-xay-dung-cau-dinh-ket-noi-kinh-mon-hai-duong-va-thuy-nguyen-"
            "hai-phong/")),
    Course("cam", "sông Cấm", "Cam River",
           (("place", 1594454), ("place", 1581298)),
           ("http://anhp.vn/doi-bo-song-cam-d33535.html (17/03/2020: sông Cấm, một nhánh của sông Kinh Thầy, "
            "vào Hải Phòng ở xã An Sơn, Thủy Nguyên, chảy tây bắc – đông nam qua thành phố, đổ ra "
            "biển ở cửa Cấm; dài 37 km)",)),
    Course("lach-tray", "sông Lạch Tray", "Lach Tray River",
           (("between", 1594454, 1579018), ("mouth",)),
           ("http://tongocthach.vn/van-xuoi/nguon-goc-song-lach-tray-hai-phong-3013.html (sông Lạch Tray nối "
            "từ ngã ba Trạm Bạc, xã Lê Lợi, An Dương, qua Bến Đạt, Lê Chân, ra cửa Lạch)",
            "http://holuongduclaocai.blogspot.com/2012/06/noi-dong-van-uc-que-huong-o-ra-bien.html (bán đảo "
            "Đồ Sơn nằm giữa hai cửa sông Lạch Tray và Văn Úc)")),
    Course("van-uc", "sông Văn Úc", "Van Uc River",
           (("upstream",), ("between", 8607221, 8595083), ("between", 8595111, 8595146), ("mouth",)),
           ("https://holuongduclaocai.blogspot.com/2023/04/dong-van-uc-va-cau-khue.html (sông Văn Úc bắt "
            "đầu ở ngã ba Cửa Dưa, xã Thanh Xuân, huyện Thanh Hà)",
            "http://holuongduclaocai.blogspot.com/2012/06/noi-dong-van-uc-que-huong-o-ra-bien.html (hạ lưu "
            "Văn Úc nối Tân Trào, Kiến Thụy với Hùng Thắng, Tiên Lãng; cửa Văn Úc ở phía tây nam "
            "bán đảo Đồ Sơn)",
            "betongminhson.com (trích cổng TTĐT Hải Phòng: cầu Quang Thanh qua sông Văn Úc nối Thanh Hà với An Lão)")),
)
