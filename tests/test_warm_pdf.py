"""The web page's LibreOffice kept started between conversions (output/warmpdf.py)."""

from __future__ import annotations

import os
import subprocess
import time

import pytest

from dispatch_gen import pipeline
from dispatch_gen.output import pdf, save, warmpdf

from .conftest import EXAMPLE


def _pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_conversions_through_the_kept_office_and_nothing_left_after_close(tmp_path):
    if not pdf.pdf_available():
        pytest.fail("LibreOffice is needed here: scripts/test.sh installs it")
    doc, _w = pipeline.build_dispatch(pipeline.load(EXAMPLE))
    docx = tmp_path / "cong-van.docx"
    save.save_document(doc, docx)
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
