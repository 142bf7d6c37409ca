"""A Word document whose big tables are still XML text: they are spliced in as the package is saved.

A 10,000-row appendix table built as lxml elements would take 170 MB; the renderer keeps it as
its final serialised bytes and puts a placeholder comment where it goes
(:func:`placeholder`). :class:`WordDocument` is a python-docx ``Document`` (every reader of the
rendered document sees one) whose ``save`` is the explicit last step: it writes the package as
python-docx does, the main part's XML with each placeholder replaced by its table.
"""

from __future__ import annotations

import io
import itertools
import os
from dataclasses import dataclass
from typing import IO, Any

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE
from docx.opc.package import Unmarshaller
from docx.opc.part import PartFactory
from docx.opc.pkgreader import PackageReader
from docx.opc.pkgwriter import PackageWriter
from docx.package import Package
from lxml import etree

_IDS = itertools.count(1)  # placeholders unique in the process, so in every document

#: key (a template's sha1) → its package read once: part names, types, relationships, bytes
_READERS: dict[str, PackageReader] = {}
_READERS_MAX = 16


def open_document(data: bytes, key: str) -> Document:
    """A fresh python-docx Document of the .docx ``data``, as ``docx.Document`` opens it.

    The zip is read once per ``key`` (the parts' bytes and relationships are immutable): one
    letter of a batch of a hundred then only parses its parts' XML again, ~1.4 ms less each.
    """
    reader = _READERS.get(key)
    if reader is None:
        reader = PackageReader.from_file(io.BytesIO(data))
        if len(_READERS) >= _READERS_MAX:
            _READERS.clear()
        _READERS[key] = reader
    package = Package()
    Unmarshaller.unmarshal(reader, package, PartFactory)
    part = package.main_document_part
    if part.content_type != CONTENT_TYPE.WML_DOCUMENT_MAIN:
        raise ValueError(f"not a Word document: its main part is {part.content_type}")
    document: Document = part.document
    return document


def placeholder() -> tuple[Any, bytes]:
    """A comment to stand where a table goes, and the bytes it serialises to in the part."""
    comment = etree.Comment(f"dispatch-gen-table-{os.getpid()}-{next(_IDS)}")
    return comment, f"<!--{comment.text}-->".encode()


@dataclass(frozen=True)
class _SplicedPart:
    """What the package writer reads of a part (name, type, XML, relationships), the XML spliced."""

    part: Any
    tables: dict[bytes, bytes]

    @property
    def partname(self) -> Any:
        return self.part.partname

    @property
    def content_type(self) -> str:
        return str(self.part.content_type)

    @property
    def rels(self) -> Any:
        return self.part.rels

    @property
    def blob(self) -> bytes:
        return splice(self.part.blob, self.tables)


def splice(xml: bytes, tables: dict[bytes, bytes]) -> bytes:
    """``xml`` with each placeholder (once) replaced by its table's bytes."""
    for mark, table in tables.items():
        xml = xml.replace(mark, table, 1)
    return xml


class WordDocument(Document):
    """A python-docx Document, with ``tables_as_text`` (placeholder → table bytes) spliced on save."""

    def __init__(self, document: Document) -> None:
        super().__init__(document.element, document.part)
        self.tables_as_text: dict[bytes, bytes] = {}

    def save(self, path_or_stream: str | IO[bytes]) -> None:
        """Save as python-docx does (``OpcPackage.save``), the big tables spliced into the main part."""
        if not self.tables_as_text:
            super().save(path_or_stream)
            return
        package = self.part.package
        parts = list(package.parts)
        for part in parts:
            part.before_marshal()
        written = [_SplicedPart(p, self.tables_as_text) if p is self.part else p for p in parts]
        PackageWriter.write(path_or_stream, package.rels, written)
