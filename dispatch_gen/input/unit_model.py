"""The typed model of the unit figures and of a table's columns (part of :mod:`dispatch_gen.input.model`).

A unit may be a quota/achieved pair, or carry only a rate (``ty_le``), a status
(``trang_thai``), a note, or further figures of its own (``them``, or the spreadsheet's columns
declared in ``so_lieu.cot_them``). A column shows a field, or an expression over the fields
(``bieu_thuc``), in a format, summed or not in the group and total rows, under an optional
shared heading (``nhom``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from dispatch_gen.input.fieldspec import spec


@dataclass(kw_only=True)
class MeasureFigures:
    """Chỉ tiêu và kết quả của một chỉ số phụ (ví dụ kết nạp người theo tôn giáo)."""

    quota: int = spec("chi_tieu", "Chỉ tiêu được giao", 0, minimum=0)
    achieved: int = spec("dat", "Số đã đạt", 0, minimum=0)


@dataclass(kw_only=True)
class UnitSpec:
    """Một đơn vị và số liệu của nó."""

    name: str = spec("ten", "Tên đơn vị (ví dụ Đảng ủy xã Bình An)")
    quota: int | None = spec(
        "chi_tieu",
        "Chỉ tiêu được giao (cùng với dat; bỏ cả hai khi đơn vị chỉ có tỷ lệ hay trạng thái)",
        None,
        minimum=0,
    )
    achieved: int | None = spec("dat", "Số đã đạt (đã kết nạp)", None, minimum=0)
    rate: Decimal | None = spec(
        "ty_le",
        "Tỷ lệ (%) có sẵn của đơn vị không có chi_tieu và dat; được xếp hạng và chọn như tỷ lệ tính ra",
        None,
        minimum=0,
    )
    status: str = spec("trang_thai", "Trạng thái của đơn vị (ví dụ Đã hoàn thành), in ở cột trang_thai", "")
    group: str = spec("khoi", "Khối của đơn vị (xã, thị trấn; cơ quan; trường học …)", "")
    note: str = spec("ghi_chu", "Ghi chú in ở cột Ghi chú của phụ lục", "")
    measures: dict[str, MeasureFigures] = spec(
        "chi_so_phu", "Số liệu các chỉ số phụ, theo khóa đã khai ở so_lieu.chi_so_phu", factory=dict
    )
    extra: dict[str, int | Decimal | str] = spec(
        "them",
        "Số liệu khác của đơn vị: khóa → số hoặc chữ (ví dụ hoc_sinh: 120); dùng ở phu_luc.cot (truong, bieu_thuc)"
        " và trong câu văn ({{ u.hoc_sinh }})",
        factory=dict,
    )
    address: str = spec("kinh_gui", "Tên đơn vị ở dòng Kính gửi khi gửi riêng cho đơn vị (mặc định: tên)", "")


@dataclass(kw_only=True)
class Selection:
    """Cách chọn đơn vị: liệt kê tên, hoặc theo quy tắc."""

    names: list[str] | None = spec("danh_sach", "Danh sách tên đơn vị, viết tay", None)
    by: str = spec(
        "theo",
        "Trường số (hoặc biểu thức) để so và xếp: ty_le (mặc định), chi_tieu, dat, con_thieu, <chỉ số phụ>.ty_le,"
        " một khóa của cot_them / them, hoặc biểu thức như “chi_tieu - dat”",
        "",
    )
    at_least: Decimal | None = spec("tu", "Chọn đơn vị có giá trị (của “theo”) từ mức này trở lên", None)
    below: Decimal | None = spec("duoi", "Chọn đơn vị có giá trị (của “theo”) dưới mức này", None)
    rate_at_least: Decimal | None = spec(
        "ty_le_tu", "Chọn đơn vị có tỷ lệ (%) từ mức này trở lên (như “tu”, với “theo” mặc định)", None
    )
    rate_below: Decimal | None = spec(
        "ty_le_duoi", "Chọn đơn vị có tỷ lệ (%) dưới mức này (như “duoi”, với “theo” mặc định)", None
    )
    top: int | None = spec("dung_dau", "Chọn N đơn vị có giá trị (tỷ lệ) cao nhất", None, minimum=1)
    bottom: int | None = spec("cuoi_bang", "Chọn N đơn vị có giá trị (tỷ lệ) thấp nhất", None, minimum=1)
    met: bool | None = spec("dat_chi_tieu", "true: đơn vị đã đạt chỉ tiêu; false: chưa đạt", None)


@dataclass(kw_only=True)
class Rounding:
    """Quy tắc làm tròn tỷ lệ, dùng chung cho câu văn và phụ lục."""

    decimals: int = spec("chu_so", "Số chữ số thập phân", 2, minimum=0, maximum=6)
    mode: Literal["nua_len", "chan", "cat_bo"] = spec(
        "cach", "nua_len: 5 làm tròn lên (mặc định); chan: làm tròn về số chẵn; cat_bo: bỏ phần thừa", "nua_len"
    )


@dataclass(kw_only=True)
class FiguresSpec:
    """Số liệu tiến độ của các đơn vị."""

    as_of: date = spec("tinh_den", "Số liệu tính đến ngày (ví dụ 05/8/2024)")
    units: list[UnitSpec] = spec("don_vi", "Các đơn vị và số liệu, viết trực tiếp", factory=list)
    file: str = spec("tep", "Tệp số liệu .csv hoặc .xlsx (đường dẫn tính từ thư mục của tệp YAML)", "")
    sheet: str = spec("trang", "Tên trang tính trong tệp .xlsx (mặc định: trang đầu)", "")
    measures: dict[str, str] = spec(
        "chi_so_phu", "Các chỉ số phụ: khóa → tên gọi (ví dụ ton_giao: tôn giáo)", factory=dict
    )
    extra_columns: dict[str, str] = spec(
        "cot_them",
        "Các cột khác của bảng tính: khóa → tiêu đề cột (ví dụ hoc_sinh: Tổng số học sinh); mỗi cột thành"
        " số liệu “them” của đơn vị",
        factory=dict,
    )
    rank_by: str = spec(
        "xep_hang_theo", "Trường số (hoặc biểu thức) để xếp hạng (cột hang, cao nhất hạng 1); mặc định ty_le", ""
    )
    stated_quota: int | None = spec(
        "tong_chi_tieu", "Tổng chỉ tiêu đã biết, để đối chiếu với tổng các đơn vị", None, minimum=0
    )
    stated_achieved: int | None = spec("tong_dat", "Tổng số đạt đã biết, để đối chiếu", None, minimum=0)
    rounding: Rounding = spec("lam_tron", "Quy tắc làm tròn tỷ lệ", factory=Rounding)
    praised: Selection | None = spec("khen", "Đơn vị được biểu dương (danh sách hoặc quy tắc)", None)
    lagging: Selection | None = spec("cham", "Đơn vị chậm tiến độ (danh sách hoặc quy tắc)", None)


@dataclass(kw_only=True)
class Column:
    """Một cột của bảng phụ lục."""

    source: str = spec(
        "truong",
        "Dữ liệu của cột: tt, ten, khoi, chi_tieu, dat, ty_le, con_thieu, hang, trang_thai, ghi_chu,"
        " <chỉ số phụ>.chi_tieu / .dat / .ty_le, hoặc một khóa của so_lieu.cot_them / them",
        "",
    )
    expression: str = spec(
        "bieu_thuc",
        "Thay cho truong: biểu thức tính từ các trường số của đơn vị, với + - * / và ngoặc (ví dụ “chi_tieu - dat”)",
        "",
    )
    title: str = spec("tieu_de", "Tiêu đề cột")
    group: str = spec(
        "nhom", "Tiêu đề chung ở dòng trên, gộp một ô qua các cột liền nhau có cùng nhóm (tiêu đề hai tầng)", ""
    )
    format: Literal["so", "phan_tram", "chu"] | None = spec(
        "dinh_dang",
        "so: số (1.474); phan_tram: tỷ lệ phần trăm với số chữ số của lam_tron (62,89); chu: in như chữ;"
        " mặc định theo trường",
        None,
    )
    decimals: int | None = spec(
        "chu_so",
        "Số chữ số thập phân của cột (mặc định: số nguyên giữ nguyên, còn lại như lam_tron)",
        None,
        minimum=0,
        maximum=6,
    )
    total: Literal["cong", "khong"] | None = spec(
        "tong",
        "cong: dòng khối và dòng tổng in tổng của cột (tỷ lệ: tỷ lệ của các tổng); khong: để trống;"
        " mặc định cong cho cột số, khong cho cột chữ và biểu thức phần trăm",
        None,
    )
    width_mm: Decimal | None = spec("rong_mm", "Độ rộng cột (mm)", None, minimum=1, maximum=400)
