"""The appendix table as an Excel sheet: numbers as numbers, rates as Excel percentages.

Every text cell is written as text, whatever it starts with: a unit name like ``=HYPERLINK(…)``
or ``@SUM(A1)`` is shown as typed, never evaluated by the spreadsheet program (no formula cell
is ever written).

Rows and columns come from :func:`dispatch_gen.render.appendix.table_rows`, the same rows the
Word table prints, so the two files cannot disagree.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dispatch_gen.compute.figures import Tally
from dispatch_gen.output.save import write_bytes
from dispatch_gen.render.appendix import columns_of, table_rows
from dispatch_gen.render.context import appendix_heading

if TYPE_CHECKING:
    from dispatch_gen.pipeline import Loaded


def _value(t: Tally | None, attr: str) -> object:
    if t is None:
        return None
    if attr == "chi_tieu":
        return t.quota
    if attr == "dat":
        return t.achieved
    return float(t.rate) / 100 if t.rate is not None else None


def _append(ws: Any, values: list[object], row: int | None = None) -> None:
    """Append a row (or write row ``row``); a string is always a text cell, never a formula.

    (openpyxl's own ``append`` makes a string starting with ``=`` a formula.)
    """
    row = row if row is not None else ws.max_row + 1
    for col, value in enumerate(values, 1):
        cell = ws.cell(row, col)
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"


def write_xlsx(ld: Loaded, path: Path) -> None:
    """Write every appendix of a loaded dispatch, one sheet each, atomically."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    wb.remove(wb.active)
    prof = ld.profile
    fig = ld.appendix_figures
    decimals = fig.rounding.decimals
    pct = "0" + ("." + "0" * decimals if decimals else "") + "%"
    for i, spec in enumerate(ld.dispatch.appendices, 1):
        ws = wb.create_sheet(appendix_heading(prof, i, len(ld.dispatch.appendices))[:31])
        cols = columns_of(spec, prof["appendix"]["seq_title"])
        _append(ws, [spec.title], row=1)
        _append(ws, [c.title for c in cols])
        for cell in ws[2]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        for row in table_rows(spec, fig):
            values: list[object] = []
            for c in cols:
                f = c.source
                if f == "tt":
                    values.append(int(row.seq) if row.seq.isdigit() else row.seq)
                elif f == "ten":
                    values.append(row.label)
                elif f == "khoi":
                    values.append(row.unit.group if row.unit else None)
                elif f in ("chi_tieu", "dat", "ty_le"):
                    values.append(_value(row.tally, f))
                elif f == "hang":
                    values.append(row.unit.rank if row.unit else None)
                elif f == "ghi_chu":
                    values.append(row.unit.note if row.unit and row.unit.note else None)
                else:
                    key, _dot, attr = f.partition(".")
                    values.append(_value(row.measures.get(key), attr))
            _append(ws, values)
            if row.unit is None or row.unit.lagging:  # a group or total row, or a lagging unit
                for cell in ws[ws.max_row]:
                    cell.font = Font(bold=True)
            for c, cell in zip(cols, ws[ws.max_row], strict=True):
                if c.source.endswith("ty_le"):
                    cell.number_format = pct
        ws.freeze_panes = "A3"
        ws.column_dimensions["B"].width = 45
    buf = io.BytesIO()
    wb.save(buf)
    write_bytes(path, buf.getvalue())
