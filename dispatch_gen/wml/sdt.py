"""Content controls (``w:sdt``) around what the data decides, written and found again.

A value printed from the data is wrapped in a run-level control, an appendix table in a
block-level one. Each control is tagged with its key (``w:tag``); its title (``w:alias``)
says in Vietnamese what it holds and ends with which occurrence of the key it is and the hash
of the text it was rendered with ("Số liệu: tong.dat #1.1a2b3c4d"), so ``update`` pairs it
with the same value of a new render and can tell a control changed by hand from one to
refresh. The controls show no placeholder and no frame (``w15:appearance`` hidden): they are
seen only in Word's design mode. LibreOffice 7.4 keeps a plain-text run-level control and its
title but drops the tag, and moves a block-level control into the first paragraph of the
table it held: :func:`controls` reads both back (the key from the title when the tag is gone).
"""

from __future__ import annotations

import copy
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from docx.oxml.ns import qn
from lxml import etree

from dispatch_gen.wml.ooxml import NSDECL, escape

W15_NS = "http://schemas.microsoft.com/office/word/2012/wordml"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_IGNORABLE = f"{{{MC_NS}}}Ignorable"
SDT = qn("w:sdt")
SDT_PR = qn("w:sdtPr")
SDT_CONTENT = qn("w:sdtContent")
_ALIAS = qn("w:alias")
_TAG = qn("w:tag")
_VAL = qn("w:val")
_T, _TAB, _BR, _CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_P, _TBL, _TR, _TC, _R = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:r")
_ALIAS_PARTS = re.compile(r"^(?P<label>[^:]*): (?P<key>.*) #(?P<n>[0-9]+)\.(?P<hash>[0-9a-f]{8})$", re.S)
_HIDDEN = f'<w15:appearance xmlns:w15="{W15_NS}" w15:val="hidden"/>'


def declare_ignorable(document: Any) -> None:
    """Declare ``w15`` on the root of each part that uses it and list it in ``mc:Ignorable``.

    ``w15`` (Word 2013) holds the controls' hidden appearance; Word 2010 refuses a part with an
    element of a namespace it does not know unless the root names it ignorable (it then shows
    the controls' frame, nothing else changes). The tables the main part gets as bytes when it
    is saved (``tables_as_text`` of :class:`dispatch_gen.wml.package.WordDocument`) count too,
    and lose their own declaration of it as the elements of the tree do (the same bytes either way).
    """
    tables: dict[bytes, bytes] = getattr(document, "tables_as_text", None) or {}
    for part in document.part.package.iter_parts():
        root = getattr(part, "_element", None)
        if root is None or not isinstance(root.tag, str):
            continue
        in_tables = part is document.part and any(W15_NS.encode() in t for t in tables.values())
        if not in_tables and next(root.iter(f"{{{W15_NS}}}*"), None) is None:
            continue
        keep = [prefix for prefix in root.nsmap if prefix] + ["w15", "mc"]
        etree.cleanup_namespaces(root, top_nsmap={"w15": W15_NS, "mc": MC_NS}, keep_ns_prefixes=keep)
        listed = (root.get(_IGNORABLE) or "").split()
        if "w15" not in listed:
            root.set(_IGNORABLE, " ".join([*listed, "w15"]))
        if in_tables:
            local = f' xmlns:w15="{W15_NS}"'.encode()
            for mark, table in tables.items():
                tables[mark] = table.replace(local, b"")


