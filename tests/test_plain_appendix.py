"""A table appendix without unit figures (issue 16, item 4): ``phu_luc[i].bang`` (a pipe table) or
``phu_luc[i].tep`` (a sheet), printed as given, with the appendix's heading, title and caption.

Expected cells are written out from examples/binh-son-xa-lop-boi-duong-2026.yaml and its CSV.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from dispatch_gen import cli, pipeline
from dispatch_gen.errors import InputError

from .conftest import EXAMPLES

EXAMPLE = EXAMPLES / "binh-son-xa-lop-boi-duong-2026.yaml"
CSV = EXAMPLES / "binh-son-xa-lich-hoc-2026.csv"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("plain") / "cong-van.docx"
    assert pipeline.render_file(EXAMPLE, out) == []  # no warning: {{ }} in "bang" is evaluated
    return out


def _texts(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def _jc(cell) -> str | None:
    jc = cell._tc.find(f"{qn('w:p')}/{qn('w:pPr')}/{qn('w:jc')}")
    return None if jc is None else jc.get(qn("w:val"))


def _paragraph_texts(doc) -> list[str]:
    body = doc.element.body
    return [
        "".join(t.text or "" for t in p.iter(qn("w:t"))).strip()
        for p in body
        if p.tag == qn("w:p")  # body-level paragraphs, not the cells'
    ]


def test_a_pipe_table_appendix_prints_its_cells_as_typed(rendered):
    doc = Document(str(rendered))
    program = doc.tables[2]  # header, closing, then the appendices' tables
    assert _texts(program) == [
        ["Buổi", "Ngày", "Nội dung", "Báo cáo viên"],
        [
            "1",
            "14/12/2026",  # {{ han.khai_giang }}
            "Khai giảng; Chuyên đề 1: Đảng Cộng sản Việt Nam, tổ chức lãnh đạo của giai cấp công nhân",
            "Đ/c Bí thư Đảng ủy",
        ],
        ["2", "15/12/2026", "Chuyên đề 2: Điều lệ Đảng và quyền, nghĩa vụ của đảng viên", "Đ/c Phó Bí thư Đảng ủy"],
        ["3", "16/12/2026", "Viết thu hoạch; bế mạc", "Trung tâm Chính trị xã"],
    ]
    cell = program.rows[1].cells[2].paragraphs[0]
    assert [(r.text, bool(r.font.bold)) for r in cell.runs][:2] == [("Khai giảng; ", False), ("Chuyên đề 1", True)]
    assert [_jc(c) for c in program.rows[0].cells] == ["center"] * 4  # the header
    assert [_jc(c) for c in program.rows[1].cells] == ["center", "center", "left", "left"]  # as |:-:|:-:|---|---|
    assert program.rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    # the appendix's table size (12 pt), not the body's
    assert {sz.get(qn("w:val")) for sz in program._tbl.iter(qn("w:sz"))} == {"24"}
    # as wide as the page's text (A4 portrait, margins 30 + 15 mm: 165 mm = 9354 twips, ±1 per column)
    widths = [int(g.get(qn("w:w"))) for g in program._tbl.iter(qn("w:gridCol"))]
    assert 9350 <= sum(widths) <= 9355


def test_a_sheet_appendix_prints_the_sheet_as_it_is(rendered):
    doc = Document(str(rendered))
    pupils = doc.tables[3]
    assert _texts(pupils) == [
        ["TT", "Chi bộ", "Số học viên", "Người phụ trách"],
        ["1", "Chi bộ thôn An Điềm", "12", "Đ/c Nguyễn Văn Hùng"],
        ["2", "Chi bộ thôn An Châu", "9", "Đ/c Trần Thị Lan"],
        ["3", "Chi bộ Trường Tiểu học Bình Sơn", "6", "Đ/c Lê Văn Tâm"],
        ["4", "Chi bộ Trạm Y tế xã", "4", "Đ/c Phạm Thị Hoa"],
    ]
    assert [_jc(c) for c in pupils.rows[1].cells] == ["right", "left", "right", "left"]  # numbers right


def test_plain_appendices_keep_the_heading_title_and_caption(rendered):
    doc = Document(str(rendered))
    texts = _paragraph_texts(doc)
    for heading, title in (("Phụ lục 1", "CHƯƠNG TRÌNH LỚP BỒI DƯỠNG NHẬN THỨC VỀ ĐẢNG"),
                           ("Phụ lục 2", "DANH SÁCH HỌC VIÊN THEO CHI BỘ")):  # fmt: skip
        at = texts.index(heading)
        assert texts[at + 1] == title
        assert texts[at + 2].startswith("(kèm theo Công văn số")
    # each appendix is a section of its own: the dispatch's, then one per appendix
    assert len(doc.sections) == 3


def test_the_plain_appendix_example_passes_check(rendered, capsys):
    assert cli.main(["check", str(rendered)]) == cli.EXIT_OK
    assert "đúng thể thức" in capsys.readouterr().out


def test_the_appendix_command_writes_plain_appendices_to_word_and_excel(tmp_path):
    from openpyxl import load_workbook

    out, xlsx = tmp_path / "pl.docx", tmp_path / "pl.xlsx"
    assert cli.main(["appendix", str(EXAMPLE), "-o", str(out), "--xlsx", str(xlsx)]) == cli.EXIT_OK
    assert _texts(Document(str(out)).tables[1])[1] == ["1", "Chi bộ thôn An Điềm", "12", "Đ/c Nguyễn Văn Hùng"]
    ws = load_workbook(xlsx)["Phụ lục 2"]
    assert ws["A1"].value == "DANH SÁCH HỌC VIÊN THEO CHI BỘ"
    assert [c.value for c in ws[3]] == [1, "Chi bộ thôn An Điềm", 12, "Đ/c Nguyễn Văn Hùng"]  # numbers as numbers
    assert ws["C3"].number_format == "#,##0"


def _copy(tmp_path: Path, text: str | None = None) -> Path:
    src = tmp_path / EXAMPLE.name
    src.write_text(text if text is not None else EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    shutil.copy(CSV, tmp_path / CSV.name)
    return src


def test_an_xlsx_sheet_prints_numbers_as_vietnamese_offices_write_them(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Lớp học"
    ws.append(["Đơn vị", "Học viên", "Tỷ lệ (%)"])
    ws.append(["Xã A", 1474, 81.88])
    ws.append([None, None, None])  # an empty row is left out
    ws.append(["Xã B", 16380, Decimal("5")])
    wb.save(tmp_path / "lop.xlsx")
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "    tep: binh-son-xa-lich-hoc-2026.csv", "    tep: lop.xlsx\n    trang: Lớp học"
    )
    out = tmp_path / "o.docx"
    pipeline.render_file(_copy(tmp_path, text), out)
    assert _texts(Document(str(out)).tables[3]) == [
        ["Đơn vị", "Học viên", "Tỷ lệ (%)"],
        ["Xã A", "1.474", "81,88"],
        ["Xã B", "16.380", "5"],
    ]


def test_bang_without_a_table_is_refused_at_its_line(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    start = text.index("    bang: |")
    end = text.index("  - ten: DANH SÁCH")
    text = text[:start] + "    bang: Chương trình gửi sau\n" + text[end:]
    with pytest.raises(InputError) as err:
        pipeline.validate(pipeline.load(_copy(tmp_path, text)))
    [p] = err.value.problems
    assert p.field == "phu_luc[0].bang"
    assert p.line == text[: text.index("    bang: Chương")].count("\n") + 1
    assert "không có bảng nào" in p.message


def test_bang_and_tep_together_are_refused(tmp_path):
    tep = "    tep: binh-son-xa-lich-hoc-2026.csv"
    text = EXAMPLE.read_text(encoding="utf-8").replace(tep, tep + "\n    bang: '| a |\\n|---|\\n| b |'")
    with pytest.raises(InputError) as err:
        pipeline.load(_copy(tmp_path, text))
    [p] = err.value.problems
    assert p.field == "phu_luc[1].tep"
    assert "chỉ dùng một trong hai" in p.message


def test_a_missing_sheet_file_is_located_at_its_key(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8").replace("binh-son-xa-lich-hoc-2026.csv", "khong-co.csv")
    with pytest.raises(InputError) as err:
        pipeline.load(_copy(tmp_path, text))
    [p] = err.value.problems
    assert p.field == "phu_luc[1].tep"
    assert p.line == text.splitlines().index("    tep: khong-co.csv") + 1
