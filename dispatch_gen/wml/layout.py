"""Page-flow and geometry properties of paragraphs and tables, set after rendering.

What :mod:`dispatch_gen.render.layout` decides (which paragraphs stay with the next, how wide
the header's columns are, where a name breaks) is written here: ``keepNext`` on a paragraph,
``cantSplit`` on a row, the ``tblGrid``/``tcW`` of a table.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

P, TBL, TR, TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_T, _R = qn("w:t"), qn("w:r")


def keep_with_next(p: Any) -> None:
    """``keepNext`` on paragraph ``p``: it stays on the page of the paragraph (or table row) after it."""
    p.get_or_add_pPr().get_or_add_keepNext()


def keeps_with_next(p: Any) -> bool:
    ppr = p.find(qn("w:pPr"))
    return ppr is not None and ppr.find(qn("w:keepNext")) is not None


def text(el: Any) -> str:
    return "".join(t.text or "" for t in el.iter(_T))


def _on(rpr: Any, tag: str) -> bool:
    el = rpr.find(qn(tag)) if rpr is not None else None
    return el is not None and el.get(qn("w:val")) not in ("0", "false")


def all_emphasised(p: Any) -> bool:
    """Every run of ``p`` that prints text is bold, or every one is italic (a heading: "**I. …**")."""
    props = [r.find(qn("w:rPr")) for r in p.iter(_R) if text(r).strip()]
    if not props:
        return False
    return all(_on(rpr, "w:b") for rpr in props) or all(_on(rpr, "w:i") for rpr in props)


def paragraphs_of_style(body: Any, style_id: str) -> list[Any]:
    """The body-level paragraphs (not in tables) whose paragraph style is ``style_id``."""
    out = []
    for p in body.iterchildren(P):
        ppr = p.find(qn("w:pPr"))
        s = ppr.find(qn("w:pStyle")) if ppr is not None else None
        if s is not None and s.get(qn("w:val")) == style_id:
            out.append(p)
    return out


def tables(body: Any) -> Iterator[Any]:
    """The body-level tables."""
    yield from body.iterchildren(TBL)


def cells(tbl: Any) -> list[list[Any]]:
    """The cells of each row of ``tbl``."""
    return [list(tr.iterchildren(TC)) for tr in tbl.iterchildren(TR)]


def cell_paragraphs(tc: Any) -> list[Any]:
    return list(tc.iterchildren(P))


def set_column_widths(tbl: Any, widths_twips: list[int]) -> None:
    """A fixed table's grid, total width and each cell's width (cells spanning no columns)."""
    tblpr = tbl.find(qn("w:tblPr"))
    w = tblpr.find(qn("w:tblW")) if tblpr is not None else None
    if w is not None:
        w.set(qn("w:w"), str(sum(widths_twips)))
        w.set(qn("w:type"), "dxa")
    grid = tbl.find(qn("w:tblGrid"))
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_twips, strict=True):
        col.set(qn("w:w"), str(width))
    for row in cells(tbl):
        for tc, width in zip(row, widths_twips, strict=False):
            tcpr = tc.find(qn("w:tcPr"))
            tcw = tcpr.find(qn("w:tcW")) if tcpr is not None else None
            if tcw is not None:
                tcw.set(qn("w:w"), str(width))
                tcw.set(qn("w:type"), "dxa")


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def cell_width(body: Any, needle: str) -> int | None:
    """The width (twips) of the first body-level table cell whose text holds ``needle`` (a template's
    tag): its columns of the table's grid, else its own ``tcW`` in twips; None when there is no
    such cell or its width is not written."""
    for tbl in tables(body):
        grid = tbl.find(qn("w:tblGrid"))
        cols = [_int(c.get(qn("w:w"))) for c in grid.findall(qn("w:gridCol"))] if grid is not None else []
        for row in cells(tbl):
            at = 0
            for tc in row:
                tcpr = tc.find(qn("w:tcPr"))
                span_el = tcpr.find(qn("w:gridSpan")) if tcpr is not None else None
                span = (_int(span_el.get(qn("w:val"))) if span_el is not None else 1) or 1
                if needle in text(tc):
                    mine = cols[at : at + span]
                    if len(mine) == span and all(w for w in mine):
                        return sum(w for w in mine if w)
                    tcw = tcpr.find(qn("w:tcW")) if tcpr is not None else None
                    if tcw is not None and tcw.get(qn("w:type"), "dxa") == "dxa":
                        return _int(tcw.get(qn("w:w"))) or None
                    return None
                at += span
    return None


def column_widths(tbl: Any) -> list[int]:
    grid = tbl.find(qn("w:tblGrid"))
    return [int(c.get(qn("w:w"))) for c in grid.findall(qn("w:gridCol"))]


def cant_split(tr: Any) -> None:
    """``cantSplit`` on a table row: it never breaks across pages."""
    trpr = tr.find(qn("w:trPr"))
    if trpr is None:
        trpr = OxmlElement("w:trPr")
        anchor = tr.find(qn("w:tblPrEx"))
        if anchor is not None:
            anchor.addnext(trpr)
        else:
            tr.insert(0, trpr)
    if trpr.find(qn("w:cantSplit")) is None:
        trpr.insert(0, OxmlElement("w:cantSplit"))


def shift_rules(tc: Any, delta_twips: int) -> None:
    """Move each centred rule of cell ``tc`` (a bordered paragraph with equal side indents) by
    ``delta_twips`` on each side: the same length, centred in a cell ``2 × delta`` wider."""
    if not delta_twips:
        return
    for p in cell_paragraphs(tc):
        ppr = p.find(qn("w:pPr"))
        if ppr is None or ppr.find(qn("w:pBdr")) is None or (ind := ppr.find(qn("w:ind"))) is None:
            continue
        left, right = ind.get(qn("w:left")), ind.get(qn("w:right"))
        if left is None or left != right:
            continue
        side = str(max(int(left) + delta_twips, 0))
        ind.set(qn("w:left"), side)
        ind.set(qn("w:right"), side)
