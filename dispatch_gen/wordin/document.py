"""A Word dispatch → the YAML's data, with a warning for everything that had no place of its own.

The document is read by the checker's reader and located by the checker's
:func:`~dispatch_gen.check.locate.locate` (one reader of Word files in the project); its profile
is the one ``check`` finds (the recorded property, else the national line, the date choosing
among rule sets). Each part is then read by its module: :mod:`~dispatch_gen.wordin.header`,
:mod:`~dispatch_gen.wordin.closing`, :mod:`~dispatch_gen.wordin.body`. A line none of them
takes is kept in ``noi_dung`` where it stood and reported with its paragraph number; an
appendix (computed from the figures when dispatch-gen renders it) is kept at the end of
``noi_dung``, and reported.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from dispatch_gen import vn
from dispatch_gen.check.common import DASH_RE, get, quote
from dispatch_gen.check.detect import custom_properties, detect, rule_set
from dispatch_gen.check.docmodel import Para
from dispatch_gen.check.locate import Layout, list_items, locate
from dispatch_gen.check.reader import read_docx
from dispatch_gen.errors import Problem
from dispatch_gen.i18n import _
from dispatch_gen.input import profile as profiles
from dispatch_gen.wordin.appendix import Found, read_appendix
from dispatch_gen.wordin.body import Notes, blocks
from dispatch_gen.wordin.closing import Closing, item_text, read_closing
from dispatch_gen.wordin.header import Header, read_header
from dispatch_gen.wordin.headings import Headings


@dataclass
class Imported:
    """The YAML's data (keys in the examples' order), the warnings, and the profile used."""

    data: dict[str, Any]
    warnings: list[Problem]
    profile: str
    rule_set: str


class _Warn:
    def __init__(self, path: Path) -> None:
        self.path = str(path)
        self.problems: list[Problem] = []

    def __call__(self, para: Para | None, key: str, message: str) -> None:
        line = para.index + 1 if para is not None and para.index >= 0 else 0
        self.problems.append(Problem(message, self.path, line, 1 if line else 0, key, "warning"))


def import_docx(path: Path, forced_profile: str | None = None) -> Imported:
    """Read ``path`` and return what its YAML says; :class:`~dispatch_gen.errors.InputError` if unreadable."""
    doc = read_docx(path)
    properties = {} if forced_profile is not None else custom_properties(path)
    name = forced_profile or detect(doc, profiles.names(), properties).profile
    chosen = rule_set(doc, name, properties if forced_profile is None else None)
    profile = profiles.load(chosen.name)
    layout = locate(doc, profile)
    warn = _Warn(path)

    # the header's text boxes: the locator may already read them as cells (check.lines.header_boxes)
    seen = {p.index for p in layout.main}
    boxes = [p for p in doc.paragraphs if p.in_textbox and p.index < layout.body_end and p.index not in seen]
    head_lines = sorted([p for p in layout.main if p.index < layout.header_stop] + boxes, key=lambda p: p.index)
    recipients_end = _recipients_end(layout)
    stop = layout.kinh_gui.index if layout.kinh_gui is not None else layout.body_end
    anchors = [p.index for p in layout.main if p.top_table is not None and p.top_table in layout.header_tables]
    anchors += [p.index for p in (layout.number, layout.date) if p is not None]
    header = read_header(head_lines, layout.main, max(anchors, default=-1) + 1, stop, profile)
    start = max([layout.header_stop, recipients_end] + [p.index + 1 for p in header.title_paras])
    closing_paras = [p for p in layout.main if layout.body_end <= p.index < layout.closing_end]
    closing = read_closing(closing_paras, layout.nn_re)

    taken = {p.index for p in header.title_paras}
    body_paras = [p for p in layout.main if start <= p.index < layout.body_end and p.index not in taken]
    body_paras = [p for p in body_paras if p.top_table not in layout.header_tables or p.top_table is None]
    appendix = [p for p in layout.main if p.index >= layout.closing_end]
    figures = read_appendix(appendix)
    if figures is not None:  # its table becomes so_lieu and phu_luc; anything else of it stays text
        appendix = [p for p in appendix if p.index not in figures.used]
    # a stray header line is a paragraph of its own, not a table of the header's
    left = [replace(p, cell=None, table=None, top_table=None) for p in header.left if p.index not in taken]
    source = sorted(left + body_paras, key=lambda p: p.index) + appendix
    notes = Notes(doc.footnotes)
    found = blocks(source, notes, Headings(get(profile, "body.headings"), stop=layout.closing_end))
    for p in left:
        warn(
            p,
            "noi_dung",
            _("dòng {line} ở phần đầu không thuộc phần nào của công văn; đã giữ trong noi_dung", line=quote(p.text)),
        )
    if figures is not None:
        for para, key, message in figures.doubts:
            warn(para, key, message)
    if appendix and any(p.text.strip() for p in appendix):
        first = next(p for p in appendix if p.text.strip())
        warn(
            first,
            "noi_dung",
            _(
                "phụ lục không nhập được thành phu_luc (dispatch-gen tính phụ lục từ so_lieu); nội dung của nó"
                " được giữ ở cuối noi_dung: hãy chuyển số liệu sang bảng tính và khai phu_luc"
            ),
        )
    for key in notes.missing:
        warn(None, f"chu_thich.{key}", _("văn bản chỉ tới một chú thích không có trong phần chú thích"))
    texts = [text for _p, text in found]
    end = get(profile, "body.end_mark") or ""
    in_body = [i for i, (p, _t) in enumerate(found) if p.index < layout.closing_end]
    if end and in_body and texts[in_body[-1]].endswith(end):
        i = in_body[-1]  # the renderer prints the end mark ("./.") after the last paragraph again
        texts[i] = texts[i][: len(texts[i]) - len(end) + (1 if end.startswith(".") else 0)]
    data = _data(name, header, layout, closing, texts, notes, profile)
    if figures is not None:
        _figures(data, figures, doc, warn)
    _report(warn, header, closing, layout, data)
    return Imported(data, warn.problems, name, chosen.name)


def _figures(data: dict[str, Any], found: Found, doc: Any, warn: _Warn) -> None:
    """``so_lieu`` and ``phu_luc`` from the appendix's table (the date of the figures: the document's)."""
    when = data.get("ngay") or (f"31/12/{data['nam']}" if data.get("nam") else None)
    if data.get("ngay") is None:
        warn(
            None,
            "so_lieu.tinh_den",
            _("văn bản không ghi ngày số liệu; đã ghi {day}: sửa cho đúng ngày tính số liệu", day=when or "—"),
        )
    data["so_lieu"] = {"tinh_den": when, "don_vi": found.units}
    entry = dict(found.appendix)
    sections = doc.sections
    sec = sections[min(found.section, len(sections) - 1)] if sections else None
    if sec is not None and sec.width_mm and sec.height_mm:
        entry["huong"] = "ngang" if sec.width_mm > sec.height_mm else "doc"
    data["phu_luc"] = [entry]
    if found.author and found.author != vn.name_in_sentence(data["co_quan"].get("ten", "").replace("\n", " ")):
        data["co_quan"]["chu_the"] = found.author  # the caption's "của …" (the issuer in a sentence otherwise)


def _recipients_end(layout: Layout) -> int:
    """The index after the last Kính gửi line (after its table when the list sits in one)."""
    if layout.kinh_gui is None or not layout.recipients:
        return layout.kinh_gui.index + 1 if layout.kinh_gui is not None else 0
    last = layout.recipients[-1][1]
    if last.top_table is not None:
        return max(p.index for p in layout.main if p.top_table is last.top_table) + 1
    return last.index + 1


def _recipients(layout: Layout) -> list[str]:
    """Kính gửi's items: the rest of its line and the dash lines under it; in a table, every line of it.

    A line without a dash continues the item above ("- Các Sở: Công Thương, Tài chính," /
    "Nông nghiệp và Môi trường;"), so a wrapped item is one item again.
    """
    kg = layout.kinh_gui
    if kg is None:
        return []
    if kg.top_table is not None:
        m = layout.kg_re.match(kg.text)
        lines = [x for x in (kg.text[m.end() :] if m else kg.text).split("\n") if x.strip()]
        for p in layout.main:
            if p.index > kg.index and p.top_table is kg.top_table:
                lines += [x for x in p.text.split("\n") if x.strip()]
    else:
        lines = [text for text, _p in list_items(layout.main, kg, layout.kg_re, layout.body_end)[0]]
    items: list[str] = []
    for text in lines:
        if DASH_RE.match(text) or not items:
            items.append(text.strip())
        else:
            items[-1] = f"{items[-1]} {text.strip()}"
    return [t for t in (item_text(x) for x in items) if t]


def _data(
    name: str,
    h: Header,
    layout: Layout,
    c: Closing,
    body: list[str],
    notes: Notes,
    profile: dict[str, Any],
) -> dict[str, Any]:
    issuer: dict[str, Any] = {}
    if h.superior:
        issuer["cap_tren"] = h.superior
    issuer["ten"] = h.name
    issuer["ky_hieu"] = h.code
    if h.unit:
        issuer["don_vi_soan_thao"] = h.unit
    data: dict[str, Any] = {"the_thuc": name, "co_quan": issuer, "so": h.number}
    if h.kind and h.kind != get(profile, "header.number.default_type"):
        data["loai"] = h.kind
    data["dia_danh"] = h.place
    data["ngay"] = h.issued
    if h.issued is None and h.year is not None:
        data["nam"] = h.year
    if h.marks:
        data["dau_muc_do"] = h.marks
    data["trich_yeu"] = h.subject
    if h.prefix is not None:
        data["tien_to_trich_yeu"] = h.prefix
    recipients = _recipients(layout)
    if recipients:
        data["kinh_gui"] = recipients
    data["noi_dung"] = "\n\n".join(body) + "\n"
    if notes.texts:
        data["chu_thich"] = dict(notes.texts)
    data["noi_nhan"] = c.cc
    sign: dict[str, str] = {}
    if c.authority:
        sign["quyen_han"] = c.authority
    sign["chuc_vu"] = c.title
    sign["ho_ten"] = c.name
    data["ky"] = sign
    return data


def _report(warn: _Warn, h: Header, c: Closing, layout: Layout, data: dict[str, Any]) -> None:
    """A warning for each required part the document did not show, and each line kept out of place."""
    missing = [
        (h.name, "co_quan.ten", _("không thấy tên cơ quan ban hành ở phần đầu; hãy điền")),
        (h.code, "co_quan.ky_hieu", _("không đọc được ký hiệu cơ quan từ dòng “Số”; hãy điền")),
        (h.place, "dia_danh", _("không thấy dòng địa danh, ngày tháng; hãy điền")),
        (h.subject, "trich_yeu", _("không thấy trích yếu; hãy điền")),
        (c.cc, "noi_nhan", _("không thấy phần “Nơi nhận”; hãy điền")),
        (c.title, "ky.chuc_vu", _("không thấy chức vụ người ký; hãy điền")),
        (c.name, "ky.ho_ten", _("không thấy họ tên người ký; hãy điền")),
    ]
    for value, key, message in missing:
        if not value:
            warn(None, key, message)
    if h.month_only and h.date_para is not None:
        warn(
            h.date_para,
            "ngay",
            _(
                "dòng {line} ghi tháng mà để trống ngày; tệp YAML chỉ giữ năm (nam), tháng in ra để trống: "
                "điền ngay khi có ngày ký",
                line=quote(h.date_para.text),
            ),
        )
    if h.number_para is not None and not h.code:
        warn(
            h.number_para,
            "so",
            _("dòng {line} không theo mẫu số, ký hiệu của hồ sơ thể thức", line=quote(h.number_para.text)),
        )
    for p in c.odd:
        warn(
            p,
            "ky",
            _(
                "dòng {line} ở phần ký không phải quyền hạn, chức vụ hay họ tên; đã giữ cùng chức vụ",
                line=quote(p.text),
            ),
        )
    if not data["noi_dung"].strip():
        warn(None, "noi_dung", _("không thấy nội dung công văn"))


__all__ = ["Imported", "import_docx"]
