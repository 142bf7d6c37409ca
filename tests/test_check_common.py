"""check/common.py: the patterns and small helpers every rule shares, on written-out lines."""

from __future__ import annotations

import pytest

from dispatch_gen.check import common as c


@pytest.mark.parametrize(
    ("text", "decimals"),
    [
        ("đạt 62.89%", ["62.89"]),
        ("tỷ lệ 7.5 và 12.25", ["7.5", "12.25"]),
        ("đạt 62,89%", []),  # the decimal comma is right
        ("1.234 hồ sơ, 1.234.567 đồng", []),  # thousands dots
        ("ngày 05.8.2024", []),  # a date written with dots
        ("mục 1.2.3 và 1.2.3.4", []),  # heading numbers
        ("phiên bản 3.10.1", []),
    ],
)
def test_decimal_point_pattern(text, decimals):
    assert c.DECIMAL_RE.findall(text) == decimals


@pytest.mark.parametrize(
    ("text", "num"),
    [("Phụ lục", None), ("Phụ lục 1", "1"), ("PHỤ LỤC II", "II"), ("Phụ lục số 3:", "3"), ("phụ  lục 12.", "12")],
)
def test_appendix_heading(text, num):
    m = c.APPENDIX_RE.match(text)
    assert m is not None and m.group("num") == num


@pytest.mark.parametrize("text", ["Phụ lục kèm theo Công văn", "Xem phụ lục 1", "Phụ lục 1a"])
def test_not_an_appendix_heading(text):
    assert c.APPENDIX_RE.match(text) is None


@pytest.mark.parametrize(
    ("text", "matches"),
    [
        ("Số 123-CV/HU", True),
        ("Số: 1234/UBND-CA", True),
        ("Số\u00a0\u00a0\u00a0-CV/HU", True),  # blank number of a draft
        ("Số liệu tổng hợp", False),
        ("Số đảng viên mới", False),
    ],
)
def test_number_line(text, matches):
    assert bool(c.NUMBER_LINE_RE.match(text)) is matches


def test_date_line_parts():
    m = c.DATE_RE.match("Bình Sơn, ngày 05 tháng 8 năm 2024")
    assert (m.group("place"), m.group("d").strip(), m.group("m").strip(), m.group("y").strip()) == (
        "Bình Sơn",
        "05",
        "8",
        "2024",
    )
    blank = c.DATE_RE.match("Quảng Ngãi, ngày \u00a0\u00a0 tháng \u00a0 năm 2024")
    assert (blank.group("d").strip(), blank.group("y").strip()) == ("", "2024")
    assert c.DATE_FIND_RE.search("Số 12-CV/HU\tBình Sơn, ngày 5 tháng 8 năm 2024")
    assert c.DATE_FIND_RE.search("Ngày 5 tháng 8 năm 2024 có 161 hồ sơ") is None  # no "place," before it


@pytest.mark.parametrize(
    ("fmt", "line", "groups"),
    [
        ("Số {so}-{loai}/{ky_hieu}", "Số 123-CV/HU", {"so": "123", "loai": "CV", "ky_hieu": "HU"}),
        ("Số {so}-{loai}/{ky_hieu}", "Số      -CV/HU", {"so": "", "loai": "CV", "ky_hieu": "HU"}),
        ("Số: {so}/{ky_hieu}{don_vi}", "Số: 1234/UBND-CA", {"so": "1234", "ky_hieu": "UBND-CA", "don_vi": ""}),
        ("Số {so}-{loai}/{ky_hieu}", "Số: 123-CV/HU", None),  # a colon the format has not
        ("Số {so}-{loai}/{ky_hieu}", "Số 12a-CV/HU", None),
    ],
)
def test_number_format_regex(fmt, line, groups):
    m = c._format_regex(fmt).match(line)
    assert (m.groupdict() if m else None) == groups


def test_label_regex_colon_optional_case_and_spacing_free():
    kg = c.label_regex("Kính gửi:", "Kính trình:")
    assert kg.match("Kính gửi: Ban Thường vụ").group("colon") == ":"
    assert kg.match("KÍNH  GỬI Ban Thường vụ").group("colon") == ""
    assert kg.match("  Kính trình: Thường trực") is not None
    assert kg.match("Gửi kính: x") is None


@pytest.mark.parametrize(
    ("text", "dash"), [("- Như trên", True), ("– Như trên", True), ("— Lưu", True), ("−x", True), ("Như trên", False)]
)
def test_dash_lines(text, dash):
    assert bool(c.DASH_RE.match(text)) is dash


@pytest.mark.parametrize(
    ("text", "mark"), [("KHẨN", True), ("Hỏa tốc", True), ("HOẢ TỐC", True), ("DỰ THẢO 2", True), ("MẬT THƯ", False)]
)
def test_marks(text, mark):
    from dispatch_gen.input import profile as profiles
    from dispatch_gen.input.profile_words import is_mark

    for name in ("dang-hd36", "nha_nuoc"):  # the profiles' words.marks and words.draft_marks
        assert is_mark(text, profiles.load(name)) is mark, name


@pytest.mark.parametrize(
    ("text", "prefix"), [("K/T BAN THƯỜNG VỤ", "K/T"), ("KT. BÍ THƯ", "KT."), ("T/M. X", "T/M."), ("BÍ THƯ", None)]
)
def test_signature_prefix(text, prefix):
    m = c.PREFIX_RE.match(text)
    assert (m.group(1) if m else None) == prefix


def test_small_helpers():
    assert [c.num(v) for v in (25.4, 30.0, 29.97, 12.74)] == ["25,4", "30", "30", "12,7"]
    assert c.norm(" Bình\u00a0Sơn \n ngày ") == "Bình Sơn ngày"
    assert c.quote("x" * 50) == "“" + "x" * 39 + "…”"
    assert c.quote(" ngắn ") == "“ngắn”"
    profile = {"a": {"b": {"c": 0}}, "n": None}
    assert (c.get(profile, "a.b.c"), c.get(profile, "a.x.c"), c.get(profile, "n.x")) == (0, None, None)
    assert c.ROMAN_RE.match("XIV") and not c.ROMAN_RE.match("IIII")
    assert c.FAKE_MARK_RE.match("12") and c.FAKE_MARK_RE.match("¹") and not c.FAKE_MARK_RE.match("1a")
    assert c.UNIT_BEFORE_RE.search("diện tích 250 m") and not c.UNIT_BEFORE_RE.search("250 đảng viên")
