"""The README says what is true: its generated reference, its walkthrough, its commands."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from dispatch_gen import cli
from dispatch_gen.input import schema
from dispatch_gen.output import pdf

from .conftest import ROOT

README = ROOT / "README.md"


@pytest.fixture(scope="module")
def readme() -> str:
    return README.read_text(encoding="utf-8")


def test_yaml_reference_is_a_fresh_generation(readme):
    assert schema.readme_with_reference(readme) == readme, "stale: run  python -m dispatch_gen.input.schema README.md"


def test_the_two_commands_are_written_as_given(readme):
    assert (
        "python3 -m venv .venv && .venv/bin/pip install . && "
        ".venv/bin/dispatch-gen render examples/binh-son-ket-nap-dang-vien-2024.yaml -o cong-van.docx"
    ) in readme
    assert "bash scripts/test.sh" in readme
    assert "bash scripts/test.sh" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_pictures_exist(readme):
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", readme)
    assert len(images) >= 2
    for img in images:
        assert (ROOT / img).is_file(), img


def test_every_command_is_in_the_reference(readme):
    parser = cli.build_parser()
    (sub,) = [a for a in parser._actions if a.dest == "command"]
    assert {"render", "appendix", "check", "init", "schema"} <= set(sub.choices)
    for name in sub.choices:
        assert f"| `{name}` |" in readme, f"the README's command table lacks {name}"
    for status in ("0", "1", "2", "3"):
        assert f"| {status} |" in readme


def walkthrough_commands(readme: str) -> list[str]:
    """The walkthrough's commands, less those that set up the environment (venv, pip, activate)."""
    block = readme.split("<!-- walkthrough:start -->", 1)[1].split("<!-- walkthrough:end -->", 1)[0]
    code = re.search(r"```bash\n(.*?)```", block, re.S)
    assert code, "the walkthrough block holds no ```bash code"
    lines = [ln.strip() for ln in code.group(1).splitlines() if ln.strip() and not ln.startswith("#")]
    setup = re.compile(r"(^|\s)(python3? -m venv|\S*pip install|\. \S*activate|source \S*activate)")
    return [ln for ln in lines if not setup.search(ln)]


def _installed_command(tmp: Path) -> Path:
    """The dispatch-gen of this Python's environment, or a stand-in running this checkout."""
    beside = Path(sys.executable).parent / "dispatch-gen"
    if beside.exists():
        return beside.parent
    shim = tmp / "bin" / "dispatch-gen"
    shim.parent.mkdir()
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m dispatch_gen "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    return shim.parent


def test_walkthrough_runs_as_written(readme, tmp_path):
    commands = walkthrough_commands(readme)
    assert any(c.startswith("dispatch-gen init ") for c in commands)
    assert any(c.startswith("dispatch-gen render ") for c in commands)
    with_pdf = pdf.pdf_available()
    if not with_pdf:  # the PDF step needs LibreOffice, which scripts/test.sh installs
        commands = [c.replace(" --pdf", "") for c in commands]
    work = tmp_path / "work"
    work.mkdir()
    env = dict(os.environ)
    env["PATH"] = f"{_installed_command(tmp_path)}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    script = "set -e\n" + "\n".join(commands) + "\n"
    run = subprocess.run(
        ["bash", "-c", script], cwd=work, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert run.returncode == 0, run.stdout + run.stderr
    folder = work / "cong-van-thang-8"
    assert "không thấy lỗi" in run.stdout
    assert (folder / "cong-van.docx").stat().st_size > 10_000
    if with_pdf:
        assert (folder / "cong-van.pdf").read_bytes().startswith(b"%PDF")


def test_walkthrough_parser_skips_only_the_setup():
    text = (
        "<!-- walkthrough:start -->\n```bash\npython3 -m venv .venv && .venv/bin/pip install .\n"
        ". .venv/bin/activate\ndispatch-gen init x\n```\n<!-- walkthrough:end -->"
    )
    assert walkthrough_commands(text) == ["dispatch-gen init x"]


def test_readme_lists_every_module(readme):
    """Every module of the package is named in the design section's map (top level as `name.py`)."""
    design = readme.split("### Thiết kế", 1)[1].split("###", 1)[0]
    package = ROOT / "dispatch_gen"
    missing = []
    for path in sorted(package.rglob("*.py")):
        if path.stem.startswith("_"):
            continue
        rel = path.relative_to(package)
        if len(rel.parts) == 1:
            found = f"{path.stem}.py" in design
        else:
            found = f"{rel.parts[0]}/" in design and re.search(rf"\b{path.stem}\b", design) is not None
        if not found:
            missing.append(str(rel))
    assert missing == [], f"add them to the README's module map: {missing}"
