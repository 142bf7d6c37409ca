"""The footnotes part (``word/footnotes.xml``) as a python-docx part class of its own.

python-docx has no footnotes part: it loads one as an opaque blob. :class:`FootnotesPart` is
an ``XmlPart`` registered with python-docx's ``PartFactory`` for the footnotes content type,
so a template's footnotes load parsed, and a document without footnotes gets one built from
``default-footnotes.xml`` (the separator and continuation separator Word expects), as
python-docx builds its own default parts from XML files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import PartFactory, XmlPart
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
PARTNAME = "/word/footnotes.xml"


class FootnotesPart(XmlPart):
    """``word/footnotes.xml``, parsed: its root is the ``w:footnotes`` element."""

    @classmethod
    def default(cls, package: Any) -> FootnotesPart:
        """A new footnotes part holding only the two separators (``default-footnotes.xml``)."""
        xml = Path(__file__).with_name("default-footnotes.xml").read_bytes()  # package data beside this file
        return cls(PackURI(PARTNAME), CONTENT_TYPE, parse_xml(xml), package)


PartFactory.part_type_for[CONTENT_TYPE] = FootnotesPart


def _root(part: Any) -> Any:
    if not isinstance(part, FootnotesPart):  # opened before this module registered the class
        raise TypeError(f"{part.partname}: loaded as {type(part).__name__}, not FootnotesPart")
    return part.element


def find_root(document: Any) -> Any | None:
    """The ``w:footnotes`` element of ``document``, or None when it has no footnotes part."""
    for rel in document.part.rels.values():
        if rel.reltype == RT.FOOTNOTES and not rel.is_external:
            return _root(rel.target_part)
    return None


def root_to_write(document: Any) -> Any:
    """The ``w:footnotes`` element of ``document``, its default part added when missing."""
    root = find_root(document)
    if root is None:
        part = FootnotesPart.default(document.part.package)
        document.part.relate_to(part, RT.FOOTNOTES)
        root = part.element
    return root


def set_part_xml(part: FootnotesPart, xml: bytes) -> None:
    """Replace the XML of a footnotes part (docxtpl renders it as text)."""
    part._element = parse_xml(xml)


def max_id(root: Any) -> int:
    """The highest footnote id in use (0 when there is only the separators)."""
    ids = [int(n.get(qn("w:id"))) for n in root.findall(qn("w:footnote"))]
    return max([*ids, 0])
