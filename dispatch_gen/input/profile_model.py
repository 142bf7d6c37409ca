"""The typed model of a format profile, and its located validation.

Every key a profile may hold is declared here once, with its type; a profile that lacks a
key, or has one the model does not know (a typo: ``separater``), is refused with the
position of the fault, so a typo can never switch a rule off. Values that a profile does
not use are written as ``null``, never left out. The renderer, the template builder and
the checker read the validated result as a plain dict (:func:`validate` returns
``model_dump()`` with each checked value — a range or a set with its status mark, see
:mod:`dispatch_gen.input.checked` — replaced by its preferred value and gathered for the
checker under ``_specs``), so every key they ask for is there.
"""

from __future__ import annotations

import difflib
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from dispatch_gen.errors import InputError, Problem
from dispatch_gen.i18n import _
from dispatch_gen.input.checked import TAGS, Checked, Mark, Words, checked_kind, collapse
from dispatch_gen.input.source import Located

#: a measurement or a font size: a number above 0 (14, 12.7); a bare ``true`` is refused
Size = Annotated[int | float, Field(gt=0)]
#: a spacing that may be 0
Space = Annotated[int | float, Field(ge=0)]
#: the same, or a checked value: a range or a set with its status mark and source
#: (:mod:`dispatch_gen.input.checked`); the renderer reads the preferred value
CSize = Annotated[Annotated[Size, Tag(TAGS[0])] | Annotated[Checked[Size], Tag(TAGS[1])], Discriminator(checked_kind)]
CSpace = Annotated[
    Annotated[Space, Tag(TAGS[0])] | Annotated[Checked[Space], Tag(TAGS[1])], Discriminator(checked_kind)
]
CBool = Annotated[Annotated[bool, Tag(TAGS[0])] | Annotated[Checked[bool], Tag(TAGS[1])], Discriminator(checked_kind)]


#: The range of every number a profile gives, stated once, by what its key measures:
#: (end of the key, lowest, highest, unit). A font size is 4–96 pt, a spacing or line height
#: 0–200 pt, a length on the page 0–600 mm (A2 is 594 mm long); a margin 0–100 mm and an
#: appendix column 1–400 mm are narrower (:attr:`_Part.bounds` of their model).
BOUNDS: tuple[tuple[str, float, float, str], ...] = (
    ("size", 4, 96, "pt"),
    ("_pt", 0, 200, "pt"),
    ("_mm", 0, 600, "mm"),
    ("line_multiple", 0.5, 10, ""),
)


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    #: this model's own ranges, by key (wins over :data:`BOUNDS`)
    bounds: ClassVar[dict[str, tuple[float, float, str]]] = {}

    @field_validator("*", mode="after")
    @classmethod
    def _in_range(cls, value: Any, info: ValidationInfo) -> Any:
        name = info.field_name or ""
        found = cls.bounds.get(name) or next((b[1:] for b in BOUNDS if name.endswith(b[0])), None)
        numbers = _numbers(value)
        if found is not None:
            low, high, unit = found
            for v in numbers:
                if isinstance(v, (int, float)) and not isinstance(v, bool) and not low <= v <= high:
                    raise ValueError(_range_message(low, high, unit))
        return value


#: the least width (and height) of text the margins must leave on the page
MIN_TEXT_MM = 20


def _preferred(value: Any) -> Any:
    return value.uu_tien if isinstance(value, Checked) else value


def _numbers(value: Any) -> list[Any]:
    """The numbers a value gives: itself, a list's items, a checked value's preferred, min, max and set."""
    if isinstance(value, list):
        return [n for v in value for n in _numbers(v)]
    if isinstance(value, Checked):
        return [value.uu_tien, value.min, value.max, *(value.mot_trong or [])]
    return [value]


def _range_message(low: float, high: float, unit: str) -> str:
    return _("cần một số từ {low} đến {high}{unit}", low=low, high=high, unit=f" {unit}" if unit else "")


