"""Reading a file on the user's behalf: confined to a folder, regular, bounded, opened once.

Every file the tool reads because a user named it (the figures spreadsheet named in the
YAML, a template given with ``--template``) goes through :func:`read_file`:

- a name from the YAML is resolved **once**, relative to the folder where the YAML really is
  (when the YAML is a symbolic link, the folder of the file it points to: the names in it
  were written beside that file); the resolved path must lie inside that folder;
- the resolved path is then opened one component at a time from ``/`` with ``O_NOFOLLOW``
  (relative to each directory's descriptor), so a part swapped for a link after the check is
  refused, never followed; where the system has no ``dir_fd`` (Windows) the opened file's
  identity (``fstat``) is compared with the checked path's instead;
- only a regular file is read (never a FIFO, a device such as ``/dev/zero``, a directory),
  and at most ``limit`` bytes: a larger file is refused with a located message.

For :func:`dispatch_gen.input.source.decode_text`: :func:`decode_bom` reads UTF-16/32 (and
UTF-8) with a BOM, :func:`plausible_cp1258` Windows-1258 when unambiguous, and
:func:`resave_hint` says how to save a file again in UTF-8.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
import unicodedata
from pathlib import Path

from dispatch_gen.errors import InputError, Problem
from dispatch_gen.i18n import _

_POSIX = os.name == "posix" and hasattr(os, "O_NOFOLLOW") and os.open in os.supports_dir_fd
_BINARY = getattr(os, "O_BINARY", 0)


class Outside(Exception):
    """A referenced name leads outside the folder it must stay in."""


def real_folder(yaml_path: Path) -> Path:
    """The folder names in a YAML are relative to: the real YAML file's folder."""
    return Path(os.path.realpath(yaml_path)).parent


def resolve_inside(base: Path, name: str) -> Path:
    """``name`` relative to ``base``, resolved (no ``..``, no link left); :class:`Outside` if it leaves."""
    base = Path(os.path.realpath(base))
    path = Path(os.path.realpath(base / name))
    if not path.is_relative_to(base) or path == base:
        raise Outside(name)
    return path


def _refused(display: str, exc: OSError, what: str | None) -> InputError:
    if exc.errno == errno.ENAMETOOLONG:
        message = _("tên tệp hoặc tên một thư mục trong đường dẫn quá dài; hãy đặt tên ngắn hơn")
    elif exc.errno in (errno.ELOOP, errno.EMLINK, errno.ENOTDIR, errno.EINVAL):
        message = _("tệp vừa bị thay bằng một liên kết trong lúc đọc; không đọc (hãy chạy lại)")
    elif isinstance(exc, FileNotFoundError):
        message = _("không tìm thấy {what}", what=what) if what else _("không tìm thấy tệp")
    elif isinstance(exc, PermissionError):
        message = _("không có quyền đọc tệp")
    else:
        message = _("không đọc được tệp: {error}", error=exc.strerror)
    return InputError([Problem(message, display)])


def _is_loop(path: Path) -> bool:
    """Whether ``path`` is a link that never reaches a file (not one swapped in since it was resolved)."""
    try:
        os.stat(path)
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def refused(display: str, exc: OSError, what: str | None = None) -> InputError:
    """The located refusal for an ``OSError`` met opening a file the user named."""
    if exc.errno == errno.ELOOP and _is_loop(Path(display)):
        return InputError(
            [Problem(_("đây là một liên kết (symlink) vòng quanh, trỏ về chính nó; hãy ghi tên tệp thật"), display)]
        )
    return _refused(display, exc, what)


def _megabytes(size: int) -> str:
    mb = size / 1048576
    return f"{mb:.0f}" if mb.is_integer() else f"{mb:.1f}"


def _open_walk(path: Path) -> int:
    """Open an absolute, resolved ``path`` component by component, following no link."""
    parts = path.parts
    fd = os.open(parts[0], os.O_RDONLY | os.O_DIRECTORY)
    try:
        for part in parts[1:-1]:
            nxt = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
            os.close(fd)
            fd = nxt
        # O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused just after)
        return os.open(parts[-1], os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=fd)
    finally:
        os.close(fd)


def _open_checked(path: Path) -> int:
    """Open ``path`` and make sure the file opened is the one checked (no ``dir_fd`` here)."""
    before = os.lstat(path)
    if stat.S_ISLNK(before.st_mode):
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(path))
    fd = os.open(path, os.O_RDONLY | _BINARY)
    after = os.fstat(fd)
    if (after.st_dev, after.st_ino) != (before.st_dev, before.st_ino) or os.path.realpath(path) != str(path):
        os.close(fd)
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(path))
    return fd


