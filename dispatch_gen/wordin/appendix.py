"""An appendix table of the units' figures read back into ``so_lieu.don_vi`` and a ``phu_luc``.

dispatch-gen computes an appendix from the units' figures; a document's own appendix of that
shape (a row per unit: TT, its name, target, achieved, rate, note; units grouped under "I.
Khối …" rows; a total row) is turned back into those figures, so the imported YAML renders the
same table from data. Each column is known by its heading (:data:`COLUMNS`); a column not
known, a second column of one field, a cell that is not a number where one is expected, or a
rate typed unlike the one computed from the target and achieved, is reported and left out.
Totals and group rows are not read: the tool adds them up again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from dispatch_gen.check.common import APPENDIX_START_RE, ROMAN_RE
from dispatch_gen.check.docmodel import Para
from dispatch_gen.i18n import _
from dispatch_gen.input import vnnumber
from dispatch_gen.vn import fold
from dispatch_gen.wordin.markup import plain

#: a column's field by the first words of its heading (folded, lower case); the first match wins
COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("tt", ("tt", "stt", "số tt", "số thứ tự")),
    ("khoi", ("khối",)),
    ("ty_le", ("tỷ lệ", "tỉ lệ")),
    ("con_thieu", ("còn thiếu", "còn lại")),
    ("hang", ("xếp hạng", "hạng", "thứ hạng")),
    ("ghi_chu", ("ghi chú",)),
    ("chi_tieu", ("chỉ tiêu", "kế hoạch", "số giao")),
    ("dat", ("đã kết nạp", "kết nạp", "số đạt", "đạt", "đã đạt", "thực hiện", "kết quả")),
    ("ten", ("đơn vị", "tên", "chi, đảng bộ", "chi bộ", "đảng bộ", "cơ sở")),
)
#: the fields a unit keeps as typed (the others are computed again from them)
KEPT = ("ten", "khoi", "chi_tieu", "dat", "ghi_chu")
_TOTAL = re.compile(r"^\s*(tổng cộng|tổng số|tổng|cộng)\b")
_CAPTION = re.compile(r"^\s*\(\s*kèm theo\b")
_AUTHOR = re.compile(r"\bcủa\s+([^()]+?)\s*\)\s*$")


@dataclass
class Found:
    """What the appendix gave: the units, the appendix entry, and what could not be placed."""

    units: list[dict[str, Any]] = field(default_factory=list)
    appendix: dict[str, Any] = field(default_factory=dict)
    #: (paragraph, key, message) of each doubt
    doubts: list[tuple[Para | None, str, str]] = field(default_factory=list)
    #: the paragraphs read (heading, title, caption, the table): the others stay in ``noi_dung``
    used: set[int] = field(default_factory=set)
    #: the section the table is in (its orientation is the appendix's)
    section: int = 0
    #: who the caption names as the author ("(kèm theo … của Ban Thường vụ Huyện ủy)"), or ""
    author: str = ""


def _key(text: str) -> str:
    return " ".join(fold(text).split())


def column_field(heading: str) -> str | None:
    """The field a column heading names, or None.

    >>> [column_field(h) for h in ("TT", "Chi, đảng bộ", "Chỉ tiêu năm 2024", "Đã kết nạp", "Tỷ lệ (%)", "Màu")]
    ['tt', 'ten', 'chi_tieu', 'dat', 'ty_le', None]
    """
    key = _key(heading)
    for name, starts in COLUMNS:
        if any(key == fold(s) or key.startswith((fold(s) + " ", fold(s) + ",", fold(s) + "(")) for s in starts):
            return name
    return None


def _grid(paras: list[Para]) -> list[tuple[Para, list[str]]]:
    """The rows of one table, each with its first paragraph and its cells' text."""
    top = paras[0].top_table
    rows: dict[int, dict[int, list[Para]]] = {}
    for p in paras:
        if p.table is top and p.row >= 0:
            rows.setdefault(p.row, {}).setdefault(max(p.col, 0), []).append(p)
    width = max((max(cols) + 1 for cols in rows.values() if cols), default=0)
    out = []
    for r in sorted(rows):
        cells = [" ".join(plain(p.runs) for p in rows[r].get(c, [])).strip() for c in range(width)]
        first = next(p for c in sorted(rows[r]) for p in rows[r][c])
        out.append((first, cells))
    return out


