"""Read any .docx back as paragraphs with their *effective* formatting.

The checker must judge what Word shows, not what one run happens to say: a run's size,
font or bold state may come from the run itself, its character style, the paragraph
style and its ``basedOn`` chain, the table style or the document defaults. This module
resolves that chain once per run (ECMA-376 §17.7.2) so the rules only compare values.

It is deliberately independent of the renderer: documents typed by hand in Word are read
the same way as ours. Paragraphs are listed in document order, including those inside
table cells (with their cell and table recorded) and inside text boxes (flagged).
"""

from __future__ import annotations

import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from dispatch_gen.check.docmodel import (
    _SKIP_ANCESTORS,
    A_NS,
    R_NS,
    V_NS,
    DocInfo,
    Para,
    ParaProps,
    Run,
    RunProps,
    SectionInfo,
    _on,
    twips_to_mm,
    w,
    wattr,
)
from dispatch_gen.errors import InputError, Problem
from dispatch_gen.i18n import _

__all__ = ["DocInfo", "Para", "ParaProps", "Run", "RunProps", "SectionInfo", "open_docx", "read_docx", "w", "wattr"]
from dispatch_gen.check.styles import StyleResolver


def _ancestors(el: Any) -> Any:
    parent = el.getparent()
    while parent is not None:
        yield parent
        parent = parent.getparent()


def _own_runs(p: Any) -> list[Any]:
    """``w:r`` elements that belong to ``p`` itself (not text boxes, deletions or fallbacks)."""
    out = []
    for r in p.iter(w("r")):
        for anc in _ancestors(r):
            if anc is p:
                out.append(r)
                break
            if anc.tag == w("p") or anc.tag in _SKIP_ANCESTORS:
                break
    return out


def _run_content(r: Any) -> list[tuple[str, str]]:
    """Visible content of a run as (kind, value) pairs: text, page break, footnote ref."""
    out: list[tuple[str, str]] = []
    for child in r:
        tag = child.tag
        if tag == w("t"):
            out.append(("text", child.text or ""))
        elif tag == w("tab") or tag == w("ptab"):
            out.append(("text", "\t"))
        elif tag == w("br"):
            kind = wattr(child, "type")
            out.append(("page", "") if kind == "page" else ("text", "" if kind == "column" else "\n"))
        elif tag == w("cr"):
            out.append(("text", "\n"))
        elif tag == w("noBreakHyphen"):
            out.append(("text", "-"))
        elif tag == w("footnoteReference"):
            out.append(("footnote", wattr(child, "id") or ""))
        elif tag == w("instrText"):
            out.append(("instr", child.text or ""))
    return out


def _has_drawn_line(p: Any) -> bool:
    """True when the paragraph anchors a drawn line (DrawingML or VML)."""
    for el in p.iter(f"{{{A_NS}}}prstGeom"):
        if el.get("prst") in ("line", "straightConnector1"):
            return True
    if next(p.iter(f"{{{V_NS}}}line"), None) is not None:
        return True
    return any("_x0000_t32" in (el.get("type") or "") for el in p.iter(f"{{{V_NS}}}shape"))


class _ParaBuilder:
    """Turn ``w:p`` elements of one story (body, header, footnote) into :class:`Para`."""

    def __init__(self, resolver: StyleResolver) -> None:
        self.resolver = resolver
        self.default_table_style = resolver.default.get("table")
        self._rows: dict[Any, int] = {}  # keys keep the lxml proxies alive, so identity holds

    def _cell_position(self, tc: Any) -> tuple[int, int, str | None]:
        """Row index, grid column and bottom border style of a table cell (-1, -1, None if none)."""
        if tc is None:
            return -1, -1, None
        tr = tc.getparent()
        if tr not in self._rows:  # index every row of the table once (large appendix tables)
            tbl = tr.getparent()
            self._rows.update((row, i) for i, row in enumerate(tbl.iterchildren(w("tr"))))
        col = 0
        for sib in tc.itersiblings(w("tc"), preceding=True):
            span = sib.find(f"{w('tcPr')}/{w('gridSpan')}")
            col += int(wattr(span, "val") or 1) if span is not None else 1
        bottom = tc.find(f"{w('tcPr')}/{w('tcBorders')}/{w('bottom')}")
        val = wattr(bottom, "val") if bottom is not None else None
        return self._rows.get(tr, -1), col, None if val in (None, "nil", "none") else val

    def _table_style(self, tbl: Any) -> str | None:
        if tbl is None:
            return None
        st = tbl.find(f"{w('tblPr')}/{w('tblStyle')}")
        return wattr(st, "val") if st is not None else self.default_table_style

    def build(self, p: Any, index: int) -> Para:
        cell = table = top_table = None
        in_textbox = False
        for anc in _ancestors(p):
            if anc.tag == w("txbxContent"):
                in_textbox = True
                break
            if anc.tag == w("tc") and cell is None:
                cell = anc
            elif anc.tag == w("tbl"):
                table = table if table is not None else anc
                top_table = anc
        tstyle = self._table_style(table)
        row, col, cell_border = self._cell_position(cell)
        runs: list[Run] = []
        fields: list[str] = []
        seen_text = False
        break_before = break_after = False
        for fld in p.iter(w("fldSimple")):
            fields.append(wattr(fld, "instr") or "")
        for r in _own_runs(p):
            props = self.resolver.run_props(r, p, tstyle)
            if props.hidden:  # hidden text is neither printed nor judged
                continue
            text, ref, has_field = [], None, False
            for kind, value in _run_content(r):
                if kind == "text":
                    text.append(value)
                    if value.strip():
                        seen_text = True
                        break_after = False
                elif kind == "page":
                    if not seen_text:
                        break_before = True
                    break_after = True
                elif kind == "footnote":
                    ref = value
                    seen_text = True
                    break_after = False
                elif kind == "instr":
                    fields.append(value)
                    has_field = True
            if r.find(w("fldChar")) is not None or any(a.tag == w("fldSimple") for a in _ancestors(r)):
                has_field = True
            # NFC per run: documents typed with decomposed accents still match the regexes
            runs.append(Run(unicodedata.normalize("NFC", "".join(text)), props, ref, has_field))
        ppr = p.find(w("pPr"))
        sect = ppr.find(w("sectPr")) if ppr is not None else None
        stype = None
        if sect is not None:
            t = sect.find(w("type"))
            stype = wattr(t, "val") if t is not None else "nextPage"
        return Para(
            index=index,
            element=p,
            runs=runs,
            props=self.resolver.para_props(p, tstyle),
            cell=cell,
            table=table,
            top_table=top_table,
            in_textbox=in_textbox,
            ends_section=sect is not None,
            section_type=stype,
            break_before_text=break_before,
            break_after_text=break_after,
            drawn_line=_has_drawn_line(p),
            fields=fields,
            row=row,
            col=col,
            cell_border_bottom=cell_border,
        )

    def story(self, root: Any, start: int = 0) -> list[Para]:
        """All paragraphs under ``root`` in document order."""
        out: list[Para] = []
        for p in root.iter(w("p")):
            if any(anc.tag in _SKIP_ANCESTORS for anc in _ancestors(p)):
                continue
            out.append(self.build(p, start + len(out)))
        return out


