"""The footnotes part is python-docx part of its own (wml.footnotes.FootnotesPart), made from
dispatch_gen/wml/default-footnotes.xml when the template has none, parsed when it has one."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx.oxml.ns import qn
from lxml import etree

from dispatch_gen import pipeline
from dispatch_gen.input import profile as profiles
from dispatch_gen.output import save
from dispatch_gen.wml.footnotes import FootnotesPart

VALID = Path(__file__).parent / "bad" / "hop-le.yaml"  # one note: "a"
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TEMPLATE_NOTES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W}">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
    "</w:footnote>"
    '<w:footnote w:id="1"><w:p><w:r><w:t>Ghi chú của mẫu: {{ co_quan.ten }}</w:t></w:r></w:p></w:footnote>'
    "</w:footnotes>"
)


def _notes(doc) -> list[tuple[str | None, str, str]]:
    """(type, id, text) of each footnote of the saved document."""
    with zipfile.ZipFile(io.BytesIO(save.document_bytes(doc))) as zf:
        root = etree.fromstring(zf.read("word/footnotes.xml"))
        assert f'ContentType="{FOOTNOTES_CT}"' in zf.read("[Content_Types].xml").decode()
        assert FOOTNOTES_REL in zf.read("word/_rels/document.xml.rels").decode()
    return [
        (n.get(qn("w:type")), n.get(qn("w:id")), "".join(t.text or "" for t in n.iter(qn("w:t"))).strip())
        for n in root.findall(qn("w:footnote"))
    ]


def _part(doc):
    return next(r.target_part for r in doc.part.rels.values() if r.reltype == FOOTNOTES_REL)


def test_a_template_without_footnotes_gets_the_default_part():
    doc, _w = pipeline.build_dispatch(pipeline.load(VALID))
    assert type(_part(doc)) is FootnotesPart
    assert _notes(doc) == [
        ("separator", "-1", ""),
        ("continuationSeparator", "0", ""),
        (None, "1", "Theo báo cáo của các đơn vị."),
    ]


def test_a_template_with_footnotes_keeps_them_rendered_and_numbers_after_them(tmp_path):
    shipped = profiles.template_path("dang-hd36", "cong_van")
    template = tmp_path / "mau.docx"
    with zipfile.ZipFile(shipped) as zin, zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                override = f'<Override PartName="/word/footnotes.xml" ContentType="{FOOTNOTES_CT}"/>'
                data = data.replace(b"</Types>", override.encode() + b"</Types>")
            elif item.filename == "word/_rels/document.xml.rels":
                rel = f'<Relationship Id="rId99" Type="{FOOTNOTES_REL}" Target="footnotes.xml"/>'
                data = data.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
            zout.writestr(item, data)
        zout.writestr("word/footnotes.xml", TEMPLATE_NOTES)
    doc, _w = pipeline.build_dispatch(pipeline.load(VALID), template)
    assert type(_part(doc)) is FootnotesPart
    assert _notes(doc) == [
        ("separator", "-1", ""),
        ("continuationSeparator", "0", ""),
        (None, "1", "Ghi chú của mẫu: HUYỆN ỦY BÌNH SƠN"),
        (None, "2", "Theo báo cáo của các đơn vị."),
    ]