class Page(_Part):
    bounds: ClassVar[dict[str, tuple[float, float, str]]] = {
        "width_mm": (50, 1200, "mm"),
        "height_mm": (50, 1200, "mm"),
        **{k: (0, 100, "mm") for k in ("top_mm", "bottom_mm", "left_mm", "right_mm", "header_mm", "tolerance_mm")},
    }
    width_mm: Size
    height_mm: Size
    top_mm: CSpace
    bottom_mm: CSpace
    left_mm: CSpace
    right_mm: CSpace
    header_mm: Space
    tolerance_mm: Space

    @model_validator(mode="after")
    def _room_for_text(self) -> Page:
        """The margins leave at least :data:`MIN_TEXT_MM` of text across and down, upright or landscape."""
        short = min(self.width_mm, self.height_mm)
        for a, b in (("left_mm", "right_mm"), ("top_mm", "bottom_mm")):
            first, second = (_preferred(getattr(self, k)) for k in (a, b))
            if first + second > short - MIN_TEXT_MM:
                raise ValueError(
                    _(
                        "{a} + {b} = {total} mm để lại dưới {room} mm cho chữ trên khổ giấy {short} mm",
                        a=a,
                        b=b,
                        total=first + second,
                        room=MIN_TEXT_MM,
                        short=short,
                    )
                )
        return self


class Style(_Part):
    size: CSize
    bold: CBool
    caps: bool


class SizeBold(_Part):
    size: CSize
    bold: CBool


class National(_Part):
    lines: list[str] = Field(min_length=1)
    size: CSize
    sizes: list[CSize] | None
    bold: CBool
    caps: bool


class Number(_Part):
    size: CSize
    format: str
    blank: str
    zero_pad: int = Field(ge=0, le=6)
    default_type: str
    #: when the series starts again at 01: each term of the cấp ủy (Party) or each 1 January (state)
    restart: Literal["nhiem_ky", "nam"]


class DateLine(_Part):
    size: CSize
    italic: CBool
    blank: str


class Subject(_Part):
    size: CSize
    italic: CBool
    bold: CBool
    prefix: str
    space_before_pt: Space


class Header(_Part):
    left_width_mm: CSize  # min–max: the bounds of the width chosen from the content (render/geometry)
    right_width_mm: Size
    national: National
    national_rule_mm: Size
    superior: Style
    issuer: Style
    issuer_mark: str | None
    issuer_rule_ratio: float | None = Field(gt=0, le=1)
    issuer_rule_mm: Size | None
    row_space_pt: Space | None
    number: Number
    date: DateLine
    subject: Subject
    marks: Style


class Recipients(_Part):
    label: str
    size: CSize
    label_italic: CBool
    indent_mm: Space
    label_width_mm: Space
    separator: str
    last: str


class HeadingLevel(_Part):
    """One level of body headings (``#`` is 1), at the body's size (NĐ 30 PL I II.6.đ, HD 36 PL3 r6)."""

    #: the number supplied when none is typed: I, 1, 1.1 (the level above's and this one's), a, or null
    numbering: Literal["roman", "arabic", "nested", "letter"] | None
    suffix: str  # after the number: "." ("I.", "1.") or ")" ("a)")
    bold: bool
    italic: bool
    caps: bool  # the text in capitals ("I. NHỮNG KẾT QUẢ")
    danh_dau: Mark
    nguon: str = Field(min_length=1)


class Body(_Part):
    size: CSize
    align: Literal["justify", "left", "center", "right"]
    first_line_mm: CSpace
    space_after_pt: CSpace
    line_exact_pt: CSize | None
    line_multiple: CSize | None
    end_mark: str
    #: the section headings' levels, ``#`` first (:mod:`dispatch_gen.compute.headings`)
    headings: list[HeadingLevel] = Field(min_length=1, max_length=6)


class Closing(_Part):
    left_width_mm: Size
    right_width_mm: Size


class NoiNhan(_Part):
    label: str
    label_size: CSize
    label_bold: CBool
    label_italic: CBool
    label_underline: CBool
    item_size: CSize
    separator: str
    last: str


class Forbidden(_Part):
    prefix: str
    when_contains: list[str] = Field(min_length=1)


class Signature(_Part):
    authority: SizeBold
    title: SizeBold
    name: SizeBold
    blank_lines: int = Field(ge=0, le=20)
    forms: list[str] = Field(min_length=1)
    foreign_forms: list[str]
    forbidden: list[Forbidden]


