"""The format checker, on Word files built here with python-docx.

A correct Party dispatch (built by :func:`build`, following ``profiles/dang-hd36.yaml``) must
give no finding at all; each deliberate fault must be reported with the right element.
The documents are built independently of the renderer, the way a clerk would type them.
"""

from __future__ import annotations

import copy
import importlib.util
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from dispatch_gen.check import Finding, check_docx, read_docx
from dispatch_gen.check.rules import get, num
from dispatch_gen.errors import InputError
from dispatch_gen.input import profile as profiles

ROOT = Path(__file__).resolve().parents[1]
PROFILE_PATH = ROOT / "dispatch_gen" / "profiles" / "dang-hd36.yaml"
FONT = "Times New Roman"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.fixture(scope="module")
def profile() -> dict[str, Any]:
    # validated: each checked value (a range with its mark) read as its preferred value
    return copy.deepcopy(profiles.load(PROFILE_PATH.stem))


# --- building a correct Party dispatch ------------------------------------------------


def set_fonts(rpr: Any, name: str = FONT) -> None:
    """Name ``name`` in all four rFonts slots, dropping theme references."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), name)


def style_run(run: Any, size: float | None = None, bold: bool = False, italic: bool = False, fonts: bool = True) -> Any:
    """Format a run directly; ``fonts=False`` leaves the font to the styles."""
    if size is not None:
        run.font.size = Pt(size)
    run.bold = bold or None
    run.italic = italic or None
    if fonts:
        set_fonts(run._r.get_or_add_rPr())
    return run


def line(
    container: Any,
    text: str,
    size: float | None = None,
    bold: bool = False,
    italic: bool = False,
    align: Any = WD_ALIGN_PARAGRAPH.CENTER,
    first: bool = False,
) -> Any:
    """One header/closing line; ``first`` reuses the empty paragraph a new cell has."""
    para = container.paragraphs[0] if first else container.add_paragraph()
    para.alignment = align
    para.paragraph_format.space_after = Pt(0)
    para.paragraph_format.space_before = Pt(0)
    if text:
        style_run(para.add_run(text), size, bold, italic)
    return para


def add_bottom_border(para: Any) -> None:
    ppr = para._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{k}"), v)
    bdr.append(bottom)
    ppr.append(bdr)


def add_page_field(para: Any, size: float) -> None:
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        run = style_run(para.add_run(), size)
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)
        elif text == " PAGE ":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
            run._r.append(el)
        else:
            run.text = text


def no_borders(table: Any) -> None:
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tblpr.append(borders)


FOOTNOTES_XML = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="{W}">
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
{{notes}}
</w:footnotes>"""

NOTE_XML = """<w:footnote w:id="{id}"><w:p><w:pPr><w:jc w:val="both"/></w:pPr>
<w:r><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>
<w:vertAlign w:val="superscript"/><w:sz w:val="24"/></w:rPr><w:footnoteRef/></w:r>
<w:r><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>
<w:sz w:val="{sz}"/></w:rPr><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>"""


def add_footnote_ref(para: Any, note_id: int) -> Any:
    run = style_run(para.add_run())
    va = OxmlElement("w:vertAlign")
    va.set(qn("w:val"), "superscript")
    run._r.get_or_add_rPr().append(va)
    ref = OxmlElement("w:footnoteReference")
    ref.set(qn("w:id"), str(note_id))
    run._r.append(ref)
    return run


@dataclass
class Built:
    """The document and handles on the paragraphs a fault test changes."""

    doc: Any
    parts: dict[str, Any] = field(default_factory=dict)
    notes: dict[int, tuple[str, float]] = field(default_factory=dict)
    _saved: bool = False

    def save(self, path: Path) -> Path:
        if self.notes and not self._saved:
            body = "".join(NOTE_XML.format(id=i, text=t, font=FONT, sz=int(s * 2)) for i, (t, s) in self.notes.items())
            blob = FOOTNOTES_XML.replace("{notes}", body).encode("utf-8")
            part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, blob, self.doc.part.package)
            self.doc.part.relate_to(part, RT.FOOTNOTES)
        self._saved = True
        self.doc.save(str(path))
        return path


