"""The appendix (phụ lục): the table of every unit's figures, from the same figures as the text.

The heading, title and "kèm theo" caption come from the appendix template (docxtpl); the
table is written here straight as WordprocessingML, because its columns are data and
because docxtpl's table machinery costs seconds on a 10,000-row table. The rendered
appendix becomes a section of its own (portrait or landscape) at the end of the dispatch,
or a document of its own for ``dispatch-gen appendix``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from docx.shared import Mm
from lxml import etree

from dispatch_gen import textwidth
from dispatch_gen.compute.figures import Figures, Unit
from dispatch_gen.compute.markup import Run, typed
from dispatch_gen.compute.markup import parse_inline as _parse_inline
from dispatch_gen.compute.rows import Cell as RowCell
from dispatch_gen.compute.rows import Row, columns_of, header_rows, lag_note, plans, table_rows, unit_note
from dispatch_gen.compute.tables import PipeTable
from dispatch_gen.errors import InputError, Problem
from dispatch_gen.i18n import _
from dispatch_gen.input import bulk
from dispatch_gen.input.model import AppendixSpec, Dispatch
from dispatch_gen.render import engine, geometry
from dispatch_gen.render.context import RawXml, appendix_heading, reference_line, runs_to_xml
from dispatch_gen.render.footnotes import Footnotes
from dispatch_gen.render.marks import NONE, Marks
from dispatch_gen.render.pipetable import pipe_table_xml
from dispatch_gen.wml import ooxml, package, sdt, table
from dispatch_gen.wml.paragraphs import TABLE_MARKER, Rule


@lru_cache(maxsize=4096)
def _parse_inline_cached(text: str) -> tuple[Run, ...]:
    return tuple(_parse_inline(text))


def parse_inline(text: str) -> list[Run]:
    """A unit's note as runs; cached, and nothing to parse for the many units without a note."""
    return list(_parse_inline_cached(text)) if text else []


@dataclass
class Cell:
    runs_xml: str
    align: str = "center"


#: the columns whose words are aligned left (numbers and short codes are centred)
LEFT = ("ten", "khoi", "ghi_chu", "trang_thai")
#: a cell's two margins (wml.table's tblCellMar) and a line's slack (geometry.SLACK_MM), in mm
CELL_PAD_MM = 2 * table.CELL_MARGIN * 25.4 / 1440 + geometry.SLACK_MM


