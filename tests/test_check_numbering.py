"""Word's automatic numbering is read as the number a person sees (#15 item 3).

A list numbered by Word ("1.", "a)", "I." or a dash from ``numbering.xml``) shows a label that
is not in the paragraph's text. The reader puts it in front of the text, so a Nơi nhận whose
dashes are Word bullets, or a body whose "1." is Word numbering, is judged like one typed.
"""

from __future__ import annotations

import copy

import pytest
from docx.oxml import parse_xml

from dispatch_gen.check import check_docx, read_docx
from dispatch_gen.input import profile as profiles

from .test_check import build

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _lvl(ilvl: int, fmt: str, text: str, start: int = 1, suff: str | None = None) -> str:
    suffix = f'<w:suff w:val="{suff}"/>' if suff else ""
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{suffix}'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
    )


def _add_list(doc, abstract_id: int, num_id: int, levels: str, start_override: int | None = None) -> None:
    numbering = doc.part.numbering_part.element
    numbering.insert(0, parse_xml(f'<w:abstractNum {W} w:abstractNumId="{abstract_id}">{levels}</w:abstractNum>'))
    override = (
        f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start_override}"/></w:lvlOverride>'
        if start_override
        else ""
    )
    numbering.append(
        parse_xml(f'<w:num {W} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>')
    )


def _number(para, num_id: int, ilvl: int = 0) -> None:
    ppr = para._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {W}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))


@pytest.fixture(scope="module")
def party():
    return copy.deepcopy(profiles.load("dang-hd36"))


def test_labels_are_counted_per_list_and_level(party, tmp_path):
    built = build(party, appendix=False)
    doc = built.doc
    levels = _lvl(0, "upperRoman", "%1.", suff="space") + _lvl(1, "decimal", "%2.", suff="space")
    levels += _lvl(2, "decimal", "%2.%3.", suff="space") + _lvl(3, "lowerLetter", "%4)", suff="space")
    _add_list(doc, 90, 90, levels)
    _add_list(doc, 91, 91, _lvl(0, "decimal", "%1."), start_override=3)
    texts = [("Kết quả", 90, 0), ("Chung", 90, 1), ("Xã", 90, 2), ("Thôn", 90, 2), ("Một", 90, 3),
             ("Hai", 90, 3), ("Riêng", 90, 1), ("Tồn tại", 90, 0), ("Tiếp", 91, 0), ("Sau", 91, 0)]  # fmt: skip
    for text, num_id, ilvl in texts:
        _number(doc.add_paragraph(text), num_id, ilvl)
    read = read_docx(built.save(tmp_path / "so.docx"))
    got = [p.text for p in read.paragraphs if p.runs and p.runs[0].numbering]
    assert got == ["I. Kết quả", "1. Chung", "1.1. Xã", "1.2. Thôn", "a) Một", "b) Hai", "2. Riêng",
                   "II. Tồn tại", "3.\tTiếp", "4.\tSau"]  # fmt: skip
    # the label takes the paragraph's own formatting: its text is not a second font
    assert all(
        not p.runs[0].text.strip() or p.runs[0].props == p.runs[1].props
        for p in read.paragraphs
        if p.runs and p.runs[0].numbering
    )


def _noi_nhan_items(built):
    return [q for q in built.doc.tables[1].rows[0].cells[0].paragraphs if q.text.startswith("- ")]


def _findings(party, tmp_path, name, word_dashes, last_end):
    built = build(party, appendix=False)
    items = _noi_nhan_items(built)
    assert len(items) == 3
    items[-1].runs[0].text = items[-1].runs[0].text.rstrip(".") + last_end
    if word_dashes:
        _add_list(built.doc, 92, 92, _lvl(0, "bullet", "-"))
        for item in items:
            item.runs[0].text = item.runs[0].text[2:]  # "- Như trên," → "Như trên," after a Word dash
            _number(item, 92)
    return [str(f) for f in check_docx(built.save(tmp_path / f"{name}.docx"), party)]


def test_a_noi_nhan_with_word_dashes_reads_like_typed_dashes(party, tmp_path):
    assert _findings(party, tmp_path, "typed", False, ".") == []
    assert _findings(party, tmp_path, "auto", True, ".") == []
    # the last line ending "," instead of "." (HD36 1.9.2) is found in both: the Word dashes are read
    typed = _findings(party, tmp_path, "typed-wrong", False, ",")
    assert typed == ["nơi nhận: dòng “- Lưu VPHU,” cần kết thúc bằng “.”"]
    assert _findings(party, tmp_path, "auto-wrong", True, ",") == typed


def test_a_symbol_font_bullet_shows_as_a_bullet_and_no_numbering_part_is_no_label(party, tmp_path):
    built = build(party, appendix=False)
    _add_list(built.doc, 93, 93, _lvl(0, "bullet", "\uf0b7"))
    _number(built.doc.add_paragraph("Mục có dấu chấm tròn"), 93)
    _number(built.doc.add_paragraph("Không có danh sách này"), 999)
    read = read_docx(built.save(tmp_path / "b.docx"))
    texts = [p.text for p in read.paragraphs]
    assert "•\tMục có dấu chấm tròn" in texts and "Không có danh sách này" in texts
