"""The XML layer (dispatch_gen/wml/): each builder's markup, element order and values, written out.

Fragments come from tests/wmlfix.py; ``children`` lists an element's child names, which is
what WordprocessingML's schema order is about (ECMA-376 Part 1, §17).
"""

from __future__ import annotations

import docx
import pytest
from docx.oxml.ns import qn

from dispatch_gen.wml import fonts, ooxml, paragraphs, properties, table
from dispatch_gen.wml import footnotes as wml_footnotes

from .wmlfix import children, el

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# --- runs -----------------------------------------------------------------------------------


def test_run_xml_properties_in_schema_order_and_text_pieces():
    assert ooxml.run_xml("a & <b>", bold=True, italic=True, size_pt=13) == (
        '<w:r><w:rPr><w:b/><w:bCs/><w:i/><w:iCs/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr>'
        '<w:t xml:space="preserve">a &amp; &lt;b&gt;</w:t></w:r>'
    )
    assert ooxml.run_xml("Số\tngày\nhai") == (
        '<w:r><w:t xml:space="preserve">Số</w:t><w:tab/><w:t xml:space="preserve">ngày</w:t><w:br/>'
        '<w:t xml:space="preserve">hai</w:t></w:r>'
    )
    assert ooxml.run_xml("") == "<w:r></w:r>"
    assert ooxml.run_xml("x", size_pt=13.5) == (
        '<w:r><w:rPr><w:sz w:val="27"/><w:szCs w:val="27"/></w:rPr><w:t xml:space="preserve">x</w:t></w:r>'
    )


def test_breaks_and_footnote_references():
    assert ooxml.break_xml() == "<w:r><w:br/></w:r>"
    assert ooxml.break_xml(12) == '<w:r><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr><w:br/></w:r>'
    ref = el(ooxml.note_ref_xml(3, "FootnoteReference", 14))
    assert children(ref.find(qn("w:rPr"))) == ["rStyle", "sz", "szCs", "vertAlign"]
    assert ref.find(qn("w:footnoteReference")).get(qn("w:id")) == "3"
    assert children(el(ooxml.note_ref_xml(1, None)).find(qn("w:rPr"))) == ["vertAlign"]


def test_escape_and_paragraph_lines_round_trip():
    assert ooxml.escape('a&b<c>"d"') == 'a&amp;b&lt;c&gt;"d"'
    xml = '<w:p><w:r/></w:p><w:pPr/><w:p w:rsidR="1"/>'
    lined = ooxml.paragraph_lines(xml)
    assert lined == '\n<w:p><w:r/></w:p><w:pPr/>\n<w:p w:rsidR="1"/>'  # not before <w:pPr>
    assert ooxml.join_paragraph_lines(lined) == xml


# --- paragraphs -------------------------------------------------------------------------------


def test_bottom_border_goes_before_spacing_ind_and_jc():
    p = el('<w:p><w:pPr><w:pStyle w:val="A"/><w:keepNext/><w:spacing w:after="0"/><w:jc w:val="center"/></w:pPr></w:p>')
    ooxml.paragraph_bottom_border(p, 4)
    assert children(p.pPr) == ["pStyle", "keepNext", "pBdr", "spacing", "jc"]
    bottom = p.pPr.find(f"{qn('w:pBdr')}/{qn('w:bottom')}")
    assert {k.rpartition("}")[2]: v for k, v in bottom.attrib.items()} == {
        "val": "single",
        "sz": "4",
        "space": "1",
        "color": "000000",
    }
    bare = el("<w:p/>")
    ooxml.paragraph_bottom_border(bare)
    assert children(bare.pPr) == ["pBdr"]