class TableWriter:
    """Writes the appendix table of one :class:`AppendixSpec`."""

    def __init__(
        self,
        spec: AppendixSpec,
        fig: Figures,
        width_twips: int,
        size_pt: float,
        style: str | None,
        seq_title: str,
        notes: Footnotes,
        note_runs: dict[str, list[Run]],
        widths_mm: dict[str, float],
    ) -> None:
        """``widths_mm``: the profile's column widths by field ("so" for any figure column);
        the unit name ("ten") takes the width that is left."""
        self.spec, self.fig, self.notes, self.note_runs = spec, fig, notes, note_runs
        self.columns = columns_of(spec, seq_title)
        self.plans = plans(self.columns, fig.measures, fig.extras)
        self.aligns = [
            "left" if p.kind in LEFT or (p.words and p.kind not in ("tt", "hang")) else "center" for p in self.plans
        ]
        #: a unit's note (and its footnotes) is printed only in a "Ghi chú" column
        self.has_notes = any(c.source == "ghi_chu" for c in self.columns)
        self.style = style
        self.size = size_pt
        self.lag_note = lag_note(spec, fig)
        self.table_rows = table_rows(spec, fig, self.plans)
        #: the columns printing a unit's note
        self.note_columns = [i for i, p in enumerate(self.plans) if p.kind == "ghi_chu"]
        self.widths = self._widths(width_twips, widths_mm)
        self.cell = table.CellXml(style, size_pt)
        self.row_xml = table.RowXml(self.cell, self.widths, self.aligns)
        #: a note without footnotes, written once: (note, lagging) → its runs XML and its text
        self._notes_xml: dict[tuple[str, bool], tuple[str, str | None]] = {}
        self._printed: dict[int, str] = {}

    def _widths(self, width_twips: int, widths_mm: dict[str, float]) -> list[int]:
        """The columns' widths from their content (:func:`dispatch_gen.render.geometry.column_widths`):
        each column's widest cell and heading measured; a width the user gave (``rong``) is kept."""
        texts: list[set[tuple[str, bool]]] = [set() for _ in self.columns]
        # a number is as wide as any other of as many characters (every digit is 500/1000 em, the
        # dot and the comma 250): one of each length is printed and measured
        numbers: list[dict[tuple[Any, ...], RowCell]] = [{} for _ in self.columns]
        notes = self.note_columns
        noted: dict[tuple[str, bool], Unit] = {}
        measured: set[tuple[int, int, bool]] = set()  # (column, cell, bold) seen: the cells live in the rows
        for r in self.table_rows:
            bold = r.kind != "unit"
            for i, value in enumerate(r.cells):
                v = value.value
                if isinstance(v, str):
                    texts[i].add((v, bold))
                elif v is not None and (i, id(value), bold) not in measured:  # rows share a count's cell
                    measured.add((i, id(value), bold))
                    numbers[i].setdefault((len(str(v)), value.decimals, value.percent, value.grouped, bold), value)
            if r.unit is not None and notes:  # a unit's row: not bold; its note by (note, lagging)
                noted.setdefault((r.unit.note, r.unit.lagging), r.unit)
        for u in noted.values():
            note = "".join(x.text for x in unit_note(u, self.lag_note, parse_inline))
            for i in notes:
                texts[i].add((note, False))
        for i, found in enumerate(numbers):
            texts[i] |= {(value.text(), key[-1]) for key, value in found.items()}
        size = self.size

        def wide(items: set[tuple[str, bool]]) -> float:
            return max((textwidth.width_mm(t, size, b) for t, b in items), default=0.0)

        def word(items: set[tuple[str, bool]]) -> float:
            return wide({(w, b) for t, b in items for w in t.split()})

        def two_lines(text: str) -> float:  # a heading's widest line once broken in two, balanced
            words = text.split()
            splits = [(" ".join(words[:k]), " ".join(words[k:])) for k in range(1, len(words))]
            return min((max(wide({(a, True)}), wide({(b, True)})) for a, b in splits), default=wide({(text, True)}))

        needs = []
        for i, (col, align) in enumerate(zip(self.columns, self.aligns, strict=True)):
            head = {(col.title, True)}
            if col.width_mm:
                needs.append(geometry.ColumnNeed("fixed", float(col.width_mm)))
            elif col.source == "ten":
                needs.append(geometry.ColumnNeed("name", max(wide(texts[i]), word(head)) + CELL_PAD_MM))
            else:
                pref = float(widths_mm.get(col.source, widths_mm["so"]))
                cells = wide(texts[i]) + CELL_PAD_MM
                # the heading on one line as far as the profile's width allows; at least on two
                heading = min(wide(head), max(pref - CELL_PAD_MM, two_lines(col.title))) + CELL_PAD_MM
                squeezed = two_lines(col.title) + CELL_PAD_MM
                if align == "left":  # words: they may wrap, down to the longest
                    least = max(word(texts[i]) + CELL_PAD_MM, squeezed)
                    needs.append(geometry.ColumnNeed("text", max(cells, heading), least, pref))
                else:  # figures never wrap
                    needs.append(geometry.ColumnNeed("short", max(cells, heading), max(cells, squeezed)))
        mm = geometry.column_widths(needs, width_twips * 25.4 / 1440)
        out = [round(Mm(w).twips) for w in mm]
        names = [i for i, col in enumerate(self.columns) if col.source == "ten" and not col.width_mm]
        if names and sum(out) != width_twips and mm[names[-1]] > geometry.NAME_LEAST_MM:
            out[names[-1]] += width_twips - sum(out)  # twips rounding: the table as wide as the text
        return out

    def _run(self, text: str, bold: bool = False, italic: bool = False) -> str:
        return self.cell.run(text, bold, italic)

    def _row(self, cells: list[Cell], header: bool = False, keep_next: bool = False) -> str:
        return self.cell.row(((c.runs_xml, c.align) for c in cells), self.widths, header, keep_next)

    def _cells(self, r: Row, bold: bool, italic: bool, note_xml: str = "") -> list[Cell]:
        return [
            Cell(note_xml if p.kind == "ghi_chu" else self._run(c.text(), bold, italic), align)
            for p, c, align in zip(self.plans, r.cells, self.aligns, strict=True)
        ]

    def _note(self, u: Unit, bold: bool, italic: bool) -> tuple[str, str | None]:
        """A unit's note cell: its runs XML, and its text as the control's hash reads it (None: unknown)."""
        key = (u.note, u.lagging)  # bold and italic follow from lagging
        found = self._notes_xml.get(key)
        if found is not None:
            return found
        note_runs = unit_note(u, self.lag_note, parse_inline) if self.has_notes else []
        note_runs = [Run(r.text, r.bold or bold, r.italic or italic, r.note, r.br) for r in note_runs]
        for run in note_runs:
            if run.note and run.note not in self.note_runs:
                raise KeyError(run.note)
        # without the cell style, each run carries the table's size in its one rPr
        note_xml = runs_to_xml(note_runs, self.notes, self.note_runs, size_pt=None if self.style else self.size)
        found = (note_xml, sdt.runs_text(note_xml) if note_xml else "")
        if not any(run.note for run in note_runs):  # a footnote is numbered where it is referenced
            self._notes_xml[key] = found
        return found

    def _text(self, c: RowCell) -> str:
        """``c.text()``, made once for a cell the rows share (a count, a rate: compute/rows)."""
        v = c.value
        if type(v) is str:
            return v
        if v is None:
            return c.text()
        found = self._printed.get(id(c))  # the cells live as long as the writer's rows
        if found is None:
            found = self._printed[id(c)] = c.text()
        return found

    def _unit_row_text(self, r: Row, u: Unit) -> tuple[str, str | None]:
        """A unit's row and its text (cells by tabs), as :func:`sdt.rows_text` reads the row (None: unknown)."""
        style = self.spec.mark.style if u.lagging else "khong"
        bold, italic = style == "dam", style == "nghieng"
        note_xml, note_text = self._note(u, bold, italic)
        texts = [self._text(c) for c in r.cells]  # a number's text made once per shared cell
        if not self.note_columns:
            return self.row_xml.row(texts, bold, italic), "\t".join(texts)
        xml = self.row_xml.row(texts, bold, italic, dict.fromkeys(self.note_columns, note_xml))
        if note_text is None:
            return xml, None
        for i in self.note_columns:
            texts[i] = note_text
        return xml, "\t".join(texts)

    def header(self) -> Iterator[str]:
        """The header row, or two when columns share a ``nhom`` (its cell merged across them)."""
        for heads in header_rows(self.columns):
            cells = []
            col = 0
            for h in heads:
                width = sum(self.widths[col : col + h.span])
                cells.append(table.HeadCell(self._run(h.text, bold=True), width, h.span, h.vmerge))
                col += h.span
            yield self.cell.header_row(cells)

    def rows(self) -> Iterator[str]:
        """The rows, header first, one string each (a generator: a big table is never one string)."""
        for xml, _text in self.rows_with_text():
            yield xml

    def rows_with_text(self) -> Iterator[tuple[str, str | None]]:
        """The rows and, for a unit's, its text as the table's control reads it (``None``: to be read)."""
        for xml in self.header():
            yield xml, None
        for r in self.table_rows:
            if r.unit is not None:  # kind "unit"
                yield self._unit_row_text(r, r.unit)
            else:  # a group's row stays with its first unit (issue 18)
                yield self._row(self._cells(r, True, False), keep_next=r.kind == "group"), None

    def xml(self) -> str:
        return f"{self.head()}{''.join(self.rows())}{table.TABLE_END}"

    def head(self) -> str:
        """The table element with its properties and grid, before the rows."""
        return table.table_head(self.widths)