BODY = [
    "Qua theo dõi, đánh giá việc kết nạp đảng viên trong 8 tháng đầu năm 2024, một số chi, đảng bộ "
    "quan tâm thực hiện tốt công tác kết nạp đảng viên. Tính đến ngày 05/8/2024 có 161/256 đảng viên "
    "mới kết nạp (đạt 62,89%); tổng số 1.234 hồ sơ đã được thẩm định.",
    "1. Các chi, đảng bộ trực thuộc Huyện ủy:",
    "- Các đơn vị được giao chỉ tiêu kết nạp đảng đối với quần chúng là người theo tôn giáo",
    "Yêu cầu các chi, đảng bộ trực thuộc Huyện ủy triển khai thực hiện nghiêm nội dung Công văn này.",
]


def build(p: dict[str, Any], appendix: bool = True) -> Built:
    """A Party công văn that follows ``p`` in every checked respect."""
    doc = docx.Document()
    built = Built(doc)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(p["body"]["size"])
    set_fonts(normal.element.get_or_add_rPr())
    body_style = doc.styles.add_style("Noi dung", 1)
    body_style.base_style = normal
    pf = body_style.paragraph_format
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    pf.first_line_indent = Mm(p["body"]["first_line_mm"])
    pf.space_after = Pt(p["body"]["space_after_pt"])
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(p["body"]["line_exact_pt"])

    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(p["page"]["width_mm"]), Mm(p["page"]["height_mm"])
    sec.top_margin, sec.bottom_margin = Mm(p["page"]["top_mm"]), Mm(p["page"]["bottom_mm"])
    sec.left_margin, sec.right_margin = Mm(p["page"]["left_mm"]), Mm(p["page"]["right_mm"])
    sec.header_distance = Mm(p["page"]["header_mm"])
    sec.different_first_page_header_footer = True
    sec.first_page_header.is_linked_to_previous = False
    head = sec.header.paragraphs[0]
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_page_field(head, p["page_number"]["size"])

    h = p["header"]
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    left, right = table.rows[0].cells
    left.width, right.width = Mm(h["left_width_mm"]), Mm(h["right_width_mm"])
    sup = line(left, "ĐẢNG BỘ TỈNH QUẢNG NGÃI", h["superior"]["size"], h["superior"]["bold"], first=True)
    iss = line(left, "HUYỆN ỦY BÌNH SƠN", h["issuer"]["size"], h["issuer"]["bold"])
    star = line(left, h["issuer_mark"], h["issuer"]["size"])
    number = line(left, "Số 123-CV/HU", h["number"]["size"])
    subject = line(
        left,
        "Tiếp tục tăng cường lãnh đạo công tác kết nạp đảng viên",
        h["subject"]["size"],
        h["subject"]["bold"],
        h["subject"]["italic"],
    )
    title = line(right, h["national"]["lines"][0], h["national"]["size"], h["national"]["bold"], first=True)
    rule = line(right, "", 6)
    add_bottom_border(rule)
    date = line(right, "Bình Sơn, ngày 05 tháng 8 năm 2024", h["date"]["size"], italic=h["date"]["italic"])
    built.parts.update(
        superior=sup, issuer=iss, star=star, number=number, subject=subject, title=title, rule=rule, date=date
    )

    r = p["recipients"]
    recipients = ["Các chi, đảng bộ trực thuộc Huyện ủy", "Ban Tổ chức Huyện ủy", "Các đồng chí Huyện ủy viên"]
    kg = []
    for i, name in enumerate(recipients):
        end = r["last"] if i == len(recipients) - 1 else r["separator"]
        text = (f"{r['label']}\t- " if i == 0 else "- ") + name + end
        para = line(doc, text, r["size"], align=WD_ALIGN_PARAGRAPH.LEFT)
        para.paragraph_format.left_indent = Mm(r["indent_mm"] + r["label_width_mm"])
        para.paragraph_format.first_line_indent = Mm(-r["label_width_mm"] if i == 0 else 0)
        kg.append(para)
    built.parts["kinh_gui"] = kg

    body = []
    for text in BODY:
        para = doc.add_paragraph(style=body_style)
        para.add_run(text)  # size and font come from the styles
        body.append(para)
    add_footnote_ref(body[2], 1)
    body[2].add_run(": khẩn trương lập hồ sơ.")
    built.notes[1] = ("Đảng uỷ xã Bình Chương, Bình Hải, thị trấn Châu Ô.", p["footnote"]["size"])
    built.parts["body"] = body

    closing = doc.add_table(rows=1, cols=2)
    no_borders(closing)
    cl, cr = closing.rows[0].cells
    n = p["noi_nhan"]
    nn = line(cl, "", align=WD_ALIGN_PARAGRAPH.LEFT, first=True)
    lab = style_run(nn.add_run("Nơi nhận:"), n["label_size"], n["label_bold"], n["label_italic"])
    lab.underline = n["label_underline"]
    items = ["- Như trên", "- Thường trực Huyện ủy", "- Lưu VPHU"]
    for i, item in enumerate(items):
        end = n["last"] if i == len(items) - 1 else n["separator"]
        line(cl, item + end, n["item_size"], align=WD_ALIGN_PARAGRAPH.LEFT)
    s = p["signature"]
    auth = line(cr, "T/M BAN THƯỜNG VỤ", s["authority"]["size"], s["authority"]["bold"], first=True)
    ttl = line(cr, "PHÓ BÍ THƯ", s["title"]["size"], s["title"]["bold"])
    for _i in range(s["blank_lines"]):
        line(cr, "", s["title"]["size"])
    name = line(cr, "Nguyễn Văn Thái", s["name"]["size"], s["name"]["bold"])
    built.parts.update(noi_nhan=nn, noi_nhan_label=lab, authority=auth, title_line=ttl, name=name)

    if appendix:
        a = p["appendix"]
        new = doc.add_section(WD_SECTION.NEW_PAGE)
        new.orientation = WD_ORIENT.LANDSCAPE
        new.page_width, new.page_height = sec.page_height, sec.page_width
        heading = line(doc, f"{a['heading']} 1", a["heading_size"], a["heading_bold"])
        line(doc, "KẾT QUẢ KẾT NẠP ĐẢNG VIÊN ĐẾN NGÀY 05/8/2024", a["title_size"], a["title_bold"])
        caption = line(
            doc,
            "(kèm theo Công văn số 123-CV/HU, ngày 05/8/2024 của Ban Thường vụ Huyện uỷ)",
            a["caption_size"],
            italic=a["caption_italic"],
        )
        data = doc.add_table(rows=2, cols=3)
        for row, values in zip(
            data.rows, [("TT", "Đơn vị", "Tỷ lệ (%)"), ("1", "Đảng ủy xã Bình An", "62,89")], strict=True
        ):
            for cell, value in zip(row.cells, values, strict=True):
                line(cell, value, a["table_size"], first=True)
        built.parts.update(appendix=heading, caption=caption, appendix_section=new)
    return built


