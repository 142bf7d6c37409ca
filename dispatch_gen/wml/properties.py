"""The custom document property that records which rule set a .docx was made with.

``docProps/custom.xml`` (OPC custom properties, ECMA-376 Part 1 §22.3) holds
``dispatch-gen:the_thuc`` = ``dang-hd05``, so that ``check`` and later readers know the rules
without guessing from the date line. Written on rendering, read back with :func:`read`.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from lxml import etree

#: the property's name in ``docProps/custom.xml``
RULE_SET = "dispatch-gen:the_thuc"
_PARTNAME = "/docProps/custom.xml"
_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
#: the format id every custom property carries (ECMA-376 Part 1 §22.3.2.2)
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def _xml(values: dict[str, str]) -> bytes:
    props = "".join(
        f'<property fmtid="{_FMTID}" pid="{pid}" name="{escape(name, {chr(34): "&quot;"})}">'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(sorted(values.items()), start=2)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{_NS}" xmlns:vt="{_VT}">{props}</Properties>'
    ).encode()


def write(doc: Any, values: dict[str, str]) -> None:
    """Record ``values`` as the custom properties of the python-docx Document ``doc``."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    package = doc.part.package
    for rel in list(package.rels.values()):
        if rel.reltype == _RT:  # a template's own custom part is replaced, not doubled
            del package.rels[rel.rId]
    part = Part(PackURI(_PARTNAME), _CT, _xml(values), package)
    package.relate_to(part, _RT)


def read(path: Path) -> dict[str, str]:
    """The custom string properties of the .docx at ``path`` (empty when it has none)."""
    try:
        with zipfile.ZipFile(path) as zf:
            if _PARTNAME.lstrip("/") not in zf.namelist():
                return {}
            root = etree.fromstring(zf.read(_PARTNAME.lstrip("/")))
    except (OSError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return {}
    out = {}
    for prop in root.iterfind(f"{{{_NS}}}property"):
        value = prop.find(f"{{{_VT}}}lpwstr")
        if prop.get("name") and value is not None:
            out[prop.get("name", "")] = value.text or ""
    return out
