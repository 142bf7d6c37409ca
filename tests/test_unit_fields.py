"""Numbers typed the Vietnamese way, expressions, units without a quota (issue 16, items 2, 3, 5).

Each case writes a small YAML (and a CSV) and runs ``dispatch-gen check`` or renders the
appendix; the messages are read from stderr with their FILE:LINE:COLUMN.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from dispatch_gen import cli
from dispatch_gen.compute import expr
from dispatch_gen.input import vnnumber

from .docx_read import Document, norm

HEAD = """the_thuc: dang
co_quan: {ten: HUYỆN ỦY BÌNH SƠN, ky_hieu: HU, chu_the: Ban Thường vụ Huyện ủy}
dia_danh: Bình Sơn
ngay: 05/8/2024
trich_yeu: Đôn đốc
kinh_gui: [Các chi, đảng bộ]
noi_nhan: [Như trên]
ky: {quyen_han: T/M BAN THƯỜNG VỤ, chuc_vu: PHÓ BÍ THƯ, ho_ten: Nguyễn Văn A}
"""


def write(tmp_path, body: str, so_lieu: str, phu_luc: str = "", csv: str | None = None):
    if csv is not None:
        (tmp_path / "so-lieu.csv").write_text(csv, encoding="utf-8")
    text = f"{HEAD}noi_dung: {body!r}\nso_lieu:\n  tinh_den: 01/8/2024\n{so_lieu}{phu_luc}"
    path = tmp_path / "cv.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def run(capsys, *argv):
    rc = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.mark.parametrize(
    ("typed", "value"),
    [("1.474", "1474"), ("16.380", "16380"), ("81,88", "81.88"), ("81,88%", "81.88"), ("1.474,5", "1474.5"),
     ("1.000.000", "1000000"), ("0,5", "0.5"), ("-3", "-3")],
)  # fmt: skip
def test_vietnamese_numbers_are_read_the_vietnamese_way(typed, value):
    assert vnnumber.parse(typed) == Decimal(value)


@pytest.mark.parametrize("typed", ["1,474", "1.47", "1,474.5", "12,345,678", "1.4740"])
def test_ambiguous_or_foreign_numbers_are_refused(typed):
    with pytest.raises(vnnumber.NumberTextError):
        vnnumber.parse(typed)


def test_a_csv_number_that_reads_two_ways_is_refused_at_its_cell(tmp_path, capsys):
    csv = "TT;Đơn vị;Chỉ tiêu;Đạt\n1;Chi bộ A;1.474;1.390\n2;Chi bộ B;1,474;12\n3;Chi bộ C;20;1.47\n"
    path = write(tmp_path, "x", "  tep: so-lieu.csv\n", csv=csv)
    rc, _out, err = run(capsys, "check", path)
    assert rc == 1, err
    lines = err.splitlines()
    assert any(
        ln.startswith(f"{tmp_path / 'so-lieu.csv'}:3:3: C3 (Chỉ tiêu): “1,474” đọc được hai cách: 1 phẩy 474")
        and "hoặc 1474 theo cách viết tiếng Anh" in ln
        and "hãy gõ 1.474 (hoặc 1474)" in ln
        for ln in lines
    ), err
    assert any(
        ln.startswith(f"{tmp_path / 'so-lieu.csv'}:4:4: D4 (Đạt): “1.47”") and "không đọc là 1.47" in ln
        and "hãy gõ 1,47" in ln
        for ln in lines
    ), err  # fmt: skip
    assert "C2" not in err and "D2" not in err  # "1.474" and "1.390" are read
    rc, _out, err = run(capsys, "--lang", "en", "check", path)
    assert rc == 1 and "“1,474” reads two ways: 1 point 474" in err, err


def test_a_unit_with_only_a_rate_or_only_a_status(tmp_path, capsys):
    units = """  don_vi:
    - {ten: Chi bộ A, ty_le: 91.5, trang_thai: Đã họp}
    - {ten: Chi bộ B, ty_le: "78,25", trang_thai: Đã họp}
    - {ten: Chi bộ C, trang_thai: Chưa họp, them: {dang_vien: 12}}
  cham: {duoi: 80}