def check(built: Built, tmp_path: Path, p: dict[str, Any], name: str = "cv.docx") -> list[Finding]:
    return check_docx(built.save(tmp_path / name), p)


def set_text(para: Any, text: str) -> None:
    """Replace a paragraph's text, keeping the first run's formatting."""
    runs = para.runs
    runs[0].text = text
    for run in runs[1:]:
        run._r.getparent().remove(run._r)


def body_runs(b: Built) -> list[Any]:
    return [run for para in b.parts["body"] for run in para.runs]


# --- the correct document -------------------------------------------------------------


def test_correct_dispatch_has_no_finding(profile: dict[str, Any], tmp_path: Path) -> None:
    assert check(build(profile), tmp_path, profile) == []


def test_correct_dispatch_without_appendix(profile: dict[str, Any], tmp_path: Path) -> None:
    assert check(build(profile, appendix=False), tmp_path, profile) == []


def test_reader_resolves_style_chain(profile: dict[str, Any], tmp_path: Path) -> None:
    """Body runs carry no direct size: it must come from Normal through the "Noi dung" style."""
    doc = read_docx(build(profile).save(tmp_path / "cv.docx"))
    para = next(p for p in doc.paragraphs if p.text.startswith("Qua theo dõi"))
    assert para.runs[0].props.size == profile["body"]["size"]
    assert para.runs[0].props.font("eastAsia") == FONT
    assert para.props.align == "both"
    assert abs(para.props.first_line_mm - profile["body"]["first_line_mm"]) < 0.1
    assert para.props.line_rule == "exact" and para.props.line == profile["body"]["line_exact_pt"]
    header = next(p for p in doc.paragraphs if p.text == "Số 123-CV/HU")
    assert header.cell is not None and header.top_table is not None