class PageNumber(_Part):
    size: CSize
    align: Literal["left", "center", "right"]
    first_page: bool


class Footnote(_Part):
    size: CSize


class ColumnWidths(_Part):
    bounds: ClassVar[dict[str, tuple[float, float, str]]] = {
        k: (1, 400, "mm") for k in ("tt", "khoi", "ty_le", "hang", "ghi_chu", "so")
    }
    tt: Size
    khoi: Size
    ty_le: Size
    hang: Size
    ghi_chu: Size
    so: Size


class Appendix(_Part):
    heading: str
    numbering: Literal["arabic", "roman"]
    number_single: bool
    heading_size: CSize
    heading_bold: CBool
    title_size: CSize
    title_bold: CBool
    caption: str
    caption_italic: CBool
    caption_size: CSize
    rule_mm: Size | None
    blank: str
    seq_title: str
    table_size: CSize
    column_widths_mm: ColumnWidths
    restart_page_numbers: bool
    first_page_number: bool
    orientation: Literal["landscape", "portrait"]


class BodyTable(_Part):
    """A table in the body (render/bodytable.py; size null: the body's); defaults for older own profiles."""

    size: CSize | None = None
    header_bold: CBool = True
    header_repeat: bool = True  # printed again at the top of each page the table runs onto
    header_align: Literal["left", "center", "right"] = "center"
    number_align: Literal["left", "center", "right"] = "right"  # a cell that is a number, where "|--:|" asks none
    text_align: Literal["left", "center", "right", "justify"] = "left"


class Advice(_Part):
    """The warnings of :mod:`dispatch_gen.input.advice`."""

    abolished_on: str = Field(pattern=r"^\d{1,2}/\d{1,2}/\d{4}$")
    abolished_names: list[str]
    holidays: str
    tone_pairs: dict[str, str]


class Kind(_Part):
    """One kind of document (a ``loai``): how its number, title and addressee are written."""

    #: its name ("Báo cáo"): the title block prints it in capitals, the appendix caption cites it
    name: str = Field(min_length=1)
    #: its code in the number ("BC" in "Số 12-BC/ĐU"); "" for none (a state công văn)
    code: str
    #: its own number format, or null for ``header.number.format``
    number_format: str | None
    #: a title block: the name centred in capitals, the trích yếu under it, a short line under that
    title: bool
    #: the addressee part: required, optional, or none at all (then ``kinh_gui`` is refused)
    addressee: Literal["bat_buoc", "tuy_chon", "khong"]
    #: its label, or null for ``recipients.label`` ("Kính trình:" for an HD 05 tờ trình)
    addressee_label: str | None
    #: the trích yếu's prefix, or null for ``header.subject.prefix`` (a công văn's "V/v ")
    subject_prefix: str | None
    #: the author's line under the name, in capitals ("CỦA {chu_the}", HD 36 1.5.1), or null
    author_line: str | None
    #: the authority forms the kind allows (a direct signature always is), or null for all
    signature_forms: list[str] | None
    #: where the kind's code, title block and addressee rule come from
    nguon: str = Field(min_length=1)


class TitleBlock(_Part):
    """The title block of a kind that has one (``Kind.title``)."""

    name_size: CSize
    name_bold: bool
    subject_size: CSize
    subject_bold: bool
    subject_italic: bool
    space_before_pt: Space
    #: the line under the trích yếu as text ("-----", Party), or null
    rule_text: str | None
    #: or a solid rule this fraction of the trích yếu's length (state: 1/3–1/2), or null
    rule_ratio: float | None = Field(gt=0, le=1)


class Profile(_Part):
    """A whole format profile: the layout rules of one kind of document."""

    name: str = Field(min_length=1)
    title: str
    font: str = Field(min_length=1)
    page: Page
    header: Header
    recipients: Recipients
    body: Body
    closing: Closing
    noi_nhan: NoiNhan
    signature: Signature
    page_number: PageNumber
    footnote: Footnote
    appendix: Appendix
    body_table: BodyTable = Field(default_factory=BodyTable)
    advice: Advice
    #: the kinds of document ``loai`` chooses from, by the key the YAML writes
    kinds: dict[str, Kind] = Field(min_length=1)
    title_block: TitleBlock
    #: the words rules find text by (input/profile_words.py); null: the shipped lists (an own profile
    #: written before it existed)
    words: Words | None = None