def read_file(path: Path, limit: int, display: str | None = None, what: str | None = None) -> bytes:
    """The bytes of the regular file ``path`` (resolved here unless already), at most ``limit``.

    ``display`` names the file in messages (as the user wrote it); ``what`` says what the file
    is for ("tệp số liệu", "tệp mẫu") in the size message.
    """
    return _read_resolved(Path(os.path.realpath(path)), limit, display or str(path), what)


def _read_resolved(resolved: Path, limit: int, shown: str, what: str | None) -> bytes:
    """Read a path resolved earlier, as it was resolved: a link found on the way is refused."""
    try:
        fd = _open_walk(resolved) if _POSIX else _open_checked(resolved)
    except OSError as exc:
        if exc.errno == errno.ELOOP and _is_loop(resolved):  # realpath leaves a loop of links as it is
            message = _("đây là một liên kết (symlink) vòng quanh, trỏ về chính nó; hãy ghi tên tệp thật")
            raise InputError([Problem(message, shown)]) from None
        raise _refused(shown, exc, what) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError([Problem(_("đây là một thư mục, không phải tệp; hãy ghi tên tệp"), shown)])
        if not stat.S_ISREG(st.st_mode):
            raise InputError([Problem(_("không phải tệp thường (thiết bị, ống dẫn…); không đọc"), shown)])
        too_big = InputError(
            [
                Problem(
                    _("{what} quá lớn (tối đa {limit} MB)", what=what or _("tệp"), limit=_megabytes(limit)),
                    shown,
                )
            ]
        )
        if st.st_size > limit:
            raise too_big
        if _POSIX:
            os.set_blocking(fd, True)
        chunks = []
        total = 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # it grew while being read
                raise too_big
        return b"".join(chunks)
    except OSError as exc:
        raise _refused(shown, exc, what) from None
    finally:
        os.close(fd)


def read_inside(base: Path, name: str, limit: int, display: str | None = None, what: str | None = None) -> bytes:
    """``name`` relative to ``base``, never outside it (:class:`Outside`), read by :func:`read_file`."""
    try:
        resolved = resolve_inside(base, name)
    except OSError as exc:  # a link swapped in or out while it was being resolved
        raise _refused(display or name, exc, what) from None
    return _read_resolved(resolved, limit, display or str(resolved), what)


# --- text encodings ------------------------------------------------------------------------

#: byte-order marks, longest first (UTF-32 LE starts with UTF-16 LE's mark)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: the letters of Vietnamese beyond ASCII (precomposed, as NFC writes them)
_VIETNAMESE = set("àáâãèéêìíòóôõùúýăđĩũơưÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯ") | {chr(c) for c in range(0x1EA0, 0x1EFA)}
#: what else Windows-1258 holds that a Vietnamese text may use: typographic punctuation, symbols
_CP1258_PUNCTUATION = set("“”‘’–—…•€«»°±×÷§©®¶·¹²³¼½¾¡¿¢£¥¤¦¨¬¯´¸ªº\u00a0")


def plausible_cp1258(raw: bytes) -> str | None:
    """``raw`` read as Windows-1258 (composed: NFC), when that reading is unambiguous; else None.

    Windows-1258 writes most toned letters as a base letter and a combining tone mark. The
    reading is taken only when there is at least one such mark, and every character beyond
    ASCII is, once composed, a Vietnamese letter or punctuation: Latin-1 text read as
    Windows-1258 ("così", "Café và trà") fails one test or the other.
    """
    try:
        text = raw.decode("cp1258")
    except UnicodeDecodeError:
        return None
    if not any(unicodedata.category(c) == "Mn" for c in text):
        return None
    text = unicodedata.normalize("NFC", text)
    if all(c.isascii() or c in _VIETNAMESE or c in _CP1258_PUNCTUATION for c in text):
        return text
    return None


def decode_bom(raw: bytes, file: str) -> str | None:
    """The text of bytes that start with a UTF-8, UTF-16 or UTF-32 byte-order mark; else None.

    What Excel's "Unicode Text" and Windows editors save (UTF-16 LE with a BOM).
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                before = raw[len(bom) : len(bom) + exc.start].decode(encoding, errors="replace")
                message = _("tệp hỏng: có byte không đọc được theo bảng mã {encoding}", encoding=encoding.upper())
                raise InputError([Problem(message, file, before.count("\n") + 1, 1)]) from None
    return None


def resave_hint(kind: str) -> str:
    """How to save a ``kind`` file ("CSV", "YAML") again in UTF-8."""
    if kind == "CSV":
        return _("trong Excel: Tệp → Lưu thành → chọn kiểu “CSV UTF-8 (Comma delimited)”")
    return _("trong Notepad: Tệp → Lưu thành → Mã hóa: UTF-8")
