"""The 2026 example: a Đảng ủy xã after the district level ended, passing both checks."""

from __future__ import annotations

from docx import Document

from dispatch_gen import cli, pipeline

from .conftest import EXAMPLES

EXAMPLE = EXAMPLES / "binh-son-xa-ket-nap-dang-vien-2026.yaml"


def test_the_2026_example_passes_check_of_the_yaml_without_a_warning(capsys):
    assert cli.main(["check", str(EXAMPLE)]) == cli.EXIT_OK
    captured = capsys.readouterr()
    assert captured.err == ""  # no abolished body, no day off, one tone style
    assert "không thấy lỗi" in captured.out


def test_the_2026_example_renders_a_commune_dispatch_that_passes_check(tmp_path, capsys):
    out = tmp_path / "cong-van.docx"
    assert pipeline.render_file(EXAMPLE, out) == []
    assert cli.main(["check", str(out)]) == cli.EXIT_OK
    doc = Document(str(out))
    header = [c.text for c in doc.tables[0].rows[0].cells]
    assert header[0] == "ĐẢNG BỘ TỈNH QUẢNG NGÃI\nĐẢNG ỦY XÃ BÌNH SƠN\n*"
    blank = "\u00a0" * 6  # room left for the clerk on a draft
    number = doc.tables[0].rows[1].cells[0].text.splitlines()[0]
    assert number == f"Số {blank}-CV/ĐU"
    date_line = doc.tables[0].rows[1].cells[1].text.splitlines()[0]
    assert date_line == f"Bình Sơn, ngày {blank} tháng {blank} năm 2026"
    closing = doc.tables[1].rows[0].cells
    assert closing[1].text.split("\n")[1:3] == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"]
    assert closing[0].text.splitlines()[-1].startswith("- Lưu VPĐU")


def test_the_2026_example_has_the_hd05_punctuation(tmp_path):
    """Dated 2026 (a draft for this year: today), it follows Hướng dẫn 05: ";" each line, "." last."""
    out = tmp_path / "cong-van.docx"
    pipeline.render_file(EXAMPLE, out)
    doc = Document(str(out))
    texts = [p.text for p in doc.paragraphs]
    start = next(i for i, t in enumerate(texts) if t.startswith("Kính gửi:"))
    assert texts[start : start + 3] == [
        "Kính gửi:\t- Các chi bộ trực thuộc Đảng ủy xã;",
        "- Ủy ban Mặt trận Tổ quốc Việt Nam xã;",
        "- Ban Xây dựng Đảng Đảng ủy xã.",
    ]
    closing = doc.tables[1].rows[0].cells[0].text.splitlines()
    assert closing[-4:] == ["Nơi nhận:", "- Như trên;", "- Ban Tổ chức Tỉnh ủy (để báo cáo);", "- Lưu VPĐU."]
    last = next(t for t in reversed(texts[: texts.index("Phụ lục")]) if t.strip())
    assert last.endswith("nội dung Công văn này.") and not last.endswith("./.")