def _number(text: str) -> Decimal | None:
    try:
        return vnnumber.parse(text)
    except vnnumber.NumberTextError:
        return None


def read_appendix(paras: list[Para]) -> Found | None:
    """The units and the ``phu_luc`` entry of an appendix of units' figures, or None for another appendix."""
    tables = [p for p in paras if p.top_table is not None]
    if not tables:
        return None
    top = tables[0].top_table
    grid = _grid([p for p in tables if p.top_table is top])
    if len(grid) < 2:
        return None
    head_para, headings = grid[0]
    fields: list[str | None] = []
    found = Found()
    for heading in headings:
        name = column_field(heading)
        if name in fields:
            name = None  # a second column of one field ("Chỉ tiêu tôn giáo" after "Chỉ tiêu")
        if name is None and heading:
            found.doubts.append(
                (head_para, "phu_luc", _("cột “{heading}” của phụ lục không nhận ra; không nhập", heading=heading))
            )
        fields.append(name)
    if "ten" not in fields or not {"chi_tieu", "dat", "ty_le"} & set(fields):
        return None  # not a table of units' figures: kept as text
    before = [p for p in paras if p.top_table is None and p.index < head_para.index and p.text.strip()]
    titles = [plain(p.runs) for p in before if not APPENDIX_START_RE.match(p.text) and not _CAPTION.match(_key(p.text))]
    found.appendix = {"ten": " ".join(titles) or "PHỤ LỤC"}
    found.appendix["cot"] = [{"truong": f, "tieu_de": h} for f, h in zip(fields, headings, strict=True) if f]
    found.used = {p.index for p in before} | {p.index for p in tables if p.top_table is top}
    caption = next((plain(p.runs) for p in before if _CAPTION.match(_key(p.text))), "")
    m = _AUTHOR.search(caption)
    found.author = m.group(1).strip() if m else ""
    found.section = head_para.section
    group = ""
    for para, cells in grid[1:]:
        row = {f: cells[i] for i, f in enumerate(fields) if f and i < len(cells)}
        name, tt = row.get("ten", ""), row.get("tt", "")
        if not name or _TOTAL.match(_key(name)):
            continue
        if ROMAN_RE.match(tt) and tt:  # "I | Trường học | 20 | 18": a group of units and its sums
            group = name
            continue
        unit: dict[str, Any] = {"ten": name}
        if group and "khoi" not in row:
            unit["khoi"] = group
        for f in ("chi_tieu", "dat"):
            if row.get(f):
                value = _number(row[f])
                if value is None or value != value.to_integral_value() or value < 0:
                    found.doubts.append(
                        (para, "so_lieu.don_vi", _("{unit}: ô “{cell}” không phải số nguyên", unit=name, cell=row[f]))
                    )
                else:
                    unit[f] = int(value)
        for f in ("khoi", "ghi_chu"):
            if row.get(f):
                unit[f] = row[f]
        rate = _number(row["ty_le"]) if row.get("ty_le") else None
        if "chi_tieu" in unit and "dat" in unit:
            if rate is not None and unit["chi_tieu"] and abs(rate - Decimal(unit["dat"] * 100) / unit["chi_tieu"]) > 1:
                found.doubts.append(
                    (
                        para,
                        "so_lieu.don_vi",
                        _(
                            "{unit}: tỷ lệ {rate} khác tỷ lệ tính từ chỉ tiêu và số đạt; dispatch-gen tính lại",
                            unit=name,
                            rate=row["ty_le"],
                        ),
                    )
                )
        elif rate is not None and "chi_tieu" not in unit and "dat" not in unit:
            unit["ty_le"] = float(rate)
        found.units.append(unit)
    if not group:
        found.appendix["nhom_theo_khoi"] = False
    return found if found.units else None


__all__ = ["COLUMNS", "Found", "column_field", "read_appendix"]
