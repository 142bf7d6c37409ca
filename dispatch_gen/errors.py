"""Every failure the user can act on, each carrying where it happened.

The library raises; only the CLI prints and exits. A :class:`Problem` names the file, line,
column and field path (``kinh_gui[2]``) of one fault; :class:`InputError` carries all the
problems of one input, reported together.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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
