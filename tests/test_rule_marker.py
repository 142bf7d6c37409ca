"""``{{p co_quan.gach_duoi }}`` prints a marker paragraph that becomes the rule element after
rendering: the rule is built by python-docx and never written as text and parsed back."""

from __future__ import annotations

import io
import zipfile

from docx.oxml.ns import qn
from docx.shared import Mm
from lxml import etree

from dispatch_gen import pipeline
from dispatch_gen.output import save
from dispatch_gen.wml import paragraphs

from .conftest import EXAMPLES

STATE_EXAMPLE = EXAMPLES / "quang-ngai-ubnd-cap-cccd-2024.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _rules(xml: bytes) -> list[tuple[int, int]]:
    """(left, right) indents in twips of every paragraph with a bottom border."""
    root = etree.fromstring(xml)
    return [
        (int(p.find(f"{W}pPr/{W}ind").get(f"{W}left")), int(p.find(f"{W}pPr/{W}ind").get(f"{W}right")))
        for p in root.iter(f"{W}p")
        if p.find(f"{W}pPr/{W}pBdr") is not None
    ]


def test_rules_are_placed_as_elements_without_serialising_them(monkeypatch):
    def no_text(*_a):
        raise AssertionError("a rule was serialised to be parsed again")

    monkeypatch.setattr(paragraphs, "rule_xml", no_text)
    ld = pipeline.load(STATE_EXAMPLE)
    doc, _w = pipeline.build_dispatch(ld)
    with zipfile.ZipFile(io.BytesIO(save.document_bytes(doc))) as zf:
        xml = zf.read("word/document.xml")
    assert "⟦gach_duoi".encode() not in xml
    rules = _rules(xml)
    # the national motto's rule (built into the template), the issuer's rule, the appendix heading's
    assert len(rules) == 3, rules
    assert all(left == right for left, right in rules)
    # the issuer's rule: 0.4 of "ỦY BAN NHÂN DÂN" at 13 pt bold (43,19 mm, Liberation Serif Bold's
    # widths, see tests/test_state_profile.py) centred in the 62 mm left column
    side = (62 - 0.4 * 43.19) / 2
    assert any(abs(left - Mm(side).twips) <= 10 for left, _r in rules), (rules, Mm(side).twips)


def test_a_marker_paragraph_becomes_the_rule_element():
    body = etree.fromstring(
        '<w:body xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:p><w:r><w:t>trước</w:t></w:r></w:p>"
        f"{paragraphs.Rule(30.0, 62.0).__html__()}"
        "<w:p><w:r><w:t>⟦gach_duoi không phải số⟧</w:t></w:r></w:p>"
        "</w:body>"
    )
    paragraphs.place_rules(body)
    first, rule, other = list(body)
    assert "".join(first.itertext()) == "trước"
    assert "".join(other.itertext()) == "⟦gach_duoi không phải số⟧"  # not a marker: left as written
    ind = rule.find(f"{qn('w:pPr')}/{qn('w:ind')}")
    assert ind.get(qn("w:left")) == ind.get(qn("w:right")) == str(Mm(16).twips)  # (62 - 30) / 2 mm
    assert rule.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}") is not None
    assert "".join(rule.itertext()) == ""
