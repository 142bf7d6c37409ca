"""The read-back document model: runs and paragraphs with their effective formatting.

:mod:`dispatch_gen.check.reader` builds these values from a .docx; the rules only read them.
This module also holds the few WordprocessingML helpers (tag names, twips) both share.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from dispatch_gen.i18n import _

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
V_NS = "urn:schemas-microsoft-com:vml"

TWIPS_PER_MM = 1440 / 25.4
FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
_THEME_ATTR = {"ascii": "asciiTheme", "hAnsi": "hAnsiTheme", "eastAsia": "eastAsiaTheme", "cs": "cstheme"}
_FALSE = {"0", "false", "off", "none"}
_ON_OFF = {"0", "1", "false", "true", "off", "on", "none"}  # ST_OnOff (and Word's "none")
# ST_TwipsMeasure / ST_HpsMeasure…: a number, or a number with a unit (transitional)
_MEASURE_RE = re.compile(r"^\s*([-+]?\d{1,12}(?:\.\d{1,12})?)\s*(mm|cm|in|pt|pc|pi)?\s*$")
_UNIT_TWIPS = {"mm": 1440 / 25.4, "cm": 1440 / 2.54, "in": 1440.0, "pt": 20.0, "pc": 240.0, "pi": 240.0}
_SKIP_ANCESTORS = {f"{{{W_NS}}}del", f"{{{W_NS}}}moveFrom", f"{{{MC_NS}}}Fallback"}


def w(tag: str) -> str:
    """Clark name of a WordprocessingML tag: ``w("p")`` → ``{ns}p``."""
    return f"{{{W_NS}}}{tag}"


def wattr(el: Any, name: str) -> str | None:
    """A ``w:``-namespaced attribute of ``el``, or None."""
    if el is None:
        return None
    return el.get(w(name))


def _on(el: Any) -> bool | None:
    """Value of a toggle property element (``<w:b/>``, ``<w:b w:val="0"/>``); None if absent."""
    if el is None:
        return None
    val = wattr(el, "val")
    return val is None or val.lower() not in _FALSE


def measure(value: str | None, twips_per_unit: float = 1.0) -> float | None:
    """A length as written in the XML, in its attribute's own unit (twips unless told).

    Plain numbers and universal measures (``12pt``, ``2.5cm``) are read; anything else
    (``nan``, ``inf``, ``abc``, ``1e400``) is None, for the caller to report.
    """
    if value is None:
        return None
    m = _MEASURE_RE.match(value)
    if m is None:
        return None
    number = float(m.group(1))
    if m.group(2):
        number = number * _UNIT_TWIPS[m.group(2)] / twips_per_unit
    return number if math.isfinite(number) else None


def twips_to_mm(value: str | float | None) -> float | None:
    """Convert a twips value (as found in the XML) to millimetres; None if unreadable."""
    if value is None:
        return None
    if isinstance(value, float):
        return value / TWIPS_PER_MM if math.isfinite(value) else None
    twips = measure(value)
    return twips / TWIPS_PER_MM if twips is not None else None


def is_on_off(value: str | None) -> bool:
    """True when ``value`` is a valid toggle value (or absent, meaning on)."""
    return value is None or value.strip().lower() in _ON_OFF


@dataclass(frozen=True)
class ReadProblem:
    """A value the reader could not read: the part, what it is, and where it was first seen.

    ``order`` is the paragraph index (or negative for the style sheet and the page), so the
    finding sorts with the others; ``count`` says how many places carry the same fault.
    """

    part: str
    message: str
    order: float
    severity: str = "error"


MAX_FAULTS = 50  # distinct unreadable values reported per file; the rest are counted


class Faults:
    """Collect unreadable values while a document is read, once per part, place and value.

    ``parts`` maps each parsed part's root element to its name; ``order`` is the paragraph
    being read (set by the reader), so a fault sorts with the findings of its paragraph.
    """

    def __init__(self, parts: dict[Any, str]) -> None:
        self.parts = parts
        self.order = -10.0
        self.main = ""  # the main document part's name
        self.total = 0  # faults met so far, counting repeats
        self._found: dict[tuple[str, str], list[Any]] = {}

    def part_of(self, el: Any) -> str:
        return self.parts.get(el.getroottree().getroot(), "")

    def add(self, part: str, message: str, severity: str = "error", order: float | None = None) -> None:
        """Record one fault; the same fault in another place is counted (not when ``order`` is given:
        a fault of the style sheet is met again at every run that uses the style)."""
        self.total += 1
        key = (part, message)
        if key in self._found:
            if order is None:
                self._found[key][1] += 1
            return
        self._found[key] = [self.order if order is None else order, 1, severity]

    def problems(self) -> list[ReadProblem]:
        out = []
        for (part, message), (order, count, severity) in list(self._found.items())[:MAX_FAULTS]:
            if count > 1:
                message += _(" ({count} chỗ)", count=count)
            out.append(ReadProblem(part, message, order, severity))
        rest = len(self._found) - MAX_FAULTS
        if rest > 0:
            out.append(ReadProblem("", _("và {count} giá trị không đọc được khác", count=rest), out[-1].order))
        return out


@dataclass(frozen=True)
class RunProps:
    """What Word shows for one run after the whole style chain is applied.

    ``fonts`` maps each rFonts slot (ascii, hAnsi, eastAsia, cs) to a font name, or None
    when no level names one. ``size`` is in points (Word's default, 10 pt, if unset).
    """

    fonts: tuple[tuple[str, str | None], ...]
    size: float
    bold: bool
    italic: bool
    underline: bool
    caps: bool
    superscript: bool
    hidden: bool = False

    def font(self, slot: str) -> str | None:
        """The font of one rFonts slot."""
        return dict(self.fonts).get(slot)


@dataclass(frozen=True)
class ParaProps:
    """Effective paragraph properties; lengths in mm, spacing in pt.

    ``line`` is the raw ``w:line`` value: pt when ``line_rule`` is exact/atLeast, a multiple
    of single spacing when it is auto. Borders hold the border style (``single``…) or None.
    """

    align: str | None
    first_line_mm: float
    left_mm: float
    space_before_pt: float
    space_after_pt: float
    line: float | None
    line_rule: str
    border_top: str | None
    border_bottom: str | None
    page_break_before: bool
    center_tab: bool
    right_mm: float = 0.0


@dataclass
class Run:
    """One ``w:r`` with its visible text and effective formatting."""

    text: str
    props: RunProps
    footnote_ref: str | None = None
    has_field: bool = False
    #: the label of Word's automatic numbering ("1.\t"), put before the paragraph's own runs
    numbering: bool = False


@dataclass
class Para:
    """One paragraph in document order, with where it sits (cell, table, text box)."""

    index: int
    element: Any
    runs: list[Run]
    props: ParaProps
    cell: Any = None
    table: Any = None
    top_table: Any = None
    in_textbox: bool = False
    #: the text box holding the paragraph (its content element), None outside text boxes
    textbox: Any = None
    section: int = 0
    ends_section: bool = False
    section_type: str | None = None
    break_before_text: bool = False
    break_after_text: bool = False
    drawn_line: bool = False
    fields: list[str] = field(default_factory=list)
    row: int = -1
    col: int = -1
    cell_border_bottom: str | None = None

    @property
    def text(self) -> str:
        """The paragraph's visible text (tabs as ``\\t``, line breaks as ``\\n``)."""
        return "".join(r.text for r in self.runs)

    def text_runs(self) -> list[Run]:
        """Runs that show something other than white space."""
        return [r for r in self.runs if r.text.strip()]

    def runs_in(self, start: int, end: int) -> list[Run]:
        """Non-blank runs overlapping the character span ``[start, end)`` of :attr:`text`."""
        out, pos = [], 0
        for run in self.runs:
            nxt = pos + len(run.text)
            if nxt > start and pos < end and run.text[max(start - pos, 0) : end - pos].strip():
                out.append(run)
            pos = nxt
        return out


@dataclass
class SectionInfo:
    """Page setup of one section; lengths in mm, None where the XML says nothing."""

    element: Any
    width_mm: float | None
    height_mm: float | None
    margins_mm: dict[str, float | None]
    title_pg: bool
    headers: dict[str, list[Para]]
    break_type: str | None


@dataclass
class DocInfo:
    """Everything the rules need from one Word file."""

    paragraphs: list[Para]
    sections: list[SectionInfo]
    footnote_refs: list[tuple[str, int]]
    footnotes: dict[str, list[Para]] | None
    extra_runs: list[tuple[int, Run]] = field(default_factory=list)
    unreadable: list[ReadProblem] = field(default_factory=list)
