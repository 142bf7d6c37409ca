"""Paragraphs the templates and the renderer share: the solid rule, and the appendix table's marker.

The template builder draws a rule at a fixed length; the renderer draws the same rule once its
length is known (a ratio of the issuer's name, the appendix page's width) and prints it with
``{{p … }}``. Both come from :func:`shape_rule`, so the two are the same XML.
"""

from __future__ import annotations

from typing import Any, cast

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from lxml import etree

from dispatch_gen.wml import ooxml

#: The text of the appendix template's paragraph that the table replaces.
TABLE_MARKER = "⟦bang⟧"


def shape_rule(p: Paragraph, length_mm: float, box_mm: float) -> Paragraph:
    """Make ``p`` a solid rule ``length_mm`` long, centred in a box ``box_mm`` wide.

    An empty paragraph with a bottom border, narrowed by equal indents; its run and its mark
    are 2 pt, so the rule sits right under the text above it.
    """
    side = max((box_mm - length_mm) / 2, 0)
    p.paragraph_format.left_indent = Mm(side)
    p.paragraph_format.right_indent = Mm(side)
    ooxml.paragraph_bottom_border(p._p)
    run = p.add_run()
    run.font.size = Pt(2)
    mark = OxmlElement("w:rPr")  # the paragraph mark's properties: after every CT_PPrBase child
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "4")  # half-points: 2 pt
    mark.append(size)
    p._p.get_or_add_pPr().insert_element_before(cast(Any, mark), "w:sectPr", "w:pPrChange")
    return p


def rule_element(length_mm: float, box_mm: float) -> CT_P:
    """The rule as a detached ``w:p`` (nothing in it needs a part: no style, no image)."""
    element = cast(CT_P, OxmlElement("w:p"))
    return shape_rule(Paragraph(element, cast(Any, None)), length_mm, box_mm)._p


def rule_xml(length_mm: float, box_mm: float) -> str:
    """The rule as WordprocessingML text, for a template's ``{{p … }}`` (docxtpl prints text)."""
    return etree.tostring(rule_element(length_mm, box_mm), encoding="unicode")
