"""The command line's edges: --debug before the command, a reader that goes away, a folder as input."""

from __future__ import annotations

import os
import subprocess
import sys

from dispatch_gen import cli

from .conftest import ROOT


def test_debug_is_accepted_before_the_command_as_after_it(capsys):
    example = str(ROOT / "examples" / "binh-son-ket-nap-dang-vien-2024.yaml")
    assert cli.main(["--debug", "check", example]) == 0
    assert cli.main(["check", "--debug", example]) == 0


def test_check_into_a_closed_pipe_ends_quietly():
    example = str(ROOT / "examples" / "binh-son-ket-nap-dang-vien-2024.yaml")
    # Python's own `| head -0`: the reader closes the pipe before anything is written.
    script = (
        "import subprocess, sys;"
        f"p = subprocess.Popen([sys.executable, '-m', 'dispatch_gen', 'check', {example!r}],"
        " stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=sys.argv[1]);"
        "p.stdout.close();"
        "err = p.stderr.read().decode();"
        "sys.stdout.write(str(p.wait()) + '\\n' + err)"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, str(ROOT)], capture_output=True, text=True, timeout=120, check=True
    )
    status, _, err = run.stdout.partition("\n")
    assert "Traceback" not in err and "BrokenPipeError" not in err, err
    assert int(status) == cli.EXIT_PIPE


def test_render_of_a_folder_says_it_is_a_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["render", "."]) == 1
    err = capsys.readouterr().err
    assert err.startswith(".: đây là một thư mục, không phải tệp; hãy ghi tên tệp"), err
    assert list(tmp_path.iterdir()) == []


def test_the_process_ends_after_its_exit_handlers_with_its_status_and_messages(workdir, tmp_path):
    # cli.run leaves with os._exit once the exit handlers have run (no interpreter finalisation):
    # the temporary folder of a user's own profile's template, removed by an exit handler, must
    # be gone, and the messages written to a file (block-buffered) must all be there.
    (workdir / "rieng.yaml").write_text("ke_thua: dang-hd36\nname: rieng\n", encoding="utf-8")
    yaml = workdir / "binh-son-ket-nap-dang-vien-2024.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("the_thuc: dang", "the_thuc: rieng.yaml"), "utf-8")
    temp = tmp_path / "temp"
    temp.mkdir()
    out, err = tmp_path / "out.txt", tmp_path / "err.txt"
    env = {**os.environ, "TMPDIR": str(temp), "PYTHONPATH": str(ROOT)}
    with out.open("wb") as o, err.open("wb") as e:
        done = subprocess.run(
            [sys.executable, "-m", "dispatch_gen", "render", str(yaml), "-o", str(tmp_path / "cv.docx")],
            stdout=o,
            stderr=e,
            env=env,
            cwd=workdir,
            timeout=120,
            check=False,
        )
    assert done.returncode == 0, err.read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8").endswith(f"Đã ghi {tmp_path / 'cv.docx'}\n")
    assert "cảnh báo" in err.read_text(encoding="utf-8")
    assert (tmp_path / "cv.docx").stat().st_size > 10_000
    assert list(temp.iterdir()) == []  # the template's folder was made there, and removed


def test_a_failed_process_still_says_why_and_ends_with_1(tmp_path):
    bad = tmp_path / "sai.yaml"
    bad.write_text("the_thuc: dang\nso_ky_hieu: [\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "dispatch_gen", "render", str(bad)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
        check=False,
    )
    assert done.returncode == 1 and done.stderr.startswith(f"{bad}:3:1: "), done.stderr
