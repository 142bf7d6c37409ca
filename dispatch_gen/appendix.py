"""The appendix (phụ lục): the table of every unit's figures, from the same figures as the text.

The heading, title and "kèm theo" caption come from the appendix template (docxtpl); the
table is written here straight as WordprocessingML, because its columns are data and
because docxtpl's table machinery costs seconds on a 10,000-row table. The rendered
appendix becomes a section of its own (portrait or landscape) at the end of the dispatch,
or a document of its own for ``dispatch-gen appendix``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from docx.oxml.ns import qn
from docx.shared import Mm

from . import engine, ooxml, vn
from .build_templates import TABLE_MARKER, rule_xml
from .context import RawXml, appendix_heading, reference_line, runs_to_xml
from .errors import InputError, Problem
from .figures import Figures, Tally, Unit, rate
from .footnotes import Footnotes
from .i18n import _
from .markup import Run, parse_inline
from .model import AppendixSpec, Column, Dispatch

DEFAULT_COLUMNS = [
    Column(source="tt", title="TT"),
    Column(source="ten", title="Đơn vị"),
    Column(source="chi_tieu", title="Chỉ tiêu"),
    Column(source="dat", title="Đạt"),
    Column(source="ty_le", title="Tỷ lệ (%)"),
    Column(source="ghi_chu", title="Ghi chú"),
]
WIDTHS_MM = {"tt": 12, "ten": None, "khoi": 35, "ty_le": 18, "hang": 14, "ghi_chu": 32}
NUMBER_WIDTH_MM = 20
BASE_FIELDS = {"tt", "ten", "khoi", "chi_tieu", "dat", "ty_le", "hang", "ghi_chu"}


@dataclass
class Cell:
    runs_xml: str
    align: str = "center"


@dataclass
class Row:
    """One row of an appendix table, before it is written as Word or Excel."""

    kind: str  # "group", "unit" or "total"
    seq: str
    label: str
    tally: Tally
    measures: dict[str, Tally]
    unit: Unit | None = None


def columns_of(spec: AppendixSpec, seq_title: str) -> list[Column]:
    return spec.columns or [
        Column(source=c.source, title=seq_title if c.source == "tt" else c.title) for c in DEFAULT_COLUMNS
    ]


def table_rows(spec: AppendixSpec, fig: Figures) -> list[Row]:
    """Group rows with subtotals, unit rows, and the total row, in print order."""
    rows: list[Row] = []
    seq = 0
    groups = fig.groups if spec.group_by else [None]
    for gi, g in enumerate(groups, 1):
        units = g.units if g is not None else fig.units
        if g is not None and (g.name or len(groups) > 1):
            gm = {
                k: Tally(
                    q := sum(u.measures[k].quota for u in g.units if k in u.measures),
                    a := sum(u.measures[k].achieved for u in g.units if k in u.measures),
                    rate(a, q, fig.rounding),
                )
                for k in fig.measures
            }
            rows.append(Row("group", vn.roman(gi), g.name or "—", g.tally, gm))
        for u in units:
            seq += 1
            rows.append(Row("unit", str(seq), u.name, u.tally, u.measures, u))
    rows.append(Row("total", "", spec.total_label, fig.total, {k: m.tally for k, m in fig.measures.items()}))
    return rows


def check_columns(spec: AppendixSpec, fig: Figures, path: str, src: Any) -> list[Problem]:
    problems = []
    for i, col in enumerate(spec.columns or []):
        f = col.source
        if f in BASE_FIELDS:
            continue
        key, _dot, attr = f.partition(".")
        if key not in fig.measures or attr not in ("chi_tieu", "dat", "ty_le"):
            problems.append(
                src.problem(
                    f"{path}.cot[{i}].truong",
                    _(
                        "không rõ cột “{field}”; dùng tt, ten, khoi, chi_tieu, dat, ty_le, hang, ghi_chu hoặc "
                        "<chỉ số phụ>.chi_tieu / .dat / .ty_le",
                        field=f,
                    ),
                )
            )
    return problems


def _tally_value(t: Tally, attr: str, decimals: int) -> str:
    if attr == "chi_tieu":
        return vn.format_number(t.quota)
    if attr == "dat":
        return vn.format_number(t.achieved)
    return vn.format_number(t.rate, decimals) if t.rate is not None else "-"


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
    ) -> None:
        self.spec, self.fig, self.notes, self.note_runs = spec, fig, notes, note_runs
        self.columns = columns_of(spec, seq_title)
        self.style = style
        self.size = size_pt
        self.decimals = fig.rounding.decimals
        fixed = [
            Mm(float(c.width_mm)).twips
            if c.width_mm
            else (
                Mm(WIDTHS_MM[c.source]).twips
                if WIDTHS_MM.get(c.source)
                else (None if c.source == "ten" else Mm(NUMBER_WIDTH_MM).twips)
            )
            for c in self.columns
        ]
        free = max(width_twips - sum(w for w in fixed if w), Mm(30).twips)
        flexible = [i for i, w in enumerate(fixed) if w is None]
        self.widths = [w if w is not None else free // max(len(flexible), 1) for w in fixed]
        sz = int(size_pt * 2)
        self._sz = f'<w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/>'
        pstyle = f'<w:pStyle w:val="{style}"/>' if style else ""
        self._ppr = {a: f'<w:pPr>{pstyle}<w:jc w:val="{a}"/></w:pPr>' for a in ("center", "left", "right")}
        threshold = fig.lag_threshold
        self.lag_note = spec.mark.note.replace(
            "{nguong}", vn.format_number(threshold, 0) if threshold is not None else ""
        )

    def _run(self, text: str, bold: bool = False, italic: bool = False) -> str:
        props = ("<w:b/><w:bCs/>" if bold else "") + ("<w:i/><w:iCs/>" if italic else "")
        if not self.style:
            props += self._sz
        rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
        return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""

    def _row(self, cells: list[Cell], header: bool = False) -> str:
        trpr = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if header else "<w:trPr><w:cantSplit/></w:trPr>"
        tcs = "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
            f"<w:p>{self._ppr[c.align]}{c.runs_xml}</w:p></w:tc>"
            for c, w in zip(cells, self.widths, strict=True)
        )
        return f"<w:tr>{trpr}{tcs}</w:tr>"

    def _tally_cells(
        self,
        seq: str,
        label: str,
        t: Tally,
        measures: dict[str, Tally],
        bold: bool,
        italic: bool,
        note_xml: str = "",
        unit: Unit | None = None,
    ) -> list[Cell]:
        cells = []
        for c in self.columns:
            f = c.source
            if f == "tt":
                cells.append(Cell(self._run(seq, bold, italic)))
            elif f == "ten":
                cells.append(Cell(self._run(label, bold, italic), "left"))
            elif f == "khoi":
                cells.append(Cell(self._run(unit.group if unit else "", bold, italic), "left"))
            elif f in ("chi_tieu", "dat", "ty_le"):
                cells.append(Cell(self._run(_tally_value(t, f, self.decimals), bold, italic)))
            elif f == "hang":
                cells.append(Cell(self._run(str(unit.rank) if unit and unit.rank else "", bold, italic)))
            elif f == "ghi_chu":
                cells.append(Cell(note_xml, "left"))
            else:
                key, _dot, attr = f.partition(".")
                mt = measures.get(key)
                cells.append(Cell(self._run(_tally_value(mt, attr, self.decimals) if mt else "", bold, italic)))
        return cells

    def _unit_row(self, seq: int, u: Unit) -> str:
        style = self.spec.mark.style if u.lagging else "khong"
        bold, italic = style == "dam", style == "nghieng"
        note_runs = parse_inline(u.note) if u.note else []
        if u.lagging and self.lag_note:
            if note_runs:
                note_runs = [*note_runs, Run("; ")]
            note_runs = [*note_runs, Run(self.lag_note)]
        note_runs = [Run(r.text, r.bold or bold, r.italic or italic, r.note, r.br) for r in note_runs]
        for r in note_runs:
            if r.note and r.note not in self.note_runs:
                raise KeyError(r.note)
        note_xml = runs_to_xml(note_runs, self.notes, self.note_runs)
        if not self.style:
            note_xml = note_xml.replace("<w:r>", f"<w:r><w:rPr>{self._sz}</w:rPr>", 1) if note_xml else ""
        return self._row(self._tally_cells(str(seq), u.name, u.tally, u.measures, bold, italic, note_xml, u))

    def xml(self) -> str:
        rows = [self._row([Cell(self._run(c.title, bold=True)) for c in self.columns], header=True)]
        for r in table_rows(self.spec, self.fig):
            if r.kind == "unit":
                rows.append(self._unit_row(int(r.seq), r.unit))
            else:
                rows.append(self._row(self._tally_cells(r.seq, r.label, r.tally, r.measures, True, False)))
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in self.widths)
        borders = "".join(
            f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
            for s in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        tblpr = (
            f'<w:tblPr><w:tblW w:w="{sum(self.widths)}" w:type="dxa"/><w:jc w:val="center"/>'
            f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
            '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
            "</w:tblPr>"
        )
        return f"<w:tbl>{tblpr}<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


def _heading_rule(prof: dict[str, Any], landscape: bool) -> RawXml:
    """The short rule under the heading block (NĐ 30 Mẫu 2.1), centred on the page's text width."""
    length = prof["appendix"].get("rule_mm")
    if not length:
        return RawXml("")
    page = prof["page"]
    width = page["height_mm"] if landscape else page["width_mm"]
    return RawXml(rule_xml(length, width - page["left_mm"] - page["right_mm"]))


