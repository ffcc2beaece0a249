"""Every UI string, Vietnamese first, English second."""

from __future__ import annotations

LANGS: tuple[str, ...] = ("vi", "en")
DEFAULT_LANG = "vi"

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {
        "vi": "Liên kết vùng Hải Dương – Hải Phòng – Quảng Ninh",
        "en": "Regional linkage: Hai Duong – Hai Phong – Quang Ninh",
    },
    "app_subtitle": {
        "vi": "Bản đồ văn bản liên kết 3 tỉnh giai đoạn 2022–2025 (ký ngày 13/3/2022). "
              "Địa giới hành chính năm 2022.",
        "en": "A map of the three provinces' 2022–2025 linkage agreement (signed 13 March 2022). "
              "Administrative boundaries as of 2022.",
    },
    "language": {"vi": "Ngôn ngữ", "en": "Language"},
    # Each language is named in itself, the same in both interfaces.
    "lang_vi": {"vi": "Tiếng Việt", "en": "Tiếng Việt"},
    "lang_en": {"vi": "English", "en": "English"},
    "bridge_select": {"vi": "Chọn cầu", "en": "Choose a bridge"},
    "bridge_none": {"vi": "— Không chọn —", "en": "— None —"},
    "layers": {"vi": "Lớp bản đồ", "en": "Map layers"},
    "layer_provinces": {"vi": "Tỉnh, thành phố", "en": "Provinces"},
    "layer_districts": {"vi": "Huyện, thị xã, thành phố (trụ sở)", "en": "Districts (seats)"},
    "layer_bridges": {"vi": "Cầu liên kết", "en": "Linking bridges"},
    "layer_heritage": {"vi": "Di sản", "en": "Heritage"},
    "layer_tourism": {"vi": "Trung tâm du lịch", "en": "Tourism centres"},
    "layer_partners": {"vi": "Tỉnh liên kết du lịch", "en": "Tourism partner provinces"},
    "layer_ring": {"vi": "Vành đai kết nối 9 tỉnh", "en": "9-province connectivity ring"},
    "layer_selection": {"vi": "Cầu đang chọn", "en": "Selected bridge"},
    "basemap_osm": {"vi": "Nền OpenStreetMap (cần mạng)", "en": "OpenStreetMap (online)"},
    "unknown_bridge": {
        "vi": "Không tìm thấy cầu có mã “{value}” trong liên kết. Hãy chọn một cầu trong danh sách.",
        "en": "No bridge with id “{value}” is in this link. Please choose one from the list.",
    },
    "click_hint": {
        "vi": "Bấm vào một cây cầu trên bản đồ, hoặc chọn trong danh sách bên trái, "
              "để xem các địa phương mà cầu kết nối.",
        "en": "Click a bridge on the map, or choose one in the list on the left, "
              "to see the districts it connects.",
    },
    # Detail panel
    "panel_river": {"vi": "Sông", "en": "River"},
    "panel_connects": {"vi": "Kết nối", "en": "Connects"},
    "panel_bank": {"vi": "Bờ {n}", "en": "Bank {n}"},
    "panel_length": {"vi": "Chiều dài", "en": "Length"},
    "panel_cost": {"vi": "Tổng mức đầu tư", "en": "Investment"},
    "panel_started": {"vi": "Khởi công", "en": "Construction began"},
    "panel_opened": {"vi": "Thông xe", "en": "Opened"},
    "panel_status_2022": {"vi": "Cấp hành chính (2022)", "en": "Status (2022)"},
    "panel_seat": {"vi": "Trụ sở", "en": "Seat"},
    "panel_sources": {"vi": "Nguồn", "en": "Sources"},
    "panel_accuracy": {"vi": "Độ chính xác vị trí", "en": "Positional accuracy"},
    "panel_notes": {"vi": "Ghi chú", "en": "Notes"},
    "panel_unknown": {"vi": "chưa xác định được", "en": "not established"},
    "metres": {"vi": "{value} m", "en": "{value} m"},
    "accuracy_metres": {"vi": "khoảng ±{value} m", "en": "about ±{value} m"},
    # Tooltip field labels
    "f_name": {"vi": "Tên", "en": "Name"},
    "f_name_en": {"vi": "Tên tiếng Anh", "en": "English name"},
    "f_code": {"vi": "Mã tỉnh (TCTK)", "en": "GSO code"},
    "f_province": {"vi": "Tỉnh", "en": "Province"},
    "f_river": {"vi": "Sông", "en": "River"},
    "f_status": {"vi": "Cấp (2022)", "en": "Status (2022)"},
    "f_unesco": {"vi": "UNESCO", "en": "UNESCO"},
    "f_role": {"vi": "Vai trò", "en": "Role"},
    "f_sources": {"vi": "Nguồn", "en": "Sources"},
    "f_accuracy": {"vi": "Độ chính xác", "en": "Accuracy"},
    "f_connects": {"vi": "Kết nối", "en": "Connects"},
    "role_focus": {"vi": "Một trong 3 tỉnh ký kết", "en": "One of the three signatories"},
    "role_ring": {"vi": "Thuộc vành đai kết nối 9 tỉnh", "en": "In the 9-province ring"},
    "role_partner": {"vi": "Tỉnh liên kết phát triển du lịch", "en": "Tourism partner province"},
    "role_ring_line": {
        "vi": "Vành đai kết nối 9 tỉnh — đường nối trụ sở các tỉnh theo thứ tự địa lý (sơ đồ, "
              "không phải tuyến đường thật)",
        "en": "9-province ring — a line through the provincial seats in geographic order "
              "(schematic, not a real route)",
    },
    "role_partner_link": {
        "vi": "Liên kết du lịch với {name} — đường sơ đồ từ tâm 3 trụ sở tỉnh ký kết, "
              "không phải tuyến đường thật",
        "en": "Tourism link with {name} — schematic line from the centre of the three "
              "signatories' seats, not a real route",
    },
    "f_position": {"vi": "Vị trí", "en": "Position"},
    "position_schematic": {
        "vi": "sơ đồ — chưa xác định được điểm cầu vượt sông (sai số tới ~{km} km)",
        "en": "schematic — the crossing is not established (up to ~{km} km off)",
    },
    "position_caveat": {
        "vi": "⚠️ Vị trí cầu trên bản đồ chỉ là **điểm sơ đồ**: chưa có nguồn công bố tọa độ điểm "
              "vượt sông mà dự án được phép dùng. Vòng tròn nét đứt cho biết phạm vi sai số. "
              "Các địa phương hai bờ, con sông và số liệu dưới đây có nguồn dẫn.",
        "en": "⚠️ The bridge's position on the map is a **schematic marker**: no published "
              "coordinate of the crossing that the project may use could be found. The dashed "
              "circle shows the uncertainty. The districts on each bank, the river and the figures "
              "below are sourced.",
    },
    "schematic": {"vi": "sơ đồ (không phải vị trí đo đạc)", "en": "schematic (not a surveyed position)"},
    # Eras: 2022 as signed ↔ after the reform of 1 July 2025
    "era_label": {"vi": "Bản đồ hành chính", "en": "Administrative map"},
    "era_2022": {"vi": "2022", "en": "2022"},
    "era_2025": {"vi": "Sau 01/07/2025", "en": "After 1 July 2025"},
    "app_subtitle_2025": {
        "vi": "Bản đồ văn bản liên kết 3 tỉnh giai đoạn 2022–2025 (ký ngày 13/3/2022). "
              "Địa giới hành chính sau ngày 01/7/2025: 34 tỉnh, thành phố; không còn cấp huyện.",
        "en": "A map of the three provinces' 2022–2025 linkage agreement (signed 13 March 2022). "
              "Administrative units after 1 July 2025: 34 provinces and cities; no district level.",
    },
    "unknown_era": {
        "vi": "Không có bản đồ “{value}”. Đang hiển thị bản đồ năm 2022; chọn “Sau 01/07/2025” "
              "để xem địa giới mới.",
        "en": "There is no “{value}” map. Showing the 2022 map; choose “After 1 July 2025” for "
              "the new units.",
    },
    "layer_provinces_2025": {"vi": "Tỉnh, thành phố (từ 01/7/2025)",
                             "en": "Provinces (from 1 July 2025)"},
    "f_code_2025": {"vi": "Mã tỉnh (từ 1/7/2025)", "en": "Code (from 1 July 2025)"},
    "f_formed_from": {"vi": "Hình thành từ (2022)", "en": "Formed from (2022)"},
    "f_became": {"vi": "Năm 2022 → 2025", "en": "2022 → 2025"},
    "unit_unchanged": {"vi": "không sáp nhập", "en": "not merged"},
    "role_focus_2025": {
        "vi": "Gồm tỉnh, thành phố ký kết năm 2022: {names}",
        "en": "Holds the 2022 signatory: {names}",
    },
    "ring_spans_2025": {
        "vi": "từ 01/7/2025, 9 tỉnh của vành đai thuộc {n} tỉnh, thành phố",
        "en": "since 1 July 2025 the 9 ring provinces lie in {n} provinces and cities",
    },
    "panel_bank_2025": {
        "vi": "{district}, {province} (2022) → thuộc {unit} (từ 1/7/2025)",
        "en": "{district}, {province} (2022) → in {unit} (since 1 July 2025)",
    },
    "panel_no_districts": {
        "vi": "Từ 01/7/2025 không còn cấp huyện: thị xã, huyện nêu trên là tên năm 2022; địa bàn "
              "của chúng nay thuộc các xã, phường mới.",
        "en": "Since 1 July 2025 the district level no longer exists: the districts above are 2022 "
              "units; their area now belongs to new communes and wards.",
    },
    "era_title_2025": {"vi": "Sau ngày 01/7/2025", "en": "After 1 July 2025"},
    "era_merger": {
        "vi": "Nghị quyết {resolution} của Quốc hội (thông qua {date}, chính quyền mới hoạt động từ "
              "{effective}): 63 tỉnh, thành phố còn 34.",
        "en": "National Assembly Resolution {resolution} (passed {date}, new governments from "
              "{effective}): 63 provinces and cities became 34.",
    },
    "era_ring_2025": {
        "vi": "Vành đai 9 tỉnh (2022) nay thuộc {n} tỉnh, thành phố:",
        "en": "The 9-province ring (2022) now lies in {n} provinces and cities:",
    },
    "era_partners_2025": {
        "vi": "6 tỉnh liên kết du lịch (2022) nay thuộc {n} tỉnh, thành phố:",
        "en": "The 6 tourism partners (2022) now lie in {n} provinces and cities:",
    },
    "timeline_title": {"vi": "Mốc thời gian", "en": "Timeline"},
    "timeline_signed": {
        "vi": "13/3/2022 — ký văn bản liên kết 3 tỉnh tại TP Chí Linh (Hải Dương).",
        "en": "13 March 2022 — the three-province agreement is signed in Chí Linh (Hải Dương).",
    },
    "timeline_ha_long": {
        "vi": "16/9/2023 — UNESCO công nhận Vịnh Hạ Long – Quần đảo Cát Bà là di sản thiên nhiên "
              "thế giới (mở rộng, quyết định 45 COM 8B.3).",
        "en": "16 September 2023 — UNESCO inscribes Hạ Long Bay – Cát Bà Archipelago as a natural "
              "World Heritage property (extension, decision 45 COM 8B.3).",
    },
    "timeline_yen_tu": {
        "vi": "12/7/2025 — UNESCO công nhận Quần thể di tích và danh thắng Yên Tử – Vĩnh Nghiêm – "
              "Côn Sơn, Kiếp Bạc là di sản văn hóa thế giới.",
        "en": "12 July 2025 — UNESCO inscribes the Yên Tử – Vĩnh Nghiêm – Côn Sơn, Kiếp Bạc "
              "complex as a cultural World Heritage property.",
    },
    "timeline_merger": {
        "vi": "01/7/2025 — tỉnh Hải Dương và TP Hải Phòng hợp nhất thành TP Hải Phòng (Nghị quyết "
              "202/2025/QH15); cả nước còn 34 tỉnh, thành phố, không còn cấp huyện.",
        "en": "1 July 2025 — Hải Dương province and Hải Phòng city merge as Hải Phòng city "
              "(Resolution 202/2025/QH15); 34 provinces and cities remain, with no district level.",
    },
    # Legend
    "legend_title": {"vi": "Chú giải", "en": "Legend"},
    "province_30": {"vi": "Hải Dương (ký kết)", "en": "Hải Dương (signatory)"},
    "province_31": {"vi": "Hải Phòng (ký kết)", "en": "Hải Phòng (signatory)"},
    "province_22": {"vi": "Quảng Ninh (ký kết)", "en": "Quảng Ninh (signatory)"},
    "legend_other": {"vi": "Tỉnh khác", "en": "Other provinces"},
    "legend_bridge": {"vi": "Cầu liên kết", "en": "Linking bridge"},
    "legend_selected": {"vi": "Cầu đang chọn / địa phương được nối", "en": "Selected bridge / its districts"},
    "legend_district": {"vi": "Trụ sở huyện, thị xã, thành phố", "en": "District seat"},
    "legend_heritage": {"vi": "Di sản UNESCO", "en": "UNESCO heritage"},
    "legend_tourism": {"vi": "Trung tâm du lịch", "en": "Tourism centre"},
    "legend_ring": {"vi": "Vành đai 9 tỉnh", "en": "9-province ring"},
    "legend_partner": {"vi": "Tỉnh liên kết du lịch", "en": "Tourism partner"},
    "legend_offline": {
        "vi": "Không có mạng: nền bản đồ trống, các lớp dữ liệu vẫn hiển thị.",
        "en": "Offline: no background tiles; the data layers still show.",
    },
    # Agreement panel
    "agreement_title": {"vi": "Về văn bản liên kết", "en": "About the agreement"},
    "agreement_signed": {
        "vi": "Hội nghị ngày **13/3/2022** tại **thành phố Chí Linh (Hải Dương)**: lãnh đạo ba tỉnh, "
              "thành phố ký văn bản triển khai các biện pháp thúc đẩy liên kết 3 tỉnh giai đoạn "
              "2022–2025.",
        "en": "Conference of **13 March 2022** in **Chí Linh city (Hải Dương)**: the leaders of the "
              "three provinces signed a document on measures to promote their linkage in 2022–2025.",
    },
    "agreement_principle": {
        "vi": "Nguyên tắc: **“Chia sẻ – Đồng thuận – Cùng phát triển”**.",
        "en": "Principle: **“Share – Consensus – Develop together”** "
              "(“Chia sẻ – Đồng thuận – Cùng phát triển”).",
    },
    "agreement_priorities": {"vi": "Các nội dung hợp tác trọng tâm", "en": "Cooperation priorities"},
    "priority_1": {
        "vi": "Chủ động triển khai chiến lược “Thích ứng an toàn, linh hoạt, kiểm soát hiệu quả "
              "dịch Covid-19”; tăng cường liên kết vùng gắn với bảo đảm quốc phòng, an ninh.",
        "en": "Carry out the “safe, flexible adaptation, effective control of Covid-19” strategy; "
              "strengthen regional linkage together with defence and security.",
    },
    "priority_2": {
        "vi": "Đẩy nhanh, hoàn thiện hệ thống kết cấu hạ tầng giao thông đồng bộ, hiện đại, "
              "liên thông.",
        "en": "Speed up and complete a modern, connected transport infrastructure.",
    },
    "priority_3": {
        "vi": "Mở rộng không gian liên thông kết nối 9 tỉnh, thành phố: Hà Nội, Quảng Ninh, "
              "Vĩnh Phúc, Thái Nguyên, Bắc Giang, Hải Dương, Thái Bình, Hà Nam, Hòa Bình.",
        "en": "Widen the connected space to 9 provinces: Hà Nội, Quảng Ninh, Vĩnh Phúc, "
              "Thái Nguyên, Bắc Giang, Hải Dương, Thái Bình, Hà Nam, Hòa Bình.",
    },
    "priority_4": {
        "vi": "Phối hợp thu hút đầu tư hạ tầng cụm công nghiệp; liên kết phát triển công nghiệp.",
        "en": "Jointly attract investment in industrial clusters; link industrial development.",
    },
    "priority_5": {
        "vi": "Cải cách hành chính, cải thiện môi trường đầu tư kinh doanh, nâng cao năng lực "
              "cạnh tranh cấp tỉnh; xúc tiến đầu tư; chuyển đổi số.",
        "en": "Administrative reform, a better business climate and provincial competitiveness; "
              "investment promotion; digital transformation.",
    },
    "priority_6": {
        "vi": "Phát triển nguồn nhân lực chất lượng cao và lao động có kỹ năng.",
        "en": "Develop high-quality human resources and skilled labour.",
    },
    "priority_7": {
        "vi": "Quản lý, bảo vệ di sản Vịnh Hạ Long – Quần đảo Cát Bà, vịnh Lan Hạ; xây dựng Cát Bà, "
              "Đồ Sơn, Hạ Long thành trung tâm du lịch quốc tế; hoàn thiện hồ sơ UNESCO quần thể "
              "Yên Tử – Côn Sơn, Kiếp Bạc.",
        "en": "Manage and protect Hạ Long Bay – Cát Bà Archipelago and Lan Hạ Bay; make Cát Bà, "
              "Đồ Sơn and Hạ Long international tourism centres; complete the UNESCO dossier for "
              "Yên Tử – Côn Sơn, Kiếp Bạc.",
    },
    "agreement_source": {
        "vi": "Nguồn: Báo Nhân Dân, tháng 3/2022.",
        "en": "Source: Nhân Dân newspaper, March 2022.",
    },
    "corrections_title": {"vi": "Đính chính so với bài báo", "en": "Corrections to the article"},
    "correction_thuy_nguyen": {
        "vi": "Bài báo gọi Thủy Nguyên là “thị xã”; năm 2022 Thủy Nguyên là **huyện** (lên thành phố "
              "từ 01/01/2025).",
        "en": "The article calls Thủy Nguyên a “thị xã” (town); in 2022 it was a **huyện** (rural "
              "district; a city from 1 Jan 2025).",
    },
    "correction_bridges": {
        "vi": "Bài báo gộp cầu Triều, cầu Mây, cầu “Đồng Mai” là cầu nối Chí Linh, Kinh Môn với "
              "Đông Triều. Thực tế: cầu Triều nối Kinh Môn – Đông Triều; cầu **Đông Mai** nối "
              "**Chí Linh** – Đông Triều; cầu **Mây** nối Kinh Môn với **Kim Thành** (cả hai thuộc "
              "Hải Dương) trên tuyến ĐT389 dẫn tới cầu Triều.",
        "en": "The article groups cầu Triều, cầu Mây and cầu “Đồng Mai” as linking Chí Linh and Kinh "
              "Môn with Đông Triều. In fact cầu Triều links Kinh Môn – Đông Triều; cầu **Đông Mai** "
              "links **Chí Linh** – Đông Triều; cầu **Mây** links Kinh Môn with **Kim Thành** (both "
              "in Hải Dương), on road ĐT389 leading to cầu Triều.",
    },
    "correction_crosswise": {
        "vi": "Cầu Dinh nối Thủy Nguyên – Kinh Môn; cầu Quang Thanh nối An Lão – Thanh Hà (bài báo "
              "liệt kê hai cặp theo thứ tự chéo).",
        "en": "Cầu Dinh links Thủy Nguyên – Kinh Môn; cầu Quang Thanh links An Lão – Thanh Hà (the "
              "article lists the two pairs crosswise).",
    },
    "correction_dong_trieu_ok": {
        "vi": "Bài báo gọi Đông Triều là “thị xã” — đúng với năm 2022 (lên thành phố từ 01/11/2024).",
        "en": "The article calls Đông Triều a “thị xã” (town) — correct for 2022 (a city from "
              "1 Nov 2024).",
    },
    # Boundary packs
    "pack_title": {"vi": "Ranh giới hành chính đang dùng", "en": "Boundaries in use"},
    "pack_shipped": {
        "vi": "Ranh giới tỉnh Natural Earth (thô, sai lệch tới ~1 km dọc sông); chưa có ranh giới "
              "huyện — chỉ hiển thị trụ sở. Tải về hoặc nhập ranh giới chi tiết bên dưới.",
        "en": "Natural Earth province boundaries (coarse, up to ~1 km off along rivers); no "
              "district boundaries — district seats only. Download or import detailed ones below.",
    },
    "pack_in_use": {
        "vi": "Ranh giới chi tiết ({origin}): {source} — giấy phép: {licence} — thời điểm: "
              "{vintage} — {districts} huyện.",
        "en": "Detailed boundaries ({origin}): {source} — licence: {licence} — vintage: "
              "{vintage} — {districts} districts.",
    },
    "pack_origin_configured": {"vi": "theo cấu hình", "en": "configured"},
    "pack_origin_imported": {"vi": "đã nhập", "en": "imported"},
    "pack_origin_downloaded": {"vi": "đã tải về", "en": "downloaded"},
    "pack_skipped": {
        "vi": "Bỏ qua một bộ ranh giới không đọc được: {note}",
        "en": "Skipped an unreadable boundary pack: {note}",
    },
    "pack_get": {"vi": "Lấy ranh giới chi tiết", "en": "Get detailed boundaries"},
    "pack_howto": {
        "vi": "Tải bộ geoBoundaries (gbOpen) hoặc nhập tệp của bạn bằng dòng lệnh: "
              "`python -m lienket boundaries import TỆP...` (GeoJSON, GeoPackage, Shapefile; hệ tọa "
              "độ bất kỳ). Xem README.",
        "en": "Download the geoBoundaries (gbOpen) pack, or import your own files from the command "
              "line: `python -m lienket boundaries import FILE...` (GeoJSON, GeoPackage, "
              "Shapefile; any CRS). See the README.",
    },
    "pack_download": {"vi": "Tải geoBoundaries (~{mb} MB)", "en": "Download geoBoundaries (~{mb} MB)"},
    "pack_downloading": {"vi": "Đang tải…", "en": "Downloading…"},
    "pack_download_failed": {
        "vi": "Không tải được ranh giới: {error}. Bản đồ vẫn dùng ranh giới hiện có.",
        "en": "Could not download the boundaries: {error}. The map keeps the boundaries in use.",
    },
    # Sources section
    "sources_title": {"vi": "Nguồn dữ liệu", "en": "Data sources"},
    "sources_intro": {
        "vi": "Mọi tọa độ đều có nguồn; độ chính xác ghi theo từng đối tượng. Chi tiết: "
              "geodata/SOURCES.md.",
        "en": "Every coordinate has a source; accuracy is given per feature. Details: "
              "geodata/SOURCES.md.",
    },
    "col_layer": {"vi": "Lớp", "en": "Layer"},
    "col_source": {"vi": "Nguồn", "en": "Source"},
    "col_licence": {"vi": "Giấy phép", "en": "Licence"},
    "col_accuracy": {"vi": "Độ chính xác", "en": "Accuracy"},
    "col_features": {"vi": "Số đối tượng", "en": "Features"},
    "data_problem_layer": {
        "vi": "Lớp “{layer}” không hiển thị được vì tệp **{file}** có lỗi. Các lớp khác vẫn "
              "hoạt động.",
        "en": "The “{layer}” layer cannot be shown because **{file}** has errors. "
              "The other layers still work.",
    },
    "osm_attribution": {
        "vi": "Dữ liệu bản đồ nền © OpenStreetMap contributors (ODbL)",
        "en": "Background map data © OpenStreetMap contributors (ODbL)",
    },
    # Bad input: data problems per file, and links whose parameters were not used
    "layer_seats": {"vi": "Trụ sở tỉnh", "en": "Provincial seats"},
    "data_problem_file": {
        "vi": "Tệp **{file}** có lỗi dữ liệu nhưng vẫn được dùng (chữ luôn hiện nguyên văn):",
        "en": "**{file}** has data errors but is still used (text is always shown literally):",
    },
    "data_problem_warning": {
        "vi": "Tệp **{file}** có điểm cần kiểm tra:",
        "en": "**{file}** has things to check:",
    },
    "data_problem_more": {"vi": "… và {n} lỗi khác", "en": "… and {n} more"},
    "url_repeated": {
        "vi": "Liên kết có nhiều giá trị khác nhau cho “{param}” (“{value}”); đang dùng mặc định.",
        "en": "The link gives “{param}” several different values (“{value}”); using the default.",
    },
    "url_too_long": {
        "vi": "Giá trị “{param}” trong liên kết quá dài (“{value}”); đang dùng mặc định.",
        "en": "The link's “{param}” value is too long (“{value}”); using the default.",
    },
    "url_odd": {
        "vi": "Giá trị “{param}” trong liên kết có ký tự lạ (“{value}”); đang dùng mặc định.",
        "en": "The link's “{param}” value has unexpected characters (“{value}”); using the "
              "default.",
    },
    "url_unknown": {
        "vi": "Liên kết có “{param}” = “{value}” không hợp lệ; đang dùng mặc định.",
        "en": "The link's “{param}” = “{value}” is not a known value; using the default.",
    },
    "url_unknown_layers": {
        "vi": "Liên kết nhắc tới lớp không có: “{value}” — đã bỏ qua.",
        "en": "The link names layers that do not exist: “{value}” — ignored.",
    },
    # Map tools (lienket.controls)
    "minimap_hide": {"vi": "Ẩn bản đồ nhỏ", "en": "Hide the minimap"},
    "minimap_show": {"vi": "Hiện bản đồ nhỏ", "en": "Show the minimap"},
    "fullscreen": {"vi": "Toàn màn hình", "en": "Full screen"},
    "fullscreen_exit": {"vi": "Thoát toàn màn hình", "en": "Exit full screen"},
    "measure_line": {"vi": "Đo khoảng cách", "en": "Measure a distance"},
    "measure_area": {"vi": "Đo diện tích", "en": "Measure an area"},
    "measure_cancel": {"vi": "Hủy", "en": "Cancel"},
    "measure_finish": {"vi": "Xong", "en": "Finish"},
    "measure_undo": {"vi": "Xóa điểm cuối", "en": "Delete last point"},
    "measure_line_start": {"vi": "Bấm để bắt đầu đo.", "en": "Click to start measuring."},
    "measure_line_cont": {"vi": "Bấm để thêm điểm.", "en": "Click to add a point."},
    "measure_line_end": {"vi": "Bấm lại điểm cuối để kết thúc.",
                         "en": "Click the last point again to finish."},
    "measure_area_start": {"vi": "Bấm để đặt đỉnh đầu tiên.", "en": "Click to place the first corner."},
    "measure_area_cont": {"vi": "Bấm để thêm đỉnh.", "en": "Click to add a corner."},
    "measure_area_end": {"vi": "Bấm đỉnh đầu tiên để khép vùng.",
                         "en": "Click the first corner to close the area."},
    "measure_remove": {"vi": "Xóa kết quả đo", "en": "Delete measurements"},
    "measure_done": {"vi": "Xong", "en": "Done"},
    "measure_clear": {"vi": "Xóa hết", "en": "Clear all"},
    "measure_remove_hint": {"vi": "Bấm vào kết quả đo để xóa.", "en": "Click a measurement to delete it."},
    "measure_distance_result": {"vi": "Khoảng cách", "en": "Distance"},
    "measure_area_result": {"vi": "Diện tích", "en": "Area"},
    "measure_perimeter": {"vi": "chu vi", "en": "perimeter"},
    # Legend (lienket.legend)
    "legend_era_2022": {"vi": "Địa giới năm 2022", "en": "2022 boundaries"},
    "legend_era_2025": {"vi": "Địa giới từ 01/7/2025", "en": "Boundaries from 1 July 2025"},
    "legend_unit_2025": {"vi": "{name} (gồm tỉnh ký kết)", "en": "{name} (holds a signatory)"},
    "legend_other_2025": {"vi": "Tỉnh, thành phố khác", "en": "Other provinces and cities"},
    "legend_district_area": {"vi": "Ranh giới huyện (gói ranh giới)", "en": "District boundary (pack)"},
    "legend_search": {"vi": "Địa điểm vừa tìm", "en": "Place found by search"},
    "legend_measure": {"vi": "Kết quả đo", "en": "Measurement"},
    "legend_empty": {"vi": "Chưa bật lớp nào.", "en": "No layer is shown."},
    # Search (lienket.search)
    "search_label": {"vi": "Tìm địa điểm", "en": "Find a place"},
    "search_placeholder": {"vi": "vd. cau trieu, ha long, kinh mon",
                           "en": "e.g. cau trieu, ha long, kinh mon"},
    "search_none": {"vi": "Không tìm thấy “{query}”.", "en": "Nothing matches “{query}”."},
    "search_more": {"vi": "… và {n} kết quả khác: gõ cụ thể hơn.",
                    "en": "… and {n} more: type more of the name."},
    "search_kind_province": {"vi": "tỉnh, thành phố (2022)", "en": "province (2022)"},
    "search_kind_province_2025": {"vi": "tỉnh, thành phố (từ 2025)", "en": "province (from 2025)"},
    "search_kind_district": {"vi": "trụ sở huyện", "en": "district seat"},
    "search_kind_district_area": {"vi": "ranh giới huyện", "en": "district boundary"},
    "search_kind_bridge": {"vi": "cầu liên kết", "en": "linking bridge"},
    "search_kind_heritage": {"vi": "di sản", "en": "heritage"},
    "search_kind_tourism": {"vi": "trung tâm du lịch", "en": "tourism centre"},
    "search_found": {"vi": "Địa điểm vừa tìm", "en": "Place found"},
    "search_clear": {"vi": "Bỏ đánh dấu", "en": "Clear the mark"},
    # Export (lienket.export)
    "export_title": {"vi": "Tải dữ liệu", "en": "Download data"},
    "export_intro": {
        "vi": "Các lớp đang bật, theo địa giới đang xem; mỗi đối tượng kèm nguồn và độ chính xác.",
        "en": "The layers shown, in the boundaries shown; every feature with its sources and "
              "accuracy.",
    },
    "export_selection": {"vi": "Đối tượng đang chọn", "en": "Current selection"},
    "export_nothing": {"vi": "Chưa bật lớp nào để tải.", "en": "No layer is shown to download."},
    # Share link
    "share_title": {"vi": "Liên kết tới khung nhìn này", "en": "Link to this view"},
    "share_copy": {"vi": "Sao chép liên kết", "en": "Copy link"},
    "share_copied": {"vi": "Đã sao chép", "en": "Copied"},
    "share_hint": {
        "vi": "Liên kết giữ cầu đang chọn, địa điểm vừa tìm, địa giới, các lớp và ngôn ngữ.",
        "en": "The link keeps the selected bridge, the place found, the boundaries, the layers "
              "and the language.",
    },
}


def t(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """The UI string `key` in `lang` (falling back to Vietnamese), formatted with `values`."""
    entry = STRINGS[key]
    text = entry.get(lang) or entry[DEFAULT_LANG]
    return text.format(**values) if values else text

