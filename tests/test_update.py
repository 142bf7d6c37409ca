"""#19 items 4–5: ``update`` puts new figures into a document edited in Word, keeping the edits.

A rendered seed dispatch is edited the way Word does (python-docx edits of other paragraphs,
a new paragraph, runs split, also inside a control; one control changed by hand, one deleted),
and once more opened and saved by LibreOffice (which drops the tags and moves the table's
control into its first cell). Then two units' figures change in the CSV, and ``update`` runs.
The expected values are written out from the data: Trần Kỳ Phong 4 → 2 of 4 (50,00%), Lê Quý
Đôn 4 → 1 of 5 (20,00%, now under the 50% mark), so the total is 156/256 = 60,9375% → "60,94%",
the "Trường học" group 13/20 = 65,00%, and both schools leave the praised list (≥ 80%).
"""

from __future__ import annotations

import copy
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from dispatch_gen import cli, pipeline

from .conftest import EXAMPLES

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
YAML = "binh-son-ket-nap-dang-vien-2024.yaml"
CSV = "binh-son-don-vi-2024.csv"
NEW_WORDING = "Đề nghị các chi, đảng bộ và các cơ quan liên quan nghiêm túc triển khai Công văn này."
ADDED = "Đoạn văn do lãnh đạo thêm vào khi duyệt."
HAND = "31/10/2024 (đã thống nhất)"


def _root(path: Path, part: str = "word/document.xml"):
    with zipfile.ZipFile(path) as zf:
        return etree.fromstring(zf.read(part))


def _text(el) -> str:
    return "".join(t.text or "" for t in el.iter(f"{W}t"))


def _alias(sdt) -> str:
    a = sdt.find(f"{W}sdtPr/{W}alias")
    return a.get(f"{W}val") if a is not None else ""


def _controls(root, key: str) -> list:
    return [s for s in root.iter(f"{W}sdt") if _alias(s).split(": ", 1)[-1].rsplit(" #", 1)[0] == key]


def _edit_like_word(rendered: Path, edited: Path) -> None:
    d = docx.Document(str(rendered))
    body = d.element.body
    paras = [p for p in d.paragraphs if p.text.startswith("Yêu cầu các chi, đảng bộ trực thuộc")]
    assert len(paras) == 1
    last = paras[0]
    for r in last.runs[1:]:
        r._r.getparent().remove(r._r)
    last.runs[0].text = NEW_WORDING
    last.insert_paragraph_before(ADDED, style=last.style)
    # Word splits runs as it likes: a run of plain text, and a run inside a control
    [run] = [r for r in body.iter(f"{W}r") if _text(r) == " tháng đầu năm "]
    second = copy.deepcopy(run)
    run.find(f"{W}t").text, second.find(f"{W}t").text = " tháng ", "đầu năm "
    run.addnext(second)
    [dat] = _controls(body, "tong.dat")
    [r161] = dat.iter(f"{W}r")
    r61 = copy.deepcopy(r161)
    r161.find(f"{W}t").text, r61.find(f"{W}t").text = "1", "61"
    r161.addnext(r61)
    # a deadline changed by hand in its control; the second "han.dot_1" deleted with its text
    [tham_dinh] = _controls(body, "han.tham_dinh")
    ts = list(tham_dinh.iter(f"{W}t"))
    ts[0].text = HAND
    for t in ts[1:]:
        t.text = ""
    dot_1 = _controls(body, "han.dot_1")
    assert len(dot_1) == 2
    dot_1[1].getparent().remove(dot_1[1])
    d.save(str(edited))


def _new_figures(folder: Path) -> None:
    csv = folder / CSV
    text = csv.read_text(encoding="utf-8")
    for old, new in (
        (
            "2,Trường học,Đảng ủy Trường THPT Trần Kỳ Phong,4,4,,",
            "2,Trường học,Đảng ủy Trường THPT Trần Kỳ Phong,4,2,,",
        ),
        ("3,Trường học,Đảng ủy Trường THPT Lê Quý Đôn,5,4,,", "3,Trường học,Đảng ủy Trường THPT Lê Quý Đôn,5,1,,"),
    ):
        assert old in text
        text = text.replace(old, new)
    csv.write_text(text, encoding="utf-8")
    yaml = folder / YAML
    text = yaml.read_text(encoding="utf-8")
    assert "  tong_dat: 161\n" in text
    yaml.write_text(text.replace("  tong_dat: 161\n", "  tong_dat: 156\n"), encoding="utf-8")


