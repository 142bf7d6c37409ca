"""Columns of any kind, units without a quota, their Excel copy (issue 16, items 2, 3 and 7).

Two examples are rendered once each and read back: ``binh-son-pgd-bhyt-hoc-sinh-2024`` (a sheet
typed with Vietnamese numbers "1.474", "88,40%", "1.474,5"; a two-level header; a computed
"Còn thiếu" column; further columns of the sheet) and ``binh-son-hoc-tap-nghi-quyet-2024``
(units given only a rate, a status, a count: a ranked list). Every expected value is written
out here from the CSV's cells; the totals are the sums of those literals.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docx.oxml.ns import qn
from openpyxl import load_workbook

from dispatch_gen import cli

from .conftest import EXAMPLES
from .docx_read import Document, norm

BHYT = EXAMPLES / "binh-son-pgd-bhyt-hoc-sinh-2024.yaml"
RANKED = EXAMPLES / "binh-son-hoc-tap-nghi-quyet-2024.yaml"
GROUP = "Học sinh tham gia bảo hiểm y tế"

# the CSV, as typed: (students, quota, achieved, last year %, funds)
SCHOOLS = {
    "Trường THCS Bình Chánh": (1474, 1460, 1390, "88,40", "12,50"),
    "Trường THCS Bình Long": (1206, 1206, 1172, "91,05", "8,00"),
    "Trường THCS Bình Nguyên": (987, 980, 786, "79,30", "10,25"),
    "Trường THCS Châu Ổ": (1652, 1640, 1610, "93,12", "6,00"),
    "Trường Tiểu học Bình Chánh": (1315, 1315, 1199, "86,77", "9,50"),
    "Trường Tiểu học Bình Long": (1128, 1120, 1003, "84,00", "7,00"),
    "Trường Tiểu học Số 1 Châu Ổ": (2031, 2031, 1474, "81,88", "1.474,50"),
    "Trường Tiểu học Bình Nguyên": (876, 870, 612, "70,15", "11,00"),
}


def vn(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def run_ok(*argv: object) -> None:
    assert cli.main([str(a) for a in argv]) == 0


@pytest.fixture(scope="module")
def bhyt(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bhyt")
    docx, xlsx = folder / "pl.docx", folder / "pl.xlsx"
    run_ok("appendix", BHYT, "-o", docx, "--xlsx", xlsx)
    return Document(str(docx)).tables[-1], load_workbook(xlsx).worksheets[0]


@pytest.fixture(scope="module")
def ranked(tmp_path_factory):
    out = tmp_path_factory.mktemp("ranked") / "cv.docx"
    run_ok("render", RANKED, "-o", out)
    return Document(str(out))


def texts(table) -> list[list[str]]:
    return [[norm(c.text) for c in r.cells] for r in table.rows]


def test_two_level_header_merges_the_group_cell_above_its_columns(bhyt, capsys):
    table, _ws = bhyt
    top, bottom = table.rows[0], table.rows[1]
    for row in (top, bottom):  # both header rows repeat on every page
        assert row._tr.trPr.find(qn("w:tblHeader")) is not None
    tcs = top._tr.findall(qn("w:tc"))
    assert [norm("".join(t.text or "" for t in tc.iter(qn("w:t")))) for tc in tcs] == [
        "STT",
        "Trường",
        "Tổng số học sinh",
        GROUP,
        "Tỷ lệ năm trước (%)",
        "Kinh phí hỗ trợ (triệu đồng)",
        "Ghi chú",
    ]
    assert [tc.grid_span for tc in tcs] == [1, 1, 1, 4, 1, 1, 1]
    assert [tc.vMerge for tc in tcs] == ["restart", "restart", "restart", None, "restart", "restart", "restart"]
    under = bottom._tr.findall(qn("w:tc"))
    assert [tc.vMerge for tc in under] == ["continue"] * 3 + [None] * 4 + ["continue"] * 3
    assert texts(table)[1][3:7] == ["Chỉ tiêu", "Đã tham gia", "Tỷ lệ (%)", "Còn thiếu"]
    capsys.readouterr()


def test_computed_column_vietnamese_numbers_and_further_columns(bhyt):
    table, _ws = bhyt
    rows = {r[1]: r for r in texts(table)[2:]}
    for name, (students, quota, achieved, last_year, funds) in SCHOOLS.items():
        r = rows[name]
        assert r[2] == vn(students)  # "1.474" in the CSV is one thousand four hundred and seventy-four
        assert r[3:5] == [vn(quota), vn(achieved)]
        assert r[6] == vn(quota - achieved)  # bieu_thuc: "chi_tieu - dat"
        assert r[7] == last_year  # "88,40%" read as 88.40, printed under "(%)"
        assert r[8] == funds  # "1.474,5" read as 1474.5, chu_so: 2
    assert rows["Trường THCS Bình Chánh"][5] == "95,21"  # 1390 / 1460
    assert rows["Trường Tiểu học Số 1 Châu Ổ"][9] == "Kinh phí gồm cả đợt bổ sung; Đạt dưới 80%"


def test_group_and_total_rows_sum_the_columns_that_sum(bhyt):
    table, _ws = bhyt
    rows = texts(table)
    thcs = next(r for r in rows if r[0] == "I")
    total = rows[-1]
    assert thcs[1:] == [
        "Trung học cơ sở",
        vn(1474 + 1206 + 987 + 1652),
        vn(1460 + 1206 + 980 + 1640),
        vn(1390 + 1172 + 786 + 1610),
        "93,79",  # 4958 / 5286, the rate of the sums
        vn(70 + 34 + 194 + 30),
        "",  # tong: khong
        "36,75",  # 12.5 + 8 + 10.25 + 6
        "",
    ]
    assert total[1:] == [
        "Tổng cộng",
        vn(1474 + 1206 + 987 + 1652 + 1315 + 1128 + 2031 + 876),
        vn(1460 + 1206 + 980 + 1640 + 1315 + 1120 + 2031 + 870),
        vn(1390 + 1172 + 786 + 1610 + 1199 + 1003 + 1474 + 612),
        "87,05",  # 9246 / 10622
        vn(70 + 34 + 194 + 30 + 116 + 117 + 557 + 258),
        "",
        "1.538,75",  # 12.5 + 8 + 10.25 + 6 + 9.5 + 7 + 1474.5 + 11
        "",
    ]


def test_the_sheet_has_every_column_merged_headers_and_numbers_as_numbers(bhyt):
    _table, ws = bhyt
    assert {str(r) for r in ws.merged_cells.ranges} == {
        "A2:A3",
        "B2:B3",
        "C2:C3",
        "D2:G2",
        "H2:H3",
        "I2:I3",
        "J2:J3",
    }
    assert ws["D2"].value == GROUP
    assert [c.value for c in ws[3]][3:7] == ["Chỉ tiêu", "Đã tham gia", "Tỷ lệ (%)", "Còn thiếu"]
    rows = {r[1].value: r for r in ws.iter_rows(min_row=4)}
    chau_o = rows["Trường Tiểu học Số 1 Châu Ổ"]
    assert [c.value for c in chau_o[2:7]] == [2031, 2031, 1474, 72.58, 2031 - 1474]
    assert chau_o[2].number_format == "#,##0" and chau_o[6].number_format == "#,##0"
    assert (chau_o[7].value, chau_o[7].number_format) == (81.88, "0.00")  # the percentage shown: 81,88
    assert (chau_o[8].value, chau_o[8].number_format) == (1474.5, "0.00")
    assert chau_o[9].value == "Kinh phí gồm cả đợt bổ sung; Đạt dưới 80%"
    total = rows["Tổng cộng"]
    assert [c.value for c in total[2:9]] == [10669, 10622, 9246, 87.05, 1376, None, 1538.75]


def test_a_ranked_list_from_given_percentages(ranked):
    rows = texts(ranked.tables[-1])
    assert rows[0] == ["STT", "Đơn vị", "Số đảng viên", "Tỷ lệ đảng viên tham gia (%)", "Xếp hạng",
                       "Tình hình tổ chức", "Ghi chú"]  # fmt: skip
    by_name = {r[1]: r for r in rows[1:]}
    ranks = {name: r[4] for name, r in by_name.items()}
    assert ranks == {
        "Đảng ủy xã Bình Hải": "1",  # 97,61
        "Đảng ủy xã Bình An": "2",  # 96,36
        "Đảng ủy thị trấn Châu Ổ": "3",  # 94,08
        "Đảng ủy xã Bình Chánh": "4",  # 91,82
        "Đảng ủy xã Bình Trung": "4",  # 91,82 too: the same rank
        "Đảng ủy xã Bình Long": "6",
        "Đảng ủy xã Bình Châu": "7",
        "Đảng ủy xã Bình Nguyên": "8",
        "Đảng ủy xã Bình Thanh": "",  # a status only: no rate, no rank
        "Tổng cộng": "",
    }
    assert by_name["Đảng ủy xã Bình Thanh"][2:] == ["298", "-", "", "Chưa tổ chức", "Tổ chức trong tháng 12"]
    assert by_name["Đảng ủy xã Bình Nguyên"][6] == "Dưới 85% đảng viên tham gia"
    assert by_name["Tổng cộng"][2:] == [vn(412 + 538 + 604 + 377 + 455 + 369 + 401 + 726 + 298), "", "", "", ""]
    body = "\n".join(p.text for p in ranked.paragraphs)
    assert "Đảng ủy xã Bình Hải, Đảng ủy xã Bình An và Đảng ủy thị trấn Châu Ổ" in body  # khen: dung_dau 3
    assert "Đảng ủy xã Bình Hải đạt 97,61%, xếp thứ 1" in body
    assert "8/9 đảng ủy xã" in body and f"cho {vn(4180)} đảng viên" in body  # tong.dang_vien
    assert "dưới 85% đảng viên tham gia: Đảng ủy xã Bình Châu và Đảng ủy xã Bình Nguyên" in body


def test_a_lagging_unit_of_the_ranked_list_is_italic(ranked):
    row = next(r for r in ranked.tables[-1].rows if norm(r.cells[1].text) == "Đảng ủy xã Bình Châu")
    assert all(run.italic for run in row.cells[1].paragraphs[0].runs)


def test_examples_are_named_in_the_readme():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert BHYT.name in readme and RANKED.name in readme
