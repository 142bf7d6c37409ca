"""The committed Word templates are exactly what the build script makes from the profiles."""

from __future__ import annotations

import re
import shutil
import zipfile

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


def _style_ids(xml: bytes) -> list[str]:
    return re.findall(r'<w:style [^>]*w:styleId="([^"]+)"', xml.decode("utf-8"))


def test_each_template_carries_only_the_styles_it_uses():
    """python-docx's default template has 168 styles (330 KB, parsed and compressed for every letter)
    and Word 2010's second copy of them: a template keeps what its parts and the renderer name."""
    for path in sorted(profiles.TEMPLATE_DIR.glob("*/*.docx")):
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            ids = _style_ids(zf.read("word/styles.xml"))
            assert "word/stylesWithEffects.xml" not in names, path
            assert b"stylesWithEffects" not in zf.read("[Content_Types].xml"), path
            assert len(ids) <= 25 and "Heading1" not in ids and "Title" not in ids, (path, ids)
            assert {"Normal", "DispatchBody", "FootnoteText", "FootnoteReference", "TableCell"} <= set(ids), path


def test_every_style_a_rendered_document_names_is_defined(rendered):
    """The trimmed style sheet still defines each style the rendered example refers to."""
    with zipfile.ZipFile(rendered) as zf:
        defined = set(_style_ids(zf.read("word/styles.xml")))
        named: set[str] = set()
        for name in zf.namelist():
            if name.endswith(".xml") and name != "word/styles.xml":
                named |= set(re.findall(r'w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"', zf.read(name).decode("utf-8")))
    assert {"DispatchBody", "FootnoteReference"} <= named
    assert named <= defined, named - defined
