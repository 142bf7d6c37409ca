"""Build the Word templates in ``templates/`` from the format profiles.

The templates are generated, never edited by hand, so every layout value comes from a
profile and a test can rebuild them and compare with the committed files. A user who wants
a different look edits a copy in Word and passes it with ``--template``.

    python -m dispatch_gen.build_templates          # rewrite templates/
"""

from __future__ import annotations

import argparse
import io
import zipfile
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.shared import Mm, Pt

from dispatch_gen.input import profile as profiles
from dispatch_gen.render import textwidth
from dispatch_gen.wml import fonts, layout, ooxml, paragraphs

FIXED_TIME = (2024, 1, 1, 0, 0, 0)


def _base_document(prof: dict[str, Any]) -> Any:
    doc = Document()
    font, body = prof["font"], prof["body"]
    styles = doc.styles
    fonts.one_font(styles.element, font)  # docDefaults and every style: the profile's font, no theme fonts
    normal = styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(body["size"])
    fonts.set_fonts(normal.element.get_or_add_rPr(), font)
    pf = normal.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing = 1.0

    text = styles.add_style("Dispatch Body", WD_STYLE_TYPE.PARAGRAPH)
    text.base_style = normal
    tf = text.paragraph_format
    tf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    tf.first_line_indent = Mm(body["first_line_mm"])
    tf.space_after = Pt(body["space_after_pt"])
    if body.get("line_exact_pt"):
        tf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        tf.line_spacing = Pt(body["line_exact_pt"])
    else:
        tf.line_spacing = body.get("line_multiple") or 1.0
    text.font.size = Pt(body["size"])

    note = styles.add_style("Footnote Text", WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = normal
    note.font.size = Pt(prof["footnote"]["size"])
    note.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    ref = styles.add_style("Footnote Reference", WD_STYLE_TYPE.CHARACTER)
    ref.font.superscript = True

    cell = styles.add_style("Table Cell", WD_STYLE_TYPE.PARAGRAPH)
    cell.base_style = normal
    cell.font.size = Pt(prof["appendix"]["table_size"])
    cell.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    cell.paragraph_format.space_before = Pt(2)
    cell.paragraph_format.space_after = Pt(2)

    page = prof["page"]
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = Mm(page["width_mm"]), Mm(page["height_mm"])
    sec.top_margin, sec.bottom_margin = Mm(page["top_mm"]), Mm(page["bottom_mm"])
    sec.left_margin, sec.right_margin = Mm(page["left_mm"]), Mm(page["right_mm"])
    sec.header_distance = Mm(page["header_mm"])
    sec.footer_distance = Mm(page["header_mm"])
    return doc


def _para(
    container: Any,
    text: str = "",
    size: float | None = None,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    align: Any = WD_ALIGN_PARAGRAPH.CENTER,
    style: str | None = None,
) -> Any:
    p = container.add_paragraph(style=style)
    if align is not None:
        p.paragraph_format.alignment = align
    if text:
        run = p.add_run(text)
        if size:
            run.font.size = Pt(size)
        run.font.bold = bold or None
        run.font.italic = italic or None
        run.font.underline = underline or None
    return p


def _cell_paragraphs(cell: Any) -> Any:
    """An empty cell, ready for our paragraphs (python-docx gives each cell one empty paragraph)."""
    for p in list(cell.paragraphs):
        p._element.getparent().remove(p._element)
    return cell


def _borderless(table: Any, widths_mm: list[float]) -> None:
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    ooxml.table_borders(table._tbl, None)
    ooxml.table_fixed(table._tbl, [Mm(w).twips for w in widths_mm], cell_margin=0)
    for row in table.rows:
        layout.cant_split(row._tr)  # a header or closing row never breaks across pages
        for cell, w in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(w)


def _rule(container: Any, length_mm: float, cell_width_mm: float) -> Any:
    """A solid rule: an empty paragraph with a bottom border, narrowed by indents to ``length_mm``."""
    return paragraphs.shape_rule(container.add_paragraph(), length_mm, cell_width_mm)


def _page_numbers(doc: Any, prof: dict[str, Any]) -> None:
    sec = doc.sections[0]
    pn = prof["page_number"]
    sec.different_first_page_header_footer = not pn["first_page"]
    header = sec.header
    p = header.paragraphs[0]
    p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    ooxml.add_page_field(p._p, pn["size"])
    if not pn["first_page"]:
        sec.first_page_header.paragraphs[0].text = ""


def _title_block(doc: Any, prof: dict[str, Any]) -> None:
    """The kind's name in capitals, the trích yếu under it, a short line under that; centred."""
    tb = prof["title_block"]
    _para(doc, "{%p if loai_vb.co_tieu_de %}", align=None)
    p = _para(doc, "{{ loai_vb.ten }}", tb["name_size"], bold=tb["name_bold"])
    p.paragraph_format.space_before = Pt(tb["space_before_pt"])
    # the author under the name (HD 36 1.5.1 "CỦA BAN THƯỜNG VỤ HUYỆN UỶ"), in the trích yếu's form
    _para(doc, "{%p if loai_vb.tac_gia %}", align=None)
    _para(doc, "{{ loai_vb.tac_gia }}", tb["subject_size"], bold=tb["subject_bold"])
    _para(doc, "{%p endif %}", align=None)
    _para(doc, "{{ trich_yeu_in }}", tb["subject_size"], bold=tb["subject_bold"], italic=tb["subject_italic"])
    if tb["rule_text"]:
        _para(doc, tb["rule_text"], tb["subject_size"])
    elif tb["rule_ratio"]:
        # a ratio of the trích yếu's length, drawn on rendering
        _para(doc, "{{p tieu_de.gach_duoi }}", align=None)
    _para(doc, "{%p endif %}", align=None)


def _addressee_first(doc: Any, rec: dict[str, Any], left: Any, hanging: Any, tab: Any) -> None:
    """The "Kính gửi:" line: the label at the indent, a tab to the first addressee, wrapped lines at ``left``."""
    p = _para(doc, "", align=WD_ALIGN_PARAGRAPH.LEFT)
    p.paragraph_format.left_indent = left
    p.paragraph_format.first_line_indent = -hanging
    p.paragraph_format.tab_stops.add_tab_stop(tab)
    r = p.add_run("{{ kinh_gui_nhan }}")
    r.font.size = Pt(rec["size"])
    r.font.italic = rec["label_italic"] or None
    r = p.add_run("\t{{ kinh_gui_dau }}")
    r.font.size = Pt(rec["size"])


def build_dispatch(prof: dict[str, Any]) -> Any:
    """The main template: header, Kính gửi, body, Nơi nhận and signature."""
    doc = _base_document(prof)
    _page_numbers(doc, prof)
    h = prof["header"]
    lw, rw = h["left_width_mm"], h["right_width_mm"]
    table = doc.add_table(rows=2, cols=2)
    _borderless(table, [lw, rw])
    left1, right1 = (_cell_paragraphs(c) for c in table.rows[0].cells)
    left2, right2 = (_cell_paragraphs(c) for c in table.rows[1].cells)

    sup, iss = h["superior"], h["issuer"]
    _para(left1, "{%p if co_quan.cap_tren %}")
    _para(left1, "{{ co_quan.cap_tren }}", sup["size"], bold=sup["bold"])
    _para(left1, "{%p endif %}")
    _para(left1, "{{ co_quan.ten }}", iss["size"], bold=iss["bold"])
    if h.get("issuer_mark"):
        _para(left1, h["issuer_mark"], iss["size"])
    if h.get("issuer_rule_mm"):
        _rule(left1, h["issuer_rule_mm"], lw)
    elif h.get("issuer_rule_ratio"):
        # a ratio of the name's length: the name differs per dispatch, so the rule is drawn on rendering
        _para(left1, "{{p co_quan.gach_duoi }}", align=None)
    nat = h["national"]
    for i, line in enumerate(nat["lines"]):
        size = nat["sizes"][i] if nat.get("sizes") else nat["size"]
        _para(right1, line, size, bold=nat["bold"])
    _rule(right1, h["national_rule_mm"], rw)

    num, subj, date = h["number"], h["subject"], h["date"]
    number = _para(left2, "{{ so_ky_hieu }}", num["size"])
    # a công văn's trích yếu stands under the number; a kind with a title block prints it there
    _para(left2, "{%p if not loai_vb.co_tieu_de %}")
    p = _para(left2, "{{ trich_yeu_in }}", subj["size"], bold=subj.get("bold", False), italic=subj["italic"])
    if subj.get("space_before_pt"):
        p.paragraph_format.space_before = Pt(subj["space_before_pt"])
    _para(left2, "{%p endif %}")
    marks = h["marks"]
    _para(left2, "{%p for dau in dau_muc_do %}")
    _para(left2, "{{ dau }}", marks["size"], bold=marks["bold"])
    _para(left2, "{%p endfor %}")
    dated = _para(right2, "{{ dia_danh_ngay }}", date["size"], italic=date["italic"])
    # room between the rules above and the number/date row, the same on both sides
    if h.get("row_space_pt"):
        number.paragraph_format.space_before = dated.paragraph_format.space_before = Pt(h["row_space_pt"])

    _title_block(doc, prof)
    # Kính gửi (or Kính trình): the label, then the recipients with dashes aligned under the first;
    # none for a kind without an addressee
    rec = prof["recipients"]
    _para(doc, "", align=None)
    _para(doc, "{%p if kinh_gui_dau %}", align=None)
    indent, label_w = Mm(rec["indent_mm"]), Mm(rec["label_width_mm"])
    # a wrapped line starts under the text after "- ", not under the dash; a lone addressee has no dash
    dash = Pt(textwidth.width_mm("- ", rec["size"]) / textwidth.PT_TO_MM)
    _para(doc, "{%p if kinh_gui_sau %}", align=None)
    _addressee_first(doc, rec, indent + label_w + dash, label_w + dash, indent + label_w)
    _para(doc, "{%p else %}", align=None)
    _addressee_first(doc, rec, indent + label_w, label_w, indent + label_w)
    _para(doc, "{%p endif %}", align=None)
    _para(doc, "{%p for nguoi in kinh_gui_sau %}", align=None)
    p = _para(doc, "{{ nguoi }}", rec["size"], align=WD_ALIGN_PARAGRAPH.LEFT)
    p.paragraph_format.left_indent = indent + label_w + dash
    p.paragraph_format.first_line_indent = -dash
    _para(doc, "{%p endfor %}", align=None)
    _para(doc, "", align=None)
    _para(doc, "{%p endif %}", align=None)

    _para(doc, "{%p for doan in noi_dung %}", align=None)
    p = doc.add_paragraph(style="Dispatch Body")
    p.add_run("{{r doan }}")
    _para(doc, "{%p endfor %}", align=None)

    # closing: Nơi nhận beside the signature
    c = prof["closing"]
    table = doc.add_table(rows=1, cols=2)
    _borderless(table, [c["left_width_mm"], c["right_width_mm"]])
    left, right = (_cell_paragraphs(x) for x in table.rows[0].cells)
    nn = prof["noi_nhan"]
    _para(left, "", align=None)
    _para(
        left,
        nn["label"],
        nn["label_size"],
        bold=nn["label_bold"],
        italic=nn["label_italic"],
        underline=nn["label_underline"],
        align=WD_ALIGN_PARAGRAPH.LEFT,
    )
    _para(left, "{%p for noi in noi_nhan %}", align=None)
    _para(left, "{{ noi }}", nn["item_size"], align=WD_ALIGN_PARAGRAPH.LEFT)
    _para(left, "{%p endfor %}", align=None)
    sig = prof["signature"]
    _para(right, "", align=None)
    _para(right, "{%p if ky.quyen_han %}")
    _para(right, "{{ ky.quyen_han }}", sig["authority"]["size"], bold=sig["authority"]["bold"])
    _para(right, "{%p endif %}")
    _para(right, "{{ ky.chuc_vu }}", sig["title"]["size"], bold=sig["title"]["bold"])
    for _i in range(sig["blank_lines"]):
        _para(right, "", align=None)
    _para(right, "{{ ky.ho_ten }}", sig["name"]["size"], bold=sig["name"]["bold"])
    return doc


def build_appendix(prof: dict[str, Any]) -> Any:
    """The appendix template: heading, title, "kèm theo" caption and the table's place."""
    doc = _base_document(prof)
    a = prof["appendix"]
    _para(doc, "{{ pl.tieu_de }}", a["heading_size"], bold=a["heading_bold"])
    _para(doc, "{{ pl.ten }}", a["title_size"], bold=a["title_bold"])
    _para(doc, "{{ pl.kem_theo }}", a["caption_size"], italic=a["caption_italic"])
    if a.get("rule_mm"):
        # centred on the page, whose width is known only once the orientation is chosen
        _para(doc, "{{p pl.gach_duoi }}", align=None)
    _para(doc, "", align=None)
    _para(doc, paragraphs.TABLE_MARKER, align=None)
    return doc


#: the styles the renderer asks for by name (render/footnotes, layout, appendix), kept in every template
NAMED_STYLES = ("Normal", "Dispatch Body", "Footnote Text", "Footnote Reference", "Table Cell", "Header", "Footer")
#: python-docx's default template carries Word 2010's copy of the style sheet (438 KB): no reader needs it
STYLES_WITH_EFFECTS = "/word/stylesWithEffects.xml"


def _lean(doc: Any) -> None:
    """Only the styles a template uses, and no second style sheet.

    python-docx's default template defines 168 styles (330 KB of styles.xml): every rendered
    document parsed, serialised and compressed them, about 2/3 of a per-unit letter's time.
    A template keeps the styles its parts name, the ones the renderer asks for by name
    (:data:`NAMED_STYLES`), the default ones, and whatever those are based on, linked to or
    followed by; the latent styles (what Word offers in its gallery) stay.
    """
    used: set[str] = set()
    styles_part = doc.part.part_related_by(RT.STYLES)
    for part in doc.part.package.iter_parts():
        if part is not styles_part and part.partname.endswith(".xml"):
            used |= ooxml.style_refs(part.blob)
    ooxml.keep_styles(doc.styles.element, used, NAMED_STYLES)
    for rid, rel in list(doc.part.rels.items()):
        if not rel.is_external and str(rel.target_part.partname) == STYLES_WITH_EFFECTS:
            doc.part.drop_rel(rid)


def _deterministic(doc: Any) -> bytes:
    """Save with fixed metadata and zip timestamps, so a rebuild gives the same bytes."""
    _lean(doc)
    cp = doc.core_properties
    from datetime import datetime

    cp.author = "dispatch-gen"
    cp.last_modified_by = "dispatch-gen"
    cp.created = cp.modified = datetime(*FIXED_TIME)
    cp.revision = 1
    raw = io.BytesIO()
    doc.save(raw)
    src = zipfile.ZipFile(io.BytesIO(raw.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in sorted(src.namelist(), key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(name))
    return out.getvalue()


def build_all(out_dir: Path) -> list[Path]:
    """Build every profile's templates into ``out_dir/<profile>/``."""
    written = []
    for name in profiles.shipped():
        prof = profiles.load(name)
        folder = out_dir / name
        folder.mkdir(parents=True, exist_ok=True)
        for kind, builder in (("cong_van", build_dispatch), ("phu_luc", build_appendix)):
            path = folder / f"{kind}.docx"
            path.write_bytes(_deterministic(builder(prof)))
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Dựng các mẫu Word trong templates/ từ hồ sơ thể thức.")
    parser.add_argument("--out", type=Path, default=profiles.TEMPLATE_DIR)
    args = parser.parse_args(argv)
    for path in build_all(args.out):
        print(path)


if __name__ == "__main__":
    main()
