"""``dispatch-gen`` run in a child process with a cap on its address space and its wall time.

The resource cases of issues 13 and 23 (hostile expressions, templates, workbooks, documents)
must end with exit 1 within stated bounds; every test of them runs the command through here.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEMORY = 1536 * 1024 * 1024  # bytes of address space the child may use


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run_capped(args: list[str], cwd: Path, seconds: float) -> tuple[subprocess.CompletedProcess[str], float]:
    """``python -m dispatch_gen ARGS`` from ``cwd`` under the caps; the process and its wall time."""
    start = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "dispatch_gen", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=seconds,
        preexec_fn=_limit,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        cwd=cwd,
    )
    return proc, time.monotonic() - start
