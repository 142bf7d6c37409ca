"""Lines of the header and the signature, whatever the document was built with.

An office lays out the two columns of a header with a borderless table, or with tabs in
plain paragraphs ("ĐẢNG BỘ TỈNH QUẢNG NGÃI<tab><tab>ĐẢNG CỘNG SẢN VIỆT NAM"), and writes two
lines as one paragraph with a line break ("ỦY BAN NHÂN DÂN<br/>TỈNH LÀO CAI"). The rules
read lines: :func:`split_header` cuts the header's paragraphs at line breaks, and at the tabs
between a left and a right part, into line paragraphs (copies of the paragraph holding
only that part's runs, with ``col`` 0 for the left column and 1 for the right), so that each
construction gives the same lines. :func:`split_breaks` cuts any paragraph at its line breaks.
"""

from __future__ import annotations

import re
from dataclasses import replace

from dispatch_gen.check.common import norm
from dispatch_gen.check.docmodel import Para
from dispatch_gen.vn import fold

_TABS = re.compile(r"\t+")
_SPACES = re.compile(r" {4,}")


def _column_spans(text: str, national: frozenset[str]) -> list[tuple[int, int]]:
    """The parts of a header line: split at tabs, or at a wide run of spaces before a national line.

    Offices also "align" the right column with the space bar ("VĂN PHÒNG UBND TỈNH       CỘNG
    HÒA …"); spaces cut only where what follows is a national line, since a draft's blank number
    or day is typed with spaces too ("Số:      /UBND-KT").
    """
    spans = _spans(text, _TABS)
    if len(spans) == 1 and national:
        for m in _SPACES.finditer(text):
            if text[: m.start()].strip() and fold(norm(text[m.end() :])) in national:
                return [(0, m.start()), (m.end(), len(text))]
    return spans


def piece(para: Para, start: int, end: int, col: int | None = None) -> Para:
    """A copy of ``para`` that holds only the text ``[start, end)`` of it (runs cut to it)."""
    runs, pos = [], 0
    for run in para.runs:
        nxt = pos + len(run.text)
        lo, hi = max(start, pos), min(end, nxt)
        if lo < hi:
            runs.append(replace(run, text=run.text[lo - pos : hi - pos]))
        pos = nxt
    return replace(para, runs=runs, col=para.col if col is None else col)


def _spans(text: str, sep: re.Pattern[str]) -> list[tuple[int, int]]:
    """The ``[start, end)`` spans of ``text`` between the separators, blank ones left out."""
    out, pos = [], 0
    for m in sep.finditer(text):
        if text[pos : m.start()].strip():
            out.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        out.append((pos, len(text)))
    return out


def _starts_with(text: str, words: tuple[str, ...]) -> bool:
    """Whether ``text`` starts with one of ``words`` (as a whole word, case ignored)."""
    return any(re.match(rf"\s*{re.escape(w)}(?!\w)", text, re.IGNORECASE) for w in words)


def split_breaks(para: Para, date_words: tuple[str, ...] = ()) -> list[Para]:
    """``para`` cut at its line breaks: one paragraph per non-blank line (itself when it has none).

    ``date_words``: the words that start a date (the profile's ``words.date``,
    :func:`dispatch_gen.input.profile_words.date_words`); a line ending with a comma and the
    line after it starting with one are one line.
    """
    if "\n" not in para.text:
        return [para]
    spans: list[tuple[int, int]] = []
    for a, b in _spans(para.text, re.compile("\n")):
        # a place and its date broken after the comma ("Quảng Ngãi,↵ngày 12 tháng 3 năm 2024", as
        # the tool breaks a place too wide for its column) is one line of the document
        if (
            spans
            and para.text[spans[-1][0] : spans[-1][1]].rstrip().endswith(",")
            and _starts_with(para.text[a:b], date_words)
        ):
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    return [piece(para, a, b) for a, b in spans] or [para]


def _tabbed(para: Para) -> bool:
    """A body-level line laid out with tabs: a left and a right part, or a right part alone."""
    if para.cell is not None:
        return False
    text = para.text
    return len(_spans(text, _TABS)) >= 2 or (text.lstrip(" ").startswith("\t") and bool(text.strip()))


def split_header(
    main: tuple[Para, ...], last: int, national: frozenset[str] = frozenset(), date_words: tuple[str, ...] = ()
) -> tuple[Para, ...]:
    """``main`` with the header's paragraphs (index ≤ ``last``) cut into lines.

    Line breaks always cut. When the header is laid out with tabs (some body-level line
    has a left and a right part), each body-level header line gets its column: the part
    before the tabs ``col`` 0, the part after them ``col`` 1, a line that starts with tabs 1,
    any other 0. Without such a line the columns are left as they are. ``national``: the
    national lines, folded (:func:`_column_spans`); ``date_words``: as :func:`split_breaks`.
    """
    lines: list[Para] = []
    for para in main:
        lines += split_breaks(para, date_words) if para.index <= last else [para]
    head = [p for p in lines if p.index <= last and p.cell is None]
    if not any(len(_column_spans(p.text, national)) >= 2 for p in head):
        return tuple(lines)
    out: list[Para] = []
    for para in lines:
        if para.index > last or para.cell is not None or not para.text.strip():
            out.append(para)
            continue
        spans = _column_spans(para.text, national)
        if len(spans) >= 2:
            out.append(piece(para, spans[0][0], spans[0][1], 0))
            out.append(piece(para, spans[1][0], spans[-1][1], 1))
        else:
            out.append(piece(para, spans[0][0], spans[0][1], 1 if _tabbed(para) else 0))
    return tuple(out)


__all__ = ["piece", "split_breaks", "split_header"]


#: a paragraph this long is the body's text: text boxes anchored after it are not the header's
BODY_TEXT_CHARS = 80


def header_boxes(paras: list[Para]) -> tuple[Para, ...]:
    """The paragraphs the locator reads: the story's own, and the header's text boxes as cells.

    A header may be built with text boxes (the issuer in one, the national line and the date
    in another) instead of a table. The text boxes anchored before the body's first long
    paragraph are read as the cells of a borderless one-row table: each box a column, in the
    order written, its anchor paragraph standing for the table. Other text boxes (a stamp, a
    note in the margin) are left out, as before.
    """
    body_at = next((p.index for p in paras if not p.in_textbox and len(norm(p.text)) >= BODY_TEXT_CHARS), len(paras))
    out: list[Para] = []
    anchor: Para | None = None
    boxes: dict[int, int] = {}
    for p in paras:
        if not p.in_textbox:
            anchor, boxes = p, {}
            out.append(p)
            continue
        if anchor is None or p.index > body_at or p.textbox is None:
            continue
        if p.cell is not None:  # a table inside the box: its own cells
            out.append(p)
            continue
        col = boxes.setdefault(id(p.textbox), len(boxes))
        out.append(replace(p, cell=p.textbox, table=anchor.element, top_table=anchor.element, row=0, col=col))
    return tuple(out)