@pytest.fixture(scope="module")
def cycle(tmp_path_factory) -> dict[str, Path]:
    """The rendered, the python-docx-edited and the LibreOffice-saved documents; the figures changed."""
    folder = tmp_path_factory.mktemp("update")
    for name in (YAML, CSV):
        shutil.copy(EXAMPLES / name, folder / name)
    rendered = folder / "rendered.docx"
    pipeline.render_file(folder / YAML, rendered)
    edited = folder / "edited.docx"
    _edit_like_word(rendered, edited)
    lo_dir = folder / "lo"
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "docx", "--outdir", str(lo_dir), str(edited)],
        check=True,
        capture_output=True,
        timeout=240,
    )
    libre = folder / "libre.docx"
    shutil.copy(lo_dir / "edited.docx", libre)
    _new_figures(folder)
    return {"folder": folder, "rendered": rendered, "edited": edited, "libre": libre}


def _rows(root) -> list[list[str]]:
    [sdt] = [s for s in root.iter(f"{W}sdt") if _alias(s).startswith("Bảng phụ lục: phu_luc.1 #")]
    assert sdt.getparent().tag == f"{W}body"  # a block-level control again, also after LibreOffice
    [tbl] = sdt.find(f"{W}sdtContent")
    return [["\n".join(_text(p) for p in tc.iter(f"{W}p")) for tc in tr.iter(f"{W}tc")] for tr in tbl.iter(f"{W}tr")]


def _assert_updated(path: Path) -> None:
    root = _root(path)
    texts = [_text(p) for p in root.iter(f"{W}p")]
    body = "\n".join(texts)
    # the edits are kept
    assert NEW_WORDING in texts and ADDED in texts
    assert "Yêu cầu các chi, đảng bộ trực thuộc Huyện ủy, Ủy ban" not in body
    assert HAND in body and "trước ngày 30/10/2024" not in body
    # every figure is new
    assert "Tính đến ngày 05/8/2024 có 156/256 đảng viên mới kết nạp (đạt 60,94%)" in body
    assert "161" not in body.replace("2024", "")
    [khen] = _controls(root, 'khen | danh_sach(", ")')
    praised = _text(khen)
    assert praised.startswith(
        "Đảng ủy Trường THPT Bình Sơn, Đảng ủy Trường THCS & THPT Vạn Tường, Đảng ủy Trung tâm Y tế huyện"
    )
    assert "Trần Kỳ Phong" not in praised and "Lê Quý Đôn" not in praised
    rows = _rows(root)
    assert rows[0] == ["TT", "Chi, đảng bộ", "Chỉ tiêu năm 2024", "Đã kết nạp", "Tỷ lệ (%)", "Ghi chú"]
    assert rows[1] == ["I", "Trường học", "20", "13", "65,00", ""]
    assert rows[3] == ["2", "Đảng ủy Trường THPT Trần Kỳ Phong", "4", "2", "50,00", ""]
    assert rows[4] == ["3", "Đảng ủy Trường THPT Lê Quý Đôn", "5", "1", "20,00", "Chưa đạt 50%"]
    assert rows[2] == ["1", "Đảng ủy Trường THPT Bình Sơn", "5", "5", "100,00", ""]
    assert rows[-1] == ["", "Tổng cộng", "256", "156", "60,94", ""]
    assert len(rows) == 1 + 6 + 39 + 1


