"""Locate the parts of a dispatch by their text: one frozen :class:`Layout` per document.

Elements are found by their text (regexes), not by position or style names, so a dispatch
typed by hand is located as well as one we rendered. Every rule reads the same layout; none
changes it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dispatch_gen.check.common import (
    APPENDIX_RE,
    APPENDIX_START_RE,
    DASH_RE,
    DATE_FIND_RE,
    NUMBER_LINE_RE,
    Profile,
    _format_regex,
    get,
    label_regex,
    norm,
)
from dispatch_gen.check.docmodel import DocInfo, Para
from dispatch_gen.check.lines import header_boxes, split_header
from dispatch_gen.input import profile_words
from dispatch_gen.vn import fold


@dataclass(frozen=True)
class Layout:
    """Where each part of the dispatch is: header lines, Kính gửi, body, closing, appendices."""

    doc: DocInfo
    main: tuple[Para, ...]  # paragraphs outside text boxes, in document order
    kg_re: re.Pattern[str]
    nn_re: re.Pattern[str]
    kinh_gui: Para | None
    header_stop: int  # index of the first paragraph after the header
    number: Para | None
    date: Para | None
    national: tuple[tuple[str, Para | None], ...]  # each expected line and where it was found
    header_tables: frozenset[Any]
    appendices: tuple[Para, ...]
    noi_nhan: Para | None
    forms: tuple[str, ...]
    authority_any: Para | None
    closing_table: Any
    body_end: int
    closing_end: int
    recipients: tuple[tuple[str, Para], ...]  # Kính gửi items (text, paragraph)
    body: tuple[Para, ...]
    #: the kind of document the number's code names (the profile's ``kinds`` entry), or None
    kind: dict[str, Any] | None = None
    #: its title block: the kind's name, the trích yếu line(s) and the short line under them
    title: tuple[Para, ...] = ()
    #: the document is an appendix alone: it starts with "Phụ lục" and has no national line,
    #: number or Kính gửi; only the rules marked ``appendix`` judge it
    appendix_only: bool = False

    def container(self, para: Para) -> list[Para]:
        """Paragraphs sharing ``para``'s table cell, or the body-level paragraphs."""
        if para.cell is not None:
            return [p for p in self.main if p.cell is para.cell]
        return [p for p in self.main if p.cell is None]

    def column(self, para: Para) -> list[Para]:
        """Paragraphs in ``para``'s table column (all rows), or the body-level paragraphs.

        Header lines are read per column, so a header table that puts "Số" and the date on
        a second row (as NĐ 30 asks) reads the same as a one-row table, and a header laid
        out with tabs (its lines given a column by :func:`~dispatch_gen.check.lines.split_header`)
        reads the same as a table.
        """
        if para.cell is None and para.col >= 0:
            return [p for p in self.main if p.cell is None and p.col == para.col]
        if para.cell is None:
            return self.container(para)
        return [p for p in self.main if p.table is para.table and p.col == para.col]

    def first(self, pred: Callable[[Para], bool], start: int = 0, stop: int | None = None) -> Para | None:
        return _first(self.main, pred, start, stop)


def kinds_of_number(text: str, profile: Profile) -> list[dict[str, Any]]:
    """The kinds whose number format, with their own code, the "Số …" line matches, in the profile's
    order, those with a code first (so that a coded number is not taken for a công văn's).

    A kind without a code (a state công văn) matches only its own format. Several kinds may share
    a code (HD 05 writes a Quy định "QĐ", as a Quyết định): :func:`locate` then tells them apart by
    the title printed under the header.
    """
    kinds = get(profile, "kinds") or {}
    fallback = get(profile, "header.number.format") or ""
    line = norm(text.split("\t")[0])
    out = []
    for kind in sorted(kinds.values(), key=lambda k: not k["code"]):
        fmt = kind.get("number_format") or fallback
        if kind["code"]:
            fmt = fmt.replace("{loai}", kind["code"])
        elif "{loai}" in fmt:
            continue
        if _format_regex(fmt).match(line):
            out.append(dict(kind))
    return out


def kind_of_number(text: str, profile: Profile) -> dict[str, Any] | None:
    """The first kind :func:`kinds_of_number` finds; None when none does."""
    found = kinds_of_number(text, profile)
    return found[0] if found else None


#: a rule typed as a line of underscores or dashes under a trích yếu ("_____________")
TYPED_RULE_RE = re.compile(r"^\s*[_\-–—]{5,}\s*$")


