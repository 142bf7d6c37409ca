"""check/rules_notes.py: footnotes (fake marks, pairing, size) and appendix headings (new page,
Arabic numbers, "(kèm theo …)" italic), rule by rule, on wmlfix documents and HD 36."""

from __future__ import annotations

from dispatch_gen.check import read_docx
from dispatch_gen.check.locate import locate
from dispatch_gen.check.rules_notes import check_appendix, check_footnotes
from dispatch_gen.input import profile as profiles

from .wmlfix import docx, p

PROFILE = profiles.load("dang-hd36")
SZ = '<w:sz w:val="{}"/>'
SUP = '<w:vertAlign w:val="superscript"/>'
HEAD = p("Số 127-CV/HU") + p("Bình Sơn, ngày 05 tháng 8 năm 2024") + p("Kính gửi: Ban Tổ chức Huyện ủy.")
NEW_PAGE = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'


def ref(note_id: int) -> str:
    return f'<w:r><w:rPr>{SUP}</w:rPr><w:footnoteReference w:id="{note_id}"/></w:r>'


def note(note_id: int, text: str, half_points: int = 24) -> str:
    return (
        f'<w:footnote w:id="{note_id}"><w:p><w:r><w:rPr>{SUP}</w:rPr><w:footnoteRef/></w:r>'
        f'<w:r><w:rPr>{SZ.format(half_points)}</w:rPr><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>'
    )


def run(tmp_path, rule, body: str, footnotes: str | None = None) -> list[str]:
    path = docx(tmp_path, HEAD + body + p("Nơi nhận:"), footnotes=footnotes)
    return [f.message for f in rule(locate(read_docx(path), PROFILE), PROFILE)]


def test_real_footnotes_pass(tmp_path):
    body = f"<w:p><w:r><w:t>Các đơn vị</w:t></w:r>{ref(1)}<w:r><w:t>: khẩn trương.</w:t></w:r></w:p>"
    assert run(tmp_path, check_footnotes, body, note(1, "Bình Chương.")) == []


def test_fake_marks_but_not_units(tmp_path):
    raised = f"<w:p><w:r><w:t>Các đơn vị</w:t></w:r><w:r><w:rPr>{SUP}</w:rPr><w:t>1</w:t></w:r></w:p>"
    (msg,) = run(tmp_path, check_footnotes, raised)
    assert msg.startswith("“1” là chú thích giả")
    (msg,) = run(tmp_path, check_footnotes, p("Các đơn vị² được giao."))
    assert msg.startswith("“²” là chú thích giả")
    assert run(tmp_path, check_footnotes, p("Diện tích 250 m² và 3 m³.")) == []
    unit = f"<w:p><w:r><w:t>rộng 250 m</w:t></w:r><w:r><w:rPr>{SUP}</w:rPr><w:t>2</w:t></w:r></w:p>"
    assert run(tmp_path, check_footnotes, unit) == []


def test_references_and_notes_pair_up(tmp_path):
    body = f"<w:p><w:r><w:t>a</w:t></w:r>{ref(1)}{ref(2)}</w:p>"
    assert run(tmp_path, check_footnotes, body, note(1, "Một.") + note(3, "Ba.")) == [
        "tham chiếu chú thích 2 không có nội dung chú thích",
        "chú thích 3 không được tham chiếu trong văn bản",
    ]


def test_footnote_size(tmp_path):
    body = f"<w:p><w:r><w:t>a</w:t></w:r>{ref(1)}</w:p>"
    (msg,) = run(tmp_path, check_footnotes, body, note(1, "Một.", half_points=28))
    assert msg == "chú thích 1: cỡ chữ 14 pt (cần 10–12 pt)"  # HD 36: 12 pt preferred, 10–12


BOLD14 = "<w:b/>" + SZ.format(28)
ITALIC14 = "<w:i/>" + SZ.format(28)
CAPTION = "(kèm theo Công văn số 123-CV/HU, ngày 05/8/2024 của Ban Thường vụ Huyện ủy)"


def appendix(heading="Phụ lục 1", before=NEW_PAGE, caption=CAPTION, caption_rpr=ITALIC14):
    return (
        before
        + p(heading, rpr=BOLD14)
        + p("KẾT QUẢ KẾT NẠP ĐẢNG VIÊN", rpr=BOLD14)
        + (p(caption, rpr=caption_rpr) if caption else "")
    )


def test_a_right_appendix_heading_passes(tmp_path):
    assert run(tmp_path, check_appendix, p("Nội dung.") + appendix()) == []
    section_break = '<w:p><w:pPr><w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:pPr></w:p>'
    assert run(tmp_path, check_appendix, p("Nội dung.") + appendix(before=section_break)) == []


def test_appendix_faults(tmp_path):
    (msg,) = run(tmp_path, check_appendix, p("Nội dung.") + appendix(before=""))
    assert msg == "“Phụ lục 1” phải bắt đầu ở trang mới (ngắt trang hoặc ngắt phần)"
    (msg,) = run(tmp_path, check_appendix, p("Nội dung.") + appendix(heading="Phụ lục II"))
    assert msg == "“Phụ lục II”: đánh số phụ lục bằng chữ số Ả Rập (1, 2, 3…)"
    (msg,) = run(tmp_path, check_appendix, p("Nội dung.") + appendix(caption=""))
    assert msg == "thiếu dòng “(kèm theo …)” dưới tên phụ lục"
    (msg,) = run(tmp_path, check_appendix, p("Nội dung.") + appendix(caption_rpr=SZ.format(28)))
    assert msg == "dòng “(kèm theo …)”: cần in nghiêng"
    continuous = (
        '<w:p><w:pPr><w:sectPr><w:type w:val="continuous"/><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:pPr></w:p>'
    )
    (msg,) = run(tmp_path, check_appendix, p("Nội dung.") + appendix(before=continuous))
    assert "phải bắt đầu ở trang mới" in msg
