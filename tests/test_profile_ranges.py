"""Checked profile values: a range or a set with its status mark; the renderer reads the preferred value."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from dispatch_gen import pipeline
from dispatch_gen.errors import InputError
from dispatch_gen.input import profile as profiles
from tests.test_profile import _write


def test_state_margins_are_ranges_with_the_preferred_value_for_rendering():
    prof = profiles.load("nha_nuoc")
    assert prof["page"]["top_mm"] == 20  # what the renderer reads
    assert prof["_specs"]["page.top_mm"] == {
        "uu_tien": 20,
        "min": 20,
        "max": 25,
        "mot_trong": None,
        "danh_dau": "✔",
        "nguon": "N1 I.3",
    }
    assert (prof["_specs"]["page.right_mm"]["min"], prof["_specs"]["page.right_mm"]["max"]) == (15, 20)
    assert prof["_specs"]["body.first_line_mm"]["mot_trong"] == [10, 12.7]
    assert prof["header"]["national"]["sizes"] == [13, 14]
    assert prof["_specs"]["header.national.sizes[1]"]["min"] == 13


def test_party_kinh_gui_italic_is_a_set_marked_secondary():
    spec = profiles.load("dang-hd36")["_specs"]["recipients.label_italic"]
    assert (spec["uu_tien"], spec["mot_trong"], spec["danh_dau"]) == (False, [False, True], "◐")
    assert profiles.load("dang-hd05")["_specs"]["recipients.label_italic"]["danh_dau"] == "◐"  # inherited


def _profile_problems(folder: Path, page: str) -> list[str]:
    (folder / "ho-so.yaml").write_text(f"ke_thua: nha_nuoc\npage:\n{page}", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        pipeline.load(_write(folder, "ho-so.yaml"))
    return [str(p) for p in exc.value.problems]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{uu_tien: 30, min: 20, max: 25, danh_dau: "✔", nguon: x}', "“uu_tien” nằm ngoài khoảng “min”–“max”"),
        ('{uu_tien: 20, min: 25, max: 20, danh_dau: "✔", nguon: x}', "“min” lớn hơn “max”"),
        ('{uu_tien: 20, min: 20, mot_trong: [20], danh_dau: "✔", nguon: x}', "ghi “min”/“max” hoặc “mot_trong”"),
        ('{uu_tien: 21, mot_trong: [20, 25], danh_dau: "✔", nguon: x}', "“uu_tien” không có trong “mot_trong”"),
    ],
)
def test_inconsistent_range_is_refused_where_it_is_written(tmp_path, line, message):
    problems = _profile_problems(tmp_path, f"  top_mm: {line}\n")
    assert len(problems) == 1
    assert problems[0].startswith(f"{tmp_path / 'ho-so.yaml'}:3:3: page.top_mm: {message}")


def test_typo_and_bad_mark_inside_a_range_are_located(tmp_path):
    problems = _profile_problems(tmp_path, '  top_mm: {uu_tien: 20, maxx: 25, danh_dau: "!", nguon: x}\n')
    file = tmp_path / "ho-so.yaml"
    assert any(p.startswith(f"{file}:3:") and "page.top_mm.maxx" in p and "“max”" in p for p in problems)
    assert any("page.top_mm.danh_dau" in p and "✔" in p for p in problems)
    assert all("=spec" not in p and "=value" not in p for p in problems)


def test_a_user_profile_may_give_a_range_and_rendering_uses_its_preferred_value(tmp_path):
    page = '  top_mm: {uu_tien: 25, min: 20, max: 25, danh_dau: "✔", nguon: "văn phòng"}\n'
    (tmp_path / "ho-so.yaml").write_text(f"ke_thua: dang-hd36\npage:\n{page}", encoding="utf-8")
    out = tmp_path / "out.docx"
    pipeline.render_file(_write(tmp_path, "ho-so.yaml"), out)
    section = Document(str(out)).sections[0]
    assert round(section.top_margin.mm) == 25
    assert round(section.bottom_margin.mm) == 20
