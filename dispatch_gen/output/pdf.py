"""PDF output through LibreOffice, many files per process.

Starting LibreOffice costs seconds, so every .docx of one run is converted by a single
``soffice --headless --convert-to pdf`` call. Each call gets its own user profile
directory, so parallel runs do not fight over LibreOffice's profile lock. PDFs are
written atomically: converted in a private temporary folder, then moved into place, so a
reader never sees half a PDF and a failed run leaves the old PDF untouched.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from dispatch_gen.errors import DispatchError, OutputError, PdfUnavailable
from dispatch_gen.i18n import _

BINARIES = ("soffice", "libreoffice")
_UMASK = os.umask(0)
os.umask(_UMASK)
INSTALL_HINT = "sudo apt-get install libreoffice-writer-nogui fonts-liberation2"


class PdfConversionError(DispatchError):
    """LibreOffice ran but did not produce the PDF (bad file, crash, timeout)."""


def find_soffice() -> str | None:
    """Path of the LibreOffice binary, or None when it is not installed."""
    for name in BINARIES:
        found = shutil.which(name)
        if found:
            return found
    return None


def pdf_available() -> bool:
    """True when LibreOffice is installed, so PDFs can be made."""
    return find_soffice() is not None


def _targets(docx_paths: list[Path], outdir: Path | None) -> list[Path]:
    """Where each PDF goes: next to its .docx, or in ``outdir``; two inputs may not share one."""
    targets = []
    for src in docx_paths:
        folder = outdir if outdir is not None else src.parent
        targets.append(folder / (src.stem + ".pdf"))
    seen: dict[Path, Path] = {}
    for src, dst in zip(docx_paths, targets, strict=True):
        key = dst.resolve()
        if key in seen:
            raise OutputError(_("{a} và {b} sẽ ghi cùng một tệp PDF {pdf}", a=seen[key], b=src, pdf=dst))
        seen[key] = src
    return targets


def _run(cmd: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
    """Run soffice in its own process group, so a timeout kills its children as well."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise PdfConversionError(
            _("LibreOffice không chuyển xong sang PDF sau {seconds} giây", seconds=int(timeout))
        ) from None
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def _place(src: Path, dst: Path) -> None:
    """Copy ``src`` next to ``dst`` under a temporary name, then rename it over ``dst``."""
    fd, tmp = tempfile.mkstemp(prefix=f".{dst.stem}.", suffix=".pdf.tmp", dir=dst.parent)
    try:
        with os.fdopen(fd, "wb") as out, src.open("rb") as inp:
            shutil.copyfileobj(inp, out)
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; give the usual file mode
        os.replace(tmp, dst)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def convert_to_pdf(docx_paths: list[Path], outdir: Path | None = None, timeout: float = 300) -> list[Path]:
    """Convert .docx files to PDF in one LibreOffice process; return the PDF paths in order.

    PDFs go next to each .docx, or into ``outdir``. Raises :class:`PdfUnavailable` when
    LibreOffice is missing, :class:`OutputError` when the output folder is unusable and
    :class:`PdfConversionError` when LibreOffice fails or produces nothing.
    """
    docx_paths = [Path(p) for p in docx_paths]
    if not docx_paths:
        return []
    binary = find_soffice()
    if binary is None:
        raise PdfUnavailable(
            _(
                "không tìm thấy LibreOffice nên không tạo được PDF (tệp .docx vẫn được ghi); "
                "cài đặt bằng lệnh: {command}",
                command=INSTALL_HINT,
            )
        )
    for src in docx_paths:
        if not src.is_file():
            raise PdfConversionError(_("không tìm thấy tệp {path}", path=src))
    if outdir is not None:
        outdir = Path(outdir)
        if not outdir.is_dir():
            raise OutputError(_("thư mục {path} không tồn tại", path=outdir))
    targets = _targets(docx_paths, outdir)
    for dst in targets:
        if not os.access(dst.parent, os.W_OK):
            raise OutputError(_("không có quyền ghi vào thư mục {path}", path=dst.parent))

    with tempfile.TemporaryDirectory(prefix="dispatch-gen-pdf-") as work:
        work_dir = Path(work)
        profile_dir = work_dir / "profile"
        in_dir = work_dir / "in"
        out_dir = work_dir / "out"
        for d in (in_dir, out_dir):
            d.mkdir()
        # Unique names inside the work folder: two inputs named a.docx in different
        # folders must not overwrite each other's PDF.
        staged = []
        for i, src in enumerate(docx_paths):
            link = in_dir / f"{i:04d}-{src.stem}.docx"
            try:
                link.symlink_to(src.resolve())
            except OSError:
                shutil.copyfile(src, link)
            staged.append(link)
        cmd = [
            binary,
            f"-env:UserInstallation={profile_dir.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            *[str(s) for s in staged],
        ]
        try:
            result = _run(cmd, timeout)
        except OSError as exc:
            raise PdfConversionError(
                _("không chạy được LibreOffice ({binary}): {error}", binary=binary, error=exc)
            ) from exc
        detail = (result.stderr or result.stdout or "").strip().splitlines()
        tail = " ".join(detail[-3:])
        if result.returncode != 0:
            raise PdfConversionError(
                _(
                    "LibreOffice báo lỗi (mã {code}) khi chuyển sang PDF: {detail}",
                    code=result.returncode,
                    detail=tail or "-",
                )
            )
        produced = [out_dir / (s.stem + ".pdf") for s in staged]
        missing = [src for src, pdf in zip(docx_paths, produced, strict=True) if not pdf.is_file()]
        if missing:
            raise PdfConversionError(
                _(
                    "LibreOffice không tạo được PDF cho {files}: {detail}",
                    files=", ".join(str(m) for m in missing),
                    detail=tail or "-",
                )
            )
        for pdf, dst in zip(produced, targets, strict=True):
            _place(pdf, dst)
    return targets
