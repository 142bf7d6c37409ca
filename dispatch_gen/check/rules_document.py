"""The document itself: every value the reader could not read is a finding, never a pass.

A size written ``nan``, a cell span ``abc`` or a style chain that loops cannot be judged; the
reader (:mod:`dispatch_gen.check.reader`) passes over such a value and records it, and this
rule reports each one, named by its part (``word/styles.xml: kiểu “Normal”: …``).
"""

from __future__ import annotations

from dispatch_gen.check.common import Finding, Profile
from dispatch_gen.check.locate import Layout
from dispatch_gen.check.registry import rule
from dispatch_gen.i18n import _

RULE_ID = "document.unreadable"


@rule(RULE_ID, "page")
def check_unreadable(lay: Layout, profile: Profile) -> list[Finding]:
    """Values of the file that cannot be read (not a number, a looping or over-long style chain)."""
    return [
        Finding(p.part or _("tệp Word"), p.message, p.order, rule=RULE_ID, severity=p.severity)
        for p in lay.doc.unreadable
    ]
