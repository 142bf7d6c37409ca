"""``dispatch-gen init FOLDER``: a working folder a newcomer can render and print at once.

The folder holds a commented example dispatch of today (``cong-van.yaml``: the 2026 example of
the Đảng ủy xã Bình Sơn, ``examples/binh-son-xa-ket-nap-dang-vien-2026.yaml``, with a comment on
every key; the stated totals, which the first figure edited would contradict, are left
commented out), the unit figures as an Excel workbook with the office's column
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
#: a double click starts the editing page (``serve``) in this folder: Windows, Linux, macOS
LAUNCHERS = ("mo-trang-soan-thao.bat", "mo-trang-soan-thao.sh", "mo-trang-soan-thao.command")
SHEET_TITLE = "Số liệu"
#: the office's own column titles (see :mod:`dispatch_gen.input.sheets` for every accepted title)
COLUMNS = ("TT", "Khối", "Đơn vị", "Chỉ tiêu", "Đã kết nạp", "Chỉ tiêu tôn giáo", "Đã kết nạp tôn giáo")
#: the figures of examples/binh-son-xa-don-vi-2026.csv: (khối, đơn vị, chỉ tiêu, đã kết nạp, tôn giáo…)
UNITS: tuple[tuple[str, str, int, int, int | None, int | None], ...] = (
    ("Thôn", "Chi bộ thôn An Điềm", 3, 3, None, None),
    ("Thôn", "Chi bộ thôn An Châu", 3, 2, None, None),
    ("Thôn", "Chi bộ thôn Phú Long", 2, 2, None, None),
    ("Thôn", "Chi bộ thôn Bình Yên", 3, 1, None, None),
    ("Thôn", "Chi bộ thôn Tân Hy", 2, 1, 1, 0),
    ("Thôn", "Chi bộ thôn Phước Hòa", 3, 3, None, None),
    ("Thôn", "Chi bộ thôn Thạnh Đức", 2, 0, 1, 0),
    ("Thôn", "Chi bộ thôn Long Yên", 3, 2, None, None),
    ("Thôn", "Chi bộ thôn Mỹ Long", 2, 2, None, None),
    ("Thôn", "Chi bộ thôn Đông Thuận", 3, 1, None, None),
    ("Trường học", "Chi bộ Trường Tiểu học Bình Sơn", 2, 2, None, None),
    ("Trường học", "Chi bộ Trường THCS Bình Sơn", 2, 1, None, None),
    ("Trường học", "Chi bộ Trường Mầm non Bình Sơn", 1, 1, None, None),
    ("Cơ quan", "Chi bộ Cơ quan Đảng – Đoàn thể xã", 2, 2, None, None),
    ("Cơ quan", "Chi bộ Cơ quan Ủy ban nhân dân xã", 2, 1, None, None),
    ("Cơ quan", "Chi bộ Trạm Y tế xã", 1, 0, None, None),
    ("Lực lượng vũ trang", "Chi bộ Quân sự xã", 2, 2, None, None),
    ("Lực lượng vũ trang", "Chi bộ Công an xã", 2, 2, None, None),
    ("Doanh nghiệp", "Chi bộ Hợp tác xã Nông nghiệp Bình Sơn", 1, 0, None, None),
)

EXAMPLE_YAML = """# yaml-language-server: $schema=dispatch-gen.schema.json
#
# CÔNG VĂN MẪU: Ban Thường vụ Đảng ủy xã Bình Sơn đôn đốc kết nạp đảng viên (11 tháng năm 2026).
# Từ ngày 01/7/2025 không còn cấp huyện: công văn do Đảng ủy xã ban hành, số ký hiệu -CV/ĐU.
# Văn bản ghi ngày từ 27/5/2026 theo Hướng dẫn 05-HD/VPTW (dấu ";" cuối mỗi dòng Kính gửi, Nơi nhận).
# Số liệu các chi bộ là số liệu minh họa.
# Sửa các dòng dưới đây thành công văn của mình rồi chạy:
#     dispatch-gen render cong-van.yaml --pdf
# Dòng bắt đầu bằng dấu # là lời giải thích, không in ra văn bản.
# Mỗi khóa (chữ trước dấu hai chấm) phải viết đúng như mẫu; thụt lề bằng dấu cách, không dùng phím Tab.
# Xem thêm: HUONG-DAN.md trong thư mục này.

