"""Where each value read from a units sheet came from, worked out only when a message asks.

A 10,000-row sheet has 70,000 located values; a stored position and name for each
(``so_lieu.don_vi[12].chi_tieu`` → line 14, column 4, “D14 (Chỉ tiêu)”) cost a fifth of
reading it, for the few a message ever names. :class:`SheetCells` keeps the unit rows' lines
and the columns' fields instead, and answers as those two dicts did (``path in``, ``[path]``,
``.get``, in the same order): :attr:`positions` and :attr:`names` of the sheet's
:class:`~dispatch_gen.input.source.Located`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeVar

V = TypeVar("V")


def col_letter(n: int) -> str:
    """1 → A, 27 → AA."""
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


class _Lazy(Mapping[str, V]):
    """One of the two mappings: a unit's path (``base[k]``) or a cell's (``base[k].field``) → value."""

    def __init__(self, cells: SheetCells, value: Callable[[int, int | None], V]) -> None:
        self._cells = cells
        self._value = value

    def __getitem__(self, path: str) -> V:
        found = self._cells.parse(path)
        if found is None:
            raise KeyError(path)
        return self._value(*found)

    def __contains__(self, path: object) -> bool:
        return isinstance(path, str) and self._cells.parse(path) is not None

    def __iter__(self) -> Iterator[str]:
        c = self._cells
        for k in range(len(c.rows)):
            yield f"{c.base}[{k}]"
            for field in c.fields:
                yield f"{c.base}[{k}].{field}"

    def __len__(self) -> int:
        return len(self._cells.rows) * (1 + len(self._cells.fields))


class SheetCells:
    """The places of the units read from a sheet.

    ``base``: the units' field path (``so_lieu.don_vi``); ``where``: the sheet's name and “!”
    (“” for a CSV); ``rows``: the 0-based sheet row of each unit read; ``lines``: the line each
    sheet row starts on (CSV), else ``None`` (the row's number); ``fields``: field path → the
    0-based column it is read from; ``titles``: the header row; ``row_word``: “dòng”, translated.
    """

    def __init__(
        self,
        base: str,
        where: str,
        rows: list[int],
        lines: list[int] | None,
        fields: dict[str, int],
        titles: list[Any],
        row_word: str,
    ) -> None:
        self.base, self.where, self.rows, self.lines = base, where, rows, lines
        self.fields, self.titles, self.row_word = fields, titles, row_word
        self._prefix = f"{base}["
        self.positions: Mapping[str, tuple[int, int]] = _Lazy(self, self._position)
        self.names: Mapping[str, str] = _Lazy(self, self._name)

    def parse(self, path: str) -> tuple[int, int | None] | None:
        """(unit index, column of the field or ``None`` for the unit itself), or ``None``: not a path of here."""
        if not path.startswith(self._prefix):
            return None
        start = len(self._prefix)
        close = path.find("]", start)
        digits = path[start:close] if close > 0 else ""
        if not (digits.isascii() and digits.isdigit()) or (len(digits) > 1 and digits[0] == "0"):
            return None
        k = int(digits)
        if k >= len(self.rows):
            return None
        rest = path[close + 1 :]
        if not rest:
            return k, None
        if rest[0] != "." or rest[1:] not in self.fields:
            return None
        return k, self.fields[rest[1:]]

    def _line(self, k: int) -> int:
        r = self.rows[k]
        return self.lines[r] if self.lines is not None else r + 1

    def _position(self, k: int, col: int | None) -> tuple[int, int]:
        return self._line(k), 1 if col is None else col + 1

    def _name(self, k: int, col: int | None) -> str:
        r = self.rows[k]
        if col is None:
            return f"{self.where}{self.row_word} {r + 1}"
        return f"{self.where}{col_letter(col + 1)}{r + 1} ({self.titles[col]})"