def _part_xml(part: Any) -> Any:
    element = getattr(part, "element", None)
    if element is not None:
        return element
    return etree.fromstring(part.blob)


def _related(part: Any, reltype: str) -> Any:
    for rel in part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            return rel.target_part
    return None


def _section_info(sect: Any, doc_part: Any, builder: _ParaBuilder) -> SectionInfo:
    size = sect.find(w("pgSz"))
    mar = sect.find(w("pgMar"))
    margins: dict[str, float | None] = {}
    for side in ("top", "bottom", "left", "right"):
        mm = twips_to_mm(wattr(mar, side))
        margins[side] = abs(mm) if mm is not None else None
    headers: dict[str, list[Para]] = {}
    for ref in sect.iterfind(w("headerReference")):
        rid = ref.get(f"{{{R_NS}}}id")
        part = doc_part.related_parts.get(rid) if rid else None
        if part is not None:
            headers[wattr(ref, "type") or "default"] = builder.story(_part_xml(part), start=-1)
    t = sect.find(w("type"))
    return SectionInfo(
        element=sect,
        width_mm=twips_to_mm(wattr(size, "w")),
        height_mm=twips_to_mm(wattr(size, "h")),
        margins_mm=margins,
        title_pg=bool(_on(sect.find(w("titlePg")))),
        headers=headers,
        break_type=wattr(t, "val") if t is not None else "nextPage",
    )


def open_docx(path: Path) -> Any:
    """Open ``path`` with python-docx; a file that is not a readable .docx is an input error."""
    if not Path(path).is_file():
        raise InputError([Problem(_("không tìm thấy tệp"), str(path))])
    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise InputError([Problem(_("không đọc được tệp Word (.docx): {error}", error=exc), str(path))]) from exc


def read_docx(path: Path) -> DocInfo:
    """Open a Word file and collect paragraphs, sections, headers and footnotes."""
    document = open_docx(path)
    doc_part = document.part
    theme_part = _related(doc_part, RT.THEME)
    resolver = StyleResolver(document.styles.element, _part_xml(theme_part) if theme_part is not None else None)
    builder = _ParaBuilder(resolver)
    body = document.element.body
    paragraphs = builder.story(body)
    section = 0
    refs: list[tuple[str, int]] = []
    sect_elements = []
    for para in paragraphs:
        para.section = section
        for run in para.runs:
            if run.footnote_ref is not None:
                refs.append((run.footnote_ref, para.index))
        if para.ends_section and para.cell is None and not para.in_textbox:
            sect_elements.append(para.element.find(f"{w('pPr')}/{w('sectPr')}"))
            section += 1
    final = body.find(w("sectPr"))
    if final is not None:
        sect_elements.append(final)
    sections = [_section_info(s, doc_part, builder) for s in sect_elements]
    footnotes: dict[str, list[Para]] | None = None
    fn_part = _related(doc_part, RT.FOOTNOTES)
    if fn_part is not None:
        footnotes = {}
        for fn in _part_xml(fn_part).iterfind(w("footnote")):
            if wattr(fn, "type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            footnotes[wattr(fn, "id") or ""] = builder.story(fn, start=-1)
    return DocInfo(paragraphs=paragraphs, sections=sections, footnote_refs=refs, footnotes=footnotes)
