"""The closing block read back: Nơi nhận and the signature, in a table or laid out with tabs.

The block is cut into pieces, each with its column: a table cell's column, or for a line laid
out with tabs the part before the tabs (left) and after them (right); a line that starts with
tabs is on the right. Nơi nhận is its label and the dash lines under it in its column (a line
without a dash continues the item above); every other piece is the signature: the capital
lines before the last are the authority (``quyen_han``), the last capital line the title
(``chuc_vu``), the last line the signer's name. Other lines ("(Đã ký)") stay with the title,
as lines of their own, and are handed back to be reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from dispatch_gen.check.common import DASH_RE, norm
from dispatch_gen.check.docmodel import Para
from dispatch_gen.check.lines import piece, split_breaks

_TABS = re.compile(r"\t+")


@dataclass
class Closing:
    """Nơi nhận items and the signature lines, in the YAML's terms."""

    cc: list[str] = field(default_factory=list)
    authority: str = ""
    title: str = ""
    name: str = ""
    used: set[int] = field(default_factory=set)
    odd: list[Para] = field(default_factory=list)  # signature lines kept with the title
    cc_para: Para | None = None
    sign_para: Para | None = None


def _pieces(paras: list[Para]) -> list[Para]:
    out: list[Para] = []
    for para in paras:
        for line in split_breaks(para):
            text = line.text
            if not text.strip():
                continue
            if line.cell is not None:
                out.append(line)
                continue
            spans = [(m.start(), m.end()) for m in _TABS.finditer(text)]
            parts, pos = [], 0
            for a, b in spans:
                if text[pos:a].strip():
                    parts.append((pos, a))
                pos = b
            if text[pos:].strip():
                parts.append((pos, len(text)))
            leading = not text[: parts[0][0]].strip() and "\t" in text[: parts[0][0]]
            if len(parts) >= 2:
                out.append(piece(line, parts[0][0], parts[0][1], 1 if leading else 0))
                out.append(piece(line, parts[1][0], parts[-1][1], 1))
            else:
                out.append(piece(line, parts[0][0], parts[0][1], 1 if leading else 0))
    return out


def item_text(text: str) -> str:
    """A list line without its dash and its end punctuation: "- Như trên;" → "Như trên"."""
    return DASH_RE.sub("", norm(text), count=1).rstrip(",;.").strip()


def _caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def read_closing(paras: list[Para], label: re.Pattern[str]) -> Closing:
    """Nơi nhận and the signature from the closing block's paragraphs (``label``: "Nơi nhận:")."""
    c = Closing()
    pieces = _pieces(paras)
    cc_col: Any = None
    in_cc = False
    sign: list[Para] = []
    for p in pieces:
        text = norm(p.text)
        m = label.match(text)
        if m is not None and c.cc_para is None:
            c.cc_para, cc_col, in_cc = p, (p.cell is not None, p.col), True
            c.used.add(p.index)
            rest = text[m.end() :].strip()
            if rest:
                c.cc.append(rest)
            continue
        if in_cc and (p.cell is not None, p.col) == cc_col:
            c.used.add(p.index)
            if DASH_RE.match(text) or not c.cc:
                c.cc.append(text)
            else:
                c.cc[-1] = f"{c.cc[-1]} {text}"
            continue
        if in_cc and p.cell is None and not DASH_RE.match(text) and p.col == 0 and cc_col == (False, 0):
            in_cc = False  # a body-level line without a dash ends the list
        c.used.add(p.index)
        sign.append(p)
    _signature(c, sign)
    c.cc = [t for t in (item_text(x) for x in c.cc) if t]
    return c


def _signature(c: Closing, sign: list[Para]) -> None:
    if not sign:
        return
    c.sign_para = sign[0]
    texts = [norm(p.text) for p in sign]
    name_at = max((i for i, t in enumerate(texts) if not _caps(t)), default=len(texts) - 1)
    caps = [i for i, t in enumerate(texts[:name_at]) if _caps(t)]
    c.name = texts[name_at]
    if not caps:
        c.title = " ".join(texts[:name_at])
        c.odd = sign[:name_at]
    else:
        title_at = caps[-1]
        c.authority = "\n".join(texts[i] for i in caps[:-1])
        others = [i for i in range(name_at) if i not in caps]
        c.title = "\n".join([texts[title_at]] + [texts[i] for i in others])
        c.odd = [sign[i] for i in others]
    extra = [sign[i] for i in range(name_at + 1, len(texts))]
    if extra:
        c.name = " ".join([c.name] + [norm(p.text) for p in extra]).strip()
        c.odd += extra


__all__ = ["Closing", "item_text", "read_closing"]