def text_hash(text: str) -> str:
    """The hash a control's title keeps of its text (NFC, so a re-typed accent is the same)."""
    return hashlib.sha1(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()[:8]


def _attr(value: str) -> str:
    return escape(value).replace('"', "&quot;")


def _pr_xml(key: str, n: int, label: str, digest: str, ident: int, kind: str = "") -> str:
    """The control's properties; ``kind``: ``<w:text/>`` for a plain-text control (LibreOffice keeps
    the title of a plain-text control only), empty for a rich one (a table)."""
    alias = f"{label}: {key} #{n}.{digest}"
    return (
        f'<w:sdtPr><w:alias w:val="{_attr(alias)}"/><w:tag w:val="{_attr(key)}"/>'
        f'<w:id w:val="{ident}"/>{_HIDDEN}{kind}</w:sdtPr>'
    )


def run_text(el: Any) -> str:
    """The text of runs under ``el``: text, tabs and line breaks (not footnote marks)."""
    out = []
    for node in el.iter(_T, _TAB, _BR, _CR):
        if node.tag == _T:
            out.append(node.text or "")
        elif node.tag == _TAB:
            out.append("\t")
        elif node.get(qn("w:type")) in (None, "textWrapping"):
            out.append("\n")
    return "".join(out)


def table_cells(tbl: Any) -> list[list[str]]:
    """The text of each cell of each row of a table (a cell's paragraphs joined by line breaks)."""
    return [
        ["\n".join(run_text(p) for p in tc.iter(_P)) for tc in tr.iterchildren(_TC)] for tr in tbl.iterchildren(_TR)
    ]


def table_text(tbl: Any) -> str:
    """A table's text as the block control's hash reads it: cells by tabs, rows by line feeds."""
    return "\n".join("\t".join(row) for row in table_cells(tbl))


def inline_xml(key: str, n: int, label: str, runs_xml: str, ident: int) -> str:
    """``runs_xml`` wrapped in a run-level control for occurrence ``n`` of ``key``."""
    root = etree.fromstring(f"<w:p {NSDECL}>{runs_xml}</w:p>")
    text = run_text(root)
    kind = '<w:text w:multiLine="1"/>' if "\n" in text else "<w:text/>"
    pr = _pr_xml(key, n, label, text_hash(text), ident, kind)
    return f"<w:sdt>{pr}<w:sdtContent>{runs_xml}</w:sdtContent></w:sdt>"


def mark_runs(
    root: Any,
    holds: Callable[[str], bool],
    pieces: Callable[[list[tuple[str, str]]], list[tuple[str, str, Any]]],
    wrap: Callable[[Any, str], str],
) -> None:
    """The runs under ``root`` whose text ``holds`` a value's marks, cut where a value starts or ends.

    ``pieces`` gets a run's content as (kind, text): "t" a text, "tab", "br", "xml" anything else
    (its XML); and gives it back as (kind, text, mark). Consecutive pieces of one mark become
    runs of the run's own properties, those of a mark wrapped by ``wrap(mark, runs_xml)``.
    """
    rpr_tag = qn("w:rPr")
    for r in list(root.iter(_R)):
        if not any(holds(t.text or "") for t in r.iter(_T)):
            continue
        rpr = r.find(rpr_tag)
        rpr_xml = etree.tostring(rpr, encoding="unicode") if rpr is not None else ""
        content: list[tuple[str, str]] = []
        for child in r:
            if child.tag == _T:
                content.append(("t", child.text or ""))
            elif child.tag in (_TAB, _BR):
                content.append(("tab" if child.tag == _TAB else "br", etree.tostring(child, encoding="unicode")))
            elif child.tag != rpr_tag:
                content.append(("xml", etree.tostring(child, encoding="unicode")))
        groups: list[tuple[Any, list[str]]] = []
        for kind, text, mark in pieces(content):
            xml = f'<w:t xml:space="preserve">{escape(text)}</w:t>' if kind == "t" else text
            if groups and groups[-1][0] == mark:
                groups[-1][1].append(xml)
            else:
                groups.append((mark, [xml]))
        out = []
        for mark, xmls in groups:
            runs_xml = f"<w:r>{rpr_xml}{''.join(xmls)}</w:r>"
            out.append(wrap(mark, runs_xml) if mark is not None else runs_xml)
        for el in etree.fromstring(f"<w:p {NSDECL}>{''.join(out)}</w:p>"):
            r.addprevious(el)
        r.getparent().remove(r)


def block_holder(key: str, label: str, tbl: Any, ident: int, n: int = 1) -> tuple[Any, Any]:
    """A block-level control for the table ``tbl`` (not yet inside it), occurrence ``n`` of ``key``:
    the control and its content element."""
    xml = f"<w:sdt {NSDECL}>{_pr_xml(key, n, label, text_hash(table_text(tbl)), ident)}<w:sdtContent/></w:sdt>"
    holder = etree.fromstring(xml)
    return holder, holder.find(SDT_CONTENT)


_TABLE_TOKENS = re.compile(rb"<w:t(?: [^>]*)?>([^<]*)</w:t>|<w:t/>|<w:tab/>|<w:br/>|</w:p>|</w:tc>|</w:tr>|<w:tr[ >]")


def _bytes_table_text(table: bytes) -> str:
    """:func:`table_text` of a table kept as bytes (a big appendix), without parsing it."""
    rows: list[str] = []
    cells: list[str] = []
    paras: list[str] = []
    text: list[str] = []
    for m in _TABLE_TOKENS.finditer(table):
        tok = m.group(0)
        if m.group(1) is not None:
            text.append(m.group(1).decode("utf-8").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))
        elif tok == b"<w:tab/>":
            text.append("\t")
        elif tok == b"<w:br/>":
            text.append("\n")
        elif tok == b"</w:p>":
            paras.append("".join(text))
            text = []
        elif tok == b"</w:tc>":
            cells.append("\n".join(paras))
            paras = []
        elif tok == b"</w:tr>":
            rows.append("\t".join(cells))
            cells = []
    return "\n".join(rows)


