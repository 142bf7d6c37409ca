"""Ordinary text gives no false alarm; the true faults in it are still found.

Section and clause numbers, legal citations, times, measures, Roman numerals, dates and phone
numbers inside a correct dispatch are silent; a decimal point in a Vietnamese number
("81.88%", where a comma is due) is reported, also in a table cell and beside ordinary text.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from dispatch_gen.input import profile as profiles

from .test_check import build, check, line

ORDINARY = [
    "Thực hiện mục 1.2 và tiểu mục 2.1 của Kế hoạch, theo điểm 3.1 khoản 2 Điều 5.",
    "2.1. Kết quả thực hiện trong quý",
    "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 và Quyết định số 1234/QĐ-UBND.",
    "Hội nghị bắt đầu lúc 11h30, kết thúc lúc 8 giờ 30 phút sáng hôm sau.",
    "Diện tích 1.000 m², đường dài 12 km, kinh phí 1.250.000.000 đồng.",
    "Phần II, mục III và Chương IV của Đề án.",
    "Từ ngày 24.6.2026 đến 30/6/2026, liên hệ số điện thoại 0255.3822.123 hoặc 0912.345.678.",
    "Xem Phụ lục 1.3 kèm theo và bảng 2.4.",
]


@pytest.fixture(scope="module")
def party() -> dict[str, Any]:
    return copy.deepcopy(profiles.load("dang-hd36"))


def _with_text(party: dict[str, Any], texts: list[str]) -> Any:
    built = build(party)
    target = built.parts["body"][0]
    for text in texts:
        para = target.insert_paragraph_before(style=target.style)
        para.add_run(text)
    return built


@pytest.mark.parametrize("text", ORDINARY, ids=range(len(ORDINARY)))
def test_ordinary_text_is_silent(party, tmp_path, text):
    assert [str(f) for f in check(_with_text(party, [text]), tmp_path, party)] == []


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Tỷ lệ đạt 81.88% so với kế hoạch.", "81.88"),
        ("Theo mục 1.2, tỷ lệ đạt 62.5 lần.", "62.5"),
        ("Lúc 11h30 đã có 3.25 triệu hồ sơ.", "3.25"),
    ],
)
def test_decimal_point_is_still_found(party, tmp_path, text, shown):
    found = [(f.rule, f.message) for f in check(_with_text(party, [text]), tmp_path, party)]
    comma = shown.replace(".", ",")
    assert found == [("body.decimals", f"“{shown}”: số thập phân phải dùng dấu phẩy (“{comma}”)")]


def test_row_number_in_a_table_is_silent_and_a_decimal_cell_is_found(party, tmp_path):
    built = build(party)
    table = built.doc.tables[-1]  # the appendix table: TT, Đơn vị, Tỷ lệ (%)
    row = table.add_row()
    size = party["appendix"]["table_size"]
    for cell, value in zip(row.cells, ["1.1", "Chi bộ Thôn 1", "62,50"], strict=True):
        line(cell, value, size, first=True)
    assert [str(f) for f in check(built, tmp_path, party)] == []
    line(row.cells[2], "81.88", size)
    found = [(f.rule, f.message) for f in check(built, tmp_path, party, "wrong.docx")]
    assert found == [("body.decimals", "“81.88”: số thập phân phải dùng dấu phẩy (“81,88”)")]