the_thuc: dang                    # văn bản của Đảng: chọn HD 36 hay HD 05 theo ngày; nha_nuoc: NĐ 30/2020

co_quan:                          # cơ quan ban hành (góc trái, đầu trang)
  cap_tren: ĐẢNG BỘ TỈNH QUẢNG NGÃI   # cơ quan cấp trên trực tiếp, viết IN HOA
  ten: ĐẢNG ỦY XÃ BÌNH SƠN            # tên cơ quan ban hành, viết IN HOA
  ky_hieu: ĐU                         # chữ viết tắt trong số ký hiệu: Số …-CV/ĐU
  chu_the: Ban Thường vụ Đảng ủy xã   # tên viết trong câu, in ở dòng "kèm theo" của phụ lục

so:                               # số văn bản; để trống khi là bản dự thảo chờ ký
dia_danh: Bình Sơn                # địa danh ở dòng ngày tháng: tên xã
ngay:                             # ngày ban hành, dạng 05/12/2026; để trống thì văn thư điền khi ký
nam: 2026                         # năm, in khi ngày còn để trống

trich_yeu: Đẩy nhanh tiến độ kết nạp đảng viên năm 2026   # trích yếu, in dưới số ký hiệu

kinh_gui:                         # Kính gửi: mỗi nơi một dòng bắt đầu bằng "- ", không cần dấu câu cuối dòng
  - Các chi bộ trực thuộc Đảng ủy xã
  - Ủy ban Mặt trận Tổ quốc Việt Nam xã
  - Ban Xây dựng Đảng Đảng ủy xã

so_lieu:                          # số liệu từng chi bộ; mọi con số trong câu văn và phụ lục tính từ đây
  tinh_den: 30/11/2026            # số liệu tính đến ngày
  tep: so-lieu-don-vi.xlsx        # bảng tính Excel trong cùng thư mục (mở bằng Excel để sửa số)
  chi_so_phu:                     # chỉ số phụ: cột "Chỉ tiêu tôn giáo", "Đã kết nạp tôn giáo" của bảng tính
    ton_giao: tôn giáo
  # tong_chi_tieu: 41             # tổng đã biết (để đối chiếu): bỏ dấu # ở đầu hai dòng này thì chương trình
  # tong_dat: 28                  #   báo lỗi khi cộng các chi bộ trong bảng tính không ra đúng các tổng đó
  khen:                           # chi bộ được biểu dương
    ty_le_tu: 80                  #   đạt từ 80% chỉ tiêu trở lên
  cham:                           # chi bộ chậm tiến độ
    ty_le_duoi: 50                #   chưa đạt 50% chỉ tiêu

han:                              # các mốc thời hạn (ngày làm việc); trong nội dung viết {{ han.dot_1 }}
  dot_1: 15/12/2026
  tham_dinh: 22/12/2026
  dot_2: 29/12/2026

