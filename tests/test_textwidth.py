"""render/textwidth.py against the real font: Liberation Serif's advance widths (hmtx).

Liberation Serif is metric-compatible with Times New Roman, the font the dispatches use;
tests/ttf.py reads its widths from the .ttf itself, so the oracle shares nothing with the
table in textwidth.py. Skipped where the font is not installed.
"""

from __future__ import annotations

import pytest

from dispatch_gen.render import textwidth

from .legacy_charts import VNI_CHART
from .ttf import liberation_serif

STYLES = [(False, False), (True, False), (False, True), (True, True)]
FONTS = {style: liberation_serif(*style) for style in STYLES}
pytestmark = pytest.mark.skipif(None in FONTS.values(), reason="Liberation Serif is not installed")

ASCII = [chr(c) for c in range(32, 127)]
VIETNAMESE = sorted(VNI_CHART)  # the 134 toned and marked letters, đ and Đ
#: 1/1000 em: the font's widths are in 1/2048 em, the table's in whole 1/1000 em
TOLERANCE_EM = 0.6 / 1000


def em(text: str, style: tuple[bool, bool]) -> float:
    """textwidth's width of ``text`` in em (measured at 72/25.4 pt, where 1 mm is 1/72 in)."""
    return textwidth.width_mm(text, 1.0, *style) / textwidth.PT_TO_MM


@pytest.mark.parametrize("style", STYLES, ids=["regular", "bold", "italic", "bold-italic"])
@pytest.mark.parametrize("chars", [ASCII, VIETNAMESE], ids=["ascii", "vietnamese"])
def test_every_letter_is_as_wide_as_in_the_font(chars, style):
    font = FONTS[style]
    wrong = {
        c: (round(em(c, style) * 1000, 1), round(font.advance(c) / font.units_per_em * 1000, 1))
        for c in chars
        if abs(em(c, style) - font.advance(c) / font.units_per_em) > TOLERANCE_EM
    }
    assert wrong == {}, "(table, font) in 1/1000 em"


@pytest.mark.parametrize(
    ("text", "size", "bold", "expected_mm"),
    [
        # added up from the font's widths outside the code under test (tests/ttf.py), written out
        ("ĐẢNG CỘNG SẢN VIỆT NAM", 15, True, 72.91),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, True, 95.67),
        ("Độc lập - Tự do - Hạnh phúc", 14, True, 60.46),
        ("ỦY BAN NHÂN DÂN", 13, True, 43.19),
        ("Thường trực Huyện ủy", 14, False, 45.41),
        ("Công ty TNHH MTV Môi trường đô thị", 12, False, 68.15),
    ],
)
def test_lines_measure_what_the_font_says(text, size, bold, expected_mm):
    assert textwidth.width_mm(text, size, bold) == pytest.approx(expected_mm, abs=0.05)
    assert FONTS[(bold, False)].width_mm(text, size) == pytest.approx(expected_mm, abs=0.005)  # the oracle itself


def test_wrapping_breaks_where_the_font_says():
    """62 mm at 13 pt bold: "VĂN PHÒNG HỘI ĐỒNG" (52,87 mm) fits, adding "NHÂN" (67,52 mm) does not."""
    name = "VĂN PHÒNG HỘI ĐỒNG NHÂN DÂN VÀ ỦY BAN NHÂN DÂN TỈNH"
    assert textwidth.wrapped_width_mm(name, 13, True, 62) == pytest.approx(52.87, abs=0.05)
    # an explicit break is kept; the widest line wins; a word wider than the box stands alone
    assert textwidth.wrapped_width_mm("ỦY BAN NHÂN DÂN\nHUYỆN BÌNH SƠN", 13, True, 62) == pytest.approx(43.19, abs=0.05)
    assert textwidth.wrapped_width_mm("ỦY BAN NHÂN DÂN", 13, True, 10) == pytest.approx(13.50, abs=0.05)  # "NHÂN"


@pytest.mark.parametrize(
    ("text", "expected_mm"),
    [
        # date lines, 14 pt italic, added up from Liberation Serif Italic's widths (tests/ttf.py)
        ("Bình Sơn, ngày 05 tháng 3 năm 2024", 73.42),
        ("Thành phố Hồ Chí Minh, ngày 25 tháng 12 năm 2026", 106.32),  # wider than a 103 mm column
    ],
)
def test_italic_lines_measure_what_the_font_says(text, expected_mm):
    assert textwidth.width_mm(text, 14, italic=True) == pytest.approx(expected_mm, abs=0.05)
    assert FONTS[(False, True)].width_mm(text, 14) == pytest.approx(expected_mm, abs=0.005)
