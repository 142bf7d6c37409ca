"""The committed Word templates are exactly what the build script makes from the profiles."""

from __future__ import annotations

import shutil

from docx import Document

from dispatch_gen import build_templates, cli
from dispatch_gen.input import profile as profiles

from .conftest import EXAMPLE


def test_committed_templates_equal_a_fresh_build(tmp_path):
    built = build_templates.build_all(tmp_path)
    assert built
    for path in built:
        committed = profiles.TEMPLATE_DIR / path.relative_to(tmp_path)
        assert committed.exists(), f"{committed} is missing: run python -m dispatch_gen.build_templates"
        assert committed.read_bytes() == path.read_bytes(), (
            f"{committed} differs from a fresh build: run python -m dispatch_gen.build_templates"
        )


def test_user_template_copy_is_used(tmp_path):
    """A copy edited in Word: here the body style's size changed to 13 pt."""
    copy = tmp_path / "mau-rieng.docx"
    shutil.copy(profiles.template_path("dang", "cong_van"), copy)
    doc = Document(str(copy))
    doc.styles["Dispatch Body"].font.size = 13 * 12700
    doc.save(str(copy))
    out = tmp_path / "out.docx"
    assert cli.main(["render", str(EXAMPLE), "-o", str(out), "--template", str(copy)]) == 0
    assert Document(str(out)).styles["Dispatch Body"].font.size.pt == 13
