"""``dispatch-gen init FOLDER``: a working folder a newcomer can render and print at once.

The folder holds a commented example dispatch (``cong-van.yaml``, the Bình Sơn example with
a comment on every key), the unit figures as an Excel workbook with the office's column
titles (``so-lieu-don-vi.xlsx``), the JSON Schema the YAML's first line points to (so an
editor completes and checks keys offline) and a short guide in plain Vietnamese
(``HUONG-DAN.md``). ``dispatch-gen render cong-van.yaml`` works in it straight away.
The texts live here, in the package, because a wheel carries no ``examples/`` folder.
"""

from __future__ import annotations

from pathlib import Path

from dispatch_gen.errors import OutputError
from dispatch_gen.i18n import _
from dispatch_gen.input import schema

YAML_NAME = "cong-van.yaml"
SHEET_NAME = "so-lieu-don-vi.xlsx"
GUIDE_NAME = "HUONG-DAN.md"
SHEET_TITLE = "Số liệu"
#: the office's own column titles (see :mod:`dispatch_gen.input.sheets` for every accepted title)
COLUMNS = ("TT", "Khối", "Đơn vị", "Chỉ tiêu", "Đã kết nạp", "Chỉ tiêu tôn giáo", "Đã kết nạp tôn giáo")
#: the figures of examples/binh-son-don-vi-2024.csv: (khối, đơn vị, chỉ tiêu, đã kết nạp, tôn giáo…)
UNITS: tuple[tuple[str, str, int, int, int | None, int | None], ...] = (
    ("Trường học", "Đảng ủy Trường THPT Bình Sơn", 5, 5, None, None),
    ("Trường học", "Đảng ủy Trường THPT Trần Kỳ Phong", 4, 4, None, None),
    ("Trường học", "Đảng ủy Trường THPT Lê Quý Đôn", 5, 4, None, None),
    ("Trường học", "Đảng ủy Trường THCS & THPT Vạn Tường", 3, 3, None, None),
    ("Trường học", "Chi bộ Trường THPT Ba Gia", 3, 2, None, None),
    ("Y tế", "Đảng ủy Trung tâm Y tế huyện", 6, 6, None, None),
    ("Xã, thị trấn", "Đảng ủy xã Bình An", 12, 10, None, None),
    ("Xã, thị trấn", "Đảng ủy xã Bình Châu", 10, 5, None, None),
    ("Xã, thị trấn", "Đảng ủy xã Bình Chánh", 9, 4, None, None),
    ("Xã, thị trấn", "Đảng uỷ xã Bình Chương", 10, 5, 1, 0),
    ("Xã, thị trấn", "Đảng ủy xã Bình Dương", 7, 3, None, None),
    ("Xã, thị trấn", "Đảng ủy xã Bình Đông", 11, 9, None, None),
    ("Xã, thị trấn", "Đảng ủy xã Bình Hải", 10, 5, 1, 0),
    ("Xã, thị trấn", "Đảng ủy xã Bình Hiệp", 10, 8, 1, 0),
    ("Xã, thị trấn", "Đảng ủy xã Bình Hòa", 8, 4, None, None),
    ("Xã, thị trấn", "Đảng ủy xã Bình Khương", 8, 5, None, None),
    ("Xã, thị trấn", "Đảng ủy xã Bình Long", 8, 4, None, None),
    ("Xã, thị trấn", "Đảng ủy xã Bình Minh", 9, 8, None, None),
    ("Xã, thị trấn", "Đảng ủy xã Bình Mỹ", 10, 6, 1, 0),
    ("Xã, thị trấn", "Đảng ủy xã Bình Nguyên", 9, 3, None, None),
    ("Xã, thị trấn", "Đảng ủy xã Bình Phước", 8, 5, 1, 0),
    ("Xã, thị trấn", "Đảng ủy xã Bình Tân Phú", 8, 3, None, None),
    ("Xã, thị trấn", "Đảng ủy xã Bình Thanh", 8, 3, None, None),
    ("Xã, thị trấn", "Đảng ủy xã Bình Thạnh", 9, 5, 1, 0),
    ("Xã, thị trấn", "Đảng ủy xã Bình Thuận", 8, 4, None, None),
    ("Xã, thị trấn", "Đảng ủy xã Bình Trị", 8, 5, None, None),
    ("Xã, thị trấn", "Đảng ủy xã Bình Trung", 10, 9, None, None),
    ("Xã, thị trấn", "Đảng ủy thị trấn Châu Ô", 12, 7, 2, 0),
    ("Cơ quan", "Chi bộ Tài chính – Kế hoạch và Thống kê", 2, 2, None, None),
    ("Cơ quan", "Chi bộ Phòng Nông nghiệp và PTNT – Hạt kiểm lâm", 2, 2, None, None),
    ("Cơ quan", "Chi bộ Trung tâm Phát triển quỹ đất", 1, 1, None, None),
    ("Cơ quan", "Chi bộ Trung tâm GDNN-GDTX huyện", 2, 2, None, None),
    ("Cơ quan", "Chi bộ Văn phòng HĐND và UBND huyện", 2, 1, None, None),
    ("Cơ quan", "Chi bộ Phòng Giáo dục và Đào tạo", 3, 1, None, None),
    ("Cơ quan", "Chi bộ Ban Quản lý dự án đầu tư xây dựng huyện", 2, 0, None, None),
    ("Lực lượng vũ trang", "Đảng ủy Quân sự huyện", 4, 3, None, None),
    ("Lực lượng vũ trang", "Đảng ủy Công an huyện", 6, 4, None, None),
    ("Doanh nghiệp", "Chi bộ Công ty TNHH MTV Môi trường đô thị", 2, 0, None, None),
    ("Doanh nghiệp", "Chi bộ Công ty Cổ phần Nông sản Bình Sơn", 2, 1, None, None),
)

