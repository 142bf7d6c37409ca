"""How wide a line of Times New Roman is, without opening a font file.

NĐ 30 wants the rule under the issuing body's name to be 1/3–1/2 of the name's length,
and the name differs in every dispatch, so the rule is sized when the dispatch is rendered.
The advance widths below are the Adobe Times-Roman and Times-Bold metrics (1/1000 em),
which Times New Roman and Liberation Serif share for these characters; the italic and bold
italic ones are Liberation Serif 2.1's (Italic, BoldItalic: hmtx rounded to 1/1000 em). A
Vietnamese letter is as wide as its base letter (the tone and vowel marks sit above or below
it), except the horned ơ, ư (Ơ, Ư), whose horn widens them: those widths are Times New
Roman's (upright; in italic Ơ keeps O's width). tests/test_textwidth.py checks every
character against the font files.
"""

from __future__ import annotations

import unicodedata

_ASCII = "".join(chr(c) for c in range(32, 127))
# widths of the characters " " … "~" (ASCII 32–126), in order
_ROMAN = [
    *(250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278),  # space … /
    *([500] * 10),  # 0–9
    *(278, 278, 564, 564, 564, 444, 921),  # : … @
    *(722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889),  # A–M
    *(722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611),  # N–Z
    *(333, 278, 333, 469, 500, 333),  # [ … `
    *(444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778),  # a–m
    *(500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444),  # n–z
    *(480, 200, 480, 541),  # { … ~
]
_BOLD = [
    *(250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278),
    *([500] * 10),
    *(333, 333, 570, 570, 570, 500, 930),
    *(722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944),
    *(722, 778, 611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667),
    *(333, 278, 333, 581, 500, 333),
    *(500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833),
    *(556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444),
    *(394, 220, 394, 520),
]
_ITALIC = [
    *(250, 333, 420, 500, 500, 833, 778, 214, 333, 333, 500, 675, 250, 333, 250, 278),
    *([500] * 10),
    *(333, 333, 675, 675, 675, 500, 920),
    *(611, 611, 667, 722, 611, 611, 722, 722, 333, 444, 667, 556, 833),
    *(667, 722, 611, 722, 611, 500, 556, 722, 611, 833, 611, 556, 556),
    *(389, 278, 389, 422, 500, 333),
    *(500, 500, 444, 500, 444, 278, 500, 500, 278, 278, 444, 278, 722),
    *(500, 500, 500, 500, 389, 389, 278, 500, 444, 667, 444, 444, 389),
    *(400, 275, 400, 541),
]
_BOLD_ITALIC = [
    *(250, 389, 555, 500, 500, 833, 778, 278, 333, 333, 500, 570, 250, 333, 250, 278),
    *([500] * 10),
    *(333, 333, 570, 570, 570, 500, 832),
    *(667, 667, 667, 722, 667, 667, 722, 778, 389, 500, 667, 611, 889),
    *(722, 722, 611, 722, 667, 556, 611, 722, 667, 889, 667, 611, 611),
    *(333, 278, 333, 570, 500, 333),
    *(500, 500, 444, 500, 444, 333, 500, 556, 278, 278, 500, 278, 778),
    *(556, 500, 500, 500, 389, 389, 278, 556, 444, 667, 500, 444, 389),
    *(348, 220, 348, 570),
]
#: (bold, italic) → widths of the ASCII characters
_WIDTHS = {
    (b, i): dict(zip(_ASCII, table, strict=True))
    for (b, i), table in {
        (False, False): _ROMAN,
        (True, False): _BOLD,
        (False, True): _ITALIC,
        (True, True): _BOLD_ITALIC,
    }.items()
}
_BASE = {"Đ": "D", "đ": "d", "\u00a0": " "}
#: the horned vowels, with any tone (the horn is U+031B once decomposed), by (bold, italic)
_HORNED = {
    (False, False): {"O": 722, "o": 529, "U": 776, "u": 542},
    (True, False): {"O": 778, "o": 554, "U": 796, "u": 600},
    (False, True): {"O": 722, "o": 534, "U": 754, "u": 545},
    (True, True): {"O": 722, "o": 537, "U": 775, "u": 599},
}
PT_TO_MM = 25.4 / 72


def _base(ch: str) -> str:
    if ch in _BASE:
        return _BASE[ch]
    return unicodedata.normalize("NFD", ch)[0]


def _advance(ch: str, style: tuple[bool, bool]) -> int:
    base = _base(ch)
    if "\u031b" in unicodedata.normalize("NFD", ch) and base in _HORNED[style]:
        return _HORNED[style][base]
    return _WIDTHS[style].get(base, 500)


class _Advances(dict[str, int]):
    """One style's advance widths, each character looked up once (a 10,000-row table measures
    every cell)."""

    def __init__(self, style: tuple[bool, bool]) -> None:
        super().__init__()
        self.style = style

    def __missing__(self, ch: str) -> int:
        self[ch] = value = _advance(ch, self.style)
        return value


_ADVANCES = {style: _Advances(style) for style in _WIDTHS}


def width_mm(text: str, size_pt: float, bold: bool = False, italic: bool = False) -> float:
    """The advance width of one line of ``text`` at ``size_pt``, in millimetres.

    >>> round(width_mm("ĐẢNG CỘNG SẢN VIỆT NAM", 15, bold=True), 1)
    72.9
    """
    units = sum(map(_ADVANCES[(bold, italic)].__getitem__, text))
    return units * size_pt / 1000 * PT_TO_MM


def wrapped_width_mm(text: str, size_pt: float, bold: bool, box_mm: float, italic: bool = False) -> float:
    """The widest line of ``text`` once Word wraps it at spaces in a box ``box_mm`` wide.

    Explicit line breaks ("\\n") are kept; a word wider than the box stands alone.
    """
    widest = 0.0
    for line in text.split("\n"):
        current = ""
        for word in line.split():
            trial = f"{current} {word}" if current else word
            if current and width_mm(trial, size_pt, bold, italic) > box_mm:
                widest = max(widest, width_mm(current, size_pt, bold, italic))
                current = word
            else:
                current = trial
        widest = max(widest, width_mm(current, size_pt, bold, italic))
    return widest