# --- each fault on its own --------------------------------------------------------------


def f_margins(b: Built) -> None:
    b.doc.sections[0].left_margin = Mm(25)


def f_colon(b: Built) -> None:
    set_text(b.parts["number"], "Số: 123-CV/HU")


def f_month_zero(b: Built) -> None:
    set_text(b.parts["date"], "Bình Sơn, ngày 05 tháng 08 năm 2024")


def f_fake_footnote_superscript(b: Built) -> None:
    run = style_run(b.parts["body"][0].add_run("1"))
    run.font.superscript = True


def f_fake_footnote_literal(b: Built) -> None:
    style_run(b.parts["body"][3].add_run(" Các đơn vị¹ được giao chỉ tiêu."))


def f_arial(b: Built) -> None:
    set_fonts(b.parts["body"][1].runs[0]._r.get_or_add_rPr(), "Arial")


def f_arial_in_style(b: Built) -> None:
    set_fonts(b.doc.styles["Noi dung"].element.get_or_add_rPr(), "Arial")


def f_no_east_asia_font(b: Built) -> None:
    fonts = b.doc.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    del fonts.attrib[qn("w:eastAsia")]


def f_no_rule(b: Built) -> None:
    ppr = b.parts["rule"]._p.pPr
    ppr.remove(ppr.find(qn("w:pBdr")))


def f_page_number_on_first_page(b: Built) -> None:
    b.doc.sections[0].different_first_page_header_footer = False


def f_body_13(b: Built) -> None:
    for run in body_runs(b):
        run.font.size = Pt(13)


def f_body_left(b: Built) -> None:
    for para in b.parts["body"]:
        para.alignment = WD_ALIGN_PARAGRAPH.LEFT


def f_body_no_indent(b: Built) -> None:
    for para in b.parts["body"]:
        para.paragraph_format.first_line_indent = Mm(0)


def f_body_single_spacing(b: Built) -> None:
    for para in b.parts["body"]:
        para.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE


def f_noi_nhan_not_underlined(b: Built) -> None:
    b.parts["noi_nhan_label"].underline = False


def f_kt_ban_thuong_vu(b: Built) -> None:
    set_text(b.parts["authority"], "K/T BAN THƯỜNG VỤ")


def f_state_form(b: Built) -> None:
    set_text(b.parts["authority"], "KT. BÍ THƯ")


def f_authority_not_bold(b: Built) -> None:
    b.parts["authority"].runs[0].bold = False


def f_decimal_point(b: Built) -> None:
    set_text(b.parts["body"][0], "Có 161/256 đảng viên mới kết nạp (đạt 62.89%).")


