"""The typed model of a dispatch, and its validation against the user's YAML.

Each dataclass field carries its Vietnamese YAML key and a Vietnamese description
(``spec(...)``); the same declarations drive validation here and the JSON Schema
(:mod:`dispatch_gen.input.schema`), so the two cannot drift apart. Validation collects every
problem of a file, each located and named by its field path, then raises once.
"""

from __future__ import annotations

import functools
import re
import types
import typing
from dataclasses import MISSING, dataclass, fields
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Literal, Union

from dispatch_gen.errors import InputError, Problem, did_you_mean
from dispatch_gen.i18n import _
from dispatch_gen.input import bulk
from dispatch_gen.input.fieldspec import spec
from dispatch_gen.input.source import Located
from dispatch_gen.input.unit_model import (  # noqa: F401  (re-exported: the model is one vocabulary)
    Column,
    FiguresSpec,
    MeasureFigures,
    Rounding,
    Selection,
    UnitSpec,
)

MAX_TEXT = 100_000


@dataclass(kw_only=True)
class Issuer:
    """Cơ quan ban hành."""

    superior: str = spec("cap_tren", "Tên cơ quan cấp trên trực tiếp, in hoa (ví dụ ĐẢNG BỘ TỈNH QUẢNG NGÃI)", "")
    name: str = spec("ten", "Tên cơ quan ban hành, in hoa (ví dụ HUYỆN ỦY BÌNH SƠN)", non_empty=True)
    code: str = spec("ky_hieu", "Chữ viết tắt tên cơ quan trong số ký hiệu (ví dụ HU)")
    body: str = spec(
        "chu_the",
        "Tên chủ thể ban hành viết trong câu, dùng ở dòng “kèm theo” của phụ lục (ví dụ Ban Thường vụ Huyện ủy)",
        "",
    )
    unit: str = spec("don_vi_soan_thao", "Chữ viết tắt đơn vị soạn thảo (văn bản nhà nước: Số: 05/UBND-VP)", "")


@dataclass(kw_only=True)
class Signature:
    """Thể thức đề ký."""

    authority: str = spec("quyen_han", "Dòng quyền hạn ký (ví dụ T/M BAN THƯỜNG VỤ); để trống khi ký trực tiếp", "")
    title: str = spec("chuc_vu", "Chức vụ người ký, in hoa (ví dụ PHÓ BÍ THƯ)")
    name: str = spec("ho_ten", "Họ và tên người ký")


@dataclass(kw_only=True)
class LaggingMark:
    """Cách đánh dấu đơn vị chậm tiến độ trong bảng."""

    note: str = spec("ghi_chu", "Ghi chú in cho đơn vị chậm", "Chưa đạt {nguong}% chỉ tiêu")
    style: Literal["dam", "nghieng", "khong"] = spec("kieu", "dam: in đậm; nghieng: in nghiêng; khong: không", "dam")


@dataclass(kw_only=True)
class AppendixSpec:
    """Một phụ lục kèm theo văn bản."""

    title: str = spec("ten", "Tên phụ lục, in hoa")
    orientation: Literal["doc", "ngang"] | None = spec("huong", "doc: khổ dọc; ngang: khổ ngang", None)
    group_by: bool = spec("nhom_theo_khoi", "Nhóm đơn vị theo khối, có dòng cộng từng khối", True)
    columns: list[Column] | None = spec(
        "cot", "Các cột của bảng (mặc định: TT, đơn vị, chỉ tiêu, đạt, tỷ lệ, ghi chú)", None
    )
    mark: LaggingMark = spec("danh_dau_cham", "Đánh dấu đơn vị chậm tiến độ", factory=LaggingMark)
    total_label: str = spec("dong_tong", "Nhãn dòng tổng", "Tổng cộng")
    table: str = spec(
        "bang",
        "Phụ lục là một bảng gõ kiểu Markdown (| … | … |), in nguyên như gõ, thay cho bảng số liệu các đơn vị;"
        " ô chứa được **đậm**, *nghiêng*, {{ … }}",
        "",
    )
    file: str = spec(
        "tep",
        "Hoặc phụ lục là một trang của tệp .csv/.xlsx, in nguyên như thế (đường dẫn tính từ thư mục của tệp YAML)",
        "",
    )
    sheet: str = spec("trang", "Tên trang tính của “tep” trong tệp .xlsx (mặc định: trang đầu)", "")

    @property
    def plain(self) -> bool:
        """A table printed as given (``bang`` or ``tep``), not the units' figures."""
        return bool(self.table or self.file)