def rows_text(rows: bytes) -> str:
    """:func:`_bytes_table_text` of whole rows (``<w:tr>…</w:tr>`` one after the other): the rows'
    texts joined by line feeds, as they are in the text of the table holding them."""
    return _bytes_table_text(rows)


def runs_text(runs_xml: str) -> str | None:
    """The text :func:`_bytes_table_text` reads from these runs as a cell's only paragraph;
    ``None`` when they hold more than runs (a paragraph's, a cell's or a row's end)."""
    if "</w:p>" in runs_xml or "</w:tc>" in runs_xml or "</w:tr>" in runs_xml:
        return None
    return _bytes_table_text(f"<w:tr><w:tc><w:p>{runs_xml}</w:p></w:tc></w:tr>".encode())


def block_bytes(key: str, label: str, table: bytes, ident: int, text: str | None = None) -> bytes:
    """A table kept as bytes, wrapped in a block-level control for ``key``; ``text``: the table's
    text as :func:`_bytes_table_text` reads it, when its writer knows it (else read here)."""
    text = _bytes_table_text(table) if text is None else text
    pr = _pr_xml(key, 1, label, text_hash(text), ident).encode("utf-8")
    return b"<w:sdt>" + pr + b"<w:sdtContent>" + table + b"</w:sdtContent></w:sdt>"


def shell_for_move(el: Any) -> tuple[Any, list[tuple[Any, Any]]]:
    """An empty copy of a block control (its properties copied) to move a big table into row by row.

    Returns the copy and (empty table, full table) pairs whose rows are to be moved.
    """
    shell = etree.Element(el.tag, dict(el.attrib), nsmap={el.prefix: etree.QName(el).namespace})
    pairs = []
    for child in el:
        if child.tag != SDT_CONTENT:
            shell.append(child)
            continue
        content = etree.SubElement(shell, SDT_CONTENT)
        for inner in list(child):
            if inner.tag == _TBL:
                tshell = etree.SubElement(content, _TBL, dict(inner.attrib))
                pairs.append((tshell, inner))
            else:
                content.append(inner)
    return shell, pairs


# --- reading them back -------------------------------------------------------------------


@dataclass
class Control:
    """A control of dispatch-gen found in a part.

    ``block``: the table it holds (a block control, or one LibreOffice moved into a cell),
    else ``None``; ``text``: its text now; ``rendered_hash``: the hash of its text as rendered.
    """

    element: Any
    key: str
    n: int
    label: str
    rendered_hash: str
    text: str
    block: Any | None = None

    @property
    def changed_by_hand(self) -> bool:
        return text_hash(self.text) != self.rendered_hash


def _parts_of(el: Any) -> tuple[str, int, str, str] | None:
    pr = el.find(SDT_PR)
    if pr is None:
        return None
    alias = pr.find(_ALIAS)
    m = _ALIAS_PARTS.match(alias.get(_VAL) or "") if alias is not None else None
    if m is None:
        return None
    tag = pr.find(_TAG)
    key = tag.get(_VAL) if tag is not None and tag.get(_VAL) else m.group("key")
    return key, int(m.group("n")), m.group("label"), m.group("hash")


def _table_of(el: Any) -> Any | None:
    """The table a block control holds, or the table whose first cell LibreOffice moved it into."""
    content = el.find(SDT_CONTENT)
    if el.getparent() is not None and el.getparent().tag != _P and content is not None:
        return content.find(_TBL)
    node = el.getparent()
    while node is not None and node.tag != _TBL:
        node = node.getparent()
    if node is None:
        return None
    first_p = next(node.iter(_P), None)
    return node if first_p is not None and el.getparent() is first_p else None


