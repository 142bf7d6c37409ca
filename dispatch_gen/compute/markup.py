"""Light markup in the YAML's texts → paragraphs of formatted runs.

``**đậm**``, ``*nghiêng*`` and footnote marks ``[^khoa]`` are parsed by markdown-it-py, with
every block rule but the paragraph switched off: "1." and "- " at the start of a paragraph
stay literal text, as official documents are typed, never Word list numbering. A blank
line separates paragraphs; a single line break inside a paragraph is a space. Nothing else
is markup: ``__x__`` and ``_x_`` print as typed (only ``*`` marks emphasis), and HTML
entities are not decoded (``&amp;`` prints "&amp;"); a backslash before a mark prints the
mark itself (``\\*``). Section headings (``# I. KẾT QUẢ``, ``## Chi bộ``) are parsed only when
the profile's heading levels are given (:func:`parse_blocks`, :mod:`dispatch_gen.compute.headings`).

What the user typed is data, never template syntax: :func:`typed` wraps the texts of a
docxtpl context so that docxtpl's clean-up after rendering (which turns ``{_{``, ``}_}``,
``{_%`` and ``%_}`` into tag braces) cannot change them (:func:`guard_xml`).

>>> parse_blocks("Phấn đấu **đến ngày 25/10/2024** gửi (*có phụ lục*)[^a]\\n\\n- Mục")
[[Run(text='Phấn đấu '), Run(text='đến ngày 25/10/2024', bold=True), Run(text=' gửi ('), \
Run(text='có phụ lục', italic=True), Run(text=')'), Run(note='a')], [Run(text='- Mục')]]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline, emphasis
from markdown_it.token import Token
from markupsafe import Markup, escape

from dispatch_gen.compute import marks
from dispatch_gen.compute.headings import Numberer
from dispatch_gen.compute.marks import Mark

_NOTE = re.compile(r"\[\^([\w\-]+)\]")


@dataclass(frozen=True)
class Run:
    """A piece of text with one formatting, or a footnote reference (``note``), or a line break.

    ``mark``: the value of a ``{{ … }}`` this run prints (:mod:`dispatch_gen.compute.marks`).
    """

    text: str = ""
    bold: bool = False
    italic: bool = False
    note: str | None = None
    br: bool = False
    mark: Mark | None = None

    def __repr__(self) -> str:
        parts = [
            f"{k}={v!r}"
            for k, v in (
                ("text", self.text),
                ("bold", self.bold),
                ("italic", self.italic),
                ("note", self.note),
                ("br", self.br),
                ("mark", self.mark),
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


def _star_emphasis(state: StateInline, silent: bool) -> bool:
    """markdown-it's emphasis for ``*`` only: an underscore is a letter of the text."""
    if state.src[state.pos] != "*":
        return False
    return emphasis.tokenize(state, silent)


@lru_cache(maxsize=4)
def _parser(headings: bool = False, tables: bool = False) -> MarkdownIt:
    md = MarkdownIt("zero").enable(["emphasis", "escape", "newline"])  # no "entity": "&amp;" is text
    if headings:
        md.enable("heading")  # "# …" lines; lists stay off: "1." and "- " are typed text
    if tables:
        md.enable("table")  # pipe tables, read by dispatch_gen.compute.tables
    md.inline.ruler.at("emphasis", _star_emphasis)
    md.inline.ruler.before("emphasis", "footnote_ref", _footnote_ref)
    return md


def runs_of(children: list[Token], state: marks.Counter | None = None) -> list[Run]:
    """The runs of one inline token's children (a paragraph, a table cell); ``state``: the
    printed values open and counted so far in the text (:func:`dispatch_gen.compute.marks.split`)."""
    state = state or marks.Counter()
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
            runs.extend(Run(piece, bold > 0, italic > 0, mark=mark) for piece, mark in marks.split(tok.content, state))
        elif t == "softbreak":
            runs.append(Run(" ", bold > 0, italic > 0, mark=state.current))
        elif t == "hardbreak":
            runs.append(Run(br=True, mark=state.current))
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
            and (out[-1].bold, out[-1].italic, out[-1].mark) == (r.bold, r.italic, r.mark)
        ):
            out[-1] = Run(out[-1].text + r.text, r.bold, r.italic, mark=r.mark)
        else:
            out.append(r)
    return out


