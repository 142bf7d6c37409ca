"""The web page's LibreOffice kept started between conversions (output/warmpdf.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dispatch_gen import pipeline
from dispatch_gen.output import pdf, save, warmpdf

from .conftest import EXAMPLE


def _pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def docx(tmp_path) -> Path:
    """The example rendered into ``tmp_path``; LibreOffice must be there (scripts/test.sh installs it)."""
    if not pdf.pdf_available():
        pytest.fail("LibreOffice is needed here: scripts/test.sh installs it")
    doc, _w = pipeline.build_dispatch(pipeline.load(EXAMPLE))
    out = tmp_path / "cong-van.docx"
    save.save_document(doc, out)
    return out


def test_conversions_through_the_kept_office_and_nothing_left_after_close(tmp_path, docx):
    office = warmpdf.WarmOffice()
    try:
        office.start()
        started = office._proc
        assert started is not None and started.poll() is None  # running before it is asked anything
        folder = office._folder
        assert folder is not None and (folder / pdf.SOFFICE_PID).read_text() == str(started.pid)
        (first,) = office.convert([docx])
        assert first == tmp_path / "cong-van.pdf"
        assert "Tiếp tục tăng cường lãnh đạo" in _pdf_text(first)
        for _ in range(200):  # the one that served it ends, and the next is started
            if office._proc is not None and office._proc is not started and office._proc.poll() is None:
                break
            time.sleep(0.1)
        else:
            raise AssertionError("no LibreOffice was started again for the next conversion")
        assert started.poll() is not None  # ended and reaped
        out = tmp_path / "ra"
        out.mkdir()
        (second,) = office.convert([docx], out)
        assert second == out / "cong-van.pdf" and "KẾT NẠP ĐẢNG VIÊN" in _pdf_text(second).upper()
        last = office._proc
    finally:
        office.close()
    assert last is not None and last.poll() is not None  # ended by close
    assert not folder.exists()
    for _ in range(100):  # its whole group (soffice.bin too) is gone, once the killed are reaped
        try:
            os.killpg(last.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        raise AssertionError("a LibreOffice process of the kept office outlived close()")


PROBE = """
import sys
from pathlib import Path
from dispatch_gen.output import warmpdf
office = warmpdf.WarmOffice()
office.start()
office.close()  # the server's shutdown; the object is used again after it
office.convert([Path(sys.argv[1])], Path(sys.argv[2]))  # and a LibreOffice is started for the next one
print(office._folder)
"""


def _processes_naming(text: str) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as fh:
                    if text.encode() in fh.read():
                        found.append(int(entry))
            except OSError:
                continue
    return found


def test_no_libreoffice_outlives_the_process_that_kept_it(tmp_path, docx):
    from .conftest import ROOT

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(docx), str(tmp_path)], env=env, capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, done.stderr
    folder = done.stdout.strip().splitlines()[-1]
    assert (tmp_path / "cong-van.pdf").is_file()
    for _ in range(100):
        left = [p for p in _processes_naming(folder) if not _zombie(p)]
        if not left:
            break
        time.sleep(0.1)
    else:
        raise AssertionError(f"LibreOffice processes of {folder} outlived their process: {left}")
    assert not Path(folder).exists()


def _zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True
