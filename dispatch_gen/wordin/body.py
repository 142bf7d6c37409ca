"""The body read back: paragraphs as light markup, tables as pipe tables, footnotes as ``chu_thich``.

Each body-level paragraph is one block of ``noi_dung`` (blocks are separated by a blank line),
its literal numbering ("1.", "a)", "- ") kept as typed; a section heading is a ``#`` line with its
number as typed (:mod:`dispatch_gen.wordin.headings`). A table is one pipe table block: one
line per row, the first row the heading row, cells cut by ``|`` (a ``|`` in a cell escaped).
A footnote reference becomes ``[^cnN]`` (N counting the notes in order) and its text the entry
``cnN`` of ``chu_thich``.
"""

from __future__ import annotations

from typing import Any

from dispatch_gen.check.docmodel import Para
from dispatch_gen.wordin.headings import Headings
from dispatch_gen.wordin.markup import pieces, to_markup


class Notes:
    """Footnotes met in the body, numbered in order, with their text as markup."""

    def __init__(self, footnotes: dict[str, list[Para]] | None) -> None:
        self.source = footnotes or {}
        self.keys: dict[str, str] = {}
        self.texts: dict[str, str] = {}
        self.missing: list[str] = []

    def key(self, ref: str) -> str:
        if ref not in self.keys:
            key = f"cn{len(self.keys) + 1}"
            self.keys[ref] = key
            paras = self.source.get(ref)
            if paras is None:
                self.missing.append(key)
            blocks = [to_markup(pieces(p.runs)) for p in paras or []]
            self.texts[key] = "\n\n".join(b for b in blocks if b)
        return self.keys[ref]


def paragraph(para: Para, notes: Notes) -> str:
    """One paragraph as a block of markup."""
    return to_markup(pieces(para.runs, notes.key))


def _cell(paras: list[Para], notes: Notes) -> str:
    text = " ".join(b for b in (paragraph(p, notes).replace("\\\n", " ") for p in paras) if b)
    return text.replace("|", "\\|") or " "


def table(paras: list[Para], notes: Notes) -> str:
    """The paragraphs of one top-level table as a pipe table (nested tables go into their cell)."""
    top = paras[0].top_table
    rows: dict[int, dict[int, list[Para]]] = {}
    last: tuple[int, int] = (0, 0)
    for p in paras:
        if p.table is top and p.row >= 0:
            last = (p.row, max(p.col, 0))
        rows.setdefault(last[0], {}).setdefault(last[1], []).append(p)
    width = max((max(cols) + 1 for cols in rows.values() if cols), default=1)
    lines = []
    for n, r in enumerate(sorted(rows)):
        cells = [_cell(rows[r].get(c, []), notes) for c in range(width)]
        lines.append("| " + " | ".join(cells) + " |")
        if n == 0:
            lines.append("|" + "|".join(["---"] * width) + "|")
    return "\n".join(lines)


def blocks(paras: list[Para], notes: Notes, headings: Headings | None = None) -> list[tuple[Para, str]]:
    """The blocks of ``noi_dung`` from body paragraphs in order, each with its first paragraph.

    ``headings``: tells the section headings, written as ``#`` lines (:mod:`dispatch_gen.wordin.headings`).
    """
    out: list[tuple[Para, str]] = []
    group: list[Para] = []
    current: Any = None

    def flush() -> None:
        if group:
            out.append((group[0], table(list(group), notes)))
            group.clear()

    for p in paras:
        if p.top_table is not None:
            if p.top_table is not current:
                flush()
                current = p.top_table
            group.append(p)
            continue
        flush()
        current = None
        text = (headings.line(p, notes.key) if headings is not None else None) or paragraph(p, notes)
        if text:
            out.append((p, text))
    flush()
    return [(p, t) for p, t in out if t.strip("| -\n")]


__all__ = ["Notes", "blocks", "paragraph", "table"]
