"""The header's column widths and line breaks, chosen from what it holds (issue 18, item 2).

The header is a two-column table (the-thuc-van-ban.md §2): the issuing body, the number and
(for a công văn) the trích yếu on the left; the national lines and the date on the right.
Its total width is the profile's two widths together; the left width is chosen within the
profile's bounds (``header.left_width_mm``: ``min``–``max``, preferred ``uu_tien``) so that

- the date line and each national line fit the right column on one line (the date before
  anything else: it must never wrap), and the number line fits the left one;
- the superior's and the issuer's names break at balanced points between the parts of the
  name (:mod:`dispatch_gen.render.linebreak`), as few lines as they can, never a word alone;
- of the widths equally good, the one nearest the preferred.

Every width is measured with :mod:`dispatch_gen.render.textwidth`; a column keeps
:data:`SLACK_MM` beyond its widest line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from dispatch_gen import textwidth
from dispatch_gen.input import dateline
from dispatch_gen.render import linebreak

#: room left in a column beyond its widest line (twips rounding, Word and LibreOffice alike)
SLACK_MM = dateline.SLACK_MM
#: the left widths tried, this far apart
STEP_MM = 1.0
#: what one millimetre away from the preferred width costs (a line break costs 100)
AWAY = 0.5


@dataclass(frozen=True)
class Header:
    """The chosen header: column widths (mm) and each text with its line breaks ("\\n")."""

    left_mm: float
    right_mm: float
    #: the widths the template was built with (the rules in its cells are centred in them)
    template_left_mm: float
    template_right_mm: float
    superior: str | None
    issuer: str
    #: the trích yếu as printed: under the number (a công văn) or in the title block
    subject: str
    #: the widest line of the issuer's name, for the rule under it
    issuer_line_mm: float
    #: the date line; broken after its comma only when no column could hold it
    date: str


def bounds(prof: dict[str, Any]) -> tuple[float, float]:
    """The left column's least and greatest width (the preferred one when the profile gives no range)."""
    return dateline.left_bounds(prof)


def _widest(lines: tuple[str, ...], size: float, bold: bool) -> float:
    return max(textwidth.width_mm(x, size, bold) for x in lines)


def subject_lines(subject: str, prof: dict[str, Any], title: bool, left_mm: float) -> tuple[str, ...]:
    """The trích yếu's lines: in the title block across the text width, or under the number."""
    if title:
        tb, page = prof["title_block"], prof["page"]
        box = page["width_mm"] - page["left_mm"] - page["right_mm"]
        return linebreak.balanced(subject, tb["subject_size"], tb["subject_bold"], tb["subject_italic"], box - SLACK_MM)
    s = prof["header"]["subject"]
    return linebreak.balanced(subject, s["size"], bool(s.get("bold")), s["italic"], left_mm - SLACK_MM)