@dataclass(kw_only=True)
class BodyTableSpec:
    """Một bảng số liệu các đơn vị đặt trong nội dung, bằng một đoạn chỉ có {{ bang.<tên> }}."""

    group_by: bool = spec("nhom_theo_khoi", "Nhóm đơn vị theo khối, có dòng cộng từng khối", True)
    columns: list[Column] | None = spec(
        "cot", "Các cột của bảng, như cột của phụ lục (mặc định: TT, đơn vị, chỉ tiêu, đạt, tỷ lệ, ghi chú)", None
    )
    mark: LaggingMark = spec("danh_dau_cham", "Đánh dấu đơn vị chậm tiến độ", factory=LaggingMark)
    total_label: str = spec("dong_tong", "Nhãn dòng tổng", "Tổng cộng")

    def as_appendix(self) -> AppendixSpec:
        """The same table as an appendix's (its rows: :func:`dispatch_gen.compute.rows.table_rows`)."""
        return AppendixSpec(
            title="", group_by=self.group_by, columns=self.columns, mark=self.mark, total_label=self.total_label
        )


@dataclass(kw_only=True)
class Dispatch:
    """Một công văn."""

    issuer: Issuer = spec("co_quan", "Cơ quan ban hành")
    place: str = spec("dia_danh", "Địa danh ở dòng ngày tháng (ví dụ Bình Sơn)", non_empty=True)
    subject: str = spec("trich_yeu", "Trích yếu nội dung công văn", non_empty=True)
    recipients: list[str] = spec(
        "kinh_gui",
        "Nơi gửi (Kính gửi), mỗi dòng một nơi, không cần dấu câu cuối dòng; bắt buộc hay không có tùy loại"
        " văn bản (công văn, tờ trình: bắt buộc; báo cáo, kết luận của Đảng: không có)",
        factory=list,
    )
    body: str = spec(
        "noi_dung",
        "Nội dung công văn: mỗi đoạn cách nhau một dòng trống; **đậm**, *nghiêng*, "
        "[^khoa] chú thích; dòng # / ## / ### / #### là tiêu đề mục I. / 1. / 1.1. / a); "
        "có thể dùng {{ … }} với số liệu",
    )
    cc: list[str] = spec("noi_nhan", "Nơi nhận, mỗi dòng một nơi, không cần dấu câu cuối dòng", min_items=1)
    signature: Signature = spec("ky", "Người ký")
    profile: str = spec(
        "the_thuc",
        "Hồ sơ thể thức: dang (chọn theo ngày: Hướng dẫn 36-HD/VPTW trước 27/5/2026, Hướng dẫn 05-HD/VPTW từ ngày đó),"
        " dang-hd36, dang-hd05, nha_nuoc (Nghị định 30/2020) hoặc tên tệp hồ sơ riêng (.yaml)",
        "dang",
    )
    number: int | str | None = spec("so", "Số văn bản; để trống khi là bản dự thảo chờ ký", None)
    doc_type: str = spec(
        "loai",
        "Loại văn bản: CV (công văn, mặc định), BC, TB, KH, KL, TTr, CTr, GM, QĐ, NQ… theo hồ sơ thể thức"
        " (hoặc tên loại, ví dụ Báo cáo)",
        "",
    )
    issued: date | None = spec("ngay", "Ngày ban hành; để trống khi chờ ký", None)
    year: int | None = spec("nam", "Năm ban hành, in khi ngày để trống", None, minimum=1900, maximum=2200)
    subject_prefix: str | None = spec(
        "tien_to_trich_yeu", "Tiền tố trích yếu (ví dụ “V/v ”); mặc định theo hồ sơ thể thức", None
    )
    notes: dict[str, str] = spec(
        "chu_thich", "Chú thích cuối trang: khóa → nội dung; đánh dấu trong văn bản bằng [^khoa]", factory=dict
    )
    deadlines: dict[str, date] = spec(
        "han",
        "Các mốc thời hạn: khóa → ngày; dùng trong nội dung bằng {{ han.khoa }} (in dạng 25/10/2024)",
        factory=dict,
    )
    marks: list[str] = spec("dau_muc_do", "Dấu mức độ mật, khẩn (ví dụ KHẨN)", factory=list)
    figures: FiguresSpec | None = spec("so_lieu", "Số liệu tiến độ của các đơn vị", None)
    appendices: list[AppendixSpec] = spec("phu_luc", "Các phụ lục kèm theo", factory=list)
    tables: dict[str, BodyTableSpec] = spec(
        "bang",
        "Các bảng số liệu các đơn vị đặt trong nội dung: tên → cột, nhóm, dòng tổng như một phụ lục;"
        " đặt bằng một đoạn chỉ có {{ bang.<tên> }}",
        factory=dict,
    )


