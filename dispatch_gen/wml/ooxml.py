"""Raw WordprocessingML, in one place: runs, rules, fields, table flags, footnotes, sections.

The rest of dispatch-gen speaks of dispatches; only this module knows element names.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSDECL = f'xmlns:w="{W_NS}"'


_P_OPEN = re.compile(r"<w:p([ >])")
_P_LINE = re.compile(r"\n<w:p([ >])")


def paragraph_lines(xml: str) -> str:
    """A line break before every paragraph, as docxtpl's ``render_xml_part`` puts them before Jinja
    (so that a Jinja error's line number counts paragraphs)."""
    return _P_OPEN.sub(r"\n<w:p\1", xml)


def join_paragraph_lines(xml: str) -> str:
    """Undo :func:`paragraph_lines` after Jinja, as docxtpl does."""
    return _P_LINE.sub(r"<w:p\1", xml)


#: a <w:t> whose text holds a tab, line break, \a or \f (its text has no "<": that is escaped)
_LISTING = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\t\a\n\f]")


def has_listing(xml: str) -> bool:
    """Whether docxtpl's ``resolve_listing`` would change ``xml``: it rewrites only those four
    characters inside a <w:t> (a tab run, a paragraph, a break, a page break)."""
    return _LISTING.search(xml) is not None


#: a paragraph as docxtpl's ``resolve_listing`` finds it (its own expression)
_LISTING_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)


def resolve_listing(xml: str, resolve: Callable[[str], str]) -> str:
    """docxtpl's ``resolve_listing`` (``resolve``) applied only to the paragraphs it would change.

    It rewrites each paragraph it finds on its own (a regular expression's matches, in turn):
    the paragraphs without a listing character come out as they went in, so only the others
    (a subject broken in two lines: one paragraph of a page) are passed to it.
    """
    if not has_listing(xml):
        return xml
    out: list[str] = []
    last = 0
    for m in _LISTING_PARAGRAPH.finditer(xml):
        if has_listing(m.group(0)):
            out += (xml[last : m.start()], resolve(m.group(0)))
            last = m.end()
    out.append(xml[last:])
    return "".join(out)


_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def escape(text: str) -> str:
    """Escape &, < and > for element text, in one pass (xml.sax.saxutils would pull in urllib)."""
    return text.translate(_ESCAPES)


# --- runs -------------------------------------------------------------------------------


def _size_xml(size_pt: float | None) -> str:
    return f'<w:sz w:val="{int(size_pt * 2)}"/><w:szCs w:val="{int(size_pt * 2)}"/>' if size_pt else ""


def run_xml(text: str, bold: bool = False, italic: bool = False, size_pt: float | None = None) -> str:
    """One ``<w:r>`` with text (escaped; tabs and line breaks become Word's own elements)."""
    props = ""
    if bold:
        props += "<w:b/><w:bCs/>"
    if italic:
        props += "<w:i/><w:iCs/>"
    props += _size_xml(size_pt)
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    pieces = []
    for i, line in enumerate(text.split("\n")):
        if i:
            pieces.append("<w:br/>")
        for j, chunk in enumerate(line.split("\t")):
            if j:
                pieces.append("<w:tab/>")
            if chunk:
                pieces.append(f'<w:t xml:space="preserve">{escape(chunk)}</w:t>')
    return f"<w:r>{rpr}{''.join(pieces)}</w:r>"


def break_xml(size_pt: float | None = None) -> str:
    size = _size_xml(size_pt)
    return f"<w:r><w:rPr>{size}</w:rPr><w:br/></w:r>" if size else "<w:r><w:br/></w:r>"


def note_ref_xml(note_id: int, style_id: str | None, size_pt: float | None = None) -> str:
    """The superscript reference mark of a footnote, in the body."""
    style = f'<w:rStyle w:val="{style_id}"/>' if style_id else ""
    props = f'{style}{_size_xml(size_pt)}<w:vertAlign w:val="superscript"/>'
    return f'<w:r><w:rPr>{props}</w:rPr><w:footnoteReference w:id="{note_id}"/></w:r>'


# --- paragraphs and tables (used by the template builder) ------------------------------


def paragraph_bottom_border(p: Any, size_eighths: int = 6) -> None:
    """A solid line under the paragraph: the rule under a title."""
    ppr = p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("w:val", "single"), ("w:sz", str(size_eighths)), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(k), v)
    bdr.append(bottom)
    # schema order: pBdr comes after keepNext…numPr and before shd/tabs/spacing/ind/jc
    anchor = None
    for tag in ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:jc"):
        anchor = ppr.find(qn(tag))
        if anchor is not None:
            break
    if anchor is not None:
        anchor.addprevious(bdr)
    else:
        ppr.append(bdr)


