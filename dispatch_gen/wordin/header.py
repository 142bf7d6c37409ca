"""The header of a dispatch read back: issuing body, number and code, place and date, kind, trích yếu.

Lines are recognised by their text, whatever holds them (a borderless table, tabs, text
boxes): the national lines and the rules under names ("*", "-----") are what the renderer
prints again, so they are passed over; "Số …" is parsed with the profile's number format (the
kind's own, with its code); the date line with the checker's date pattern; the capital lines
before the number are the superior and the issuing body (the bold ones the body, when the
formatting tells them apart); the lines after the number in its column, or starting with the
profile's prefix ("V/v"), are the trích yếu; a title block ("THÔNG BÁO" / its trích yếu /
"-----") names the kind and holds the trích yếu. A line none of these takes is handed back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from dispatch_gen.check.common import DATE_RE, NUMBER_LINE_RE, _format_regex, get, norm
from dispatch_gen.check.docmodel import Para
from dispatch_gen.check.lines import split_breaks
from dispatch_gen.input import profile_words
from dispatch_gen.input.profile_words import starts_body
from dispatch_gen.vn import fold

RULE_LINE_RE = re.compile(r"^[\s\-–—_*=.…~]+$")
_PREFIX_RE = re.compile(r"^\s*(V/v|v/v|Về việc|V/V)\s+")


@dataclass
class Header:
    """What the header says, in the YAML's terms (empty where the document shows nothing)."""

    superior: str = ""
    name: str = ""
    code: str = ""
    unit: str = ""
    number: int | str | None = None
    kind: str = ""  # the profile's kinds key; "" for the default kind
    place: str = ""
    issued: str | None = None  # "05/3/2024"
    year: int | None = None
    month_only: bool = False  # a draft's date line with its month filled in and its day blank
    subject: str = ""
    prefix: str | None = None  # a prefix other than the profile's
    marks: list[str] = field(default_factory=list)
    used: set[int] = field(default_factory=set)  # paragraph indexes taken
    left: list[Para] = field(default_factory=list)  # lines no part takes
    number_para: Para | None = None
    date_para: Para | None = None
    title_paras: tuple[Para, ...] = ()


def _group(p: Para) -> tuple[Any, int]:
    """The column a header line belongs to: its table column, its text box, or its tab column."""
    if p.textbox is not None:
        return (p.textbox, 0)
    if p.cell is not None:
        return (p.top_table, p.col)
    return (None, p.col)


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def kind_keys(profile: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The profile's kinds, those with a code first (a coded number is not taken for a công văn's)."""
    kinds = get(profile, "kinds") or {}
    return sorted(kinds.items(), key=lambda kv: not kv[1]["code"])


def parse_number(text: str, profile: dict[str, Any]) -> tuple[str, dict[str, str]] | None:
    """(kind key, groups) of a "Số …" line by the formats of the profile's kinds; None if none fits."""
    fallback = get(profile, "header.number.format") or ""
    line = norm(text)
    for key, kind in kind_keys(profile):
        fmt = kind.get("number_format") or fallback
        if kind["code"]:
            fmt = fmt.replace("{loai}", kind["code"])
        elif "{loai}" in fmt:
            continue
        m = _format_regex(fmt).match(line)
        if m is not None:
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            if "{don_vi}" in fmt and not groups.get("don_vi") and "-" in groups.get("ky_hieu", ""):
                groups["ky_hieu"], groups["don_vi"] = groups["ky_hieu"].split("-", 1)
            groups["don_vi"] = groups.get("don_vi", "").lstrip("-–")
            return key, groups
    return None


def number_value(raw: str, profile: dict[str, Any]) -> int | str | None:
    """The YAML's ``so`` for the digits of the number line: an int when the renderer prints it back the same."""
    raw = raw.strip().replace("\u00a0", "")
    if not raw:
        return None
    pad = get(profile, "header.number.zero_pad") or 0
    if raw.isdigit() and f"{int(raw):0{pad}d}" == raw:
        return int(raw)
    return raw


def _title(main: tuple[Para, ...], start: int, stop: int, profile: dict[str, Any]) -> tuple[str, tuple[Para, ...]]:
    """The kind key and the lines of a title block among the first lines after the header.

    The block is the kind's name in capitals, then its trích yếu: the lines down to a rule typed
    as text ("-----") or drawn (a line shape, a bottom border), at most four; without a rule, the
    one line under the name.
    """
    lines = [p for p in main if start <= p.index < stop and p.cell is None and p.text.strip()][:3]
    for p in lines:
        for key, kind in kind_keys(profile):
            if kind.get("title") and norm(p.text).upper() == norm(kind["name"]).upper():
                return key, _title_lines(main, p, stop)
    return "", ()


def _title_lines(main: tuple[Para, ...], name: Para, stop: int) -> tuple[Para, ...]:
    block = [name]
    after = [x for x in main if name.index < x.index < stop and x.cell is None][:8]
    for q in after:
        if q.text.strip():
            if len(block) == 5:
                break
            block.append(q)
            if RULE_LINE_RE.match(q.text):
                return tuple(block)
        if q.drawn_line or q.props.border_bottom:
            return tuple(block) if len(block) > 1 else tuple(block[:2])
    return tuple(block[:2])


