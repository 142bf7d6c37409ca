"""Paragraphs the templates and the renderer share: the solid rule, and the appendix table's marker.

The template builder draws a rule at a fixed length; the renderer draws the same rule once its
length is known (a ratio of the issuer's name, the appendix page's width). Both come from
:func:`shape_rule`, so the two are the same XML.

A template asks for a rule with ``{{p co_quan.gach_duoi }}``. The value is a :class:`Rule`:
Jinja prints it (its ``__html__``) as a small marker paragraph naming the rule's length and
box; after rendering, :func:`place_rules` replaces each marker paragraph with the rule
element built by python-docx. The rule is never written as text and parsed back.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, cast

from docx.opc.constants import RELATIONSHIP_TYPE as RT
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


_RULE_MARK = re.compile(r"⟦gach_duoi ([0-9.e+-]+) ([0-9.e+-]+)⟧")


@dataclass(frozen=True)
class Rule:
    """A rule ``length_mm`` long centred in ``box_mm``, as a template value for ``{{p … }}``."""

    length_mm: float
    box_mm: float

    def __html__(self) -> str:
        """What Jinja prints: a marker paragraph, replaced by the rule after rendering."""
        return f"<w:p><w:r><w:t>⟦gach_duoi {self.length_mm!r} {self.box_mm!r}⟧</w:t></w:r></w:p>"

    def __str__(self) -> str:
        return rule_xml(self.length_mm, self.box_mm)


def place_rules(root: Any) -> None:
    """Replace every rule marker paragraph under ``root`` with its rule (see :class:`Rule`)."""
    p_tag, t_tag = qn("w:p"), qn("w:t")
    marked = [p for p in root.iter(p_tag) if any((t.text or "").startswith("⟦gach_duoi ") for t in p.iter(t_tag))]
    for p in marked:
        m = _RULE_MARK.fullmatch("".join(t.text or "" for t in p.iter(t_tag)))
        if m:
            p.getparent().replace(p, rule_element(float(m[1]), float(m[2])))


def _story_roots(document: Any) -> Iterator[Any]:
    """The body, then each header and footer part of a python-docx Document."""
    yield document.element.body
    for rel in document.part.rels.values():
        if rel.reltype in (RT.HEADER, RT.FOOTER) and not rel.is_external:
            element = getattr(rel.target_part, "element", None)
            if element is not None:
                yield element


def place_rules_in(document: Any) -> None:
    """:func:`place_rules` in the body, headers and footers of a rendered Document."""
    for root in _story_roots(document):
        place_rules(root)
