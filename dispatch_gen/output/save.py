"""Atomic output: write a temporary file beside the target, then rename it into place.

A failure (bad input, a full disk, a killed process) never leaves a broken or half-written
file where a good one stood: the earlier file stays until the new one is complete.
"""

from __future__ import annotations

import glob
import io
import os
import stat
import tempfile
import time
from pathlib import Path
from typing import Any

from dispatch_gen.errors import OutputError
from dispatch_gen.i18n import _

#: a temp file older than this is left over from a killed save, never one in progress
STALE_TEMP_SECONDS = 600


def _remove_stale_temps(folder: Path, name: str) -> None:
    """Remove ``.NAME.*.tmp`` files that a killed earlier save left behind."""
    now = time.time()
    for old in glob.glob(os.path.join(glob.escape(str(folder)), f".{glob.escape(name)}.*.tmp")):
        try:
            if now - os.stat(old).st_mtime > STALE_TEMP_SECONDS:
                os.unlink(old)
        except OSError:
            pass


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (same-folder temp file, fsync, rename).

    A symbolic link is followed (the file it points to is replaced, the link kept); a device,
    pipe or socket is refused, never replaced by a regular file.
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
    _remove_stale_temps(folder, path.name)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except PermissionError:
        raise OutputError(_("{path}: không có quyền ghi vào thư mục “{folder}”", path=path, folder=folder)) from None
    except OSError as exc:
        raise OutputError(_("{path}: không ghi được ({error})", path=path, error=exc.strerror)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
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


def document_bytes(document: Any) -> bytes:
    """Serialise a python-docx Document in memory (nothing touches the disk yet)."""
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def save_document(document: Any, path: Path) -> None:
    write_bytes(path, document_bytes(document))
