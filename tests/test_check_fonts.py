"""`check` and the fonts of a document typed in Word: a font left unset for East Asian or complex
script text (eastAsia, cs: Vietnamese text looks the same) is a warning, and a face's name
("Times New Roman,Bold") is the profile's font, on documents built here with python-docx."""

from __future__ import annotations

import copy
from pathlib import Path

from docx.oxml.ns import qn

from dispatch_gen import cli
from dispatch_gen.check import check_docx
from dispatch_gen.input import profile as profiles

from .test_check import build


def _fonts(built, change) -> None:
    """Apply ``change`` to every rFonts of the document and of its styles."""
    for root in (built.doc.element, built.doc.styles.element):
        for fonts in root.iter(qn("w:rFonts")):
            change(fonts)


def _drop_hidden_slots(fonts) -> None:
    for slot in ("eastAsia", "cs"):
        fonts.attrib.pop(qn(f"w:{slot}"), None)


def test_a_font_unset_for_east_asian_and_complex_text_is_only_a_warning(tmp_path: Path, capsys) -> None:
    party = copy.deepcopy(profiles.load("dang-hd36"))
    built = build(party)
    _fonts(built, _drop_hidden_slots)
    path = built.save(tmp_path / "cv.docx")
    found = [(f.rule, f.severity, f.message) for f in check_docx(path, party)]
    assert found == [
        ("page.font-slots", "warning", "chưa đặt phông cho cs, eastAsia (cần “Times New Roman”)"),
    ]
    assert cli.main(["check", str(path), "--profile", "dang-hd36"]) == 0
    assert cli.main(["check", str(path), "--profile", "dang-hd36", "--strict"]) == 1
    capsys.readouterr()


def test_bold_and_italic_faces_of_times_new_roman_are_times_new_roman(tmp_path: Path) -> None:
    party = copy.deepcopy(profiles.load("dang-hd36"))
    built = build(party)
    faces = iter(["Times New Roman,Bold", "Times New Roman Italic", "Times New Roman,BoldItalic"] * 1000)

    def face(fonts) -> None:
        name = next(faces)
        for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
            fonts.set(qn(f"w:{slot}"), name)

    _fonts(built, face)
    assert check_docx(built.save(tmp_path / "faces.docx"), party) == []
    built = build(party)
    built.parts["body"][0].runs[0]._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:ascii"), "Arial,Bold")
    found = [(f.rule, f.message) for f in check_docx(built.save(tmp_path / "arial.docx"), party)]
    assert found == [("page.font", "phông “Arial,Bold” (cần “Times New Roman”)")]
