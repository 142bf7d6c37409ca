"""`import`, part by part: Kính gửi in a table, a draft's date, title blocks, formatting on punctuation."""

from __future__ import annotations

import copy
from typing import Any

import docx
import pytest

from dispatch_gen import pipeline
from dispatch_gen.input import profile as profiles
from dispatch_gen.wordin import import_docx

from .conftest import EXAMPLES
from .test_check import build


@pytest.fixture(scope="module")
def party() -> dict[str, Any]:
    return copy.deepcopy(profiles.load("dang-hd36"))


def test_kinh_gui_in_a_table_reads_every_line_and_joins_a_wrapped_item(party, tmp_path):
    built = build(party, appendix=False)
    first = built.parts["kinh_gui"][0]
    table = built.doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].add_run("Kính gửi:")
    right.paragraphs[0].add_run("- Các chi, đảng bộ trực thuộc")
    right.add_paragraph("Huyện ủy,")  # the item wrapped by hand onto a line of its own
    right.add_paragraph("- Ban Tổ chức Huyện ủy.")
    first._p.addprevious(table._tbl)
    for para in built.parts["kinh_gui"]:
        para._p.getparent().remove(para._p)
    data = import_docx(built.save(tmp_path / "kg.docx")).data
    assert data["kinh_gui"] == ["Các chi, đảng bộ trực thuộc Huyện ủy", "Ban Tổ chức Huyện ủy"]
    assert data["noi_dung"].startswith("Qua theo dõi")


def test_a_draft_date_with_its_month_and_no_day_is_warned(party, tmp_path):
    built = build(party, appendix=False)
    built.parts["date"].runs[0].text = "Bình Sơn, ngày      tháng 8 năm 2024"
    path = built.save(tmp_path / "draft.docx")
    result = import_docx(path)
    assert (result.data["ngay"], result.data["nam"]) == (None, 2024)
    assert [str(w) for w in result.warnings] == [
        f"{path}:8:1: ngay: dòng “Bình Sơn, ngày tháng 8 năm 2024” ghi tháng mà để trống ngày; tệp YAML chỉ giữ"
        " năm (nam), tháng in ra để trống: điền ngay khi có ngày ký"
    ]


def test_bold_on_a_full_stop_alone_is_not_marked(party, tmp_path):
    built = build(party, appendix=False)
    last = built.parts["body"][-1]
    last.runs[-1].text = last.runs[-1].text.rstrip(".")
    last.add_run(".").bold = True  # invisible formatting; "**.**" after a word would not be emphasis
    data = import_docx(built.save(tmp_path / "dot.docx")).data
    assert data["noi_dung"].rstrip().endswith("triển khai thực hiện nghiêm nội dung Công văn này.")


def test_a_caps_line_after_the_date_is_no_part_of_the_issuing_body(party, tmp_path):
    built = build(party, appendix=False)
    number = built.parts["number"]
    number._p.getparent().remove(number._p)
    extra = copy.deepcopy(built.parts["date"]._p)
    built.parts["date"]._p.addnext(extra)
    docx.text.paragraph.Paragraph(extra, None).runs[0].text = "PHIẾU TRÌNH GIẢI QUYẾT CÔNG VIỆC"
    path = built.save(tmp_path / "phieu.docx")
    result = import_docx(path)
    assert result.data["co_quan"]["ten"] == "HUYỆN ỦY BÌNH SƠN"
    line = f"{path}:8:1: noi_dung: dòng “PHIẾU TRÌNH GIẢI QUYẾT CÔNG VIỆC” ở phần đầu không thuộc phần nào"
    assert [str(w) for w in result.warnings if str(w).startswith(line)] != []
    assert "\n\n*PHIẾU TRÌNH GIẢI QUYẾT CÔNG VIỆC*\n\nQua theo dõi" in result.data["noi_dung"]  # kept where it stood


def test_a_title_blocks_subject_on_two_lines_is_one_subject(tmp_path):
    out = tmp_path / "kh.docx"
    pipeline.render_file(EXAMPLES / "binh-son-ubnd-xa-ke-hoach-2026.yaml", out)
    doc = docx.Document(str(out))
    name = next(p for p in doc.paragraphs if p.text == "KẾ HOẠCH")
    subject = name._p.getnext()
    para = docx.text.paragraph.Paragraph(subject, name._parent)
    text = para.text
    words = text.split()
    para.runs[0].text = " ".join(words[:4])
    for run in para.runs[1:]:
        run._r.getparent().remove(run._r)
    second = copy.deepcopy(subject)
    subject.addnext(second)
    docx.text.paragraph.Paragraph(second, name._parent).runs[0].text = " ".join(words[4:])
    doc.save(str(tmp_path / "two.docx"))
    result = import_docx(tmp_path / "two.docx")
    assert result.data["trich_yeu"] == text
    assert result.warnings == []
