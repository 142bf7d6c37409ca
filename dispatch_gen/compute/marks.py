"""What the data decides: each value a ``{{ … }}`` prints carries the key it was printed from.

A text's Jinja prints a value (``{{ tong.dat }}``) wrapped in invisible sentinels that carry
its *key*, the expression as written ("tong.dat", "khen | danh_sach"). The light markup
(:mod:`dispatch_gen.compute.markup`) takes the sentinels out again and puts a :class:`Mark`
on the runs of the value, so the renderer can wrap them in a control that ``update`` finds and
refreshes later. The sentinels are private-use characters of planes 15 and 16, which no
Vietnamese text holds; one left unmatched (a filter that cut a value in two) is dropped.

>>> split(wrap("tong.dat", "161") + "/256", Counter())
[('161', Mark(key='tong.dat', n=1)), ('/256', None)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

OPEN = "\U0010fff0"
SEP = "\U0010fff1"
CLOSE = "\U0010fff2"
_KEY_BASE = 0xF0000  # a key's characters, moved to plane 15
_KEY_CHARS = "\U000f0000-\U000ffffd"
_SENTINEL = re.compile(f"{OPEN}([{_KEY_CHARS}]*){SEP}|{CLOSE}")
_STRAY = re.compile(f"[{OPEN}{SEP}{CLOSE}{_KEY_CHARS}]")
#: keys longer than this are cut (a control's tag stays short)
MAX_KEY = 60


@dataclass(frozen=True)
class Mark:
    """The value a run belongs to: its key, and ``n`` telling apart two values in one text."""

    key: str
    n: int


class Counter:
    """The state of :func:`split` through the runs of one text: the open mark, the last number."""

    def __init__(self) -> None:
        self.current: Mark | None = None
        self.last = 0


def _encode(key: str) -> str:
    return "".join(chr(_KEY_BASE + ord(c)) for c in key if ord(c) < 0xFFFE)


@lru_cache(maxsize=4096)  # the same keys ("tong.dat") in every text and every letter of a batch
def _decode(chars: str) -> str:
    return "".join(chr(ord(c) - _KEY_BASE) for c in chars)


def strip(text: str) -> str:
    """``text`` without any sentinel (a value printed inside another keeps only the outer key)."""
    return _STRAY.sub("", text) if _has_any(text) else text


def _has_any(text: str) -> bool:
    return _STRAY.search(text) is not None


def wrap(key: str, text: str) -> str:
    """``text`` as printed from ``key``; an empty value is not marked."""
    text = strip(text)
    if not text:
        return text
    if len(key) > MAX_KEY:
        key = key[: MAX_KEY - 1] + "…"
    return f"{OPEN}{_encode(key)}{SEP}{text}{CLOSE}"


def split(text: str, state: Counter) -> list[tuple[str, Mark | None]]:
    """``text`` cut where a value starts or ends: (piece, its mark or None), no empty piece."""
    if not _has_any(text):
        return [(text, state.current)] if text else []
    out: list[tuple[str, Mark | None]] = []
    pos = 0
    for m in _SENTINEL.finditer(text):
        piece = _STRAY.sub("", text[pos : m.start()])
        if piece:
            out.append((piece, state.current))
        if m.group(0) == CLOSE:
            state.current = None
        else:
            state.last += 1
            state.current = Mark(_decode(m.group(1)), state.last)
        pos = m.end()
    piece = _STRAY.sub("", text[pos:])
    if piece:
        out.append((piece, state.current))
    return out


def has_marks(text: str) -> bool:
    """Whether ``text`` holds a sentinel."""
    return _has_any(text)


def with_breaks(marked: str, laid_out: str) -> str:
    """``marked``'s text with the line breaks of ``laid_out`` (the same text unmarked, laid out
    with a line feed in place of some spaces or between two characters); ``laid_out`` itself
    when the two are not the same text.

    >>> with_breaks("Kết quả " + wrap("tong.dat", "10") + " năm", "Kết quả\\n10 năm") == (
    ...     "Kết quả\\n" + wrap("tong.dat", "10") + " năm")
    True
    """
    out: list[str] = []
    j = 0
    for ch in marked:
        if _STRAY.match(ch):
            out.append(ch)
            continue
        if j < len(laid_out) and laid_out[j] == "\n" and ch != "\n":
            out.append("\n")
            j += 1
            if ch == " ":
                continue
        if j >= len(laid_out) or laid_out[j] != ch:
            return laid_out
        out.append(ch)
        j += 1
    if laid_out[j:].strip("\n"):
        return laid_out
    return "".join(out) + laid_out[j:]
