"""The columns of a units' table: what each shows, in which format, whether it sums; the header rows.

A column shows a field of the unit (:mod:`dispatch_gen.compute.fields`) or an expression over
its numeric fields (``bieu_thuc``), formatted as a number, a percentage or words
(``dinh_dang``), summed or not in the group and total rows (``tong``). Consecutive columns with
the same ``nhom`` share one header cell above their own headings (two header rows).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from dispatch_gen.compute.expr import Expr, ExprError
from dispatch_gen.compute.fields import MEASURE_ATTRS, NUMBER_FIELDS, TEXT_FIELDS, expression, is_field
from dispatch_gen.errors import Problem
from dispatch_gen.i18n import _
from dispatch_gen.input.model import AppendixSpec, Column

DEFAULT_COLUMNS = [
    Column(source="tt", title="TT"),
    Column(source="ten", title="Đơn vị"),
    Column(source="chi_tieu", title="Chỉ tiêu"),
    Column(source="dat", title="Đạt"),
    Column(source="ty_le", title="Tỷ lệ (%)"),
    Column(source="ghi_chu", title="Ghi chú"),
]
#: the fields a column may name besides a measure's and the further figures
BASE_FIELDS = {*NUMBER_FIELDS, *TEXT_FIELDS}
#: fields printed as they are, never summed: the row's own labels
LABELS = ("tt", "ten", "khoi", "hang", "ghi_chu", "trang_thai")


def columns_of(spec: AppendixSpec, seq_title: str) -> list[Column]:
    return spec.columns or [
        Column(source=c.source, title=seq_title if c.source == "tt" else c.title) for c in DEFAULT_COLUMNS
    ]


@dataclass(frozen=True)
class Plan:
    """How one column is filled: ``kind`` is a label field's name, "rate", "number", "expr" or "text"."""

    column: Column
    kind: str
    field: str
    percent: bool
    #: the decimals asked for (``chu_so``); ``None``: integers as they are, others as the rounding rule
    decimals: int | None
    sums: bool
    words: bool
    expr: Expr | None = None


def plan(col: Column, measures: Collection[str], extras: Collection[str]) -> Plan:
    """The plan of a column already checked by :func:`check_columns`."""
    f = col.source
    if col.expression:
        expr = expression(col.expression, measures, extras)
        percent = col.format == "phan_tram"
        sums = col.total == "cong" if col.total else not percent and col.format != "chu"
        return Plan(col, "expr", "", percent, col.decimals, sums, col.format == "chu", expr)
    if f in LABELS:
        return Plan(col, f, f, False, None, False, True)
    rate = f == "ty_le" or f.endswith(".ty_le")
    kind = "rate" if rate else "number"
    percent = col.format == "phan_tram" if col.format else rate
    return Plan(col, kind, f, percent, col.decimals, col.total != "khong", col.format == "chu")


def plans(cols: list[Column], measures: Collection[str], extras: Collection[str]) -> list[Plan]:
    return [plan(c, measures, extras) for c in cols]


def check_columns(spec: AppendixSpec, fig: Any, path: str, src: Any) -> list[Problem]:
    """Each column names a known field, or an expression over known numeric fields (located)."""
    problems = []
    measures, extras = fig.measures, fig.extras
    for i, col in enumerate(spec.columns or []):
        at = f"{path}.cot[{i}]"
        if col.expression and col.source:
            problems.append(
                src.problem(f"{at}.bieu_thuc", _("một cột chỉ dùng một trong hai: “truong” hoặc “bieu_thuc”"))
            )
            continue
        if col.expression:
            try:
                expression(col.expression, measures, extras)
            except ExprError as err:
                message = _("{error} (ở ký tự thứ {n} của biểu thức)", error=err.message, n=err.column)
                problems.append(src.problem(f"{at}.bieu_thuc", message))
            continue
        if not col.source:
            problems.append(src.problem(at, _("cột cần “truong” (dữ liệu của cột) hoặc “bieu_thuc” (phép tính)")))
            continue
        if not is_field(col.source, measures, extras):
            problems.append(
                src.problem(
                    f"{at}.truong",
                    _(
                        "không rõ cột “{field}”; dùng tt, ten, khoi, chi_tieu, dat, ty_le, con_thieu, hang,"
                        " trang_thai, ghi_chu, <chỉ số phụ>.{attrs}{extras} hoặc “bieu_thuc” để tính",
                        field=col.source,
                        attrs=" / .".join(MEASURE_ATTRS),
                        extras=(", " + ", ".join(extras)) if extras else "",
                    ),
                )
            )
    return problems


@dataclass(frozen=True)
class Head:
    """A header cell: its text, the columns it spans, and its place in a vertical merge."""

    text: str
    span: int = 1
    #: "restart" (the top of a cell two rows high), "continue" (under it), or "" (no merge)
    vmerge: str = ""


def header_rows(cols: list[Column]) -> list[list[Head]]:
    """One header row, or two when a column has a ``nhom``: the groups above, merged across."""
    if not any(c.group for c in cols):
        return [[Head(c.title) for c in cols]]
    top: list[Head] = []
    bottom: list[Head] = []
    i = 0
    while i < len(cols):
        c = cols[i]
        if not c.group:
            top.append(Head(c.title, 1, "restart"))
            bottom.append(Head("", 1, "continue"))
            i += 1
            continue
        j = i
        while j < len(cols) and cols[j].group == c.group:
            bottom.append(Head(cols[j].title))
            j += 1
        top.append(Head(c.group, j - i))
        i = j
    return [top, bottom]
