"""Real Word footnotes from data: a footnote reference in the text, the note in footnotes.xml.

docxtpl cannot create footnotes (its issues #379 and #609), so references are allocated
while the render context is built, in order of appearance across the body and the
appendix, and the notes are written into ``word/footnotes.xml`` after docxtpl has
rendered. A document with no footnote gets no footnotes part at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from dispatch_gen.compute.markup import Run
from dispatch_gen.wml import footnotes as wml_footnotes
from dispatch_gen.wml import ooxml


@dataclass
class Footnotes:
    """Footnotes of one document: allocated ids and the runs of each note's text."""

    first_id: int = 1
    notes: list[tuple[int, list[Run]]] = field(default_factory=list)
    used: set[str] = field(default_factory=set)

    def reference(self, label: str, runs: list[Run]) -> int:
        """Allocate the next footnote for ``label`` and return its id."""
        note_id = self.first_id + len(self.notes)
        self.notes.append((note_id, runs))
        self.used.add(label)
        return note_id

    def write(self, document: Any, size_pt: float, runs_to_xml: Callable[[list[Run]], str]) -> None:
        """Add the notes to ``word/footnotes.xml`` (the default part, with its separators, when missing)."""
        if not self.notes:
            return
        root = wml_footnotes.root_to_write(document)
        para_style = ooxml.style_id(document, "footnote text")
        ref_style = ooxml.style_id(document, "footnote reference")
        xml = "".join(
            ooxml.footnote_xml(i, runs_to_xml(runs), para_style, ref_style, size_pt) for i, runs in self.notes
        )
        for el in ooxml.parse_fragment(xml):
            root.append(el)


def first_free_id(document: Any) -> int:
    """The first footnote id a template leaves free (1 when it has no footnotes part)."""
    root = wml_footnotes.find_root(document)
    return 1 if root is None else wml_footnotes.max_id(root) + 1
