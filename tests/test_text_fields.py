"""``{{ … }}`` in every text field (issue 16, item 6): recipients, copies-to, subject, signature
lines, appendix titles, total labels and column headings are evaluated, printed as plain text
(no light markup), and an error is located at the field's own line.

The base is tests/bad/hop-le.yaml (2 units: 10/8 and 6/2, so tong.dat = 10, tong.chi_tieu = 16).
"""

from __future__ import annotations

import pytest

from dispatch_gen import pipeline
from dispatch_gen.errors import InputError

from .docx_read import Document
from .test_bad_inputs import valid_text, write_case

FIELDS = {
    "trich_yeu: Đôn đốc kết nạp đảng viên": 'trich_yeu: "Kết quả {{ tong.dat }}/{{ tong.chi_tieu }} năm {{ nam }}"',
    "  - Ban Tổ chức Huyện ủy": "  - Ban Tổ chức {{ co_quan.chu_the | replace('Ban Thường vụ ', '') }}",
    "  - Lưu VPHU": "  - Lưu {% if so %}VP{% endif %}HU_{{ so }}",
    "  ho_ten: Nguyễn Văn Thái": "  ho_ten: |\n    {{ 'Nguyễn Văn Thái' }}",
    "  - ten: KẾT QUẢ KẾT NẠP ĐẢNG VIÊN": (
        "  - ten: KẾT QUẢ ĐẾN NGÀY {{ tinh_den | ngay }}\n"
        "    dong_tong: Cộng {{ don_vi | length }} đơn vị\n"
        "    cot:\n"
        "      - {truong: ten, tieu_de: Đơn vị}\n"
        "      - {truong: dat, tieu_de: 'Đạt đến {{ tinh_den | ngay }}'}"
    ),
}


def _render(tmp_path, **replace: str):
    p = write_case(tmp_path, valid_text(**replace))
    out = tmp_path / "o.docx"
    pipeline.render_file(p, out)
    return Document(str(out))


def _all_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        parts += [c.text for row in t.rows for c in row.cells]
    return "\n".join(parts)


def test_every_text_field_evaluates_its_expressions(tmp_path):
    doc = _render(tmp_path, **FIELDS)
    text = _all_text(doc)
    assert doc.tables[0].rows[1].cells[0].text == "Số 12-CV/HU\nKết quả 10/16 năm 2024"  # trich_yeu
    assert "- Ban Tổ chức Huyện ủy." in text  # kinh_gui[1]
    assert "- Lưu VPHU_12." in text  # noi_nhan[1]: "_" printed as it is, not "\_"
    closing = doc.tables[1].rows[0].cells[1].text
    assert closing.splitlines()[-1] == "Nguyễn Văn Thái"  # ky.ho_ten
    assert "KẾT QUẢ ĐẾN NGÀY 05/8/2024" in text  # phu_luc[0].ten
    appendix = doc.tables[-1]
    assert [c.text for c in appendix.rows[0].cells] == ["Đơn vị", "Đạt đến 05/8/2024"]  # cot[1].tieu_de
    assert [c.text for c in appendix.rows[-1].cells] == ["Cộng 2 đơn vị", "10"]  # dong_tong


def test_no_warning_for_expressions_in_evaluated_fields(tmp_path):
    p = write_case(tmp_path, valid_text(**FIELDS))
    assert pipeline.render_file(p, tmp_path / "o.docx") == []


@pytest.mark.parametrize(
    ("old", "new", "field", "line"),
    [
        ("  - Ban Tổ chức Huyện ủy", "  - Ban {{ khong_co }}", "kinh_gui[1]", 14),
        ("  - Lưu VPHU", "  - Lưu {{ so + }}", "noi_nhan[1]", 23),
        ("trich_yeu: Đôn đốc kết nạp đảng viên", "trich_yeu: '{{ tong.khong_co.x }}'", "trich_yeu", 11),
        ("  ho_ten: Nguyễn Văn Thái", "  ho_ten: |\n    Nguyễn\n    {{ ten }}", "ky.ho_ten", 29),
        ("  - ten: KẾT QUẢ KẾT NẠP ĐẢNG VIÊN", "  - ten: 'KẾT QUẢ {{ nam'", "phu_luc[0].ten", 38),
    ],
)
def test_an_error_in_a_field_is_located_at_its_own_line(tmp_path, old, new, field, line):
    p = write_case(tmp_path, valid_text(**{old: new}))
    with pytest.raises(InputError) as err:
        pipeline.validate(pipeline.load(p))
    [problem] = err.value.problems
    assert (problem.field, problem.line) == (field, line)
    assert "biểu thức" in problem.message


