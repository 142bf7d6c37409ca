"""The read-back document model: runs and paragraphs with their effective formatting.

:mod:`dispatch_gen.check.reader` builds these values from a .docx; the rules only read them.
This module also holds the few WordprocessingML helpers (tag names, twips) both share.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
V_NS = "urn:schemas-microsoft-com:vml"

TWIPS_PER_MM = 1440 / 25.4
FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
_THEME_ATTR = {"ascii": "asciiTheme", "hAnsi": "hAnsiTheme", "eastAsia": "eastAsiaTheme", "cs": "cstheme"}
_FALSE = {"0", "false", "off", "none"}
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


def twips_to_mm(value: str | float | None) -> float | None:
    """Convert a twips value (as found in the XML) to millimetres."""
    if value is None:
        return None
    try:
        return float(value) / TWIPS_PER_MM
    except ValueError:
        return None


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


@dataclass
class Run:
    """One ``w:r`` with its visible text and effective formatting."""

    text: str
    props: RunProps
    footnote_ref: str | None = None
    has_field: bool = False


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
