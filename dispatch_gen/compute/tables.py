"""Tables in the body text: GitHub-style pipe tables, and the place of a table of the units' figures.

The body (``noi_dung``) is parsed into *blocks*: a paragraph (a list of runs, as
:func:`dispatch_gen.compute.markup.parse_blocks` gives), a :class:`PipeTable` typed by the office
(markdown-it's ``table`` rule: a header row, a delimiter row ``|---|:--:|--:|``, the rows; its cells
hold the same light markup as a paragraph), or a :class:`UnitsTable`: a paragraph that is only
``{{ bang_don_vi }}`` (or ``{{ bang.<tên> }}``, a table of ``bang:``), printed as the appendix's
table of the units' figures (:mod:`dispatch_gen.compute.rows`).
No Word here: :mod:`dispatch_gen.render.bodytable` writes the blocks.

>>> blocks = parse_body("Kết quả:\\n\\n| Đơn vị | Đạt |\\n|---|--:|\\n| **A** | 1.474 |")
>>> blocks[0]
[Run(text='Kết quả:')]
>>> t = blocks[1]
>>> t.header, t.aligns, t.rows
([[Run(text='Đơn vị')], [Run(text='Đạt')]], ['', 'right'], [[[Run(text='A', bold=True)], [Run(text='1.474')]]])
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markdown_it.token import Token

from dispatch_gen.compute.markup import Run, blocks_with_tables, runs_of

Cell = list[Run]


@dataclass
class PipeTable:
    """A table the office typed: its header cells, its rows, each column's alignment.

    ``aligns``: "left", "center", "right" as the delimiter row asks (``:--``, ``:-:``, ``--:``),
    or "" where it asks nothing (the profile decides). ``line``: the table's first line in the
    text, 1-based (for messages).
    """

    header: list[Cell]
    rows: list[list[Cell]]
    aligns: list[str]
    line: int = 1

    def cells(self) -> Iterator[Cell]:
        yield from self.header
        for row in self.rows:
            yield from row


@dataclass(frozen=True)
class UnitsTable:
    """The place of a table of the units' figures: ``name`` is "" for ``{{ bang_don_vi }}``, else a key of ``bang``."""

    name: str


Block = list[Run] | PipeTable | UnitsTable

#: What ``{{ bang_don_vi }}`` / ``{{ bang.<tên> }}`` print: private-use characters no office types.
_PLACE = "\ue000bang:{name}\ue001"
_PLACE_RE = re.compile("\ue000bang:([^\ue001]*)\ue001")


def placement(name: str) -> str:
    """The text a units table's name prints in a body text, replaced by the table."""
    return _PLACE.format(name=name)


class PlacementError(ValueError):
    """A units table's name used inside a sentence (it must be a paragraph of its own)."""

    def __init__(self, name: str, line: int) -> None:
        super().__init__(name)
        self.name = name
        self.line = line


_ALIGN = re.compile(r"text-align:(left|center|right)")


def _align(tok: Token) -> str:
    m = _ALIGN.search(str(tok.attrs.get("style", "")))
    return m.group(1) if m else ""


def _table(tokens: list[Token], start: int) -> tuple[PipeTable, int]:
    """The table whose ``table_open`` is at ``start``; and the index after its ``table_close``."""
    header: list[Cell] = []
    rows: list[list[Cell]] = []
    aligns: list[str] = []
    row: list[Cell] | None = None
    in_head = False
    i = start + 1
    first = (tokens[start].map or [0])[0] + 1
    while tokens[i].type != "table_close":
        t = tokens[i]
        if t.type == "thead_open":
            in_head = True
        elif t.type == "thead_close":
            in_head = False
        elif t.type == "tr_open":
            row = []
        elif t.type == "tr_close" and row is not None:
            if in_head:
                header = row
            else:
                rows.append(row)
            row = None
        elif t.type == "th_open":
            aligns.append(_align(t))
        elif t.type == "inline" and row is not None:
            row.append(runs_of(t.children or []))
        i += 1
    return PipeTable(header, rows, aligns, first), i + 1


def _place(para: Cell) -> UnitsTable | None:
    """A paragraph that is only a units table's placement → that place; the placement in a sentence → error."""
    text = "".join(r.text for r in para)
    m = _PLACE_RE.search(text)
    if m is None:
        return None
    if text.strip() != m.group(0) or any(r.note or r.br for r in para):
        raise PlacementError(m.group(1), 1)
    return UnitsTable(m.group(1))


def parse_body(text: str, headings: Sequence[Mapping[str, Any]] | None = None) -> list[Block]:
    """The body's blocks in order: paragraphs of runs (``#`` headings numbered as
    :func:`~dispatch_gen.compute.markup.parse_blocks` does), pipe tables, places of units tables.

    Raises :class:`PlacementError` when a units table is named inside a paragraph of other text.
    """
    blocks: list[Block] = []
    for b in blocks_with_tables(text, headings, _table):
        place = _place(b) if isinstance(b, list) else None
        blocks.append(place if place is not None else b)
    return blocks


def grid_table(rows: list[list[str]]) -> PipeTable:
    """A sheet's rows (:func:`dispatch_gen.input.sheets.read_grid`) as a table: the first row is its header.

    The cells are texts as they are (no light markup: a "*" in a sheet prints as typed).
    """
    cells = [[[Run(v)] if v else [] for v in row] for row in rows]
    return PipeTable(cells[0] if cells else [], cells[1:], [""] * (len(rows[0]) if rows else 0))


def parse_table(text: str) -> PipeTable | None:
    """The first pipe table of ``text`` (a plain table appendix's ``bang``), or None when it has none."""
    return next((b for b in blocks_with_tables(text, None, _table) if isinstance(b, PipeTable)), None)


def block_runs(blocks: list[Block]) -> Iterator[Run]:
    """Every run of the blocks, table cells included (for the footnote marks they hold)."""
    for b in blocks:
        if isinstance(b, PipeTable):
            for cell in b.cells():
                yield from cell
        elif isinstance(b, list):
            yield from b


def paragraphs(blocks: list[Block]) -> list[list[Run]]:
    """The blocks that are paragraphs."""
    return [b for b in blocks if isinstance(b, list)]


_NUMBER = re.compile(r"[+\-−]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?\s?%?")


def is_number(cell: Cell) -> bool:
    """A cell that holds only a number as Vietnamese offices type it: 1.474 · 81,88 · 81,88% · -."""
    text = "".join(r.text for r in cell).strip()
    return bool(_NUMBER.fullmatch(text))
