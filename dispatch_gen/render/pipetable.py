"""A pipe table as a Word table: in the body (:mod:`dispatch_gen.render.bodytable`) or as a plain
table appendix (:mod:`dispatch_gen.render.appendix`), formatted by the profile's ``body_table``.

Each column is as wide as its widest cell (measured by :mod:`dispatch_gen.render.textwidth`);
columns of numbers keep that width, the columns of text share what is left of the page.
"""

from __future__ import annotations

from typing import Any

from docx.shared import Mm

from dispatch_gen.compute.markup import Run
from dispatch_gen.compute.tables import Cell, PipeTable, is_number
from dispatch_gen.render import textwidth
from dispatch_gen.render.context import runs_to_xml
from dispatch_gen.render.footnotes import Footnotes
from dispatch_gen.wml import table

#: each side of a cell's text, mm (the cell margins and a little air)
_PAD_MM = 3.0
#: the narrowest column, mm
_MIN_MM = 10.0
#: twips in a millimetre
_TWIPS_MM = 1440 / 25.4


def _widths(t: PipeTable, size: float, width_mm: float) -> list[int]:
    """Each column as wide as its widest cell, numbers kept whole; the texts share what is left."""
    n = len(t.header)
    natural = [_MIN_MM] * n
    numeric = [bool(t.rows) for _i in range(n)]
    for r, row in enumerate([t.header, *t.rows]):
        for c, cell in enumerate(row[:n]):
            text = "".join(x.text for x in cell)
            natural[c] = max(natural[c], textwidth.width_mm(text, size, r == 0) + 2 * _PAD_MM)
            if r and text.strip() and not is_number(cell):
                numeric[c] = False
    texts = [c for c in range(n) if not numeric[c]] or list(range(n))
    fixed = sum(natural[c] for c in range(n) if c not in texts)
    room = max(width_mm - fixed, _MIN_MM * len(texts))
    share = sum(natural[c] for c in texts)
    mm = [natural[c] * room / share if c in texts else natural[c] for c in range(n)]
    scale = min(1.0, width_mm / sum(mm))
    return [int(Mm(w * scale).twips) for w in mm]


def pipe_table_xml(
    t: PipeTable,
    rules: dict[str, Any],
    size: float,
    width_twips: int,
    notes: Footnotes,
    note_runs: dict[str, list[Run]],
) -> str:
    """A pipe table as a Word table ``width_twips`` wide at ``size``; ``rules``: the profile's ``body_table``."""
    widths = _widths(t, size, width_twips / _TWIPS_MM)
    cx = table.CellXml(None, size)

    def cell_xml(runs: Cell, bold: bool = False) -> str:
        if bold:
            runs = [Run(r.text, True, r.italic, r.note, r.br) for r in runs]
        return runs_to_xml(runs, notes, note_runs, size_pt=size)

    def align(c: int, cell: Cell) -> str:
        if c < len(t.aligns) and t.aligns[c]:
            return t.aligns[c]
        return str(rules["number_align"] if is_number(cell) else rules["text_align"])

    head = cx.row(
        ((cell_xml(cell, bool(rules["header_bold"])), str(rules["header_align"])) for cell in t.header),
        widths,
        header=bool(rules["header_repeat"]),
    )
    rows = [cx.row(((cell_xml(cell), align(c, cell)) for c, cell in enumerate(row)), widths) for row in t.rows]
    return table.table_head(widths) + head + "".join(rows) + table.TABLE_END
