"""The format rules: compare a read-back Word file with a profile's expected values.

The rules live in ``rules_*.py`` modules, one per part of the dispatch, each registered in
:mod:`dispatch_gen.check.registry` with a stable id. This module is the front: it locates
the parts of a document once (:func:`~dispatch_gen.check.locate.locate`) and runs every rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

# Importing the rule modules registers their rules, in document order.
from dispatch_gen.check import (  # noqa: F401
    rules_body,
    rules_closing,
    rules_document,
    rules_header,
    rules_notes,
    rules_page,
)
from dispatch_gen.check.common import Finding, Profile, get, num
from dispatch_gen.check.locate import Layout, locate
from dispatch_gen.check.reader import DocInfo, read_docx
from dispatch_gen.check.registry import RULES, Rule, run_rules

__all__ = ["RULES", "Finding", "Layout", "Rule", "check_document", "check_docx", "get", "locate", "messages", "num"]


def check_document(doc: DocInfo, profile: Profile) -> list[Finding]:
    """Apply every rule of ``profile`` to an already read document."""
    return run_rules(locate(doc, profile), profile)


def check_docx(path: Path, profile: Profile) -> list[Finding]:
    """Check a Word file against a profile; an empty list means no problem was found."""
    return check_document(read_docx(Path(path)), profile)


def messages(findings: Iterable[Finding]) -> list[str]:
    """``element: message`` strings, in order."""
    return [str(f) for f in findings]
