"""Content controls hide their frame with ``w15:appearance`` (Word 2013); Word 2010 opens the file
only if each part that uses ``w15`` declares it on its root and lists it in ``mc:Ignorable``."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from docx import Document
from lxml import etree

from dispatch_gen import pipeline
from dispatch_gen.output import save
from dispatch_gen.wml import sdt
from dispatch_gen.wml.ooxml import NSDECL

from .conftest import EXAMPLE, EXAMPLES

W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _parts_using_w15(path: Path) -> dict[str, etree._Element]:
    out = {}
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            data = z.read(name)
            if name.endswith(".xml") and W15.encode() in data:
                out[name] = etree.fromstring(data)
    return out


def _assert_declared(root: etree._Element, name: str) -> None:
    assert root.nsmap.get("w15") == W15, name
    ignorable = root.get(f"{{{MC}}}Ignorable", "").split()
    assert "w15" in ignorable, name
    assert all(prefix in root.nsmap for prefix in ignorable), (name, ignorable)  # each one declared


def test_a_rendered_document_declares_w15_ignorable_where_its_controls_use_it(tmp_path):
    for example in ("binh-son-ket-nap-dang-vien-2024.yaml", "quang-ngai-ubnd-cap-cccd-2024.yaml"):
        src = tmp_path / example
        shutil.copy(EXAMPLES / example, src)
        for csv in EXAMPLES.glob("*.csv"):
            shutil.copy(csv, tmp_path / csv.name)
        out = tmp_path / (src.stem + ".docx")
        pipeline.render_file(src, out)
        parts = _parts_using_w15(out)
        assert "word/document.xml" in parts, example
        for name, root in parts.items():
            _assert_declared(root, name)
            # no element of the part redeclares it: one declaration, on the root
            assert all(el.nsmap.get("w15") == W15 for el in root.iter() if isinstance(el.tag, str))


def test_a_control_added_to_a_document_without_w15_gets_it_declared(tmp_path):
    doc = Document()
    para = doc.add_paragraph()
    control = sdt.inline_xml("tong.dat", 1, "Số liệu", "<w:r><w:t>161</w:t></w:r>", 7)
    para._p.append(etree.fromstring(f"<w:p {NSDECL}>{control}</w:p>")[0])
    assert "w15" not in doc.element.nsmap
    path = tmp_path / "c.docx"
    path.write_bytes(save.document_bytes(doc))
    _assert_declared(_parts_using_w15(path)["word/document.xml"], "word/document.xml")
    plain = tmp_path / "plain.docx"
    plain.write_bytes(save.document_bytes(Document()))
    assert "word/document.xml" not in _parts_using_w15(plain)  # nothing added where nothing uses it


def test_an_appendix_table_kept_as_text_until_saved_declares_it_too(tmp_path, monkeypatch):
    from dispatch_gen.render import appendix

    monkeypatch.setattr(appendix, "LAZY_TABLE_ROWS", 0)  # every table spliced in as bytes when saved
    path = tmp_path / "phu-luc.docx"
    path.write_bytes(save.document_bytes(pipeline.build_appendices(pipeline.load(EXAMPLE))))
    root = _parts_using_w15(path)["word/document.xml"]  # parses: every prefix declared
    _assert_declared(root, "word/document.xml")
    assert root.find(f".//{{{W15}}}appearance") is not None