EXAMPLE_YAML = """# yaml-language-server: $schema=dispatch-gen.schema.json
#
# CÔNG VĂN MẪU: Ban Thường vụ Huyện ủy Bình Sơn đôn đốc kết nạp đảng viên (8 tháng đầu năm 2024).
# Sửa các dòng dưới đây thành công văn của mình rồi chạy:
#     dispatch-gen render cong-van.yaml --pdf
# Dòng bắt đầu bằng dấu # là lời giải thích, không in ra văn bản.
# Mỗi khóa (chữ trước dấu hai chấm) phải viết đúng như mẫu; thụt lề bằng dấu cách, không dùng phím Tab.
# Xem thêm: HUONG-DAN.md trong thư mục này.

the_thuc: dang                    # thể thức: dang (văn bản của Đảng, HD 36-HD/VPTW) hoặc nha_nuoc (NĐ 30/2020)

co_quan:                          # cơ quan ban hành (góc trái, đầu trang)
  cap_tren: ĐẢNG BỘ TỈNH QUẢNG NGÃI   # cơ quan cấp trên trực tiếp, viết IN HOA
  ten: HUYỆN ỦY BÌNH SƠN              # tên cơ quan ban hành, viết IN HOA
  ky_hieu: HU                         # chữ viết tắt trong số ký hiệu: Số …-CV/HU
  chu_the: Ban Thường vụ Huyện ủy     # tên viết trong câu, in ở dòng "kèm theo" của phụ lục

so:                               # số văn bản; để trống khi là bản dự thảo chờ ký
dia_danh: Bình Sơn                # địa danh ở dòng ngày tháng
ngay:                             # ngày ban hành, dạng 05/8/2024; để trống thì văn thư điền khi ký
nam: 2024                         # năm, in khi ngày còn để trống

trich_yeu: Tiếp tục tăng cường lãnh đạo công tác kết nạp đảng viên   # trích yếu, in dưới số ký hiệu

kinh_gui:                         # Kính gửi: mỗi nơi một dòng bắt đầu bằng "- ", không cần dấu câu cuối dòng
  - Các chi, đảng bộ trực thuộc Huyện ủy
  - Ủy ban Mặt trận Tổ quốc Việt Nam, các tổ chức CT-XH huyện
  - Ban Tổ chức Huyện ủy
  - Các đồng chí Huyện ủy viên

so_lieu:                          # số liệu từng đơn vị; mọi con số trong câu văn và phụ lục tính từ đây
  tinh_den: 05/8/2024             # số liệu tính đến ngày
  tep: so-lieu-don-vi.xlsx        # bảng tính Excel trong cùng thư mục (mở bằng Excel để sửa số)
  chi_so_phu:                     # chỉ số phụ: cột "Chỉ tiêu tôn giáo", "Đã kết nạp tôn giáo" của bảng tính
    ton_giao: tôn giáo
  tong_chi_tieu: 256              # tổng đã biết, để đối chiếu: báo lỗi nếu cộng các đơn vị không khớp
  tong_dat: 161
  khen:                           # đơn vị được biểu dương
    ty_le_tu: 80                  #   đạt từ 80% chỉ tiêu trở lên
  cham:                           # đơn vị chậm tiến độ
    ty_le_duoi: 50                #   chưa đạt 50% chỉ tiêu

han:                              # các mốc thời hạn; trong nội dung viết {{ han.dot_1 }}
  dot_1: 25/10/2024
  dot_2: 30/11/2024
  tham_dinh: 30/10/2024

# Nội dung: mỗi đoạn cách nhau một dòng trống, mọi dòng thụt vào 2 dấu cách.
#   **chữ đậm**   *chữ nghiêng*   [^ton_giao] chú thích cuối trang (nội dung ở mục chu_thich)
#   {{ tong.dat }}, {{ tong.ty_le | phan_tram }} … : con số tính từ so_lieu, không gõ tay
noi_dung: |
  Qua theo dõi, đánh giá việc kết nạp đảng viên trong {{ tinh_den.month }} tháng đầu năm {{ tinh_den.year }}, một số chi, đảng bộ quan tâm thực hiện tốt công tác kết nạp đảng viên, như: *{{ khen | danh_sach(", ") }}.* Tuy nhiên, vẫn còn một số chi, đảng bộ chưa xem đây là nhiệm vụ trọng tâm, thường xuyên trong công tác xây dựng Đảng, thiếu tập trung chỉ đạo công tác kết nạp đảng viên nên số lượng hồ sơ đề nghị kết nạp Đảng còn thấp{% if cham %}, có đơn vị đến nay kết nạp đảng chưa đạt {{ nguong_cham }}% chỉ tiêu được giao (*có phụ lục kèm theo*){% endif %}. Tính đến ngày {{ tinh_den | ngay }} có {{ tong.dat }}/{{ tong.chi_tieu }} đảng viên mới kết nạp (đạt {{ tong.ty_le | phan_tram }}); số đảng viên giới thiệu kết nạp Đảng từ hội viên, đoàn viên ưu tú của xã, thị trấn, từ lực lượng công nhân trong các đơn vị kinh tế tư nhân còn thấp và {% if chi_so.ton_giao.dat == 0 %}chưa có hồ sơ đề nghị kết nạp đảng đối với người theo tôn giáo{% else %}mới có {{ chi_so.ton_giao.dat }}/{{ chi_so.ton_giao.chi_tieu }} hồ sơ đề nghị kết nạp đảng đối với người theo tôn giáo{% endif %}. Để đảm bảo hoàn thành chỉ tiêu kết nạp đảng viên được giao trong năm {{ nam }}, Ban Thường vụ Huyện ủy yêu cầu:

  1. Các chi, đảng bộ trực thuộc Huyện ủy:

  - Tập trung chỉ đạo thực hiện tốt công tác tạo nguồn, kết nạp đảng viên; tăng cường công tác kiểm tra, đôn đốc thực hiện công tác kết nạp đảng viên, khẩn trương gửi hồ sơ đề nghị kết nạp Đảng về Ban Thường vụ Huyện ủy (*qua Ban Tổ chức Huyện ủy*) để thẩm định trình Ban Thường vụ Huyện ủy xem xét, quyết định kết nạp theo quy định. Phấn đấu **đến ngày {{ han.dot_1 }}** gửi hồ sơ đề nghị kết nạp đảng, hoàn thành chỉ tiêu được giao trong năm {{ nam }} (*đây là cơ sở để Ban Thường vụ Huyện ủy nhận xét, đánh giá và cộng điểm thi đua năm {{ nam }}*). Đối với các đơn vị chưa hoàn thành chỉ tiêu trong đợt ngày {{ han.dot_1 }} tiếp tục khẩn trương gửi hồ sơ đề nghị kết nạp đảng viên về Ban Tổ chức Huyện uỷ hoàn thành chỉ tiêu năm {{ nam }} **trước ngày {{ han.dot_2 }}**.

  - Các đơn vị[^ton_giao] được giao chỉ tiêu kết nạp đảng đối với quần chúng là người theo tôn giáo: Khẩn trương lập hồ sơ, thủ tục đề nghị kết nạp đảng đối với quần chúng là người theo tôn giáo gửi về Ban Thường vụ Huyện uỷ (*qua Ban Tổ chức Huyện uỷ*) trước **ngày {{ han.dot_2 }}** đảm bảo hoàn thành chỉ tiêu được giao.

  - Quan tâm kết nạp đảng trong lực lượng dân quân tự vệ, chú trọng xây dựng nguồn và kết nạp đảng trong lực lượng dự bị động viên ở cơ sở.

  - Chỉ đạo các tổ chức chính trị - xã hội giới thiệu hội viên, đoàn viên ưu tú cho cấp ủy chi bộ theo dõi, giúp đỡ, tạo nguồn kết nạp đảng viên ở từng chi bộ trực thuộc; đẩy mạnh công tác tuyên truyền, vận động, tạo nguồn kết nạp đảng viên đối với chủ doanh nghiệp, nhân viên, công nhân lao động trong các đơn vị kinh tế tư nhân và đối với quần chúng là người theo tôn giáo.

  - Chỉ đạo nâng cao trách nhiệm của đảng ủy viên phụ trách chi bộ; đảng viên phân công phụ trách hộ, nhóm hộ gia đình thực hiện tốt vai trò, trách nhiệm về tạo nguồn, kết nạp đảng viên, tuyên truyền, giáo dục lý tưởng cách mạng, đạo đức, lối sống lành mạnh, tốt đẹp, để giúp quần chúng nhận thức sâu sắc hơn về vị trí, vai trò lãnh đạo của Đảng, xác định động cơ đúng đắn trên cơ sở giác ngộ lý tưởng, tự giác phấn đấu, rèn luyện để được đứng trong hàng ngũ của Đảng.

  2. Ủy ban Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội huyện tăng cường chỉ đạo các đoàn thể ở các cơ quan, đơn vị, các xã, thị trấn tích cực tuyên truyền, vận động và giới thiệu hội viên, đoàn viên cho cấp ủy chi bộ theo dõi, giúp đỡ tạo nguồn kết nạp đảng đảm bảo chỉ tiêu được giao.

  3. Trung tâm Chính trị huyện xây dựng kế hoạch, thời gian phù hợp mở các lớp bồi dưỡng nhận thức về Đảng cho quần chúng để đảm bảo nguồn quần chúng kết nạp đảng trong thời gian đến.

  4. Giao các đồng chí Ủy viên Ban Thường vụ Huyện uỷ phụ trách cụm và phụ trách các chi, đảng bộ cơ quan, Huyện uỷ viên phụ trách xã tăng cường chỉ đạo các chi, đảng bộ phụ trách quan tâm đúng mức công tác phát triển đảng viên, hoàn thành chỉ tiêu được giao năm {{ nam }}.

  5. Giao Ban Tổ chức Huyện uỷ đẩy nhanh tiến độ thẩm định hồ sơ trình Ban Thường vụ Huyện uỷ xem xét kết nạp đảm bảo đạt chỉ tiêu tính giao trước **ngày {{ han.tham_dinh }}**; theo dõi, tham mưu Ban Thường vụ Huyện uỷ đánh giá chất lượng tổ chức cơ sở đảng và người đứng đầu cấp ủy chi, đảng bộ gắn với tiêu chí thực hiện chỉ tiêu kết nạp đảng viên năm {{ nam }}.

  Yêu cầu các chi, đảng bộ trực thuộc Huyện ủy, Ủy ban Mặt trận Tổ quốc Việt Nam huyện, các tổ chức chính trị - xã hội huyện, Ban Tổ chức Huyện ủy, các đồng chí Huyện ủy viên triển khai thực hiện nghiêm nội dung Công văn này.

chu_thich:                        # chú thích cuối trang: khóa → nội dung; trong nội dung đánh dấu bằng [^khoa]
  ton_giao: "{{ chi_so.ton_giao.don_vi | gop_tien_to }}"   # tự liệt kê các đơn vị có chỉ tiêu tôn giáo

noi_nhan:                         # Nơi nhận: mỗi nơi một dòng
  - Như trên
  - Lưu VPHU

ky:                               # người ký
  quyen_han: T/M BAN THƯỜNG VỤ    # quyền hạn ký (T/M, K/T, T/L …); để trống khi ký trực tiếp
  chuc_vu: PHÓ BÍ THƯ
  ho_ten: Nguyễn Văn Thái

phu_luc:                          # phụ lục: bảng số liệu, in ở trang riêng
  - ten: KẾT QUẢ KẾT NẠP ĐẢNG VIÊN 8 THÁNG ĐẦU NĂM 2024
    huong: doc                    # doc: khổ dọc; ngang: khổ ngang
    cot:                          # các cột: truong = dữ liệu, tieu_de = tiêu đề in ở bảng
      - {truong: tt, tieu_de: TT}
      - {truong: ten, tieu_de: "Chi, đảng bộ"}
      - {truong: chi_tieu, tieu_de: Chỉ tiêu năm 2024}
      - {truong: dat, tieu_de: Đã kết nạp}
      - {truong: ty_le, tieu_de: Tỷ lệ (%)}
      - {truong: ghi_chu, tieu_de: Ghi chú}
    danh_dau_cham:                # đơn vị chậm tiến độ: ghi chú và kiểu chữ (dam, nghieng, khong)
      ghi_chu: Chưa đạt {nguong}%
      kieu: dam
"""

