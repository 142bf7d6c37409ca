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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from dispatch_gen.check.docmodel import (
    _SKIP_ANCESTORS,
    A_NS,
    R_NS,
    V_NS,
    DocInfo,
    Faults,
    Para,
    ParaProps,
    Run,
    RunProps,
    SectionInfo,
    _on,
    measure,
    twips_to_mm,
    w,
    wattr,
)
from dispatch_gen.check.numbering import Numbering
from dispatch_gen.check.package import MAX_MAIN_PART, Package
from dispatch_gen.check.styles import StyleResolver
from dispatch_gen.i18n import _

__all__ = ["DocInfo", "Para", "ParaProps", "Run", "RunProps", "SectionInfo", "read_docx", "w", "wattr"]

MAX_PARAGRAPHS = 100_000  # in the body, headers and footnotes together
MAX_RUNS = 500_000
MAX_SPAN = 1000  # columns one cell may span (Word allows 63)
_TAG_P, _TAG_R, _TAG_TC, _TAG_TBL, _TAG_TXBX, _TAG_FLD = (
    w("p"),
    w("r"),
    w("tc"),
    w("tbl"),
    w("txbxContent"),
    w("fldSimple"),
)

_WALKED = (_TAG_P, _TAG_R, _TAG_TC, _TAG_TBL, _TAG_TXBX, _TAG_FLD, *_SKIP_ANCESTORS)


class TooLarge(Exception):
    """More paragraphs or runs than the checker reads (the reader turns it into a refusal)."""


@dataclass
class _Place:
    """Where one paragraph sits, found in the single walk over its story."""

    element: Any
    cell: Any
    table: Any
    top_table: Any
    in_textbox: bool
    runs: list[tuple[Any, bool]]  # (w:r, inside a simple field)
    fields: list[str]
    textbox: Any = None  # the text box's content element, when inside one


@dataclass
class _Frame:
    """Tables and cells open in one text flow (the story, or one text box inside it)."""

    cells: list[Any]
    tables: list[Any]
    box: Any = None  # the text box (its content element) this flow is, None for the story


class _Counter:
    def __init__(self) -> None:
        self.paragraphs = 0
        self.runs = 0


def _walk_story(root: Any, counter: _Counter) -> list[_Place]:
    """Every paragraph under ``root`` in document order, with its own runs, in one pass.

    One walk over the tree (never a search per paragraph or per run), so reading is linear
    in the size of the part however paragraphs, runs, cells and text boxes are nested.
    Deleted and moved-away text and compatibility fallbacks are passed over.
    """
    places: list[_Place] = []
    open_paras: list[tuple[_Place, list[int]]] = []  # each open paragraph and its open fldSimple count
    frames = [_Frame([], [])]
    skip = 0
    # only the tags this walk acts on: lxml passes over the others (rPr, t, …) in C
    for event, el in etree.iterwalk(root, events=("start", "end"), tag=_WALKED):
        tag = el.tag
        if skip:
            skip += 1 if event == "start" else -1
            continue
        if event == "start":
            if tag in _SKIP_ANCESTORS:
                skip = 1
            elif tag == _TAG_P:
                counter.paragraphs += 1
                if counter.paragraphs > MAX_PARAGRAPHS:
                    raise TooLarge
                frame = frames[-1]
                place = _Place(
                    el,
                    frame.cells[-1] if frame.cells else None,
                    frame.tables[-1] if frame.tables else None,
                    frame.tables[0] if frame.tables else None,
                    len(frames) > 1,
                    [],
                    [],
                    frame.box,
                )
                places.append(place)
                open_paras.append((place, [0]))
            elif tag == _TAG_R and open_paras:
                counter.runs += 1
                if counter.runs > MAX_RUNS:
                    raise TooLarge
                place, fld = open_paras[-1]
                place.runs.append((el, fld[0] > 0))
            elif tag == _TAG_FLD and open_paras:
                open_paras[-1][1][0] += 1
                open_paras[-1][0].fields.append(wattr(el, "instr") or "")
            elif tag == _TAG_TC:
                frames[-1].cells.append(el)
            elif tag == _TAG_TBL:
                frames[-1].tables.append(el)
            elif tag == _TAG_TXBX:
                frames.append(_Frame([], [], el))
        elif tag == _TAG_P:
            if open_paras:
                open_paras.pop()
        elif tag == _TAG_FLD:
            if open_paras:
                open_paras[-1][1][0] -= 1
        elif tag == _TAG_TC:
            if frames[-1].cells:
                frames[-1].cells.pop()
        elif tag == _TAG_TBL:
            if frames[-1].tables:
                frames[-1].tables.pop()
        elif tag == _TAG_TXBX and len(frames) > 1:
            frames.pop()
    return places


_TAG_T, _TAG_TAB, _TAG_PTAB, _TAG_BR, _TAG_CR, _TAG_NBH, _TAG_FNREF, _TAG_INSTR, _TAG_FLDCHAR = (
    w(t) for t in ("t", "tab", "ptab", "br", "cr", "noBreakHyphen", "footnoteReference", "instrText", "fldChar")
)


