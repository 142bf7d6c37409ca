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
