"""``check --ban-in``: Word files converted by one LibreOffice start, their printed pages judged.

The seed example prints clean; a copy with an empty page and a leftover ``{{`` is caught, in
the same ``--json`` records as the other findings; without LibreOffice the command says what to
install and exits 1.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_BREAK

from dispatch_gen import cli, pipeline

from .conftest import EXAMPLE, ROOT


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("ban-in")
    seed = folder / "cong-van.docx"
    pipeline.render_file(EXAMPLE, seed)
    broken = folder / "hong.docx"
    doc = Document(str(seed))
    last = next(p for p in doc.paragraphs if p.text.startswith("Yêu cầu các chi, đảng bộ"))
    blank = last.insert_paragraph_before()
    blank.add_run().add_break(WD_BREAK.PAGE)
    blank.add_run().add_break(WD_BREAK.PAGE)  # a page holding nothing but its number
    last.insert_paragraph_before("Còn sót {{ ten_don_vi }} ở đây.")
    doc.save(str(broken))
    return seed, broken


@pytest.fixture(scope="module")
def records(files: tuple[Path, Path]) -> list[dict]:
    """Both files in one run (one LibreOffice start), as --json records."""
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        status = cli.main(["check", "--ban-in", "--json", *(str(f) for f in files)])
    assert status == cli.EXIT_INPUT  # the broken copy
    return [json.loads(line) for line in out.getvalue().splitlines()]


def printed(record: dict) -> list[tuple[str, str, int]]:
    return [
        (f["rule"], f["severity"], f["where"]["page"]) for f in record["findings"] if f["rule"].startswith("printed.")
    ]


def test_seed_prints_clean_on_its_pages(records: list[dict]) -> None:
    seed = records[0]
    assert seed["findings"] == []
    assert seed["pages"] >= 2  # the dispatch and its appendix


def test_blank_page_and_leftover_are_found_on_their_pages(records: list[dict]) -> None:
    seed, broken = records
    assert broken["pages"] == seed["pages"] + 1
    found = printed(broken)
    assert ("printed.blank-page", "error", 3) in found  # after the footnote page 2
    leftover = [f for f in broken["findings"] if f["rule"] == "printed.leftover"]
    assert len(leftover) == 1 and "{{" in leftover[0]["message"] and leftover[0]["element"] == "body"
    assert leftover[0]["where"]["page"] == 4


def test_text_output_names_the_printed_pages(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    seed, _broken = files
    assert cli.main(["check", "--layout", str(seed)]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert f"{seed}: bản in (LibreOffice): " in out and " trang" in out


def test_without_libreoffice_says_what_to_install(files: tuple[Path, Path], tmp_path: Path) -> None:
    seed, _broken = files
    env = {**os.environ, "PATH": str(tmp_path), "PYTHONPATH": str(ROOT)}
    for lang, words in (("vi", ("LibreOffice", "apt-get")), ("en", ("LibreOffice", "apt-get", "install"))):
        done = subprocess.run(
            [sys.executable, "-m", "dispatch_gen", "--lang", lang, "check", "--ban-in", str(seed)],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert done.returncode == 1, done.stderr
        assert "Traceback" not in done.stderr
        assert all(w in done.stderr for w in words), done.stderr
        if lang == "en":
            assert "không" not in done.stderr
