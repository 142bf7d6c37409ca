"""Written files keep the earlier file's mode and follow the umask for new ones (never a fixed 0644)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")

EXAMPLE = ROOT / "examples" / "binh-son-ket-nap-dang-vien-2024.yaml"


def _render(out, umask: int) -> None:
    # A child process, so that its umask (read once at import) is the one under test.
    code = (
        f"import os, sys; os.umask({umask:#o}); from dispatch_gen import cli;"
        f"sys.exit(cli.main(['render', {str(EXAMPLE)!r}, '-o', {str(out)!r}]))"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, timeout=120)


def test_a_private_dispatch_stays_private_after_a_re_render(tmp_path):
    out = tmp_path / "cv.docx"
    _render(out, 0o022)
    os.chmod(out, 0o600)
    _render(out, 0o022)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_follows_the_umask(tmp_path, umask, mode):
    out = tmp_path / "cv.docx"
    _render(out, umask)
    assert stat.S_IMODE(out.stat().st_mode) == mode
