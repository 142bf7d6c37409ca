"""Runs read from Word → the YAML's light markup (``**đậm**``, ``*nghiêng*``, ``[^khoa]``).

The inverse of :mod:`dispatch_gen.compute.markup`: what the reader shows bold or italic is
written between stars, a footnote reference as ``[^khoa]``, a line break as a backslash at the
end of the line. Everything else is escaped so that it prints as typed: the marks ``\\``,
``*`` and ``[`` get a backslash, and in a text that Jinja evaluates (``noi_dung``,
``chu_thich``) the tag openers ``{{``, ``{%``, ``{#`` are written as Jinja string literals.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from dispatch_gen.check.docmodel import Run

_MARKS = re.compile(r"([\\*\[])")
_JINJA_OPEN = re.compile(r"\{[{%#]")
_SPACES = re.compile(r"[ \t\u00a0]+")


@dataclass(frozen=True)
class Piece:
    """A stretch of text with one formatting, or a footnote reference (``note``), or a line break."""

    text: str = ""
    bold: bool = False
    italic: bool = False
    note: str | None = None
    br: bool = False


def escape(text: str, jinja: bool) -> str:
    """``text`` written so that the markup (and Jinja, when ``jinja``) prints it as it is."""
    text = _MARKS.sub(r"\\\1", text)
    if jinja:
        text = _JINJA_OPEN.sub(lambda m: "{{ '" + m.group(0) + "' }}", text)
    return text


def pieces(runs: list[Run], note_key: Callable[[str], str] | None = None) -> list[Piece]:
    """The runs as pieces: text with bold/italic (caps applied), footnote references, line breaks.

    White space takes the formatting of the text around it when both sides agree (so that a
    bold phrase is not cut at its spaces), else none; tabs become spaces.
    """
    raw: list[Piece] = []
    for run in runs:
        if run.footnote_ref is not None:
            if note_key is not None:
                raw.append(Piece(note=note_key(run.footnote_ref)))
            continue
        text = run.text.upper() if run.props.caps else run.text
        for i, line in enumerate(text.split("\n")):
            if i:
                raw.append(Piece(br=True))
            if line:
                raw.append(Piece(line.replace("\t", " "), run.props.bold, run.props.italic))
    out: list[Piece] = []
    for i, p in enumerate(raw):
        if p.note is None and not p.br and not p.text.strip():
            before = next((q for q in reversed(raw[:i]) if q.text.strip()), None)
            after = next((q for q in raw[i + 1 :] if q.text.strip()), None)
            same = (
                before is not None and after is not None and (before.bold, before.italic) == (after.bold, after.italic)
            )
            p = Piece(p.text, before.bold, before.italic) if same and before is not None else Piece(p.text)
        if out and out[-1].note is None and not out[-1].br and p.note is None and not p.br:
            if (out[-1].bold, out[-1].italic) == (p.bold, p.italic):
                out[-1] = Piece(out[-1].text + p.text, p.bold, p.italic)
                continue
        out.append(p)
    return out


def to_markup(items: list[Piece], jinja: bool = True) -> str:
    """The pieces as light markup; runs of spaces become one space, the ends are stripped."""
    parts: list[str] = []
    while items and (items[0].br or (items[0].note is None and not items[0].text.strip())):
        items = items[1:]
    while items and (items[-1].br or (items[-1].note is None and not items[-1].text.strip())):
        items = items[:-1]
    for p in items:
        if p.note is not None:
            parts.append(f"[^{p.note}]")
            continue
        if p.br:
            parts.append("\\\n")
            continue
        text = _SPACES.sub(" ", p.text)
        star = "*" * ((2 if p.bold else 0) + (1 if p.italic else 0))
        core = text.strip()
        if not star or not any(c.isalnum() for c in core):  # a bold "." alone: no visible formatting
            parts.append(escape(text, jinja))
            continue
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()) :]
        parts.append(f"{lead}{star}{escape(core, jinja)}{star}{trail}")
    out = "".join(parts)
    out = re.sub(r" *\\\n *", "\\\n", out)
    return _SPACES.sub(" ", out).strip()


def plain(runs: list[Run]) -> str:
    """The runs' text with tabs and runs of spaces as one space, line breaks kept."""
    text = "".join(r.text.upper() if r.props.caps else r.text for r in runs)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n")).strip()


__all__ = ["Piece", "escape", "pieces", "plain", "to_markup"]
