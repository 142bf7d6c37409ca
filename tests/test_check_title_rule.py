"""The rule under a state trích yếu (#17): solid, 1/3–1/2 of the trích yếu's line (NĐ 30 PL I II.5.b).

The tool's own Kế hoạch passes; the same document with the rule removed fails (an error, as the
decree states it); a rule as wide as the text is reported (a warning: the text's width is
estimated); a trích yếu written on two paragraphs, or a rule typed as underscores, reads the same.
"""

from __future__ import annotations

import copy

import docx
import pytest
from docx.shared import Mm

from dispatch_gen import pipeline
from dispatch_gen.check import check_docx
from dispatch_gen.input import profile as profiles

from .conftest import EXAMPLES

STATE = profiles.load("nha_nuoc")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    out = tmp_path_factory.mktemp("kh") / "kh.docx"
    pipeline.render_file(EXAMPLES / "binh-son-ubnd-xa-ke-hoach-2026.yaml", out)
    return out


def _parts(path):
    doc = docx.Document(str(path))
    paras = doc.paragraphs
    name = next(i for i, p in enumerate(paras) if p.text.strip() == "KẾ HOẠCH")
    subject = paras[name + 1]
    rule = next(
        p for p in paras[name + 2 :] if p._p.pPr is not None and p._p.pPr.find(docx.oxml.ns.qn("w:pBdr")) is not None
    )
    return doc, subject, rule


def _found(doc, tmp_path, name="x.docx"):
    out = tmp_path / name
    doc.save(str(out))
    return [(f.severity, str(f)) for f in check_docx(out, STATE) if f.element == "trích yếu"]


def test_the_tools_rule_passes_and_a_missing_one_is_an_error(rendered, tmp_path):
    assert check_docx(rendered, STATE) == []
    doc, _subject, rule = _parts(rendered)
    rule._p.pPr.remove(rule._p.pPr.find(docx.oxml.ns.qn("w:pBdr")))
    assert _found(doc, tmp_path) == [("error", "trích yếu: thiếu đường kẻ liền dưới trích yếu")]


def test_a_rule_as_wide_as_the_text_is_a_warning(rendered, tmp_path):
    doc, _subject, rule = _parts(rendered)
    rule.paragraph_format.left_indent = rule.paragraph_format.right_indent = Mm(0)
    found = _found(doc, tmp_path)
    assert [s for s, _m in found] == ["warning"]
    assert found[0][1].startswith("trích yếu: đường kẻ dưới trích yếu dài 165 mm, cần 1/3–1/2 dòng trích yếu")


def test_a_two_paragraph_subject_and_a_typed_rule_read_the_same(rendered, tmp_path):
    doc, subject, rule = _parts(rendered)
    second = copy.deepcopy(subject._p)
    subject._p.addnext(second)
    for t in second.iter(docx.oxml.ns.qn("w:t")):
        t.text = "trên địa bàn xã"
    assert _found(doc, tmp_path, "two.docx") == []
    doc, _subject, rule = _parts(rendered)
    rule._p.pPr.remove(rule._p.pPr.find(docx.oxml.ns.qn("w:pBdr")))
    rule.add_run("_____________")
    assert _found(doc, tmp_path, "typed.docx") == []
