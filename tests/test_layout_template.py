"""A user's own template (``--template``): the header's names break for its widths, not the tool's (#18).

The tool chooses its own header widths (80 mm for a Party công văn with this name) and breaks
the names for them; a user's template keeps its widths, so the breaks are chosen for those
when its header table writes them (here a left column of 60 mm), and none is inserted when it
does not (the widths taken out of the table: Word then wraps the name as the template lays it
out). Expected lines are written out; each is checked against the font's own widths.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from dispatch_gen import pipeline
from dispatch_gen.input import profile as profiles

from .conftest import party_yaml
from .test_layout_geometry import FONTS

NAME = "BAN TUYÊN GIÁO VÀ DÂN VẬN THÀNH ỦY HẢI PHÒNG"
pytestmark = pytest.mark.skipif(None in FONTS.values(), reason="Liberation Serif is not installed")


def _yaml(tmp_path: Path) -> Path:
    src = tmp_path / "cv.yaml"
    src.write_text(party_yaml(ten=NAME), encoding="utf-8")
    return src


def _template(tmp_path: Path, left_mm: float | None) -> Path:
    """The shipped template, its header table given a left column of ``left_mm`` (the right one the
    rest of 165 mm), or with no widths at all (None)."""
    copy = tmp_path / "mau-rieng.docx"
    shutil.copy(profiles.template_path("dang-hd05", "cong_van"), copy)
    doc = Document(str(copy))
    tbl = doc.tables[0]._tbl
    cols = tbl.tblGrid.findall(qn("w:gridCol"))
    if left_mm is None:
        for c in cols:
            del c.attrib[qn("w:w")]
        for tcw in tbl.iter(qn("w:tcW")):
            tcw.getparent().remove(tcw)
    else:
        widths = [Mm(left_mm).twips, Mm(165 - left_mm).twips]
        for c, w in zip(cols, widths, strict=True):
            c.set(qn("w:w"), str(w))
        for tr in tbl.tr_lst:
            for tc, w in zip(tr.tc_lst, widths, strict=True):
                tc.tcPr.find(qn("w:tcW")).set(qn("w:w"), str(w))
    doc.save(str(copy))
    return copy


def _issuer_lines(out: Path) -> list[str]:
    cell = Document(str(out)).tables[0].rows[0].cells[0]
    return next(p.text for p in cell.paragraphs if "BAN TUYÊN GIÁO" in p.text).split("\n")


def test_the_tools_own_template_takes_its_chosen_widths(tmp_path):
    out = tmp_path / "own.docx"
    pipeline.render_file(_yaml(tmp_path), out)
    assert _issuer_lines(out) == ["BAN TUYÊN GIÁO VÀ DÂN VẬN", "THÀNH ỦY HẢI PHÒNG"]
    grid = [int(c.get(qn("w:w"))) for c in Document(str(out)).tables[0]._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert grid == [Mm(80).twips, Mm(85).twips]


def test_a_user_template_gets_breaks_for_its_own_widths(tmp_path):
    out = tmp_path / "user.docx"
    pipeline.render_file(_yaml(tmp_path), out, template=_template(tmp_path, 60))
    lines = _issuer_lines(out)
    # "BAN TUYÊN GIÁO VÀ DÂN VẬN" (the tool's first line) is wider than the 59 mm the column holds
    assert FONTS[(True, False)].width_mm("BAN TUYÊN GIÁO VÀ DÂN VẬN", 14) > 59
    assert lines == ["BAN TUYÊN GIÁO", "VÀ DÂN VẬN", "THÀNH ỦY HẢI PHÒNG"]
    assert all(FONTS[(True, False)].width_mm(x, 14) < 59 for x in lines)
    grid = [int(c.get(qn("w:w"))) for c in Document(str(out)).tables[0]._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert grid == [Mm(60).twips, Mm(105).twips]  # the template's widths kept


def test_a_user_template_without_readable_widths_gets_no_breaks(tmp_path):
    out = tmp_path / "user.docx"
    pipeline.render_file(_yaml(tmp_path), out, template=_template(tmp_path, None))
    assert _issuer_lines(out) == [NAME]
    cell = Document(str(out)).tables[0].rows[0].cells[0]
    assert all("\n" not in p.text for p in cell.paragraphs)  # the superior and the trích yếu too
