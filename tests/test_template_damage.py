"""A --template whose parts are not well-formed XML: exit 1 naming the part, line and column."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import EXAMPLES, ROOT

TEMPLATE = ROOT / "templates" / "dang-hd36" / "cong_van.docx"


def _damaged(target: Path, part: str, text: bytes) -> Path:
    with zipfile.ZipFile(TEMPLATE) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for name in zin.namelist():
            zout.writestr(name, text if name == part else zin.read(name))
    return target


@pytest.mark.parametrize(
    ("part", "text", "line", "column"),
    [("word/document.xml", b'<?xml version="1.0"?>\n<w:document', 2, 12), ("word/header1.xml", b"<<<", 1, 2)],
)
def test_a_part_that_is_not_xml_is_named_with_its_line_and_column(tmp_path, part, text, line, column):
    for name in ("binh-son-ket-nap-dang-vien-2024.yaml", "binh-son-don-vi-2024.csv"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    _damaged(tmp_path / "mau.docx", part, text)
    args = [sys.executable, "-m", "dispatch_gen", "--lang", "en", "render"]
    args += ["binh-son-ket-nap-dang-vien-2024.yaml", "--template", "mau.docx", "-o", "ra.docx"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(args, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert (
        f"mau.docx: damaged template: its part {part} is not well-formed XML (line {line}, column {column}); "
        "open the template in Word and save it again, or leave out --template to use the built-in one"
    ) in done.stderr.splitlines()
    assert not (tmp_path / "ra.docx").exists()
