"""The appendix table's rows and cells, computed once for Word and Excel alike.

The rows in print order (group rows with subtotals, unit rows, the total row), each with one
:class:`Cell` per column (:mod:`dispatch_gen.compute.columns`): its value, already computed and
rounded, and the decimals it prints with. No Word here: :mod:`dispatch_gen.render.appendix`
writes these cells as a table, :mod:`dispatch_gen.output.spreadsheet` as a sheet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

from dispatch_gen import vn
from dispatch_gen.compute.columns import (  # noqa: F401  (the column vocabulary, re-exported)
    BASE_FIELDS,
    DEFAULT_COLUMNS,
    Head,
    Plan,
    check_columns,
    columns_of,
    header_rows,
    plans,
)
from dispatch_gen.compute.fields import to_decimal, total_of, value_of
from dispatch_gen.compute.figures import Figures, Tally, Unit, rate
from dispatch_gen.compute.markup import Run, parse_inline
from dispatch_gen.input.model import AppendixSpec, Rounding

_MODES = {"nua_len": ROUND_HALF_UP, "chan": ROUND_HALF_EVEN, "cat_bo": ROUND_DOWN}


@dataclass(frozen=True)
class Cell:
    """One cell's value: a number (printed with ``decimals``), words, or nothing (``None``).

    ``percent``: the number is a percentage (62,89 under "Tỷ lệ (%)"); ``grouped``: a number
    printed with thousands dots (a sequence number or a rank is not).
    """

    value: int | Decimal | str | None
    decimals: int = 0
    percent: bool = False
    grouped: bool = True

    @property
    def number(self) -> bool:
        return isinstance(self.value, (int, Decimal))

    def text(self) -> str:
        """The cell as the Word table prints it (a Vietnamese number: 1.474; 62,89)."""
        v = self.value
        if v is None:
            return ""
        if isinstance(v, str):
            return v
        if not self.grouped:
            return str(v)
        return vn.format_number(v, self.decimals)


EMPTY = Cell(None)
NO_RATE = Cell("-")  # a rate without a quota, as the Word table has always printed it


@dataclass
class Row:
    """One row of an appendix table, before it is written as Word or Excel."""

    kind: str  # "group", "unit" or "total"
    seq: str
    label: str
    tally: Tally
    measures: dict[str, Tally]
    unit: Unit | None = None
    cells: list[Cell] = field(default_factory=list)


def _round(value: Decimal, decimals: int, rounding: Rounding) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=_MODES[rounding.mode])


def number_cell(value: int | Decimal | None, p: Plan, rounding: Rounding, missing: Cell = EMPTY) -> Cell:
    """A number rounded once, by the column's decimals or the dispatch's rounding rule."""
    if value is None:
        return missing
    if p.words:
        return Cell(str(value))
    if p.decimals is not None:
        d = Decimal(value)
        return Cell(_round(d, p.decimals, rounding), p.decimals, p.percent)
    if p.percent:
        return Cell(_round(Decimal(value), rounding.decimals, rounding), rounding.decimals, True)
    if isinstance(value, int) or value == value.to_integral_value():
        return Cell(int(value))
    places = min(vn.decimal_places(value), rounding.decimals)
    return Cell(_round(value, places, rounding), places)


def _rate_cell(t: Tally | None, value: Decimal | int | None, p: Plan, rounding: Rounding) -> Cell:
    """A rate; with its own ``chu_so``, rounded once from the exact quotient (not from the rounded rate)."""
    if p.decimals is not None and t is not None and t.quota:
        value = rate(t.achieved, t.quota, replace(rounding, decimals=p.decimals))
    elif p.decimals is None and p.percent and not p.words and t is not None and t.quota and value is not None:
        return Cell(value, rounding.decimals, True)  # a computed rate, already rounded once by figures.rate
    return number_cell(value, p, rounding, NO_RATE)


def _unit_cell(p: Plan, u: Unit, seq: str, rounding: Rounding) -> Cell:
    k = p.kind
    if k == "tt":
        return Cell(seq)
    if k == "hang":
        return Cell(u.rank, grouped=False) if u.rank else EMPTY
    if k == "ghi_chu":
        return EMPTY  # the writers print the unit's note with its marks (unit_note)
    if k == "expr":
        assert p.expr is not None
        result = p.expr.evaluate({n: to_decimal(value_of(u, n)) for n in p.expr.names})
        return number_cell(result, p, rounding, NO_RATE)
    value = value_of(u, p.field)
    if isinstance(value, str) or k in ("ten", "khoi", "trang_thai"):
        return Cell(value or "")
    if k == "rate":
        if p.field == "ty_le":
            return _rate_cell(u.tally if u.counted else None, value, p, rounding)
        mt = u.measures.get(p.field.partition(".")[0])
        return _rate_cell(mt, value, p, rounding) if mt else EMPTY  # a measure the unit does not carry
    return number_cell(value, p, rounding)


def _unit_getter(p: Plan, rounding: Rounding) -> Callable[[Unit, str], Cell]:
    """How a unit's cell of column ``p`` is made: the usual columns directly, the others through _unit_cell."""
    k, f = p.kind, p.field
    if k == "tt":
        return lambda u, seq: Cell(seq)
    if k == "ten":
        return lambda u, seq: Cell(u.name)
    if k == "ghi_chu":
        return lambda u, seq: EMPTY
    if k == "number" and f in ("chi_tieu", "dat") and not p.words and p.decimals is None:
        attr = "quota" if f == "chi_tieu" else "achieved"
        counts: dict[int, Cell] = {}  # one cell per count: cells are values, shared by the rows

        def count(u: Unit, seq: str) -> Cell:
            if not u.counted:
                return EMPTY
            v = getattr(u.tally, attr)
            if type(v) is not int:
                return Cell(v)
            c = counts.get(v)
            if c is None:
                c = counts[v] = Cell(v)
            return c

        return count
    if k == "rate" and f == "ty_le" and p.decimals is None and p.percent and not p.words:
        rates: dict[str, Cell] = {}  # by the rate as written: 62.89 and 62.890 are not one cell

        def computed_rate(u: Unit, seq: str) -> Cell:
            t = u.tally
            if not (u.counted and t.quota and t.rate is not None):
                return _unit_cell(p, u, seq, rounding)
            key = str(t.rate)
            c = rates.get(key)
            if c is None:  # as _rate_cell writes a computed rate
                c = rates[key] = Cell(t.rate, rounding.decimals, True)
            return c

        return computed_rate
    return lambda u, seq: _unit_cell(p, u, seq, rounding)


