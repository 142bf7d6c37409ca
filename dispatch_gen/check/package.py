"""Open a .docx for reading, bounded: only the parts the checker needs, each with a size cap.

A .docx is a zip of XML parts (Open Packaging Conventions). A crafted one can hold a part of
gigabytes in a file of kilobytes, a DTD with entities, or no document at all, so nothing here
trusts the archive: the central directory is measured before it is read, a part's declared
size before it is inflated and its real size while it is (the declaration may lie), images and
other media are never inflated, and XML is parsed without DTDs, entities, network or huge-tree
mode. Every refusal is an :class:`~dispatch_gen.errors.InputError` naming the file and part
(``x.docx:word/styles.xml: …``). The limits are stated in the README.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from pathlib import Path
from typing import Any

from lxml import etree

from dispatch_gen.errors import InputError, Problem
from dispatch_gen.i18n import _

MB = 1024 * 1024
MAX_FILE = 512 * MB  # the .docx itself (only its central directory and the XML parts are read)
MAX_ENTRIES = 10_000  # members of the zip
MAX_MAIN_PART = 16 * MB  # word/document.xml, inflated
MAX_PART = 4 * MB  # every other part read (styles, theme, footnotes, each header…), inflated
MAX_TOTAL = 48 * MB  # all the parts read, inflated
MAX_DEPTH = 256  # nesting of XML elements (libxml2's bound when huge_tree is off)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, and a password-protected .docx
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_CHUNK = 256 * 1024
_DOCTYPE = tuple("<!DOCTYPE".encode(codec) for codec in ("ascii", "utf-16-le", "utf-16-be"))


def _dtd_refused() -> str:
    """The refusal of a DTD (built when used, so --lang applies)."""
    return _("phần XML có khai báo DTD hoặc thực thể (<!DOCTYPE>), Word không ghi như vậy: không đọc")


REL_OFFICE_DOCUMENT = "officeDocument"
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    huge_tree=False,
    load_dtd=False,
    dtd_validation=False,
    remove_comments=True,
    remove_pis=True,
)


def _mb(size: int) -> int:
    """Megabytes, rounded up (a part just over a limit never reads as equal to it)."""
    return -(-size // MB)


class Package:
    """The zip of one .docx, opened after its directory was measured; parts read on demand."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.name = str(path)
        self._read_total = 0
        self._xml: dict[str, Any] = {}
        self.names: dict[Any, str] = {}  # root element of each part parsed → its name
        self._zip = self._open()
        self._members = {info.filename: info for info in self._zip.infolist()}
        self._folded = {name.casefold(): name for name in self._members}

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._zip.close()

    def refuse(self, message: str, part: str = "", line: int = 0, column: int = 0) -> InputError:
        """The error for this file (and ``part``), to be raised."""
        where = f"{self.name}:{part}" if part else self.name
        return InputError([Problem(message, where, line, column)])

    def _open(self) -> zipfile.ZipFile:
        path = self.path
        try:
            if not path.is_file():
                raise self.refuse(_("không tìm thấy tệp") if not path.exists() else _("không phải một tệp thường"))
            size = path.stat().st_size
            if size > MAX_FILE:
                raise self.refuse(
                    _("tệp {size} MB, quá giới hạn {limit} MB của lệnh check", size=_mb(size), limit=_mb(MAX_FILE))
                )
            with path.open("rb") as fh:
                head = fh.read(8)
            if head.startswith(OLE_MAGIC):
                raise self.refuse(
                    _(
                        "đây là tệp Word cũ (.doc) hoặc tệp .docx đặt mật khẩu: hãy mở bằng Word, "
                        "bỏ mật khẩu nếu có, rồi lưu dạng “Word Document (.docx)”"
                    )
                )
            if not head.startswith(ZIP_MAGIC):
                raise self.refuse(_("không phải tệp Word .docx (không phải tệp nén zip)"))
            self._check_directory(path)
            return zipfile.ZipFile(path)
        except InputError:
            raise
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
            raise self.refuse(_("tệp .docx hỏng, không mở được (tệp nén zip lỗi: {error})", error=exc)) from exc

    def _check_directory(self, path: Path) -> None:
        """Refuse an archive whose central directory is too large before zipfile reads it."""
        with path.open("rb") as fh:
            end = zipfile._EndRecData(fh)  # type: ignore[attr-defined]  # the zip's end record, or None
        if not end:
            raise self.refuse(_("tệp .docx hỏng, không mở được (tệp nén zip lỗi: {error})", error="no end record"))
        entries, directory = end[4], end[5]  # _ECD_ENTRIES_TOTAL, _ECD_SIZE
        if entries > MAX_ENTRIES or directory > MAX_ENTRIES * 1024:
            raise self.refuse(
                _("tệp nén có {count} phần, quá giới hạn {limit} của lệnh check", count=entries, limit=MAX_ENTRIES)
            )

    def member(self, name: str) -> str | None:
        """The archive's name for part ``name`` (part names are case-insensitive), or None."""
        name = name.lstrip("/")
        if name in self._members:
            return name
        return self._folded.get(name.casefold())

    def read(self, name: str, limit: int = MAX_PART) -> bytes:
        """The inflated bytes of one part, refused past ``limit`` (declared or real)."""
        info = self._members[name]
        over = _("phần này {size} MB khi giải nén, quá giới hạn {limit} MB của lệnh check")
        if info.file_size > limit:
            raise self.refuse(over.format(size=_mb(info.file_size), limit=_mb(limit)), name)
        if info.flag_bits & 0x1:
            raise self.refuse(
                _("phần này bị mã hóa trong tệp nén: hãy lưu lại tệp bằng Word, không đặt mật khẩu"), name
            )
        chunks: list[bytes] = []
        size = 0
        try:
            with self._zip.open(info) as fh:
                while chunk := fh.read(_CHUNK):
                    size += len(chunk)
                    if size > limit:  # the directory lied about the size
                        raise self.refuse(over.format(size=_mb(size), limit=_mb(limit)), name)
                    chunks.append(chunk)
        except InputError:
            raise
        except (zipfile.BadZipFile, zlib.error, NotImplementedError, OSError, EOFError, ValueError) as exc:
            raise self.refuse(_("phần này hỏng trong tệp nén, không giải nén được ({error})", error=exc), name) from exc
        self._read_total += size
        if self._read_total > MAX_TOTAL:
            raise self.refuse(
                _("các phần cần đọc quá {limit} MB khi giải nén, quá giới hạn của lệnh check", limit=_mb(MAX_TOTAL)),
                name,
            )
        return b"".join(chunks)

    def xml(self, name: str, limit: int = MAX_PART) -> Any:
        """The root element of an XML part, parsed safely (memoised); refusals name the part."""
        if name in self._xml:
            return self._xml[name]
        data = self.read(name, limit)
        if not data.strip():
            raise self.refuse(_("phần XML này trống"), name)
        if any(mark in data for mark in _DOCTYPE):  # refused before parsing: no entity is ever expanded
            raise self.refuse(_dtd_refused(), name)
        try:
            root = etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError as exc:
            line, column = exc.position if exc.position else (0, 0)
            if "Excessive depth" in (exc.msg or ""):  # libxml2's bound without huge_tree
                message = _("các thẻ XML lồng nhau quá {depth} lớp, quá giới hạn của lệnh check", depth=MAX_DEPTH)
                raise self.refuse(message, name, line, column) from exc
            raise self.refuse(_("XML hỏng: {error}", error=exc.msg), name, line, column) from exc
        except (ValueError, etree.LxmlError) as exc:
            raise self.refuse(_("XML hỏng: {error}", error=exc), name) from exc
        info: Any = root.getroottree().docinfo
        if info.doctype or info.internalDTD is not None:
            raise self.refuse(_dtd_refused(), name)
        self._xml[name] = root
        self.names[root] = name
        return root

    def relationships(self, source: str) -> list[tuple[str, str, str]]:
        """``(id, type, target part)`` of the internal relationships of part ``source`` ("" = package)."""
        folder, base = posixpath.split(source)
        rels = self.member(posixpath.join(folder, "_rels", base + ".rels"))
        if rels is None:
            return []
        out = []
        for rel in self.xml(rels).iter(f"{{{_RELS_NS}}}Relationship"):
            if (rel.get("TargetMode") or "").lower() == "external":
                continue
            target = rel.get("Target") or ""
            if not target:
                continue
            if target.startswith("/"):
                name = posixpath.normpath(target.lstrip("/"))
            else:
                name = posixpath.normpath(posixpath.join(folder, target))
            out.append((rel.get("Id") or "", rel.get("Type") or "", name))
        return out

    def related(self, source: str, kind: str) -> list[tuple[str, str]]:
        """``(id, part)`` of the relationships of ``source`` whose type ends with ``/kind``,
        for the parts the archive holds (transitional and strict relationship types alike)."""
        out = []
        for rid, rtype, target in self.relationships(source):
            member = self.member(target)
            if rtype.rsplit("/", 1)[-1] == kind and member is not None:
                out.append((rid, member))
        return out

    def main_part(self) -> str:
        """The main document part, from the package relationships (``word/document.xml`` as usual)."""
        found = self.related("", REL_OFFICE_DOCUMENT)
        if found:
            return found[0][1]
        default = self.member("word/document.xml")
        if default is None:
            raise self.refuse(_("thiếu phần word/document.xml: tệp không phải văn bản Word"))
        return default
