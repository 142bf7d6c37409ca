"""Reading a rendered .docx back for assertions: body paragraphs, runs as light markup, footnotes."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from docx.oxml.ns import qn
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def run_markup(r) -> str:
    """A run as light markup: **bold**, *italic*; a footnote reference as [^id]."""
    ref = r.find(qn("w:footnoteReference"))
    if ref is not None:
        return f"[^{ref.get(qn('w:id'))}]"
    text = "".join(t.text or "" for t in r.iter(qn("w:t")))
    if not text:
        return ""
    rpr = r.find(qn("w:rPr"))
    bold = rpr is not None and rpr.find(qn("w:b")) is not None
    italic = rpr is not None and rpr.find(qn("w:i")) is not None
    if bold:
        text = f"**{text}**"
    if italic:
        text = f"*{text}*"
    return text


def paragraph_markup(p) -> str:
    return "".join(run_markup(r) for r in p.iter(qn("w:r")))


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
