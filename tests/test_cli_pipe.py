"""The command line's edges: --debug before the command, a reader that goes away, a folder as input."""

from __future__ import annotations

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