def _heading_rule(prof: dict[str, Any], landscape: bool) -> Rule | RawXml:
    """The short rule under the heading block (NĐ 30 Mẫu 2.1), centred on the page's text width."""
    length = prof["appendix"].get("rule_mm")
    if not length:
        return RawXml("")
    page = prof["page"]
    width = page["height_mm"] if landscape else page["width_mm"]
    return Rule(length, width - page["left_mm"] - page["right_mm"])


@dataclass
class Appendix:
    """One rendered appendix, whatever way it was rendered: what it lends to the dispatch.

    ``element``: its rendered document root (body and section); ``document``: the python-docx
    Document when its template was opened as one (``None`` for a body rendered from the cache);
    ``tables_as_text``: its big tables, still bytes, placeholder → table (spliced when saved).
    """

    element: Any
    document: Any | None = None
    tables_as_text: dict[bytes, bytes] = field(default_factory=dict)


@bulk.paused
def render_appendix(
    template: Path,
    d: Dispatch,
    prof: dict[str, Any],
    fig: Figures | None,
    spec: AppendixSpec,
    index: int,
    count: int,
    notes: Footnotes,
    note_runs: dict[str, list[Run]],
    body_only: bool = False,
    rows_as_text: int | None = None,
    marks: Marks = NONE,
    plain: PipeTable | None = None,
) -> Appendix:
    """Render one appendix (its section set to the chosen orientation).

    ``plain``: the table of a plain table appendix (``bang``, ``tep``: :mod:`dispatch_gen.render.pipetable`),
    printed instead of the units' figures (``fig``, then needed).

    ``body_only``: the appendix will only be attached to a dispatch, so its template is not
    opened as a Word package when its body is cached (:func:`engine.render_body`).
    ``rows_as_text``: a table of more units than this is kept as text until saved
    (default :data:`LAZY_TABLE_ROWS`). ``marks``: the table goes into a block control.
    """
    orientation = spec.orientation or ("ngang" if prof["appendix"]["orientation"] == "landscape" else "doc")
    ctx = {
        "pl": {
            "tieu_de": appendix_heading(prof, index, count),
            "ten": spec.title,
            "kem_theo": reference_line(d, prof),
            "gach_duoi": _heading_rule(prof, orientation == "ngang"),
        }
    }
    ctx = typed(ctx)  # what the user typed prints as typed, whatever docxtpl's clean-up does to tags
    if body_only:
        body = engine.render_body(template, ctx)
        ap = Appendix(body.element, body.document)
    else:
        doc = engine.render(engine.load(template), ctx, template)
        ap = Appendix(doc.element, doc)
    sectpr = ooxml.body_sectpr(ap)
    ooxml.set_orientation(sectpr, orientation == "ngang")
    if prof["appendix"].get("restart_page_numbers"):
        ooxml.restart_page_numbers(sectpr)
    if prof["appendix"].get("first_page_number") is False:
        ooxml.set_title_page(sectpr)
    body = ap.element.body
    marker = next(
        (p for p in body.iter(table.P) if "".join(t.text or "" for t in p.iter(table.T)).strip() == TABLE_MARKER),
        None,
    )
    if marker is None:
        raise InputError(
            [Problem(_("mẫu phụ lục thiếu đoạn “{marker}” đánh dấu chỗ đặt bảng", marker=TABLE_MARKER), str(template))]
        )
    if plain is not None:
        xml = pipe_table_xml(
            plain, prof["body_table"], prof["appendix"]["table_size"], ooxml.text_width_twips(sectpr), notes, note_runs
        )
        _graft(ooxml.parse_fragment(xml)[0], lambda el: marker.getparent().replace(marker, el))
        return ap
    assert fig is not None, "pipeline.load refuses an appendix of the units' figures without so_lieu"
    writer = TableWriter(
        spec,
        fig,
        ooxml.text_width_twips(sectpr),
        prof["appendix"]["table_size"],
        _style_id(template, ap, "table cell"),
        prof["appendix"]["seq_title"],
        notes,
        note_runs,
        prof["appendix"]["column_widths_mm"],
    )
    limit = LAZY_TABLE_ROWS if rows_as_text is None else rows_as_text
    if len(fig.units) > limit:  # kept as XML text until saved (wml.package.WordDocument)
        comment, mark = package.placeholder()
        marker.getparent().replace(marker, comment)
        ap.tables_as_text[mark] = marks.table_bytes(index, *_table_bytes(writer))
    else:
        tbl = ooxml.parse_fragment(writer.xml())[0]
        holder = marks.table_holder(index, tbl)
        if holder is not None:
            marker.getparent().replace(marker, holder[0])
            _graft(tbl, holder[1].append)
        else:
            _graft(tbl, lambda el: marker.getparent().replace(marker, el))
    return ap


