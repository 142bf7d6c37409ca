"""`check` on Word files: the profile found from the document, --json, several files at once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document

from dispatch_gen import cli, pipeline
from dispatch_gen.check import read_docx
from dispatch_gen.check.detect import detect

ROOT = Path(__file__).resolve().parent.parent
STATE_EXAMPLE = ROOT / "examples" / "quang-ngai-ubnd-cap-cccd-2024.yaml"


def plain_docx(path: Path, *lines: str) -> Path:
    doc = Document()
    for line in lines:
        doc.add_paragraph(line)
    doc.save(str(path))
    return path


@pytest.fixture(scope="module")
def state_docx(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("nha_nuoc") / "cong-van.docx"
    pipeline.render_file(STATE_EXAMPLE, out)
    return out


@pytest.mark.parametrize(
    ("lines", "profile", "source"),
    [
        (["UBND TỈNH QUẢNG NGÃI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], "nha_nuoc", "national"),
        (["UBND TỈNH QUẢNG NGÃI\tCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"], "nha_nuoc", "national"),  # tabs, old tone
        (["HUYỆN ỦY BÌNH SƠN", "ĐẢNG CỘNG SẢN VIỆT NAM"], "dang", "national"),
        (["Một tờ giấy không có tiêu đề"], "dang", "default"),
    ],
)
def test_profile_from_the_national_line(tmp_path, lines, profile, source):
    found = detect(read_docx(plain_docx(tmp_path / "x.docx", *lines)), ["dang", "nha_nuoc"])
    assert (found.profile, found.source) == (profile, source)


def test_recorded_property_comes_first(tmp_path):
    doc = read_docx(plain_docx(tmp_path / "x.docx", "ĐẢNG CỘNG SẢN VIỆT NAM"))
    found = detect(doc, ["dang", "nha_nuoc"], {"the_thuc": "nha_nuoc"})
    assert (found.profile, found.source) == ("nha_nuoc", "property")
    assert detect(doc, ["dang", "nha_nuoc"], {"the_thuc": "khong-co"}).source == "national"


def test_state_example_passes_without_profile_option(state_docx, capsys):
    assert cli.main(["check", str(state_docx)]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert "“nha_nuoc”" in out
    assert "theo thuộc tính ghi trong tệp" in out  # the renderer records the rule set it used


def test_profile_option_overrides(state_docx, capsys):
    assert cli.main(["check", str(state_docx), "--profile", "dang", "--json"]) == 1
    record = json.loads(capsys.readouterr().out)
    assert record["profile"] == "dang"
    assert record["findings"]


def test_json_one_object_per_file_and_one_summary(state_docx, tmp_path, capsys):
    other = plain_docx(tmp_path / "trang.docx", "ĐẢNG CỘNG SẢN VIỆT NAM", "Bình Sơn, ngày 05 tháng 3 năm 2024")
    assert cli.main(["check", str(state_docx), str(other), "--json"]) == 1
    captured = capsys.readouterr()
    records = [json.loads(line) for line in captured.out.splitlines()]
    assert [(r["file"], r["profile"], r["rule_set"]) for r in records] == [
        (str(state_docx), "nha_nuoc", "nha_nuoc"),
        (str(other), "dang", "dang-hd36"),  # chosen by its date line
    ]
    assert records[0]["findings"] == []
    keys = {"rule", "severity", "element", "message", "where"}
    assert all(set(f) == keys for f in records[1]["findings"])
    rules = {f["rule"]: f for f in records[1]["findings"]}
    assert rules["header.number"]["element"] == "header"
    assert rules["header.number"]["severity"] == "error"
    assert captured.err.strip().splitlines()[-1].startswith("2 tệp: 1 đúng thể thức, 1 có lỗi")


def test_several_files_in_text_mode_end_with_a_summary(state_docx, capsys):
    assert cli.main(["check", str(state_docx), str(state_docx)]) == cli.EXIT_OK
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[-1] == "2 tệp: 2 đúng thể thức, 0 có lỗi (0 lỗi, 0 cảnh báo)"