def _run_content(r: Any) -> list[tuple[str, str]]:
    """Visible content of a run as (kind, value) pairs: text, page break, footnote ref."""
    out: list[tuple[str, str]] = []
    for child in r:
        tag = child.tag
        if tag == _TAG_T:
            out.append(("text", child.text or ""))
        elif tag == _TAG_TAB or tag == _TAG_PTAB:
            out.append(("text", "\t"))
        elif tag == _TAG_BR:
            kind = wattr(child, "type")
            out.append(("page", "") if kind == "page" else ("text", "" if kind == "column" else "\n"))
        elif tag == _TAG_CR:
            out.append(("text", "\n"))
        elif tag == _TAG_NBH:
            out.append(("text", "-"))
        elif tag == _TAG_FNREF:
            out.append(("footnote", wattr(child, "id") or ""))
        elif tag == _TAG_INSTR:
            out.append(("instr", child.text or ""))
        elif tag == _TAG_FLDCHAR:
            out.append(("field", ""))
    return out


_DRAWN = (f"{{{A_NS}}}prstGeom", f"{{{V_NS}}}line", f"{{{V_NS}}}shape")


def _has_drawn_line(p: Any) -> bool:
    """True when the paragraph anchors a drawn line (DrawingML or VML): one walk for the three tags."""
    for el in p.iter(_DRAWN):
        tag = el.tag
        if tag == _DRAWN[1]:
            return True
        if tag == _DRAWN[0]:
            if el.get("prst") in ("line", "straightConnector1"):
                return True
        elif "_x0000_t32" in (el.get("type") or ""):
            return True
    return False


