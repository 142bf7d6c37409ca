"""The appendix table's rows and columns, computed once for Word and Excel alike.

One column vocabulary: the fields a column may show (:data:`BASE_FIELDS` and
``<measure>.chi_tieu/.dat/.ty_le``), the default columns, and the rows in print order (group
rows with subtotals, unit rows, the total row). No Word here: :mod:`dispatch_gen.render.appendix`
writes these rows as a table, :mod:`dispatch_gen.output.spreadsheet` as a sheet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dispatch_gen import vn
from dispatch_gen.compute.figures import Figures, Tally, Unit, rate
from dispatch_gen.compute.markup import Run, parse_inline
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
BASE_FIELDS = {"tt", "ten", "khoi", "chi_tieu", "dat", "ty_le", "hang", "ghi_chu"}


@dataclass
class Row:
    """One row of an appendix table, before it is written as Word or Excel."""

    kind: str  # "group", "unit" or "total"
    seq: str
    label: str
    tally: Tally
    measures: dict[str, Tally]
    unit: Unit | None = None


def columns_of(spec: AppendixSpec, seq_title: str) -> list[Column]:
    return spec.columns or [
        Column(source=c.source, title=seq_title if c.source == "tt" else c.title) for c in DEFAULT_COLUMNS
    ]


def table_rows(spec: AppendixSpec, fig: Figures) -> list[Row]:
    """Group rows with subtotals, unit rows, and the total row, in print order."""
    rows: list[Row] = []
    seq = 0
    groups = fig.groups if spec.group_by else [None]
    for gi, g in enumerate(groups, 1):
        units = g.units if g is not None else fig.units
        if g is not None and (g.name or len(groups) > 1):
            gm = {
                k: Tally(
                    q := sum(u.measures[k].quota for u in g.units if k in u.measures),
                    a := sum(u.measures[k].achieved for u in g.units if k in u.measures),
                    rate(a, q, fig.rounding),
                )
                for k in fig.measures
            }
            rows.append(Row("group", vn.roman(gi), g.name or "—", g.tally, gm))
        for u in units:
            seq += 1
            rows.append(Row("unit", str(seq), u.name, u.tally, u.measures, u))
    rows.append(Row("total", "", spec.total_label, fig.total, {k: m.tally for k, m in fig.measures.items()}))
    return rows


def check_columns(spec: AppendixSpec, fig: Figures, path: str, src: Any) -> list[Problem]:
    problems = []
    for i, col in enumerate(spec.columns or []):
        f = col.source
        if f in BASE_FIELDS:
            continue
        key, _dot, attr = f.partition(".")
        if key not in fig.measures or attr not in ("chi_tieu", "dat", "ty_le"):
            problems.append(
                src.problem(
                    f"{path}.cot[{i}].truong",
                    _(
                        "không rõ cột “{field}”; dùng tt, ten, khoi, chi_tieu, dat, ty_le, hang, ghi_chu hoặc "
                        "<chỉ số phụ>.chi_tieu / .dat / .ty_le",
                        field=f,
                    ),
                )
            )
    return problems


def lag_note(spec: AppendixSpec, fig: Figures) -> str:
    """The words a lagging unit's "Ghi chú" cell gets (the threshold filled in), or ""."""
    threshold = fig.lag_threshold
    return spec.mark.note.replace("{nguong}", vn.format_number(threshold, 0) if threshold is not None else "")


def unit_note(u: Unit, lag: str, parse: Callable[[str], list[Run]] = parse_inline) -> list[Run]:
    """A unit's "Ghi chú" cell as runs: its own note, then ``lag`` (:func:`lag_note`) when it lags.

    The Word table and the Excel copy both print this, so their notes cannot differ.
    """
    runs = parse(u.note) if u.note else []
    if u.lagging and lag:
        runs = [*runs, Run("; ")] if runs else runs
        runs = [*runs, Run(lag)]
    return runs
