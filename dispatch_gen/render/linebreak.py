"""Where a header name and a trích yếu break into lines (issue 18, item 2).

A name ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO") breaks between the parts of the name, never inside a
word group: a Vietnamese word is often two syllables ("GIÁO DỤC", "ĐÀO TẠO", "HẢI PHÒNG"),
and the parts of a body's name begin with a head word ("ỦY BAN NHÂN DÂN", "HUYỆN", "SỞ",
"PHÒNG", "TRƯỜNG") or with "VÀ". The syllables after a head word are read in pairs, so a
head word that is the second syllable of a pair is not one ("HẢI PHÒNG"). A line of one
word is avoided, and the lines are balanced: of the breaks allowed, the one with the least
difference between the lines wins. A trích yếu breaks into as few lines as the box needs,
balanced (the widest line as short as it can be), never one word alone on a line.

The breaks are written as explicit line breaks, so Word and LibreOffice print the same lines.
A text that already holds line breaks is kept as typed.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache
from typing import Any

from dispatch_gen import textwidth
from dispatch_gen.input import profile_words

#: the head words (syllable tuples, longest first) and the joining words of a profile
Words = tuple[tuple[profile_words.Head, ...], frozenset[str]]

#: a break there costs this much (see :func:`_penalties`)
FREE, WORD, AFTER_HEAD, IN_PAIR, NEVER = 0, 120, 150, 400, 1000
#: a line of one word, each extra line
ALONE, LINE = 500, 100
#: beyond this many words a name is left to Word's own wrapping
MAX_WORDS = 16
MAX_LINES = 4

# the head words and "VÀ" are profile data (``words.bodies``, ``words.name_parts``, ``words.name_and``,
# :mod:`dispatch_gen.input.profile_words`), passed in as ``vocab``

#: acronyms standing for several words (a token without a vowel is one too: THPT, TNHH)
ACRONYMS = {"UBND", "HĐND", "UBKT", "MTTQ", "CAND", "QĐND", "CT-XH"}
_VOWELS = set("AEIOUY")
#: a break goes only where one plain space stands between two printing characters; the rest
#: of the text (double spaces, tabs, what the user typed) is kept exactly
_SPACE = re.compile(r"(?<=\S) (?=\S)")


def words(text: str) -> list[str]:
    """The words a break may fall between: ``" ".join(words(t)) == t`` for every text."""
    return _SPACE.split(text)


_key = profile_words.key  # a syllable as the head words are written: capitals, tone on the main vowel


def words_of(profile: dict[str, Any] | None) -> Words:
    """The head words and joining words of ``profile`` (the shipped lists for None)."""
    return profile_words.name_heads(profile or {}), profile_words.joiners(profile or {})


def _acronym(key: str) -> bool:
    base = {unicodedata.normalize("NFD", c)[0] for c in key}
    return key in ACRONYMS or (len(key) > 1 and not base & _VOWELS)


def _penalties(tokens: list[str], vocab: Words) -> list[int]:
    """The cost of a break before each token (index 0 unused)."""
    heads, joiners = vocab
    keys = [_key(t) for t in tokens]
    n = len(keys)
    role = ["word"] * n  # "head" (its first syllable), "in_head", "and", "acronym", "word"
    offset = [0] * n  # syllables since the last head, "VÀ" or acronym
    i, since, after = 0, 0, "start"
    after_of = ["start"] * n
    while i < n:
        match = None
        if since % 2 == 0:
            match = next((h for h in heads if tuple(keys[i : i + len(h)]) == h), None)
        after_of[i] = after
        if keys[i] in joiners:
            role[i], since, after = "and", 0, "and"
            i += 1
        elif match:
            role[i] = "head"
            for j in range(i + 1, i + len(match)):
                role[j], after_of[j] = "in_head", "head"
            i += len(match)
            since, after = 0, "head"
        elif _acronym(keys[i]):
            role[i], since, after = "acronym", 0, "acronym"
            i += 1
        else:
            offset[i] = since
            since += 1
            after = "word" if after == "start" else after
            i += 1
    costs = [0] * n
    for i in range(1, n):
        if role[i] == "in_head" or keys[i - 1] in joiners:
            costs[i] = NEVER
        elif role[i] in ("and", "head"):
            costs[i] = FREE
        elif role[i] == "acronym":
            costs[i] = AFTER_HEAD if role[i - 1] in ("head", "in_head") else WORD
        elif offset[i] % 2:
            costs[i] = IN_PAIR
        elif offset[i] == 0 and role[i - 1] in ("head", "in_head"):
            costs[i] = AFTER_HEAD
        else:
            costs[i] = WORD
    return costs


def _line_widths(tokens: list[str], size: float, bold: bool, italic: bool) -> tuple[list[float], float]:
    words = [textwidth.width_mm(t, size, bold, italic) for t in tokens]
    return words, textwidth.width_mm(" ", size, bold, italic)


@lru_cache(maxsize=4096)
def name_lines(
    name: str, size: float, bold: bool, box_mm: float, vocab: Words | None = None
) -> tuple[tuple[str, ...], float]:
    """The lines of a header name in a box ``box_mm`` wide, and what they cost (see the module).

    A name that fits stays on one line (cost 0); one that cannot be broken within the box
    is left to wrap (a high cost, so a wider column is chosen when there is one). ``vocab``:
    the profile's head and joining words (:func:`words_of`), the default profile's for None.
    """
    if "\n" in name:
        lines = tuple(name.split("\n"))
        over = any(textwidth.width_mm(x, size, bold) > box_mm for x in lines)
        return lines, 10_000.0 if over else 0.0
    tokens = words(name)
    if textwidth.width_mm(name, size, bold) <= box_mm:
        return (name,), 0.0
    if len(tokens) > MAX_WORDS or len(tokens) < 2:
        return (name,), 10_000.0
    widths, space = _line_widths(tokens, size, bold, False)
    costs = _penalties(tokens, vocab or words_of(None))
    best: tuple[float, tuple[int, ...]] | None = None
    for k in range(1, MAX_LINES):
        for cuts in itertools.combinations(range(1, len(tokens)), k):
            bounds = (0, *cuts, len(tokens))
            line_mm = [sum(widths[a:b]) + space * (b - a - 1) for a, b in itertools.pairwise(bounds)]
            if max(line_mm) > box_mm:
                continue
            alone = sum(1 for a, b in itertools.pairwise(bounds) if b - a == 1)
            cost = LINE * k + sum(costs[c] for c in cuts) + ALONE * alone + (max(line_mm) - min(line_mm))
            if best is None or cost < best[0]:
                best = (cost, bounds)
        if best is not None and best[0] < LINE * (k + 1):
            break  # another line would cost more than the best found
    if best is None:
        return (name,), 10_000.0
    bounds = best[1]
    return tuple(" ".join(tokens[a:b]) for a, b in itertools.pairwise(bounds)), best[0]


def _greedy(widths: list[float], space: float, box: float, backward: bool = False) -> list[tuple[int, int]]:
    """Lines as Word fills them (or from the end, ``backward``): (start, end) word indices."""
    n = len(widths)
    order = range(n - 1, -1, -1) if backward else range(n)
    lines: list[list[int]] = []
    current: list[int] = []
    used = 0.0
    for i in order:
        trial = used + (space if current else 0) + widths[i]
        if current and trial > box:
            lines.append(current)
            current, used = [i], widths[i]
        else:
            current.append(i)
            used = trial
    lines.append(current)
    spans = [(min(x), max(x) + 1) for x in lines]
    return sorted(spans)


@lru_cache(maxsize=1024)
def balanced(text: str, size: float, bold: bool, italic: bool, box_mm: float) -> tuple[str, ...]:
    """A trích yếu in as few lines as ``box_mm`` needs, the widest line as short as it can be,
    and no word alone on a line where that can be helped."""
    if "\n" in text:
        return tuple(text.split("\n"))
    tokens = words(text)
    if len(tokens) > 80:
        return (text,)
    widths, space = _line_widths(tokens, size, bold, italic)
    if len(tokens) < 2 or sum(widths) + space * (len(tokens) - 1) <= box_mm or max(widths) > box_mm:
        return (text,)
    k = len(_greedy(widths, space, box_mm))
    # the narrowest box that still takes k lines: the widest line of a balanced break
    n = len(widths)
    at = list(itertools.accumulate(widths, initial=0.0))
    spans = {at[b] - at[a] + space * (b - a - 1) for a in range(n) for b in range(a + 1, n + 1)}
    candidates = sorted(w for w in spans if max(widths) <= w <= box_mm)
    lo, hi = 0, len(candidates) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if len(_greedy(widths, space, candidates[mid])) <= k:
            hi = mid
        else:
            lo = mid + 1
    narrow = candidates[lo]
    lines = _greedy(widths, space, narrow, backward=True)  # the last line as full as the others
    if any(b - a == 1 for a, b in lines):
        forward = _greedy(widths, space, narrow)
        if sum(b - a == 1 for a, b in forward) < sum(b - a == 1 for a, b in lines):
            lines = forward
    return tuple(" ".join(tokens[a:b]) for a, b in lines)
