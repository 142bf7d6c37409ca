"""The appendix: its own section, heading, caption, grouped table, marks; alone and as Excel."""

from __future__ import annotations

from pathlib import Path

from docx.oxml.ns import qn
from openpyxl import load_workbook

from dispatch_gen import cli

from .conftest import EXAMPLE, EXAMPLES
from .docx_read import Document, norm


def appendix_table(doc):
    return doc.tables[-1]


def test_appendix_is_its_own_section_on_a_new_page(doc):
    assert len(doc.sections) == 2
    _first, app = doc.sections
    assert app.start_type == 2  # new page
    assert round(app.page_width.mm) == 210  # the example asks for portrait ("huong: doc")
    assert not app.different_first_page_header_footer  # Party: numbers continue onto the appendix
    heading = [norm(p.text) for p in doc.paragraphs if p.text.startswith(("Phụ lục", "KẾT QUẢ", "(kèm"))]
    assert heading == [
        "Phụ lục",
        "KẾT QUẢ KẾT NẠP ĐẢNG VIÊN 8 THÁNG ĐẦU NĂM 2024",
        "(kèm theo Công văn số -CV/HU, ngày của Ban Thường vụ Huyện ủy)",
    ]
    caption = next(p for p in doc.paragraphs if p.text.startswith("(kèm"))
    assert caption.runs[0].italic


def test_table_header_groups_units_total(doc):
    t = appendix_table(doc)
    rows = [[norm(c.text) for c in r.cells] for r in t.rows]
    assert rows[0] == ["TT", "Chi, đảng bộ", "Chỉ tiêu năm 2024", "Đã kết nạp", "Tỷ lệ (%)", "Ghi chú"]
    assert t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on every page
    assert rows[1] == ["I", "Trường học", "20", "18", "90,00", ""]
    assert rows[2] == ["1", "Đảng ủy Trường THPT Bình Sơn", "5", "5", "100,00", ""]
    assert rows[-1] == ["", "Tổng cộng", "256", "161", "62,89", ""]
    groups = [r[1] for r in rows if r[0] in ("I", "II", "III", "IV", "V", "VI")]
    assert groups == ["Trường học", "Y tế", "Xã, thị trấn", "Cơ quan", "Lực lượng vũ trang", "Doanh nghiệp"]
    units = [r for r in rows[1:-1] if r[0].isdigit()]
    assert len(units) == 39 and units[-1][0] == "39"
    # subtotals add up to the total
    group_rows = [r for r in rows if r[0] in ("I", "II", "III", "IV", "V", "VI")]
    assert sum(int(r[2]) for r in group_rows) == 256 and sum(int(r[3]) for r in group_rows) == 161


def test_lagging_units_are_marked_bold_with_remark(doc):
    t = appendix_table(doc)
    marked = {}
    for r in t.rows[1:]:
        name = norm(r.cells[1].text)
        run = r.cells[1].paragraphs[0].runs[0]
        marked[name] = (bool(run.bold), norm(r.cells[5].text))
    assert marked["Đảng ủy xã Bình Nguyên"] == (True, "Chưa đạt 50%")
    assert marked["Chi bộ Ban Quản lý dự án đầu tư xây dựng huyện"] == (True, "Chưa đạt 50%")
    assert marked["Đảng ủy xã Bình Long"] == (False, "")  # exactly 50% is not lagging
    assert sum(1 for v in marked.values() if v[1] == "Chưa đạt 50%") == 8
    assert marked["Tổng cộng"][0] is True


def _variant(workdir: Path, old: str, new: str) -> Path:
    p = workdir / EXAMPLE.name
    text = p.read_text(encoding="utf-8")
    assert old in text
    p.write_text(text.replace(old, new), encoding="utf-8")
    return p


def test_landscape_two_appendices_numbered_and_measure_columns(workdir, tmp_path):
    second = """
  - ten: ĐƠN VỊ CÓ CHỈ TIÊU KẾT NẠP NGƯỜI THEO TÔN GIÁO
    huong: ngang
    nhom_theo_khoi: false
    cot:
      - {truong: tt, tieu_de: TT}
      - {truong: ten, tieu_de: Đơn vị}
      - {truong: ton_giao.chi_tieu, tieu_de: Chỉ tiêu tôn giáo}
      - {truong: ton_giao.dat, tieu_de: Đã kết nạp}
      - {truong: hang, tieu_de: Xếp hạng chung}
"""
    p = workdir / EXAMPLE.name
    p.write_text(p.read_text(encoding="utf-8") + second, encoding="utf-8")
    out = tmp_path / "two.docx"
    assert cli.main(["render", str(p), "-o", str(out)]) == 0
    doc = Document(str(out))
    assert len(doc.sections) == 3
    assert doc.sections[2].page_width > doc.sections[2].page_height
    assert doc.sections[2]._sectPr.find(qn("w:pgSz")).get(qn("w:orient")) == "landscape"
    headings = [norm(p.text) for p in doc.paragraphs if p.text.startswith("Phụ lục")]
    assert headings == ["Phụ lục 1", "Phụ lục 2"]
    rows = [[norm(c.text) for c in r.cells] for r in doc.tables[-1].rows]
    assert rows[0] == ["TT", "Đơn vị", "Chỉ tiêu tôn giáo", "Đã kết nạp", "Xếp hạng chung"]
    chuong = next(r for r in rows if r[1] == "Đảng uỷ xã Bình Chương")
    assert chuong[2:4] == ["1", "0"]
    assert rows[-1][:4] == ["", "Tổng cộng", "8", "0"]


def test_appendix_command_writes_docx_and_xlsx(tmp_path):
    out, xlsx = tmp_path / "PHU-LUC.docx", tmp_path / "PHU-LUC.xlsx"
    assert cli.main(["appendix", str(EXAMPLE), "-o", str(out), "--xlsx", str(xlsx)]) == 0
    doc = Document(str(out))
    assert norm(doc.paragraphs[0].text) == "Phụ lục"
    word_rows = [[norm(c.text) for c in r.cells] for r in doc.tables[0].rows]
    ws = load_workbook(xlsx).active
    values = [list(r) for r in ws.iter_rows(min_row=2, values_only=True)]
    assert values[0] == ["TT", "Chi, đảng bộ", "Chỉ tiêu năm 2024", "Đã kết nạp", "Tỷ lệ (%)", "Ghi chú"]
    assert len(values) == len(word_rows)
    total = values[-1]
    assert total[1:5] == ["Tổng cộng", 256, 161, 62.89]  # the percent printed in Word, exactly
    assert ws.cell(row=ws.max_row, column=5).number_format == "0.00"
    # the same numbers as the Word table, row by row
    for w, x in zip(word_rows[1:], values[1:], strict=True):
        assert w[2] == str(x[2]) and w[3] == str(x[3])


def test_appendix_without_appendices_is_a_located_error(tmp_path, capsys):
    p = tmp_path / "x.yaml"
    text = (EXAMPLES / EXAMPLE.name).read_text(encoding="utf-8")
    p.write_text(text[: text.index("phu_luc:")], encoding="utf-8")
    (tmp_path / "binh-son-don-vi-2024.csv").write_text(
        (EXAMPLES / "binh-son-don-vi-2024.csv").read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert cli.main(["appendix", str(p), "-o", str(tmp_path / "o.docx")]) == 1
    err = capsys.readouterr().err
    assert "phu_luc" in err and "không có phụ lục" in err
    assert not (tmp_path / "o.docx").exists()
