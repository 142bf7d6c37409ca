"""Nothing left behind after a kill: a render or a PDF run stopped by SIGKILL at random points
leaves temporary files that the next run removes, so none remains after it.

The child is a fork of the test process (already warm, so a kill costs milliseconds) that
repeats the job until it is killed; the delays are random but seeded, the counts bounded.
"""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import pytest

from dispatch_gen import pipeline
from dispatch_gen.output import pdf, save

VALID = Path(__file__).parent / "bad" / "hop-le.yaml"
KILLS = 40

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL (POSIX)")


def kill_at_random(job, kills: int, longest: float, seed: int) -> None:
    """Run ``job`` over and over in a forked child; SIGKILL it after a random delay, ``kills`` times."""
    rng = random.Random(seed)
    for _ in range(kills):
        pid = os.fork()
        if pid == 0:  # the child: never returns into pytest
            try:
                while True:
                    job()
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0, longest))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL


def temps_beside(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_renders_killed_at_random_points_leave_nothing_after_the_next_run(tmp_path):
    out = tmp_path / "cong-van.docx"
    ld = pipeline.load(VALID)
    doc, _warnings = pipeline.build_dispatch(ld)
    data = save.document_bytes(doc)
    started = time.perf_counter()
    save.write_bytes(out, data)
    one_save = time.perf_counter() - started

    left_by_kills = 0
    for seed in range(KILLS):
        # kill during a loop of saves: random points of write, fsync and rename
        kill_at_random(lambda: save.write_bytes(out, data), 1, 3 * one_save + 0.002, seed)
        left_by_kills += len(temps_beside(tmp_path))
    assert left_by_kills > 0  # the kills did land inside saves (or the test shows nothing)

    pipeline.render_file(VALID, out)  # the next run
    assert temps_beside(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cong-van.docx"]


def test_a_temp_of_a_running_process_is_kept_and_a_dead_ones_removed(tmp_path):
    mine = tmp_path / save.temp_name("a.docx")
    mine.write_bytes(b"in progress")
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)  # a process number that has just ended
    dead = tmp_path / f".a.docx.{save.TEMP_MARK}-{pid}-00ff.tmp"
    dead.write_bytes(b"left by a killed save")
    other = tmp_path / ".a.docx.backup.tmp"  # not ours: never touched
    other.write_bytes(b"the user's")
    another = tmp_path / f".b.a.docx.{save.TEMP_MARK}-{pid}-00ff.tmp"  # a dead save of b.a.docx: its own
    another.write_bytes(b"left by a killed save of another file")
    save.remove_stale_temps(tmp_path, "a.docx")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([mine.name, other.name, another.name])
    old = time.time() - save.STALE_TEMP_SECONDS - 1
    os.utime(mine, (old, old))  # too old to be a save in progress, whatever its number says
    save.remove_stale_temps(tmp_path, "a.docx")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([other.name, another.name])


@pytest.mark.skipif(not pdf.pdf_available(), reason="LibreOffice (soffice) is not installed")
def test_pdf_runs_killed_at_random_points_leave_nothing_after_the_next_run(tmp_path, monkeypatch):
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(temp))
    out = tmp_path / "out"
    out.mkdir()
    src = out / "cong-van.docx"
    pipeline.render_file(VALID, src)
    kill_at_random(lambda: pdf.convert_to_pdf([src]), 6, 3.0, 7)
    root = pdf.work_root()
    assert root is not None and root.parent == temp
    assert list(root.iterdir())  # the kills did leave work folders behind
    # a soffice that outlived its killed parent keeps its folder until it ends: wait for it (bounded)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and any(pdf._soffice_alive(w / pdf.SOFFICE_PID) for w in root.iterdir()):
        time.sleep(0.2)
    for w in root.iterdir():
        pid_file = w / pdf.SOFFICE_PID
        if pdf._soffice_alive(pid_file):
            os.killpg(int(pid_file.read_text()), signal.SIGKILL)
    pdf.convert_to_pdf([src])  # the next run
    assert list(root.iterdir()) == []
    assert sorted(p.name for p in out.iterdir()) == ["cong-van.docx", "cong-van.pdf"]
    assert sorted(p.name for p in temp.iterdir()) == [root.name]
