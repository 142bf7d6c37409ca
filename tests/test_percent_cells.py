"""Rates as offices keep them (issue 16): an Excel number shown as a percentage, a rate typed in the YAML.

An Excel rate is often stored as a fraction with a percent format: 0.8188 shown "81,88%". It is
read as the percentage shown, 81.88, like the text "81,88%" of a CSV. A rate typed in the YAML
as a string goes through the CSV cells' Vietnamese reader, ambiguous forms refused at their line.
"""

from __future__ import annotations

from decimal import Decimal

from openpyxl import Workbook

from dispatch_gen import cli
from dispatch_gen.input import sheets

from .docx_read import Document, norm
from .test_unit_fields import run, write

LIST = """phu_luc:
  - ten: DANH SÁCH
    nhom_theo_khoi: false
    cot:
      - {truong: ten, tieu_de: Đơn vị}
      - {truong: ty_le, tieu_de: Tỷ lệ (%), tong: khong}
      - {truong: hang, tieu_de: Hạng}
"""


def _sheet(path, rows, formats, header_at: int = 1):
    wb = Workbook()
    ws = wb.active
    ws.title = "Số liệu"
    for _ in range(header_at - 1):
        ws.append([])
    ws.append(["TT", "Đơn vị", "Tỷ lệ"])
    for n, (row, fmt) in enumerate(zip(rows, formats, strict=True), header_at + 1):
        ws.append(row)
        if fmt:
            ws.cell(row=n, column=3).number_format = fmt
    wb.save(path)


def test_an_excel_rate_shown_as_a_percentage_is_read_as_the_percentage(tmp_path, capsys):
    rows = [[1, "Chi bộ A", 0.8188], [2, "Chi bộ B", 0.5], [3, "Chi bộ C", 0.915], [4, "Chi bộ D", "78,25%"]]
    _sheet(tmp_path / "so-lieu.xlsx", rows, ["0.00%", "0.00%", "0.0%", None])
    path = write(tmp_path, "Chậm: {{ cham | danh_sach }}.", "  tep: so-lieu.xlsx\n  cham: {duoi: 80}\n", LIST)
    out = tmp_path / "pl.docx"
    rc, _o, err = run(capsys, "appendix", path, "-o", out)
    assert rc == 0, err
    table = [[norm(c.text) for c in r.cells] for r in Document(str(out)).tables[-1].rows]
    assert table[1:] == [
        ["Chi bộ A", "81,88", "2"],
        ["Chi bộ B", "50,00", "4"],
        ["Chi bộ C", "91,50", "1"],
        ["Chi bộ D", "78,25", "3"],
        ["Tổng cộng", "", ""],
    ]
    cv = tmp_path / "cv.docx"
    assert run(capsys, "render", path, "-o", cv)[0] == 0
    assert "Chậm: Chi bộ B và Chi bộ D." in [p.text for p in Document(str(cv)).paragraphs]
    assert cli.main(["check", str(cv)]) == cli.EXIT_OK


def _rates(path) -> list:
    return [u.get("ty_le") for u in sheets.read_units(path, "", {}, "so_lieu.don_vi").data]


def test_a_column_whose_first_cells_mix_formats_is_read_cell_by_cell(tmp_path):
    p = tmp_path / "mix.xlsx"
    _sheet(p, [[1, "A", 0.8188], [2, "B", 81.88], [3, "C", 0.25]], ["0.00%", "0.00", "0%"])
    assert _rates(p) == [Decimal("81.88"), 81.88, Decimal("25")]  # 81.88 as stored: shown 81,88


def test_a_header_below_the_rows_first_looked_at_still_has_its_formats_read(tmp_path):
    p = tmp_path / "low.xlsx"
    _sheet(p, [[1, "A", 0.8188], [2, "B", 1]], ["0.00%", "0.00%"], header_at=70)
    assert _rates(p) == [Decimal("81.88"), Decimal("100.00")]


def test_numbers_without_a_percent_format_are_read_as_stored(tmp_path):
    p = tmp_path / "plain.xlsx"
    _sheet(p, [[1, "A", 81.88], [2, "B", 50]], ["0.00", None])
    assert _rates(p) == [81.88, 50]


def test_a_sheet_printed_as_it_is_shows_a_percentage_as_excel_shows_it(tmp_path, capsys):
    _sheet(tmp_path / "bang.xlsx", [[1, "Chi bộ A", 0.8188], [2, "Chi bộ B", 0.5]], ["0.00%", "0.0%"])
    plain = "phu_luc:\n  - ten: BẢNG\n    tep: bang.xlsx\n"
    path = write(tmp_path, "x", "  don_vi: [{ten: A, chi_tieu: 1, dat: 1}]\n", plain)
    out = tmp_path / "pl.docx"
    rc, _o, err = run(capsys, "appendix", path, "-o", out)
    assert rc == 0, err
    table = [[norm(c.text) for c in r.cells] for r in Document(str(out)).tables[-1].rows]
    assert table == [["TT", "Đơn vị", "Tỷ lệ"], ["1", "Chi bộ A", "81,88%"], ["2", "Chi bộ B", "50,0%"]]


RATES = """  don_vi:
    - {ten: Chi bộ A, ty_le: "81,88"}
    - {ten: Chi bộ B, ty_le: "78,25%"}
    - {ten: Chi bộ C, ty_le: 91.5}
  cham: {duoi: "80,5"}
"""


def test_a_rate_typed_in_the_yaml_is_read_the_vietnamese_way(tmp_path, capsys):
    path = write(tmp_path, "Chậm: {{ cham | danh_sach }}.", RATES, LIST)
    out = tmp_path / "pl.docx"
    rc, _o, err = run(capsys, "appendix", path, "-o", out)
    assert rc == 0, err
    table = [[norm(c.text) for c in r.cells] for r in Document(str(out)).tables[-1].rows]
    assert table[1:-1] == [["Chi bộ A", "81,88", "2"], ["Chi bộ B", "78,25", "3"], ["Chi bộ C", "91,50", "1"]]
    cv = tmp_path / "cv.docx"
    assert run(capsys, "render", path, "-o", cv)[0] == 0
    assert "Chậm: Chi bộ B." in [p.text for p in Document(str(cv)).paragraphs]  # 78,25 < 80,5 ≤ 81,88


def test_an_ambiguous_rate_in_the_yaml_is_refused_at_its_line_and_column(tmp_path, capsys):
    units = RATES.replace('ty_le: "81,88"}', 'ty_le: "1,474"}').replace('ty_le: "78,25%"}', 'ty_le: "1.47"}')
    path = write(tmp_path, "x", units, LIST)
    lines = path.read_text(encoding="utf-8").splitlines()
    at_a = next(i for i, ln in enumerate(lines, 1) if "Chi bộ A" in ln)
    col_a = lines[at_a - 1].index("ty_le") + 1  # the field's key, as every located error of the YAML
    col_b = lines[at_a].index("ty_le") + 1
    rc, _o, err = run(capsys, "check", path)
    assert rc == 1
    assert f"{path}:{at_a}:{col_a}: so_lieu.don_vi[0].ty_le: “1,474” đọc được hai cách" in err, err
    assert f"{path}:{at_a + 1}:{col_b}: so_lieu.don_vi[1].ty_le: “1.47”" in err, err
    assert "Traceback" not in err
