"""What the benchmark's measures share: a result line, medians, whole-process timings."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent


def child_env(pycache: Path) -> dict[str, str]:
    """The environment of every timed process: the worktree first on sys.path, bytecode cached.

    An installed package has its .pyc files; PYTHONDONTWRITEBYTECODE (set in some shells)
    would make every cold start compile the sources again, so the children cache their
    bytecode in the run's scratch folder and each command is run once before it is timed.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


ENV: dict[str, str] = dict(os.environ)


@dataclass
class Line:
    """One row of the result table; ``ratio`` = ours / docxtpl, ``dratio`` = ours / docxtemplater."""

    name: str
    ours: str
    docxtpl: str = ""
    ratio: str = ""
    target: str = ""
    met: bool | None = None
    dtpl: str = ""
    dratio: str = ""


def ratio(a: float, b: float | None) -> str:
    return f"{a / b:.2f}×" if b else ""


def median_ms(fn: Callable[[], object], runs: int, warmup: int = 2) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def wall(cmd: list[str], env: dict[str, str] | None = None) -> float:
    """Seconds of one whole process; a failure stops the benchmark with its message."""
    t = time.perf_counter()
    done = subprocess.run(cmd, env=env or ENV, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - t
    if done.returncode not in (0, 1):  # `check` says 1 for a document with findings
        raise SystemExit(f"{' '.join(cmd[:4])} … failed ({done.returncode}): {done.stderr.strip()[-1500:]}")
    return seconds


def alternated(cmds: dict[str, tuple[list[str], dict[str, str] | None]], runs: int) -> dict[str, float]:
    """Median seconds of each whole-process command, run in turn (a, b, c, a, b, c …) after one warm-up each."""
    for cmd, env in cmds.values():
        wall(cmd, env)
    times: dict[str, list[float]] = {k: [] for k in cmds}
    for _ in range(runs):
        for k, (cmd, env) in cmds.items():
            times[k].append(wall(cmd, env))
    return {k: statistics.median(v) for k, v in times.items()}


def json_run(cmd: list[str]) -> dict[str, Any]:
    """Run ``cmd`` (a timed child: bare docxtpl, a measure of ours) and read the JSON of its last line."""
    done = subprocess.run(cmd, env=ENV, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[1:3])} failed: {done.stderr.strip()[-1500:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def python() -> list[str]:
    return [sys.executable]
