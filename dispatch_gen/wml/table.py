"""The appendix table as WordprocessingML text: cells, rows, and the table's head.

Written as text, not as lxml elements, because a 10,000-row table must stay cheap; the text is
already in lxml's serialised form (see render/appendix.py's fast path), so its element order is
the schema's by construction: ``trPr`` cantSplit, tblHeader; ``tcPr`` tcW, vAlign; ``pPr``
pStyle, keepNext, jc; ``rPr`` b, bCs, i, iCs, sz, szCs; ``tblPr`` tblW, jc, tblBorders, tblLayout, tblCellMar.
A header cell may span columns (``gridSpan``) and rows (``vMerge``), after ``tcW`` and before
``vAlign``, as the schema orders them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from docx.oxml.ns import qn
from lxml import etree

from dispatch_gen.wml.ooxml import NSDECL, escape

TBL = qn("w:tbl")
SECTPR = qn("w:sectPr")
P = qn("w:p")
T = qn("w:t")
PPR = qn("w:pPr")
ALIGNS = ("center", "left", "right")
#: cell margins left and right, twips (1 mm)
CELL_MARGIN = 57


@dataclass(frozen=True)
class HeadCell:
    """A header cell: its runs, its width (twips), the grid columns it spans, its vertical merge."""

    runs: str
    width: int
    span: int = 1
    #: "restart": the top of a cell merged downwards; "continue": a cell under it; "": none
    vmerge: str = ""


class CellXml:
    """Runs and rows of one table: the cell paragraph style, or (without it) a size on every run.

    ``sized_runs``: a size on every run even with the style (a body table printed at another size
    than the appendix's, whose size the cell style holds).
    """

    def __init__(self, style: str | None, size_pt: float, sized_runs: bool = False) -> None:
        self.style = style
        self.sized_runs = sized_runs or not style
        sz = int(size_pt * 2)
        self._sz = f'<w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/>'
        pstyle = f'<w:pStyle w:val="{style}"/>' if style else ""
        self._ppr = {a: f'<w:pPr>{pstyle}<w:jc w:val="{a}"/></w:pPr>' for a in ALIGNS}
        #: the same with keepNext: a row that stays on the page of the row after it
        self._ppr_keep = {a: f'<w:pPr>{pstyle}<w:keepNext/><w:jc w:val="{a}"/></w:pPr>' for a in ALIGNS}

    def run(self, text: str, bold: bool = False, italic: bool = False) -> str:
        """One text run ("" for no text)."""
        props = ("<w:b/><w:bCs/>" if bold else "") + ("<w:i/><w:iCs/>" if italic else "")
        if self.sized_runs:
            props += self._sz
        rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
        return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""

    def row(
        self, cells: Iterable[tuple[str, str]], widths: list[int], header: bool = False, keep_next: bool = False
    ) -> str:
        """A row that never splits across pages; ``cells``: (runs XML, alignment) each; a header row repeats;
        ``keep_next``: the row stays on the page of the next (a group's row with its first unit)."""
        ppr = self._ppr_keep if keep_next else self._ppr
        trpr = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if header else "<w:trPr><w:cantSplit/></w:trPr>"
        tcs = "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
            f"<w:p>{ppr[align]}{runs}</w:p></w:tc>"
            for (runs, align), w in zip(cells, widths, strict=True)
        )
        return f"<w:tr>{trpr}{tcs}</w:tr>"

    def header_row(self, cells: Iterable[HeadCell]) -> str:
        """A header row (repeated on every page, never split), its cells centred, merged as asked."""
        trpr = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
        tcs = []
        for c in cells:
            span = f'<w:gridSpan w:val="{c.span}"/>' if c.span > 1 else ""
            vmerge = {"restart": '<w:vMerge w:val="restart"/>', "continue": "<w:vMerge/>"}.get(c.vmerge, "")
            tcs.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{c.width}" w:type="dxa"/>{span}{vmerge}<w:vAlign w:val="center"/></w:tcPr>'
                f"<w:p>{self._ppr['center']}{c.runs}</w:p></w:tc>"
            )
        return f"<w:tr>{trpr}{''.join(tcs)}</w:tr>"


class RowXml:
    """The rows of a table of fixed columns, each cell's opening written once (a 10,000-row appendix).

    :meth:`row` gives what :meth:`CellXml.row` gives for the same cells, each a :meth:`CellXml.run`
    of its text or, for the cells in ``raw``, the runs XML given.
    """

    def __init__(self, cells: CellXml, widths: list[int], aligns: list[str]) -> None:
        self._run = cells.run
        tc = '<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr><w:p>'
        self._open = [tc.format(w=w) + cells._ppr[a] for w, a in zip(widths, aligns, strict=True)]
        self._open_keep = [tc.format(w=w) + cells._ppr_keep[a] for w, a in zip(widths, aligns, strict=True)]
        #: (bold, italic) → a run's XML up to its text: CellXml.run's own, cut at a stand-in text
        self._run_open = {
            (b, i): cells.run("\0", b, i).partition("\0")[0] for b in (False, True) for i in (False, True)
        }

    def row(
        self,
        texts: list[str],
        bold: bool = False,
        italic: bool = False,
        raw: dict[int, str] | None = None,
        keep_next: bool = False,
    ) -> str:
        """One row (never split across pages); ``raw``: column → the runs XML of that cell."""
        run_open = self._run_open[(bold, italic)]
        parts = ["<w:tr><w:trPr><w:cantSplit/></w:trPr>"]
        for i, (opening, text) in enumerate(zip(self._open_keep if keep_next else self._open, texts, strict=True)):
            if raw is not None and i in raw:
                parts.append(f"{opening}{raw[i]}</w:p></w:tc>")
            elif text:
                if "&" in text or "<" in text or ">" in text:
                    text = escape(text)
                parts.append(f"{opening}{run_open}{text}</w:t></w:r></w:p></w:tc>")
            else:
                parts.append(f"{opening}</w:p></w:tc>")
        parts.append("</w:tr>")
        return "".join(parts)


def table_head(widths: list[int]) -> str:
    """``<w:tbl>`` with its properties (fixed, centred, single borders) and grid, before the rows."""
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    borders = "".join(
        f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for s in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    tblpr = (
        f'<w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="{CELL_MARGIN}" w:type="dxa"/><w:right w:w="{CELL_MARGIN}" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr>"
    )
    return f"<w:tbl>{tblpr}<w:tblGrid>{grid}</w:tblGrid>"


def clear_paragraph(p: etree._Element) -> None:
    """Leave ``p`` an empty paragraph: its properties only."""
    for child in list(p):
        if child.tag != PPR:
            p.remove(child)


TABLE_END = "</w:tbl>"
EMPTY_RUN = "<w:r></w:r>"


def canonical(xml: str) -> bytes:
    """Body-level ``xml`` as lxml writes it inside a Word document (``w`` declared on the root)."""
    out = etree.tostring(etree.fromstring(f"<w:body {NSDECL}>{xml}</w:body>"), encoding="UTF-8")
    return out[out.index(b">") + 1 : -len(b"</w:body>")]