class Heading(list[Run]):
    """The runs of a section heading (a ``#`` line): the body's blocks say which paragraphs are
    headings, so that the layout keeps each with what follows (:mod:`dispatch_gen.render.layout`)."""

    def __init__(self, runs: list[Run], level: int) -> None:
        super().__init__(runs)
        self.level = level


def _heading(runs: list[Run], number: str, style: Mapping[str, Any]) -> list[Run]:
    """A heading's runs: its number first, each run in the level's bold, italic and capitals."""
    runs = [Run(number), *runs] if number else runs
    out = []
    for r in runs:
        if r.note or r.br:
            out.append(r)
            continue
        text = r.text.upper() if style["caps"] else r.text
        out.append(replace(r, text=text, bold=r.bold or style["bold"], italic=r.italic or style["italic"]))
    return _merge(out)


def unmarked(runs: list[Run]) -> list[Run]:
    """``runs`` without their marks, merged again as if no value had been marked."""
    return _merge([replace(r, mark=None) if r.mark else r for r in runs])


def parse_blocks(text: str, headings: Sequence[Mapping[str, Any]] | None = None) -> list[list[Run]]:
    """Parse a body text into paragraphs of runs.

    ``headings``: the profile's heading levels (``body.headings``); given, a ``#`` line is a
    section heading numbered and formatted by its level; not given, it is text as typed.
    """
    return blocks_with_tables(text, headings, None)


#: reads the table that starts at ``tokens[i]`` (a ``table_open``): the block, and the index after it
TableReader = Callable[[list[Token], int], tuple[Any, int]]


def blocks_with_tables(text: str, headings: Sequence[Mapping[str, Any]] | None, table: TableReader | None) -> list[Any]:
    """:func:`parse_blocks`, with pipe tables read by ``table`` (:mod:`dispatch_gen.compute.tables`) when given."""
    tokens = _parser(bool(headings), table is not None).parse(text)
    numberer = Numberer(headings) if headings else None
    state = marks.Counter()
    out: list[Any] = []
    level = 0
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        i += 1
        if tok.type == "table_open" and table is not None:
            block, i = table(tokens, i - 1)
            out.append(block)
        elif tok.type == "heading_open":
            level = int(tok.tag[1:])
        elif tok.type == "heading_close":
            level = 0
        elif tok.type == "inline":
            runs = runs_of(tok.children or [], state)
            if level and numberer is not None:
                runs = Heading(_heading(runs, numberer.number(level, tok.content), numberer.style(level)), level)
            out.append(runs)
    return out


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


# docxtpl replaces these four marks in every rendered part, data included
_TAG_MARK = re.compile(r"(?<=\{)_|_(?=\})")


def guard_xml(xml: str) -> str:
    """``xml`` with no ``{_{ }_} {_% %_}`` left for docxtpl to turn into tag braces.

    An underscore next to a brace is written as the character reference ``&#95;``: the same
    text once parsed, but not the marks docxtpl looks for in the rendered XML. Only text holds
    braces in the XML dispatch-gen writes, so the whole string can be passed.

    >>> guard_xml("<t>{_{ x }_} a_b</t>")
    '<t>{&#95;{ x }&#95;} a_b</t>'
    """
    return _TAG_MARK.sub("&#95;", xml) if "_" in xml else xml


class TypedText(str):
    """A text the user typed, printed by a docxtpl template exactly as typed.

    Jinja's autoescaping asks for ``__html__``: the text escaped for XML, its tag marks
    guarded (:func:`guard_xml`). It is still a ``str`` everywhere else.
    """

    __slots__ = ()

    def __html__(self) -> str:
        return guard_xml(str(escape(str(self))))


def typed(value: Any) -> Any:
    """The values of a docxtpl context made safe from docxtpl's clean-up, through dicts and lists.

    A text becomes :class:`TypedText`; ready XML (a :class:`~markupsafe.Markup` such as the
    body's runs) is guarded as it is; other values are returned unchanged.
    """
    if isinstance(value, Markup):
        return type(value)(guard_xml(str(value)))
    if isinstance(value, str):
        return TypedText(value)
    if isinstance(value, dict):
        return {k: typed(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [typed(v) for v in value]
    return value
