"""Compact WordprocessingML fixtures: a minimal .docx written from a few lines of body XML.

Tests of the XML layer and of the checker's reader build exactly the markup they are about,
without python-docx's default template in the way::

    path = docx(tmp_path, '<w:p><w:r><w:t>Số 07-CV/HU</w:t></w:r></w:p>', styles=NORMAL_14)

``w:`` needs no declaration in the fragments. ``el(xml)`` parses one element the same way
(python-docx's element classes, so ``el('<w:tbl>…').tblPr`` works).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from docx.oxml import parse_xml

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'

#: A4 portrait; margins top 20, right 15, bottom 20, left 30 mm (in twips).
SECT_A4 = (
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
    '<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="720" w:footer="720" w:gutter="0"/>'
    "</w:sectPr>"
)

#: Styles: document defaults Times New Roman 13 pt; Normal 14 pt; "Body" based on Normal,
#: justified with a 12,7 mm first-line indent; character style "Strong" bold.
STYLES = (
    "<w:docDefaults><w:rPrDefault><w:rPr>"
    '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" '
    'w:cs="Times New Roman"/><w:sz w:val="26"/></w:rPr></w:rPrDefault></w:docDefaults>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
    '<w:rPr><w:sz w:val="28"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Body"><w:name w:val="Body"/><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:ind w:firstLine="720"/><w:jc w:val="both"/></w:pPr></w:style>'
    '<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>'
)

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/footnotes.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
    "{headers}</Types>"
)
_HEADER_CT = (
    '<Override PartName="/word/{name}" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)
_REL = (
    '<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" '
    'Target="{target}"/>'
)


def docx(
    folder: Path,
    body: str,
    *,
    styles: str = STYLES,
    sect: str | None = SECT_A4,
    footnotes: str | None = None,
    headers: dict[str, str] | None = None,
    name: str = "fix.docx",
) -> Path:
    """Write ``folder/name``: ``body`` (then ``sect`` as the body's last sectPr), the styles,
    optional footnotes (``<w:footnote>`` elements) and headers ({relationship id: body of
    ``<w:hdr>``}; refer to them from ``sect`` as ``r:id="rIdH1"``…)."""
    headers = headers or {}
    rels = [_REL.format(id="rIdS", kind="styles", target="styles.xml")]
    parts = {
        "word/document.xml": f"<w:document {NS}><w:body>{body}{sect or ''}</w:body></w:document>",
        "word/styles.xml": f"<w:styles {NS}>{styles}</w:styles>",
    }
    if footnotes is not None:
        rels.append(_REL.format(id="rIdF", kind="footnotes", target="footnotes.xml"))
        parts["word/footnotes.xml"] = f"<w:footnotes {NS}>{footnotes}</w:footnotes>"
    header_ct = ""
    for i, (rid, xml) in enumerate(headers.items(), 1):
        rels.append(_REL.format(id=rid, kind="header", target=f"header{i}.xml"))
        parts[f"word/header{i}.xml"] = f"<w:hdr {NS}>{xml}</w:hdr>"
        header_ct += _HEADER_CT.format(name=f"header{i}.xml")
    path = folder / name
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES.format(headers=header_ct))
        zf.writestr("_rels/.rels", _ROOT_RELS)
        zf.writestr(
            "word/_rels/document.xml.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{"".join(rels)}'
            "</Relationships>",
        )
        for part, xml in parts.items():
            zf.writestr(part, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + xml)
    return path


def el(xml: str) -> Any:
    """One element from a fragment with undeclared ``w:``/``r:`` prefixes (python-docx classes)."""
    head, _sep, rest = xml.partition(">")
    if "xmlns:w=" in head:
        return parse_xml(xml)
    closing = "/" if head.endswith("/") else ""
    head = head[:-1] if closing else head
    return parse_xml(f"{head} {NS}{closing}>{rest}")


def p(text: str = "", *, ppr: str = "", rpr: str = "") -> str:
    """A paragraph with one run of ``text`` (both property blocks optional)."""
    run = f'<w:r>{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{run}</w:p>"


def children(element: Any) -> list[str]:
    """The local names of an element's children, in order: what schema order is about."""
    return [c.tag.rpartition("}")[2] for c in element]
