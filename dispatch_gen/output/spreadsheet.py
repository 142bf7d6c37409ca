"""The appendix table as an Excel sheet that shows what the Word table shows.

Counts are integers (shown ``#,##0``). A rate is stored as the percent number the Word table
prints, rounded once by the profile's rule (``Decimal`` 66.67, written as the float 66.67, never
``2/3``'s 0.6667000000000001), with the number format ``0.00`` (as many decimals as the rounding
keeps), so the cell under "Tỷ lệ (%)" reads 66,67 (a Vietnamese Excel's decimal comma) and sums
and sorts as a number; a rate without a quota is "-", as in Word. "Ghi chú" is the Word cell's
text: the unit's note, then the lagging mark's words (:func:`dispatch_gen.compute.rows.unit_note`).
The workbook carries the custom property ``dispatch-gen:the_thuc`` (like the .docx), by which
a later run recognises it as its own earlier output (:mod:`dispatch_gen.output.guard`).

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

from dispatch_gen.compute.figures import Tally, Unit
from dispatch_gen.compute.rows import columns_of, lag_note, table_rows, unit_note
from dispatch_gen.output.save import write_bytes
from dispatch_gen.render.context import appendix_heading
from dispatch_gen.wml.properties import RULE_SET

if TYPE_CHECKING:
    from dispatch_gen.pipeline import Loaded


def _value(t: Tally | None, attr: str) -> object:
    if t is None:
        return None
    if attr == "chi_tieu":
        return t.quota
    if attr == "dat":
        return t.achieved
    if t.rate is None:
        return "-"  # as the Word table prints it
    return float(t.rate)  # the rounded Decimal 66.67 as the double nearest to it: reads back 66.67


def _note(u: Unit | None, lag: str) -> str | None:
    """The text of the Word table's "Ghi chú" cell (a footnote mark, a number in Word, is left out)."""
    if u is None:
        return None
    text = "".join("\n" if r.br else r.text for r in unit_note(u, lag))
    return text or None


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
    from openpyxl.packaging.custom import StringProperty
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    wb.remove(wb.active)
    prof = ld.profile
    fig = ld.appendix_figures
    decimals = fig.rounding.decimals
    pct = "0" + ("." + "0" * decimals if decimals else "")
    for i, spec in enumerate(ld.dispatch.appendices, 1):
        lag = lag_note(spec, fig)
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
                    values.append(_note(row.unit, lag))
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
                elif c.source.endswith(("chi_tieu", "dat")):
                    cell.number_format = "#,##0"
        ws.freeze_panes = "A3"
        ws.column_dimensions["B"].width = 45
    wb.custom_doc_props.append(StringProperty(name=RULE_SET, value=str(prof["name"])))
    buf = io.BytesIO()
    wb.save(buf)
    write_bytes(path, buf.getvalue())
