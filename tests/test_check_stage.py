"""``check x.yaml`` runs the input stage only: no rendering code imported, the warnings of ``render``.

Each case is the valid base (tests/bad/hop-le.yaml) with warnings added: an unused footnote,
a deadline on a Saturday, a footnote marked only in a unit's note (used when an appendix has a
"Ghi chú" column, unused otherwise). ``check`` runs in a child process that then lists the
modules it imported; ``render`` runs in another, and both print the same warnings.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BASE = (ROOT / "tests" / "bad" / "hop-le.yaml").read_text(encoding="utf-8")
RENDERING = ("dispatch_gen.render", "docxtpl", "docx")

NOTES = """chu_thich:
  a: Theo báo cáo của các đơn vị.
  b: Không dùng ở đâu.
  c: Số liệu của xã.
han:
  dot_1: 30/11/2024
"""
UNIT = "{ten: Đảng ủy xã Bình An, khoi: Xã, chi_tieu: 10, dat: 8}"
UNIT_NOTE = '{ten: Đảng ủy xã Bình An, khoi: Xã, chi_tieu: 10, dat: 8, ghi_chu: "Xem[^c]"}'
NO_NOTE_COLUMNS = """    cot:
      - {truong: tt, tieu_de: TT}
      - {truong: ten, tieu_de: Đơn vị}
      - {truong: dat, tieu_de: Đạt}
"""


def _yaml(with_note_column: bool) -> str:
    text = BASE.replace("chu_thich:\n  a: Theo báo cáo của các đơn vị.\n", NOTES)
    assert text.count(UNIT) == 1
    text = text.replace(UNIT, UNIT_NOTE)
    if not with_note_column:
        text += NO_NOTE_COLUMNS
    return text


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, encoding="utf-8", env=env, cwd=cwd, timeout=120
    )


CHECK = (
    "import json, sys\n"
    "from dispatch_gen import cli\n"
    "status = cli.main(['check', sys.argv[1]])\n"
    "print(json.dumps([status, sorted(sys.modules)]))\n"
)


@pytest.mark.parametrize("with_note_column", [True, False], ids=["note-column", "no-note-column"])
def test_check_yaml_renders_nothing_and_warns_as_render_does(tmp_path, with_note_column):
    src = tmp_path / "cv.yaml"
    src.write_text(_yaml(with_note_column), encoding="utf-8")
    lines = src.read_text(encoding="utf-8").splitlines()
    b_line = lines.index("  b: Không dùng ở đâu.") + 1
    c_line = lines.index("  c: Số liệu của xã.") + 1
    deadline_line = lines.index("  dot_1: 30/11/2024") + 1

    check = _run(["-c", CHECK, str(src)], tmp_path)
    status, modules = json.loads(check.stdout.splitlines()[-1])
    assert status == 0, check.stderr
    assert f"{src}: không thấy lỗi" in check.stdout
    imported = [m for m in modules if m.split(".")[0] in ("docxtpl", "docx") or m.startswith(RENDERING[0])]
    assert imported == []
    assert not list(tmp_path.glob("*.docx"))

    out = tmp_path / "cv.docx"
    render = _run(["-m", "dispatch_gen", "render", str(src), "-o", str(out)], tmp_path)
    assert render.returncode == 0, render.stderr
    assert out.exists()

    expected = {
        f"{src}:{b_line}:3: cảnh báo: chu_thich.b: chú thích “b” không được dùng ở đâu",
        f"{src}:{deadline_line}:3: cảnh báo: han.dot_1: thời hạn “dot_1” 30/11/2024 rơi vào ngày nghỉ "
        "(thứ Bảy); hãy chọn một ngày làm việc",
    }
    if not with_note_column:  # the unit's note is not printed, nor its footnote
        expected.add(f"{src}:{c_line}:3: cảnh báo: chu_thich.c: chú thích “c” không được dùng ở đâu")
    assert set(render.stderr.splitlines()) == expected, render.stderr
    assert check.stderr.splitlines() == render.stderr.splitlines()


def test_check_yaml_reports_a_text_error_without_rendering(tmp_path):
    src = tmp_path / "cv.yaml"
    src.write_text(BASE.replace("{{ tong.dat }}", "{{ tong.datt }}"), encoding="utf-8")
    check = _run(["-c", CHECK, str(src)], tmp_path)
    status, modules = json.loads(check.stdout.splitlines()[-1])
    assert status == 1
    assert [m for m in modules if m.startswith(RENDERING)] == []
    assert f"{src}:16:" in check.stderr and "noi_dung" in check.stderr and "datt" in check.stderr, check.stderr
