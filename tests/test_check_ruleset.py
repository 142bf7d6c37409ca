"""check finds the rule set from the document's date line, and judges an appendix alone by its own rules."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from dispatch_gen import cli
from dispatch_gen.check import read_docx
from dispatch_gen.check.detect import national_lines, rule_set

from .conftest import EXAMPLES

PARTY_2024 = EXAMPLES / "binh-son-ket-nap-dang-vien-2024.yaml"
STATE_2024 = EXAMPLES / "quang-ngai-ubnd-cap-cccd-2024.yaml"


def plain_docx(path: Path, *lines: str) -> Path:
    doc = Document()
    for line in lines:
        doc.add_paragraph(line)
    doc.save(str(path))
    return path


def test_national_lines_come_from_the_profiles():
    assert national_lines() == (
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "nha_nuoc"),
        ("ĐẢNG CỘNG SẢN VIỆT NAM", "dang"),  # written by dang-hd36 and dang-hd05: the name choosing among them
    )


@pytest.mark.parametrize(
    ("date_line", "expected", "when"),
    [
        ("Bình Sơn, ngày 26 tháng 5 năm 2026", "dang-hd36", date(2026, 5, 26)),
        ("Bình Sơn, ngày 27 tháng 5 năm 2026", "dang-hd05", date(2026, 5, 27)),
        ("Bình Sơn, ngày 05 tháng 3 năm 2024", "dang-hd36", date(2024, 3, 5)),
        ("Bình Sơn, ngày \u00a0\u00a0\u00a0 tháng 4 năm 2026", "dang-hd36", date(2026, 4, 30)),  # a past month's draft
        ("Bình Sơn, ngày \u00a0\u00a0\u00a0 tháng 6 năm 2026", "dang-hd05", date(2026, 6, 30)),
        ("Số 12-CV/ĐU\t\tBình Sơn, ngày 10 tháng 6 năm 2026", "dang-hd05", date(2026, 6, 10)),  # after tabs
    ],
)
def test_rule_set_from_the_date_line(tmp_path, date_line, expected, when):
    doc = read_docx(plain_docx(tmp_path / "x.docx", "ĐẢNG CỘNG SẢN VIỆT NAM", date_line))
    found = rule_set(doc, "dang", {}, today=date(2026, 12, 1))
    assert (found.name, found.source, found.when) == (expected, "date", when)


def test_recorded_rule_set_wins_and_a_fixed_profile_stays(tmp_path):
    doc = read_docx(plain_docx(tmp_path / "x.docx", "ĐẢNG CỘNG SẢN VIỆT NAM", "Bình Sơn, ngày 10 tháng 6 năm 2026"))
    recorded = rule_set(doc, "dang", {"dispatch-gen:the_thuc": "dang-hd36"})
    assert (recorded.name, recorded.source) == ("dang-hd36", "property")
    assert rule_set(doc, "nha_nuoc", {}).name == "nha_nuoc"
    undated = read_docx(plain_docx(tmp_path / "y.docx", "ĐẢNG CỘNG SẢN VIỆT NAM"))
    assert rule_set(undated, "dang", {}, today=date(2026, 1, 5)).name == "dang-hd36"
    assert rule_set(undated, "dang", {}, today=date(2026, 12, 1)).source == "today"


def test_check_names_the_rule_set_in_text_and_json(tmp_path, capsys):
    path = plain_docx(tmp_path / "cv.docx", "ĐẢNG CỘNG SẢN VIỆT NAM", "Bình Sơn, ngày 10 tháng 6 năm 2026")
    cli.main(["check", str(path), "--json"])
    record = json.loads(capsys.readouterr().out)
    assert (record["profile"], record["rule_set"], record["appendix_only"]) == ("dang", "dang-hd05", False)
    cli.main(["check", str(path)])
    out = capsys.readouterr().out
    assert f"{path}: bộ quy tắc “dang-hd05” (theo ngày 10/06/2026 của văn bản)" in out.splitlines()


@pytest.mark.parametrize("example", [PARTY_2024, STATE_2024], ids=["dang", "nha_nuoc"])
def test_the_tools_own_appendix_passes_as_an_appendix_alone(tmp_path, capsys, example):
    out = tmp_path / "phu-luc.docx"
    assert cli.main(["appendix", str(example), "-o", str(out)]) == cli.EXIT_OK
    capsys.readouterr()
    assert cli.main(["check", str(out), "--json"]) == cli.EXIT_OK
    record = json.loads(capsys.readouterr().out)
    assert record["appendix_only"] is True
    assert record["findings"] == []
    assert cli.main(["check", str(out)]) == cli.EXIT_OK
    assert f"{out}: phụ lục riêng: chỉ xét các quy tắc của phụ lục" in capsys.readouterr().out.splitlines()


def test_an_appendix_alone_is_still_judged_by_the_appendix_rules(tmp_path, capsys):
    src = tmp_path / "phu-luc.docx"
    assert cli.main(["appendix", str(PARTY_2024), "-o", str(src)]) == cli.EXIT_OK
    doc = Document(str(src))
    caption = next(p for p in doc.paragraphs if p.text.startswith("(kèm theo"))
    for run in caption.runs:
        run.italic = False
    for para in doc.paragraphs:
        for run in para.runs:
            run.text = run.text.replace("62,5", "62.5")
    doc.add_paragraph("Tỷ lệ chung đạt 81.88%.")
    bad = tmp_path / "sai.docx"
    doc.save(str(bad))
    capsys.readouterr()
    assert cli.main(["check", str(bad), "--json"]) == 1
    record = json.loads(capsys.readouterr().out)
    rules = sorted({f["rule"] for f in record["findings"]})
    assert rules == ["appendix.heading", "body.decimals"], record["findings"]
