"""`import` turns an appendix table of the units' figures back into ``so_lieu.don_vi`` and a
``phu_luc`` (issue 19 leftover): columns known by their headings, groups as ``khoi``, totals left
to the tool; what is unsure is warned. Documents built here with python-docx; expected YAML
written out."""

from __future__ import annotations

import copy
from pathlib import Path

from dispatch_gen.input import profile as profiles
from dispatch_gen.wordin import import_docx

from .test_check import build
from .test_import import round_trip, texts

ROWS = [
    ("TT", "Đơn vị", "Chỉ tiêu", "Đã kết nạp", "Tỷ lệ (%)", "Màu"),
    ("I", "Xã", "22", "15", "68,18", ""),
    ("1", "Đảng ủy xã Bình An", "12", "10", "83,33", "xanh"),
    ("2", "Đảng ủy xã Bình Châu", "10", "5", "40,00", ""),  # typed unlike 5/10: the tool computes 50,00
    ("II", "Cơ quan", "4", "3", "75,00", ""),
    ("3", "Chi bộ Văn phòng", "4", "3", "75,00", ""),
    ("", "Tổng cộng", "26", "18", "69,23", ""),
]


def _with_figures(tmp_path: Path) -> Path:
    party = copy.deepcopy(profiles.load("dang-hd36"))
    built = build(party)  # an appendix on a landscape page: heading, title, caption, a table
    table = built.doc.tables[-1]
    table._tbl.getparent().remove(table._tbl)
    new = built.doc.add_table(rows=len(ROWS), cols=len(ROWS[0]))
    for row, values in zip(new.rows, ROWS, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.paragraphs[0].add_run(value)
    return built.save(tmp_path / "phu-luc.docx")


def test_an_appendix_of_units_figures_imports_into_so_lieu_and_phu_luc(tmp_path):
    path = _with_figures(tmp_path)
    result = import_docx(path)
    data = result.data
    assert data["so_lieu"] == {
        "tinh_den": "05/8/2024",  # the document's date
        "don_vi": [
            {"ten": "Đảng ủy xã Bình An", "khoi": "Xã", "chi_tieu": 12, "dat": 10},
            {"ten": "Đảng ủy xã Bình Châu", "khoi": "Xã", "chi_tieu": 10, "dat": 5},
            {"ten": "Chi bộ Văn phòng", "khoi": "Cơ quan", "chi_tieu": 4, "dat": 3},
        ],
    }
    assert data["phu_luc"] == [
        {
            "ten": "KẾT QUẢ KẾT NẠP ĐẢNG VIÊN ĐẾN NGÀY 05/8/2024",
            "cot": [
                {"truong": "tt", "tieu_de": "TT"},
                {"truong": "ten", "tieu_de": "Đơn vị"},
                {"truong": "chi_tieu", "tieu_de": "Chỉ tiêu"},
                {"truong": "dat", "tieu_de": "Đã kết nạp"},
                {"truong": "ty_le", "tieu_de": "Tỷ lệ (%)"},
            ],
            "huong": "ngang",
        }
    ]
    assert data["co_quan"]["chu_the"] == "Ban Thường vụ Huyện uỷ"  # from the caption's "của …"
    assert "Tổng cộng" not in data["noi_dung"] and "Bình Châu" not in data["noi_dung"]
    assert [(w.field, w.message) for w in result.warnings] == [
        ("phu_luc", "cột “Màu” của phụ lục không nhận ra; không nhập"),
        (
            "so_lieu.don_vi",
            "Đảng ủy xã Bình Châu: tỷ lệ 40,00 khác tỷ lệ tính từ chỉ tiêu và số đạt; dispatch-gen tính lại",
        ),
    ]


def test_the_imported_figures_render_the_appendix_again(tmp_path):
    _data, _warnings, again = round_trip(_with_figures(tmp_path), tmp_path)
    lines = texts(again)
    start = lines.index("KẾT QUẢ KẾT NẠP ĐẢNG VIÊN ĐẾN NGÀY 05/8/2024")
    # the rows the tool computes from the figures: groups, units, the total; the caption's author kept
    assert lines[start + 1] == "(kèm theo Công văn số 123-CV/HU, ngày 05/8/2024 của Ban Thường vụ Huyện uỷ)"
    table = lines[start + 2 :]
    for row in (
        ["Đảng ủy xã Bình An", "12", "10", "83,33"],
        ["Đảng ủy xã Bình Châu", "10", "5", "50,00"],
        ["Chi bộ Văn phòng", "4", "3", "75,00"],
        ["Tổng cộng", "26", "18", "69,23"],
    ):
        at = table.index(row[0])
        assert table[at : at + 4] == row
