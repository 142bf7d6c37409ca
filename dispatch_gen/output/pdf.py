"""PDF output through LibreOffice, many files per process.

Starting LibreOffice costs seconds, so every .docx of one run is converted by a single
``soffice --headless --convert-to pdf`` call. Each call gets its own user profile
directory, so parallel runs do not fight over LibreOffice's profile lock. PDFs are
written atomically: converted in a private temporary folder, then copied into place by
:func:`dispatch_gen.output.save.copy_file` (the one atomic writer), so a
reader never sees half a PDF and a failed run leaves the old PDF untouched.

The work folder (profile, staged inputs, LibreOffice's output) is
``<temp>/dispatch-gen-<user>/pdf-<pid>-<random>``: a run killed before it could remove it
leaves it where the next run finds it and removes it (its process is gone, or it is older
than a day).
"""

from __future__ import annotations

import contextlib
import ntpath
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from dispatch_gen.errors import DispatchError, OutputError, PdfUnavailable
from dispatch_gen.i18n import _
from dispatch_gen.output import save

BINARIES = ("soffice", "libreoffice")
INSTALL_HINT = "sudo apt-get install libreoffice-writer-nogui fonts-liberation2"
#: a work folder older than this is left over whatever its process number says
STALE_WORK_SECONDS = 24 * 3600
SOFFICE_PID = "soffice.pid"
WINDOWS_PROGRAM_FILES = "C:\\Program Files"
MACOS_SOFFICE = "/Applications/LibreOffice.app/Contents/MacOS/soffice"
_WORK_PID = re.compile(r"^pdf-(\d+)-\w+$")


class PdfConversionError(DispatchError):
    """LibreOffice ran but did not produce the PDF (bad file, crash, timeout)."""


def default_locations(platform: str, environ: Mapping[str, str]) -> list[str]:
    """Where LibreOffice's installer puts soffice, for when it is not on PATH (Windows and macOS).

    >>> default_locations("win32", {})
    ['C:\\\\Program Files\\\\LibreOffice\\\\program\\\\soffice.exe']
    >>> default_locations("darwin", {}), default_locations("linux", {})
    (['/Applications/LibreOffice.app/Contents/MacOS/soffice'], [])
    """
    if platform == "win32":
        folders = [environ.get("ProgramFiles"), environ.get("ProgramW6432"), environ.get("ProgramFiles(x86)")]
        found = [f for f in dict.fromkeys([*folders, WINDOWS_PROGRAM_FILES]) if f]
        return [ntpath.join(folder, "LibreOffice", "program", "soffice.exe") for folder in found]
    if platform == "darwin":
        return [MACOS_SOFFICE]
    return []


def find_soffice() -> str | None:
    """Path of the LibreOffice binary (on PATH, or in its default folder), or None when it is not installed."""
    for name in BINARIES:
        found = shutil.which(name)
        if found:
            return found
    for candidate in default_locations(sys.platform, os.environ):
        if os.path.isfile(candidate):
            return candidate
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


def group_options() -> dict[str, Any]:
    """Popen options that put the child in a process group of its own, so its tree can be ended."""
    if os.name == "nt":
        return {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0x200)}
    return {"start_new_session": True}


def kill_tree(proc: subprocess.Popen[Any]) -> None:
    """End ``proc`` and every process it started (soffice starts soffice.bin), on POSIX and Windows."""
    if os.name == "nt":
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            subprocess.run(
                ["taskkill", "/F", "/T", "/PID", str(proc.pid)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=30,
                check=False,
            )
        with contextlib.suppress(OSError):
            proc.kill()
        return
    killpg = getattr(os, "killpg", None)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        if killpg is not None:
            killpg(proc.pid, getattr(signal, "SIGKILL", signal.SIGTERM))
        else:
            proc.kill()


def run_capped(cmd: list[str], timeout: float, pid_file: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``cmd`` in its own process group; past ``timeout`` seconds its whole tree is killed.

    Its process number goes to ``pid_file``: a soffice that outlives a killed run keeps its
    work folder until it ends. Raises :class:`PdfConversionError` on the timeout.
    """
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **group_options())
    if pid_file is not None:
        with contextlib.suppress(OSError):
            pid_file.write_text(str(proc.pid), encoding="ascii")
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_tree(proc)
        proc.communicate()
        raise PdfConversionError(
            _("LibreOffice không chuyển xong sang PDF sau {seconds} giây", seconds=int(timeout))
        ) from None
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def work_root() -> Path | None:
    """This user's folder for PDF work folders (made private), or None when it is unsafe.

    In a shared temporary directory another user could have made the name first (or a link
    by that name): a folder that is not a real directory of ours, private, is never used.
    """
    user = str(os.getuid()) if hasattr(os, "getuid") else (os.environ.get("USERNAME") or "user")
    root = Path(tempfile.gettempdir()) / f"{save.TEMP_MARK}-{user}"
    with contextlib.suppress(FileExistsError):
        os.mkdir(root, 0o700)
    try:
        st = os.lstat(root)
    except OSError:
        return None
    if not stat.S_ISDIR(st.st_mode):
        return None
    if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o077):
        return None
    return root


def remove_stale_work(root: Path) -> None:
    """Remove the work folders of PDF runs that were killed before they could clean up."""
    now = time.time()
    for entry in root.iterdir():
        found = _WORK_PID.match(entry.name)
        if found is None:
            continue
        try:
            old = now - entry.lstat().st_mtime > STALE_WORK_SECONDS
        except OSError:
            continue
        if old or not (save.process_alive(int(found.group(1))) or _soffice_alive(entry / SOFFICE_PID)):
            shutil.rmtree(entry, ignore_errors=True)


def _soffice_alive(pid_file: Path) -> bool:
    """True while any process of the soffice group named in ``pid_file`` runs."""
    try:
        pid = int(pid_file.read_text(encoding="ascii"))
    except (OSError, ValueError):
        return False
    if not hasattr(os, "killpg"):
        return save.process_alive(pid)
    try:
        os.killpg(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


@contextlib.contextmanager
def work_folder() -> Iterator[Path]:
    """A fresh private work folder, removed afterwards (and by the next run, if killed)."""
    root = work_root()
    if root is None:
        with tempfile.TemporaryDirectory(prefix=f"{save.TEMP_MARK}-pdf-") as private:
            yield Path(private)
        return
    remove_stale_work(root)
    work = Path(tempfile.mkdtemp(prefix=f"pdf-{os.getpid()}-", dir=root))
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def convert_to_pdf(
    docx_paths: list[Path], outdir: Path | None = None, timeout: float = 300, profile: Path | None = None
) -> list[Path]:
    """Convert .docx files to PDF in one LibreOffice process; return the PDF paths in order.

    PDFs go next to each .docx, or into ``outdir``. ``profile``: LibreOffice's user profile
    folder (:mod:`dispatch_gen.output.warmpdf`'s running instance); else a fresh one. Raises
    :class:`PdfUnavailable` when LibreOffice is missing, :class:`OutputError` when the output folder is unusable and
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

    with work_folder() as work_dir:
        profile_dir = profile or work_dir / "profile"
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
            result = run_capped(cmd, timeout, work_dir / SOFFICE_PID)
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
            save.copy_file(pdf, dst)  # the one atomic writer: temp name, fsync, mode, rename
    return targets
