"""Vietnamese formatting of numbers, dates and lists (knows nothing of dispatches).

Numbers and lists go through Babel's ``vi`` locale; dates follow the leading-zero rule of
Hướng dẫn 36 and Nghị định 30: a day under 10 and the months 1 and 2 take a leading zero.

>>> format_number(1234)
'1.234'
>>> format_number(Decimal("62.89"), 2)
'62,89'
>>> format_percent(Decimal("62.89"))
'62,89%'
>>> format_percent(None)
'-'
>>> header_date(date(2024, 8, 5))
'ngày 05 tháng 8 năm 2024'
>>> header_date(date(2024, 2, 15))
'ngày 15 tháng 02 năm 2024'
>>> text_date(date(2024, 8, 5)), text_date(date(2024, 10, 25)), text_date(date(2025, 1, 24))
('05/8/2024', '25/10/2024', '24/01/2025')
>>> join_list(["A", "B", "C"])
'A, B và C'
>>> join_list(["A", "B", "C"], last=", ")
'A, B, C'
>>> join_shared_prefix(["Đảng ủy xã Bình Chương", "Đảng uỷ xã Bình Hải", "Đảng ủy thị trấn Châu Ô"])
'Đảng ủy xã Bình Chương, Bình Hải, thị trấn Châu Ô'
>>> nfc("Hue\u0301")
'Hué'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from functools import lru_cache

from babel.lists import format_list
from babel.numbers import NumberPattern, parse_pattern

LOCALE = "vi"

#: Leading words that name the kind of organisation, then the kind of place, in unit names.
#: ``join_shared_prefix`` writes a shared level once ("Đảng uỷ xã Bình Chương, Bình Hải").
ORG_PREFIXES = ("Đảng ủy", "Đảng uỷ", "Đảng bộ", "Chi bộ", "Ủy ban nhân dân", "Uỷ ban nhân dân", "UBND")
PLACE_PREFIXES = ("thị trấn", "thị xã", "thành phố", "phường", "xã", "huyện", "Trường", "Trung tâm")


def nfc(text: str) -> str:
    """Unicode NFC, the form Vietnamese text is stored and compared in."""
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=16)
def _pattern(decimals: int) -> NumberPattern:
    return parse_pattern("#,##0" + ("." + "0" * decimals if decimals else ""))


def _babel_number(value: int | Decimal | float, decimals: int = 0) -> str:
    """The reference: Babel's ``vi`` pattern ``#,##0.00…`` (slow: it re-reads locale data per call)."""
    return _pattern(decimals).apply(value, LOCALE)


