"""check/locate.py: where each part of a dispatch is, found by its text, on a compact
hand-written document (tests/wmlfix.py) and the Party profile HD 36."""

from __future__ import annotations

import dataclasses

import pytest

from dispatch_gen.check import read_docx
from dispatch_gen.check.locate import locate
from dispatch_gen.input import profile as profiles

from .wmlfix import docx, p

PROFILE = profiles.load("dang-hd36")


def cell(*texts: str) -> str:
    return "<w:tc>" + "".join(p(t) for t in texts) + "</w:tc>"


def table(*cells: str) -> str:
    return "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>" + "".join(cells) + "</w:tr></w:tbl>"


HEADER = table(
    cell("ĐẢNG BỘ TỈNH QUẢNG NGÃI", "HUYỆN ỦY BÌNH SƠN", "*", "Số 123-CV/HU", "V/v kết nạp đảng viên"),
    cell("ĐẢNG CỘNG SẢN VIỆT NAM", "", "Bình Sơn, ngày 05 tháng 8 năm 2024"),
)
KINH_GUI = p("Kính gửi:\t- Các chi, đảng bộ trực thuộc Huyện ủy,") + p("- Ban Tổ chức Huyện ủy.")
BODY = p("Qua theo dõi, đánh giá việc kết nạp đảng viên.") + p("1. Các chi, đảng bộ:") + p("- Tập trung chỉ đạo.")
CLOSING = table(
    cell("Nơi nhận:", "- Như trên,", "- Lưu VPHU."), cell("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "", "Nguyễn Văn Thái")
)
APPENDIX = p("Phụ lục 1") + p("KẾT QUẢ KẾT NẠP ĐẢNG VIÊN")


@pytest.fixture
def layout(tmp_path):
    return locate(read_docx(docx(tmp_path, HEADER + KINH_GUI + BODY + CLOSING + APPENDIX)), PROFILE)


def test_header_lines_are_found_in_their_cells(layout):
    assert layout.number.text == "Số 123-CV/HU"
    assert layout.date.text == "Bình Sơn, ngày 05 tháng 8 năm 2024"
    assert [(line, found.text if found else None) for line, found in layout.national] == [
        ("ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM")
    ]
    assert len(layout.header_tables) == 1 and layout.number.top_table in layout.header_tables
    # the number and the date sit in different columns of the same table
    assert [p.text for p in layout.column(layout.date) if p.text] == [
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Bình Sơn, ngày 05 tháng 8 năm 2024",
    ]


def test_recipients_body_closing_and_appendix(layout):
    assert layout.kinh_gui.text.startswith("Kính gửi:")
    assert [t for t, _p in layout.recipients] == ["- Các chi, đảng bộ trực thuộc Huyện ủy,", "- Ban Tổ chức Huyện ủy."]
    assert [p.text for p in layout.body] == [
        "Qua theo dõi, đánh giá việc kết nạp đảng viên.",
        "1. Các chi, đảng bộ:",
        "- Tập trung chỉ đạo.",
    ]  # the dash line of the body is not taken for a recipient: a body line stands between
    assert layout.noi_nhan.text == "Nơi nhận:"
    assert layout.authority_any.text == "T/M BAN THƯỜNG VỤ"
    assert layout.closing_table is layout.noi_nhan.top_table
    assert [p.text for p in layout.appendices] == ["Phụ lục 1"]
    assert layout.body_end == layout.noi_nhan.index  # the closing table starts with it
    assert layout.closing_end == layout.appendices[0].index
    assert layout.header_stop == layout.kinh_gui.index


def test_the_layout_is_frozen(layout):
    with pytest.raises(dataclasses.FrozenInstanceError):
        layout.number = None  # type: ignore[misc]


def test_without_kinh_gui_the_header_ends_with_its_table(tmp_path):
    doc = read_docx(docx(tmp_path, HEADER + BODY + CLOSING))
    lay = locate(doc, PROFILE)
    assert lay.kinh_gui is None and lay.recipients == ()
    assert lay.header_stop == 8  # the header table's 5 + 3 paragraphs are 0–7
    assert [p.text for p in lay.body] == [
        "Qua theo dõi, đánh giá việc kết nạp đảng viên.",
        "1. Các chi, đảng bộ:",
        "- Tập trung chỉ đạo.",
    ]
    assert lay.appendices == ()


def test_a_document_typed_without_tables(tmp_path):
    body = (
        p("Số 7-CV/HU")
        + p("Bình Sơn, ngày 5 tháng 08 năm 2024")
        + p("Kính gửi: Ban Thường vụ Tỉnh ủy.")
        + p("Nội dung.")
        + p("Nơi nhận:")
        + p("- Như trên.")
    )
    lay = locate(read_docx(docx(tmp_path, body)), PROFILE)
    assert (lay.number.text, lay.date.text) == ("Số 7-CV/HU", "Bình Sơn, ngày 5 tháng 08 năm 2024")
    assert lay.header_tables == frozenset() and lay.closing_table is None
    assert [t for t, _p in lay.recipients] == ["Ban Thường vụ Tỉnh ủy."]
    assert [p.text for p in lay.body] == ["Nội dung."]
    assert lay.body_end == lay.noi_nhan.index