"""
    cols = """phu_luc:
  - ten: DANH SÁCH
    nhom_theo_khoi: false
    cot:
      - {truong: ten, tieu_de: Đơn vị}
      - {truong: ty_le, tieu_de: Tỷ lệ (%), tong: khong}
      - {truong: hang, tieu_de: Hạng}
      - {truong: trang_thai, tieu_de: Trạng thái}
      - {truong: dang_vien, tieu_de: Đảng viên}
"""
    path = write(tmp_path, "{{ cham | danh_sach }} dưới {{ nguong_cham }}%; {{ don_vi[2].dang_vien }}.", units, cols)
    out = tmp_path / "pl.docx"
    rc, _o, err = run(capsys, "appendix", path, "-o", out)
    assert rc == 0, err
    rows = [[norm(c.text) for c in r.cells] for r in Document(str(out)).tables[-1].rows]
    assert rows[1:] == [
        ["Chi bộ A", "91,50", "1", "Đã họp", ""],
        ["Chi bộ B", "78,25", "2", "Đã họp", ""],
        ["Chi bộ C", "-", "", "Chưa họp", "12"],
        ["Tổng cộng", "", "", "", "12"],
    ]
    cv = tmp_path / "cv.docx"
    assert run(capsys, "render", path, "-o", cv)[0] == 0
    assert "Chi bộ B dưới 80%; 12." in [p.text for p in Document(str(cv)).paragraphs]


def test_half_a_pair_is_refused(tmp_path, capsys):
    units = "  don_vi:\n    - {ten: Chi bộ A, chi_tieu: 3}\n"
    rc, _out, err = run(capsys, "check", write(tmp_path, "x", units))
    assert rc == 1
    assert "so_lieu.don_vi[0]: thiếu khóa bắt buộc “so_lieu.don_vi[0].dat” (đơn vị có “chi_tieu”" in err, err


def test_selection_and_rank_by_any_numeric_field(tmp_path, capsys):
    units = """  don_vi:
    - {ten: Chi bộ A, chi_tieu: 10, dat: 9}
    - {ten: Chi bộ B, chi_tieu: 40, dat: 20}
    - {ten: Chi bộ C, chi_tieu: 30, dat: 12}
    - {ten: Chi bộ D, chi_tieu: 5, dat: 0}
  xep_hang_theo: con_thieu
  cham: {theo: "chi_tieu - dat", dung_dau: 2}
  khen: {theo: dat, tu: 12}
"""
    cols = """phu_luc:
  - ten: DANH SÁCH
    nhom_theo_khoi: false
    cot:
      - {truong: ten, tieu_de: Đơn vị}
      - {truong: hang, tieu_de: Hạng}
      - {bieu_thuc: "dat * 100 / (chi_tieu - dat)", tieu_de: Tỷ số, dinh_dang: phan_tram}