def test_page_field_runs():
    p = el("<w:p/>")
    ooxml.add_page_field(p, 13)
    runs = p.findall(qn("w:r"))
    assert [children(r) for r in runs] == [
        ["rPr", "fldChar"],
        ["rPr", "instrText"],
        ["rPr", "fldChar"],
        ["rPr", "t"],
        ["rPr", "fldChar"],
    ]
    assert [r.find(qn("w:fldChar")).get(qn("w:fldCharType")) for r in runs[::2]] == ["begin", "separate", "end"]
    assert runs[1].find(qn("w:instrText")).text == " PAGE "
    assert {r.find(f"{qn('w:rPr')}/{qn('w:sz')}").get(qn("w:val")) for r in runs} == {"26"}


def test_rule_is_an_empty_bordered_paragraph_centred_by_equal_indents():
    rule = el(paragraphs.rule_xml(40, 60))
    assert children(rule.pPr) == ["pBdr", "ind", "rPr"]
    ind = rule.pPr.find(qn("w:ind"))
    assert (ind.get(qn("w:left")), ind.get(qn("w:right"))) == ("567", "567")  # (60 − 40) / 2 = 10 mm
    assert rule.pPr.find(f"{qn('w:rPr')}/{qn('w:sz')}").get(qn("w:val")) == "4"  # the mark: 2 pt
    assert [t.text for t in rule.iter(qn("w:t"))] == []
    wide = el(paragraphs.rule_xml(80, 60))  # longer than its box: no negative indent
    assert wide.pPr.find(qn("w:ind")).get(qn("w:left")) == "0"


# --- tables -------------------------------------------------------------------------------------


TBL = (
    '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>{extra}</w:tblPr>'
    '<w:tblGrid><w:gridCol w:w="1"/><w:gridCol w:w="1"/></w:tblGrid></w:tbl>'
)


def test_table_fixed_sets_each_child_once_in_schema_order():
    tbl = el(TBL.format(extra='<w:tblLayout w:type="autofit"/><w:tblLook w:val="04A0"/>'))
    ooxml.table_fixed(tbl, [2000, 3000], cell_margin=0)
    ooxml.table_fixed(tbl, [2000, 3000], cell_margin=57)  # twice: still one of each
    assert children(tbl.tblPr) == ["tblStyle", "tblW", "tblLayout", "tblCellMar", "tblLook"]
    assert tbl.tblPr.find(qn("w:tblW")).get(qn("w:w")) == "5000"
    assert tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    assert [c.get(qn("w:w")) for c in tbl.tblGrid] == ["2000", "3000"]
    mar = tbl.tblPr.find(qn("w:tblCellMar"))
    assert [(children(mar)), mar.find(qn("w:left")).get(qn("w:w"))] == [["left", "right"], "57"]


def test_table_borders_none_or_single_before_layout():
    tbl = el(TBL.format(extra='<w:tblLayout w:type="fixed"/>'))
    ooxml.table_borders(tbl, None)
    ooxml.table_borders(tbl, 4)
    assert children(tbl.tblPr) == ["tblW", "tblBorders", "tblLayout"]  # the style's borders go with it
    borders = tbl.tblPr.find(qn("w:tblBorders"))
    assert children(borders) == ["top", "left", "bottom", "right", "insideH", "insideV"]
    assert {(b.get(qn("w:val")), b.get(qn("w:sz"))) for b in borders} == {("single", "4")}