def _sum_cell(p: Plan, units: list[Unit], t: Tally, measures: dict[str, Tally], rounding: Rounding) -> Cell:
    """A group's or the total's cell: the sum of the column (a rate: the rate of the sums)."""
    if not p.sums or p.kind in ("tt", "ten", "khoi", "hang", "ghi_chu", "trang_thai"):
        return EMPTY
    f = p.field
    if p.kind == "rate":
        if f == "ty_le":
            return _rate_cell(t, t.rate, p, rounding)
        mt = measures.get(f.partition(".")[0])
        return _rate_cell(mt, mt.rate, p, rounding) if mt else EMPTY
    if p.kind == "number" and f in ("chi_tieu", "dat", "con_thieu"):
        return number_cell({"chi_tieu": t.quota, "dat": t.achieved, "con_thieu": t.missing}[f], p, rounding)
    if p.kind == "number" and "." in f:
        mt = measures.get(f.partition(".")[0])
        attr = f.partition(".")[2]
        values = {"chi_tieu": mt.quota, "dat": mt.achieved, "con_thieu": mt.missing} if mt else {}
        return number_cell(values.get(attr), p, rounding)
    if p.kind == "expr":
        assert p.expr is not None
        expr = p.expr
        found = [expr.evaluate({n: to_decimal(value_of(u, n)) for n in expr.names}) for u in units]
        numbers = [v for v in found if v is not None]
        return number_cell(sum(numbers, Decimal(0)), p, rounding) if numbers else EMPTY
    return number_cell(total_of(units, f), p, rounding)


def table_rows(spec: AppendixSpec, fig: Figures, cols: list[Plan] | None = None) -> list[Row]:
    """Group rows with subtotals, unit rows, and the total row, in print order, with their cells.

    ``cols``: the column plans (default: those of ``spec``'s columns, the TT title left as is).
    """
    cols = cols if cols is not None else plans(columns_of(spec, "TT"), fig.measures, fig.extras)
    rnd = fig.rounding
    rows: list[Row] = []
    getters = [_unit_getter(p, rnd) for p in cols]
    seq = 0
    groups = fig.groups if spec.group_by else [None]
    for gi, g in enumerate(groups, 1):
        units = g.units if g is not None else fig.units
        if g is not None and (g.name or len(groups) > 1):
            gm = {
                k: Tally(
                    q := sum(u.measures[k].quota for u in g.units if k in u.measures),
                    a := sum(u.measures[k].achieved for u in g.units if k in u.measures),
                    rate(a, q, rnd),
                )
                for k in fig.measures
            }
            row = Row("group", vn.roman(gi), g.name or "—", g.tally, gm)
            row.cells = _label_cells(cols, row, [_sum_cell(p, g.units, g.tally, gm, rnd) for p in cols])
            rows.append(row)
        for u in units:
            seq += 1
            row = Row("unit", str(seq), u.name, u.tally, u.measures, u)
            s = str(seq)
            row.cells = [get(u, s) for get in getters]
            rows.append(row)
    tm = {k: m.tally for k, m in fig.measures.items()}
    total = Row("total", "", spec.total_label, fig.total, tm)
    total.cells = _label_cells(cols, total, [_sum_cell(p, fig.units, fig.total, tm, rnd) for p in cols])
    rows.append(total)
    return rows


def _label_cells(cols: list[Plan], row: Row, cells: list[Cell]) -> list[Cell]:
    """A group or total row's sequence and name in their columns."""
    for i, p in enumerate(cols):
        if p.kind == "tt":
            cells[i] = Cell(row.seq)
        elif p.kind == "ten":
            cells[i] = Cell(row.label)
    return cells


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