@lru_cache(maxsize=1)
def _symbols() -> tuple[str, str]:
    """Babel's ``vi`` decimal and group symbols (",", ".")."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    return get_decimal_symbol(LOCALE), get_group_symbol(LOCALE)


@lru_cache(maxsize=8192)
def _format_int(value: int, decimals: int) -> str:
    return _babel_number(value, decimals)


def _format_decimal(value: Decimal, decimals: int) -> str:
    """A non-negative Decimal with at most ``decimals`` places, formatted as Babel would.

    >>> values = [Decimal(v) for v in ("0", "0.5", "5", "62.89", "100.00", "1E+3", "1234567.5", "999999.99")]
    >>> all(_format_decimal(v, d) == _babel_number(v, d) for v in values for d in range(2, 5))
    True
    """
    dec, group = _symbols()
    text = format(value.quantize(_QUANTUM[decimals]), "f")
    whole, _dot, frac = text.partition(".")
    return f"{int(whole):,}".replace(",", group) + (dec + frac if decimals else "")


_QUANTUM = [Decimal(1).scaleb(-d) for d in range(16)]


def quantum(decimals: int) -> Decimal:
    """1, 0.1, 0.01 …: the step a value of ``decimals`` places is rounded to (made once up to 15)."""
    return _QUANTUM[decimals] if 0 <= decimals < len(_QUANTUM) else Decimal(1).scaleb(-decimals)


def format_number(value: int | Decimal | float | None, decimals: int = 0) -> str:
    """Decimal comma and thousands dot: 1.234; 62,89. ``None`` prints "-".

    Babel formats every value (its output is the reference); integers are cached and the
    rates a table prints (non-negative Decimals already rounded) take a direct path that
    gives the same text at a fraction of the cost (a 10,000-row appendix prints 30,000 numbers).

    >>> values = [0, 7, 1234, 10_000_000, -5, Decimal("62.89"), Decimal("0.5"), Decimal("1234567.50"),
    ...           Decimal("-3.25"), Decimal("2.675"), Decimal("0.015"), Decimal("-0"), 3.5]
    >>> all(format_number(v, d) == _babel_number(v, d) for v in values for d in range(4))
    True
    """
    if value is None:
        return "-"
    kind = type(value)
    if kind is int:
        return _format_int(int(value), decimals)
    if (
        isinstance(value, Decimal)
        and kind is Decimal
        and decimals < len(_QUANTUM)
        and value.is_finite()
        and not value.is_signed()
        and decimal_places(value) <= decimals  # no rounding needed: Babel's and ours agree
        and value.adjusted() < 20
    ):
        return _format_decimal(value, decimals)
    return _babel_number(value, decimals)


def decimal_places(value: Decimal) -> int:
    """Digits after the point as written: 2 for 62.89, 0 for 5 and 1E+3 (and for NaN, Infinity).

    >>> [decimal_places(Decimal(v)) for v in ("62.89", "5", "1E+3", "0.500", "NaN")]
    [2, 0, 0, 3, 0]
    """
    exponent = value.as_tuple().exponent
    return max(-exponent, 0) if isinstance(exponent, int) else 0


def format_percent(value: Decimal | None, decimals: int = 2) -> str:
    """A rate already in percent (62.89), printed "62,89%". ``None`` (quota 0) prints "-"."""
    if value is None:
        return "-"
    return format_number(value, decimals) + "%"


def _month(m: int) -> str:
    return f"{m:02d}" if m <= 2 else str(m)


def header_date(d: date | None, year: int | None = None, blank: str = "      ") -> str:
    """The header's "ngày 05 tháng 8 năm 2024"; with no date, blanks for the clerk to fill."""
    if d is None:
        return f"ngày {blank} tháng {blank} năm {year if year else blank}"
    return f"ngày {d.day:02d} tháng {_month(d.month)} năm {d.year}"


def text_date(d: date) -> str:
    """A date inside the text: 05/8/2024, 24/01/2025."""
    return f"{d.day:02d}/{_month(d.month)}/{d.year}"


def join_list(items: Iterable[str], last: str | None = None) -> str:
    """Join as Vietnamese prose: "A, B và C"; ``last=", "`` gives commas only."""
    items = [str(i) for i in items]
    if last is None:
        return format_list(items, locale=LOCALE) if items else ""
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + last + items[-1]


#: The five tone marks (huyền, sắc, hỏi, ngã, nặng) as combining characters.
_TONES = "\u0300\u0301\u0309\u0303\u0323"
#: The rhymes oa, oe, uy ending a word are written with the tone on either vowel ("hòa" and
#: "hoà", "ủy" and "uỷ"): both are in use. Folded to the tone on the second vowel.
_TONE_ON_SECOND = {
    nfc(first + tone) + second: first + nfc(second + tone)
    for first, second in (("o", "a"), ("o", "e"), ("u", "y"))
    for tone in _TONES
}
#: Not after "q" (in "quý" the u belongs to "qu"), and only where the rhyme ends the word
#: ("hoàn", "ngoài", "khuỷu" have one placement only).
_TONE_PAIR = re.compile("(?<!q)(" + "|".join(_TONE_ON_SECOND) + ")(?![^\\W\\d_])")


