"""The header's date line ("Bình Sơn, ngày 04 tháng 12 năm 2026") and the room the header gives it.

Shared by the input stage, which warns at ``dia_danh`` when the line cannot print on one line
(:func:`dispatch_gen.input.advice.long_place`), and the renderer, which then breaks it after
the comma (:mod:`dispatch_gen.render.geometry`): both measure with :mod:`dispatch_gen.textwidth`
against the same room, the right column at its widest.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from dispatch_gen import textwidth, vn
from dispatch_gen.input.profile import SPECS_KEY

#: room left in a header column beyond its widest line (twips rounding, Word and LibreOffice alike)
SLACK_MM = 1.0


def text(place: str, issued: date | None, year: int | None, prof: dict[str, Any]) -> str:
    """The line as printed: the place, a comma, the date (blanks on a draft)."""
    return f"{place}, {vn.header_date(issued, year, prof['header']['date']['blank'])}"


def width_mm(line: str, prof: dict[str, Any]) -> float:
    """The width of one line of the date line's text, in the profile's size and style."""
    dated = prof["header"]["date"]
    return textwidth.width_mm(line, dated["size"], italic=dated["italic"])


def left_bounds(prof: dict[str, Any]) -> tuple[float, float]:
    """The header's left column's least and greatest width (the preferred one when the profile
    gives no range): the right column takes the rest of the two widths together."""
    pref = prof["header"]["left_width_mm"]
    spec = (prof.get(SPECS_KEY) or {}).get("header.left_width_mm") or {}
    lo, hi = spec.get("min"), spec.get("max")
    return (pref if lo is None else lo), (pref if hi is None else hi)


def room_mm(prof: dict[str, Any]) -> float:
    """The widest the date line can print on one line: the right column at its widest (the left one
    at the least the profile allows), less :data:`SLACK_MM` on each side."""
    h = prof["header"]
    return h["left_width_mm"] + h["right_width_mm"] - left_bounds(prof)[0] - 2 * SLACK_MM


__all__ = ["SLACK_MM", "left_bounds", "room_mm", "text", "width_mm"]
