"""body.dates (#15 item 4): dates in figures in the text, dd/m/yyyy with "/" and the date line's zeros.

Expected forms come from HD 36 1.4.2 (a day below 10 and a month below 3 take a 0) and the
citations of HD 36 and NĐ 30 ("ngày 03/4/2018"): a convention for the body, so a warning.
"""

from __future__ import annotations

import copy

import pytest

from dispatch_gen.check import check_docx
from dispatch_gen.check.registry import RULES
from dispatch_gen.input import profile as profiles

from .test_check import build


@pytest.fixture(scope="module")
def party():
    return copy.deepcopy(profiles.load("dang-hd36"))


def _dates(party, tmp_path, text: str, in_table: bool = False) -> list[tuple[str, str]]:
    built = build(party, appendix=False)
    if in_table:
        built.doc.tables[1].rows[0].cells[0].add_paragraph(text)
    else:
        built.parts["body"][0].add_run(" " + text)
    found = check_docx(built.save(tmp_path / "d.docx"), party)
    return [(f.rule, f.severity, str(f)) for f in found if f.rule == "body.dates"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Theo Công văn số 12-CV/HU, ngày 5/6/2026 của Huyện ủy.", "“5/6/2026” nên viết “05/6/2026”"),
        ("Hạn chót ngày 15/2/2024.", "“15/2/2024” nên viết “15/02/2024”"),
    ],
)
def test_a_date_in_the_wrong_form_is_a_warning(party, tmp_path, text, expected):
    assert _dates(party, tmp_path, text) == [("body.dates", "warning", f"số liệu: ngày {expected}")]


@pytest.mark.parametrize(
    "text",
    [
        "Theo Công văn số 12-CV/HU, ngày 05/6/2026 và ngày 15/02/2024.",
        "Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020; mục 1.2; lúc 11h30; 62,5 m².",
        "Tính đến ngày 30/07/2025.",  # a 0 before a later month: common practice, not reported
        "Ngày 05.8.2024 có 1.234 hồ sơ.",  # another separator: not judged
    ],
)
def test_ordinary_text_and_the_right_forms_are_silent(party, tmp_path, text):
    assert _dates(party, tmp_path, text) == []


def test_dates_in_a_table_are_data_and_the_rule_is_a_warning(party, tmp_path):
    assert _dates(party, tmp_path, "Sinh ngày 5/6/1980", in_table=True) == []
    assert RULES["body.dates"].severity == "warning"