def f_no_star(b: Built) -> None:
    b.parts["star"]._p.getparent().remove(b.parts["star"]._p)


def f_vv_prefix(b: Built) -> None:
    set_text(b.parts["subject"], "V/v tiếp tục tăng cường lãnh đạo công tác kết nạp đảng viên")


def f_number_pad(b: Built) -> None:
    set_text(b.parts["number"], "Số 5-CV/HU")


def f_day_pad(b: Built) -> None:
    set_text(b.parts["date"], "Bình Sơn, ngày 5 tháng 8 năm 2024")


def f_february(b: Built) -> None:
    set_text(b.parts["date"], "Bình Sơn, ngày 15 tháng 2 năm 2024")


def f_date_not_italic(b: Built) -> None:
    b.parts["date"].runs[0].italic = False


def f_title_not_bold(b: Built) -> None:
    b.parts["title"].runs[0].bold = False


def f_issuer_not_bold(b: Built) -> None:
    b.parts["issuer"].runs[0].bold = False


def f_subject_upright(b: Built) -> None:
    b.parts["subject"].runs[0].italic = False


def f_recipient_last_comma(b: Built) -> None:
    set_text(b.parts["kinh_gui"][-1], "- Các đồng chí Huyện ủy viên,")


def f_noi_nhan_item_size(b: Built) -> None:
    for para in b.parts["noi_nhan"]._p.getparent().iterchildren(qn("w:p")):
        for r in para.iter(qn("w:r")):
            sz = r.find(f"{qn('w:rPr')}/{qn('w:sz')}")
            if sz is not None and sz.get(qn("w:val")) == "24":
                sz.set(qn("w:val"), "28")


def f_footnote_missing(b: Built) -> None:
    b.notes.clear()


def f_footnote_unreferenced(b: Built) -> None:
    b.notes[2] = ("Chú thích thừa.", 12)


def f_appendix_same_page(b: Built) -> None:
    """Move the section break from before the heading to after the caption."""
    sect_p = b.parts["appendix"]._p.getprevious()
    b.parts["caption"]._p.addnext(sect_p)


def f_appendix_roman(b: Built) -> None:
    set_text(b.parts["appendix"], "Phụ lục I")


def f_caption_upright(b: Built) -> None:
    b.parts["caption"].runs[0].italic = False


def f_caption_missing(b: Built) -> None:
    b.parts["caption"]._p.getparent().remove(b.parts["caption"]._p)


FAULTS: list[tuple[Callable[[Built], None], str, str]] = [
    (f_margins, "lề trang", "lề trái 25 mm (cần 30 mm)"),
    (f_colon, "số và ký hiệu", "dấu hai chấm"),
    (f_month_zero, "ngày tháng", "tháng 08"),
    (f_fake_footnote_superscript, "chú thích", "chú thích giả"),
    (f_fake_footnote_literal, "chú thích", "“¹”"),
    (f_arial, "phông chữ", "“Arial”"),
    (f_arial_in_style, "phông chữ", "“Arial”"),
    (f_no_east_asia_font, "phông chữ", "eastAsia"),
    (f_no_rule, "tiêu đề", "đường kẻ"),
    (f_page_number_on_first_page, "số trang", "trang đầu"),
    (f_body_13, "nội dung", "cỡ chữ 13 pt (cần 14–15 pt)"),  # HD36 PL3 r6
    (f_body_left, "nội dung", "không căn đều hai bên"),
    (f_body_no_indent, "nội dung", "thụt đầu dòng 0 mm"),
    (f_body_single_spacing, "nội dung", "giãn dòng"),
    (f_noi_nhan_not_underlined, "nơi nhận", "cần gạch chân"),
    (f_kt_ban_thuong_vu, "chữ ký", "không dùng “K/T”"),
    (f_state_form, "chữ ký", "“KT.”"),
    (f_authority_not_bold, "chữ ký", "cần in đậm"),
    (f_decimal_point, "số liệu", "dấu phẩy"),
    (f_no_star, "tên cơ quan", "“*”"),
    (f_vv_prefix, "trích yếu", "V/v"),
    (f_number_pad, "số và ký hiệu", "(05)"),
    (f_day_pad, "ngày tháng", "(05)"),
    (f_february, "ngày tháng", "(02)"),
    (f_date_not_italic, "ngày tháng", "in nghiêng"),
    (f_title_not_bold, "tiêu đề", "cần in đậm"),
    (f_issuer_not_bold, "tên cơ quan", "cần in đậm"),
    (f_subject_upright, "trích yếu", "cần in nghiêng"),
    (f_recipient_last_comma, "kính gửi", "“.”"),
    (f_noi_nhan_item_size, "nơi nhận", "cỡ chữ 14 pt (cần 12 pt)"),
    (f_footnote_missing, "chú thích", "không có nội dung"),
    (f_footnote_unreferenced, "chú thích", "không được tham chiếu"),
    (f_appendix_same_page, "phụ lục", "trang mới"),
    (f_appendix_roman, "phụ lục", "Ả Rập"),
    (f_caption_upright, "phụ lục", "in nghiêng"),
    (f_caption_missing, "phụ lục", "kèm theo"),
]


