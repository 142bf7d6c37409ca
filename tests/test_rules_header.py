"""check/rules_header.py: the number and date lines, rule by rule, on wmlfix documents and HD 36
("Số 127-CV/HU": no colon, numbers 01–09 padded; "Bình Sơn, ngày 05 tháng 8 năm 2024": days
under 10 and months 1–2 padded, months 3–12 not; both 14 pt, the date italic)."""

from __future__ import annotations

import pytest

from dispatch_gen.check import read_docx
from dispatch_gen.check.locate import locate
from dispatch_gen.check.rules_header import check_date, check_number
from dispatch_gen.input import profile as profiles

from .wmlfix import docx, p

PROFILE = profiles.load("dang-hd36")
SZ14 = '<w:sz w:val="28"/>'


def findings(tmp_path, rule, number="Số 127-CV/HU", date="Bình Sơn, ngày 05 tháng 8 năm 2024", date_rpr="<w:i/>"):
    body = (
        (p(number, rpr=SZ14) if number else "")
        + (p(date, rpr=date_rpr + SZ14) if date else "")
        + p("Kính gửi: Ban Tổ chức Huyện ủy.")
    )
    return [f.message for f in rule(locate(read_docx(docx(tmp_path, body)), PROFILE), PROFILE)]


@pytest.mark.parametrize(
    ("number", "messages"),
    [
        ("Số 127-CV/HU", []),
        ("Số 07-CV/HU", []),
        ("Số \u00a0\u00a0\u00a0\u00a0-CV/HU", []),  # a draft's blank number
        ("Số 7-CV/HU", ["số 7 cần có số 0 phía trước (07)"]),
        ("Số: 127-CV/HU", ["không có dấu hai chấm sau “Số” (“Số: 127-CV/HU”)"]),
        ("Số 127/CV-HU", ["“Số 127/CV-HU” không đúng mẫu “Số <số>-<loại>/<ký hiệu>”"]),
    ],
)
def test_number_line(number, messages, tmp_path):
    assert findings(tmp_path, check_number, number=number) == messages


def test_missing_number_line(tmp_path):
    assert findings(tmp_path, check_number, number="") == ["thiếu dòng số và ký hiệu (“Số …”)"]


@pytest.mark.parametrize(
    ("date", "messages"),
    [
        ("Bình Sơn, ngày 05 tháng 8 năm 2024", []),
        ("Bình Sơn, ngày 15 tháng 02 năm 2024", []),
        ("Bình Sơn, ngày 31 tháng 12 năm 2024", []),
        ("Bình Sơn, ngày \u00a0\u00a0\u00a0 tháng \u00a0\u00a0 năm 2024", []),  # a draft
        ("Bình Sơn, ngày 5 tháng 8 năm 2024", ["ngày 5 cần có số 0 phía trước (05)"]),
        ("Bình Sơn, ngày 15 tháng 2 năm 2024", ["tháng 2 cần có số 0 phía trước (02)"]),
        (
            "Bình Sơn, ngày 15 tháng 08 năm 2024",
            ["tháng 08: tháng từ 3 đến 12 không viết số 0 phía trước (8)"],
        ),
        ("Bình Sơn, ngày 32 tháng 13 năm 24", ["ngày 32 không hợp lệ", "tháng 13 không hợp lệ", "năm 24 không hợp lệ"]),
    ],
)
def test_date_line(date, messages, tmp_path):
    assert findings(tmp_path, check_date, date=date) == messages


def test_date_style_and_absence(tmp_path):
    (msg,) = findings(tmp_path, check_date, date_rpr="")
    assert msg.endswith("cần in nghiêng")
    assert findings(tmp_path, check_date, date="") == ["thiếu dòng địa danh, ngày tháng năm"]


def test_number_and_date_typed_on_one_line_with_tabs(tmp_path):
    line = "Số 7-CV/HU\t\tBình Sơn, ngày 05 tháng 08 năm 2024"
    body = p(line, rpr="<w:i/>" + SZ14) + p("Kính gửi: Ban Tổ chức Huyện ủy.")
    lay = locate(read_docx(docx(tmp_path, body)), PROFILE)
    assert [f.message for f in check_number(lay, PROFILE)] == ["số 7 cần có số 0 phía trước (07)"]
    assert [f.message for f in check_date(lay, PROFILE)] == [
        "tháng 08: tháng từ 3 đến 12 không viết số 0 phía trước (8)"
    ]
