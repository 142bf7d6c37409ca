"""The appendix table's column widths from its content (#18 item 2: "size table columns from their
longest content, the unit names taking what the figures do not need").

Before, the widths were the profile's (TT 12, Chỉ tiêu 20, Đã kết nạp 20, Tỷ lệ 18, Ghi chú 32 mm)
and the names took the rest, 63 mm of the 165 mm text width of a portrait page: "Trường THPT Lê Quý Đôn" and longer
names wrapped while a "Ghi chú" column kept its 32 mm. Now each column is measured (its widest cell
and its heading, wml.table's 1 mm cell margins each side and 1 mm of slack added): the figures get
what they need so they never wrap, a note column at most its profile width (a long note wraps, the
names do not), the names the rest. Read back from the .docx (gridCol, tcW); every width checked
against the font's own metrics.
"""

from __future__ import annotations

import pytest
from docx.oxml.ns import qn

from dispatch_gen import pipeline
from dispatch_gen.render.geometry import ColumnNeed, column_widths

from .conftest import party_yaml
from .docx_read import Document
from .test_layout_geometry import FONTS

NAMES = [
    "Chi bộ Trường THPT Lê Quý Đôn",
    "Đảng bộ Trường Trung học phổ thông chuyên Lê Khiết",  # the longest: 94.3 mm at 12 pt
    "Chi bộ thôn An Điềm",
]
NOTE = "Chưa gửi hồ sơ đề nghị kết nạp của hai quần chúng ưu tú về Ban Tổ chức Đảng ủy"
UNITS = "\n".join(
    f"    - {{ten: {name}, khoi: Khối trường học, chi_tieu: {10 + 5 * k}, dat: {2 + k}"
    + (f", ghi_chu: {NOTE}" if k == 0 else "")
    + "}"
    for k, name in enumerate(NAMES)
)
APPENDIX = f"""so_lieu:
  tinh_den: 30/11/2026
  don_vi:
{UNITS}
phu_luc:
  - ten: KẾT QUẢ KẾT NẠP ĐẢNG VIÊN
    huong: doc
    cot:
      - {{truong: tt, tieu_de: TT}}
      - {{truong: ten, tieu_de: "Chi, đảng bộ"}}
      - {{truong: chi_tieu, tieu_de: Chỉ tiêu}}
      - {{truong: dat, tieu_de: Đã kết nạp}}
      - {{truong: ty_le, tieu_de: Tỷ lệ (%)}}
      - {{truong: ghi_chu, tieu_de: Ghi chú}}
"""
BEFORE_NAME_MM = 63  # 165 - 12 - 20 - 20 - 18 - 32
REGULAR, BOLD = FONTS[(False, False)], FONTS[(True, False)]
pytestmark = pytest.mark.skipif(None in FONTS.values(), reason="Liberation Serif is not installed")


def yaml_text() -> str:
    return party_yaml() + APPENDIX


@pytest.fixture(scope="module")
def table(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[int], list[list[int]], list[list[str]]]:
    """The appendix table's grid (twips), each row's cell widths, each row's texts."""
    folder = tmp_path_factory.mktemp("widths")
    src = folder / "cv.yaml"
    src.write_text(yaml_text(), encoding="utf-8")
    pipeline.render_file(src, folder / "cv.docx")
    tbl = Document(str(folder / "cv.docx")).tables[-1]._tbl
    grid = [int(c.get(qn("w:w"))) for c in tbl.tblGrid.findall(qn("w:gridCol"))]
    rows = [[int(tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) for tc in tr.tc_lst] for tr in tbl.tr_lst]
    texts = [["".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in tr.tc_lst] for tr in tbl.tr_lst]
    return grid, rows, texts


def mm(twips: int) -> float:
    return twips * 25.4 / 1440


def test_the_table_is_the_text_width_and_every_cell_follows_the_grid(table):
    grid, rows, texts = table
    assert texts[0] == ["TT", "Chi, đảng bộ", "Chỉ tiêu", "Đã kết nạp", "Tỷ lệ (%)", "Ghi chú"]
    assert abs(sum(grid) - 9354) <= 1  # 165 mm (the section rounds its own twips)
    assert all(r == grid for r in rows)


def test_the_names_fit_on_one_line_in_a_wider_column(table):
    grid, _rows, _texts = table
    name = mm(grid[1])
    assert name > BEFORE_NAME_MM
    room = name - 2  # wml.table's cell margins: 1 mm each side
    assert REGULAR.width_mm("Trường THPT Lê Quý Đôn", 12) < room
    assert all(REGULAR.width_mm(n, 12) < room for n in NAMES)
    assert REGULAR.width_mm(NAMES[1], 12) > BEFORE_NAME_MM - 2  # it wrapped before


def test_figures_get_what_they_need_and_the_note_no_more_than_its_width(table):
    grid, _rows, texts = table
    units = [r for r in texts[1:] if r[1] in NAMES]
    assert len(units) == 3
    for col in (0, 2, 3, 4):  # TT, Chỉ tiêu, Đã kết nạp, Tỷ lệ: the widest figure on one line
        widest = max(REGULAR.width_mm(r[col], 12) for r in texts[1:] if r[col])
        assert widest < mm(grid[col]) - 2, texts[0][col]
        assert mm(grid[col]) <= 20.5  # no more than a heading on one line, or the profile's width
    assert mm(grid[5]) <= 32  # the long note wraps inside the profile's width
    assert REGULAR.width_mm(NOTE, 12) > 32


def test_sharing_the_width():
    """The rule of :func:`column_widths`, with written-out needs (mm)."""
    short, text, name = ColumnNeed("short", 10, 8), ColumnNeed("text", 60, 15, 32), ColumnNeed("name", 50)
    # room for all: the note at its cap, the names the rest
    assert column_widths([short, name, text], 165) == [10, 123, 32]
    # the names need more: the note gives back down to its least, then the figures
    wide = ColumnNeed("name", 140)
    assert column_widths([short, wide, text], 165) == [10, 140, 15]
    assert column_widths([short, ColumnNeed("name", 150), text], 165) == [8, 142, 15]
    # a width the user gave is kept; never less than 30 mm for the names
    assert column_widths([ColumnNeed("fixed", 150), ColumnNeed("name", 10)], 165) == [150, 30]