# Nội dung: mỗi đoạn cách nhau một dòng trống, mọi dòng thụt vào 2 dấu cách.
#   **chữ đậm**   *chữ nghiêng*   [^ton_giao] chú thích cuối trang (nội dung ở mục chu_thich)
#   {{ tong.dat }}, {{ tong.ty_le | phan_tram }} … : con số tính từ so_lieu, không gõ tay
noi_dung: |
  Qua theo dõi, đánh giá việc kết nạp đảng viên trong {{ tinh_den.month }} tháng năm {{ tinh_den.year }}, một số chi bộ quan tâm thực hiện tốt công tác kết nạp đảng viên, như: *{{ khen | danh_sach(", ") }}.* Tuy nhiên, vẫn còn một số chi bộ chưa xem đây là nhiệm vụ trọng tâm, thường xuyên trong công tác xây dựng Đảng nên số lượng hồ sơ đề nghị kết nạp Đảng còn thấp{% if cham %}, có chi bộ đến nay kết nạp đảng chưa đạt {{ nguong_cham }}% chỉ tiêu được giao (*có phụ lục kèm theo*){% endif %}. Tính đến ngày {{ tinh_den | ngay }} toàn Đảng bộ xã có {{ tong.dat }}/{{ tong.chi_tieu }} đảng viên mới kết nạp (đạt {{ tong.ty_le | phan_tram }}); {% if chi_so.ton_giao.dat == 0 %}chưa có hồ sơ đề nghị kết nạp đảng đối với người theo tôn giáo{% else %}mới có {{ chi_so.ton_giao.dat }}/{{ chi_so.ton_giao.chi_tieu }} hồ sơ đề nghị kết nạp đảng đối với người theo tôn giáo{% endif %}. Để hoàn thành chỉ tiêu kết nạp đảng viên được giao trong năm {{ nam }}, Ban Thường vụ Đảng ủy xã yêu cầu:

  1. Các chi bộ trực thuộc Đảng ủy xã:

  - Tập trung chỉ đạo công tác tạo nguồn, kết nạp đảng viên; khẩn trương hoàn thiện hồ sơ đề nghị kết nạp Đảng, gửi về Ban Thường vụ Đảng ủy xã (*qua Ban Xây dựng Đảng*) **trước ngày {{ han.dot_1 }}** để thẩm định, trình Ban Thường vụ xem xét, quyết định kết nạp theo quy định. Chi bộ chưa hoàn thành chỉ tiêu trong đợt này tiếp tục gửi hồ sơ **trước ngày {{ han.dot_2 }}** (*đây là cơ sở để đánh giá, xếp loại chất lượng chi bộ năm {{ nam }}*).

  - Các chi bộ[^ton_giao] được giao chỉ tiêu kết nạp đảng đối với quần chúng là người theo tôn giáo: khẩn trương lập hồ sơ, thủ tục đề nghị kết nạp, bảo đảm hoàn thành chỉ tiêu được giao.

  - Phân công đảng viên phụ trách hộ, nhóm hộ gia đình giúp đỡ quần chúng ưu tú; chú trọng tạo nguồn trong đoàn viên, hội viên, lực lượng dân quân và người lao động ở hợp tác xã.

  2. Ủy ban Mặt trận Tổ quốc Việt Nam xã và các tổ chức chính trị - xã hội xã giới thiệu đoàn viên, hội viên ưu tú cho chi bộ theo dõi, giúp đỡ, tạo nguồn kết nạp đảng.

  3. Giao Ban Xây dựng Đảng Đảng ủy xã thẩm định hồ sơ **trước ngày {{ han.tham_dinh }}**; theo dõi, tham mưu Ban Thường vụ đánh giá kết quả thực hiện chỉ tiêu kết nạp đảng viên năm {{ nam }} của từng chi bộ.

  Yêu cầu các chi bộ trực thuộc, Ủy ban Mặt trận Tổ quốc Việt Nam xã, Ban Xây dựng Đảng Đảng ủy xã triển khai thực hiện nghiêm nội dung Công văn này.

chu_thich:                        # chú thích cuối trang: khóa → nội dung; trong nội dung đánh dấu bằng [^khoa]
  ton_giao: "{{ chi_so.ton_giao.don_vi | gop_tien_to }}"   # tự liệt kê các chi bộ có chỉ tiêu tôn giáo

noi_nhan:                         # Nơi nhận: mỗi nơi một dòng
  - Như trên
  - Ban Tổ chức Tỉnh ủy (để báo cáo)
  - Lưu VPĐU

ky:                               # người ký
  quyen_han: T/M BAN THƯỜNG VỤ    # quyền hạn ký (T/M, K/T, T/L …); để trống khi ký trực tiếp
  chuc_vu: PHÓ BÍ THƯ
  ho_ten: Trần Văn Minh

