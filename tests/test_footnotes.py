"""Real Word footnotes: references match notes one to one, in order, formatted, at the foot of the page."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx.oxml.ns import qn
from lxml import etree

from dispatch_gen import cli, pipeline
from dispatch_gen.output.pdf import convert_to_pdf

from .conftest import EXAMPLE
from .docx_read import Document, W, all_parts_parse, footnotes, norm, reference_ids

DOC = """\
co_quan: {{ten: HUYỆN ỦY X, ky_hieu: HU}}
dia_danh: X
nam: 2024
trich_yeu: Thử chú thích
kinh_gui: [Các chi bộ]
noi_nhan: [Như trên, Lưu VP]
ky: {{quyen_han: T/M BAN THƯỜNG VỤ, chuc_vu: BÍ THƯ, ho_ten: Nguyễn Văn A}}
noi_dung: |
{body}
{rest}
"""


def render(tmp_path: Path, body: str, rest: str = "") -> Path:
    p = tmp_path / "in.yaml"
    p.write_text(DOC.format(body="\n".join("  " + line for line in body.splitlines()), rest=rest), encoding="utf-8")
    out = tmp_path / "out.docx"
    pipeline.render_file(p, out)
    return out


def test_references_and_notes_match_one_to_one_in_order(tmp_path):
    out = render(
        tmp_path,
        "Một[^b] hai[^a].\n\nBa[^c].",
        'chu_thich:\n  a: "Chú thích **A**"\n  b: Chú thích B\n  c: "Chú thích *C* & <D>"\n',
    )
    assert reference_ids(out) == [1, 2, 3]
    assert footnotes(out) == {1: "Chú thích B", 2: "Chú thích A", 3: "Chú thích C & <D>"}
    all_parts_parse(out)
    with zipfile.ZipFile(out) as zf:
        root = etree.fromstring(zf.read("word/footnotes.xml"))
        rels = zf.read("word/_rels/document.xml.rels").decode()
        types = zf.read("[Content_Types].xml").decode()
    assert "relationships/footnotes" in rels and "footnotes+xml" in types
    notes = {int(n.get(f"{W}id")): n for n in root.findall(f"{W}footnote")}
    assert {-1, 0} <= set(notes)  # the separators Word expects
    note2 = notes[2]
    assert note2.find(f".//{W}pStyle").get(f"{W}val") == "FootnoteText"
    assert note2.find(f".//{W}footnoteRef") is not None  # the note's own number, not typed digits
    bold = [r for r in note2.iter(f"{W}r") if r.find(f"{W}rPr/{W}b") is not None]
    assert ["".join(t.text for t in r.iter(f"{W}t")) for r in bold] == ["A"]


def test_reference_mark_is_superscript_and_styled(tmp_path):
    out = render(tmp_path, "Một[^a].", "chu_thich:\n  a: Ghi chú\n")
    doc = Document(str(out))
    refs = list(doc.element.body.iter(qn("w:footnoteReference")))
    run = refs[0].getparent()
    rpr = run.find(qn("w:rPr"))
    assert rpr.find(qn("w:vertAlign")).get(qn("w:val")) == "superscript"
    assert rpr.find(qn("w:rStyle")).get(qn("w:val")) == "FootnoteReference"
    styles = {s.name: s for s in doc.styles}
    assert styles["Footnote Text"].font.size.pt == 12 and styles["Footnote Text"].base_style.name == "Normal"
    # no fake superscript digits anywhere in the body
    assert not any(ch in p.text for p in doc.paragraphs for ch in "¹²³")


def test_no_footnotes_means_no_footnote_part(tmp_path):
    out = render(tmp_path, "Không có chú thích.")
    with zipfile.ZipFile(out) as zf:
        assert "word/footnotes.xml" not in zf.namelist()
        assert "footnotes" not in zf.read("word/_rels/document.xml.rels").decode()


def test_undefined_note_is_a_located_error(tmp_path, capsys):
    p = tmp_path / "in.yaml"
    p.write_text(DOC.format(body="  Một[^x].", rest=""), encoding="utf-8")
    assert cli.main(["render", str(p), "-o", str(tmp_path / "o.docx")]) == 1
    err = capsys.readouterr().err
    assert f"{p}:8:" in err and "noi_dung" in err and "[^x]" in err
    assert not (tmp_path / "o.docx").exists()


def test_control_characters_removed_with_warning_naming_the_field(tmp_path, capsys):
    p = tmp_path / "in.yaml"
    p.write_text(DOC.format(body="  Một[^a].", rest='chu_thich:\n  a: "Ghi\\x0bchú\\ttab"\n'), encoding="utf-8")
    out = tmp_path / "o.docx"
    assert cli.main(["render", str(p), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "chu_thich.a" in err and "ký tự điều khiển" in err
    all_parts_parse(out)
    assert footnotes(out) == {1: "Ghi chútab"}  # \v is a space; the tab is Word's own <w:tab/>
    with zipfile.ZipFile(out) as zf:
        assert b"<w:tab/>" in zf.read("word/footnotes.xml")


def test_footnote_in_appendix_row_is_numbered_after_the_body(workdir, tmp_path):
    csv_path = workdir / "binh-son-don-vi-2024.csv"
    text = csv_path.read_text(encoding="utf-8")
    csv_path.write_text(
        text.replace("Khối,Đơn vị,", "Khối,Đơn vị,Ghi chú,", 1).replace(
            "Đảng ủy Quân sự huyện,", "Đảng ủy Quân sự huyện,Số liệu quý II[^quan_su],"
        ),
        encoding="utf-8",
    )
    # every other row gets an empty note cell
    lines = csv_path.read_text(encoding="utf-8").splitlines()
    fixed = [lines[0]] + [ln if "[^quan_su]" in ln else _insert_empty(ln) for ln in lines[1:]]
    csv_path.write_text("\n".join(fixed) + "\n", encoding="utf-8")
    y = workdir / EXAMPLE.name
    y.write_text(
        y.read_text(encoding="utf-8").replace("chu_thich:\n", "chu_thich:\n  quan_su: Theo báo cáo của Ban CHQS.\n"),
        encoding="utf-8",
    )
    out = tmp_path / "o.docx"
    assert cli.main(["render", str(y), "-o", str(out)]) == 0
    assert reference_ids(out) == [1, 2]
    notes = footnotes(out)
    assert notes[2] == "Theo báo cáo của Ban CHQS."
    doc = Document(str(out))
    row = next(r for r in doc.tables[-1].rows if norm(r.cells[1].text) == "Đảng ủy Quân sự huyện")
    assert next(iter(row.cells[5]._tc.iter(qn("w:footnoteReference")))).get(qn("w:id")) == "2"


def _insert_empty(line: str) -> str:
    # TT,Khối,Đơn vị → TT,Khối,,Đơn vị is wrong; the note column comes after Đơn vị: insert after 3rd field
    import csv
    import io

    row = next(csv.reader(io.StringIO(line)))
    row.insert(3, "")
    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow(row)
    return buf.getvalue()


def _pdf_lines(pdf: Path) -> list[list[tuple[float, str, float, float]]]:
    """Per page, its text lines as (yMin, text, height of the smallest word, page height)."""
    html = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    root = etree.fromstring(html)
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    pages = []
    for page in root.iterfind(".//x:page", ns):
        h = float(page.get("height"))
        lines = []
        for line in page.iterfind(".//x:line", ns):
            words = line.findall("x:word", ns)
            text = " ".join(w.text for w in words)
            smallest = min(float(w.get("yMax")) - float(w.get("yMin")) for w in words)
            lines.append((float(line.get("yMin")), text, smallest, h))
        pages.append(lines)
    return pages


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None, reason="needs LibreOffice")
def test_note_sits_at_the_foot_of_the_page_of_its_reference(rendered, tmp_path):
    pdf = convert_to_pdf([rendered], tmp_path)[0]
    pages = _pdf_lines(pdf)
    ref_pages = [i for i, lines in enumerate(pages) for y, t, _s, _h in lines if t.startswith("- Các đơn vị")]
    note_pages = [i for i, lines in enumerate(pages) for y, t, _s, _h in lines if "Bình Chương, Bình Hải" in t]
    assert len(ref_pages) == 1 and ref_pages == note_pages
    lines = sorted(pages[ref_pages[0]])
    ref_y = next(y for y, t, _s, _h in lines if t.startswith("- Các đơn vị"))
    note_y, _t, _s, height = next(x for x in lines if "Bình Chương, Bình Hải" in x[1])
    assert note_y > ref_y and note_y > 0.6 * height
    # nothing but the note itself (and its wrapped tail) below the note's first line
    below = [t for y, t, _s, _h in lines if y > note_y]
    assert all(len(t) < 40 for t in below), below


def test_undefined_note_in_a_sheet_cell_is_located_at_the_cell(workdir, capsys):
    csv_path = workdir / "binh-son-don-vi-2024.csv"
    import csv
    import io

    rows = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8"))))
    rows[0].insert(3, "Ghi chú")
    for row in rows[1:]:
        row.insert(3, "xem[^khong_co]" if row[2] == "Đảng ủy xã Bình An" else "")
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    csv_path.write_text(buf.getvalue(), encoding="utf-8")
    line = next(i for i, r in enumerate(rows, 1) if r[2] == "Đảng ủy xã Bình An")
    assert cli.main(["render", str(workdir / EXAMPLE.name), "-o", str(workdir / "o.docx")]) == 1
    err = capsys.readouterr().err
    assert f"binh-son-don-vi-2024.csv:{line}:4: D{line} (Ghi chú): chú thích [^khong_co]" in err
    assert not (workdir / "o.docx").exists()
