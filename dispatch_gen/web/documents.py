"""The dispatches of the served folder: listed, read with their version, saved atomically.

Every name the page sends is a path relative to the folder, resolved inside it
(:func:`dispatch_gen.input.files.resolve_inside`: no ``..``, no link out), and of the kind the
request is about (``.yaml``/``.yml`` for a dispatch, ``.xlsx``/``.csv`` for a figures sheet).
A save names the version of the file the page opened (a SHA-256 of its bytes): when the file
changed on disk since, the save is refused with a conflict notice instead of losing either edit.
Writes go through :mod:`dispatch_gen.output.save` (temporary file, then rename).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from dispatch_gen.errors import InputError
from dispatch_gen.i18n import _
from dispatch_gen.input import files, sheets, source
from dispatch_gen.output import save

YAML_SUFFIXES = (".yaml", ".yml")
#: folders not listed: hidden ones, and those that hold no dispatches
SKIPPED = ("node_modules", "__pycache__")
MAX_LISTED = 500
MAX_DEPTH = 3


class Refused(Exception):
    """A name the page may not use (outside the folder, wrong kind, missing): a short message."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message, self.status = message, status


class Conflict(Exception):
    """The file changed on disk since the page opened it."""

    def __init__(self, version: str) -> None:
        super().__init__(version)
        self.version = version


@dataclass(frozen=True)
class Opened:
    name: str
    text: str
    version: str


def version_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Folder:
    """The served folder."""

    def __init__(self, root: Path) -> None:
        self.root = Path(os.path.realpath(root))

    def resolve(self, name: str, suffixes: tuple[str, ...]) -> Path:
        """``name`` inside the folder, with one of ``suffixes``; :class:`Refused` otherwise."""
        if not name or "\x00" in name or Path(name).is_absolute() or "\\" in name:
            raise Refused(_("tên tệp không hợp lệ: “{name}”", name=name[:200]))
        if Path(name).suffix.lower() not in suffixes:
            raise Refused(_("“{name}” không phải tệp {kinds}", name=name[:200], kinds=", ".join(suffixes)))
        try:
            return files.resolve_inside(self.root, name)
        except (files.Outside, OSError):
            raise Refused(_("“{name}” nằm ngoài thư mục đang mở", name=name[:200]), 403) from None

    def name_of(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def list(self) -> list[str]:
        """The dispatch files of the folder and its subfolders (a few levels), sorted."""
        found: list[str] = []
        for here, dirs, names in os.walk(self.root):
            depth = len(Path(here).relative_to(self.root).parts)
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED and depth < MAX_DEPTH)
            for n in sorted(names):
                if Path(n).suffix.lower() in YAML_SUFFIXES and not n.startswith("."):
                    found.append(self.name_of(Path(here) / n))
                    if len(found) >= MAX_LISTED:
                        return found
        return found

    def open(self, name: str) -> Opened:
        path = self.resolve(name, YAML_SUFFIXES)
        try:
            raw = files.read_file(path, source.MAX_YAML_BYTES, name)
        except InputError as exc:
            raise Refused("; ".join(p.message for p in exc.problems), 404) from None
        try:
            text = source.decode_text(raw, name)
        except InputError as exc:
            raise Refused("; ".join(p.message for p in exc.problems)) from None
        return Opened(name, text, version_of(raw))

    def current_version(self, path: Path) -> str | None:
        try:
            return version_of(path.read_bytes())
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise Refused(_("không đọc được tệp: {error}", error=exc.strerror)) from None

    def save(self, name: str, text: str, version: str | None) -> str:
        """Write ``text`` over ``name`` when it is still the ``version`` opened (None: a new file)."""
        path = self.resolve(name, YAML_SUFFIXES)
        data = text.encode("utf-8")
        if len(data) > source.MAX_YAML_BYTES:
            raise Refused(_("tệp quá lớn (tối đa {limit} MB)", limit=source.MAX_YAML_BYTES // 1048576), 413)
        now = self.current_version(path)
        if now != version:
            raise Conflict(now or "")
        save.write_bytes(path, data)
        return version_of(data)

    def create(self, name: str, text: str) -> str:
        """A new dispatch ``name`` (refused when it exists) holding ``text``."""
        path = self.resolve(name, YAML_SUFFIXES)
        if path.exists():
            raise Refused(_("tệp “{name}” đã có; chọn tên khác", name=name), 409)
        if not path.parent.is_dir():
            raise Refused(_("thư mục của “{name}” không tồn tại", name=name))
        return self.save(name, text, None)

    def save_sheet(self, dispatch: str, filename: str, data: bytes) -> str:
        """A figures sheet uploaded beside the dispatch ``dispatch``; returns its name relative to it."""
        base = Path(filename.replace("\\", "/")).name
        if not base or base.startswith("."):
            raise Refused(_("tên tệp không hợp lệ: “{name}”", name=filename[:200]))
        folder = self.resolve(dispatch, YAML_SUFFIXES).parent
        name = self.name_of(folder / base) if folder != self.root else base
        target = self.resolve(name, sheets.SUFFIXES)
        save.write_bytes(target, data)
        return base