@pytest.mark.parametrize(("fault", "element", "key"), FAULTS, ids=[f[0].__name__[2:] for f in FAULTS])
def test_fault_is_caught(
    fault: Callable[[Built], None], element: str, key: str, profile: dict[str, Any], tmp_path: Path
) -> None:
    built = build(profile)
    fault(built)
    findings = check(built, tmp_path, profile)
    assert findings, "the fault was not reported"
    # the fault is reported, and nothing else is (no false positive caused by it)
    assert {f.element for f in findings} == {element}, [str(f) for f in findings]
    assert any(key in f.message for f in findings), [str(f) for f in findings]


# --- valid variants that must not be reported -------------------------------------------


def v_blank_draft(b: Built) -> None:
    nbsp = "\u00a0" * 6
    set_text(b.parts["number"], f"Số {nbsp}-CV/HU")
    set_text(b.parts["date"], f"Bình Sơn, ngày {nbsp} tháng {nbsp} năm 2024")


def v_blank_number_typed(b: Built) -> None:
    set_text(b.parts["number"], "Số      -CV/HU")


def v_two_digit_dates(b: Built) -> None:
    set_text(b.parts["date"], "Bình Sơn, ngày 15 tháng 02 năm 2024")


def v_december(b: Built) -> None:
    set_text(b.parts["date"], "Bình Sơn, ngày 31 tháng 12 năm 2024")


def v_numbers_that_are_not_decimals(b: Built) -> None:
    set_text(b.parts["body"][0], "Ngày 05.8.2024 có 1.234 hồ sơ, 1.234.567 đồng, diện tích 250 m² và tỷ lệ 62,89%.")
    set_text(b.parts["body"][1], "1.1. Các chi, đảng bộ trực thuộc Huyện ủy:")


def v_second_real_footnote_with_custom_mark(b: Built) -> None:
    """A second real footnote whose reference run carries its own mark, a raised "2" typed as
    text after the reference (``customMarkFollows``): a raised digit, but a real footnote."""
    run = add_footnote_ref(b.parts["body"][3], 2)
    run._r.find(qn("w:footnoteReference")).set(qn("w:customMarkFollows"), "1")
    mark = OxmlElement("w:t")
    mark.text = "2"
    run._r.append(mark)
    b.notes[2] = ("Theo Hướng dẫn số 36-HD/VPTW.", 12)


def v_page_number_by_center_tab(b: Built) -> None:
    head = b.doc.sections[0].header.paragraphs[0]
    head.alignment = None
    style_run(head.runs[0]).text = "\t"


