"""Issue 18 item 2, read back from the .docx: header widths and line breaks chosen from the content.

The expected breaks are written out (where a clerk breaks these names); the widths are held
to the rules with the font's own widths (tests/ttf.py reads Liberation Serif, sharing nothing
with render/textwidth.py): the date line and each national line fit the right column, each
line of a name fits the left one, the grid keeps the text width (165 mm = 9354 twips), and
the left width stays within the profile's bounds.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from dispatch_gen import pipeline
from dispatch_gen.render import linebreak

from .conftest import party_yaml
from .ttf import liberation_serif

FONTS = {(b, i): liberation_serif(b, i) for b in (False, True) for i in (False, True)}
pytestmark = pytest.mark.skipif(None in FONTS.values(), reason="Liberation Serif is not installed")


@pytest.mark.parametrize(
    ("name", "box", "lines"),
    [
        ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", 45, ("PHÒNG GIÁO DỤC", "VÀ ĐÀO TẠO")),  # not "…VÀ ĐÀO / TẠO"
        ("ỦY BAN NHÂN DÂN HUYỆN BÌNH SƠN", 61, ("ỦY BAN NHÂN DÂN", "HUYỆN BÌNH SƠN")),
        ("ĐẢNG ỦY XÃ BÌNH SƠN", 45, ("ĐẢNG ỦY", "XÃ BÌNH SƠN")),
        ("SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG TỈNH QUẢNG NGÃI", 61, ("SỞ TÀI NGUYÊN", "VÀ MÔI TRƯỜNG", "TỈNH QUẢNG NGÃI")),
        ("BAN TỔ CHỨC HUYỆN ỦY BÌNH SƠN", 50, ("BAN TỔ CHỨC", "HUYỆN ỦY BÌNH SƠN")),
        ("HUYỆN ỦY BÌNH SƠN", 61, ("HUYỆN ỦY BÌNH SƠN",)),  # fits: one line
        ("ỦY BAN NHÂN DÂN\nXÃ BÌNH SƠN", 100, ("ỦY BAN NHÂN DÂN", "XÃ BÌNH SƠN")),  # typed breaks kept
    ],
)
def test_a_name_breaks_between_its_parts(name, box, lines):
    got, _cost = linebreak.name_lines(name, 13, True, box)
    assert got == lines
    assert all(FONTS[(True, False)].width_mm(x, 13) <= box for x in got)


def test_a_trich_yeu_is_balanced_and_never_leaves_a_word_alone():
    text = "Về việc đẩy nhanh tiến độ cấp căn cước công dân và tài khoản định danh điện tử"
    # Word's own wrapping at 164 mm, 14 pt bold, leaves "tử" alone on the second line
    assert FONTS[(True, False)].width_mm(text.rsplit(" ", 1)[0], 14) < 164 < FONTS[(True, False)].width_mm(text, 14)
    got = linebreak.balanced(text, 14, True, False, 164)
    assert got == (
        "Về việc đẩy nhanh tiến độ cấp căn cước",
        "công dân và tài khoản định danh điện tử",
    )


def _render(tmp_path: Path, text: str) -> Document:
    src = tmp_path / "cv.yaml"
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "cv.docx"
    pipeline.render_file(src, out)
    return Document(str(out))


def _state(ten: str, place: str = "Bình Sơn", cap_tren: str = "UBND TỈNH QUẢNG NGÃI") -> str:
    text = party_yaml(the_thuc="nha_nuoc", ten=ten)
    text = text.replace("T/M BAN THƯỜNG VỤ", "TM. ỦY BAN NHÂN DÂN").replace("dia_danh: Bình Sơn", f"dia_danh: {place}")
    return text.replace("ĐẢNG BỘ TỈNH QUẢNG NGÃI", cap_tren).replace("ky_hieu: ĐU", "ky_hieu: UBND")


def _grid(doc) -> list[int]:
    return [int(c.get(qn("w:w"))) for c in doc.tables[0]._tbl.tblGrid.findall(qn("w:gridCol"))]


def _lines(cell) -> list[list[str]]:
    return [p.text.split("\n") for p in cell.paragraphs if p.text.strip()]


def test_a_long_date_widens_the_right_column(tmp_path):
    doc = _render(tmp_path, _state("ỦY BAN NHÂN DÂN XÃ BÌNH SƠN", place="Thành phố Hồ Chí Minh"))
    left, right = _grid(doc)
    assert left + right == 9354  # 165 mm, the text width
    date = "Thành phố Hồ Chí Minh, ngày 04 tháng 12 năm 2026"
    assert doc.tables[0].rows[1].cells[1].paragraphs[0].text == date
    assert FONTS[(False, True)].width_mm(date, 14) == pytest.approx(106.3, abs=0.1)
    assert Mm(FONTS[(False, True)].width_mm(date, 14)).twips < right  # 103 mm before: it wrapped
    assert Mm(55).twips <= left  # the profile's least left width
    # every cell's width follows the grid
    for row in doc.tables[0].rows:
        assert [int(c._tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) for c in row.cells] == [left, right]


def test_a_long_name_breaks_between_its_parts_in_a_wider_column(tmp_path):
    doc = _render(
        tmp_path, _state("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO THÀNH PHỐ HẢI PHÒNG", cap_tren="UBND THÀNH PHỐ HẢI PHÒNG")
    )
    left, _right = _grid(doc)
    lines = _lines(doc.tables[0].rows[0].cells[0])
    assert lines[0] == ["UBND THÀNH PHỐ HẢI PHÒNG"]  # the superior on one line
    # "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO" (71.5 mm) would leave the Quốc hiệu (95.7 mm) too little room
    assert lines[1] == ["PHÒNG GIÁO DỤC", "VÀ ĐÀO TẠO", "THÀNH PHỐ HẢI PHÒNG"]
    box_mm = left / Mm(1).twips
    assert FONTS[(False, False)].width_mm("UBND THÀNH PHỐ HẢI PHÒNG", 13) < box_mm
    assert all(FONTS[(True, False)].width_mm(x, 13) < box_mm for x in lines[1])


def test_the_seed_header_keeps_its_widths_and_balances_its_trich_yeu(doc):
    assert _grid(doc) == [4535, 4819]  # 80 / 85 mm: the seed's names fit as they were
    (subject,) = [p for p in doc.tables[0].rows[1].cells[0].paragraphs if "Tiếp tục" in p.text]
    assert subject.text == "Tiếp tục tăng cường lãnh đạo\ncông tác kết nạp đảng viên"
