"""render/tagcheck.py: the paragraph of a Word template whose Jinja tag is broken, named by part
and paragraph or table cell, on wmlfix templates."""

from __future__ import annotations

import pytest
from jinja2 import TemplateSyntaxError, UndefinedError

from dispatch_gen.render.tagcheck import locate

from .wmlfix import docx, p

SYNTAX = TemplateSyntaxError("unexpected end of template", 3)


def cell_table(*texts: str) -> str:
    cells = "".join(f"<w:tc>{p(t)}</w:tc>" for t in texts)
    return f"<w:tbl><w:tblPr/><w:tblGrid/><w:tr>{cells}</w:tr></w:tbl>"


def where(tmp_path, body: str, error: BaseException = SYNTAX, headers=None):
    data = docx(tmp_path, body, headers=headers or {}).read_bytes()
    found = locate(data, error)
    return None if found is None else (found[0].part, found[0].where, found[0].text, found[1])


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            p("{{ so }}") + cell_table("{{ co_quan.ten }}", "{{ ngay"),
            ("word/document.xml", "bảng 1, hàng 1, ô 2", "{{ ngay", "thẻ mở chưa được đóng bằng “}}”"),
        ),
        (
            p("Đoạn một.") + p("{{ so }} }}"),
            ("word/document.xml", "đoạn 2", "{{ so }} }}", "thẻ “}}” đặt sai chỗ hoặc thiếu dấu đóng"),
        ),
        (
            p("{% if khen %}") + p("{{ khen }}"),
            ("word/document.xml", "đoạn 1", "{% if khen %}", "khối “if” mở ở đây chưa được đóng bằng “endif”"),
        ),
        (
            p("{% for u in don_vi %}") + p("{% endif %}"),
            ("word/document.xml", "đoạn 2", "{% endif %}", "“endif” không khớp với khối đang mở"),
        ),
        (p("{% else %}"), ("word/document.xml", "đoạn 1", "{% else %}", "“else” không nằm trong khối nào")),
        (p("{% lap %}"), ("word/document.xml", "đoạn 1", "{% lap %}", "không có thẻ “lap”")),
    ],
    ids=["unclosed-in-cell", "stray-close", "if-without-endif", "mismatched-end", "else-alone", "unknown-tag"],
)
def test_broken_tags_are_placed(body, expected, tmp_path):
    assert where(tmp_path, body) == expected


@pytest.mark.parametrize("tag", ["{{ tong.dat * }}", "{{ tong.dat + }}", "{{- tong.dat - -}}"])
def test_an_expression_that_does_not_parse(tag, tmp_path):
    """A dangling operator is an error, even "+" or "-" (once taken for whitespace control)."""
    part, place, text, why = where(tmp_path, p("{{- so -}}") + p(tag))
    assert (part, place, text) == ("word/document.xml", "đoạn 2", tag)
    assert why  # Jinja's own words


def test_docxtpl_tags_and_blocks_across_paragraphs_are_fine(tmp_path):
    body = p("{%p if khen %}") + p("{{r khen }}") + p("{%p else %}") + p("{%p endif %}") + p("{% set a = 1 %}")
    assert where(tmp_path, body) is None


def test_an_undefined_name_is_found_where_it_is_used(tmp_path):
    body = p("{{ so }}") + cell_table("{{ co_quan.ten }}", "{{ dia_danh }}")
    error = UndefinedError("'dia_danh' is undefined")
    assert where(tmp_path, body, error) == (
        "word/document.xml",
        "bảng 1, hàng 1, ô 2",
        "{{ dia_danh }}",
        "'dia_danh' is undefined",
    )


def test_headers_are_searched_after_the_body(tmp_path):
    sect = '<w:sectPr><w:headerReference w:type="default" r:id="rIdH1"/></w:sectPr>'
    data = docx(tmp_path, p("{{ so }}"), sect=sect, headers={"rIdH1": p("{{ trang")}).read_bytes()
    place, why = locate(data, SYNTAX)
    assert (place.part, place.where, why) == ("word/header1.xml", "đoạn 1", "thẻ mở chưa được đóng bằng “}}”")


def test_not_a_zip_is_not_located():
    assert locate(b"not a zip", SYNTAX) is None
