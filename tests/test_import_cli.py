"""`dispatch-gen import` / `nhap` as a user runs it: the YAML written, warnings with their line, files kept safe."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from dispatch_gen import pipeline

from .conftest import EXAMPLES
from .test_check import build
from .test_import import party  # noqa: F401  (the fixture)

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dispatch_gen", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        cwd=cwd,
        timeout=120,
    )


@pytest.fixture(scope="module")
def state_docx(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cli")
    out = folder / "cong-van.docx"
    pipeline.render_file(EXAMPLES / "quang-ngai-ubnd-cap-cccd-2024.yaml", out)
    return out


def test_nhap_writes_the_yaml_beside_the_document_and_says_the_appendix_stayed_in_the_body(state_docx):
    proc = run("nhap", state_docx.name, cwd=state_docx.parent)
    assert proc.returncode == 0, proc.stderr
    written = state_docx.with_suffix(".yaml")
    text = written.read_text(encoding="utf-8")
    assert "noi_dung: |\n  Thực hiện chỉ đạo" in text  # a block, as a person types it
    data = yaml.safe_load(text)
    assert data["co_quan"]["ten"] == "ỦY BAN NHÂN DÂN\nHUYỆN BÌNH SƠN"
    assert "| 2 | UBND xã Bình An | 640 | 402 | 62,81 | Đạt dưới 75% |" in data["noi_dung"].replace("**", "")
    assert proc.stderr.splitlines() == [
        "cong-van.docx:41:1: cảnh báo: noi_dung: phụ lục không nhập được thành phu_luc (dispatch-gen tính phụ lục"
        " từ so_lieu); nội dung của nó được giữ ở cuối noi_dung: hãy chuyển số liệu sang bảng tính và khai phu_luc"
    ]
    assert proc.stdout == "Đã ghi cong-van.yaml (hồ sơ thể thức “nha_nuoc”)\n"


def test_import_never_writes_over_its_input_nor_a_strangers_file(state_docx):
    folder = state_docx.parent
    proc = run("import", state_docx.name, "-o", state_docx.name, "--ghi-de", cwd=folder)
    assert proc.returncode == 1 and "trùng với tệp Word" in proc.stderr
    stranger = folder / "mine.yaml"
    stranger.write_text("# của tôi\n", encoding="utf-8")
    proc = run("import", state_docx.name, "-o", stranger.name, cwd=folder)
    assert proc.returncode == 1 and "--ghi-de" in proc.stderr
    assert stranger.read_text(encoding="utf-8") == "# của tôi\n"
    proc = run("import", state_docx.name, "-o", stranger.name, "--force", cwd=folder)
    assert proc.returncode == 0 and yaml.safe_load(stranger.read_text(encoding="utf-8"))["so"] == 1234


def test_a_line_with_no_place_is_kept_and_reported_with_its_paragraph(party, tmp_path):  # noqa: F811
    built = build(party, appendix=False)
    built.parts["star"].insert_paragraph_before("Mẫu số 01")  # a form's label, no part of a dispatch's header
    path = built.save(tmp_path / "la.docx")
    proc = run("import", path.name, "--lang", "en", cwd=tmp_path)
    assert proc.returncode == 0
    assert proc.stderr == (
        "la.docx:3:1: warning: noi_dung: line “Mẫu số 01” of the header belongs to no part of the dispatch;"
        " kept in noi_dung\n"
    )
    data = yaml.safe_load((tmp_path / "la.yaml").read_text(encoding="utf-8"))
    assert data["noi_dung"].startswith("Mẫu số 01\n\nQua theo dõi")


def test_an_unreadable_file_is_an_input_error_not_a_traceback(tmp_path):
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"not a zip")
    proc = run("import", bad.name, cwd=tmp_path)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr and proc.stderr.startswith("hong.docx")
    assert not (tmp_path / "hong.yaml").exists()