#: A table of more units than this is not built as an lxml tree: 10,000 rows would take 170 MB.
LAZY_TABLE_ROWS = 1000
_CHUNK_ROWS = 256


def _canonical(xml: str) -> bytes:
    """Body-level ``xml`` as lxml writes it inside a Word document: parsed, then serialised.

    The bytes are those python-docx would write for the same elements in the document body
    (same parser as :func:`ooxml.parse_fragment`, same serialiser, ``w`` declared above).
    """
    return table.canonical(xml)


def _rows_bytes(xml: str) -> bytes:
    """Rows from :class:`TableWriter` as lxml would write them, without parsing them when possible.

    The writer's XML is already in lxml's form (text escaped as lxml escapes it, attributes in
    order, no empty element), except for a carriage return, which XML reads as a line feed, or
    an empty run from a note; those chunks go through :func:`_canonical`. Tested equal to it
    on random unit names and notes (tests/test_batch.py).
    """
    if not _as_written(xml):
        return _canonical(xml)
    return xml.encode("utf-8")


def _as_written(xml: str) -> bool:
    """Whether :func:`_rows_bytes` keeps ``xml`` as the writer wrote it."""
    return "\r" not in xml and table.EMPTY_RUN not in xml


def _table_bytes(writer: TableWriter) -> tuple[bytes, str]:
    """The table's final XML, made a few hundred rows at a time, and its text for its control.

    The text is :func:`sdt.rows_text` of the rows: a unit row's as its writer knows it, in rows
    kept as written; read from the bytes for the others (the header, a group's or the total's
    row, rows lxml rewrote). Tested equal to reading the whole table (tests/test_big_sheet.py).
    """
    end = table.TABLE_END.encode()
    head = _canonical(writer.head() + table.TABLE_END)
    pieces = [head[: -len(end)]]
    texts: list[str] = []
    chunk: list[tuple[str, str | None]] = []

    def flush() -> None:
        xml = "".join(x for x, _t in chunk)
        data = _rows_bytes(xml)
        pieces.append(data)
        if _as_written(xml):
            texts.extend(sdt.rows_text(x.encode("utf-8")) if t is None else t for x, t in chunk)
        else:
            texts.append(sdt.rows_text(data))
        chunk.clear()

    for row in writer.rows_with_text():
        chunk.append(row)
        if len(chunk) == _CHUNK_ROWS:
            flush()
    if chunk:
        flush()
    pieces.append(end)
    return b"".join(pieces), "\n".join(texts)


