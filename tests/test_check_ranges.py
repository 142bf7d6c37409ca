"""The checker accepts the whole range the rules give, and a departure from a ◐/✖ value is a warning.

Values inside a range (NĐ 30: top margin 20–25 mm, body 13–14 pt, single to 1,5 lines; HD 36:
body 14–15 pt) give no finding; outside it, an error for a ✔ value (the primary text states
it) and a warning for a ◐ or ✖ one. The expected ranges are written out here from the texts.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Mm, Pt

from dispatch_gen import pipeline
from dispatch_gen.check import check_docx
from dispatch_gen.input import profile as profiles

from .conftest import EXAMPLES
from .test_check import body_runs, build, check

STATE_EXAMPLE = EXAMPLES / "quang-ngai-ubnd-cap-cccd-2024.yaml"


@pytest.fixture(scope="module")
def party() -> dict[str, Any]:
    return copy.deepcopy(profiles.load("dang-hd36"))


def _summary(findings: list[Any]) -> list[tuple[str, str, str]]:
    return [(f.rule, f.severity, f.message) for f in findings]


# --- Party (HD 36) ------------------------------------------------------------------------


def test_italic_kinh_gui_label_is_accepted(party, tmp_path):
    """HD36 PL3 r9 prints "Kính gửi" italic; practice upright: both pass (◐ set)."""
    built = build(party)
    first = built.parts["kinh_gui"][0]
    label = first.runs[0]
    rest = label.text[len("Kính gửi:") :]
    label.text = "Kính gửi:"
    label.italic = True
    first.add_run(rest).font.size = label.font.size
    findings = check(built, tmp_path, party)
    assert [f for f in findings if f.severity == "error"] == [], _summary(findings)


@pytest.mark.parametrize("size", [14, 15])
def test_body_size_inside_14_to_15_is_silent(party, tmp_path, size):
    built = build(party)
    for run in body_runs(built):
        run.font.size = Pt(size)
    assert check(built, tmp_path, party) == []


def test_body_size_outside_is_an_error_naming_the_range(party, tmp_path):
    built = build(party)
    for run in body_runs(built):
        run.font.size = Pt(16)
    assert _summary(check(built, tmp_path, party)) == [
        ("body.paragraphs", "error", "4 đoạn cỡ chữ 16 pt (cần 14–15 pt)")
    ]


def test_indent_of_1_27_cm_is_silent_and_far_off_is_a_warning(party, tmp_path):
    """HD36 1.6.2 "khoảng 10 mm" (◐): 12,7 mm is accepted, 20 mm is only a warning."""
    built = build(party)
    for para in built.parts["body"]:
        para.paragraph_format.first_line_indent = Mm(12.7)
    assert check(built, tmp_path, party) == []
    for para in built.parts["body"]:
        para.paragraph_format.first_line_indent = Mm(20)
    assert _summary(check(built, tmp_path, party, "far.docx")) == [
        ("body.paragraphs", "warning", "4 đoạn thụt đầu dòng 20 mm (cần 10–12,7 mm)")
    ]


def test_line_spacing_exactly_at_least_18_pt(party, tmp_path):
    built = build(party)
    for para in built.parts["body"]:
        para.paragraph_format.line_spacing = Pt(21)  # above the least: allowed
    assert check(built, tmp_path, party) == []
    for para in built.parts["body"]:
        para.paragraph_format.line_spacing = Pt(16)
    found = _summary(check(built, tmp_path, party, "low.docx"))
    assert found == [("body.paragraphs", "error", "4 đoạn giãn dòng chính xác 16 pt (cần chính xác ít nhất 18 pt)")]


def test_tall_enough_spacing_in_lines_is_only_a_warning(party, tmp_path):
    """1,5 lines of 14 pt is taller than 18 pt but not set "Exactly": a warning, not an error."""
    built = build(party)
    for para in built.parts["body"]:
        para.paragraph_format.line_spacing_rule = WD_LINE_SPACING.ONE_POINT_FIVE
    assert [(r, s) for r, s, _m in _summary(check(built, tmp_path, party))] == [("body.paragraphs", "warning")]


def test_footnote_of_10_pt_is_silent_and_8_pt_a_warning(party, tmp_path):
    """No rule in HD 36: 10–12 pt is practice (✖)."""
    built = build(party)
    built.notes[1] = (built.notes[1][0], 10)
    assert check(built, tmp_path, party) == []
    built = build(party)
    built.notes[1] = (built.notes[1][0], 8)
    assert _summary(check(built, tmp_path, party, "small.docx")) == [
        ("footnotes.marks", "warning", "chú thích 1: cỡ chữ 8 pt (cần 10–12 pt)")
    ]


def test_primary_value_stays_an_error(party, tmp_path):
    """The margins HD36 4.3 states (a single value, ✔)."""
    built = build(party)
    built.doc.sections[0].top_margin = Mm(25)
    assert _summary(check(built, tmp_path, party)) == [("page.size-margins", "error", "lề trên 25 mm (cần 20 mm)")]


# --- state (NĐ 30) ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def state_docx(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("nha_nuoc") / "cong-van.docx"
    pipeline.render_file(STATE_EXAMPLE, out)
    return out


def _body(doc: Any) -> list[Any]:
    return [p for p in doc.paragraphs if p.text.strip() and p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY] or [
        p for p in doc.paragraphs if p.text.strip() and p.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    ]


def _state_variant(src: Path, out: Path, change: Any) -> Path:
    doc = Document(str(src))
    change(doc)
    doc.save(str(out))
    return out


def _inside(doc: Any) -> None:
    sec = doc.sections[0]
    sec.top_margin, sec.bottom_margin = Mm(25), Mm(22)  # 20–25 (N1 I.3)
    sec.left_margin, sec.right_margin = Mm(35), Mm(20)  # 30–35, 15–20
    for para in _body(doc):
        para.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE  # single to 1,5 lines (N1 II.6.e)
        para.paragraph_format.first_line_indent = Mm(10)  # 1 cm or 1,27 cm
        para.paragraph_format.space_after = Pt(8)  # at least 6 pt
        for run in para.runs:
            run.font.size = Pt(13)  # 13–14


def test_state_values_inside_the_ranges_give_no_finding(state_docx, tmp_path):
    assert _body(Document(str(state_docx))), "the example's body paragraphs were not found"
    out = _state_variant(state_docx, tmp_path / "inside.docx", _inside)
    assert [str(f) for f in check_docx(out, profiles.load("nha_nuoc"))] == []


def test_state_values_outside_the_ranges_are_errors(state_docx, tmp_path):
    def outside(doc: Any) -> None:
        sec = doc.sections[0]
        sec.top_margin, sec.right_margin = Mm(27), Mm(22)
        for para in _body(doc):
            para.paragraph_format.line_spacing = 1.8
            para.paragraph_format.first_line_indent = Mm(15)

    out = _state_variant(state_docx, tmp_path / "outside.docx", outside)
    found = _summary(check_docx(out, profiles.load("nha_nuoc")))
    assert ("page.size-margins", "error", "lề trên 27 mm (cần 20–25 mm)") in found, found
    assert ("page.size-margins", "error", "lề phải 22 mm (cần 15–20 mm)") in found, found
    messages = [m for r, s, m in found if r == "body.paragraphs" and s == "error"]
    assert any("giãn dòng 1,8 dòng (cần 1–1,5 dòng)" in m for m in messages), found
    assert any("thụt đầu dòng 15 mm (cần 10 hoặc 12,7 mm)" in m for m in messages), found


def test_state_exact_spacing_is_read_in_lines(state_docx, tmp_path):
    """ "Exactly 18 pt" at 14 pt is about 1,1 lines: inside single to 1,5; "exactly 12 pt" is below single."""

    def exact(points: float) -> Any:
        def change(doc: Any) -> None:
            for para in _body(doc):
                para.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
                para.paragraph_format.line_spacing = Pt(points)

        return change

    ok = _state_variant(state_docx, tmp_path / "exact18.docx", exact(18))
    assert [str(f) for f in check_docx(ok, profiles.load("nha_nuoc"))] == []
    low = _state_variant(state_docx, tmp_path / "exact12.docx", exact(12))
    found = _summary(check_docx(low, profiles.load("nha_nuoc")))
    assert [r for r, s, m in found if "giãn dòng" in m and s == "error"] == ["body.paragraphs"], found