def test_update_in_place_keeps_the_edits_and_refreshes_every_figure(cycle, capsys):
    folder, edited = cycle["folder"], cycle["edited"]
    work = folder / "in-place.docx"
    shutil.copy(edited, work)
    before = work.read_bytes()
    status = cli.main(["update", str(work), "--from", str(folder / YAML)])
    out, err = capsys.readouterr()
    assert status == 1  # a control changed by hand was left alone
    assert (folder / "in-place.docx.bak").read_bytes() == before
    _assert_updated(work)
    # the run split by hand outside any control is untouched
    runs = [_text(r) for r in _root(work).iter(f"{W}r")]
    assert " tháng " in runs and "đầu năm " in runs
    assert "“161/256 đảng viên mới kết nạp (đạt 62,89%);” → “156/256 đảng viên mới kết nạp (đạt 60,94%);”" in out
    assert "ra khỏi danh sách: Đảng ủy Trường THPT Trần Kỳ Phong; Đảng ủy Trường THPT Lê Quý Đôn" in out
    assert (
        "phu_luc.1: dòng “Đảng ủy Trường THPT Lê Quý Đôn”: 3 | 5 | 4 | 80,00 → 3 | 5 | 1 | 20,00 | Chưa đạt 50%" in out
    )
    assert "phu_luc.1: dòng “Tổng cộng”: 256 | 161 | 62,89 → 256 | 156 | 60,94" in out
    assert f"{work}: han.tham_dinh: ô “han.tham_dinh” (lần 1) đã được sửa tay thành “{HAND}”" in err
    assert f"{work}: cảnh báo: han.dot_1: ô “han.dot_1” (lần 2) đã bị xóa trong Word" in err
    # --ghi-de: the hand-changed control gets the figure of the data
    assert cli.main(["cap-nhat", str(work), "--tu", str(folder / YAML), "--ghi-de"]) == 0
    body = "\n".join(_text(p) for p in _root(work).iter(f"{W}p"))
    assert HAND not in body and "trước ngày 30/10/2024" in body
    assert cli.main(["check", str(work)]) == 0


def test_update_after_libreoffice_saved_the_document(cycle, capsys):
    folder, libre = cycle["folder"], cycle["libre"]
    lo_root = _root(libre)
    assert next(lo_root.iter(f"{W}tag"), None) is None  # LibreOffice dropped the tags: the titles remain
    assert [s.getparent().tag for s in lo_root.iter(f"{W}sdt") if _alias(s).startswith("Bảng phụ lục")] == [f"{W}p"]
    out = folder / "libre-updated.docx"
    status = cli.main(["update", str(libre), "--from", str(folder / YAML), "-o", str(out), "--force"])
    capsys.readouterr()
    assert status == 0
    body = "\n".join(_text(p) for p in _root(out).iter(f"{W}p"))
    assert "trước ngày 30/10/2024" in body  # --force overwrote the hand-changed deadline
    assert NEW_WORDING in body and ADDED in body
    assert "Tính đến ngày 05/8/2024 có 156/256 đảng viên mới kết nạp (đạt 60,94%)" in body
    assert not (folder / "libre.docx.bak").exists()
    rows = _rows(_root(out))
    assert rows[4] == ["3", "Đảng ủy Trường THPT Lê Quý Đôn", "5", "1", "20,00", "Chưa đạt 50%"]
    # every control has its tag and hidden frame again, the unchanged ones too
    for part in ("word/document.xml", "word/footnotes.xml"):
        for s in _root(out, part).iter(f"{W}sdt"):
            pr = s.find(f"{W}sdtPr")
            assert pr.find(f"{W}tag") is not None, _alias(s)
            assert pr.find("{http://schemas.microsoft.com/office/word/2012/wordml}appearance") is not None
    assert rows[-1] == ["", "Tổng cộng", "256", "156", "60,94", ""]
    assert cli.main(["check", str(out)]) == 0


def test_a_document_without_marks_is_refused(cycle, capsys):
    folder = cycle["folder"]
    plain = folder / "plain.docx"
    assert cli.main(["render", str(folder / YAML), "-o", str(plain), "--khong-danh-dau"]) == 0
    capsys.readouterr()
    before = plain.read_bytes()
    assert cli.main(["--lang", "en", "update", str(plain), "--from", str(folder / YAML)]) == 1
    err = capsys.readouterr().err
    assert f"{plain}: the file has no data control of dispatch-gen" in err
    assert plain.read_bytes() == before and not (folder / "plain.docx.bak").exists()


def _notes(path: Path) -> dict[str, str]:
    root = _root(path, "word/footnotes.xml")
    return {n.get(f"{W}id"): _text(n).strip() for n in root.iter(f"{W}footnote") if n.get(f"{W}type") is None}


