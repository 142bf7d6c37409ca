"""The terminal's streams as the run uses them: a message never turns a finished job into a failure.

``cli.main`` writes through :class:`Tolerant` wrappers of ``sys.stdout`` and ``sys.stderr``:

- A console that cannot show Vietnamese (``PYTHONIOENCODING=cp1252``; Windows when the output is
  redirected to a file, which uses the ANSI code page) gets every character it cannot encode as
  a backslash escape (``\\u1ec7``): the message stays whole and exact, only less readable
  (``errors="backslashreplace"``, chosen over ``"replace"``, whose ``?`` loses the letter; a
  ``check --json`` line stays valid JSON for the Vietnamese letters, escaped ``\\uXXXX``). Before, the run ended with
  ``UnicodeEncodeError`` (exit status 3) after the .docx was written.
- A write that fails (a full device, ``/dev/full``: ``OSError`` 28; an I/O error; a closed
  terminal) is dropped: the exit status says what became of the job (0 when the files were
  written, 1 when the input had problems), never what became of its messages, which the files
  on disk do not depend on. The one exception is a reader that went away from stdout
  (``check … | head``): ``BrokenPipeError`` goes on, and the CLI ends quietly with 141, as a
  shell pipeline expects.

:func:`finish` flushes at the end of the process (stdout to a file is block-buffered: its
write fails only there), so that the interpreter's own last flush has nothing left to fail on.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import Any


class Tolerant:
    """A text stream whose writes cannot fail the run (see the module's text)."""

    def __init__(self, stream: Any, keep_broken_pipe: bool) -> None:
        self._stream = stream
        self._keep_broken_pipe = keep_broken_pipe
        self.lost = False  # a message could not be written

    def _guard(self, action: Any, *args: Any) -> Any:
        try:
            return action(*args)
        except BrokenPipeError:
            if self._keep_broken_pipe:
                raise
        except UnicodeError:  # a ValueError too, but one write() answers
            raise
        except (OSError, ValueError):  # ValueError: the stream was closed
            pass
        self.lost = True
        return None

    def write(self, text: str) -> int:
        if self._stream is None:  # no console at all (pythonw)
            return len(text)
        try:
            self._guard(self._stream.write, text)
        except UnicodeEncodeError:
            encoding = getattr(self._stream, "encoding", None) or "ascii"
            self._guard(self._stream.write, text.encode(encoding, "backslashreplace").decode(encoding))
        return len(text)

    def flush(self) -> None:
        if self._stream is not None:
            self._guard(self._stream.flush)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextlib.contextmanager
def tolerant_streams() -> Iterator[None]:
    """``sys.stdout`` and ``sys.stderr`` wrapped in :class:`Tolerant` for the block, then put back."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = Tolerant(out, keep_broken_pipe=True), Tolerant(err, keep_broken_pipe=False)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def stdout_gone() -> None:
    """Point stdout at the null device, so that what is still buffered goes nowhere, quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def finish() -> bool:
    """Flush stdout and stderr at the end of the process; True when stdout's reader went away."""
    gone = False
    for stream in (sys.stdout, sys.stderr):
        if stream is None:
            continue
        try:
            stream.flush()
        except BrokenPipeError:
            gone = gone or stream is sys.stdout
            if stream is sys.stdout:
                stdout_gone()
        except (OSError, ValueError):  # a full device: the buffered text is dropped, the status kept
            if stream is sys.stdout:
                stdout_gone()
    return gone
