"""Section headings read back: a numbered line formatted as a heading level becomes a ``#`` line.

A report's sections ("**I. KẾT QUẢ**", "**1. Công tác tuyên truyền**", "***1.1. Ở các chi
bộ***", "a) Chi bộ Bình An") are written in ``noi_dung`` as ``#`` … ``####`` headings with the
number kept as typed, so rendering them gives the same numbers
(:mod:`dispatch_gen.compute.headings` keeps a typed number). The level is the profile's
(``body.headings``) whose numbering has the number's form (I. roman, 1. arabic, 1.1. nested,
a) letter); the line is a heading only when it is formatted as that level is, every run of
it: bold and italic as the level says, in capitals when the level is. A level that is neither
bold nor italic (the "a)" points) is only told from an item of text by its shape: a heading of
a higher level above it, a short line not ending like a sentence or a list item.

A number that is the one the tool would supply there ("I." after no section, "II." after "I.")
is left out, so the sections are numbered by the tool again and one added in the YAML takes its
place in the series; any other ("Phần I", "3." after "1.", "1.1" without its point) is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from dispatch_gen.check.docmodel import Para
from dispatch_gen.compute.headings import TYPED, Numberer
from dispatch_gen.wordin.markup import pieces, plain, to_markup

#: the forms a typed number may have, as :data:`~dispatch_gen.compute.headings.TYPED` names them
FORMS = ("roman", "nested", "arabic", "letter")
#: a heading that is neither bold nor italic is a short line (a point of text is longer)
PLAIN_HEADING_CHARS = 100
#: the ends of a sentence or of a list item ("a) Các chi bộ …;"): not a heading
ITEM_ENDS = ".;,:"


class Headings:
    """Tells the headings of one body, in order (a plain level needs a heading above it)."""

    def __init__(self, levels: Sequence[Mapping[str, Any]] | None, stop: int | None = None) -> None:
        self.levels = list(levels or [])
        self.stop = stop  # the index of the first paragraph after the body (an appendix is not read)
        self.seen: set[int] = set()  # the levels (0-based) met so far
        self.numberer = Numberer(self.levels) if self.levels else None

    def level(self, para: Para) -> int | None:
        """The heading level (1 for ``#``) of ``para``, or None when it is a paragraph of text."""
        if self.stop is not None and para.index >= self.stop:
            return None
        text = plain(para.runs)
        m = TYPED.match(text)
        form = next((f for f in FORMS if m is not None and m.group(f)), None)
        i = next((n for n, lv in enumerate(self.levels) if form and lv.get("numbering") == form), None)
        runs = [r for r in para.runs if r.text.strip() and r.footnote_ref is None]
        if i is None or not runs or "\n" in text or (m is not None and not text[m.end() :].strip()):
            return None
        style = self.levels[i]
        if any(r.props.bold != bool(style["bold"]) or r.props.italic != bool(style["italic"]) for r in runs):
            return None
        if style["caps"] and text != text.upper():
            return None
        if not style["bold"] and not style["italic"]:
            higher = any(n < i for n in self.seen)
            if not higher or len(text) > PLAIN_HEADING_CHARS or text.rstrip()[-1:] in ITEM_ENDS:
                return None
        self.seen.add(i)
        return i + 1

    def line(self, para: Para, note_key: Callable[[str], str]) -> str | None:
        """``para`` as a ``#`` line (its text without the level's own bold and italic), or None."""
        level = self.level(para)
        if level is None:
            return None
        style = self.levels[level - 1]
        items = [
            replace(p, bold=p.bold and not style["bold"], italic=p.italic and not style["italic"])
            for p in pieces(para.runs, note_key)
        ]
        text = to_markup(items)
        m = TYPED.match(text)
        if m is not None and self.numberer is not None:
            rest = text[m.end() :].lstrip()
            if self.numberer.number(level, rest).strip() == m.group(0).strip():
                text = rest  # the number the tool supplies: left to it
            else:
                self.numberer.number(level, text)  # counts from the typed number, as the renderer will
        return "#" * level + " " + text


__all__ = ["Headings"]