def layout(
    prof: dict[str, Any],
    superior: str | None,
    issuer: str,
    number: str,
    date: str,
    marks: list[str],
    subject: str,
    title: bool,
    columns: tuple[float, float | None] | None = None,
) -> Header:
    """Choose the header's widths and breaks for these texts (see the module).

    ``columns``: the widths of a user's template (left, and right when known): the breaks are
    chosen for them, the widths are kept.
    """
    h = prof["header"]
    pref, right_pref = h["left_width_mm"], h["right_width_mm"]
    total = pref + right_pref
    nat = h["national"]
    sizes = nat.get("sizes") or [nat["size"]] * len(nat["lines"])
    lo, hi = bounds(prof)
    room = dateline.room_mm(prof)
    if columns is not None:
        lo = hi = columns[0]
        total = columns[0] + (columns[1] if columns[1] is not None else total - columns[0])
        room = total - lo - 2 * SLACK_MM
    date_text = date
    need_date = dateline.width_mm(date, prof)
    if need_date > room and ", " in date:
        # wider than the right column can ever be: the place on one line, the day under it
        # (input/advice.py warns at dia_danh: a place is one administrative unit's name)
        date_text = date.replace(", ", ",\n", 1)
        need_date = max(dateline.width_mm(x, prof) for x in date_text.split("\n"))
    if need_date > room:
        need_date = 0.0  # still too wide (a place of many words): it wraps whatever the widths, the names come first
    need_right = max(
        [textwidth.width_mm(x, sz, nat["bold"]) for x, sz in zip(nat["lines"], sizes, strict=True)] + [need_date]
    )
    need_left = max(
        [textwidth.width_mm(number, h["number"]["size"])]
        + [textwidth.width_mm(m, h["marks"]["size"], h["marks"]["bold"]) for m in marks]
    )
    if columns is not None:
        widths = [lo]  # the template's: kept whatever the texts
    else:
        lo, hi = max(lo, need_left + SLACK_MM), min(hi, total - need_right - SLACK_MM)
        if lo > hi:  # the date first: it must never wrap
            widths = [max(hi, need_left + SLACK_MM)]
        else:
            count = int((hi - lo) / STEP_MM)
            widths = sorted({lo, hi, min(max(pref, lo), hi), *(lo + i * STEP_MM for i in range(count + 1))})
    sup, iss = h["superior"], h["issuer"]
    words = linebreak.words_of(prof)
    best: tuple[float, float] | None = None
    for w in widths:
        box = w - SLACK_MM
        cost = AWAY * abs(w - pref)
        if superior:
            cost += linebreak.name_lines(superior, sup["size"], sup["bold"], box, words)[1]
        cost += linebreak.name_lines(issuer, iss["size"], iss["bold"], box, words)[1]
        if not title:
            cost += linebreak.LINE * (len(subject_lines(subject, prof, title, w)) - 1) / 4
        if best is None or cost < best[0]:
            best = (cost, w)
    assert best is not None
    w = round(best[1], 1)
    box = w - SLACK_MM
    sup_lines = linebreak.name_lines(superior, sup["size"], sup["bold"], box, words)[0] if superior else None
    iss_lines = linebreak.name_lines(issuer, iss["size"], iss["bold"], box, words)[0]
    return Header(
        left_mm=w,
        right_mm=round(total - w, 1),
        template_left_mm=pref,
        template_right_mm=right_pref,
        superior="\n".join(sup_lines) if sup_lines else superior,
        issuer="\n".join(iss_lines),
        subject="\n".join(subject_lines(subject, prof, title, w)),
        issuer_line_mm=min(_widest(iss_lines, iss["size"], iss["bold"]), box),
        date=date_text,
    )


def as_typed(prof: dict[str, Any], superior: str | None, issuer: str, date: str, subject: str) -> Header:
    """The header with no break inserted anywhere (a user's template whose widths cannot be read:
    breaks chosen for the tool's own widths would be wrong there); the profile's widths."""
    h = prof["header"]
    left, iss = h["left_width_mm"], h["issuer"]
    return Header(
        left_mm=left,
        right_mm=h["right_width_mm"],
        template_left_mm=left,
        template_right_mm=h["right_width_mm"],
        superior=superior,
        issuer=issuer,
        subject=subject,
        issuer_line_mm=textwidth.wrapped_width_mm(issuer, iss["size"], iss["bold"], left - SLACK_MM),
        date=date,
    )


@dataclass(frozen=True)
class ColumnNeed:
    """What a table column's content needs, in mm (its cell margins included).

    ``role``: "fixed" (a width the user gave: ``want``), "short" (figures, numbers, codes: never
    wrapped), "text" (words that may wrap: a "Ghi chú") or "name" (the unit's name: it takes the
    rest). ``want``: its widest line on one line (a text column's as far as ``cap``, its profile
    width); ``least``: what it cannot do without (its widest figure, its longest word, its heading
    on two lines).
    """

    role: Literal["fixed", "short", "text", "name"]
    want: float
    least: float = 0.0
    cap: float = float("inf")


#: the least a unit-name column is given, whatever the rest needs
NAME_LEAST_MM = 30.0


def column_widths(needs: Sequence[ColumnNeed], total_mm: float) -> list[float]:
    """Share ``total_mm`` among a table's columns by what their content needs (issue 18, item 2).

    Each column first gets what it wants (a text column no more than its cap), the name column
    the rest. When the names need more than that rest, the text columns give back down to what
    they cannot do without (a long note wraps rather than the names), then the figure columns
    (their headings wrap, never their figures). Without a name column the table is as wide as
    its columns.
    """
    widths = [max(n.least, min(n.want, n.cap)) if n.role == "text" else n.want for n in needs]
    names = [i for i, n in enumerate(needs) if n.role == "name"]
    if not names:
        return widths
    for i in names:
        widths[i] = 0.0
    name_want = max(max(needs[i].want for i in names), NAME_LEAST_MM)
    short_by = name_want * len(names) - (total_mm - sum(widths))
    for role in ("text", "short"):
        for i, n in enumerate(needs):
            if short_by <= 0:
                break
            if n.role == role:
                back = min(max(widths[i] - n.least, 0.0), short_by)
                widths[i] -= back
                short_by -= back
    free = total_mm - sum(widths)
    for i in names:
        widths[i] = max(free / len(names), NAME_LEAST_MM)
    return widths
