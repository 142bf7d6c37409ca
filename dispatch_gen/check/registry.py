"""The registry of format rules: each rule is a function of (layout, profile) with a stable id.

A rule module declares its rules with :func:`rule`; :func:`run_rules` applies every registered
rule to one located document and returns the findings sorted by their place in the document.
Rules do not depend on one another or on the order they run in: everything they share is in
the frozen :class:`~dispatch_gen.check.locate.Layout`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from dispatch_gen.check.common import Finding, Profile

if TYPE_CHECKING:
    from dispatch_gen.check.locate import Layout

RuleFunc = Callable[["Layout", Profile], list[Finding]]

# The groups rules belong to, in the order of the document.
GROUPS = ("page", "header", "recipients", "body", "closing", "footnotes", "appendix")
SEVERITIES = ("error", "warning")


@dataclass(frozen=True)
class Rule:
    """One registered rule: its id, element group, default severity and function."""

    id: str
    group: str
    severity: str
    func: RuleFunc
    doc: str
    appendix: bool = False  # also applies to an appendix printed alone


RULES: dict[str, Rule] = {}


def rule(rule_id: str, group: str, severity: str = "error", appendix: bool = False) -> Callable[[RuleFunc], RuleFunc]:
    """Register ``func`` as the rule ``rule_id`` of ``group`` (ids are unique and stable).

    ``appendix``: the rule also judges a document that is an appendix alone (no header, no
    closing: :attr:`Layout.appendix_only`); the others do not run on one.
    """
    if group not in GROUPS:
        raise ValueError(f"unknown rule group {group!r}")
    if severity not in SEVERITIES:
        raise ValueError(f"unknown severity {severity!r}")

    def register(func: RuleFunc) -> RuleFunc:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id!r} registered twice")
        doc = (func.__doc__ or "").strip().split("\n")[0]
        RULES[rule_id] = Rule(rule_id, group, severity, func, doc, appendix)
        return func

    return register


def run_rules(layout: Layout, profile: Profile) -> list[Finding]:
    """Every registered rule's findings, each tagged with its rule id, sorted by document order."""
    findings: list[Finding] = []
    for entry in RULES.values():
        if layout.appendix_only and not entry.appendix:
            continue
        for found in entry.func(layout, profile):
            severity = found.severity or entry.severity  # a value's mark may lower it to a warning
            findings.append(replace(found, rule=found.rule or entry.id, severity=severity))
    return sorted(findings, key=lambda f: f.order)