# --- validation -------------------------------------------------------------------------

_DATE_VN = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")


def _type_name(tp: Any) -> str:
    names = {
        str: _("chuỗi chữ"),
        int: _("số nguyên"),
        bool: _("true/false"),
        date: _("ngày (dd/mm/yyyy)"),
        Decimal: _("số"),
        list: _("danh sách"),
        dict: _("bảng khóa: giá trị"),
    }
    origin = typing.get_origin(tp) or tp
    if dataclass_like(origin):
        return _("bảng khóa: giá trị")
    return names.get(origin, str(tp))


def dataclass_like(tp: Any) -> bool:
    return isinstance(tp, type) and hasattr(tp, "__dataclass_fields__")


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    """``typing.get_type_hints`` once per class: it costs 0.1 ms, and a 10,000-row sheet asks 10,000 times."""
    return typing.get_type_hints(cls)


class _Validator:
    def __init__(self, src: Located) -> None:
        self.src = src
        self.problems: list[Problem] = []

    def fail(self, path: str, message: str) -> None:
        self.problems.append(self.src.problem(path, message))

    def value(self, tp: Any, raw: Any, path: str, meta: dict[str, Any]) -> Any:
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if origin in (Union, types.UnionType):
            if raw is None and type(None) in args:
                return None
            options = [a for a in args if a is not type(None)]
            if len(options) > 1:
                for opt in options:
                    if (opt is int and isinstance(raw, int) and not isinstance(raw, bool)) or (
                        opt is str and isinstance(raw, str)
                    ):
                        return raw
                    if opt is Decimal and isinstance(raw, (float, Decimal)):  # a figure of "them": 81.5
                        return self.scalar(Decimal, raw, path, meta)
                self.fail(path, _("cần {expected}", expected=" / ".join(_type_name(o) for o in options)))
                return None
            return self.value(options[0], raw, path, meta)
        if origin is Literal:
            if raw not in args:
                hint = did_you_mean(str(raw), [str(a) for a in args], parenthetical=True)
                self.fail(
                    path,
                    _(
                        "giá trị “{value}” không hợp lệ; chọn một trong: {choices}{hint}",
                        value=raw,
                        choices=", ".join(args),
                        hint=hint,
                    ),
                )
                return None
            return raw
        if origin is list:
            if not isinstance(raw, list):
                self.fail(path, _("cần một danh sách (mỗi mục một dòng bắt đầu bằng “- ”)"))
                return []
            if len(raw) < meta.get("min_items", 0):
                self.fail(path, _("danh sách trống; cần ít nhất {n} mục", n=meta["min_items"]))
            return [self.value(args[0], item, f"{path}[{i}]", {}) for i, item in enumerate(raw)]
        if origin is dict:
            if not isinstance(raw, dict):
                self.fail(path, _("cần một bảng khóa: giá trị"))
                return {}
            return {k: self.value(args[1], v, f"{path}.{k}", {}) for k, v in raw.items()}
        if dataclass_like(tp):
            return self.record(tp, raw, path)
        return self.scalar(tp, raw, path, meta)

    def scalar(self, tp: Any, raw: Any, path: str, meta: dict[str, Any]) -> Any:
        if tp is str:
            if isinstance(raw, dict) and len(raw) == 1:  # "- Lưu: VT, VP" read by YAML as a key and a value
                self.fail(
                    path,
                    _(
                        "cần chuỗi chữ; dòng có dấu “: ” nên YAML hiểu thành “khóa: giá trị” — hãy đặt cả "
                        'dòng trong dấu ngoặc kép, ví dụ "Lưu: VT, VP"'
                    ),
                )
                return ""
            if isinstance(raw, bool) or raw is None or isinstance(raw, (list, dict)):
                self.fail(path, _("cần {expected}", expected=_type_name(str)))
                return ""
            text = raw if isinstance(raw, str) else self.src.plain.get(path, str(raw))  # "1.10" as typed
            if len(text) > MAX_TEXT:
                self.fail(path, _("nội dung quá dài ({n} ký tự, tối đa {limit})", n=len(text), limit=MAX_TEXT))
                return ""
            if meta.get("non_empty") and not text.strip():
                self.fail(path, _("còn trống; văn bản in ra sẽ thiếu dòng này — hãy ghi nội dung"))
            return text
        if tp is bool:
            if not isinstance(raw, bool):
                self.fail(path, _("cần true hoặc false"))
                return False
            return raw
        if tp is int:
            if isinstance(raw, bool) or not isinstance(raw, int):
                if isinstance(raw, float) and raw.is_integer():
                    raw = int(raw)
                elif raw is None:  # "dat:" with nothing after it, an empty spreadsheet cell
                    self.fail(path, _("còn trống; cần một số nguyên"))
                    return 0
                else:
                    shown = str(raw).lower() if isinstance(raw, bool) else raw  # as YAML writes it
                    self.fail(path, _("cần một số nguyên, không phải “{value}”", value=shown))
                    return 0
            return self.bounded(raw, path, meta)
        if tp is Decimal:
            if isinstance(raw, bool) or not isinstance(raw, (int, float, str, Decimal)):
                self.fail(path, _("còn trống; cần một số") if raw is None else _("cần một số"))
                return Decimal(0)
            from dispatch_gen.input import vnnumber  # here: Babel is imported only for a number typed as text

            try:
                if isinstance(raw, str):  # "81,88", "81,88%", "1.474": read as a CSV cell is
                    parsed = vnnumber.parse(raw)
                    value = parsed if parsed is not None else Decimal(raw.strip())  # "1e308": YAML's text
                else:
                    value = raw if isinstance(raw, Decimal) else Decimal(str(raw))
            except vnnumber.NumberTextError as err:
                self.fail(path, str(err))
                return Decimal(0)
            except InvalidOperation:
                self.fail(path, _("cần một số, không phải “{value}”", value=raw))
                return Decimal(0)
            if not value.is_finite():
                self.fail(path, _("cần một số hữu hạn"))
                return Decimal(0)
            return self.bounded(value, path, meta)
        if tp is date:
            return self.date(raw, path)
        raise TypeError(tp)  # a model declaration the validator does not know: a bug

    def bounded(self, value: Any, path: str, meta: dict[str, Any]) -> Any:
        if "minimum" in meta and value < meta["minimum"]:
            self.fail(path, _("giá trị {value} nhỏ hơn mức tối thiểu {minimum}", value=value, minimum=meta["minimum"]))
        if "maximum" in meta and value > meta["maximum"]:
            self.fail(path, _("giá trị {value} lớn hơn mức tối đa {maximum}", value=value, maximum=meta["maximum"]))
        return value

    def date(self, raw: Any, path: str) -> date | None:
        if isinstance(raw, datetime):  # "2024-08-05 10:00:00": a date is meant, the hour has no place
            shown = self.src.plain.get(path, str(raw))
            self.fail(path, _("“{value}” có cả giờ; chỉ ghi ngày, ví dụ 05/8/2024", value=shown))
            return None
        if isinstance(raw, date):
            return raw
        if isinstance(raw, str):
            m = _DATE_VN.match(raw)
            if m:
                d, mth, y = (int(g) for g in m.groups())
                try:
                    return date(y, mth, d)
                except ValueError:
                    self.fail(path, _("ngày “{value}” không có thật", value=raw))
                    return None
            m = re.match(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$", raw)
            if m:
                y, mth, d = (int(g) for g in m.groups())
                try:
                    return date(y, mth, d)
                except ValueError:
                    self.fail(path, _("ngày “{value}” không có thật", value=raw))
                    return None
        self.fail(path, _("cần một ngày dạng dd/mm/yyyy (ví dụ 05/8/2024), không phải “{value}”", value=raw))
        return None

    def record(self, cls: type, raw: Any, path: str) -> Any:
        if not isinstance(raw, dict):
            self.fail(path, _("cần một bảng khóa: giá trị"))
            return None
        hints = _hints(cls)
        by_key = {f.metadata["key"]: f for f in fields(cls)}
        for key in raw:
            if key not in by_key:
                hint = did_you_mean(key, by_key)
                self.fail(
                    f"{path}.{key}" if path else key,
                    _(
                        "khóa “{key}” không có trong mẫu.{hint} Các khóa được dùng: {keys}",
                        key=key,
                        hint=hint,
                        keys=", ".join(by_key),
                    ),
                )
        values: dict[str, Any] = {}
        for f in fields(cls):
            key = f.metadata["key"]
            sub = f"{path}.{key}" if path else key
            if key in raw:
                values[f.name] = self.value(hints[f.name], raw[key], sub, dict(f.metadata))
            elif f.default is MISSING and f.default_factory is MISSING:
                self.problems.append(
                    self.src.problem(path, _("thiếu khóa bắt buộc “{key}” ({doc})", key=sub, doc=f.metadata["doc"]))
                )
                values[f.name] = None
        return cls(**values)


def parse_dispatch(src: Located) -> Dispatch:
    """Validate the YAML data into a :class:`Dispatch`; raise :class:`InputError` with every problem."""
    v = _Validator(src)
    dispatch = v.record(Dispatch, src.data, "")
    if dispatch is not None and not v.problems:
        if dispatch.issued is None and dispatch.year is None:
            v.fail("ngay", _("cần “ngay” hoặc ít nhất “nam” (năm) để in dòng ngày tháng"))
        if dispatch.issued is not None and dispatch.year is not None and dispatch.year != dispatch.issued.year:
            v.fail(
                "nam",
                _(
                    "năm {year} khác năm của ngày ban hành {date}",
                    year=dispatch.year,
                    date=dispatch.issued.strftime("%d/%m/%Y"),
                ),
            )
    if v.problems:
        raise InputError(v.problems)
    return dispatch


#: a unit's YAML keys → its field names, minimums, texts that must not be empty; its fields' types
_UNIT_KEYS = {f.metadata["key"]: f.name for f in fields(UnitSpec)}
_UNIT_MIN = {f.metadata["key"]: f.metadata.get("minimum") for f in fields(UnitSpec)}
_UNIT_NON_EMPTY = {f.metadata["key"] for f in fields(UnitSpec) if f.metadata.get("non_empty")}
_MEASURE_KEYS = {f.metadata["key"]: f.name for f in fields(MeasureFigures)}
_MEASURE_MIN = {f.metadata["key"]: f.metadata.get("minimum") for f in fields(MeasureFigures)}
_UNIT_FIELDS = _hints(UnitSpec)


def _whole(raw: Any, least: Any) -> bool:
    return type(raw) is int and (least is None or raw >= least)


def _quick_unit(row: Any) -> UnitSpec | None:
    """A unit record built at once when each value is one :class:`_Validator` takes as it is.

    That is what a sheet gives for a well-filled row: texts, whole counts not below their
    minimum, a finite rate, sub-measures of whole counts, further figures that are whole
    numbers, finite decimals or texts. Anything else (a missing name, a count typed as words,
    an unknown key) returns ``None``: the validator then reads the row and says what is wrong.
    """
    if type(row) is not dict or "ten" not in row:
        return None
    values: dict[str, Any] = {}
    for key, raw in row.items():
        name = _UNIT_KEYS.get(key)
        if name is None:
            return None
        hint = _UNIT_FIELDS[name]
        if hint is str:
            if type(raw) is not str or len(raw) > MAX_TEXT or (key in _UNIT_NON_EMPTY and not raw.strip()):
                return None
        elif key in ("chi_tieu", "dat"):
            if not _whole(raw, _UNIT_MIN[key]):
                return None
        elif key == "ty_le":
            if type(raw) is int:  # "50" in a Tỷ lệ column
                raw = Decimal(str(raw))
            least = _UNIT_MIN[key]
            if type(raw) is not Decimal or not raw.is_finite() or (least is not None and raw < least):
                return None
        elif key == "chi_so_phu":
            if type(raw) is not dict:
                return None
            measures = {}
            for k, figures in raw.items():
                if type(k) is not str or type(figures) is not dict:
                    return None
                if not all(f in _MEASURE_KEYS and _whole(n, _MEASURE_MIN[f]) for f, n in figures.items()):
                    return None
                measures[k] = MeasureFigures(**{_MEASURE_KEYS[f]: n for f, n in figures.items()})
            raw = measures
        elif key == "them":
            if type(raw) is not dict or not all(
                type(k) is str and (type(x) in (int, str) or (type(x) is Decimal and x.is_finite()))
                for k, x in raw.items()
            ):
                return None
        else:  # a field this quick reading does not know
            return None
        values[name] = raw
    return UnitSpec(**values)


@bulk.paused
def parse_units(src: Located, rows: list[dict[str, Any]], base_path: str) -> list[UnitSpec]:
    """Validate unit records read from a spreadsheet (positions already in ``src``).

    A well-filled row is built at once (:func:`_quick_unit`); the validator reads the others.
    """
    v = _Validator(src)
    units = [_quick_unit(row) or v.record(UnitSpec, row, f"{base_path}[{i}]") for i, row in enumerate(rows)]
    if v.problems:
        raise InputError(v.problems)
    return units
