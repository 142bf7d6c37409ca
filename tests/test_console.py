"""A console that cannot take the messages never turns a finished job into a failure (issue 23).

Each case is a real process (``python -m dispatch_gen``): stdout/stderr in cp1252, which has no
"ệ" or "Đ", or opened on ``/dev/full``, where every write fails with ENOSPC. The .docx must be
written and the exit status must be the job's: 0 for a good input, 1 for a bad one; never 3.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import pytest

from .conftest import EXAMPLE, ROOT

BAD = ROOT / "tests" / "bad" / "hop-le.yaml"


def dispatch_gen(*argv: object, env: dict[str, str] | None = None, **streams) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dispatch_gen", *[str(a) for a in argv]],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        timeout=120,
        check=False,
        **({"capture_output": True} if not streams else streams),
    )


def test_a_cp1252_console_gets_escapes_and_exit_0(tmp_path):
    out = tmp_path / "cv.docx"
    result = dispatch_gen("render", EXAMPLE, "-o", out, env={"PYTHONIOENCODING": "cp1252"})
    assert result.returncode == 0, result.stderr
    assert zipfile.is_zipfile(out)
    stdout = result.stdout.decode("cp1252")
    # "Đã ghi …": Đ is not in cp1252, "ã" is; the escape keeps the letter recoverable
    assert f"\\u0110ã ghi {out}" in stdout, stdout
    assert "UnicodeEncodeError" not in result.stderr.decode("cp1252")
    assert "c\\u1ea3nh b" in result.stderr.decode("cp1252")  # a warning ("cảnh báo") reaches stderr too


def test_a_cp1252_console_still_gets_a_located_error_and_exit_1(tmp_path):
    bad = tmp_path / "x.yaml"
    bad.write_text(BAD.read_text(encoding="utf-8").replace("dia_danh: Bình Sơn", "dia_danh: ''"), encoding="utf-8")
    assert "dia_danh: ''" in bad.read_text(encoding="utf-8")
    result = dispatch_gen("render", bad, "-o", tmp_path / "x.docx", env={"PYTHONIOENCODING": "cp1252"})
    assert result.returncode == 1, result.stderr
    err = result.stderr.decode("cp1252")
    assert "Traceback" not in err and "UnicodeEncodeError" not in err, err
    assert f"{bad}:" in err and "dia_danh" in err
    assert not (tmp_path / "x.docx").exists()


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("which", ["stdout", "stderr", "both"])
def test_a_full_device_as_the_console_keeps_the_jobs_status(tmp_path, which):
    out = tmp_path / "cv.docx"
    with open("/dev/full", "w") as full:
        streams = {
            "stdout": full if which in ("stdout", "both") else subprocess.PIPE,
            "stderr": full if which in ("stderr", "both") else subprocess.PIPE,
        }
        result = dispatch_gen("render", EXAMPLE, "-o", out, **streams)
    assert result.returncode == 0, result.stderr
    assert zipfile.is_zipfile(out)
    if which == "stdout":  # nothing about the lost messages on stderr either
        assert b"Errno 28" not in result.stderr and b"Traceback" not in result.stderr, result.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_device_and_a_bad_input_is_still_exit_1(tmp_path):
    with open("/dev/full", "w") as full:
        result = dispatch_gen("render", tmp_path / "khong-co.yaml", "-o", tmp_path / "x.docx", stdout=full, stderr=full)
    assert result.returncode == 1


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_check_on_a_full_device_is_the_checks_status(tmp_path):
    out = tmp_path / "cv.docx"
    assert dispatch_gen("render", EXAMPLE, "-o", out).returncode == 0
    with open("/dev/full", "w") as full:
        result = dispatch_gen("check", out, "--json", stdout=full, stderr=subprocess.PIPE)
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
