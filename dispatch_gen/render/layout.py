"""What stays together on a page, decided after the dispatch is rendered (issue 18, item 1).

- The last paragraph of the body stays with the Nơi nhận and signature (their table row never
  splits: the template's ``cantSplit``), so the signature never stands alone on a page.
- A heading stays with what follows it. The body's blocks say which paragraphs are section
  headings (a ``#`` line, :class:`dispatch_gen.compute.markup.Heading`, whatever its level's
  formatting): :func:`keep_headings`. What the data cannot say is guessed from the paragraph:
  a line the user wrote all in bold or all in italic ("**I. MỤC ĐÍCH**") or ending with a
  colon ("1. Các chi, đảng bộ trực thuộc Huyện ủy:", "…như sau:"): :func:`keep_together`.

The header's column widths (:mod:`dispatch_gen.render.geometry`) are set here too, on the
table whose first cell holds the issuing body's name.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docx.shared import Mm

from dispatch_gen.compute.markup import Heading
from dispatch_gen.render.geometry import Header
from dispatch_gen.wml import layout, ooxml

BODY_STYLE = "Dispatch Body"


def is_heading(p: Any) -> bool:
    """A paragraph that looks like it introduces what follows: all bold or all italic, or ending with ":"."""
    return layout.all_emphasised(p) or layout.text(p).rstrip().endswith(":")


def _body(document: Any) -> list[Any]:
    style = ooxml.style_id(document, BODY_STYLE)
    return [] if style is None else layout.paragraphs_of_style(document.element.body, style)


def keep_headings(document: Any, blocks: Sequence[Any]) -> None:
    """``keepNext`` on the body paragraphs that the body's ``blocks`` say are headings.

    Called before the body's tables replace their paragraphs (each block is then one paragraph
    of the body's style, in order); a template laid out otherwise (other counts) is left alone.
    """
    body = _body(document)
    if len(body) != len(blocks):
        return
    for p, block in zip(body, blocks, strict=True):
        if isinstance(block, Heading):
            layout.keep_with_next(p)


def keep_together(document: Any) -> None:
    """``keepNext`` on each paragraph of the body that looks like a heading (:func:`is_heading`)
    and on its last paragraph (see the module)."""
    body = _body(document)
    for p in body[:-1]:
        if is_heading(p):
            layout.keep_with_next(p)
    if body:
        layout.keep_with_next(body[-1])


def fit_header(document: Any, hdr: Header) -> None:
    """Give the header table (the body's first, of two columns) the chosen widths; the rules in
    its cells, centred in the template's widths, move to the centre of the new ones."""
    tbl = next(layout.tables(document.element.body), None)
    if tbl is None or len(old := layout.column_widths(tbl)) != 2:
        return
    left = Mm(hdr.left_mm).twips
    new = [left, sum(old) - left]
    layout.set_column_widths(tbl, new)
    for row in layout.cells(tbl):
        for tc, a, b in zip(row, old, new, strict=False):
            layout.shift_rules(tc, (b - a) // 2)


def template_columns(document: Any) -> tuple[float, float | None] | None:
    """The widths (mm) of a user's template's header cells: the issuing body's and the date's, as
    its table writes them; None when the issuing body's cell width cannot be read (a text box, a
    table without widths), and the date's None alone when only that one cannot."""
    body = document.element.body
    left = layout.cell_width(body, "co_quan.ten")
    if left is None:
        return None
    right = layout.cell_width(body, "dia_danh_ngay")
    return left / Mm(1).twips, None if right is None else right / Mm(1).twips