def _path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out = f"{out}.{part}" if out else part
    return out


def _model_at(loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    """The model class that holds the field at ``loc`` (for the keys it allows)."""
    cls: Any = Profile
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        info = cls.model_fields.get(part) if isinstance(cls, type) and issubclass(cls, BaseModel) else None
        if info is None:
            return None
        tp = info.annotation
        for candidate in (tp, *getattr(tp, "__args__", ())):
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                cls = candidate
                break
            inner = getattr(candidate, "__args__", ())
            found = [c for c in inner if isinstance(c, type) and issubclass(c, BaseModel)]
            if found:
                cls = found[0]
                break
        else:
            return None
    return cls if isinstance(cls, type) and issubclass(cls, BaseModel) else None


def _message(err: Any) -> str:
    kind, loc = err["type"], err["loc"]
    key = str(loc[-1]) if loc else ""
    if kind == "missing":
        return _("thiếu khóa “{key}”; ghi giá trị của nó (null nếu không dùng) hoặc kế thừa bằng “ke_thua”", key=key)
    if kind == "extra_forbidden":
        cls = _model_at(loc)
        known = sorted(cls.model_fields) if cls else []
        close = difflib.get_close_matches(key, known, 1)
        hint = _(" (có phải “{word}”?)", word=close[0]) if close else ""
        return _("khóa “{key}” không có trong hồ sơ thể thức{hint}", key=key, hint=hint)
    if kind == "literal_error":
        return _("cần một trong: {values}", values=err["ctx"]["expected"])
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        limit = next(iter(err["ctx"].values()))
        sign = {"greater_than": ">", "greater_than_equal": "≥", "less_than": "<", "less_than_equal": "≤"}[kind]
        return _("cần một số {sign} {limit}", sign=sign, limit=limit)
    if kind == "checked":
        return str(err["msg"])
    if kind == "value_error":  # a range of BOUNDS
        return str(err["ctx"]["error"])
    if kind == "string_pattern_mismatch":
        return _("cần ngày dạng dd/mm/yyyy")
    if kind in ("too_short", "too_long"):
        return _("danh sách hoặc chuỗi chữ này không được để trống")
    expected = {
        "bool_type": _("true/false"),
        "string_type": _("chuỗi chữ"),
        "int_type": _("số nguyên"),
        "float_type": _("số"),
        "list_type": _("danh sách"),
        "dict_type": _("bảng khóa: giá trị"),
        "model_type": _("bảng khóa: giá trị"),
    }
    if kind in expected:
        return _("cần {expected}", expected=expected[kind])
    return _("giá trị không hợp lệ: {problem}", problem=err["msg"])


def _locate(path: str, sources: list[Located]) -> Located:
    """The file that wrote the deepest part of ``path`` (the first file wins a tie)."""

    def depth(src: Located) -> int:
        p = path
        while p:
            if p in src.positions:
                return len(p)
            cut = max(p.rfind("."), p.rfind("["))
            p = p[:cut] if cut > 0 else ""
        return 0

    return max(sources, key=depth)


def validate(data: dict[str, Any], sources: list[Located]) -> dict[str, Any]:
    """The profile ``data`` checked against the model, as a plain dict; located errors raise.

    ``sources``: the files the data was merged from, the inheriting one first; each fault is
    reported in the file that wrote the value (or the nearest part of it).
    """
    try:
        model = Profile.model_validate(data)
    except ValidationError as exc:
        problems: list[Problem] = []
        for err in exc.errors(include_url=False):
            loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p in ("int", "float", *TAGS)))
            # a union reports each of its arms: once per place is enough
            path = _path(loc)
            if any(p.field == path for p in problems):
                continue
            problems.append(_locate(path, sources).problem(path, _message({**err, "loc": loc})))
        raise InputError(problems) from None
    return collapse(model)


__all__ = ["Kind", "Profile", "TitleBlock", "validate"]