def fold(text: str) -> str:
    """A key that compares the two tone placements ("Hòa"/"Hoà", "ủy"/"uỷ") and letter case as equal.

    >>> fold("Đảng uỷ xã Bình Hòa") == fold("đảng ủy xã bình hoà")
    True
    >>> fold("Khóa") == fold("KHOÁ"), fold("hòan") == fold("hoàn")
    (True, False)
    """
    return _TONE_PAIR.sub(lambda m: _TONE_ON_SECOND[m.group(1)], nfc(nfc(text).casefold()))


@lru_cache(maxsize=256)
def _fold_short(text: str) -> str:
    """:func:`fold` of a prefix ("Đảng ủy", "xã"): a list of units names the same few again and again."""
    return fold(text)


@lru_cache(maxsize=16)
def _longest_first(prefixes: tuple[str, ...]) -> list[tuple[str, str]]:
    """The prefixes, longest first, each with its :func:`fold` followed by a space."""
    return [(p, fold(p) + " ") for p in sorted(prefixes, key=len, reverse=True)]


def _split_prefix(name: str, prefixes: Sequence[str]) -> tuple[str, str]:
    folded = fold(name)
    for p, fp in _longest_first(tuple(prefixes)):
        if folded.startswith(fp):
            return name[: len(p)], name[len(p) + 1 :]
    return "", name


def join_shared_prefix(names: Iterable[str], last: str = ", ") -> str:
    """List unit names writing a shared organisation and place kind once.

    "Đảng ủy xã A", "Đảng ủy xã B", "Đảng ủy thị trấn C" → "Đảng ủy xã A, B, thị trấn C".
    ``last`` joins the last item (", " as the seed does, or " và ").
    """
    parts: list[str] = []
    prev_org = prev_place = None
    for name in names:
        org, rest = _split_prefix(name, ORG_PREFIXES)
        place, short = _split_prefix(rest, PLACE_PREFIXES)
        same_org = prev_org is not None and _fold_short(org) == _fold_short(prev_org)
        same_place = same_org and prev_place is not None and _fold_short(place) == _fold_short(prev_place)
        if not same_org:
            text = name
        elif not same_place:
            text = rest
        else:
            text = short
        parts.append(text)
        prev_org, prev_place = org, place
    return join_list(parts, last=last)


_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def roman(n: int) -> str:
    """Roman numerals for appendix and group numbering.

    >>> roman(4), roman(14)
    ('IV', 'XIV')
    """
    out = []
    for value, sym in _ROMAN:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff]")
_BREAKS = re.compile("[ \t]*[\x0b\x0c]+[ \t]*")


def strip_control(text: str) -> tuple[str, bool]:
    """Remove characters XML forbids (copy-paste debris); say whether any were removed.

    Word's manual line break (\\v) and page break (\\f) become a space, so the words on each
    side stay apart:

    >>> strip_control("Đôn\\vđốc\\x01")
    ('Đôn đốc', True)
    """
    cleaned = _CONTROL.sub("", _BREAKS.sub(" ", text))
    return cleaned, cleaned != text