"""
    body = "Chậm: {{ cham | danh_sach }}. Khen: {{ khen | danh_sach }}."
    path = write(tmp_path, body, units, cols)
    out = tmp_path / "pl.docx"
    assert run(capsys, "appendix", path, "-o", out)[0] == 0
    rows = [[norm(c.text) for c in r.cells] for r in Document(str(out)).tables[-1].rows]
    # missing: A 1, B 20, C 18, D 5 → ranks by the most missing; 9*100/1, 20*100/20, 12*100/18, 0*100/5
    assert rows[1:] == [
        ["Chi bộ A", "4", "900,00"],
        ["Chi bộ B", "1", "100,00"],
        ["Chi bộ C", "2", "66,67"],
        ["Chi bộ D", "3", "0,00"],
        ["Tổng cộng", "", ""],  # a percentage expression does not sum
    ]
    cv = tmp_path / "cv.docx"
    assert run(capsys, "render", path, "-o", cv)[0] == 0
    assert "Chậm: Chi bộ B và Chi bộ C. Khen: Chi bộ B và Chi bộ C." in [p.text for p in Document(str(cv)).paragraphs]


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("chi_tieu -", "biểu thức dừng giữa chừng"),
        ("chi_tieu - dat_duoc", "không có trường số “dat_duoc”"),
        ("__import__('os')", "ký tự “'” không dùng được trong biểu thức"),
        ("ten * 2", "“ten” là chữ"),
        ("(" * 40 + "dat" + ")" * 40, "biểu thức lồng quá 30 lớp"),
    ],
)
def test_a_bad_expression_is_refused_at_its_line(tmp_path, capsys, expression, message):
    units = "  don_vi:\n    - {ten: Chi bộ A, chi_tieu: 3, dat: 1}\n"
    cols = (
        "phu_luc:\n  - ten: DS\n    cot:\n      - {truong: ten, tieu_de: Đơn vị}\n"
        f"      - {{bieu_thuc: {expression!r}, tieu_de: X}}\n"
    )
    path = write(tmp_path, "x", units, cols)
    rc, _out, err = run(capsys, "check", path)
    assert rc == 1, err
    line = HEAD.count("\n") + 10  # the line of the second column (after noi_dung, so_lieu, phu_luc)
    assert f"cv.yaml:{line}:" in err and "phu_luc[0].cot[1].bieu_thuc: " + message in err, err
    assert "Traceback" not in err


def test_the_evaluator_divides_by_zero_into_no_value():
    e = expr.parse("dat / (chi_tieu - chi_tieu)")
    assert e.evaluate({"dat": Decimal(1), "chi_tieu": Decimal(2)}) is None
    assert expr.parse("-(2 + 3) * 4").evaluate({}) == Decimal(-20)


def test_a_rate_with_its_own_decimals_is_rounded_once_from_the_exact_quotient(tmp_path, capsys):
    # 24690 / 200000 = 12.345 %: rounded once to one decimal 12.3 (half up from 12.345), never 12.35 → 12.4
    units = "  don_vi:\n    - {ten: Chi bộ A, chi_tieu: 200000, dat: 24690}\n"
    cols = """phu_luc:
  - ten: DS
    nhom_theo_khoi: false
    cot:
      - {truong: ten, tieu_de: Đơn vị}
      - {truong: ty_le, tieu_de: Tỷ lệ (%), chu_so: 1}
      - {truong: ty_le, tieu_de: Tỷ lệ (%)}
"""
    out = tmp_path / "pl.docx"
    assert run(capsys, "appendix", write(tmp_path, "x", units, cols), "-o", out)[0] == 0
    rows = [[norm(c.text) for c in r.cells] for r in Document(str(out)).tables[-1].rows]
    assert rows[1] == ["Chi bộ A", "12,3", "12,35"]
    assert rows[2] == ["Tổng cộng", "12,3", "12,35"]


def test_excel_text_cells_are_read_the_vietnamese_way_and_refused_when_ambiguous(tmp_path, capsys):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Số liệu"
    ws.append(["TT", "Đơn vị", "Chỉ tiêu", "Đạt", "Số học sinh"])
    ws.append([1, "Trường A", "1.474", "1.390", "16.380"])  # text cells, as typed in a Vietnamese office
    ws.append([2, "Trường B", 20, 12, "1.474,5"])
    xlsx = tmp_path / "so-lieu.xlsx"
    wb.save(xlsx)
    path = write(tmp_path, "{{ don_vi[0].chi_tieu | so }}; {{ tong.hoc_sinh | so(1) }}", "  tep: so-lieu.xlsx\n"
                 "  cot_them: {hoc_sinh: Số học sinh}\n")  # fmt: skip
    cv = tmp_path / "cv.docx"
    rc, _o, err = run(capsys, "render", path, "-o", cv)
    assert rc == 0, err
    assert "1.474; 17.854,5" in [p.text for p in Document(str(cv)).paragraphs]  # 16380 + 1474.5
    ws["C3"] = "1,474"
    wb.save(xlsx)
    rc, _o, err = run(capsys, "check", path)
    assert rc == 1
    assert f"{xlsx}:3:3: Số liệu!C3 (Chỉ tiêu): “1,474” đọc được hai cách" in err, err


@pytest.mark.parametrize("typed", ["1474", "-3", "1.474", "16.380", "1.000.000", "81,88", "0,5", "-12,25", "1.474,5"])
def test_the_fast_readings_are_babels(typed):
    from babel.numbers import parse_decimal

    assert vnnumber.parse(typed) == parse_decimal(typed, locale="vi", strict=True)