def add_page_field(p: Any, size_pt: float) -> None:
    """A PAGE field (the page number) at the end of paragraph ``p``."""
    sz = int(size_pt * 2)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        r = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        s = OxmlElement("w:sz")
        s.set(qn("w:val"), str(sz))
        rpr.append(s)
        r.append(rpr)
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            r.append(fld)
        elif text == " PAGE ":
            it = OxmlElement("w:instrText")
            it.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            it.text = text
            r.append(it)
        else:
            t = OxmlElement("w:t")
            t.text = text
            r.append(t)
        p.append(r)


#: CT_TblPr's children in schema order (ECMA-376 Part 1, 17.4.60)
_TBLPR_ORDER = (
    "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize", "w:tblStyleColBandSize",
    "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar",
    "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange",
)  # fmt: skip


def table_borders(tbl: Any, size_eighths: int | None) -> None:
    """All borders of a table: none (``None``) or single lines."""
    tblpr = tbl.tblPr
    old = tblpr.find(qn("w:tblBorders"))
    if old is not None:
        tblpr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        if size_eighths is None:
            el.set(qn("w:val"), "nil")
        else:
            el.set(qn("w:val"), "single")
            el.set(qn("w:sz"), str(size_eighths))
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "000000")
        borders.append(el)
    style = tblpr.find(qn("w:tblStyle"))
    if style is not None:
        tblpr.remove(style)
    anchor = next(
        (el for tag in ("w:tblLayout", "w:tblCellMar", "w:tblLook") if (el := tblpr.find(qn(tag))) is not None), None
    )
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        tblpr.append(borders)


def table_fixed(tbl: Any, widths_twips: list[int], cell_margin: int | None = None) -> None:
    """Fixed layout with explicit column widths (and optional zero cell margins).

    Each ``tblPr`` child is set in place or inserted at its schema position, never added twice
    (python-docx's ``autofit = False`` may already have written the ``tblLayout``).
    """
    tblpr = tbl.tblPr
    w = tblpr.find(qn("w:tblW"))
    if w is None:
        w = OxmlElement("w:tblW")
        tblpr.insert_element_before(w, *_TBLPR_ORDER[_TBLPR_ORDER.index("w:tblW") + 1 :])
    w.set(qn("w:w"), str(sum(widths_twips)))
    w.set(qn("w:type"), "dxa")
    tblpr.get_or_add_tblLayout().type = "fixed"
    if cell_margin is not None:
        old = tblpr.find(qn("w:tblCellMar"))
        if old is not None:
            tblpr.remove(old)
        mar = OxmlElement("w:tblCellMar")
        for side in ("left", "right"):
            el = OxmlElement(f"w:{side}")
            el.set(qn("w:w"), str(cell_margin))
            el.set(qn("w:type"), "dxa")
            mar.append(el)
        tblpr.insert_element_before(mar, *_TBLPR_ORDER[_TBLPR_ORDER.index("w:tblCellMar") + 1 :])
    grid = tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_twips, strict=True):
        col.set(qn("w:w"), str(width))


# --- footnotes ---------------------------------------------------------------------------


def style_id(document: Any, name: str) -> str | None:
    """The id of the style named ``name`` (ids may be localised; names are not), or None."""
    for s in document.styles.element.findall(qn("w:style")):
        n = s.find(qn("w:name"))
        if n is not None and n.get(qn("w:val"), "").lower() == name.lower():
            return s.get(qn("w:styleId"))
    return None


def footnote_xml(note_id: int, runs_xml: str, para_style: str | None, ref_style: str | None, size_pt: float) -> str:
    """One ``<w:footnote>``: the note's own mark, a space, then the text runs."""
    ppr = f'<w:pPr><w:pStyle w:val="{para_style}"/></w:pPr>' if para_style else ""
    sz = f'<w:sz w:val="{int(size_pt * 2)}"/><w:szCs w:val="{int(size_pt * 2)}"/>'
    ref_style_xml = f'<w:rStyle w:val="{ref_style}"/>' if ref_style else ""
    mark = f'<w:r><w:rPr>{ref_style_xml}{sz}<w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
    space = f'<w:r><w:rPr>{sz}</w:rPr><w:t xml:space="preserve"> </w:t></w:r>'
    return f'<w:footnote {NSDECL} w:id="{note_id}"><w:p>{ppr}{mark}{space}{runs_xml}</w:p></w:footnote>'


# --- sections ----------------------------------------------------------------------------


def body_sectpr(document: Any) -> Any:
    return document.element.body.find(qn("w:sectPr"))


def set_orientation(sectpr: Any, landscape: bool) -> None:
    """Swap the page size to match the orientation; margins stay on the same edges."""
    pgsz = sectpr.find(qn("w:pgSz"))
    w, h = int(pgsz.get(qn("w:w"))), int(pgsz.get(qn("w:h")))
    if landscape != (w > h):
        w, h = h, w
    pgsz.set(qn("w:w"), str(w))
    pgsz.set(qn("w:h"), str(h))
    if landscape:
        pgsz.set(qn("w:orient"), "landscape")
    else:
        pgsz.attrib.pop(qn("w:orient"), None)


