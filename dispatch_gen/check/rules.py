"""The format rules: compare a read-back Word file with a profile's expected values.

The rules live in ``rules_*.py`` modules, one per part of the dispatch, each registered in
:mod:`dispatch_gen.check.registry` with a stable id. This module is the front: it locates
the parts of a document once (:func:`~dispatch_gen.check.locate.locate`) and runs every rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Importing the rule modules registers their rules, in document order.
from dispatch_gen.check import (  # noqa: F401
    rules_body,
    rules_closing,
    rules_document,
    rules_header,
    rules_notes,
    rules_page,
    rules_text,
)
from dispatch_gen.check.common import Finding, Profile, get, num
from dispatch_gen.check.detect import RuleSet, custom_properties, detect, rule_set
from dispatch_gen.check.locate import Layout, locate
from dispatch_gen.check.reader import DocInfo, read_docx
from dispatch_gen.check.registry import RULES, Rule, run_rules

__all__ = [
    "RULES",
    "Finding",
    "Judged",
    "Layout",
    "Rule",
    "check_document",
    "check_docx",
    "get",
    "judge_file",
    "locate",
    "messages",
    "num",
]


def check_document(doc: DocInfo, profile: Profile) -> list[Finding]:
    """Apply every rule of ``profile`` to an already read document."""
    return run_rules(locate(doc, profile), profile)


def check_docx(path: Path, profile: Profile) -> list[Finding]:
    """Check a Word file against a profile; an empty list means no problem was found."""
    return check_document(read_docx(Path(path)), profile)


def messages(findings: Iterable[Finding]) -> list[str]:
    """``element: message`` strings, in order."""
    return [str(f) for f in findings]


@dataclass(frozen=True)
class Judged:
    """One checked file: the profile found and how, the rule set applied, the parts, the findings."""

    path: Path
    profile: str
    how: str  # option, property, national, number (the form of a cited number) or default
    rule_set: RuleSet
    layout: Layout
    findings: list[Finding]
    pages: int | None = None  # printed pages (``check --ban-in``), None when not printed

    def record(self) -> dict[str, Any]:
        """The ``--json`` object of this file (stable keys, documented in the README)."""
        from dispatch_gen.check.rules_printed import PRINTED_RULES

        groups = {**{k: r.group for k, r in RULES.items()}, **{k: r.group for k, r in PRINTED_RULES.items()}}
        record: dict[str, Any] = {
            "file": str(self.path),
            "profile": self.profile,
            "rule_set": self.rule_set.name,
            "appendix_only": self.layout.appendix_only,
            "findings": [
                {
                    "rule": f.rule,
                    "severity": f.severity,
                    "element": groups.get(f.rule, ""),
                    "message": str(f),
                    "where": _where(f),
                }
                for f in self.findings
            ],
        }
        if self.pages is not None:
            record["pages"] = self.pages
        return record


def _where(f: Finding) -> dict[str, int] | None:
    """Where a finding is: its paragraph (from 1) and, for a printed one, its page."""
    where = {"paragraph": int(f.order) + 1} if f.order >= 0 else {}
    if f.page:
        where["page"] = f.page
    return where or None


def judge_file(path: Path, known: list[str], forced: str | None = None) -> Judged:
    """Read ``path``, find its profile (``forced`` = ``--profile``) and rule set, run every rule.

    Raises :class:`~dispatch_gen.errors.InputError` when the file cannot be read.
    """
    from dispatch_gen.input import profile as profiles

    doc = read_docx(path)
    properties = {} if forced is not None else custom_properties(path)
    if forced is not None:
        name, how = forced, "option"
    else:
        found = detect(doc, known, properties)
        name, how = found.profile, found.source
    chosen = rule_set(doc, name, properties if how != "option" else None)
    profile = profiles.load(chosen.name)
    layout = locate(doc, profile)
    return Judged(path, name, how, chosen, layout, run_rules(layout, profile))
