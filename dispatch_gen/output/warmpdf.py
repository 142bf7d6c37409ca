"""A LibreOffice started ahead of the next conversion, for the web page's preview.

Starting LibreOffice is most of a conversion (~1.3 s of 1.6 s here); the page asks for one
preview after another. :class:`WarmOffice` keeps one ``soffice --headless`` running on a user
profile of its own; the next ``soffice --convert-to`` on that profile hands its files to the
running one (LibreOffice's single-instance pipe) and returns as soon as they are converted
(~0.35 s). That instance then ends, so a new one is started for the next conversion.

Nothing else changes: the conversion is :func:`dispatch_gen.output.pdf.convert_to_pdf`, with
its checks, bounds and atomic writes. Should the running instance be gone, still starting,
or busy, the call starts LibreOffice itself as before: only the time differs. Conversions
through one ``WarmOffice`` go one at a time (a lock). :meth:`WarmOffice.close` ends the
instance and removes its folder; a server killed before it could leaves a folder that the
next PDF run removes once its processes are gone (:func:`dispatch_gen.output.pdf.remove_stale_work`).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import threading
import weakref
from pathlib import Path
from typing import Any

from dispatch_gen.output import pdf

#: how long the instance that served a conversion is waited for before the next is started
SERVED_END_SECONDS = 10


class WarmOffice:
    """One LibreOffice kept started between conversions (see the module's text)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._folder: Path | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._end = weakref.finalize(self, _end_at_exit, self._lock, self.__dict__)

    def _profile(self) -> Path | None:
        if self._folder is None:
            root = pdf.work_root()
            if root is None:
                return None
            self._folder = Path(tempfile.mkdtemp(prefix=f"pdf-{os.getpid()}-warm", dir=root))
        return self._folder / "profile"

    def start(self) -> None:
        """Start the instance now (the server calls it on start), unless one runs."""
        with self._lock:
            self._start()

    def _start(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            return
        binary = pdf.find_soffice()
        profile = self._profile()
        if binary is None or profile is None:
            return
        assert self._folder is not None
        cmd = [binary, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nolockcheck"]
        try:
            quiet = subprocess.DEVNULL
            self._proc = subprocess.Popen(cmd, stdin=quiet, stdout=quiet, stderr=quiet, **pdf.group_options())
        except OSError:
            self._proc = None
            return
        with contextlib.suppress(OSError):
            (self._folder / pdf.SOFFICE_PID).write_text(str(self._proc.pid), encoding="ascii")

    def convert(self, docx_paths: list[Path], outdir: Path | None = None) -> list[Path]:
        """:func:`dispatch_gen.output.pdf.convert_to_pdf` on the running instance's profile."""
        with self._lock:
            self._start()
            try:
                return pdf.convert_to_pdf(docx_paths, outdir, profile=self._profile())
            finally:  # warm again while the clerk reads the preview
                threading.Thread(target=self._restart, args=(self._proc,), daemon=True).start()

    def _restart(self, served: subprocess.Popen[bytes] | None) -> None:
        """Once the instance that served a conversion has ended (it does, right after), start the next.

        One that is still running after :data:`SERVED_END_SECONDS` is kept: it is warm as it is.
        """
        if served is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                served.wait(timeout=SERVED_END_SECONDS)  # reaped: no defunct process left
        with self._lock:
            if self._proc is served and self._folder is not None:
                self._start()

    def close(self) -> None:
        """End the running instance and remove the folder (the server's shutdown).

        The object may be used again (a new folder, a new instance); the finalizer stays armed
        for the end of the process (calling it here would disarm it: it runs once).
        """
        with self._lock:
            _end(self.__dict__)


def _end_at_exit(lock: Any, state: dict[str, Any]) -> None:
    """The finalizer (the object collected, or the process ending): after a restart under way."""
    got = lock.acquire(timeout=5)
    try:
        _end(state)
    finally:
        if got:
            lock.release()


def _end(state: dict[str, Any]) -> None:
    proc, folder = state.get("_proc"), state.get("_folder")
    if proc is not None:
        pdf.kill_tree(proc)
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            proc.wait(timeout=10)
        state["_proc"] = None
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
        state["_folder"] = None