def text_width_twips(sectpr: Any) -> int:
    pgsz, mar = sectpr.find(qn("w:pgSz")), sectpr.find(qn("w:pgMar"))
    return int(pgsz.get(qn("w:w"))) - int(mar.get(qn("w:left"))) - int(mar.get(qn("w:right")))


def restart_page_numbers(sectpr: Any, start: int = 1) -> None:
    el = sectpr.find(qn("w:pgNumType"))
    if el is None:
        el = OxmlElement("w:pgNumType")
        anchor = sectpr.find(qn("w:cols"))
        if anchor is not None:
            anchor.addprevious(el)
        else:
            sectpr.append(el)
    el.set(qn("w:start"), str(start))


_AFTER_TITLE_PG = ("w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")


def set_title_page(sectpr: Any) -> None:
    """Give the section a different first page; with no first-page header of its own it
    inherits the empty one of the section before, so its first page shows no number."""
    if sectpr.find(qn("w:titlePg")) is not None:
        return
    el = OxmlElement("w:titlePg")
    anchor = next((a for tag in _AFTER_TITLE_PG if (a := sectpr.find(qn(tag))) is not None), None)
    if anchor is not None:
        anchor.addprevious(el)
    else:
        sectpr.append(el)


def append_section(document: Any, content: list[Any], sectpr: Any) -> None:
    """Close the document's last section here and add ``content`` as a new section on a new page.

    The new section takes ``sectpr`` (orientation, numbering, a different first page) but
    keeps no header references of its own, so it inherits the headers of the section before.
    """
    body = document.element.body
    last = body.find(qn("w:sectPr"))
    closing = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    ppr.append(copy.deepcopy(last))
    closing.append(ppr)
    last.addprevious(closing)
    for el in content:
        last.addprevious(el)
    new = copy.deepcopy(sectpr)
    for tag in ("w:headerReference", "w:footerReference"):
        for el in new.findall(qn(tag)):
            new.remove(el)
    for el in new.findall(qn("w:type")):
        new.remove(el)
    body.replace(last, new)


def paragraph_texts(xml: bytes) -> Iterator[tuple[tuple[int, int, int] | None, str]]:
    """Every paragraph of a part, in document order: (table, row, cell) numbered from 1 when it is
    in a table cell (else None), and its text."""
    root = etree.fromstring(xml)
    tbl, tr, tc = qn("w:tbl"), qn("w:tr"), qn("w:tc")
    tables = list(root.iter(tbl))  # kept: lxml proxies stay the same while referenced
    for p in root.iter(qn("w:p")):
        text = "".join(t.text or "" for t in p.iter(qn("w:t")))
        cell = next(p.iterancestors(tc), None)
        if cell is None:
            yield None, text
            continue
        row = next(p.iterancestors(tr))  # the cell's row and table
        table = next(p.iterancestors(tbl))
        r = [x for x in table if x.tag == tr].index(row) + 1
        c = [x for x in row if x.tag == tc].index(cell) + 1
        yield (tables.index(table) + 1, r, c), text


def parse_fragment(xml: str) -> list[Any]:
    """Parse body-level WordprocessingML (paragraphs, tables) written without namespace declarations."""
    root = etree.fromstring(f"<w:body {NSDECL}>{xml}</w:body>")
    return list(root)


# --- the template's style sheet -----------------------------------------------------------------

_STYLE_REF = re.compile(rb'<w:(?:pStyle|rStyle|tblStyle|numStyleLink|styleLink) w:val="([^"]+)"')


def style_refs(xml: bytes) -> set[str]:
    """The style ids a part's XML names (paragraph, run, table and numbering style references)."""
    return {m.decode() for m in _STYLE_REF.findall(xml)}


def keep_styles(styles: Any, used: set[str], names: tuple[str, ...]) -> int:
    """Drop from a ``<w:styles>`` element every style not ``used`` (by id), not named in ``names``
    and not a default one, keeping whatever a kept style is based on, linked to or followed by;
    returns how many were dropped. The document defaults and latent styles stay."""
    by_id = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
    wanted = {n.lower() for n in names}
    todo = set(used) & by_id.keys()
    for sid, s in by_id.items():
        name = s.find(qn("w:name"))
        if s.get(qn("w:default")) in ("1", "true", "on") or (
            name is not None and name.get(qn("w:val"), "").lower() in wanted
        ):
            todo.add(sid)
    keep: set[str] = set()
    while todo:
        sid = todo.pop()
        keep.add(sid)
        for tag in ("w:basedOn", "w:link", "w:next"):
            ref = by_id[sid].find(qn(tag))
            if ref is not None and ref.get(qn("w:val")) in by_id and ref.get(qn("w:val")) not in keep:
                todo.add(ref.get(qn("w:val")))
    dropped = [s for sid, s in by_id.items() if sid not in keep]
    for s in dropped:
        styles.remove(s)
    return len(dropped)
