"""check/rules_page.py, rule by rule, on wmlfix documents and HD 36 (A4 210 × 297 mm; margins
top 20, bottom 20, left 30, right 15 mm, 1 mm tolerance; page number 14 pt, centred, none on
page 1; Times New Roman everywhere)."""

from __future__ import annotations

import pytest

from dispatch_gen.check import read_docx
from dispatch_gen.check.locate import locate
from dispatch_gen.check.rules_page import check_font_slots, check_fonts, check_page, check_page_numbers
from dispatch_gen.input import profile as profiles

from .wmlfix import docx, p

PROFILE = profiles.load("dang-hd36")


def sect(w=11906, h=16838, top=1134, right=850, bottom=1134, left=1701, extra="", title=True):
    return (
        f'<w:sectPr>{extra}<w:pgSz w:w="{w}" w:h="{h}"/>'
        f'<w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}"/>'
        f"{'<w:titlePg/>' if title else ''}</w:sectPr>"
    )


def page_field(jc="center", sz=28):
    return (
        f'<w:p><w:pPr><w:jc w:val="{jc}"/></w:pPr><w:fldSimple w:instr=" PAGE ">'
        f'<w:r><w:rPr><w:sz w:val="{sz}"/></w:rPr><w:t>2</w:t></w:r></w:fldSimple></w:p>'
    )


HEADER_REF = '<w:headerReference w:type="default" r:id="rIdH1"/>'


BODY = p("Nội dung.")


def run(rule, tmp_path, body=BODY, section=None, header=None):
    headers = {"rIdH1": header} if header is not None else None
    path = docx(tmp_path, body, sect=section or sect(extra=HEADER_REF), headers=headers or {"rIdH1": page_field()})
    return [f.message for f in rule(locate(read_docx(path), PROFILE), PROFILE)]


def test_a4_with_the_right_margins_passes(tmp_path):
    assert run(check_page, tmp_path) == []
    assert run(check_page_numbers, tmp_path) == []
    assert run(check_fonts, tmp_path) == []


@pytest.mark.parametrize(
    ("section", "messages"),
    [
        (sect(w=12240, h=15840), ["khổ giấy 215,9 × 279,4 mm (cần 210 × 297 mm)"]),  # US Letter
        (sect(left=1417), ["lề trái 25 mm (cần 30 mm)"]),
        (sect(top=1180), []),  # 20,8 mm: within the 1 mm tolerance
        (sect(top=1219, right=1134), ["lề trên 21,5 mm (cần 20 mm)", "lề phải 20 mm (cần 15 mm)"]),
    ],
)
def test_paper_and_margins(section, messages, tmp_path):
    assert run(check_page, tmp_path, section=section) == messages


def test_page_numbers(tmp_path):
    on_page_one = run(check_page_numbers, tmp_path, section=sect(extra=HEADER_REF, title=False))
    assert on_page_one == ["số trang hiện ở trang đầu (cần đặt “trang đầu khác”, không đánh số trang 1)"]
    assert run(check_page_numbers, tmp_path, header=p("không có trường")) == [
        "thiếu số trang (trường PAGE) ở đầu trang"
    ]
    assert run(check_page_numbers, tmp_path, header=page_field(jc="right")) == ["số trang không căn giữa"]
    assert run(check_page_numbers, tmp_path, header=page_field(sz=24)) == ["số trang: cỡ chữ 12 pt (cần 14 pt)"]


def test_fonts(tmp_path):
    body = p("Một.", rpr='<w:rFonts w:ascii="Arial" w:hAnsi="Arial"/>') + p("Hai.")
    assert run(check_fonts, tmp_path, body=body) == ["phông “Arial” (cần “Times New Roman”)"]
    body = '<w:p><w:r><w:rPr><w:rFonts w:ascii="Times New Roman"/></w:rPr><w:t>x</w:t></w:r></w:p>'
    path = docx(tmp_path, body, styles="", name="bare.docx")
    lay = locate(read_docx(path), PROFILE)
    assert [f.message for f in check_fonts(lay, PROFILE)] == ["chưa đặt phông cho hAnsi (cần “Times New Roman”)"]
    assert [f.message for f in check_font_slots(lay, PROFILE)] == [
        "chưa đặt phông cho cs, eastAsia (cần “Times New Roman”)"
    ]


@pytest.mark.parametrize("face", ["Times New Roman,Bold", "Times New Roman Italic", "TimesNewRomanPS-BoldItalicMT"])
def test_a_face_of_the_profile_font_is_that_font(tmp_path, face):
    slots = "".join(f' w:{s}="{face}"' for s in ("ascii", "hAnsi", "eastAsia", "cs"))
    body = p("Một.", rpr=f"<w:rFonts{slots}/>") + p("Hai.", rpr='<w:rFonts w:ascii="Times New Roman,Arial"/>')
    assert run(check_fonts, tmp_path, body=body) == ["phông “Times New Roman,Arial” (cần “Times New Roman”)"]
