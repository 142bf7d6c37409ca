"""check's findings in --lang en: element names in English and measures with a decimal point.

Issue 12 item 4: messages in ``--lang en`` contain no Vietnamese labels or decimal commas.
The expected lines are written out here; the document is the 2024 example with its top margin
set to 12.7 mm (HD 36 asks for 20 mm).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from docx import Document
from docx.shared import Mm

from .conftest import EXAMPLES, ROOT


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dispatch_gen", *args],
        cwd=cwd,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _narrow_margin(tmp_path: Path) -> Path:
    out = tmp_path / "cv.docx"
    done = _cli("render", str(EXAMPLES / "binh-son-ket-nap-dang-vien-2024.yaml"), "-o", str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    doc = Document(str(out))
    doc.sections[0].top_margin = Mm(12.7)
    bad = tmp_path / "hep.docx"
    doc.save(str(bad))
    return bad


def test_findings_in_english_name_the_element_in_english_with_a_decimal_point(tmp_path: Path) -> None:
    bad = _narrow_margin(tmp_path)
    done = _cli("--lang", "en", "check", bad.name, cwd=tmp_path)
    assert done.returncode == 1
    assert "hep.docx: page margins: margin top 12.7 mm (expected 20 mm)" in done.stdout.splitlines()
    findings = [line for line in done.stdout.splitlines() if "profile" not in line]
    assert findings, done.stdout
    for line in findings:
        element = line.split(": ")[1]
        assert element.isascii(), line  # an English element name, not "lề trang"


def test_findings_in_vietnamese_keep_the_decimal_comma(tmp_path: Path) -> None:
    bad = _narrow_margin(tmp_path)
    done = _cli("check", bad.name, cwd=tmp_path)
    assert done.returncode == 1
    assert "hep.docx: lề trang: lề trên 12,7 mm (cần 20 mm)" in done.stdout.splitlines()