_STYLE_IDS: dict[tuple[str, str], str | None] = {}


def _style_id(template: Path, ap: Appendix, name: str) -> str | None:
    """The style id for ``name`` in the template, looked up once per template content."""
    sha1 = engine.template_sha1(template)
    key = (sha1, name)
    if key not in _STYLE_IDS:
        doc = ap.document if ap.document is not None else engine.load(template).docx  # a body alone: read once
        _STYLE_IDS[key] = ooxml.style_id(doc, name)
    return _STYLE_IDS[key]


def _shell(el: Any) -> Any:
    """An empty copy of ``el`` declaring only its own namespace (redundant, so dropped when placed)."""
    return etree.Element(el.tag, dict(el.attrib), nsmap={el.prefix: etree.QName(el).namespace})


def _graft(el: Any, insert: Callable[[Any], None]) -> None:
    """Put ``el``, parsed in another lxml document, in place with ``insert``; a table row by row.

    lxml takes time growing with the square of a subtree's size to move it between documents
    (a 10,000-row table took minutes); an empty copy of the table moves at once, then each
    row (a small subtree) is moved into it, in linear time. The XML is the same.
    """
    if el.tag != table.TBL:
        insert(el)
        return
    shell = _shell(el)
    insert(shell)
    for child in list(el):
        shell.append(child)


def as_document(ap: Appendix) -> package.WordDocument:
    """The appendix as a document of its own (``dispatch-gen appendix``): rendered with ``body_only=False``."""
    assert ap.document is not None, "a document of its own is rendered with body_only=False"
    doc = package.WordDocument(ap.document)
    doc.tables_as_text.update(ap.tables_as_text)
    return doc


def attach(main: package.WordDocument, ap: Appendix) -> None:
    """Append an appendix to ``main`` as a new section starting on a new page."""
    body = ap.element.body
    content, tables = [], []
    for el in body:
        if el.tag == table.SECTPR:
            continue
        if el.tag == table.TBL:  # moved row by row, see _graft
            shell = _shell(el)
            tables.append((shell, el))
            el = shell
        elif el.tag == sdt.SDT:  # a table in its control: the same
            el, pairs = sdt.shell_for_move(el)
            tables += pairs
        content.append(el)
    ooxml.append_section(main, content, ooxml.body_sectpr(ap))
    for shell, el in tables:
        for child in list(el):
            shell.append(child)
    main.tables_as_text.update(ap.tables_as_text)
    ap.tables_as_text.clear()
