"""The checker's reader reads what Word shows, however the document was built (issue #15).

Each document is built with python-docx in one construction style (runs split anywhere,
line breaks and tabs inside a paragraph, text in a text box, deleted text, a simple field,
bold set at several levels of the style hierarchy) and read back with ``read_docx``; the
expected text and formatting are written out here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml

from dispatch_gen.check import read_docx
from tests import hostile_docx as h

W = f'xmlns:w="{h.W}"'
TEXTBOX = (
    f'<w:r {W} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml">'
    '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>'
    "<w:p><w:r><w:t>Trong khung</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
    "<mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>Trong khung</w:t></w:r></w:p>"
    "</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
)


def saved(doc, tmp_path: Path) -> Path:
    path = tmp_path / "x.docx"
    doc.save(str(path))
    return path


def body_paragraphs(path: Path):
    return [p for p in read_docx(path).paragraphs if p.text]


def test_runs_split_anywhere_breaks_and_tabs_read_as_one_line_each(tmp_path):
    doc = Document()
    p = doc.add_paragraph()
    for ch in "Kính gửi:":
        p.add_run(ch)
    p.add_run().add_tab()
    p.add_run("- Ban Tổ chức")
    p.add_run().add_break()
    p.add_run("- Ban ").bold = True
    p.add_run("Tuyên giáo")
    (para,) = body_paragraphs(saved(doc, tmp_path))
    assert para.text == "Kính gửi:\t- Ban Tổ chức\n- Ban Tuyên giáo"
    assert para.text.split("\n") == ["Kính gửi:\t- Ban Tổ chức", "- Ban Tuyên giáo"]
    assert [r.props.bold for r in para.runs if r.text == "- Ban "] == [True]


def test_text_in_a_text_box_is_read_once_and_flagged(tmp_path):
    doc = Document()
    p = doc.add_paragraph("Trước khung ")
    p._p.append(parse_xml(TEXTBOX))
    doc.add_paragraph("Sau khung")
    paras = body_paragraphs(saved(doc, tmp_path))
    assert [(x.text, x.in_textbox) for x in paras] == [
        ("Trước khung ", False),
        ("Trong khung", True),  # the Choice is read, the Fallback copy is not
        ("Sau khung", False),
    ]


def test_deleted_text_is_not_read_and_a_simple_field_is_marked(tmp_path):
    doc = Document()
    p = doc.add_paragraph("Còn lại")
    p._p.append(parse_xml(f'<w:del {W} w:id="1" w:author="a"><w:r><w:delText>Đã xóa</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f'<w:fldSimple {W} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    (para,) = body_paragraphs(saved(doc, tmp_path))
    assert para.text == "Còn lại1"
    assert para.fields == [" PAGE "]
    assert [(r.text, r.has_field) for r in para.runs] == [("Còn lại", False), ("1", True)]


def _bold_styles(doc, paragraph_bold: bool, character_bold: bool, base_bold: bool = False):
    base = doc.styles.add_style("Nen", WD_STYLE_TYPE.PARAGRAPH)
    base.font.bold = base_bold or None
    pstyle = doc.styles.add_style("Doan", WD_STYLE_TYPE.PARAGRAPH)
    pstyle.base_style = base
    pstyle.font.bold = paragraph_bold or None
    cstyle = doc.styles.add_style("Chu", WD_STYLE_TYPE.CHARACTER)
    cstyle.font.bold = character_bold or None
    return pstyle, cstyle


@pytest.mark.parametrize(
    ("paragraph_bold", "character_bold", "base_bold", "direct", "expected"),
    [
        (True, False, False, None, True),
        (False, True, False, None, True),
        (True, True, False, None, False),  # two style levels turning bold on: the toggle flips back
        (False, False, True, None, True),  # from the base style, through basedOn
        (True, False, True, None, True),  # within one chain the nearest wins, no flip
        (True, True, False, True, True),  # direct formatting is absolute
        (True, False, False, False, False),
    ],
)
def test_bold_is_a_toggle_through_the_style_hierarchy(
    tmp_path, paragraph_bold, character_bold, base_bold, direct, expected
):
    doc = Document()
    pstyle, cstyle = _bold_styles(doc, paragraph_bold, character_bold, base_bold)
    p = doc.add_paragraph(style=pstyle)
    run = p.add_run("Chữ", style=cstyle)
    run.bold = direct
    (para,) = body_paragraphs(saved(doc, tmp_path))
    assert [r.props.bold for r in para.runs] == [expected]


def test_theme_fonts_are_resolved(tmp_path):
    body = h.para("Tiêu đề", rpr='<w:rFonts w:asciiTheme="majorHAnsi" w:hAnsiTheme="majorHAnsi"/>') + h.para(
        "Nội dung", rpr='<w:rFonts w:asciiTheme="minorHAnsi" w:ascii="Arial"/>'
    )
    path = h.write(tmp_path / "x.docx", h.parts(body=body))
    fonts = [(p.text, p.runs[0].props.font("ascii"), p.runs[0].props.font("hAnsi")) for p in body_paragraphs(path)]
    assert fonts[:2] == [("Tiêu đề", "Cambria", "Cambria"), ("Nội dung", "Calibri", None)]


def test_paragraph_formats_alike_are_read_once_and_a_fault_is_said_at_each_place(tmp_path):
    """Paragraph properties are memoised per format as written (a 100-page document has a few
    dozen); a paragraph whose format cannot be read is not memoised, so each place is named."""
    from dispatch_gen.check.rules import judge_file
    from dispatch_gen.input import profile as profiles
    from tests import hostile_docx as h

    good = '<w:spacing w:before="120"/>'
    bad = '<w:spacing w:before="abc"/>'
    body = "".join(h.para(t, ppr=p) for t, p in (("Một", bad), ("Hai", good), ("Ba", bad), ("Bốn", good)))
    path = h.write(tmp_path / "x.docx", h.parts(body=body))
    judged = judge_file(path, profiles.names())
    said = [str(f) for f in judged.findings if "w:spacing w:before" in str(f)]
    assert [s.split(": ")[1] for s in said] == ["đoạn 1", "đoạn 3"], said
    doc = judged.layout.doc
    assert doc.paragraphs[1].props.space_before_pt == doc.paragraphs[3].props.space_before_pt == 6.0
