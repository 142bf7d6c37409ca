"""PDF conversion through LibreOffice: several files in one process, and the missing case."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest

from dispatch_gen.errors import DispatchError, OutputError, PdfUnavailable
from dispatch_gen.output import pdf

HAS_SOFFICE = pdf.pdf_available()


def make_docx(path: Path, text: str) -> Path:
    doc = docx.Document()
    doc.add_paragraph(text)
    doc.save(str(path))
    return path


@pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice (soffice) is not installed")
def test_two_files_in_one_call(tmp_path: Path) -> None:
    a = make_docx(tmp_path / "a.docx", "Công văn thứ nhất")
    sub = tmp_path / "khac"
    sub.mkdir()
    b = make_docx(sub / "a.docx", "Công văn thứ hai, cùng tên tệp ở thư mục khác")
    pdfs = pdf.convert_to_pdf([a, b])
    assert pdfs == [tmp_path / "a.pdf", sub / "a.pdf"]
    for path in pdfs:
        assert path.read_bytes().startswith(b"%PDF")
    assert pdfs[0].read_bytes() != pdfs[1].read_bytes()
    # nothing but the PDFs is left next to the inputs
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx", "a.pdf", "khac"]


@pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice (soffice) is not installed")
def test_outdir_and_replace_existing(tmp_path: Path) -> None:
    src = make_docx(tmp_path / "cv.docx", "Nội dung")
    out = tmp_path / "pdf"
    out.mkdir()
    (out / "cv.pdf").write_bytes(b"old")
    assert pdf.convert_to_pdf([src], outdir=out) == [out / "cv.pdf"]
    assert (out / "cv.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice (soffice) is not installed")
def test_broken_input_is_reported(tmp_path: Path) -> None:
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"PK\x03\x04 a broken zip")  # soffice exits 0 but writes nothing
    with pytest.raises(DispatchError):
        pdf.convert_to_pdf([bad])
    assert not (tmp_path / "hong.pdf").exists()


def test_missing_libreoffice_names_apt_get(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    assert pdf.pdf_available() is False
    src = make_docx(tmp_path / "cv.docx", "Nội dung")
    with pytest.raises(PdfUnavailable) as info:
        pdf.convert_to_pdf([src])
    message = str(info.value)
    assert "apt-get" in message and "libreoffice-writer-nogui" in message
    assert "LibreOffice" in message


def test_missing_outdir_and_same_target(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "find_soffice", lambda: "/bin/false")
    a = make_docx(tmp_path / "a.docx", "x")
    with pytest.raises(OutputError):
        pdf.convert_to_pdf([a], outdir=tmp_path / "khong-co")
    sub = tmp_path / "s"
    sub.mkdir()
    b = make_docx(sub / "a.docx", "y")
    with pytest.raises(OutputError):
        pdf.convert_to_pdf([a, b], outdir=tmp_path)


def test_soffice_failure_is_a_dispatch_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A non-zero exit of soffice becomes an error with a message, not a traceback."""
    monkeypatch.setattr(pdf, "find_soffice", lambda: "/bin/false")
    src = make_docx(tmp_path / "a.docx", "x")
    with pytest.raises(pdf.PdfConversionError, match="LibreOffice"):
        pdf.convert_to_pdf([src])
    assert not (tmp_path / "a.pdf").exists()


def test_empty_list() -> None:
    assert pdf.convert_to_pdf([]) == []


WINDOWS_SOFFICE = "C:\\Program Files\\LibreOffice\\program\\soffice.exe"
MACOS_SOFFICE = "/Applications/LibreOffice.app/Contents/MacOS/soffice"


@pytest.mark.parametrize(("platform", "expected"), [("win32", WINDOWS_SOFFICE), ("darwin", MACOS_SOFFICE)])
def test_soffice_found_in_its_default_folder(monkeypatch: pytest.MonkeyPatch, platform: str, expected: str) -> None:
    """Not on PATH: LibreOffice's installer folder on Windows and macOS is looked at."""
    import os
    import sys

    asked: list[str] = []
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.delenv("ProgramFiles", raising=False)
    monkeypatch.delenv("ProgramW6432", raising=False)
    monkeypatch.delenv("ProgramFiles(x86)", raising=False)
    monkeypatch.setattr(os.path, "isfile", lambda path: asked.append(str(path)) or str(path) == expected)
    assert pdf.find_soffice() == expected
    assert pdf.pdf_available() is True
    monkeypatch.setattr(os.path, "isfile", lambda path: False)
    assert pdf.find_soffice() is None


def test_soffice_on_windows_under_program_files_of_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import sys

    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("ProgramFiles", "D:\\Apps")
    wanted = "D:\\Apps\\LibreOffice\\program\\soffice.exe"
    monkeypatch.setattr(os.path, "isfile", lambda path: str(path) == wanted)
    assert pdf.find_soffice() == wanted


def test_path_wins_over_the_default_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import sys

    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: "/opt/lo/soffice" if name == "soffice" else None)
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(os.path, "isfile", lambda path: True)
    assert pdf.find_soffice() == "/opt/lo/soffice"


def test_timeout_kills_the_whole_process_tree(tmp_path: Path) -> None:
    """A converter that started a child of its own: past the timeout both are gone."""
    import os
    import subprocess
    import sys
    import time

    child_pid = tmp_path / "child.pid"
    script = (
        "import subprocess, sys, time\n"
        "c = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)'],"
        " stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        f"open({str(child_pid)!r}, 'w').write(str(c.pid))\n"
        "time.sleep(60)\n"
    )
    with pytest.raises(pdf.PdfConversionError, match="LibreOffice"):
        pdf.run_capped([sys.executable, "-c", script], timeout=5)
    pid = int(child_pid.read_text())
    for _ in range(50):  # the kill is sent; the child may need a moment to be reaped by init
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        if subprocess.run(["ps", "-o", "stat=", "-p", str(pid)], capture_output=True, text=True).stdout.startswith("Z"):
            break
        time.sleep(0.1)
    else:
        os.kill(pid, 9)
        raise AssertionError("the converter's child outlived the timeout")