def _title_block(
    main: tuple[Para, ...], start: int, stop: int, kind: dict[str, Any], profile: Profile
) -> tuple[Para, ...]:
    """The title block after the header: the kind's name in capitals, then lines to the short rule."""
    name = norm(kind["name"]).upper()
    lines = [p for p in main if start <= p.index < stop and p.cell is None and p.text.strip()]
    head = next((i for i, p in enumerate(lines[:3]) if norm(p.text).upper() == name), None)
    if head is None:
        return ()
    rule_text = get(profile, "title_block.rule_text")
    block = [lines[head]]
    for p in lines[head + 1 : head + 5]:
        # no rule text (state: a drawn rule): the trích yếu runs on over centred lines that follow
        # one another, up to a typed rule ("_____") or the first gap
        typed_rule = TYPED_RULE_RE.match(p.text) is not None
        if (
            not rule_text
            and len(block) > 1
            and (
                p.index != block[-1].index + 1
                or (p.props.align != "center" and not typed_rule)
                or p.text.lstrip().startswith("(")
            )
        ):
            break  # a gap, a line not centred, or a note in brackets ("(Ban hành kèm theo …)")
        block.append(p)
        if norm(p.text) == norm(rule_text or "\0") or (not rule_text and typed_rule):
            break
    return tuple(block)


def _first(
    main: tuple[Para, ...], pred: Callable[[Para], bool], start: int = 0, stop: int | None = None
) -> Para | None:
    for para in main:
        if para.index < start or (stop is not None and para.index >= stop):
            continue
        if pred(para):
            return para
    return None


def _header_last(main: tuple[Para, ...], profile: Profile) -> int:
    """The index of the header's last anchor line (number, date, national line), before splitting.

    Only paragraphs up to it are cut into lines, so the body's own tabs and breaks stay.
    """
    lines = [fold(norm(x)) for x in get(profile, "header.national.lines") or []]
    head = [p for p in main if p.text.strip()][:40]
    found = [
        p.index
        for p in head
        if NUMBER_LINE_RE.match(p.text)
        or DATE_FIND_RE.search(p.text)
        or any(fold(norm(part)) in lines for part in re.split(r"[\t\n]+", p.text))
    ]
    return max(found, default=-1)


def _text_is(target: str) -> Callable[[Para], bool]:
    """The line is ``target`` (folded: letter case and the two tone placements, "HÒA"/"HOÀ", alike)."""
    return lambda p: fold(norm(p.text)) == target


def list_items(
    main: tuple[Para, ...], start: Para, label: re.Pattern[str], body_end: int
) -> tuple[list[tuple[str, Para]], Para]:
    """Recipients after the label: the rest of its line, then the dash lines that follow.

    Dash lines are looked for in the same table when the label sits in a cell (label
    cell + recipients cell), else among the body-level paragraphs. Returns the items and
    the last paragraph used.
    """
    m = label.match(start.text)
    rest = start.text[m.end() :] if m else start.text
    items = [(line.strip(), start) for line in rest.split("\n") if line.strip()]
    if start.cell is not None:
        following = [p for p in main if p.index > start.index and p.top_table is start.top_table]
    else:
        following = [p for p in main if p.index > start.index and p.cell is None]
    last = start
    for para in following:
        if para.index >= body_end:
            break
        lines = [x.strip() for x in para.text.split("\n") if x.strip()]
        if not lines:
            continue
        if not DASH_RE.match(lines[0]):
            break
        items += [(x, para) for x in lines]
        last = para
    return items, last


