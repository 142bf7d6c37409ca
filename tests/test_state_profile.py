"""The state profile (Nghị định 30/2020/NĐ-CP): the UBND example rendered and read back.

Every expected value below is written from the decree's rules (shared reference, state
column), not read from ``profiles/nha_nuoc.yaml``, so a wrong profile value fails here.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from dispatch_gen import pipeline
from dispatch_gen.check import check_docx
from dispatch_gen.errors import InputError
from dispatch_gen.input import profile as profiles
from dispatch_gen.output import pdf
from dispatch_gen.render import context

from .conftest import EXAMPLE as PARTY_EXAMPLE
from .conftest import EXAMPLES
from .docx_read import Document, body_paragraphs, footnotes, norm

STATE_EXAMPLE = EXAMPLES / "quang-ngai-ubnd-cap-cccd-2024.yaml"
STATE = profiles.load("nha_nuoc")
PARTY = profiles.load("dang")


@pytest.fixture(scope="module")
def state_docx(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("nha_nuoc") / "cong-van.docx"
    pipeline.render_file(STATE_EXAMPLE, out)
    return out


@pytest.fixture(scope="module")
def doc(state_docx):
    return Document(str(state_docx))


def texts(cell) -> list[str]:
    return [norm(p.text) for p in cell.paragraphs if p.text.strip()]


def run_of(p):
    """The first run with text: its font says how the line is printed."""
    return next(r for r in p.runs if r.text.strip())


def style_of(p) -> tuple[float, bool, bool]:
    r = run_of(p)
    return r.font.size.pt, bool(r.font.bold), bool(r.font.italic)


def border_paragraphs(cell) -> list:
    return [p for p in cell.paragraphs if p._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}") is not None]


def rule_length_mm(p, cell_width_mm: float) -> float:
    pf = p.paragraph_format
    return cell_width_mm - pf.left_indent.mm - pf.right_indent.mm


# --- header -----------------------------------------------------------------------------


def test_header_grid_and_text(doc):
    t = doc.tables[0]
    widths = [int(c.get(qn("w:w"))) for c in t._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert widths == [Mm(62).twips, Mm(103).twips]
    assert texts(t.cell(0, 0)) == ["UBND TỈNH QUẢNG NGÃI", "ỦY BAN NHÂN DÂN HUYỆN BÌNH SƠN"]
    assert texts(t.cell(0, 1)) == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert "*" not in " ".join(texts(t.cell(0, 0)))  # the Party mark has no place here
    # the name keeps the line break written in the YAML
    assert t.cell(0, 0).paragraphs[1]._p.find(f"{qn('w:r')}/{qn('w:br')}") is not None


def test_national_lines_and_issuer_sizes(doc):
    t = doc.tables[0]
    quoc_hieu, tieu_ngu = [p for p in t.cell(0, 1).paragraphs if p.text.strip()]
    sup, iss = [p for p in t.cell(0, 0).paragraphs if p.text.strip()]
    assert style_of(quoc_hieu) == (13, True, False)  # 12–13, caps, bold
    assert style_of(tieu_ngu) == (14, True, False)  # 13–14, bold
    assert style_of(sup) == (13, False, False)  # 12–13, not bold
    assert style_of(iss) == (13, True, False)  # 12–13, bold
    for p in (quoc_hieu, tieu_ngu, sup, iss):
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER
    # the Quốc hiệu fits on one line of the right column
    assert norm(quoc_hieu.text) == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"  # 95,67 mm at 13 pt bold: one line


def test_rules_under_tieu_ngu_and_issuer(doc):
    t = doc.tables[0]
    (national,) = border_paragraphs(t.cell(0, 1))
    (issuer,) = border_paragraphs(t.cell(0, 0))
    for rule in (national, issuer):
        assert rule._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}").get(qn("w:val")) == "single"
        assert not rule.text.strip()
    # the tiêu ngữ rule is as long as the tiêu ngữ (≈ 60,5 mm at 14 pt bold, reference §2)
    assert abs(rule_length_mm(national, 103) - 60.5) < 1.0
    # the issuer rule is 1/3–1/2 of the name's longest line, "ỦY BAN NHÂN DÂN" (≈ 43 mm at 13 pt bold)
    length = rule_length_mm(issuer, 62)
    assert 43 / 3 <= length <= 43 / 2
    # it sits right under the name, before the number row
    assert t.cell(0, 0).paragraphs[-1]._p is issuer._p


@pytest.mark.parametrize(
    ("name", "width"),
    [
        # widths at 13 pt bold from Liberation Serif Bold's advance widths (Times New Roman's
        # metrics), added up outside the code under test (see tests/ttf.py)
        ("SỞ NỘI VỤ", 23.70),
        ("ỦY BAN NHÂN DÂN\nHUYỆN BÌNH SƠN", 43.19),  # the longer line: "ỦY BAN NHÂN DÂN"
        # wraps in the 62 mm column: "VĂN PHÒNG HỘI ĐỒNG" (52,87) / "NHÂN DÂN VÀ ỦY BAN" (50,96) / …
        ("VĂN PHÒNG HỘI ĐỒNG NHÂN DÂN VÀ ỦY BAN NHÂN DÂN TỈNH", 52.87),
    ],
    ids=["short", "two-lines", "wrapped"],
)
def test_issuer_rule_follows_the_name(name, width):
    ld = pipeline.load(STATE_EXAMPLE)
    d = replace(ld.dispatch, issuer=replace(ld.dispatch.issuer, name=name))
    xml = str(context.issuer_rule(d, STATE))
    left, right = (int(re.search(rf'w:{side}="(\d+)"', xml).group(1)) for side in ("left", "right"))
    assert left == right
    length = 62 - (left + right) / Mm(1).twips
    assert width / 3 <= length <= width / 2
    # the profile's ratio (nha_nuoc: 0.4) of the measured name, to the twip-rounding of the indents
    assert abs(length - 0.4 * width) < 0.3, length
    assert context.issuer_rule(ld.dispatch, PARTY) == ""  # the Party header has "*" instead


def test_number_line_and_date_on_one_row(doc):
    t = doc.tables[0]
    number = t.cell(1, 0).paragraphs[0]
    assert re.fullmatch(r"Số: \d{2,}/UBND-[A-ZĐ]+", number.text)
    assert number.text == "Số: 1234/UBND-CA"
    assert style_of(number)[0] == 13 and not run_of(number).font.bold
    (date,) = [p for p in t.cell(1, 1).paragraphs if p.text.strip()]
    assert date.text == "Bình Sơn, ngày 05 tháng 3 năm 2024"
    assert style_of(date) == (14, False, True)  # 13–14 italic


@pytest.mark.parametrize(
    ("so", "unit", "expected"),
    [
        (5, "VP", "Số: 05/UBND-VP"),
        (12, "", "Số: 12/UBND"),
        (None, "CA", "Số: \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/UBND-CA"),
    ],
)
def test_number_form(so, unit, expected):
    d = pipeline.load(STATE_EXAMPLE).dispatch
    d = replace(d, number=so, issuer=replace(d.issuer, unit=unit))
    assert context.number_line(d, STATE) == expected


def test_subject_is_upright_with_v_v_and_6pt_before(doc):
    cell = doc.tables[0].cell(1, 0)
    subject = cell.paragraphs[1]
    assert norm(subject.text) == "V/v đẩy nhanh tiến độ cấp căn cước công dân"
    assert style_of(subject) == (13, False, False)  # 12–13, upright
    assert subject.paragraph_format.space_before == Pt(6)
    khan = [p for p in cell.paragraphs if p.text.strip() == "KHẨN"]
    assert khan and style_of(khan[0])[:2] == (13, True)


def test_kinh_gui_punctuation(doc):
    lines = [norm(p.text) for p in doc.paragraphs if p.text.strip().startswith(("Kính gửi", "- "))][:3]
    assert lines == [
        "Kính gửi: - Chủ tịch Ủy ban nhân dân các xã, thị trấn;",
        "- Công an huyện;",
        "- Phòng Văn hóa và Thông tin huyện.",
    ]
    label = next(p for p in doc.paragraphs if p.text.startswith("Kính gửi"))
    assert style_of(label) == (14, False, False)


# --- body and closing -------------------------------------------------------------------


def test_body_format_and_end_mark(doc):
    style = doc.styles["Dispatch Body"]
    pf = style.paragraph_format
    assert 13 <= style.font.size.pt <= 14
    assert pf.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert 10 <= pf.first_line_indent.mm <= 12.8  # 1 cm or 1,27 cm
    assert pf.space_after.pt >= 6
    assert pf.line_spacing_rule == WD_LINE_SPACING.MULTIPLE  # lines, not exact points
    assert 1.0 <= pf.line_spacing <= 1.5
    paras = body_paragraphs(doc)
    assert norm(paras[-1].text).endswith("trước ngày 05/4/2024./.")
    assert not any(norm(p.text).endswith("./.") for p in paras[:-1])


def test_figures_and_footnotes(doc, state_docx):
    first = norm(body_paragraphs(doc)[0].text)
    assert "đã cấp 16.641/19.095 căn cước công dân, đạt 87,15% chỉ tiêu" in first
    assert "vẫn còn 4 đơn vị đạt dưới 75% chỉ tiêu" in first
    notes = footnotes(state_docx)
    assert len(notes) == 2
    assert notes[2] == "UBND xã Bình An, Bình Châu, Bình Hải, Bình Khương."


def test_noi_nhan(doc):
    left = [p for p in doc.tables[1].cell(0, 0).paragraphs if p.text.strip()]
    label, *items = left
    assert label.text == "Nơi nhận:"
    assert style_of(label) == (12, True, True)  # 12 bold italic
    assert not run_of(label).font.underline
    assert {style_of(p) for p in items} == {(11, False, False)}
    assert items[0].text == "- Như trên;"
    assert all(p.text.endswith(";") for p in items[:-1])
    assert items[-1].text == "- Lưu: VT, CA."


def test_signature_authority_and_title_bold(doc):
    right = [p for p in doc.tables[1].cell(0, 1).paragraphs if p.text.strip()]
    assert [p.text for p in right] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Minh"]
    assert [style_of(p)[:2] for p in right] == [(14, True)] * 3


def test_page_numbers(doc):
    s = doc.sections[0]
    assert s.different_first_page_header_footer
    assert "PAGE" in s.header._element.xml and "PAGE" not in s.first_page_header._element.xml
    number = s.header.paragraphs[0]
    assert number.alignment == WD_ALIGN_PARAGRAPH.CENTER
    sizes = {el.get(qn("w:val")) for el in number._p.iter(qn("w:sz"))}
    assert sizes == {"28"}  # 14 pt (13–14)


# --- appendix ---------------------------------------------------------------------------


def test_appendix_heading_caption_and_own_numbering(doc):
    paras = doc.paragraphs
    head = next(i for i, p in enumerate(paras) if p.text == "Phụ lục I")
    heading, title, caption = paras[head], paras[head + 1], paras[head + 2]
    assert style_of(heading) == (14, True, False)  # in thường, 14, upright, bold
    assert title.text == "KẾT QUẢ CẤP CĂN CƯỚC CÔNG DÂN CỦA CÁC XÃ, THỊ TRẤN"
    assert style_of(title)[1] and 13 <= style_of(title)[0] <= 14
    assert caption.text == (
        "(Kèm theo Công văn số 1234/UBND-CA ngày 05 tháng 3 năm 2024 của Ủy ban nhân dân huyện Bình Sơn)"
    )
    assert style_of(caption)[2] and 13 <= style_of(caption)[0] <= 14
    assert border_paragraphs(doc._body)  # the short rule under the heading block (Mẫu 2.1)
    # a section of its own, numbered from 1; the dispatch's own section is not restarted
    assert len(doc.sections) == 2
    main, appendix = (s._sectPr.find(qn("w:pgNumType")) for s in doc.sections)
    assert appendix is not None and appendix.get(qn("w:start")) == "1"
    assert main is None or main.get(qn("w:start")) is None
    # like the text, the appendix's own page 1 shows no number: a different first page that
    # inherits the dispatch's empty first-page header
    assert doc.sections[1].different_first_page_header_footer
    assert doc.sections[1]._sectPr.find(qn("w:headerReference")) is None
    table = doc.tables[-1]
    assert table.cell(0, 0).text == "STT"


def test_appendix_numbers_are_roman():
    assert [context.appendix_heading(STATE, i, 2) for i in (1, 2)] == ["Phụ lục I", "Phụ lục II"]
    assert context.appendix_heading(STATE, 1, 1) == "Phụ lục I"
    assert context.appendix_heading(PARTY, 2, 2) == "Phụ lục 2"


# --- both profiles: own check clean, the other's check not ------------------------------


@pytest.fixture(scope="module")
def party_docx(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dang") / "cong-van.docx"
    pipeline.render_file(PARTY_EXAMPLE, out)
    return out


def test_each_example_passes_its_own_profile(state_docx, party_docx):
    assert check_docx(state_docx, STATE) == []
    assert check_docx(party_docx, PARTY) == []


def test_each_example_fails_the_other_profile(state_docx, party_docx):
    party_as_state = [str(f) for f in check_docx(party_docx, STATE)]
    state_as_party = [str(f) for f in check_docx(state_docx, PARTY)]
    assert any("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in f for f in party_as_state)
    assert any(f.startswith("chữ ký") and "T/M" in f for f in party_as_state)
    assert any(f.startswith("số và ký hiệu") and "hai chấm" in f for f in party_as_state)
    assert any("ĐẢNG CỘNG SẢN VIỆT NAM" in f for f in state_as_party)
    assert any(f.startswith("chữ ký") and "KT." in f for f in state_as_party)
    assert any(f.startswith("phụ lục") and "Ả Rập" in f for f in state_as_party)


# --- signature forms through pipeline.load ----------------------------------------------


def with_authority(src: Path, dst_dir: Path, authority: str) -> tuple[Path, int]:
    """A copy of an example with another ``ky.quyen_han``; returns it and the line of that key."""
    lines = src.read_text(encoding="utf-8").splitlines()
    i = next(n for n, line in enumerate(lines) if line.strip().startswith("quyen_han:"))
    lines[i] = f'  quyen_han: "{authority}"'
    out = dst_dir / src.name
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out, i + 1


@pytest.mark.parametrize(
    ("example", "authority", "valid"),
    [
        (PARTY_EXAMPLE, "T/M BAN THƯỜNG VỤ", True),
        (PARTY_EXAMPLE, "K/T BAN THƯỜNG VỤ", False),  # K/T never for a cấp ủy or its Ban Thường vụ
        (PARTY_EXAMPLE, "KT. BÍ THƯ", False),  # the state form
        (PARTY_EXAMPLE, "T/UQ BAN THƯỜNG VỤ", False),  # no Party T/UQ
        (STATE_EXAMPLE, "KT. CHỦ TỊCH", True),
        (STATE_EXAMPLE, "TM. ỦY BAN NHÂN DÂN", True),
        (STATE_EXAMPLE, r"TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH", True),
        (STATE_EXAMPLE, "K/T CHỦ TỊCH", False),  # the Party form
        (STATE_EXAMPLE, "T/M ỦY BAN NHÂN DÂN", False),
        (STATE_EXAMPLE, "KT CHỦ TỊCH", False),  # the state form takes a dot
        (STATE_EXAMPLE, r"TM. ỦY BAN NHÂN DÂN\nK/T CHỦ TỊCH", False),  # checked line by line
    ],
)
def test_signature_forms_per_profile(workdir, example, authority, valid):
    path, line = with_authority(example, workdir, authority)
    if valid:
        assert pipeline.load(path).dispatch.signature.authority == authority.replace("\\n", "\n")
        return
    with pytest.raises(InputError) as info:
        pipeline.load(path)
    (problem,) = info.value.problems
    assert problem.field == "ky.quyen_han"
    assert problem.line == line
    assert "thể thức đề ký" in problem.message


# --- measured on the page (LibreOffice) -------------------------------------------------


def pdf_lines(path: Path) -> list[tuple[str, float, float]]:
    """(text, x_min, x_max) of every text line on page 1, in points."""
    out = subprocess.run(
        ["pdftotext", "-bbox-layout", "-f", "1", "-l", "1", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = []
    for m in re.finditer(r'<line xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</line>', out, re.S):
        words = re.findall(r">([^<]+)</word>", m.group(3))
        found.append((" ".join(words), float(m.group(1)), float(m.group(2))))
    return found


@pytest.mark.skipif(not pdf.pdf_available(), reason="LibreOffice (soffice) is not installed")
def test_rules_measured_against_the_printed_text(state_docx, doc, tmp_path):
    """The rule lengths against the widths LibreOffice lays the text out with."""
    copy = tmp_path / state_docx.name
    copy.write_bytes(state_docx.read_bytes())
    (pdf_path,) = pdf.convert_to_pdf([copy])
    lines = {text: (x1 - x0) * 25.4 / 72 for text, x0, x1 in pdf_lines(pdf_path)}
    # the Quốc hiệu is laid out on one line
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines
    t = doc.tables[0]
    (national,) = border_paragraphs(t.cell(0, 1))
    (issuer,) = border_paragraphs(t.cell(0, 0))
    assert abs(rule_length_mm(national, 103) - lines["Độc lập - Tự do - Hạnh phúc"]) < 1.5
    name = max(lines["ỦY BAN NHÂN DÂN"], lines["HUYỆN BÌNH SƠN"])
    assert name / 3 <= rule_length_mm(issuer, 62) <= name / 2


def test_a_body_ending_in_a_colon_takes_no_end_mark(tmp_path):
    """ "…như sau:" at the end gets no "./." (it read ":./.")."""
    text = STATE_EXAMPLE.read_text(encoding="utf-8")
    old = "**trước ngày {{ han.bao_cao }}**."
    assert text.count(old) == 1
    shutil.copy(EXAMPLES / "quang-ngai-ubnd-don-vi-2024.csv", tmp_path)
    src = tmp_path / "cv.yaml"
    src.write_text(text.replace(old, "theo mẫu sau:"), encoding="utf-8")
    out = tmp_path / "cv.docx"
    pipeline.render_file(src, out)
    last = norm(body_paragraphs(Document(str(out)))[-1].text)
    assert last.endswith("theo mẫu sau:"), last