def v_rule_as_drawn_line(b: Built) -> None:
    """The rule under the title drawn as a VML line shape instead of a paragraph border."""
    f_no_rule(b)
    run = b.parts["rule"].add_run()
    pict = OxmlElement("w:pict")
    shape = docx.oxml.parse_xml(
        '<v:line xmlns:v="urn:schemas-microsoft-com:vml" from="0,0" to="207pt,0" strokeweight=".5pt"/>'
    )
    pict.append(shape)
    run._r.append(pict)


def v_hidden_text_is_ignored(b: Built) -> None:
    hidden = style_run(b.parts["body"][0].add_run(" 62.89¹"))
    hidden.font.hidden = True


VALID = [
    v_rule_as_drawn_line,
    v_hidden_text_is_ignored,
    v_blank_draft,
    v_blank_number_typed,
    v_two_digit_dates,
    v_december,
    v_numbers_that_are_not_decimals,
    v_second_real_footnote_with_custom_mark,
    v_page_number_by_center_tab,
]


@pytest.mark.parametrize("variant", VALID, ids=[v.__name__[2:] for v in VALID])
def test_valid_variant_gives_no_finding(
    variant: Callable[[Built], None], profile: dict[str, Any], tmp_path: Path
) -> None:
    built = build(profile)
    variant(built)
    assert [str(f) for f in check(built, tmp_path, profile)] == []


# --- the profile drives the rules ------------------------------------------------------


def test_null_key_skips_rule(profile: dict[str, Any], tmp_path: Path) -> None:
    """Without an issuer mark in the profile, a missing "*" is not reported."""
    built = build(profile)
    f_no_star(built)
    relaxed = copy.deepcopy(profile)
    relaxed["header"]["issuer_mark"] = None
    assert check(built, tmp_path, relaxed) == []
    assert check(built, tmp_path, profile, "again.docx") != []


def test_profile_values_are_used(profile: dict[str, Any], tmp_path: Path) -> None:
    """A profile asking for a colon and "V/v" (state style) flags the Party document."""
    state = copy.deepcopy(profile)
    state["header"]["number"]["format"] = "Số: {so}/{loai}-{ky_hieu}"
    state["header"]["subject"]["prefix"] = "V/v "
    findings = check(build(profile), tmp_path, state)
    messages = [str(f) for f in findings]
    assert any(f.element == "số và ký hiệu" and "thiếu dấu hai chấm" in f.message for f in findings), messages
    assert any(f.element == "trích yếu" and "“V/v”" in f.message for f in findings), messages


def test_findings_are_in_document_order(profile: dict[str, Any], tmp_path: Path) -> None:
    built = build(profile)
    f_decimal_point(built)
    f_colon(built)
    f_margins(built)
    f_kt_ban_thuong_vu(built)
    elements = [f.element for f in check(built, tmp_path, profile)]
    assert elements == ["lề trang", "số và ký hiệu", "số liệu", "chữ ký"]


def test_finding_str_and_helpers(profile: dict[str, Any]) -> None:
    assert str(Finding("lề trang", "lề trái 25 mm (cần 30 mm)")) == "lề trang: lề trái 25 mm (cần 30 mm)"
    assert Finding("a", "b", order=3) == Finding("a", "b", order=1)
    assert get(profile, "header.number.zero_pad") == 2
    assert get(profile, "header.nothing.here") is None
    assert num(25.4) == "25,4" and num(30.0) == "30"


def test_hand_typed_document_without_tables(profile: dict[str, Any], tmp_path: Path) -> None:
    """A bare document typed without the header table is still read (and faults found)."""
    doc = docx.Document()
    doc.add_paragraph("Số: 7-CV/HU")
    doc.add_paragraph("Bình Sơn, ngày 5 tháng 08 năm 2024")
    doc.add_paragraph("Kính gửi: Ban Thường vụ Tỉnh ủy.")
    doc.add_paragraph("Nội dung 62.89%.")
    path = tmp_path / "tay.docx"
    doc.save(str(path))
    findings = check_docx(path, profile)
    messages = [str(f) for f in findings]
    elements = {f.element for f in findings}
    assert {"lề trang", "phông chữ", "số và ký hiệu", "ngày tháng", "số liệu", "nơi nhận"} <= elements, messages
    assert any("tháng 08" in m for m in messages) and any("ngày 5 " in m for m in messages), messages