def read_header(
    lines: list[Para], main: tuple[Para, ...], body_start: int, stop: int, profile: dict[str, Any]
) -> Header:
    """The header's parts from its ``lines`` (already cut at tabs and breaks, text boxes included).

    ``body_start``..``stop``: where a title block may stand (after the header, before the body).
    """
    h = Header()
    national = {fold(norm(x)) for x in get(profile, "header.national.lines") or []}
    prefix = get(profile, "header.subject.prefix") or ""
    kind, title = _title(main, body_start, stop, profile)
    in_title = {p.index for p in title}
    dates = profile_words.date_words(profile)
    pieces = [q for p in lines if p.index not in in_title for q in split_breaks(p, dates) if q.text.strip()]
    org: list[Para] = []
    subject: list[Para] = []
    number_group: tuple[Any, int] | None = None
    for p in pieces:
        text = norm(p.text)
        if fold(text) in national or RULE_LINE_RE.match(text):
            h.used.add(p.index)
            continue
        if h.number_para is None and NUMBER_LINE_RE.match(p.text) and "/" in p.text:
            h.used.add(p.index)
            h.number_para = p
            number_group = _group(p)
            parsed = parse_number(p.text, profile)
            if parsed is not None:
                h.kind, groups = parsed
                h.number = number_value(groups.get("so", ""), profile)
                h.code, h.unit = groups.get("ky_hieu", ""), groups.get("don_vi", "")
            else:
                h.left.append(p)
            continue
        m = DATE_RE.match(p.text.replace("\n", " "))
        if h.date_para is None and m is not None:
            h.used.add(p.index)
            h.date_para = p
            h.place = norm(m["place"])
            day, month, year = (re.sub(r"\s", "", m[k]) for k in ("d", "m", "y"))
            if year.isdigit():
                h.year = int(year)
            if day.isdigit() and month.isdigit() and year.isdigit():
                h.issued = f"{int(day):02d}/{int(month)}/{year}"
                h.year = None
            h.month_only = not day.isdigit() and month.isdigit()
            continue
        if profile_words.is_mark(text, profile):
            h.used.add(p.index)
            h.marks.append(text)
            continue
        starts_subject = bool(_PREFIX_RE.match(text)) or (prefix and text.startswith(prefix.strip()))
        if starts_subject or (number_group is not None and _group(p) == number_group):
            h.used.add(p.index)
            subject.append(p)
            continue
        if h.number_para is None and h.date_para is None and _is_caps(text):  # the body's name comes first
            h.used.add(p.index)
            org.append(p)
            continue
        h.left.append(p)
    _organisation(h, org, profile)
    subject_text = " ".join(norm(p.text) for p in subject)
    if title:
        h.title_paras = title
        h.kind = h.kind or kind
        if (
            kind
            and kind != h.kind
            and (get(profile, "kinds") or {}).get(kind, {}).get("code")
            == ((get(profile, "kinds") or {}).get(h.kind, {}).get("code"))
        ):
            h.kind = kind  # "QUY ĐỊNH" under a number coded QĐ: the title tells Quy định from Quyết định
        h.used.update(p.index for p in title)
        lines_of = [norm(p.text) for p in title[1:] if not RULE_LINE_RE.match(p.text)]
        if lines_of:
            subject_text = " ".join(lines_of)
    m = _PREFIX_RE.match(subject_text)
    if prefix and subject_text.startswith(prefix):
        subject_text = subject_text[len(prefix) :]
    elif m is not None:
        h.prefix = m.group(0).strip() + " "
        subject_text = subject_text[m.end() :]
    h.subject = subject_text.strip()
    return h


def _organisation(h: Header, org: list[Para], profile: dict[str, Any]) -> None:
    """Superior and issuing body from the capital lines before the number.

    Every line bold and none under the first naming a body of its own (the profile's
    ``words.bodies``: "ỦY BAN NHÂN DÂN" over "TỈNH LÀO CAI"): one issuer's long name, as the
    checker reads it (NĐ 30 PL I II.2.b).
    """
    if not org:
        return
    bold = [any(r.props.bold for r in p.text_runs()) for p in org]
    if any(bold) and not all(bold):
        first_bold = bold.index(True)
        sup, name = org[:first_bold], org[first_bold:]
    elif len(org) >= 2 and all(bold) and not any(starts_body(norm(p.text), profile) for p in org[1:]):
        sup, name = [], org
    elif len(org) >= 2:
        sup, name = org[:1], org[1:]
    else:
        sup, name = [], org
    h.superior = " ".join(norm(p.text) for p in sup)
    h.name = "\n".join(norm(p.text) for p in name)


__all__ = ["RULE_LINE_RE", "Header", "number_value", "parse_number", "read_header"]
