"""The words the layout rules read a text by, as profile data (``words:`` of a profile).

A rule that finds a part of a document by its words (the place and its date, the head
word of a body's name) takes the words from the profile, never from a list in the code,
so that the renderer, the checker and the importer read the same list and a profile of an
office's own may change it. Each list has its source (``nguon``) like every other value.

- ``date``: the word that starts the date after the place ("Quảng Ngãi, **ngày** 12 …");
  a place broken after its comma and a line starting with it are one line
  (:func:`dispatch_gen.check.lines.split_breaks`).
- ``name_and``: the word joining two fields of a name ("GIÁO DỤC **VÀ** ĐÀO TẠO"): a name
  breaks before it, never after it (:mod:`dispatch_gen.render.linebreak`).
- ``bodies``: the kinds of body ("SỞ", "PHÒNG", "ĐẢNG ỦY", "ỦY BAN NHÂN DÂN"): a name breaks
  before one, and a header line that starts with one names a body of its own (the issuer
  under a superior body, :mod:`dispatch_gen.check.rules_header`).
- ``marks``: the marks of secrecy and urgency ("KHẨN", "MẬT"): a header line that is one of them
  is that mark, not a part of a name or of the trích yếu (:func:`is_mark`); ``draft_marks``: a
  draft's ("DỰ THẢO"), which may be followed by more ("DỰ THẢO 2", "DỰ THẢO LẦN 3").
- ``name_parts``: the other head words of a name (levels of place "HUYỆN", "XÃ"; parts of a
  body "KHOA", "TỔ"): a name breaks before one, but a line starting with one continues the
  name above it ("ỦY BAN NHÂN DÂN / TỈNH LÀO CAI", NĐ 30 PL I II.2.b).

The lists are typed by :class:`dispatch_gen.input.checked.Words` (with the other pydantic
parts, so that reading the words imports no pydantic). Words are compared as syllables in
capitals with the tone on the main vowel (:func:`key`: "Đảng uỷ" and "ĐẢNG ỦY" are the same
head word).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any

#: a head word as syllables, e.g. ("ỦY", "BAN", "NHÂN", "DÂN")
Head = tuple[str, ...]


#: the old tone placement and the new one, as the head words are written (render/linebreak.py)
_TONE_PLACES = (("UỶ", "ỦY"), ("OÀ", "ÒA"), ("OÁ", "ÓA"), ("OẢ", "ỎA"), ("OẠ", "ỌA"))


def key(token: str) -> str:
    """A syllable as the head words are compared: capitals, tone placed on the main vowel.

    >>> key("uỷ"), key("Hoà")
    ('ỦY', 'HÒA')
    """
    t = unicodedata.normalize("NFC", token.upper())
    for old, new in _TONE_PLACES:
        t = t.replace(old, new)
    return t


#: the profile whose lists stand in where a profile gives none (``words: null``, or no profile)
DEFAULT_PROFILE = "dang-hd36"


def _words(profile: dict[str, Any], name: str) -> tuple[str, ...]:
    words = profile.get("words")
    if not words:
        from dispatch_gen.input import profile as profiles  # the loader validates with this module

        words = profiles.load(DEFAULT_PROFILE)["words"]
    return tuple(words[name]["words"])


@lru_cache(maxsize=64)
def _heads(texts: tuple[str, ...]) -> tuple[Head, ...]:
    """The head words as tuples of syllable keys, longest first (a longer one wins a match)."""
    found = {tuple(key(s) for s in t.split()) for t in texts if t.split()}
    return tuple(sorted(found, key=lambda h: (-len(h), h)))


def name_heads(profile: dict[str, Any]) -> tuple[Head, ...]:
    """Every head word a name breaks before: ``bodies`` and ``name_parts``, longest first."""
    return _heads(_words(profile, "bodies") + _words(profile, "name_parts"))


def joiners(profile: dict[str, Any]) -> frozenset[str]:
    """The words joining two fields of a name ("VÀ"), as keys."""
    return frozenset(key(w) for w in _words(profile, "name_and"))


def date_words(profile: dict[str, Any]) -> tuple[str, ...]:
    """The words that start the date after the place ("ngày")."""
    return _words(profile, "date")


def is_mark(text: str, profile: dict[str, Any]) -> bool:
    """Whether a header line is one of the profile's ``marks``, or starts with one of its ``draft_marks``.

    >>> p = {"words": {"marks": {"words": ["KHẨN", "HỎA TỐC"]}, "draft_marks": {"words": ["DỰ THẢO"]}}}
    >>> is_mark(" Khẩn ", p), is_mark("HOẢ TỐC", p), is_mark("DỰ THẢO 2", p), is_mark("KHẨN TRƯƠNG", p)
    (True, True, True, False)
    """
    keys = tuple(key(t) for t in text.split())
    return keys in _heads(_words(profile, "marks")) or any(
        keys[: len(d)] == d for d in _heads(_words(profile, "draft_marks"))
    )


def starts_body(text: str, profile: dict[str, Any]) -> bool:
    """Whether a header line starts with a kind of body (``bodies``), not followed by a comma.

    >>> p = {"words": {"bodies": {"words": ["SỞ", "ĐẢNG ỦY", "ỦY BAN"]}}}
    >>> starts_body("ĐẢNG UỶ XÃ BÌNH SƠN", p), starts_body("SỞ", p), starts_body("TỈNH LÀO CAI", p)
    (True, True, False)
    >>> starts_body("SỞ , BAN", p), starts_body("SỞI", p)
    (False, False)
    """
    tokens = text.split()
    keys = [key(t) for t in tokens]
    for head in _heads(_words(profile, "bodies")):
        if tuple(keys[: len(head)]) == head:
            rest = tokens[len(head) :]
            return not (rest and rest[0].startswith(","))
    return False


__all__ = ["Head", "date_words", "is_mark", "joiners", "key", "name_heads", "starts_body"]
