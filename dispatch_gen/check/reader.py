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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from dispatch_gen.errors import InputError, Problem
from dispatch_gen.i18n import _

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
V_NS = "urn:schemas-microsoft-com:vml"

TWIPS_PER_MM = 1440 / 25.4
FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
_THEME_ATTR = {"ascii": "asciiTheme", "hAnsi": "hAnsiTheme", "eastAsia": "eastAsiaTheme", "cs": "cstheme"}
_FALSE = {"0", "false", "off", "none"}
_SKIP_ANCESTORS = {f"{{{W_NS}}}del", f"{{{W_NS}}}moveFrom", f"{{{MC_NS}}}Fallback"}


def w(tag: str) -> str:
    """Clark name of a WordprocessingML tag: ``w("p")`` → ``{ns}p``."""
    return f"{{{W_NS}}}{tag}"


def wattr(el: Any, name: str) -> str | None:
    """A ``w:``-namespaced attribute of ``el``, or None."""
    if el is None:
        return None
    return el.get(w(name))


def _on(el: Any) -> bool | None:
    """Value of a toggle property element (``<w:b/>``, ``<w:b w:val="0"/>``); None if absent."""
    if el is None:
        return None
    val = wattr(el, "val")
    return val is None or val.lower() not in _FALSE


def twips_to_mm(value: str | float | None) -> float | None:
    """Convert a twips value (as found in the XML) to millimetres."""
    if value is None:
        return None
    try:
        return float(value) / TWIPS_PER_MM
    except ValueError:
        return None


@dataclass(frozen=True)
class RunProps:
    """What Word shows for one run after the whole style chain is applied.

    ``fonts`` maps each rFonts slot (ascii, hAnsi, eastAsia, cs) to a font name, or None
    when no level names one. ``size`` is in points (Word's default, 10 pt, if unset).
    """

    fonts: tuple[tuple[str, str | None], ...]
    size: float
    bold: bool
    italic: bool
    underline: bool
    caps: bool
    superscript: bool
    hidden: bool = False

    def font(self, slot: str) -> str | None:
        """The font of one rFonts slot."""
        return dict(self.fonts).get(slot)


@dataclass(frozen=True)
class ParaProps:
    """Effective paragraph properties; lengths in mm, spacing in pt.

    ``line`` is the raw ``w:line`` value: pt when ``line_rule`` is exact/atLeast, a multiple
    of single spacing when it is auto. Borders hold the border style (``single``…) or None.
    """

    align: str | None
    first_line_mm: float
    left_mm: float
    space_before_pt: float
    space_after_pt: float
    line: float | None
    line_rule: str
    border_top: str | None
    border_bottom: str | None
    page_break_before: bool
    center_tab: bool


@dataclass
class Run:
    """One ``w:r`` with its visible text and effective formatting."""

    text: str
    props: RunProps
    footnote_ref: str | None = None
    has_field: bool = False


@dataclass
class Para:
    """One paragraph in document order, with where it sits (cell, table, text box)."""

    index: int
    element: Any
    runs: list[Run]
    props: ParaProps
    cell: Any = None
    table: Any = None
    top_table: Any = None
    in_textbox: bool = False
    section: int = 0
    ends_section: bool = False
    section_type: str | None = None
    break_before_text: bool = False
    break_after_text: bool = False
    drawn_line: bool = False
    fields: list[str] = field(default_factory=list)
    row: int = -1
    col: int = -1
    cell_border_bottom: str | None = None

    @property
    def text(self) -> str:
        """The paragraph's visible text (tabs as ``\\t``, line breaks as ``\\n``)."""
        return "".join(r.text for r in self.runs)

    def text_runs(self) -> list[Run]:
        """Runs that show something other than white space."""
        return [r for r in self.runs if r.text.strip()]

    def runs_in(self, start: int, end: int) -> list[Run]:
        """Non-blank runs overlapping the character span ``[start, end)`` of :attr:`text`."""
        out, pos = [], 0
        for run in self.runs:
            nxt = pos + len(run.text)
            if nxt > start and pos < end and run.text[max(start - pos, 0) : end - pos].strip():
                out.append(run)
            pos = nxt
        return out


