"""Issue 18 items 1 and 3, read back from the .docx: what stays together, and the hanging Kính gửi.

Expected values are written out from the rules: the last body paragraph and each heading (a
``#`` line of the body, whatever its form; a line the user wrote all in bold or all in italic, or
ending with ":") keep with the next; every header and closing row cannot split; a
wrapped addressee starts under the text after "- " (indent 20 mm + label 25 mm + the width of
"- " at 14 pt: hyphen 333 + space 250 thousandths of an em = 8.162 pt = 163 twips).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from dispatch_gen import pipeline

from .conftest import party_yaml
from .docx_read import body_paragraphs

BODY = "\n\n".join(
    [
        "**I. MỤC ĐÍCH, YÊU CẦU**",
        "Bảo đảm chất lượng kết nạp đảng viên.",
        "1. Các chi bộ trực thuộc:",
        "Rà soát quần chúng ưu tú.",
        "*a) Rà soát*",
        "Tổ chức thực hiện nghiêm túc.",
    ]
)


def _render(tmp_path: Path, **kw) -> Document:
    src = tmp_path / "cv.yaml"
    text = party_yaml(**kw)
    if kw.get("the_thuc") == "nha_nuoc":
        text = text.replace("T/M BAN THƯỜNG VỤ", "TM. ỦY BAN NHÂN DÂN")
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "cv.docx"
    pipeline.render_file(src, out)
    return Document(str(out))


def _keep(p) -> bool:
    ppr = p._p.pPr
    return ppr is not None and ppr.find(qn("w:keepNext")) is not None


def test_headings_and_the_last_paragraph_keep_with_the_next(tmp_path):
    doc = _render(tmp_path, noi_dung=BODY)
    keeps = [(p.text, _keep(p)) for p in body_paragraphs(doc)]
    assert keeps == [
        ("I. MỤC ĐÍCH, YÊU CẦU", True),
        ("Bảo đảm chất lượng kết nạp đảng viên.", False),
        ("1. Các chi bộ trực thuộc:", True),
        ("Rà soát quần chúng ưu tú.", False),
        ("a) Rà soát", True),
        ("Tổ chức thực hiện nghiêm túc.", True),  # the last: with Nơi nhận and the signature
    ]


HEADINGS = "\n\n".join(
    [
        "# Mục đích, yêu cầu",
        "Bảo đảm chất lượng kết nạp đảng viên.",
        "| Chi bộ | Số quần chúng |\n|---|---|\n| Thôn 1 | 3 |",
        "#### Rà soát quần chúng ưu tú",  # level 4 "a)": upright, not bold, no colon (HD 36 1.6.2)
        "Các chi bộ lập danh sách quần chúng ưu tú.",
        "**Tổ chức thực hiện**",  # the user's own bold line: the data cannot say, the form does
        "Văn phòng theo dõi, tổng hợp.",
        "Các chi bộ thực hiện nghiêm túc.",
    ]
)


def test_headings_the_data_names_keep_with_the_next_whatever_their_form(tmp_path):
    """A ``#### …`` heading is printed plain (its level is neither bold nor italic, and it has no
    colon): only the body's data says it is a heading. After a table, the right paragraph is kept."""
    doc = _render(tmp_path, noi_dung=HEADINGS)
    keeps = [(p.text, _keep(p)) for p in body_paragraphs(doc) if p.text]
    assert keeps == [
        ("I. MỤC ĐÍCH, YÊU CẦU", True),  # a heading (level 1: caps, bold)
        ("Bảo đảm chất lượng kết nạp đảng viên.", False),
        ("a) Rà soát quần chúng ưu tú", True),  # a heading (level 4: plain)
        ("Các chi bộ lập danh sách quần chúng ưu tú.", False),
        ("Tổ chức thực hiện", True),  # all bold: guessed
        ("Văn phòng theo dõi, tổng hợp.", False),
        ("Các chi bộ thực hiện nghiêm túc.", True),  # the last
    ]
    heading = next(p for p in body_paragraphs(doc) if p.text.startswith("a) "))
    assert all(not r.bold and not r.italic for r in heading.runs)  # nothing in its form says so
    assert len(list(doc.element.body.iter(qn("w:tbl")))) == 3  # header, the body's table, closing


def test_header_and_closing_rows_never_split(doc):
    rows = [tr for tbl in doc.tables for tr in tbl._tbl.tr_lst]
    header, closing = doc.tables[0], doc.tables[1]
    assert len(header.rows) == 2 and len(closing.rows) == 1
    flags = [tr.trPr is not None and tr.trPr.find(qn("w:cantSplit")) is not None for tr in rows[:3]]
    assert flags == [True, True, True]
    assert "Nơi nhận" in closing.rows[0].cells[0].text


def _ind(p) -> tuple[int, int]:
    ind = p._p.pPr.find(qn("w:ind"))
    return int(ind.get(qn("w:left"))), int(ind.get(qn("w:hanging")) or 0)


def _addressees(doc) -> list:
    return [p for p in doc.paragraphs if p.text.startswith(("Kính gửi", "- "))][:3]


@pytest.mark.parametrize("rule_set", ["dang", "nha_nuoc"])
def test_a_wrapped_addressee_starts_under_the_text_after_the_dash(tmp_path, rule_set):
    doc = _render(tmp_path, the_thuc=rule_set, kinh_gui=["Các chi bộ", "Ban Tổ chức", "Văn phòng"])
    first, second, third = _addressees(doc)
    assert first.text.startswith("Kính gửi:\t- Các chi bộ")
    # the label at 20 mm (1134 twips): 2714 − 1581; wrapped lines at 2714; the dash tab at 45 mm
    assert _ind(first) == (2714, 1581)
    assert [int(t.get(qn("w:pos"))) for t in first._p.pPr.find(qn("w:tabs"))] == [2551]
    # the others: the dash at 45 mm (2714 − 163), the text and its wrapped lines at 2714
    assert _ind(second) == _ind(third) == (2714, 163)


def test_a_lone_addressee_has_no_dash_and_wraps_under_its_text(tmp_path):
    doc = _render(tmp_path, kinh_gui=["Các chi bộ trực thuộc Đảng ủy"])
    (first,) = [p for p in doc.paragraphs if p.text.startswith("Kính gửi")]
    assert first.text == "Kính gửi:\tCác chi bộ trực thuộc Đảng ủy."
    assert _ind(first) == (2551, 1417)  # 45 mm and 25 mm: the text and its wrapped lines at 45 mm


def test_the_seed_keeps_its_headings_and_last_paragraph(doc):
    kept = [p.text[:40] for p in body_paragraphs(doc) if _keep(p)]
    assert kept == [
        "Qua theo dõi, đánh giá việc kết nạp đảng",  # "…Ban Thường vụ Huyện ủy yêu cầu:"
        "1. Các chi, đảng bộ trực thuộc Huyện ủy:",
        "Yêu cầu các chi, đảng bộ trực thuộc Huyệ",  # the last
    ]


def test_an_appendix_group_row_stays_with_its_first_unit(doc):
    table = doc.tables[2]  # the seed's appendix: groups I–VI, their units, the total
    kept = []
    for row in table.rows[1:]:
        flags = {_keep(p) for c in row.cells for p in c.paragraphs}
        assert len(flags) == 1  # every cell of a row alike
        if flags == {True}:
            kept.append(row.cells[0].text)
    assert kept == ["I", "II", "III", "IV", "V", "VI"]
    assert all(tr.trPr.find(qn("w:cantSplit")) is not None for tr in table._tbl.tr_lst)