#: the kinds of place, written in lower case in a sentence; the place's own name follows
_LEVELS = ("thị trấn", "thị xã", "thành phố", "tỉnh", "huyện", "quận", "xã", "phường", "thôn", "ấp", "bản")
#: kinds of body whose field of work follows, each of its words capitalised ("Phòng Giáo dục")
_FIELD_HEADS = ("văn phòng", "trung tâm", "phòng", "sở", "bộ", "ban", "cục", "vụ", "viện", "trường", "hội", "chi cục")
#: a level followed by "ủy" is the party committee of that place: "Huyện ủy", "Tỉnh ủy"
_COMMITTEE = ("huyện", "tỉnh", "thành", "quận", "thị", "xã", "phường", "đảng")
#: kinds of body whose next words are not capitalised ("Ủy ban nhân dân")
_PLAIN_HEADS = ("ủy ban", "uỷ ban", "hội đồng")
#: names of their own inside a body's name, written as they always are
_PHRASES = ("Mặt trận Tổ quốc Việt Nam", "Việt Nam", "Hồ Chí Minh")
_VOWELS = "aeiouyàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
#: one Vietnamese syllable; a word that is none (UBND, HĐND, THCS) is an abbreviation, kept
_SYLLABLE = re.compile(f"(ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnprstvx])?[{_VOWELS[:-1]}]+(ch|nh|ng|[cmnpt])?")


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def name_in_sentence(name: str) -> str:
    """A body's name written in capitals (the header) as it is written inside a sentence.

    NĐ 30 Phụ lục II: the first letter of the kind of body and of its field of work are
    capitals, a level of place is not, a place's own name is. A heuristic for the common
    shapes; a name already in mixed case, or the user's own ``chu_the``, is left alone.

    >>> name_in_sentence("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO")
    'Phòng Giáo dục và Đào tạo'
    >>> name_in_sentence("HUYỆN ỦY BÌNH SƠN"), name_in_sentence("ĐẢNG ỦY XÃ BÌNH SƠN")
    ('Huyện ủy Bình Sơn', 'Đảng ủy xã Bình Sơn')
    >>> name_in_sentence("ỦY BAN NHÂN DÂN HUYỆN BÌNH SƠN"), name_in_sentence("UBND THỊ TRẤN CHÂU Ổ")
    ('Ủy ban nhân dân huyện Bình Sơn', 'UBND thị trấn Châu Ổ')
    >>> name_in_sentence("BAN TỔ CHỨC HUYỆN ỦY"), name_in_sentence("Sở Tài chính")
    ('Ban Tổ chức Huyện ủy', 'Sở Tài chính')
    >>> name_in_sentence("ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM XÃ"), name_in_sentence("TRƯỜNG THCS BÌNH SƠN")
    ('Ủy ban Mặt trận Tổ quốc Việt Nam xã', 'Trường THCS Bình Sơn')
    """
    words = " ".join(name.split()).split(" ")
    if not words[0] or name != name.upper():
        return " ".join(words)
    low = [nfc(w.lower()) for w in words]
    out: list[str] = []
    place = False  # inside a place's own name: every word capitalised
    capitalise_next = True
    i = 0
    while i < len(low):
        w, raw = low[i], words[i]
        two = " ".join(low[i : i + 2]) if i + 1 < len(low) else ""
        if w.isalpha() and not _SYLLABLE.fullmatch(w):  # an abbreviation: UBND, HĐND, THCS
            out.append(raw)
            place, capitalise_next = place or len(out) > 1, False  # "Trường THCS Bình Sơn"
        elif two in _PLAIN_HEADS:
            out += [_cap(w), low[i + 1]]
            i += 1
            capitalise_next = False
        elif i + 1 < len(low) and w in _COMMITTEE and low[i + 1] in ("ủy", "uỷ"):
            out += [_cap(w), low[i + 1]]
            i += 1
            place, capitalise_next = True, True
        elif (level := two if two in _LEVELS else w if w in _LEVELS else "") and i > 0:
            out += level.split(" ")
            i += level.count(" ")
            place, capitalise_next = True, True
        elif w == "và":
            out.append(w)
            capitalise_next = True
        else:
            out.append(_cap(w) if capitalise_next or place else w)
            head = two if two in _FIELD_HEADS else w if w in _FIELD_HEADS else ""
            if head == two and head:
                out.append(low[i + 1])
                i += 1
            capitalise_next = bool(head) and len(out) <= 2
        i += 1
    text = " ".join(out)
    for phrase in _PHRASES:
        text = re.sub(re.escape(phrase), phrase, text, flags=re.IGNORECASE)
    first = next((i for i, c in enumerate(text) if c.isalpha()), None)  # a name starts with a capital
    return text if first is None else text[:first] + text[first].upper() + text[first + 1 :]
