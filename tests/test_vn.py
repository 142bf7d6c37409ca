"""vn: fold (the two tone placements of oa, oe, uy fold to one key; nothing else does), and
numbers, dates, lists and numerals as a Vietnamese document prints them, written out."""

import unicodedata
from datetime import date
from decimal import Decimal

import pytest

from dispatch_gen import vn
from dispatch_gen.vn import fold

# (tone on the first vowel, tone on the second), written out: huyền, sắc, hỏi, ngã, nặng.
SAME = [
    ("òa", "oà"), ("óa", "oá"), ("ỏa", "oả"), ("õa", "oã"), ("ọa", "oạ"),
    ("òe", "oè"), ("óe", "oé"), ("ỏe", "oẻ"), ("õe", "oẽ"), ("ọe", "oẹ"),
    ("ùy", "uỳ"), ("úy", "uý"), ("ủy", "uỷ"), ("ũy", "uỹ"), ("ụy", "uỵ"),
    ("ÒA", "OÀ"), ("ÓA", "OÁ"), ("ỎA", "OẢ"), ("ÕA", "OÃ"), ("ỌA", "OẠ"),
    ("ÒE", "OÈ"), ("ÓE", "OÉ"), ("ỎE", "OẺ"), ("ÕE", "OẼ"), ("ỌE", "OẸ"),
    ("ÙY", "UỲ"), ("ÚY", "UÝ"), ("ỦY", "UỶ"), ("ŨY", "UỸ"), ("ỤY", "UỴ"),
    ("Bình Hòa", "Bình Hoà"), ("Khóa", "Khoá"), ("Đảng ủy", "Đảng uỷ"), ("Thủy", "THUỶ"),
    ("khỏe", "khoẻ"), ("Hòa, Thủy.", "hoà, thuỷ."), ("Ủy ban", "Uỷ ban"),
]  # fmt: skip

# Words the rule must not touch: the rhyme does not end the word, or the u belongs to "qu",
# or the tones differ.
DIFFERENT = [
    ("hòan", "hoàn"), ("ngòai", "ngoài"), ("khủyu", "khuỷu"), ("qúy", "quý"),
    ("hòa", "hóa"), ("uỷ", "uý"), ("hoa", "hoà"),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new"), SAME)
def test_both_tone_placements_fold_alike(old, new):
    assert fold(old) == fold(new)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_other_words_stay_apart(a, b):
    assert fold(a) != fold(b)


def test_decomposed_input_folds_like_composed():
    assert fold(unicodedata.normalize("NFD", "Bình Hòa")) == fold("bình hoà")


def test_the_folded_key_is_lower_case_with_the_tone_on_the_second_vowel():
    assert fold("Xã Bình Hòa, Đảng Ủy") == "xã bình hoà, đảng uỷ"


# --- numbers, dates, lists, numerals: written out ---------------------------------------------


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (0, 0, "0"),
        (1234, 0, "1.234"),
        (10_000_000, 0, "10.000.000"),
        (-5, 0, "-5"),
        (7, 2, "7,00"),
        (Decimal("62.89"), 2, "62,89"),
        (Decimal("62.89"), 1, "62,9"),
        (Decimal("0.5"), 0, "0"),  # half to even, as Babel rounds
        (Decimal("1.5"), 0, "2"),
        (Decimal("1234567.50"), 2, "1.234.567,50"),
        (Decimal("-3.25"), 1, "-3,2"),
        (None, 2, "-"),
    ],
)
def test_format_number(value, decimals, expected):
    assert vn.format_number(value, decimals) == expected


def test_percent_and_decimal_places():
    assert vn.format_percent(Decimal("62.89")) == "62,89%"
    assert vn.format_percent(Decimal("100"), 0) == "100%"
    assert vn.format_percent(None) == "-"
    assert [vn.decimal_places(Decimal(v)) for v in ("62.89", "5", "0.500")] == [2, 0, 3]


@pytest.mark.parametrize(
    ("d", "header", "text"),
    [
        # January and February take a leading zero (so "tháng 1" cannot become "tháng 11")
        (date(2024, 8, 5), "ngày 05 tháng 8 năm 2024", "05/8/2024"),
        (date(2025, 1, 24), "ngày 24 tháng 01 năm 2025", "24/01/2025"),
        (date(2024, 2, 29), "ngày 29 tháng 02 năm 2024", "29/02/2024"),
        (date(2024, 12, 31), "ngày 31 tháng 12 năm 2024", "31/12/2024"),
    ],
)
def test_dates(d, header, text):
    assert vn.header_date(d) == header
    assert vn.text_date(d) == text


def test_a_draft_date_has_blanks_for_the_clerk():
    assert vn.header_date(None, 2024) == "ngày        tháng        năm 2024"
    assert vn.header_date(None, None, "…") == "ngày … tháng … năm …"


@pytest.mark.parametrize(
    ("items", "last", "expected"),
    [
        ([], None, ""),
        (["A"], None, "A"),
        (["A", "B"], None, "A và B"),
        (["A", "B", "C"], None, "A, B và C"),
        (["A", "B", "C"], ", ", "A, B, C"),
        (["A"], ", ", "A"),
    ],
)
def test_join_list(items, last, expected):
    assert vn.join_list(items, last) == expected


def test_shared_prefix_is_written_once():
    names = ["Đảng uỷ xã Bình Chương", "Đảng ủy xã Bình Hải", "Đảng ủy thị trấn Châu Ô", "Chi bộ Trường A"]
    assert vn.join_shared_prefix(names) == "Đảng uỷ xã Bình Chương, Bình Hải, thị trấn Châu Ô, Chi bộ Trường A"
    assert vn.join_shared_prefix(names[:2], " và ") == "Đảng uỷ xã Bình Chương và Bình Hải"


@pytest.mark.parametrize(
    ("n", "expected"), [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (40, "XL"), (1994, "MCMXCIV")]
)
def test_roman(n, expected):
    assert vn.roman(n) == expected


def test_strip_control():
    assert vn.strip_control("Đôn\vđốc\x01 \f kết nạp") == ("Đôn đốc kết nạp", True)
    assert vn.strip_control("dòng\nmới\ttab") == ("dòng\nmới\ttab", False)
