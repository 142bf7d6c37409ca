"""Format checker: does a Word file follow a profile's layout rules?

``check_docx(path, profile)`` reads any .docx (ours or typed by hand), finds each part of
the dispatch by its text and compares its effective formatting with the profile's values.
It returns a list of :class:`Finding`; an empty list means no problem was found.
"""

from __future__ import annotations

from dispatch_gen.check.reader import DocInfo, read_docx
from dispatch_gen.check.rules import Finding, check_document, check_docx

__all__ = ["DocInfo", "Finding", "check_document", "check_docx", "read_docx"]
