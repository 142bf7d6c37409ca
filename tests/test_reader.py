"""check/reader.py on minimal Word files written by tests/wmlfix.py: text, effective formatting
through the style chain, tables, sections, headers and footnotes, each on its own."""

from __future__ import annotations

import unicodedata

import pytest

from dispatch_gen.check import read_docx

from .wmlfix import docx, p


def paras(tmp_path, body, **kw):
    return read_docx(docx(tmp_path, body, **kw)).paragraphs


def test_visible_text_tabs_breaks_and_what_is_not_printed(tmp_path):
    body = (
        "<w:p><w:r><w:t>Số 07</w:t><w:tab/><w:t>Bình Sơn</w:t><w:br/><w:t>dòng hai</w:t>"
        "<w:noBreakHyphen/><w:t>x</w:t></w:r>"
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>ẩn</w:t></w:r>"
        "<w:del><w:r><w:delText>đã xóa</w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t> thêm</w:t></w:r></w:ins></w:p>"
    )
    (para,) = paras(tmp_path, body)
    assert para.text == "Số 07\tBình Sơn\ndòng hai-x thêm"


def test_decomposed_accents_are_read_composed(tmp_path):
    (para,) = paras(tmp_path, p(unicodedata.normalize("NFD", "Huyện ủy Bình Sơn")))
    assert para.text == "Huyện ủy Bình Sơn" and unicodedata.is_normalized("NFC", para.text)


def test_run_properties_come_through_the_style_chain(tmp_path):
    """docDefaults 13 pt → Normal 14 pt → direct 12 pt; bold from a character style, turned off by w:val=0."""
    body = (
        p("a", ppr='<w:pStyle w:val="Body"/>')
        + p("b", rpr='<w:sz w:val="24"/>')
        + p("c", rpr='<w:rStyle w:val="Strong"/>')
        + p("d", rpr='<w:rStyle w:val="Strong"/><w:b w:val="0"/>')
        + p("e", rpr='<w:i/><w:u w:val="single"/><w:caps/><w:vertAlign w:val="superscript"/>')
        + p("f", rpr='<w:rFonts w:ascii="Arial"/>')
    )
    a, b, c, d, e, f = (x.runs[0].props for x in paras(tmp_path, body))
    assert (a.size, b.size, c.size) == (14, 12, 14)
    assert (a.bold, c.bold, d.bold) == (False, True, False)
    assert (e.italic, e.underline, e.caps, e.superscript) == (True, True, True, True)
    assert not (a.italic or a.underline or a.caps or a.superscript)
    assert a.font("ascii") == a.font("eastAsia") == "Times New Roman"
    assert (f.font("ascii"), f.font("hAnsi")) == ("Arial", "Times New Roman")


def test_without_any_size_word_uses_10_pt(tmp_path):
    (para,) = paras(tmp_path, p("x"), styles="")
    assert para.runs[0].props.size == 10


def test_paragraph_properties_in_mm_and_pt(tmp_path):
    ppr = (
        '<w:pStyle w:val="Body"/><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>'
        '<w:spacing w:before="120" w:after="240" w:line="360" w:lineRule="exact"/><w:ind w:left="567"/>'
        '<w:jc w:val="center"/>'
    )
    (para,) = paras(tmp_path, p("x", ppr=ppr))
    pp = para.props
    assert pp.align == "center"  # direct beats the style's "both"
    assert pp.first_line_mm == pytest.approx(12.7)  # from the style
    assert pp.left_mm == pytest.approx(10.0, abs=0.01)
    assert (pp.space_before_pt, pp.space_after_pt) == (6, 12)
    assert (pp.line_rule, pp.line) == ("exact", 18)
    assert (pp.border_bottom, pp.border_top) == ("single", None)


def test_table_cells_know_their_row_and_grid_column(tmp_path):
    def cell(text: str, pr: str = "") -> str:
        return f"<w:tc><w:tcPr>{pr}</w:tcPr>{p(text)}</w:tc>"

    span = '<w:gridSpan w:val="2"/>'
    double = '<w:tcBorders><w:bottom w:val="double"/></w:tcBorders>'
    body = (
        "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
        + f"<w:tr>{cell('A', span)}{cell('B')}</w:tr>"
        + f"<w:tr>{cell('C')}{cell('D')}{cell('E', double)}</w:tr>"
        + "</w:tbl>"
        + p("sau bảng")
    )
    got = {x.text: (x.row, x.col, x.cell_border_bottom, x.cell is not None) for x in paras(tmp_path, body)}
    assert got == {
        "A": (0, 0, None, True),
        "B": (0, 2, None, True),  # after a cell spanning two grid columns
        "C": (1, 0, None, True),
        "D": (1, 1, None, True),
        "E": (1, 2, "double", True),
        "sau bảng": (-1, -1, None, False),
    }


def test_sections_page_setup_and_headers(tmp_path):
    first_sect = (
        '<w:sectPr><w:headerReference w:type="default" r:id="rIdH1"/><w:type w:val="nextPage"/>'
        '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/>'
        "<w:titlePg/></w:sectPr>"
    )
    landscape = (
        '<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>'
        '<w:pgMar w:top="1701" w:right="1134" w:bottom="850" w:left="1134"/></w:sectPr>'
    )
    body = p("trang một") + f"<w:p><w:pPr>{first_sect}</w:pPr></w:p>" + p("phụ lục")
    path = docx(tmp_path, body, sect=landscape, headers={"rIdH1": p("2")})
    doc = read_docx(path)
    one, two = doc.sections
    assert (round(one.width_mm), round(one.height_mm), one.title_pg) == (210, 297, True)
    assert {k: round(v) for k, v in one.margins_mm.items()} == {"top": 20, "bottom": 20, "left": 30, "right": 15}
    assert [x.text for x in one.headers["default"]] == ["2"]
    assert (round(two.width_mm), round(two.height_mm), two.title_pg, two.headers) == (297, 210, False, {})
    assert [(x.text, x.section) for x in doc.paragraphs] == [("trang một", 0), ("", 0), ("phụ lục", 1)]


def test_footnote_references_and_texts(tmp_path):
    ref = '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="{}"/></w:r>'
    body = f"<w:p><w:r><w:t>Các đơn vị</w:t></w:r>{ref.format(1)}</w:p>" + f"<w:p>{ref.format(2)}</w:p>"
    notes = (
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Bình Chương.</w:t>'
        "</w:r></w:p></w:footnote>"
    )
    doc = read_docx(docx(tmp_path, body, footnotes=notes))
    assert doc.footnote_refs == [("1", 0), ("2", 1)]
    assert {k: [x.text for x in v] for k, v in doc.footnotes.items()} == {"1": [" Bình Chương."]}
    run = doc.paragraphs[0].runs[1]
    assert (run.footnote_ref, run.text, run.props.superscript) == ("1", "", True)
    assert read_docx(docx(tmp_path, p("x"), name="none.docx")).footnotes is None


def test_fields_are_seen(tmp_path):
    body = (
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText>'
        '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        '<w:p><w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>3</w:t></w:r></w:fldSimple></w:p>'
    )
    page, simple = paras(tmp_path, body)
    assert page.fields == [" PAGE "] and page.text == "2"
    assert simple.fields == [" NUMPAGES "] and simple.runs[0].has_field
