"""Section headings of a structured body: ``#`` … ``####`` lines, their numbers and formatting.

A report or a kết luận is built of sections "I.", "II." / "1.", "2." / "1.1." / "a)", "b)".
In ``noi_dung`` a section heading is a Markdown heading line (``# Kết quả``); its level is the
number of ``#``. Each level's numbering and formatting is profile data (``body.headings``:
one entry per level, with its source). A heading whose text starts with a number the user
typed (``# I. KẾT QUẢ``, ``## 2. Tồn tại``, ``### a) Chi bộ``, ``# Phần I``) keeps it exactly
as typed; otherwise the tool supplies the next number of that level's form, counting again
under each heading of a higher level. Either way the number is text in the paragraph, never
Word list numbering. Levels deeper than the profile lists take its last level.

>>> levels = [{"numbering": "roman", "suffix": "."}, {"numbering": "arabic", "suffix": "."},
...           {"numbering": "nested", "suffix": "."}, {"numbering": "letter", "suffix": ")"}]
>>> n = Numberer(levels)
>>> [n.number(lv, t) for lv, t in [(1, "Kết quả"), (2, "Chi bộ"), (3, "Xã"), (4, "Một"),
...  (4, "Hai"), (2, "3. Đảng viên"), (2, "Tiếp"), (1, "Tồn tại")]]
['I. ', '1. ', '1.1. ', 'a) ', 'b) ', '', '4. ', 'II. ']
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

#: the Vietnamese alphabet of the points "a)", "b)" … (NĐ 30 Phụ lục I II.6.đ: "theo thứ tự
#: bảng chữ cái tiếng Việt"; HD 36 1.6.2: "a, b, c...")
LETTERS = "abcdđeghiklmnopqrstuvxy"

_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip

#: a number the user typed at the start of a heading, of any form (kept as typed)
TYPED = re.compile(
    r"^\s*(?:(?P<roman>[IVXLCDM]+)\.|(?P<nested>\d+(?:\.\d+)+)\.?|(?P<arabic>\d+)\.|(?P<letter>[a-zđ])\)"
    r"|(?:Phần|Chương|Mục|Tiểu mục|Điều)\s+(?:[IVXLCDM]+|\d+|thứ\s+\w+)\.?)(?=\s|$)",
)


def roman(n: int) -> str:
    """``n`` in Roman numerals (4 → "IV")."""
    out = ""
    for value, sign in _ROMAN:
        while n >= value:
            out += sign
            n -= value
    return out


def _roman_value(text: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for i, ch in enumerate(text):
        v = values[ch]
        total += -v if i + 1 < len(text) and values[text[i + 1]] > v else v
    return total


class Numberer:
    """Supplies the numbers of one body's headings, level by level, in order."""

    def __init__(self, levels: Sequence[Mapping[str, Any]]) -> None:
        self.levels = list(levels)
        self.counts = [0] * len(self.levels)

    def style(self, level: int) -> Mapping[str, Any]:
        """The profile's entry for heading ``level`` (1 for ``#``); deeper levels take the last."""
        return self.levels[min(level, len(self.levels)) - 1]

    def number(self, level: int, text: str) -> str:
        """The number to print before heading ``text`` at ``level`` ("" when the user typed one)."""
        i = min(level, len(self.levels)) - 1
        form = self.levels[i]["numbering"]
        typed = TYPED.match(text)
        if typed:
            seen = self._typed_value(typed, form)
            if seen is not None:
                self._count(i, seen)
            return ""
        if form is None:
            return ""
        self._count(i, self.counts[i] + 1)
        n = self.counts[i]
        if form == "roman":
            shown = roman(n)
        elif form == "letter":
            shown = LETTERS[(n - 1) % len(LETTERS)]
        elif form == "nested" and i > 0:
            shown = f"{self.counts[i - 1]}.{n}"
        else:
            shown = str(n)
        return f"{shown}{self.levels[i]['suffix']} "

    def _count(self, i: int, value: int) -> None:
        self.counts[i] = value
        for deeper in range(i + 1, len(self.counts)):
            self.counts[deeper] = 0

    @staticmethod
    def _typed_value(m: re.Match[str], form: str | None) -> int | None:
        """The count a typed number of the level's own form stands for, so supplied ones follow it."""
        if form == "roman" and m.group("roman"):
            return _roman_value(m.group("roman"))
        if form == "arabic" and m.group("arabic"):
            return int(m.group("arabic"))
        if form == "nested" and m.group("nested"):
            return int(m.group("nested").rsplit(".", 1)[1])
        if form == "letter" and m.group("letter"):
            return LETTERS.find(m.group("letter")) + 1
        return None


__all__ = ["LETTERS", "TYPED", "Numberer", "roman"]
