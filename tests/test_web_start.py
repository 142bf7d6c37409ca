"""Starting the page: `serve` as a command (its address and token), and `init`'s one-click starters."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

from dispatch_gen import scaffold
from tests.web_case import NAME, make_folder

ROOT = Path(__file__).resolve().parent.parent


def test_serve_prints_an_address_whose_token_opens_the_page(tmp_path):
    make_folder(tmp_path)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [sys.executable, "-m", "dispatch_gen", "serve", str(tmp_path), "--no-browser", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        line = proc.stdout.readline()
        assert line.startswith("Trang soạn thảo: http://127.0.0.1:"), line + proc.stderr.read()
        url = line.split(": ", 1)[1].strip()
        base, token = url.split("/?token=")
        assert len(token) >= 30
        try:
            urllib.request.urlopen(base + "/api/files", timeout=10)
            raise AssertionError("a request without the token was answered")
        except urllib.error.HTTPError as exc:
            assert exc.code == 403
        request = urllib.request.Request(base + "/api/files", headers={"X-Dispatch-Gen-Token": token})
        with urllib.request.urlopen(request, timeout=10) as r:
            assert NAME in r.read().decode("utf-8")
    finally:
        proc.terminate()
        proc.wait(10)


def test_serve_refuses_a_missing_folder(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    run = subprocess.run(
        [sys.executable, "-m", "dispatch_gen", "--lang", "en", "mo", str(tmp_path / "khong-co"), "--no-browser"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert run.returncode == 1
    assert run.stderr.strip() == f"{tmp_path / 'khong-co'}: not a folder"


def test_init_writes_the_one_click_starters(tmp_path):
    folder = tmp_path / "cv"
    scaffold.create(folder)
    bat = (folder / "mo-trang-soan-thao.bat").read_bytes()
    assert b"\r\n" in bat and b"\n" not in bat.replace(b"\r\n", b"")  # Windows line ends only
    text = bat.decode("utf-8")
    assert f'"{os.path.abspath(sys.executable)}" -m dispatch_gen serve .' in text
    assert 'cd /d "%~dp0"' in text
    assert "py -m dispatch_gen serve ." in text
    for name in ("mo-trang-soan-thao.sh", "mo-trang-soan-thao.command"):
        sh = folder / name
        assert sh.read_text(encoding="utf-8").startswith("#!/bin/sh\n")
        if os.name == "posix":
            assert sh.stat().st_mode & 0o100


def test_the_sh_starter_runs_the_page(tmp_path):
    folder = tmp_path / "cv"
    scaffold.create(folder)
    env = dict(os.environ, PYTHONPATH=str(ROOT), BROWSER="true")  # webbrowser: a browser that does nothing
    proc = subprocess.Popen(
        ["sh", str(folder / "mo-trang-soan-thao.sh")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        line = proc.stdout.readline()
        assert line.startswith("Trang soạn thảo: http://127.0.0.1:"), line + proc.stderr.read()
    finally:
        proc.terminate()
        proc.wait(10)


def test_a_non_editable_install_ships_every_file_of_the_page():
    import fnmatch
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert "dispatch_gen.web" in config["packages"]
    assert "dispatch_gen.commands" in config["packages"]
    patterns = config["package-data"]["dispatch_gen.web"]
    static = ROOT / "dispatch_gen" / "web" / "static"
    shipped = [p.name for p in static.iterdir() if any(fnmatch.fnmatch(f"static/{p.name}", pat) for pat in patterns)]
    assert sorted(shipped) == sorted(p.name for p in static.iterdir())
    assert {"index.html", "app.js", "form.js", "app.css"} <= set(shipped)