def test_a_footnote_of_the_appendix_table_follows_the_new_table(tmp_path, capsys):
    """The new table's note is the new render's, renumbered in the edited document; the old one goes."""
    base = (Path(__file__).parent / "bad" / "hop-le.yaml").read_text(encoding="utf-8")
    unit = "{ten: Đảng ủy xã Bình An, khoi: Xã, chi_tieu: 10, dat: 8}"
    assert base.count(unit) == 1
    text = base.replace(unit, '{ten: Đảng ủy xã Bình An, khoi: Xã, chi_tieu: 10, dat: 8, ghi_chu: "Xem[^c]"}')
    note_a = "  a: Theo báo cáo của các đơn vị.\n"
    text = text.replace(note_a, note_a + "  c: Số liệu của xã.\n")
    src = tmp_path / "cv.yaml"
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "cv.docx"
    assert cli.main(["render", str(src), "-o", str(out)]) == 0
    assert sorted(_notes(out).values()) == ["Số liệu của xã.", "Theo báo cáo của các đơn vị."]
    # new figures, and a new note in the YAML's text: the new render numbers the table's note 3
    text = text.replace("chi_tieu: 10, dat: 8,", "chi_tieu: 10, dat: 9,").replace("mới.[^a]", "mới.[^a][^b]")
    src.write_text(text.replace("  c: Số liệu", "  b: Ghi chú mới.\n  c: Số liệu"), encoding="utf-8")
    assert cli.main(["update", str(out), "--from", str(src)]) == 0
    capsys.readouterr()
    root = _root(out)
    assert "có 11/16 đảng viên mới" in "".join(_text(p) for p in root.iter(f"{W}p"))
    rows = _rows(root)
    assert rows[2][:5] == ["1", "Đảng ủy xã Bình An", "10", "9", "90,00"]
    notes = _notes(out)
    refs = [r.get(f"{W}id") for r in root.iter(f"{W}footnoteReference")]
    assert len(refs) == len(set(refs)) == 2 and sorted(refs) == sorted(notes)  # no note lost, none left over
    [table_ref] = [r.get(f"{W}id") for r in rows_element(root).iter(f"{W}footnoteReference")]
    assert notes[table_ref] == "Số liệu của xã."
    assert sorted(notes.values()) == ["Số liệu của xã.", "Theo báo cáo của các đơn vị."]


def rows_element(root):
    [sdt] = [s for s in root.iter(f"{W}sdt") if _alias(s).startswith("Bảng phụ lục: phu_luc.1 #")]
    return sdt


def test_a_per_unit_letter_is_updated_with_the_figures_of_its_own_unit(tmp_path, capsys):
    """Bình Chánh's letter (4/9, 44,44%): its CSV row becomes 3/9, so 33,33%, 6 still to admit, 160/256 = 62,50%."""
    name = "binh-son-nhac-nho-don-vi-cham-2024.yaml"
    for f in (name, CSV):
        shutil.copy(EXAMPLES / f, tmp_path / f)
    assert cli.main(["render", str(tmp_path / name), "--moi-don-vi", "cham", "-o", str(tmp_path / "thu")]) == 0
    [letter] = [
        p for p in (tmp_path / "thu").glob("*.docx") if "Riêng Đảng ủy xã Bình Chánh mới kết nạp" in _body_text(p)
    ]
    assert "Riêng Đảng ủy xã Bình Chánh mới kết nạp 4/9 đảng viên (đạt 44,44% chỉ tiêu" in _body_text(letter)
    csv = tmp_path / CSV
    row = '9,"Xã, thị trấn",Đảng ủy xã Bình Chánh,9,4,,'
    text = csv.read_text(encoding="utf-8")
    assert text.count(row) == 1
    csv.write_text(text.replace(row, row.replace(",9,4,,", ",9,3,,")), encoding="utf-8")
    assert cli.main(["update", str(letter), "--from", str(tmp_path / name)]) == 0
    capsys.readouterr()
    body = _body_text(letter)
    assert "toàn Đảng bộ huyện đã kết nạp 160/256 đảng viên, đạt 62,50% chỉ tiêu" in body
    assert "Riêng Đảng ủy xã Bình Chánh mới kết nạp 3/9 đảng viên (đạt 33,33% chỉ tiêu" in body
    assert "còn phải kết nạp 6 đảng viên" in body


def _body_text(path: Path) -> str:
    return "\n".join(_text(p) for p in _root(path).iter(f"{W}p"))