def test_appendix_table_text():
    head = table.table_head([1000, 2000])
    tbl = el(head + table.TABLE_END)
    assert children(tbl.tblPr) == ["tblW", "jc", "tblBorders", "tblLayout", "tblCellMar"]
    assert tbl.tblPr.find(qn("w:tblW")).get(qn("w:w")) == "3000"
    cells = table.CellXml(None, 12)
    assert cells.run("A&B", bold=True) == (
        '<w:r><w:rPr><w:b/><w:bCs/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>'
        '<w:t xml:space="preserve">A&amp;B</w:t></w:r>'
    )
    assert cells.run("") == ""
    assert table.CellXml("Bang", 12).run("x", italic=True) == (
        '<w:r><w:rPr><w:i/><w:iCs/></w:rPr><w:t xml:space="preserve">x</w:t></w:r>'
    )
    row = el(cells.row([(cells.run("1"), "center"), (cells.run("Xã A"), "left")], [1000, 2000], header=True))
    assert children(row) == ["trPr", "tc", "tc"]
    assert children(row.find(qn("w:trPr"))) == ["cantSplit", "tblHeader"]
    tc = row.find(qn("w:tc"))
    assert children(tc.find(qn("w:tcPr"))) == ["tcW", "vAlign"]
    assert [t.text for t in row.iter(qn("w:t"))] == ["1", "Xã A"]
    assert table.canonical("<w:p><w:r><w:t>x</w:t></w:r></w:p>") == b"<w:p><w:r><w:t>x</w:t></w:r></w:p>"


# --- sections -----------------------------------------------------------------------------------

SECT = (
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="850" w:bottom="1134" '
    'w:left="1701"/><w:cols w:space="720"/><w:docGrid w:linePitch="360"/></w:sectPr>'
)


def test_orientation_swaps_the_page_and_text_width_follows():
    sect = el(SECT)
    ooxml.set_orientation(sect, True)
    size = sect.find(qn("w:pgSz"))
    assert (size.get(qn("w:w")), size.get(qn("w:h")), size.get(qn("w:orient"))) == ("16838", "11906", "landscape")
    assert ooxml.text_width_twips(sect) == 16838 - 1701 - 850
    ooxml.set_orientation(sect, True)  # already landscape: unchanged
    assert size.get(qn("w:w")) == "16838"
    ooxml.set_orientation(sect, False)
    assert (size.get(qn("w:w")), size.get(qn("w:orient"))) == ("11906", None)


def test_page_numbering_and_title_page_in_schema_order():
    sect = el(SECT)
    ooxml.restart_page_numbers(sect)
    ooxml.set_title_page(sect)
    ooxml.set_title_page(sect)
    assert children(sect) == ["pgSz", "pgMar", "pgNumType", "cols", "titlePg", "docGrid"]
    assert sect.find(qn("w:pgNumType")).get(qn("w:start")) == "1"


def test_append_section_closes_the_last_one_and_drops_header_references(tmp_path):
    document = docx.Document()
    document.add_paragraph("Công văn")
    new = el(
        SECT.replace("<w:pgSz", '<w:headerReference w:type="default" r:id="rId9"/><w:type w:val="continuous"/><w:pgSz')
    )
    ooxml.append_section(document, [el("<w:p><w:r><w:t>Phụ lục</w:t></w:r></w:p>")], new)
    body = document.element.body
    assert [c.tag.rpartition("}")[2] for c in body][-3:] == ["p", "p", "sectPr"]
    closing = body[-3]
    assert children(closing.pPr) == ["sectPr"]
    assert children(body[-1]) == ["pgSz", "pgMar", "cols", "docGrid"]
    path = tmp_path / "two.docx"
    document.save(str(path))
    assert len(docx.Document(str(path)).sections) == 2


# --- footnotes ------------------------------------------------------------------------------------


def test_footnote_xml_and_ids():
    note = el(ooxml.footnote_xml(2, ooxml.run_xml("Ghi chú"), "FootnoteText", "FootnoteReference", 12))
    (para,) = note.findall(qn("w:p"))
    assert note.get(qn("w:id")) == "2"
    assert children(para) == ["pPr", "r", "r", "r"]
    mark, _space, _text = para.findall(qn("w:r"))
    assert children(mark) == ["rPr", "footnoteRef"]
    assert children(mark.find(qn("w:rPr"))) == ["rStyle", "sz", "szCs", "vertAlign"]
    assert [t.text for t in para.iter(qn("w:t"))] == [" ", "Ghi chú"]
    root = el('<w:footnotes><w:footnote w:id="-1"/><w:footnote w:id="0"/><w:footnote w:id="7"/></w:footnotes>')
    assert wml_footnotes.max_id(root) == 7