def test_header_typed_with_tabs(profile: dict[str, Any], tmp_path: Path) -> None:
    """Number and date on one line separated by tabs: each part is checked on its own."""
    doc = docx.Document()
    doc.add_paragraph("Số 07-CV/HU\t\tBình Sơn, ngày 05 tháng 08 năm 2024")
    doc.add_paragraph("Kính gửi: Ban Thường vụ Tỉnh ủy.")
    path = tmp_path / "tab.docx"
    doc.save(str(path))
    findings = check_docx(path, profile)
    number = [f.message for f in findings if f.element == "số và ký hiệu"]
    date = [f.message for f in findings if f.element == "ngày tháng"]
    assert not any("không đúng mẫu" in m for m in number), number
    assert any("tháng 08" in m for m in date), date


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _libreoffice_round_trip(src: Path, workdir: Path) -> Path:
    """Save ``src`` through LibreOffice (docx → odt → docx): same page, very different XML."""
    profile_dir = (workdir / "lo-profile").as_uri()
    for target, infile, outdir in (("odt", src, workdir / "odt"), ("docx:MS Word 2007 XML", None, workdir / "docx")):
        infile = infile or workdir / "odt" / (src.stem + ".odt")
        cmd = [SOFFICE, f"-env:UserInstallation={profile_dir}", "--headless", "--convert-to", target]
        subprocess.run([*cmd, "--outdir", str(outdir), str(infile)], check=True, capture_output=True, timeout=180)
    return workdir / "docx" / (src.stem + ".docx")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_document_rewritten_by_libreoffice(profile: dict[str, Any], tmp_path: Path) -> None:
    """Another producer's XML (styles, headers per page style, run properties) reads the same."""
    good = build(profile).save(tmp_path / "good.docx")
    bad_built = build(profile)
    f_month_zero(bad_built)
    f_body_left(bad_built)
    bad = bad_built.save(tmp_path / "bad.docx")
    assert [str(f) for f in check_docx(_libreoffice_round_trip(good, tmp_path / "g"), profile)] == []
    findings = check_docx(_libreoffice_round_trip(bad, tmp_path / "b"), profile)
    assert [f.element for f in findings] == ["ngày tháng", "nội dung"], [str(f) for f in findings]


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 broken", b"plain text, not a zip"])
def test_unreadable_file_is_an_input_error(content: bytes, profile: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "hong.docx"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        check_docx(path, profile)
    assert "hong.docx" in str(info.value)


def test_missing_file_is_an_input_error(profile: dict[str, Any], tmp_path: Path) -> None:
    with pytest.raises(InputError, match="không tìm thấy"):
        check_docx(tmp_path / "khong-co.docx", profile)


# --- rendered examples (once the renderer exists) ---------------------------------------

HAS_PIPELINE = importlib.util.find_spec("dispatch_gen.pipeline") is not None
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@pytest.mark.skipif(not HAS_PIPELINE or not EXAMPLES, reason="renderer or examples not there yet")
@pytest.mark.parametrize("example", EXAMPLES, ids=[e.stem for e in EXAMPLES])
def test_rendered_examples_pass_the_checker(example: Path, tmp_path: Path) -> None:
    from dispatch_gen.pipeline import load, render_file

    out = tmp_path / (example.stem + ".docx")
    render_file(example, out)
    prof = load(example).profile  # the rule set the renderer used ("dang" chooses by date)
    assert [str(f) for f in check_docx(out, prof)] == []