class _ParaBuilder:
    """Turn ``w:p`` elements of one story (body, header, footnote) into :class:`Para`."""

    def __init__(self, resolver: StyleResolver, faults: Faults, numbering: Numbering | None = None) -> None:
        self.resolver = resolver
        self.faults = faults
        self.numbering = numbering or Numbering(None, resolver)
        self.counter = _Counter()
        self.default_table_style = resolver.default.get("table")
        # keys keep the lxml proxies alive, so identity holds
        self._rows: dict[Any, int] = {}
        self._cells: dict[Any, tuple[int, int, str | None]] = {}
        self._table_styles: dict[Any, str | None] = {}

    def _span(self, tc: Any) -> int:
        span = tc.find(f"{w('tcPr')}/{w('gridSpan')}")
        raw = wattr(span, "val") if span is not None else None
        if raw is None:
            return 1
        value = measure(raw)
        if value is None or value < 1 or value != int(value):
            self.resolver.bad_value(span, _("số cột gộp của ô (w:gridSpan)"), raw, _(" (cần một số nguyên dương)"))
            return 1
        return min(int(value), MAX_SPAN)

    def _cell_position(self, tc: Any) -> tuple[int, int, str | None]:
        """Row index, grid column and bottom border style of a table cell (-1, -1, None if none).

        Computed once per row (every cell of it) and kept: never a search per paragraph.
        """
        if tc is None:
            return -1, -1, None
        if tc in self._cells:
            return self._cells[tc]
        tr = tc.getparent()
        if tr is not None and tr not in self._rows:  # index every row of the table once
            tbl = tr.getparent()
            if tbl is not None:
                self._rows.update((row, i) for i, row in enumerate(tbl.iterchildren(w("tr"))))
        row = self._rows.get(tr, -1)
        col = 0
        for cell in tr.iterchildren(w("tc")) if tr is not None else [tc]:
            bottom = cell.find(f"{w('tcPr')}/{w('tcBorders')}/{w('bottom')}")
            val = wattr(bottom, "val") if bottom is not None else None
            self._cells[cell] = (row, col, None if val in (None, "nil", "none") else val)
            col += self._span(cell)
        return self._cells.get(tc, (row, -1, None))

    def _table_style(self, tbl: Any) -> str | None:
        if tbl is None:
            return None
        if tbl not in self._table_styles:
            st = tbl.find(f"{w('tblPr')}/{w('tblStyle')}")
            self._table_styles[tbl] = wattr(st, "val") if st is not None else self.default_table_style
        return self._table_styles[tbl]

    def build(self, place: _Place, index: int) -> Para:
        p = place.element
        tstyle = self._table_style(place.table)
        row, col, cell_border = self._cell_position(place.cell)
        ppr, pstyle = self.resolver.paragraph_style(p)  # read once, handed to numbering and para_props
        runs: list[Run] = []
        fields = list(place.fields)
        seen_text = False
        break_before = break_after = False
        for r, in_field in place.runs:
            props = self.resolver.run_props(r, pstyle, tstyle)
            if props.hidden:  # hidden text is neither printed nor judged
                continue
            text, ref, has_field = [], None, in_field
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
                elif kind == "field":
                    has_field = True
            # NFC per run: documents typed with decomposed accents still match the regexes
            runs.append(Run(unicodedata.normalize("NFC", "".join(text)), props, ref, has_field))
        label = self.numbering.label(p, (ppr, pstyle))
        if label:  # Word's automatic number, as a person sees it, in the first run's formatting
            first = runs[0].props if runs else self.resolver.run_props(None, pstyle, tstyle)
            runs.insert(0, Run(label, first, numbering=True))
        sect = ppr.find(w("sectPr")) if ppr is not None else None
        stype = None
        if sect is not None:
            t = sect.find(w("type"))
            stype = wattr(t, "val") if t is not None else "nextPage"
        return Para(
            index=index,
            element=p,
            runs=runs,
            props=self.resolver.para_props(p, tstyle, (ppr, pstyle)),
            cell=place.cell,
            table=place.table,
            top_table=place.top_table,
            in_textbox=place.in_textbox,
            textbox=place.textbox,
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
        for place in _walk_story(root, self.counter):
            index = start + len(out)
            self.faults.order = index
            out.append(self.build(place, index))
        self.faults.order = -10.0
        return out


def _section_info(
    sect: Any, pkg: Package, targets: dict[str, str], builder: _ParaBuilder, stories: dict[str, list[Para]]
) -> SectionInfo:
    size = sect.find(w("pgSz"))
    mar = sect.find(w("pgMar"))
    resolver = builder.resolver
    margins: dict[str, float | None] = {}
    for side in ("top", "bottom", "left", "right"):
        twips = resolver.number(mar, side, _("lề trang (w:pgMar w:{side})", side=side)) if mar is not None else None
        margins[side] = abs(twips_to_mm(twips) or 0.0) if twips is not None else None
    headers: dict[str, list[Para]] = {}
    for ref in sect.iterfind(w("headerReference")):
        rid = ref.get(f"{{{R_NS}}}id")
        part = targets.get(rid or "")
        if part is None:
            continue
        if part not in stories:  # a header shared by many sections is read once
            stories[part] = builder.story(pkg.xml(part), start=-1)
        headers[wattr(ref, "type") or "default"] = stories[part]
    t = sect.find(w("type"))
    width = resolver.number(size, "w", _("khổ giấy (w:pgSz w:w)")) if size is not None else None
    height = resolver.number(size, "h", _("khổ giấy (w:pgSz w:h)")) if size is not None else None
    return SectionInfo(
        element=sect,
        width_mm=twips_to_mm(width),
        height_mm=twips_to_mm(height),
        margins_mm=margins,
        title_pg=bool(_on(sect.find(w("titlePg")))),
        headers=headers,
        break_type=wattr(t, "val") if t is not None else "nextPage",
    )


def read_docx(path: Path) -> DocInfo:
    """Open a Word file and collect paragraphs, sections, headers and footnotes.

    Only the main document, its styles, theme, footnotes and headers are read, each within
    the limits of :mod:`~dispatch_gen.check.package`; a file that cannot be read is an
    :class:`~dispatch_gen.errors.InputError` naming the file and part.
    """
    with Package(Path(path)) as pkg:
        main = pkg.main_part()
        root = pkg.xml(main, MAX_MAIN_PART)
        if root.tag != w("document"):
            name = etree.QName(root).localname if isinstance(root.tag, str) else "?"
            raise pkg.refuse(
                _("phần chính không phải văn bản Word (gốc là <{root}>, cần <w:document>)", root=name), main
            )
        body = root.find(w("body"))
        if body is None:
            raise pkg.refuse(_("văn bản không có phần thân (<w:body>)"), main)
        faults = Faults(pkg.names)
        faults.main = main

        def first(kind: str) -> Any:
            found = pkg.related(main, kind)
            return pkg.xml(found[0][1]) if found else None

        resolver = StyleResolver(first("styles"), first("theme"), faults)
        builder = _ParaBuilder(resolver, faults, Numbering(first("numbering"), resolver))
        targets = {rid: part for rid, part in pkg.related(main, "header")}
        try:
            doc = _read_stories(pkg, body, builder, targets, first)
        except TooLarge:
            raise pkg.refuse(
                _(
                    "văn bản có quá {paragraphs} đoạn hoặc {runs} run, quá giới hạn của lệnh check",
                    paragraphs=MAX_PARAGRAPHS,
                    runs=MAX_RUNS,
                ),
                main,
            ) from None
        doc.unreadable = faults.problems()
        return doc


def _read_stories(pkg: Package, body: Any, builder: _ParaBuilder, targets: dict[str, str], first: Any) -> DocInfo:
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
    stories: dict[str, list[Para]] = {}
    sections = [_section_info(s, pkg, targets, builder, stories) for s in sect_elements]
    footnotes: dict[str, list[Para]] | None = None
    notes = first("footnotes")
    if notes is not None:
        footnotes = {}
        for fn in notes.iterfind(w("footnote")):
            if wattr(fn, "type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            footnotes[wattr(fn, "id") or ""] = builder.story(fn, start=-1)
    return DocInfo(paragraphs=paragraphs, sections=sections, footnote_refs=refs, footnotes=footnotes)
