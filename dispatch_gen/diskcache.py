"""Work a cold start would redo, kept in the user's cache folder between processes.

A ``dispatch-gen render`` is a new process each time; two of its costs give the same result
every time for the same input, so their results are kept on disk, keyed by everything they
depend on (the input, the code that produced them, the versions):

- a validated format profile (:mod:`dispatch_gen.input.profile`): validating imports pydantic
  and builds the model, ~0.1 s; the result is a plain dict;
- a Jinja template's compiled code (:mod:`dispatch_gen.compute.jinjalimits`): parsing,
  bounding and generating the Python of the texts' and the Word template's Jinja, ~0.05 s;
- a validated profile by its files' bytes, so that its YAML is not even parsed
  (:mod:`dispatch_gen.input.profile`), and each template part as docxtpl patched it
  (:mod:`dispatch_gen.render.engine`).

Entries are ``marshal`` data (the exact values, code objects included), written whole (a
temporary file renamed) so that a concurrent reader sees all or nothing. A failure is never
kept, so it is found and located afresh. Any trouble (no home folder, a read-only disk, a
damaged entry) only means doing the work. ``DISPATCH_GEN_CACHE=<folder>`` chooses the folder,
``DISPATCH_GEN_CACHE=`` (empty) turns the cache off.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import random
import sys
import tempfile
from pathlib import Path
from typing import Any

from dispatch_gen import __version__

#: entries of one kind kept at most (the page's server compiles a new text at every edit)
MAX_ENTRIES = 2000


def cache_dir() -> Path | None:
    """``$DISPATCH_GEN_CACHE``, else ``$XDG_CACHE_HOME/dispatch-gen``, else ``~/.cache/dispatch-gen``; None: off."""
    if "DISPATCH_GEN_CACHE" in os.environ:
        chosen = os.environ["DISPATCH_GEN_CACHE"]
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "dispatch-gen"


def key(*parts: bytes | str) -> str | None:
    """A key for data depending on ``parts`` (and this version and Python's); None when the cache is off."""
    if cache_dir() is None:
        return None
    digest = hashlib.sha256(f"{__version__} {sys.version}".encode())
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()[:40]


def read(kind: str, entry: str | None) -> Any:
    """The value kept under ``entry``, or None."""
    folder = cache_dir()
    if folder is None or entry is None:
        return None
    try:
        return marshal.loads((folder / f"{kind}-{entry}.marshal").read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None


def write(kind: str, entry: str | None, value: Any) -> None:
    """Keep ``value`` under ``entry`` (quietly nothing when it cannot be written)."""
    folder = cache_dir()
    if folder is None or entry is None:
        return
    try:
        blob = marshal.dumps(value)
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)  # the entries hold code: the user's alone
        fd, tmp = tempfile.mkstemp(prefix=f".{kind}-", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, folder / f"{kind}-{entry}.marshal")
        if random.random() < 0.02:  # now and then: the oldest entries beyond the bound go
            _prune(folder, kind)
    except (OSError, ValueError):
        return


def _prune(folder: Path, kind: str) -> None:
    entries = sorted(folder.glob(f"{kind}-*.marshal"), key=lambda p: p.stat().st_mtime)
    for old in entries[: max(0, len(entries) - MAX_ENTRIES)]:
        old.unlink(missing_ok=True)


def source_of(*modules: str) -> bytes:
    """The source files of ``modules`` (dispatch_gen's own), for a key: a change of code is a new key."""
    out = []
    for name in modules:
        module = sys.modules.get(name)
        path = getattr(module, "__file__", None)
        if path:
            out.append(Path(path).read_bytes())
    return b"\0".join(out)