def render_appendix(
    template: Path,
    d: Dispatch,
    prof: dict[str, Any],
    fig: Figures,
    spec: AppendixSpec,
    index: int,
    count: int,
    notes: Footnotes,
    note_runs: dict[str, list[Run]],
) -> Any:
    """Render one appendix as a document of its own (its section set to the chosen orientation)."""
    tpl = engine.load(template)
    orientation = spec.orientation or ("ngang" if prof["appendix"]["orientation"] == "landscape" else "doc")
    ctx = {
        "pl": {
            "tieu_de": appendix_heading(prof, index, count),
            "ten": spec.title,
            "kem_theo": reference_line(d, prof),
            "gach_duoi": _heading_rule(prof, orientation == "ngang"),
        }
    }
    doc = engine.render(tpl, ctx, template)
    sectpr = ooxml.body_sectpr(doc)
    ooxml.set_orientation(sectpr, orientation == "ngang")
    if prof["appendix"].get("restart_page_numbers"):
        ooxml.restart_page_numbers(sectpr)
    style = ooxml.style_id(doc, "table cell")
    writer = TableWriter(
        spec,
        fig,
        ooxml.text_width_twips(sectpr),
        prof["appendix"]["table_size"],
        style,
        prof["appendix"]["seq_title"],
        notes,
        note_runs,
    )
    table = ooxml.parse_fragment(writer.xml())[0]
    body = doc.element.body
    marker = next(
        (p for p in body.iter(qn("w:p")) if "".join(t.text or "" for t in p.iter(qn("w:t"))).strip() == TABLE_MARKER),
        None,
    )
    if marker is None:
        raise InputError(
            [Problem(_("mẫu phụ lục thiếu đoạn “{marker}” đánh dấu chỗ đặt bảng", marker=TABLE_MARKER), str(template))]
        )
    marker.getparent().replace(marker, table)
    return doc


def attach(main: Any, appendix_doc: Any) -> None:
    """Append an appendix document to ``main`` as a new section starting on a new page."""
    body = appendix_doc.element.body
    content = [el for el in body if el.tag != qn("w:sectPr")]
    ooxml.append_section(main, content, ooxml.body_sectpr(appendix_doc))