def test_footnotes_part_is_created_once_with_its_separators(tmp_path):
    document = docx.Document()
    assert wml_footnotes.find_root(document) is None
    root = wml_footnotes.root_to_write(document)
    assert [n.get(qn("w:type")) for n in root] == ["separator", "continuationSeparator"]
    assert [n.get(qn("w:id")) for n in root] == ["-1", "0"] and wml_footnotes.max_id(root) == 0
    assert wml_footnotes.root_to_write(document) is root  # not a second part
    path = tmp_path / "fn.docx"
    document.save(str(path))
    again = wml_footnotes.find_root(docx.Document(str(path)))  # read back parsed, as its own part class
    assert [n.get(qn("w:type")) for n in again] == ["separator", "continuationSeparator"]


def test_paragraph_texts_number_tables_rows_and_cells():
    xml = (
        f'<w:document xmlns:w="{W[1:-1]}"><w:body><w:p><w:r><w:t>đầu</w:t></w:r></w:p>'
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc>"
        "</w:tr><w:tr><w:tc><w:p><w:r><w:t>c</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        "<w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl></w:body></w:document>"
    ).encode()
    assert list(ooxml.paragraph_texts(xml)) == [
        (None, "đầu"),
        ((1, 1, 1), "a"),
        ((1, 1, 2), "b"),
        ((1, 2, 1), "c"),
        ((2, 1, 1), ""),
    ]


def test_parse_fragment():
    els = ooxml.parse_fragment("<w:p/><w:tbl/>")
    assert [e.tag for e in els] == [f"{W}p", f"{W}tbl"]


# --- fonts and styles ------------------------------------------------------------------------------


def test_set_fonts_names_every_script_and_drops_theme_fonts():
    rpr = el('<w:rPr><w:b/><w:rFonts w:asciiTheme="minorHAnsi" w:ascii="Arial"/></w:rPr>')
    fonts.set_fonts(rpr, "Times New Roman")
    rfonts = rpr.find(qn("w:rFonts"))
    assert {k.rpartition("}")[2]: v for k, v in rfonts.attrib.items()} == dict.fromkeys(
        ("ascii", "hAnsi", "cs", "eastAsia"), "Times New Roman"
    )
    bare = el("<w:rPr><w:b/></w:rPr>")
    fonts.set_fonts(bare, "Times New Roman")
    assert children(bare) == ["rFonts", "b"]


def test_one_font_rewrites_the_whole_styles_part():
    styles = docx.Document().styles.element
    fonts.one_font(styles, "Times New Roman")
    names = {v for rf in styles.iter(qn("w:rFonts")) for k, v in rf.attrib.items()}
    assert names == {"Times New Roman"}
    assert next(styles.iter(qn("w:color")), None) is None


def test_style_id_by_name():
    document = docx.Document()
    assert ooxml.style_id(document, "normal") == "Normal"
    assert ooxml.style_id(document, "không có") is None


# --- custom properties --------------------------------------------------------------------------------


def test_custom_properties_round_trip_and_replace(tmp_path):
    document = docx.Document()
    properties.write(document, {"khác": "x"})
    properties.write(document, {properties.RULE_SET: "dang-hd05", 'tên "lạ"': "a & <b>"})
    path = tmp_path / "p.docx"
    document.save(str(path))
    assert properties.read(path) == {"dispatch-gen:the_thuc": "dang-hd05", 'tên "lạ"': "a & <b>"}
    plain = tmp_path / "plain.docx"
    docx.Document().save(str(plain))
    assert properties.read(plain) == {}
    (tmp_path / "bad.docx").write_bytes(b"not a zip")
    assert properties.read(tmp_path / "bad.docx") == {}


@pytest.mark.parametrize("size", [None, 0])
def test_no_size_no_size_elements(size):
    assert "w:sz" not in ooxml.run_xml("x", size_pt=size)
