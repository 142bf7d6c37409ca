"""Compact builders of .docx files for the checker's hostile-input tests.

A .docx here is a dict of part name → XML text (or bytes), written by a small zip writer of
our own, so a test can also write what zipfile refuses to: a member of gigabytes that is a
few kilobytes on disk (deflate blocks repeated), or a size the directory lies about.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = f'xmlns:w="{W}" xmlns:r="{R}"'
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound-file signature (.doc, encrypted .docx)
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>'
    + "".join(
        f'<Override PartName="/word/{name}" ContentType="application/vnd.openxmlformats-officedocument.{kind}+xml"/>'
        for name, kind in (
            ("document.xml", "wordprocessingml.document.main"),
            ("styles.xml", "wordprocessingml.styles"),
            ("theme/theme1.xml", "theme"),
            ("footnotes.xml", "wordprocessingml.footnotes"),
            ("header1.xml", "wordprocessingml.header"),
            ("comments.xml", "wordprocessingml.comments"),
        )
    )
    + "</Types>"
)
SECT = (
    '<w:sectPr><w:headerReference w:type="default" r:id="rIdH"/><w:pgSz w:w="11906" w:h="16838"/>'
    '<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/></w:sectPr>'
)
STYLES = (
    f'<w:styles {NS}><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="28"/></w:rPr></w:rPrDefault>'
    '</w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
    "</w:style>{extra}</w:styles>"
)
THEME = (
    '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="t"><a:themeElements>'
    '<a:fontScheme name="f"><a:majorFont><a:latin typeface="Cambria"/><a:ea typeface=""/><a:cs typeface=""/>'
    '</a:majorFont><a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/>'
    "</a:minorFont></a:fontScheme></a:themeElements></a:theme>"
)
FOOTNOTES = (
    f'<w:footnotes {NS}><w:footnote w:id="1"><w:p><w:r><w:t>Ghi chú.</w:t></w:r></w:p></w:footnote></w:footnotes>'
)
HEADER = f"<w:hdr {NS}><w:p><w:r><w:t>Trang đầu</w:t></w:r></w:p></w:hdr>"


def rels(*targets: tuple[str, str, str]) -> str:
    items = "".join(f'<Relationship Id="{i}" Type="{REL}{t}" Target="{x}"/>' for i, t, x in targets)
    return (
        f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{items}</Relationships>'
    )


def document(body: str, sect: str = SECT) -> str:
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    return f"{head}<w:document {NS}><w:body>{body}{sect}</w:body></w:document>"


def para(text: str, rpr: str = "", ppr: str = "") -> str:
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}<w:r><w:rPr>{rpr}</w:rPr><w:t>{text}</w:t></w:r></w:p>"


def parts(body: str = "", styles: str = "", **override: str | bytes | None) -> dict[str, str | bytes]:
    """A small valid dispatch-like document; ``override`` replaces parts (None drops one)."""
    out: dict[str, str | bytes] = {
        "[Content_Types].xml": CT,
        "_rels/.rels": rels(("rId1", "officeDocument", "word/document.xml")),
        "word/_rels/document.xml.rels": rels(
            ("rIdS", "styles", "styles.xml"),
            ("rIdT", "theme", "theme/theme1.xml"),
            ("rIdF", "footnotes", "footnotes.xml"),
            ("rIdH", "header", "header1.xml"),
            ("rIdC", "comments", "comments.xml"),  # parts a hostile case may add
            ("rIdI", "image", "media/image1.png"),
        ),
        "word/document.xml": document(body or para("Kính gửi: Ban Tổ chức")),
        "word/styles.xml": STYLES.format(extra=styles),
        "word/theme/theme1.xml": THEME,
        "word/footnotes.xml": FOOTNOTES,
        "word/header1.xml": HEADER,
    }
    for key, value in override.items():
        name = {
            "document": "word/document.xml",
            "styles_xml": "word/styles.xml",
            "theme": "word/theme/theme1.xml",
            "footnotes": "word/footnotes.xml",
            "header": "word/header1.xml",
            "doc_rels": "word/_rels/document.xml.rels",
        }.get(key, key)
        if value is None:
            out.pop(name, None)
        else:
            out[name] = value
    return out


class Member:
    """A zip member given as raw deflate data with its stated size and CRC (for bombs)."""

    def __init__(self, data: bytes, size: int, crc: int) -> None:
        self.data, self.size, self.crc = data, size, crc


def _deflate(data: bytes, final: bool = False) -> bytes:
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    return comp.compress(data) + comp.flush(zlib.Z_FINISH if final else zlib.Z_FULL_FLUSH)


def repeated_member(block: bytes, count: int, head: bytes = b"", tail: bytes = b"", crc: bool = True) -> Member:
    """``head + block * count + tail`` as a deflate stream that compresses ``block`` once.

    After a full flush a deflate stream depends on nothing before it, so the compressed
    block is simply repeated: gigabytes in a few kilobytes. Without ``crc`` the stated CRC
    is 0 (a part the checker must never inflate is never checked against it).
    """
    data = _deflate(head) + _deflate(block) * count + _deflate(tail, final=True)
    value = 0
    if crc:
        value = zlib.crc32(head)
        for _ in range(count):
            value = zlib.crc32(block, value)
        value = zlib.crc32(tail, value)
    return Member(data, len(head) + len(block) * count + len(tail), value)


def zeros_member(size_mb: int) -> Member:
    """``size_mb`` MB of zero bytes (a bomb: its CRC is not computed)."""
    return repeated_member(b"\0" * (1 << 20), size_mb, crc=False)


def big_document(size_mb: int) -> Member:
    """A well-formed document.xml of about ``size_mb`` MB of paragraphs, CRC right."""
    paragraph = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>"
    block = paragraph * ((1 << 20) // len(paragraph))
    head, _sep, tail = document("@").encode().partition(b"@")
    return repeated_member(block, size_mb, head, tail)


def write(path: Path, members: dict[str, str | bytes | Member]) -> Path:
    """Write a zip of deflated members (a :class:`Member` is written as given)."""
    path.write_bytes(zip_bytes(members))
    return path


def zip_bytes(members: dict[str, str | bytes | Member]) -> bytes:
    """The bytes of a zip of deflated members (a :class:`Member` as given)."""
    out = bytearray()
    central = bytearray()
    for name, value in members.items():
        raw_name = name.encode()
        if isinstance(value, Member):
            data, size, crc = value.data, value.size, value.crc
        else:
            plain = value.encode() if isinstance(value, str) else value
            comp = zlib.compressobj(6, zlib.DEFLATED, -15)
            data, size, crc = comp.compress(plain) + comp.flush(), len(plain), zlib.crc32(plain)
        offset = len(out)
        out += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(data), size, len(raw_name), 0)
        out += raw_name + data
        central += struct.pack(
            "<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc, len(data), size, len(raw_name), 0, 0, 0, 0, 0, offset
        )
        central += raw_name
    count = len(members)
    out += central + struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(central), len(out), 0)
    return bytes(out)