def locate(doc: DocInfo, profile: Profile) -> Layout:
    """Find the header, Kính gửi, closing block, body and appendix by their text."""
    main = header_boxes(doc.paragraphs)  # the header's text boxes read as the cells of a table
    # "Kính gửi:", or a kind's own label ("Kính trình:" for a tờ trình under HD 05)
    labels = [get(profile, "recipients.label") or "Kính gửi:"]
    labels += sorted({k["addressee_label"] for k in (get(profile, "kinds") or {}).values() if k.get("addressee_label")})
    kg_re = label_regex(*dict.fromkeys(labels))
    nn_re = label_regex(get(profile, "noi_nhan.label") or "Nơi nhận:")
    kinh_gui = _first(main, lambda p: bool(kg_re.match(p.text)))
    # the header's lines, whatever built them (tabs, line breaks): up to Kính gửi, or its last anchor
    national_keys = frozenset(fold(norm(x)) for x in get(profile, "header.national.lines") or [])
    last = kinh_gui.index - 1 if kinh_gui is not None else _header_last(main, profile)
    main = split_header(main, last, national_keys, profile_words.date_words(profile))
    if kinh_gui is not None:
        header_stop = kinh_gui.index
    else:
        limit = [p.index for p in main if p.text.strip()][:40]
        header_stop = (limit[-1] + 1) if limit else 0
    number = _first(main, lambda p: bool(NUMBER_LINE_RE.match(p.text)) and "/" in p.text, stop=header_stop)
    date = _first(main, lambda p: bool(DATE_FIND_RE.search(p.text)), stop=header_stop)
    national: list[tuple[str, Para | None]] = []
    for line in get(profile, "header.national.lines") or []:
        found = _first(main, _text_is(fold(norm(line))), stop=header_stop)
        national.append((line, found))
    anchors = [x for x in [number, date] + [p for _l, p in national] if x is not None]
    header_tables = frozenset(a.top_table for a in anchors if a.top_table is not None)
    if kinh_gui is None:
        # No "Kính gửi": the header ends with its table, or with its last line found.
        ends = [a.index for a in anchors] + [p.index for p in main if p.top_table in header_tables]
        header_stop = max(ends) + 1 if ends else 0
    candidates = kinds_of_number(number.text, profile) if number is not None else []
    kind = candidates[0] if candidates else None
    title: tuple[Para, ...] = ()
    if kind is not None and kind.get("title"):
        first_table_end = max([p.index for p in main if p.top_table in header_tables], default=-1) + 1
        stop = kinh_gui.index if kinh_gui else len(doc.paragraphs)
        # of the kinds the number's code may name, the one whose name (tên loại) is printed
        for cand in (c for c in candidates if c.get("title")):
            title = _title_block(main, first_table_end, stop, cand, profile)
            if title:
                kind = cand
                break
        if title and kinh_gui is None:
            header_stop = title[-1].index + 1  # the body starts under the title block

    first_line = next((p for p in main if p.text.strip()), None)
    appendix_only = (
        first_line is not None
        and bool(APPENDIX_START_RE.match(first_line.text))
        and kinh_gui is None
        and number is None
        and not any(p is not None for _l, p in national)
    )
    if appendix_only and first_line is not None:
        header_stop = first_line.index
    after = kinh_gui.index + 1 if kinh_gui else header_stop
    appendices = tuple(
        p for p in main if p.index >= after and p.cell is None and APPENDIX_RE.match(p.text) and p.text.strip()
    )
    appendix_start = appendices[0].index if appendices else None
    noi_nhan = _first(main, lambda p: bool(nn_re.match(p.text)), start=after, stop=appendix_start)
    forms = tuple(get(profile, "signature.forms") or []) + tuple(get(profile, "signature.foreign_forms") or [])

    def is_authority(p: Para) -> bool:
        text = norm(p.text)
        return any(text.startswith(f + " ") or (text.startswith(f) and f.endswith(".")) for f in forms)

    authority_any = _first(main, is_authority, start=after, stop=appendix_start)
    closing_anchor = noi_nhan or authority_any
    closing_table = closing_anchor.top_table if closing_anchor is not None else None
    if closing_table is not None:
        body_end = min(p.index for p in main if p.top_table is closing_table)
    elif closing_anchor is not None:
        body_end = closing_anchor.index
    elif appendix_start is not None:
        body_end = appendix_start
    else:
        body_end = len(doc.paragraphs)
    closing_end = appendix_start if appendix_start is not None else len(doc.paragraphs)

    items: list[tuple[str, Para]] = []
    last_recipient: Para | None = None
    if kinh_gui is not None and get(profile, "recipients") is not None:
        items, last_recipient = list_items(main, kinh_gui, kg_re, body_end)
    start = last_recipient.index + 1 if last_recipient is not None else header_stop
    if last_recipient is not None and last_recipient.top_table is not None:
        start = max(p.index for p in main if p.top_table is last_recipient.top_table) + 1
    body = tuple(
        p for p in main if start <= p.index < body_end and p.cell is None and p.text.strip() and p.top_table is None
    )
    return Layout(
        doc=doc,
        main=main,
        kg_re=kg_re,
        nn_re=nn_re,
        kinh_gui=kinh_gui,
        header_stop=header_stop,
        number=number,
        date=date,
        national=tuple(national),
        header_tables=header_tables,
        appendices=appendices,
        noi_nhan=noi_nhan,
        forms=forms,
        authority_any=authority_any,
        closing_table=closing_table,
        body_end=body_end,
        closing_end=closing_end,
        recipients=tuple(items),
        body=body,
        kind=kind,
        title=title,
        appendix_only=appendix_only,
    )
