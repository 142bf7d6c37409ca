"""Word's automatic numbering (``numbering.xml``): the label a person sees before a paragraph.

Part of the checker's reader: a list numbered by Word ("1.", "a)", "I.", a dash) shows a
label that is not in the paragraph's text; the reader puts it in front of the text as a run
of its own (:attr:`~dispatch_gen.check.docmodel.Run.numbering`), so typed and automatic
numbering are judged alike. Counting follows ECMA-376 §17.9: per abstract list, a level
restarting the levels under it, a list's ``startOverride`` restarting it.
"""

from __future__ import annotations

from typing import Any

from dispatch_gen.check.docmodel import w, wattr
from dispatch_gen.check.styles import StyleResolver

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip
_SUFFIX = {"tab": "\t", "space": " ", "nothing": ""}


def _format_number(n: int, fmt: str) -> str:
    """``n`` as Word's ``w:numFmt`` shows it (decimal, letters, Roman numerals, 01…)."""
    if fmt in ("lowerLetter", "upperLetter"):
        letters = _LETTERS[(n - 1) % 26] * ((n - 1) // 26 + 1) if n > 0 else ""
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        out, rest = "", n
        for value, sign in _ROMAN:
            while rest >= value:
                out, rest = out + sign, rest - value
        return out.upper() if fmt == "upperRoman" else out
    if fmt == "decimalZero":
        return f"{n:02d}"
    return "" if fmt == "none" else str(n)


class Numbering:
    """Word's automatic numbering (numbering.xml): the label a person sees before a paragraph.

    A paragraph numbered by Word (``w:numPr``, directly or through its style) shows "1.",
    "a)", "I." or a dash that is not in its text; :meth:`label` gives it, counting in
    document order per list, so the checker judges it like typed numbering.
    """

    def __init__(self, root: Any, resolver: StyleResolver) -> None:
        self.resolver = resolver
        self.abstract: dict[str, dict[int, tuple[str, str, int, str]]] = {}
        self.num_of: dict[str, str] = {}  # numId → abstractNumId
        self.start_at: dict[tuple[str, int], int] = {}  # (numId, ilvl) → startOverride
        self.counts: dict[str, list[int]] = {}
        self.seen: set[str] = set()
        self._style_num: dict[str | None, tuple[str | None, int | None]] = {}
        if root is None:
            return
        for an in root.iterfind(w("abstractNum")):
            levels = {}
            for lvl in an.iterfind(w("lvl")):
                ilvl = _int(wattr(lvl, "ilvl"), 0)
                fmt, text = lvl.find(w("numFmt")), lvl.find(w("lvlText"))
                start, suff = lvl.find(w("start")), lvl.find(w("suff"))
                levels[ilvl] = (
                    wattr(fmt, "val") or "decimal",
                    wattr(text, "val") or "",
                    _int(wattr(start, "val"), 1),
                    _SUFFIX.get(wattr(suff, "val") or "tab", "\t"),
                )
            self.abstract[wattr(an, "abstractNumId") or ""] = levels
        for num in root.iterfind(w("num")):
            nid = wattr(num, "numId") or ""
            self.num_of[nid] = wattr(num.find(w("abstractNumId")), "val") or ""
            for ov in num.iterfind(w("lvlOverride")):
                start = ov.find(w("startOverride"))
                if start is not None:
                    self.start_at[(nid, _int(wattr(ov, "ilvl"), 0))] = _int(wattr(start, "val"), 1)

    def _num_pr(self, ppr: Any, pstyle: str | None) -> tuple[str | None, int]:
        nid, ilvl = _own_num_pr([ppr] if ppr is not None else [])
        if nid is None or ilvl is None:  # the rest comes from the style's chain (memoised per style)
            if pstyle not in self._style_num:
                self._style_num[pstyle] = _own_num_pr(self.resolver._levels(pstyle, "paragraph", "pPr"))
            style_nid, style_ilvl = self._style_num[pstyle]
            nid = style_nid if nid is None else nid
            ilvl = style_ilvl if ilvl is None else ilvl
        return nid, ilvl or 0

    def label(self, p: Any, styled: tuple[Any, str | None] | None = None) -> str:
        """The number Word shows before paragraph ``p`` ("1.\\t", "-\\t", "a) "), or "".

        ``styled``: the paragraph's :meth:`StyleResolver.paragraph_style`, when read already.
        """
        if not self.abstract:
            return ""
        ppr, pstyle = styled if styled is not None else self.resolver.paragraph_style(p)
        nid, ilvl = self._num_pr(ppr, pstyle)
        aid = self.num_of.get(nid or "")
        levels = self.abstract.get(aid or "")
        if not levels or ilvl not in levels or not 0 <= ilvl < 9:
            return ""
        counts = self.counts.setdefault(aid or "", [0] * 9)
        if nid not in self.seen:  # a list's first paragraph: its overrides restart the count
            self.seen.add(nid or "")
            for (onid, olvl), start in self.start_at.items():
                if onid == nid and 0 <= olvl < 9:
                    counts[olvl] = start - 1
        if counts[ilvl] == 0 and ilvl in levels:
            counts[ilvl] = levels[ilvl][2] - 1
        counts[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = 0
        fmt, text, _start, suffix = levels[ilvl]
        if fmt == "bullet":
            shown = "•" if any("\ue000" <= ch <= "\uf8ff" for ch in text) else text
        else:
            shown = text
            for k in range(ilvl + 1):
                lv = levels.get(k)
                value = counts[k] or (lv[2] if lv else 1)
                shown = shown.replace(f"%{k + 1}", _format_number(value, lv[0] if lv else "decimal"))
        return f"{shown}{suffix}" if shown else ""


def _own_num_pr(levels: list[Any]) -> tuple[str | None, int | None]:
    """The nearest numId and ilvl written in ``levels`` (each looked for on its own), None if none."""
    nid, ilvl = None, None
    for lv in levels:
        pr = lv.find(w("numPr"))
        if pr is None:
            continue
        if nid is None and pr.find(w("numId")) is not None:
            nid = wattr(pr.find(w("numId")), "val")
        if ilvl is None and pr.find(w("ilvl")) is not None:
            ilvl = _int(wattr(pr.find(w("ilvl")), "val"), 0)
    return nid, ilvl


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