def controls(root: Any, table_keys: tuple[str, ...] = ()) -> list[Control]:
    """dispatch-gen's controls under ``root``, in document order.

    A control whose key starts with one of ``table_keys`` stands for a whole table.
    """
    found = []
    for el in root.iter(SDT):
        parts = _parts_of(el)
        if parts is None:
            continue
        key, n, label, digest = parts
        if key.startswith(table_keys) and table_keys:
            tbl = _table_of(el)
            if tbl is None:
                continue
            found.append(Control(el, key, n, label, digest, table_text(tbl), tbl))
        else:
            content = el.find(SDT_CONTENT)
            found.append(Control(el, key, n, label, digest, run_text(content) if content is not None else ""))
    return found


def runs_of(control: Control) -> list[Any]:
    """The runs inside a run-level control."""
    content = control.element.find(SDT_CONTENT)
    return [] if content is None else list(content.iter(_R))


def replace_inline(old: Control, new: Control) -> None:
    """Put the new control (its properties and content) where the old one is."""
    old.element.getparent().replace(old.element, new.element)


def replace_block(old: Control, new: Control) -> None:
    """Put the new block control where the old one is, or where the table LibreOffice moved it into is."""
    assert old.block is not None
    if old.element.getparent() is not None and old.element.getparent().tag != _P:
        old.element.getparent().replace(old.element, new.element)
    else:
        old.block.getparent().replace(old.block, new.element)


def iter_parts(doc_root: Any, note_root: Any | None) -> Iterator[tuple[str, Any]]:
    """The stories that may hold controls: the body, then the footnotes."""
    yield "body", doc_root
    if note_root is not None:
        yield "notes", note_root


def copy_control(control: Control) -> Control:
    """A copy of ``control`` (of another document) to put into this one."""
    el = copy.deepcopy(control.element)
    content = el.find(SDT_CONTENT)
    block = content.find(_TBL) if control.block is not None and content is not None else None
    return Control(el, control.key, control.n, control.label, control.rendered_hash, control.text, block)


def refresh_properties(old: Control, new: Control) -> None:
    """Give ``old`` the properties of ``new`` (tag, title with the hash, hidden frame), its content kept.

    For a control whose text is already the new one: what LibreOffice dropped comes back.
    """
    pr = old.element.find(SDT_PR)
    fresh = copy.deepcopy(new.element.find(SDT_PR))
    if pr is not None and fresh is not None:
        old.element.replace(pr, fresh)


def paragraph_of(el: Any) -> Any | None:
    """The paragraph an element is in (None for a block-level one)."""
    node = el.getparent()
    while node is not None and node.tag != _P:
        node = node.getparent()
    return node


_NOTE_REF = qn("w:footnoteReference")
_FOOTNOTE = qn("w:footnote")
_ID = qn("w:id")


def move_notes(old: Any, new: Any, edited: Any, fresh: Any) -> None:
    """The footnotes of a table that replaces another: those only the old table referred to go,
    those of the new table come from the document it was rendered in, under new numbers."""
    from dispatch_gen.wml import footnotes

    old_refs = {r.get(_ID) for r in old.iter(_NOTE_REF)}
    new_refs = list(new.iter(_NOTE_REF))
    root = footnotes.find_root(edited)
    if old_refs and root is not None:
        elsewhere = {r.get(_ID) for r in edited.element.body.iter(_NOTE_REF) if not _inside(r, old)}
        for note in root.findall(_FOOTNOTE):
            if note.get(_ID) in old_refs - elsewhere:
                root.remove(note)
    if not new_refs:
        return
    source = footnotes.find_root(fresh)
    notes = {n.get(_ID): n for n in source.findall(_FOOTNOTE)} if source is not None else {}
    root = footnotes.root_to_write(edited)
    next_id = footnotes.max_id(root) + 1
    for ref in new_refs:
        note = notes.get(ref.get(_ID))
        if note is None:
            continue
        note = copy.deepcopy(note)
        note.set(_ID, str(next_id))
        ref.set(_ID, str(next_id))
        root.append(note)
        next_id += 1


def _inside(el: Any, ancestor: Any) -> bool:
    node = el.getparent()
    while node is not None:
        if node is ancestor:
            return True
        node = node.getparent()
    return False