@dataclass
class SectionInfo:
    """Page setup of one section; lengths in mm, None where the XML says nothing."""

    element: Any
    width_mm: float | None
    height_mm: float | None
    margins_mm: dict[str, float | None]
    title_pg: bool
    headers: dict[str, list[Para]]
    break_type: str | None


@dataclass
class DocInfo:
    """Everything the rules need from one Word file."""

    paragraphs: list[Para]
    sections: list[SectionInfo]
    footnote_refs: list[tuple[str, int]]
    footnotes: dict[str, list[Para]] | None
    extra_runs: list[tuple[int, Run]] = field(default_factory=list)


class StyleResolver:
    """Resolve effective run and paragraph properties through Word's style hierarchy."""

    def __init__(self, styles_el: Any, theme_el: Any = None) -> None:
        self.styles: dict[str, Any] = {}
        self.default: dict[str, str] = {}
        if styles_el is not None:
            for st in styles_el.iter(w("style")):
                sid = wattr(st, "styleId")
                if sid is None:
                    continue
                self.styles[sid] = st
                if _is_on(wattr(st, "default")):
                    self.default.setdefault(wattr(st, "type") or "", sid)
        defaults = styles_el.find(w("docDefaults")) if styles_el is not None else None
        self.default_rpr = defaults.find(f"{w('rPrDefault')}/{w('rPr')}") if defaults is not None else None
        self.default_ppr = defaults.find(f"{w('pPrDefault')}/{w('pPr')}") if defaults is not None else None
        self.theme_fonts = _theme_fonts(theme_el)
        self._chains: dict[tuple[str | None, str], list[Any]] = {}

    def _chain(self, style_id: str | None, kind: str) -> list[Any]:
        """Style elements from ``style_id`` up its basedOn chain (cycle-safe)."""
        key = (style_id, kind)
        if key in self._chains:
            return self._chains[key]
        out: list[Any] = []
        sid = style_id if style_id in self.styles else self.default.get(kind)
        seen: set[str] = set()
        while sid and sid not in seen and sid in self.styles:
            seen.add(sid)
            st = self.styles[sid]
            out.append(st)
            based = st.find(w("basedOn"))
            sid = wattr(based, "val") if based is not None else None
        self._chains[key] = out
        return out

    def _ppr_levels(self, p: Any, table_style: str | None) -> list[Any]:
        ppr = p.find(w("pPr"))
        levels = [ppr] if ppr is not None else []
        pstyle = ppr.find(w("pStyle")) if ppr is not None else None
        levels += [st.find(w("pPr")) for st in self._chain(wattr(pstyle, "val"), "paragraph")]
        if table_style is not None:
            levels += [st.find(w("pPr")) for st in self._chain(table_style, "table")]
        levels.append(self.default_ppr)
        return [lv for lv in levels if lv is not None]

    def _rpr_levels(self, r: Any, p: Any, table_style: str | None) -> list[Any]:
        rpr = r.find(w("rPr")) if r is not None else None
        levels = [rpr] if rpr is not None else []
        rstyle = rpr.find(w("rStyle")) if rpr is not None else None
        if rstyle is not None:
            levels += [st.find(w("rPr")) for st in self._chain(wattr(rstyle, "val"), "character")]
        ppr = p.find(w("pPr")) if p is not None else None
        pstyle = ppr.find(w("pStyle")) if ppr is not None else None
        levels += [st.find(w("rPr")) for st in self._chain(wattr(pstyle, "val"), "paragraph")]
        if table_style is not None:
            levels += [st.find(w("rPr")) for st in self._chain(table_style, "table")]
        levels.append(self.default_rpr)
        return [lv for lv in levels if lv is not None]

    def run_props(self, r: Any, p: Any, table_style: str | None = None) -> RunProps:
        """Effective formatting of run ``r`` in paragraph ``p``."""
        levels = self._rpr_levels(r, p, table_style)

        def first(tag: str) -> Any:
            for lv in levels:
                el = lv.find(w(tag))
                if el is not None:
                    return el
            return None

        fonts = []
        for slot in FONT_SLOTS:
            name = None
            for lv in levels:
                rf = lv.find(w("rFonts"))
                if rf is None:
                    continue
                theme = wattr(rf, _THEME_ATTR[slot])
                if theme is not None:
                    name = self.theme_fonts.get(theme) or None
                    break
                if wattr(rf, slot) is not None:
                    name = wattr(rf, slot)
                    break
            fonts.append((slot, name))
        sz = first("sz")
        try:
            size = float(wattr(sz, "val") or 20) / 2
        except ValueError:
            size = 10.0
        u = first("u")
        underline = u is not None and (wattr(u, "val") or "single").lower() not in _FALSE
        va = first("vertAlign")
        return RunProps(
            fonts=tuple(fonts),
            size=size,
            bold=bool(_on(first("b"))),
            italic=bool(_on(first("i"))),
            underline=underline,
            caps=bool(_on(first("caps"))),
            superscript=va is not None and wattr(va, "val") == "superscript",
            hidden=bool(_on(first("vanish"))),
        )

    def para_props(self, p: Any, table_style: str | None = None) -> ParaProps:
        """Effective properties of paragraph ``p`` (each attribute inherited on its own)."""
        levels = self._ppr_levels(p, table_style)

        def attr(tag: str, name: str) -> tuple[str | None, Any]:
            for lv in levels:
                el = lv.find(w(tag))
                if el is not None and wattr(el, name) is not None:
                    return wattr(el, name), el
            return None, None

        def border(side: str) -> str | None:
            for lv in levels:
                el = lv.find(f"{w('pBdr')}/{w(side)}")
                if el is not None:
                    val = wattr(el, "val")
                    return None if val in (None, "nil", "none") else val
            return None

        align = None
        for lv in levels:
            jc = lv.find(w("jc"))
            if jc is not None:
                align = wattr(jc, "val")
                break
        first_line = 0.0
        for lv in levels:
            ind = lv.find(w("ind"))
            if ind is None:
                continue
            if wattr(ind, "hanging") is not None:
                first_line = -(twips_to_mm(wattr(ind, "hanging")) or 0.0)
                break
            if wattr(ind, "firstLine") is not None:
                first_line = twips_to_mm(wattr(ind, "firstLine")) or 0.0
                break
        left_raw = attr("ind", "left")[0] or attr("ind", "start")[0]
        before, _ = attr("spacing", "before")
        after, _ = attr("spacing", "after")
        after_auto, _ = attr("spacing", "afterAutospacing")
        before_auto, _ = attr("spacing", "beforeAutospacing")
        line, line_el = attr("spacing", "line")
        rule = (wattr(line_el, "lineRule") or "auto") if line_el is not None else "auto"
        line_val: float | None = None
        if line is not None:
            try:
                line_val = float(line) / (240 if rule == "auto" else 20)
            except ValueError:
                line_val = None
        pbb = None
        for lv in levels:
            el = lv.find(w("pageBreakBefore"))
            if el is not None:
                pbb = _on(el)
                break
        center_tab = any(
            wattr(tab, "val") == "center" for lv in levels for tab in lv.iterfind(f"{w('tabs')}/{w('tab')}")
        )
        return ParaProps(
            align=align,
            first_line_mm=first_line,
            left_mm=twips_to_mm(left_raw) or 0.0,
            space_before_pt=14.0 if _is_on(before_auto) else _pt(before),
            space_after_pt=14.0 if _is_on(after_auto) else _pt(after),
            line=line_val,
            line_rule=rule,
            border_top=border("top"),
            border_bottom=border("bottom"),
            page_break_before=bool(pbb),
            center_tab=center_tab,
        )


def _is_on(val: str | None) -> bool:
    return val is not None and val.lower() not in _FALSE


def _pt(twips: str | None) -> float:
    try:
        return float(twips) / 20 if twips is not None else 0.0
    except ValueError:
        return 0.0


def _theme_fonts(theme_el: Any) -> dict[str, str]:
    """Map theme font references (``minorHAnsi``…) to the theme's typefaces."""
    out: dict[str, str] = {}
    if theme_el is None:
        return out
    for kind in ("major", "minor"):
        font = theme_el.find(f".//{{{A_NS}}}{kind}Font")
        if font is None:
            continue
        faces = {}
        for tag in ("latin", "ea", "cs"):
            el = font.find(f"{{{A_NS}}}{tag}")
            faces[tag] = el.get("typeface", "") if el is not None else ""
        for suffix, tag in (("HAnsi", "latin"), ("Ascii", "latin"), ("EastAsia", "ea"), ("Bidi", "cs")):
            out[kind + suffix] = faces[tag]
    return out


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
