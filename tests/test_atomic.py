"""Atomic output: a save killed at any point leaves the earlier file or a complete new one.

A child process renders a dispatch over an earlier one and is stopped inside the save (its
file functions are wrapped to say "here" on stdout and wait), then killed with SIGKILL. No
timing is involved: the parent kills only once the child says it stands at that point.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from dispatch_gen import cli
from dispatch_gen.output import save

from .docx_read import W

ROOT = Path(__file__).resolve().parent.parent
VALID = Path(__file__).parent / "bad" / "hop-le.yaml"

CHILD = r"""
import os, sys
from pathlib import Path
from dispatch_gen import cli
from dispatch_gen.output import save

point, src, out = sys.argv[1], sys.argv[2], sys.argv[3]

def here():
    print("here", flush=True)
    sys.stdin.read()  # wait to be killed

real_fdopen, real_fsync, real_replace = os.fdopen, os.fsync, os.replace

class HalfWriter:
    def __init__(self, fh):
        self.fh = fh
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        return self.fh.__exit__(*exc)
    def write(self, data):
        self.fh.write(data[: len(data) // 2])
        self.fh.flush()
        here()
    def __getattr__(self, name):
        return getattr(self.fh, name)

if point == "mid-write":
    save.os.fdopen = lambda fd, mode: HalfWriter(real_fdopen(fd, mode))
elif point == "before-fsync":
    save.os.fsync = lambda fd: here()
elif point == "before-rename":
    save.os.replace = lambda a, b: here()
elif point == "after-rename":
    def replace_then_stop(a, b):
        real_replace(a, b)
        here()
    save.os.replace = replace_then_stop
sys.exit(cli.main(["render", src, "-o", out]))
"""


def body_text(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    return "".join(t.text or "" for t in root.iter(f"{W}t"))


def complete(path: Path) -> str:
    """The text of a complete .docx (the zip opens, every part parses), or fail."""
    with zipfile.ZipFile(path) as zf:
        assert zf.testzip() is None
        for name in zf.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(zf.read(name))
    return body_text(path)


def kill_during_save(point: str, src: Path, out: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, point, str(src), str(out)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        line = child.stdout.readline()
        assert line == b"here\n", (line, child.stderr.read())
        child.send_signal(signal.SIGKILL)
        assert child.wait() == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        for stream in (child.stdin, child.stdout, child.stderr):
            stream.close()


@pytest.mark.parametrize("point", ["mid-write", "before-fsync", "before-rename", "after-rename"])
def test_a_killed_save_leaves_the_earlier_file_or_a_complete_new_one(point, tmp_path, capsys):
    out = tmp_path / "cong-van.docx"
    assert cli.main(["render", str(VALID), "-o", str(out)]) == 0
    earlier = out.read_bytes()
    assert "Đôn đốc kết nạp đảng viên" in complete(out)
    newer = tmp_path / "moi.yaml"
    newer.write_text(
        VALID.read_text(encoding="utf-8").replace("Đôn đốc kết nạp", "Bản mới, đôn đốc kết nạp"), encoding="utf-8"
    )

    kill_during_save(point, newer, out)

    temps = sorted(tmp_path.glob(".cong-van.docx.*.tmp"))
    if point == "after-rename":
        assert "Bản mới, đôn đốc kết nạp" in complete(out)
        assert temps == []
    else:
        assert out.read_bytes() == earlier  # untouched, not truncated, not half-replaced
        assert len(temps) == 1  # the dead save's temp file, never in the target's place
        if point == "mid-write":
            assert 0 < temps[0].stat().st_size < len(earlier)
        # the next save tidies what a killed save left once it is stale
        old = temps[0].stat().st_mtime - save.STALE_TEMP_SECONDS - 1
        os.utime(temps[0], (old, old))
        assert cli.main(["render", str(newer), "-o", str(out)]) == 0
        assert "Bản mới, đôn đốc kết nạp" in complete(out)
        assert sorted(tmp_path.glob(".cong-van.docx.*.tmp")) == []
    capsys.readouterr()
