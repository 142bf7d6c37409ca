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
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dispatch_gen.compute.figures import Unit
from dispatch_gen.compute.markup import Run
from dispatch_gen.compute.rows import Cell, columns_of, header_rows, lag_note, plans, table_rows, unit_note
from dispatch_gen.compute.tables import is_number
from dispatch_gen.output.save import write_bytes
from dispatch_gen.render.context import appendix_heading
from dispatch_gen.wml.properties import RULE_SET

if TYPE_CHECKING:
    from dispatch_gen.pipeline import Loaded


def _value(c: Cell) -> object:
    """The number the Word cell prints, as a number; words as words; an empty cell as nothing."""
    v = c.value
    if isinstance(v, Decimal):  # the rounded 66.67 as the double nearest it: reads back 66.67
        return int(v) if c.decimals == 0 and not c.percent else float(v)
    return v


def _format(c: Cell) -> str | None:
    if not c.number:
        return None
    if c.percent or c.decimals:
        return "0" + ("." + "0" * c.decimals if c.decimals else "")
    return "#,##0" if c.grouped else None


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


def _append_at(ws: Any, row: int, col: int, value: object) -> None:
    cell = ws.cell(row, col)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def _plain_value(cell: list[Run]) -> object:
    """A plain table's cell: a number as typed in Vietnamese ("1.474", "81,88") stored as a number, else its text."""
    text = "".join(r.text for r in cell).strip()
    if not is_number(cell) or text.endswith("%"):
        return text
    n = Decimal(text.replace(" ", "").replace("−", "-").replace(".", "").replace(",", "."))
    return float(n) if "," in text else int(n)


def write_xlsx(ld: Loaded, path: Path) -> None:
    """Write every appendix of a loaded dispatch, one sheet each, atomically."""
    from openpyxl import Workbook
    from openpyxl.packaging.custom import StringProperty
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    wb.remove(wb.active)
    from dispatch_gen.pipeline import appendices_of

    prof = ld.profile
    specs, plain = appendices_of(ld)  # titles and headings with their {{ … }} evaluated
    for i, spec in enumerate(specs, 1):
        ws = wb.create_sheet(appendix_heading(prof, i, len(specs))[:31])
        if i - 1 in plain:  # a plain table appendix: its cells' texts, as the Word table prints them
            t = plain[i - 1]
            _append(ws, [spec.title], row=1)
            _append(ws, ["".join(r.text for r in cell) for cell in t.header])
            for cell in ws[2]:
                cell.font = Font(bold=True)
            ws.freeze_panes = "A3"  # the title and the header row stay in view
            for cells in t.rows:
                _append(ws, [_plain_value(cell) for cell in cells])
                for cell in ws[ws.max_row]:
                    if isinstance(cell.value, int):
                        cell.number_format = "#,##0"
                    elif isinstance(cell.value, float):
                        cell.number_format = "0." + "0" * len(str(cell.value).partition(".")[2])
            continue
        fig = ld.appendix_figures
        lag = lag_note(spec, fig)
        cols = columns_of(spec, prof["appendix"]["seq_title"])
        col_plans = plans(cols, fig.measures, fig.extras)
        _append(ws, [spec.title], row=1)
        heads = header_rows(cols)
        merges = []
        for row_no, level in enumerate(heads, 2):  # under the title
            col = 1
            for h in level:
                if h.vmerge != "continue":  # a cell under a vertical merge: the merged cell above shows it
                    _append_at(ws, row_no, col, h.text)
                if h.span > 1 or h.vmerge == "restart":
                    merges.append((row_no, col, row_no + (h.vmerge == "restart"), col + h.span - 1))
                col += h.span
            for cell in ws[row_no]:
                cell.font = Font(bold=True)
                cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        for r0, c0, r1, c1 in merges:
            ws.merge_cells(start_row=r0, start_column=c0, end_row=r1, end_column=c1)
        first_row = 2 + len(heads)
        for row in table_rows(spec, fig, col_plans):
            values: list[object] = []
            for p, c in zip(col_plans, row.cells, strict=True):
                if p.kind == "ghi_chu":
                    values.append(_note(row.unit, lag))
                elif p.kind == "tt":
                    values.append(int(row.seq) if row.seq.isdigit() else row.seq)
                else:
                    values.append(_value(c))
            _append(ws, values)
            if row.unit is None or row.unit.lagging:  # a group or total row, or a lagging unit
                for cell in ws[ws.max_row]:
                    cell.font = Font(bold=True)
            for c, cell in zip(row.cells, ws[ws.max_row], strict=True):
                fmt = _format(c)
                if fmt:
                    cell.number_format = fmt
        ws.freeze_panes = f"A{first_row}"
        ws.column_dimensions["B"].width = 45
    wb.custom_doc_props.append(StringProperty(name=RULE_SET, value=str(prof["name"])))
    buf = io.BytesIO()
    wb.save(buf)
    write_bytes(path, buf.getvalue())