GUIDE = """# Hướng dẫn nhanh cho cán bộ văn phòng

Thư mục này có sẵn một công văn mẫu. Làm theo các bước dưới đây để có công văn của mình.

## Trong thư mục có gì

| Tệp | Dùng để làm gì |
|---|---|
| `cong-van.yaml` | Nội dung công văn: cơ quan, trích yếu, kính gửi, nội dung, người ký… Mở bằng Notepad++ hoặc VS Code. |
| `so-lieu-don-vi.xlsx` | Số liệu từng đơn vị (chỉ tiêu, đã kết nạp…). Mở bằng Excel. |
| `dispatch-gen.schema.json` | Giúp VS Code gợi ý và kiểm tra các khóa khi gõ. Không cần mở. |
| `HUONG-DAN.md` | Tệp hướng dẫn này. |

## Bước 1. In thử công văn mẫu

Mở cửa sổ lệnh (Terminal) trong thư mục này và gõ:

    dispatch-gen render cong-van.yaml --pdf

Chương trình ghi ra `cong-van.docx` (mở bằng Word) và `cong-van.pdf` (để in).
Tệp PDF cần LibreOffice; nếu máy chưa có, vẫn có tệp Word để in.

## Bước 2. Sửa nội dung

Mở `cong-van.yaml`. Mỗi dòng có dạng `khóa: nội dung`.

- Chỉ sửa phần **sau** dấu hai chấm; giữ nguyên chữ trước dấu hai chấm (khóa).
- Dòng bắt đầu bằng `#` là lời giải thích, không in ra.
- Thụt lề bằng **dấu cách**, không dùng phím Tab.
- Danh sách (Kính gửi, Nơi nhận) mỗi nơi một dòng, bắt đầu bằng `- `.
- Nội dung công văn: mỗi đoạn cách nhau một dòng trống; `**đậm**`, `*nghiêng*`.
- Để trống `so:` và `ngay:` khi là bản dự thảo; văn thư điền khi ký ban hành.
- Lưu tệp với bảng mã UTF-8 (Notepad++: Encoding → UTF-8).

## Bước 3. Cập nhật số liệu

Mở `so-lieu-don-vi.xlsx` bằng Excel, sửa số hoặc thêm, bớt đơn vị, rồi lưu lại (vẫn là .xlsx).
Giữ nguyên tiêu đề các cột: TT, Khối, Đơn vị, Chỉ tiêu, Đã kết nạp, Chỉ tiêu tôn giáo,
Đã kết nạp tôn giáo. Ô để trống nghĩa là không có.

Các con số trong câu văn (tổng số, tỷ lệ, đơn vị được khen, đơn vị chậm) và bảng phụ lục
đều được tính lại từ bảng này: không cần gõ tay. Nếu có `tong_chi_tieu`, `tong_dat` trong
`cong-van.yaml`, chương trình đối chiếu và báo khi tổng không khớp; sửa hoặc xóa hai dòng đó.

## Bước 4. Tạo lại và in

    dispatch-gen render cong-van.yaml --pdf

Mở `cong-van.pdf`, in ra giấy A4. Muốn sửa thêm trong Word thì mở `cong-van.docx`.

Chỉ kiểm tra, không ghi tệp:

    dispatch-gen check cong-van.yaml

## Khi chương trình báo lỗi

Mỗi lỗi một dòng, dạng `tệp:dòng:cột: khóa: lời nhắn`, ví dụ:

    cong-van.yaml:12:1: co_quan: thiếu khóa bắt buộc “co_quan.ten” (Tên cơ quan ban hành …)

Mở tệp, đến đúng dòng đó và sửa theo lời nhắn. Lỗi trong bảng tính chỉ rõ ô, ví dụ
`Số liệu!D7 (Chỉ tiêu)`. Khi sửa xong, chạy lại lệnh. Không có tệp nào bị ghi dở khi có lỗi.

Xem mọi lệnh và tùy chọn: `dispatch-gen --help`.
"""


