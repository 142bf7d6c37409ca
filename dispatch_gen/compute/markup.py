"""Light markup in the YAML's texts → paragraphs of formatted runs.

``**đậm**``, ``*nghiêng*`` and footnote marks ``[^khoa]`` are parsed by markdown-it-py, with
every block rule but the paragraph switched off: "1." and "- " at the start of a paragraph
stay literal text, as official documents are typed, never Word list numbering. A blank
line separates paragraphs; a single line break inside a paragraph is a space.

>>> parse_blocks("Phấn đấu **đến ngày 25/10/2024** gửi (*có phụ lục*)[^a]\\n\\n- Mục")
[[Run(text='Phấn đấu '), Run(text='đến ngày 25/10/2024', bold=True), Run(text=' gửi ('), \
Run(text='có phụ lục', italic=True), Run(text=')'), Run(note='a')], [Run(text='- Mục')]]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

_NOTE = re.compile(r"\[\^([\w\-]+)\]")


@dataclass(frozen=True)
class Run:
    """A piece of text with one formatting, or a footnote reference (``note``), or a line break."""

    text: str = ""
    bold: bool = False
    italic: bool = False
    note: str | None = None
    br: bool = False

    def __repr__(self) -> str:
        parts = [
            f"{k}={v!r}"
            for k, v in (
                ("text", self.text),
                ("bold", self.bold),
                ("italic", self.italic),
                ("note", self.note),
                ("br", self.br),
            )
            if v
        ]
        return f"Run({', '.join(parts)})"


def _footnote_ref(state: StateInline, silent: bool) -> bool:
    """Inline rule: ``[^label]`` is a footnote reference."""
    if state.src[state.pos] != "[":
        return False
    m = _NOTE.match(state.src, state.pos)
    if not m:
        return False
    if not silent:
        token = state.push("footnote_ref", "", 0)
        token.meta = {"label": m.group(1)}
    state.pos = m.end()
    return True


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("zero").enable(["emphasis", "escape", "entity", "newline"])
    md.inline.ruler.before("emphasis", "footnote_ref", _footnote_ref)
    return md


def _runs(children: list[Token]) -> list[Run]:
    runs: list[Run] = []
    bold = italic = 0
    for tok in children:
        t = tok.type
        if t == "strong_open":
            bold += 1
        elif t == "strong_close":
            bold -= 1
        elif t == "em_open":
            italic += 1
        elif t == "em_close":
            italic -= 1
        elif t == "text" and tok.content:
            runs.append(Run(tok.content, bold > 0, italic > 0))
        elif t == "softbreak":
            runs.append(Run(" ", bold > 0, italic > 0))
        elif t == "hardbreak":
            runs.append(Run(br=True))
        elif t == "footnote_ref":
            runs.append(Run(note=tok.meta["label"]))
    return _merge(runs)


def _merge(runs: list[Run]) -> list[Run]:
    out: list[Run] = []
    for r in runs:
        if (
            out
            and not r.note
            and not r.br
            and not out[-1].note
            and not out[-1].br
            and (out[-1].bold, out[-1].italic) == (r.bold, r.italic)
        ):
            out[-1] = Run(out[-1].text + r.text, r.bold, r.italic)
        else:
            out.append(r)
    return out


def parse_blocks(text: str) -> list[list[Run]]:
    """Parse a body text into paragraphs of runs."""
    tokens = _parser().parse(text)
    return [_runs(tok.children or []) for tok in tokens if tok.type == "inline"]


def parse_inline(text: str) -> list[Run]:
    """Parse a one-piece text (a footnote, a table cell): paragraphs become line breaks."""
    out: list[Run] = []
    for i, para in enumerate(parse_blocks(text)):
        if i:
            out.append(Run(br=True))
        out.extend(para)
    return out


def note_labels(text: str) -> list[str]:
    """The footnote labels a text refers to, in order."""
    return [r.note for para in parse_blocks(text) for r in para if r.note]
