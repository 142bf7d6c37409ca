"""What the README's commands write, run in the source tree, is ignored by git (issue 13).

Every ``dispatch-gen render|appendix|init|schema …`` command the README shows is read, the files
and folders it writes are derived from its arguments (``-o``, ``--xlsx``, ``--pdf``, ``init``'s
folder, ``<yaml>.docx`` without ``-o``, a per-unit batch's folder), and ``git check-ignore``
must ignore each.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import PurePosixPath

import pytest

from .conftest import ROOT

COMMAND = re.compile(r"dispatch-gen (render|appendix|init|schema|import|nhap) ([^`\n]*)")
pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or not (ROOT / ".git").exists(), reason="needs git and a checkout"
)


def written(command: str, args: list[str]) -> list[str]:
    """The paths (relative to the folder it runs in) that a README command writes."""
    opts = {a: args[i + 1] for i, a in enumerate(args[:-1]) if a in ("-o", "--output", "--xlsx", "--moi-don-vi")}
    plain = [a for i, a in enumerate(args) if not a.startswith("-") and (i == 0 or args[i - 1] not in opts)]
    if command == "init":
        return [plain[0].rstrip("/") + "/"]
    if command == "schema":
        return [opts["-o"]] if "-o" in opts else []
    if command in ("import", "nhap"):
        return [opts.get("-o") or str(PurePosixPath(plain[0]).with_suffix(".yaml"))]
    out: list[str] = []
    if "--moi-don-vi" in opts or len(plain) > 1:
        folder = opts.get("-o") or str(PurePosixPath(plain[0]).with_suffix(""))
        return [folder.rstrip("/") + "/"]
    docx = opts.get("-o") or str(PurePosixPath(plain[0]).with_suffix(".docx"))
    out.append(docx)
    if "--pdf" in args:
        out.append(str(PurePosixPath(docx).with_suffix(".pdf")))
    if "--xlsx" in opts:
        out.append(opts["--xlsx"])
    return out


def readme_outputs() -> set[str]:
    found = set()
    for command, rest in COMMAND.findall((ROOT / "README.md").read_text(encoding="utf-8")):
        args = shlex.split(rest.split("&&")[0].split("|")[0])
        args = [a for a in args if a not in ("…", "...") and not re.fullmatch(r"[A-Z_]+", a)]  # FOLDER: a placeholder
        if command == "init" and not [a for a in args if not a.startswith("-")]:
            continue
        if args and args[0] not in ("--help", "-h"):
            found.update(written(command, args))
    return found


def test_the_readme_commands_are_found():
    outputs = readme_outputs()
    # the examples the issue names, and the commands table's
    assert {"cong-van.docx", "cong-van.pdf", "cong-van-thang-8/", "PHU-LUC.docx", "PHU-LUC.xlsx"} <= outputs


def test_every_file_a_readme_command_writes_is_ignored_by_git():
    outputs = sorted(readme_outputs())
    probe = [p.rstrip("/") + "/x.docx" if p.endswith("/") else p for p in outputs]
    result = subprocess.run(
        ["git", "check-ignore", "--no-index", "--verbose", "--non-matching", *probe],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    not_ignored = [line.split("\t")[-1] for line in result.stdout.splitlines() if line.startswith("::")]
    assert not_ignored == [], not_ignored
