"""The checker's rule registry: stable ids, groups, and findings tagged with their rule."""

from __future__ import annotations

import dataclasses

import pytest

from dispatch_gen.check.locate import Layout, locate
from dispatch_gen.check.reader import DocInfo
from dispatch_gen.check.registry import GROUPS, rule
from dispatch_gen.check.rules import RULES, check_document

EXPECTED_IDS = {
    "document.unreadable",
    "page.size-margins",
    "page.number",
    "page.font",
    "page.font-slots",
    "header.national",
    "header.issuer",
    "header.number",
    "header.date",
    "header.subject",
    "recipients.kinh-gui",
    "body.paragraphs",
    "body.decimals",
    "body.dates",
    "closing.noi-nhan",
    "closing.signature",
    "footnotes.marks",
    "appendix.heading",
}


def test_every_rule_is_registered_once_with_its_group():
    assert set(RULES) == EXPECTED_IDS
    for rule_id, entry in RULES.items():
        assert entry.group in GROUPS
        assert entry.severity in ("error", "warning")
        assert entry.doc, rule_id


def test_a_rule_id_cannot_be_registered_twice():
    with pytest.raises(ValueError):
        rule("page.font", "page")(lambda layout, profile: [])
    with pytest.raises(ValueError):
        rule("x.y", "nowhere")


def test_layout_is_frozen():
    layout = locate(DocInfo(paragraphs=[], sections=[], footnote_refs=[], footnotes=None), {})
    assert isinstance(layout, Layout)
    with pytest.raises(dataclasses.FrozenInstanceError):
        layout.header_stop = 3  # type: ignore[misc]


def test_findings_name_their_rule():
    # an empty document under a profile that asks for a Kính gửi line
    profile = {"page": {"width_mm": 210, "height_mm": 297}, "recipients": {"label": "Kính gửi:"}}
    found = check_document(DocInfo(paragraphs=[], sections=[], footnote_refs=[], footnotes=None), profile)
    assert [(f.rule, f.severity) for f in found] == [("recipients.kinh-gui", "error")]


def test_readme_names_every_rule_id():
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert [rule_id for rule_id in RULES if f"| `{rule_id}` |" not in readme] == []


def test_readme_rule_table_gives_each_rules_severity_from_the_registry():
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([a-z]+\.[a-z-]+)` \| [a-z]+ \| ([^|]+?) \|", readme, flags=re.M))
    expected = {rule_id: {"error": "lỗi", "warning": "cảnh báo"}[entry.severity] for rule_id, entry in RULES.items()}
    assert {k: rows.get(k) for k in expected} == expected
    # the registry's own severities, as the rules give them: a stated rule is an error
    assert RULES["body.decimals"].severity == "error" and RULES["page.size-margins"].severity == "error"
