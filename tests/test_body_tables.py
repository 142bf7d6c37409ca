"""Tables inside the body text (issue 16, item 1): a pipe table, and the units' table by ``{{ bang_don_vi }}``.

Read back from the .docx: cells, the header row's repeat and weight, alignment, sizes. The figures
expected are worked out by hand from examples/binh-son-xa-don-vi-2026.csv.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docx.oxml.ns import qn

from dispatch_gen import cli, pipeline
from dispatch_gen.compute.tables import PipeTable, parse_body
from dispatch_gen.errors import InputError

from .conftest import EXAMPLES, party_yaml
from .docx_read import Document

EXAMPLE = EXAMPLES / "binh-son-xa-bao-cao-bang-trong-noi-dung-2026.yaml"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("body-tables") / "bao-cao.docx"
    assert pipeline.render_file(EXAMPLE, out) == []
    return out


def _body_tables(path: Path):
    """The tables of the body: every table but the header's (first) and the closing's (last)."""
    tables = Document(str(path)).tables
    return tables[1:-1]


def _texts(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def _jc(cell) -> str | None:
    jc = cell._tc.find(f"{qn('w:p')}/{qn('w:pPr')}/{qn('w:jc')}")
    return None if jc is None else jc.get(qn("w:val"))


def _sizes(cell) -> set[str]:
    return {sz.get(qn("w:val")) for sz in cell._tc.iter(qn("w:sz"))}


def _repeats(row) -> bool:
    return row._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None


def test_a_pipe_table_in_the_body_is_a_word_table_with_the_totals_of_the_data(rendered):
    khoi = _body_tables(rendered)[0]
    assert _texts(khoi) == [
        ["Khối", "Chỉ tiêu", "Đã kết nạp", "Tỷ lệ (%)"],
        ["Thôn", "26", "17", "65,38"],
        ["Trường học", "5", "4", "80,00"],
        ["Cơ quan", "5", "3", "60,00"],
        ["Lực lượng vũ trang", "4", "4", "100,00"],
        ["Doanh nghiệp", "1", "0", "0,00"],
        ["Tổng cộng", "41", "28", "68,29"],
    ]
    rows = khoi.rows
    # the totals row is the sum of the rows above it (printed from tong, never typed)
    assert sum(int(r.cells[1].text) for r in rows[1:-1]) == 41
    assert sum(int(r.cells[2].text) for r in rows[1:-1]) == 28
    # header row: repeated on each page, bold, centred; the other rows are not repeated
    assert _repeats(rows[0]) and not any(_repeats(r) for r in rows[1:])
    assert all(r.font.bold for c in rows[0].cells for r in c.paragraphs[0].runs)
    assert [_jc(c) for c in rows[0].cells] == ["center"] * 4
    # texts left, numbers right (the delimiter row asks "--:" for them)
    assert [_jc(c) for c in rows[1].cells] == ["left", "right", "right", "right"]
    # the totals row's words are bold as typed (**Tổng cộng**)
    assert all(r.font.bold for r in rows[-1].cells[0].paragraphs[0].runs)
    # the profile's body table size: 13 pt (26 half-points) on every run
    assert {s for c in khoi._cells for s in _sizes(c)} == {"26"}
    # borders on every side and inside
    borders = khoi._tbl.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}")
    assert [b.get(qn("w:val")) for b in borders] == ["single"] * 6


def test_bang_don_vi_places_the_appendix_table_of_the_units_in_the_body(rendered):
    units = _body_tables(rendered)[1]
    rows = _texts(units)
    assert rows[0] == ["TT", "Đơn vị", "Chỉ tiêu", "Đạt", "Tỷ lệ (%)", "Ghi chú"]
    assert rows[1] == ["I", "Thôn", "26", "17", "65,38", ""]
    assert rows[2] == ["1", "Chi bộ thôn An Điềm", "3", "3", "100,00", ""]
    assert rows[5] == ["4", "Chi bộ thôn Bình Yên", "3", "1", "33,33", "Chưa đạt 50% chỉ tiêu"]
    assert rows[-1] == ["", "Tổng cộng", "41", "28", "68,29", ""]
    assert len(rows) == 1 + 5 + 19 + 1  # header, 5 groups, 19 units, total
    assert _repeats(units.rows[0])
    assert {s for c in units._cells for s in _sizes(c)} == {"26"}


def test_the_tables_sit_where_the_body_places_them(rendered):
    body = Document(str(rendered)).element.body
    order = []
    for el in body:
        if el.tag == qn("w:tbl"):
            order.append("TABLE")
        elif el.tag == qn("w:p"):
            text = "".join(t.text or "" for t in el.iter(qn("w:t"))).strip()
            if text.startswith(("1. Kết quả", "2. Kết quả", "3. Số còn", "Toàn Đảng bộ", "Trên đây")):
                order.append(" ".join(text.split()[:3]))
    # the header's table, three body tables where the text places them, the closing's table
    assert order == [
        "TABLE",
        "1. Kết quả",
        "TABLE",
        "Toàn Đảng bộ",
        "2. Kết quả",
        "TABLE",
        "3. Số còn",
        "TABLE",
        "Trên đây là",
        "TABLE",
    ]


def test_a_named_table_of_bang_has_its_own_columns_and_a_computed_column(rendered):
    """``bang.con_thieu``: columns as an appendix's, "Còn thiếu" = chi_tieu - dat, no group rows."""
    t = _body_tables(rendered)[2]
    rows = _texts(t)
    assert rows[0] == ["TT", "Chi bộ", "Chỉ tiêu", "Đã kết nạp", "Còn thiếu đến 30/11/2026"]  # {{ }} in a heading
    assert rows[1] == ["1", "Chi bộ thôn An Điềm", "3", "3", "0"]
    assert rows[4] == ["4", "Chi bộ thôn Bình Yên", "3", "1", "2"]
    assert rows[-1] == ["", "Tổng cộng", "41", "28", "13"]
    assert len(rows) == 1 + 19 + 1  # header, 19 units (nhom_theo_khoi: false), total
    assert sum(int(r[4]) for r in rows[1:-1]) == 13