def files() -> list[str]:
    """The names ``init`` writes, in the order it writes them."""
    return [YAML_NAME, SHEET_NAME, schema.SCHEMA_FILE, GUIDE_NAME]


def workbook_bytes() -> bytes:
    """The unit figures as an .xlsx workbook, laid out as an office would type it."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_TITLE
    ws.append(list(COLUMNS))
    for i, (group, name, quota, achieved, rel_quota, rel_achieved) in enumerate(UNITS, 1):
        ws.append([i, group, name, quota, achieved, rel_quota, rel_achieved])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for letter, width in zip("ABCDEFG", (5, 18, 48, 10, 11, 11, 12), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def create(folder: Path, overwrite: bool = False) -> list[Path]:
    """Write the working folder; refuse a non-empty one unless ``overwrite``. Return the files written."""
    if folder.exists() and not folder.is_dir():
        raise OutputError(_("{path}: đây là một tệp, không phải thư mục", path=folder))
    if folder.is_dir() and any(folder.iterdir()) and not overwrite:
        raise OutputError(
            _(
                "{path}: thư mục đã có tệp; chọn một thư mục trống, hoặc thêm --ghi-de để ghi đè các tệp mẫu",
                path=folder,
            )
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(_("{path}: không tạo được thư mục ({error})", path=folder, error=exc.strerror)) from None
    from dispatch_gen.output.save import write_bytes

    contents = {
        YAML_NAME: EXAMPLE_YAML.encode("utf-8"),
        SHEET_NAME: workbook_bytes(),
        schema.SCHEMA_FILE: schema.schema_text().encode("utf-8"),
        GUIDE_NAME: GUIDE.encode("utf-8"),
    }
    written = []
    for name in files():
        path = folder / name
        write_bytes(path, contents[name])
        written.append(path)
    return written


__all__ = ["COLUMNS", "EXAMPLE_YAML", "GUIDE", "UNITS", "create", "files", "workbook_bytes"]
