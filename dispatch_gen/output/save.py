"""Atomic output: write a temporary file beside the target, then rename it into place.

A failure (bad input, a full disk, a killed process) never leaves a broken or half-written
file where a good one stood: the earlier file stays until the new one is complete.

The temporary file is named ``.<target>.dispatch-gen-<pid>-<random>.tmp``. A process killed
during the save (SIGKILL, power cut) cannot remove it, so the next save to the same folder
removes every such file of a process that is no longer running, or older than
:data:`STALE_TEMP_SECONDS` (where the process cannot be asked, or its number was reused).
"""

from __future__ import annotations

import io
import os
import re
import secrets
import shutil
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from dispatch_gen.errors import OutputError
from dispatch_gen.i18n import _
from dispatch_gen.wml import sdt

#: a temp file older than this is left over from a killed save, never one in progress
STALE_TEMP_SECONDS = 600
#: the mark in every temporary name this tool makes, so that it removes only its own
TEMP_MARK = "dispatch-gen"
_UMASK = os.umask(0)  # read once (setting it is the only way to read it), then put back
os.umask(_UMASK)


def final_mode(path: Path) -> int:
    """The mode a written file gets: the earlier file's when it is replaced, else the umask's."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~_UMASK


_TEMP_PID = re.compile(rf"\.{TEMP_MARK}-(\d+)-[0-9a-f]+\.tmp$")


def temp_name(target: str) -> str:
    """The name of a fresh temporary file for ``target``, recognisable by the next run."""
    return f".{target}.{TEMP_MARK}-{os.getpid()}-{secrets.token_hex(4)}.tmp"


def process_alive(pid: int) -> bool:
    """True when process ``pid`` runs (or cannot be asked: then the temp file's age decides)."""
    if pid == os.getpid():
        return True
    if os.name != "posix":  # os.kill on Windows terminates the process: never ask that way
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: someone else's process, alive
        return True
    return True


def remove_stale_temps(folder: Path, target: str) -> None:
    """Remove the temporary files of ``target`` that a killed earlier save left behind."""
    now = time.time()
    prefix = f".{target}.{TEMP_MARK}-"
    try:  # one pass over the names (glob's fnmatch of each name took ~60 ms in a folder of 50,000)
        with os.scandir(folder) as entries:
            names = [e.name for e in entries if e.name.startswith(prefix)]
    except OSError:
        return
    for name in names:
        found = _TEMP_PID.search(name)
        if found is None or name[: found.start()] != f".{target}":  # another file's: ".b.a.docx…"
            continue
        old = os.path.join(folder, name)
        try:
            if not process_alive(int(found.group(1))) or now - os.lstat(old).st_mtime > STALE_TEMP_SECONDS:
                os.unlink(old)
        except OSError:
            pass


def create_temp(folder: Path, target: str, mode: int = 0o600) -> tuple[int, str]:
    """Create (exclusively) and open a fresh temporary file for ``target`` in ``folder``."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    for _attempt in range(100):
        tmp = os.path.join(folder, temp_name(target))
        try:
            return os.open(tmp, flags, mode), tmp
        except FileExistsError:
            continue
    raise FileExistsError(tmp)


def write_with(path: Path, fill: Callable[[BinaryIO], object]) -> None:
    """Write ``path`` atomically: ``fill(fh)`` writes the content into a temporary file beside it,
    which is flushed, fsynced, given its final mode (:func:`final_mode`) and renamed over ``path``.

    The one writer of the tool: the .docx, the Excel copy, the schema and every PDF go through
    it. A symbolic link is followed (the file it points to is replaced, the link kept); a device,
    pipe or socket is refused, never replaced by a regular file. Any failure (or an interrupt)
    removes the temporary file and leaves the earlier file as it was; an ``OSError`` becomes an
    :class:`OutputError` naming the file.
    """
    if path.is_symlink():
        path = path.resolve()
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(
            _("{path}: thư mục “{folder}” không tồn tại; hãy tạo thư mục trước", path=path, folder=folder)
        )
    if path.is_dir():
        raise OutputError(_("{path}: đây là một thư mục, cần tên tệp", path=path))
    try:
        mode = path.stat().st_mode
    except OSError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        raise OutputError(_("{path}: không phải tệp thường (thiết bị, ống dẫn…); hãy chọn một tên tệp khác", path=path))
    remove_stale_temps(folder, path.name)
    try:
        fd, tmp = create_temp(folder, path.name)
    except PermissionError:
        raise OutputError(_("{path}: không có quyền ghi vào thư mục “{folder}”", path=path, folder=folder)) from None
    except OSError as exc:
        raise OutputError(_("{path}: không ghi được ({error})", path=path, error=exc.strerror)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fill(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, final_mode(path))  # a private dispatch stays private after a re-render
        os.replace(tmp, path)
    except BaseException as exc:  # an interrupted save leaves no temp file either
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if not isinstance(exc, OSError):
            raise
        if isinstance(exc, PermissionError):
            raise OutputError(_("{path}: không có quyền ghi tệp", path=path)) from None
        raise OutputError(_("{path}: không ghi được ({error})", path=path, error=exc.strerror)) from None


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (:func:`write_with`)."""
    write_with(path, lambda fh: fh.write(data))


def copy_file(src: Path, path: Path) -> None:
    """Copy the file ``src`` to ``path`` atomically (:func:`write_with`), streamed, not read whole."""
    with src.open("rb") as inp:
        write_with(path, lambda fh: shutil.copyfileobj(inp, fh))


def document_bytes(document: Any) -> bytes:
    """Serialise a python-docx Document in memory (nothing touches the disk yet)."""
    buf = io.BytesIO()
    sdt.declare_ignorable(document)
    document.save(buf)
    return buf.getvalue()


def save_document(document: Any, path: Path) -> None:
    write_bytes(path, document_bytes(document))