phu_luc:                          # phụ lục: bảng số liệu, in ở trang riêng
  - ten: KẾT QUẢ KẾT NẠP ĐẢNG VIÊN 11 THÁNG NĂM 2026
    huong: doc                    # doc: khổ dọc; ngang: khổ ngang
    cot:                          # các cột: truong = dữ liệu, tieu_de = tiêu đề in ở bảng
      - {truong: tt, tieu_de: TT}
      - {truong: ten, tieu_de: Chi bộ}
      - {truong: chi_tieu, tieu_de: Chỉ tiêu năm 2026}
      - {truong: dat, tieu_de: Đã kết nạp}
      - {truong: ty_le, tieu_de: Tỷ lệ (%)}
      - {truong: ghi_chu, tieu_de: Ghi chú}
    danh_dau_cham:                # chi bộ chậm tiến độ: ghi chú và kiểu chữ (dam, nghieng, khong)
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
| `mo-trang-soan-thao.bat` | Nhấp đúp để mở trang soạn thảo trên trình duyệt (Windows; `.sh` trên Linux, `.command` trên macOS). |

## Cách dễ nhất: trang soạn thảo

Nhấp đúp vào `mo-trang-soan-thao.bat`: trình duyệt mở trang soạn thảo, có biểu mẫu để điền, lỗi
hiện ngay khi gõ, xem trước các trang và nút tải về tệp Word, PDF. Đóng cửa sổ đen để tắt trang.
Các bước dưới đây làm cùng việc đó bằng dòng lệnh.

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
đều được tính lại từ bảng này: không cần gõ tay. Dòng `tong_chi_tieu`, `tong_dat` trong
`cong-van.yaml` để sẵn dấu `#` (không dùng); bỏ dấu `#` khi muốn chương trình đối chiếu với
tổng đã biết: nó báo lỗi khi cộng các đơn vị không khớp, khi đó sửa số hoặc xóa hai dòng đó.

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
    return [YAML_NAME, SHEET_NAME, schema.SCHEMA_FILE, GUIDE_NAME, *LAUNCHERS]


def launcher_bat(python: str) -> bytes:
    """The Windows one-click start: the Python that ran ``init``, else ``dispatch-gen`` or ``py``."""
    lines = [
        "@echo off",
        "chcp 65001 >nul",
        "rem Mo trang soan thao cong van tren trinh duyet (dispatch-gen serve). Dong cua so nay de tat trang.",
        'cd /d "%~dp0"',
        f'if exist "{python}" (',
        f'  "{python}" -m dispatch_gen serve .',
        ") else (",
        "  where dispatch-gen >nul 2>nul && (dispatch-gen serve .) || (py -m dispatch_gen serve .)",
        ")",
        "if errorlevel 1 pause",
    ]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def launcher_sh(python: str) -> bytes:
    """The Linux (.sh) and macOS (.command) one-click start, like :func:`launcher_bat`."""
    import shlex

    return (
        "#!/bin/sh\n"
        "# Mở trang soạn thảo công văn trên trình duyệt (dispatch-gen serve). Ctrl+C để tắt trang.\n"
        'cd "$(dirname "$0")" || exit 1\n'
        f"PY={shlex.quote(python)}\n"
        'if [ -x "$PY" ]; then exec "$PY" -m dispatch_gen serve .; fi\n'
        "if command -v dispatch-gen >/dev/null 2>&1; then exec dispatch-gen serve .; fi\n"
        "exec python3 -m dispatch_gen serve .\n"
    ).encode()


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
    import os
    import sys

    from dispatch_gen.output.save import final_mode, write_bytes

    python = os.path.abspath(sys.executable)
    contents = {
        YAML_NAME: EXAMPLE_YAML.encode("utf-8"),
        SHEET_NAME: workbook_bytes(),
        schema.SCHEMA_FILE: schema.schema_text().encode("utf-8"),
        GUIDE_NAME: GUIDE.encode("utf-8"),
        LAUNCHERS[0]: launcher_bat(python),
        LAUNCHERS[1]: launcher_sh(python),
        LAUNCHERS[2]: launcher_sh(python),
    }
    written = []
    for name in files():
        path = folder / name
        write_bytes(path, contents[name])
        if name.endswith((".sh", ".command")):  # runnable by whoever may read it
            mode = final_mode(path)
            os.chmod(path, mode | (mode & 0o444) >> 2)
        written.append(path)
    return written


__all__ = [
    "COLUMNS",
    "EXAMPLE_YAML",
    "GUIDE",
    "LAUNCHERS",
    "UNITS",
    "create",
    "files",
    "launcher_bat",
    "launcher_sh",
    "workbook_bytes",
]