def _aliases(path) -> list[str]:
    """The titles of the value controls in the header's first table (the trích yếu's cell)."""
    import zipfile

    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    header = next(root.iter(f"{w}tbl"))
    return [a.get(f"{w}val").rsplit(" #", 1)[0] for a in header.iter(f"{w}alias")]


def test_values_in_the_subject_are_controls_that_update_refreshes(tmp_path, capsys):
    import docx

    from dispatch_gen import cli

    p = write_case(
        tmp_path, valid_text(**{"trich_yeu: Đôn đốc kết nạp đảng viên": FIELDS["trich_yeu: Đôn đốc kết nạp đảng viên"]})
    )
    out = tmp_path / "o.docx"
    pipeline.render_file(p, out)
    assert _aliases(out) == ["Số liệu: tong.dat", "Số liệu: tong.chi_tieu", "Số liệu: nam"]
    edited = docx.Document(str(out))  # edited elsewhere in Word
    edited.add_paragraph("Đoạn thêm khi duyệt.")
    edited.save(str(out))
    p.write_text(
        p.read_text(encoding="utf-8").replace("chi_tieu: 10, dat: 8", "chi_tieu: 10, dat: 9"), encoding="utf-8"
    )
    assert cli.main(["update", str(out), "--from", str(p)]) == 0
    doc = Document(str(out))
    assert doc.tables[0].rows[1].cells[0].text == "Số 12-CV/HU\nKết quả 11/16 năm 2024"
    assert doc.paragraphs[-1].text == "Đoạn thêm khi duyệt."
    assert cli.main(["check", str(out)]) == 0


def test_without_controls_the_subject_prints_its_values_plain(tmp_path):
    p = write_case(
        tmp_path, valid_text(**{"trich_yeu: Đôn đốc kết nạp đảng viên": FIELDS["trich_yeu: Đôn đốc kết nạp đảng viên"]})
    )
    doc, _ = pipeline.build_dispatch(pipeline.load(p), marks=False)
    out = tmp_path / "o.docx"
    doc.save(str(out))
    assert _aliases(out) == []
    assert Document(str(out)).tables[0].rows[1].cells[0].text == "Số 12-CV/HU\nKết quả 10/16 năm 2024"


def test_a_value_broken_over_the_subjects_lines_keeps_the_layout_and_its_control(tmp_path):
    subject = 'trich_yeu: "Biểu dương {{ don_vi | danh_sach }} đã kết nạp {{ tong.dat }} đảng viên năm {{ nam }}"'
    p = write_case(tmp_path, valid_text(**{"trich_yeu: Đôn đốc kết nạp đảng viên": subject}))
    texts = []
    for marks in (True, False):
        doc, _ = pipeline.build_dispatch(pipeline.load(p), marks=marks)
        out = tmp_path / f"o-{marks}.docx"
        doc.save(str(out))
        texts.append(Document(str(out)).tables[0].rows[1].cells[0].text)
    marked, plain = texts
    assert marked == plain  # the controls change nothing of the balanced lines
    words = " ".join(marked.split("\n")[1:]).split()  # the number line aside
    assert " ".join(words) == "Biểu dương Đảng ủy xã Bình An và Đảng ủy xã Bình Hòa đã kết nạp 10 đảng viên năm 2024"
    assert marked.count("\n") >= 2  # the subject takes two lines or more: a break falls in it
    assert _aliases(tmp_path / "o-True.docx") == ["Số liệu: don_vi | danh_sach", "Số liệu: tong.dat", "Số liệu: nam"]