def test_the_example_with_body_tables_passes_check(rendered, capsys):
    assert cli.main(["check", str(rendered)]) == cli.EXIT_OK
    assert "đúng thể thức" in capsys.readouterr().out


def test_a_cell_holds_light_markup_and_footnote_marks():
    [table] = parse_body("| A | B |\n|---|---|\n| *nghiêng* x[^n] | \\| |\n")
    assert isinstance(table, PipeTable)
    assert [[r.text for r in c] for c in table.rows[0]] == [["nghiêng", " x", ""], ["|"]]
    assert table.rows[0][0][0].italic and table.rows[0][0][2].note == "n"


def _render(tmp_path: Path, body: str, extra: str = "") -> Path:
    src = tmp_path / "cv.yaml"
    src.write_text(party_yaml(noi_dung=body) + extra, encoding="utf-8")
    out = tmp_path / "cv.docx"
    pipeline.render_file(src, out)
    return out


def test_a_footnote_mark_in_a_cell_is_a_real_footnote(tmp_path):
    extra = "chu_thich:\n  n: Theo báo cáo của các chi bộ.\n"
    out = _render(tmp_path, "Kết quả:\n\n| Chi bộ | Số |\n|---|---|\n| An Điềm[^n] | 3 |", extra)
    [table] = _body_tables(out)
    refs = list(table._tbl.iter(qn("w:footnoteReference")))
    assert len(refs) == 1


def test_a_name_with_a_bar_stays_in_its_cell(tmp_path):
    body = '{% set x = "A | B" %}Kết quả:\n\n| Tên | Số |\n|---|---|\n| {{ x }} | 1.474 |'
    [table] = _body_tables(_render(tmp_path, body))
    assert _texts(table) == [["Tên", "Số"], ["A | B", "1.474"]]
    assert _jc(table.rows[1].cells[1]) == "right"  # a number as offices type it: right-aligned


def test_bang_don_vi_inside_a_sentence_is_refused_at_its_line(tmp_path):
    src = tmp_path / "cv.yaml"
    text = EXAMPLE.read_text(encoding="utf-8").replace("  {{ bang_don_vi }}\n", "  Xem {{ bang_don_vi }} sau.\n")
    src.write_text(text, encoding="utf-8")
    (tmp_path / "binh-son-xa-don-vi-2026.csv").write_bytes((EXAMPLES / "binh-son-xa-don-vi-2026.csv").read_bytes())
    line = text.splitlines().index("  Xem {{ bang_don_vi }} sau.") + 1
    with pytest.raises(InputError) as err:
        pipeline.render_file(src, tmp_path / "o.docx")
    [p] = err.value.problems
    assert (p.line, p.field) == (line, "noi_dung")
    assert "phải đứng riêng một đoạn" in p.message


def test_two_tables_in_a_row_keep_a_paragraph_between_them(tmp_path):
    """Word joins two tables that touch into one: an empty paragraph stays between them."""
    out = _render(tmp_path, "Kết quả:\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n| C | D |\n|---|---|\n| 3 | 4 |\n\nHết.")
    body = Document(str(out)).element.body
    kinds = [el.tag.split("}")[1] for el in body if el.tag in (qn("w:tbl"), qn("w:p"))]
    first = kinds.index("tbl", 1)  # the body's first table (after the header's)
    assert kinds[first : first + 3] == ["tbl", "p", "tbl"]
    assert [[c.text for c in r.cells] for r in _body_tables(out)[1].rows] == [["C", "D"], ["3", "4"]]
