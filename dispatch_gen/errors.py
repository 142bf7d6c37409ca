"""Every failure the user can act on, each carrying where it happened.

The library raises; only the CLI prints and exits. A :class:`Problem` names the file, line,
column and field path (``kinh_gui[2]``) of one fault; :class:`InputError` carries all the
problems of one input, reported together.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from dispatch_gen.i18n import _


@dataclass(frozen=True)
class Problem:
    """One fault in the user's input, already translated.

    ``severity`` is "error" (the output is not written) or "warning"/"note" (it is).
    """

    message: str
    file: str = ""
    line: int = 0
    column: int = 0
    field: str = ""
    severity: str = "error"

    def __str__(self) -> str:
        where = self.file or "<input>"
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        head = f"{self.field}: " if self.field else ""
        return f"{where}: {head}{self.message}"


class DispatchError(Exception):
    """Base of every error dispatch-gen reports to the user (exit status 1)."""

    exit_status = 1


@dataclass
class InputError(DispatchError):
    """The input (YAML, spreadsheet, template) has problems; nothing was written."""

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class OutputError(DispatchError):
    """The output cannot be written (missing folder, no permission); nothing was changed."""


class PdfUnavailable(DispatchError):
    """LibreOffice is not installed, so no PDF can be made; the .docx is still written."""


class CheckFailed(DispatchError):
    """`check` found format problems in a Word file."""


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice nearest to a mistyped ``word`` (difflib ratio 0.6 or more), or None.

    >>> closest("nha_nuco", ["dang", "nha_nuoc"]), closest("xyz", ["dang"])
    ('nha_nuoc', None)
    """
    import difflib  # only for a mistake: not at every start

    found = difflib.get_close_matches(word, list(choices), 1, 0.6)
    return found[0] if found else None


def did_you_mean(word: str, choices: Iterable[str], *, parenthetical: bool = False) -> str:
    """The hint appended to a message: " Có phải “x”?", or " (có phải “x”?)"; "" when nothing is near."""
    near = closest(word, choices)
    if near is None:
        return ""
    return _(" (có phải “{word}”?)", word=near) if parenthetical else _(" Có phải “{word}”?", word=near)
