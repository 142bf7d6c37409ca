"""Reading a rendered .docx back for assertions: body paragraphs, runs as light markup, footnotes."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx.api
from docx.oxml.ns import qn
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def unwrap_controls(root) -> list:
    """Each content control under ``root`` replaced by its content; the paragraphs that held one."""
    held = []
    for sdt in list(root.iter(qn("w:sdt"))):
        content = sdt.find(qn("w:sdtContent"))
        for child in list(content) if content is not None else []:
            sdt.addprevious(child)
        parent = sdt.getparent()
        parent.remove(sdt)
        if parent.tag == qn("w:p"):
            held.append(parent)
    return held


def _text_only(r) -> bool:
    return all(c.tag in (qn("w:rPr"), qn("w:t")) for c in r)


def _join_runs(p) -> None:
    """Adjacent text runs of one formatting in ``p`` made one, as Word shows them."""
    previous = None
    for r in list(p.iterchildren(qn("w:r"))):
        if not _text_only(r):
            previous = None
            continue
        rpr = r.find(qn("w:rPr"))
        key = etree.tostring(rpr) if rpr is not None else b""
        if previous is not None and previous[1] == key and previous[0].getnext() is r:
            last, t = previous[0].findall(qn("w:t"))[-1], r.find(qn("w:t"))
            if t is not None:
                last.text = (last.text or "") + (t.text or "")
            p.remove(r)
        else:
            previous = (r, key) if r.find(qn("w:t")) is not None else None


def Document(path):
    """A .docx opened with python-docx and read as Word shows it: through its content controls.

    dispatch-gen puts every value from the data in a control (``w:sdt``), which python-docx's
    ``paragraph.text``, ``paragraph.runs`` and ``document.tables`` do not look into, and which
    split the runs around each value (in a paragraph that held one, text runs of one formatting
    are joined again). The controls themselves are tested in tests/test_marks.py and
    tests/test_update.py.
    """
    return through_controls(docx.api.Document(path))


def through_controls(document):
    """A python-docx Document (also one just rendered, in memory) read through its controls."""
    for p in unwrap_controls(document.element.body):
        _join_runs(p)
    return document


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def _run_pieces(r) -> tuple[str, bool, bool]:
    """A run's text (a footnote reference as [^id]) and whether it is bold, italic."""
    ref = r.find(qn("w:footnoteReference"))
    if ref is not None:
        return f"[^{ref.get(qn('w:id'))}]", False, False
    text = "".join(t.text or "" for t in r.iter(qn("w:t")))
    rpr = r.find(qn("w:rPr"))
    bold = rpr is not None and rpr.find(qn("w:b")) is not None
    italic = rpr is not None and rpr.find(qn("w:i")) is not None
    return text, bold, italic


def _markup(text: str, bold: bool, italic: bool) -> str:
    if text and bold:
        text = f"**{text}**"
    if text and italic:
        text = f"*{text}*"
    return text


def run_markup(r) -> str:
    """A run as light markup: **bold**, *italic*; a footnote reference as [^id]."""
    return _markup(*_run_pieces(r))


def paragraph_markup(p) -> str:
    """A paragraph as light markup, adjacent runs of one formatting told as one (however split)."""
    merged: list[list] = []
    for r in p.iter(qn("w:r")):
        text, bold, italic = _run_pieces(r)
        if not text:
            continue
        note = text.startswith("[^")
        if merged and not note and not merged[-1][3] and merged[-1][1:3] == [bold, italic]:
            merged[-1][0] += text
        else:
            merged.append([text, bold, italic, note])
    return "".join(_markup(t, b, i) for t, b, i, _n in merged)


def body_paragraphs(doc) -> list:
    """The paragraphs of the dispatch's body (style "Dispatch Body")."""
    return [p for p in doc.paragraphs if p.style is not None and p.style.name == "Dispatch Body"]


def footnotes(path: Path) -> dict[int, str]:
    with zipfile.ZipFile(path) as zf:
        if "word/footnotes.xml" not in zf.namelist():
            return {}
        root = etree.fromstring(zf.read("word/footnotes.xml"))
    out = {}
    for fn in root.findall(f"{W}footnote"):
        if fn.get(f"{W}type") in ("separator", "continuationSeparator"):
            continue
        out[int(fn.get(f"{W}id"))] = norm("".join(t.text or "" for t in fn.iter(f"{W}t")))
    return out


def reference_ids(path: Path) -> list[int]:
    with zipfile.ZipFile(path) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    return [int(r.get(f"{W}id")) for r in root.iter(f"{W}footnoteReference")]


def all_parts_parse(path: Path) -> None:
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                etree.fromstring(zf.read(name))
