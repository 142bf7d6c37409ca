"""Tables inside the body text: a pipe table the office typed, or the table of the units' figures.

The body's blocks (:mod:`dispatch_gen.compute.tables`) reach the template as paragraphs; a table
is printed there as a paragraph holding only a marker, and after rendering :meth:`BodyTables.place`
replaces each marker paragraph with its table, written as WordprocessingML by
:mod:`dispatch_gen.wml.table` (the same writer as the appendix). The profile's ``body_table``
gives the size, the header row's weight and repeat, and the alignment of numbers and texts.

A units table (``{{ bang_don_vi }}``, ``{{ bang.<tên> }}``) is the appendix's own table
(:class:`dispatch_gen.render.appendix.TableWriter` over :func:`dispatch_gen.compute.rows.table_rows`),
printed at the body's width: its numbers are the ones the appendix prints.
"""

from __future__ import annotations

import copy
from typing import Any

from docx.shared import Mm

from dispatch_gen.compute.figures import Figures
from dispatch_gen.compute.markup import Run
from dispatch_gen.compute.tables import Block, PipeTable, UnitsTable
from dispatch_gen.input.model import AppendixSpec, Dispatch
from dispatch_gen.render.appendix import TableWriter
from dispatch_gen.render.context import RawXml
from dispatch_gen.render.footnotes import Footnotes
from dispatch_gen.render.marks import NONE, Marks
from dispatch_gen.render.pipetable import pipe_table_xml
from dispatch_gen.wml import ooxml, sdt, table

#: the text of a marker paragraph: "⟦bang_than 0⟧", "⟦bang_than 1⟧" … (replaced after rendering)
_MARK = "⟦bang_than {n}⟧"


def units_spec(d: Dispatch, name: str) -> AppendixSpec:
    """The appendix spec a units table is written from: ``bang.<name>``, or the default columns for ``bang_don_vi``."""
    return d.tables[name].as_appendix() if name else AppendixSpec(title="")


def _is_table(el: Any) -> bool:
    """A table, or a control holding one."""
    return el is not None and (el.tag == table.TBL or el.find(f"{sdt.SDT_CONTENT}/{table.TBL}") is not None)


class BodyTables:
    """The tables of one dispatch's body: written while the template context is built, placed after."""

    def __init__(
        self,
        d: Dispatch,
        prof: dict[str, Any],
        fig: Figures | None,
        notes: Footnotes,
        note_runs: dict[str, list[Run]],
        marks: Marks = NONE,
    ) -> None:
        self.d, self.prof, self.fig, self.notes, self.note_runs = d, prof, fig, notes, note_runs
        self.marks = marks
        bt = prof["body_table"]
        self.rules = bt
        self.size: float = bt["size"] or prof["body"]["size"]
        page = prof["page"]
        self.width_mm: float = page["width_mm"] - page["left_mm"] - page["right_mm"]
        #: marker text → (the name of its control's key, the table's XML)
        self.tables: dict[str, tuple[str, str]] = {}
        self.pipe_count = 0

    def marker(self, block: Block) -> RawXml:
        """The run a table's paragraph holds in the template; its table is written now (footnotes in order)."""
        mark = _MARK.format(n=len(self.tables))
        if isinstance(block, PipeTable):
            self.pipe_count += 1
            self.tables[mark] = (str(self.pipe_count), self._pipe_xml(block))
        elif isinstance(block, UnitsTable):
            self.tables[mark] = (block.name or "bang_don_vi", self._units_xml(block))
        return RawXml(ooxml.run_xml(mark))

    def _pipe_xml(self, t: PipeTable) -> str:
        return pipe_table_xml(t, self.rules, self.size, int(Mm(self.width_mm).twips), self.notes, self.note_runs)

    # --- a table of the units' figures -----------------------------------------------------

    def _units_xml(self, place: UnitsTable) -> str:
        assert self.fig is not None, "compute/texts.py refuses a units table without figures"
        a = self.prof["appendix"]
        writer = TableWriter(
            units_spec(self.d, place.name),
            self.fig,
            int(Mm(self.width_mm).twips),
            self.size,
            None,
            a["seq_title"],
            self.notes,
            self.note_runs,
            a["column_widths_mm"],
        )
        return writer.xml()

    # --- after rendering -------------------------------------------------------------------

    def place(self, document: Any) -> None:
        """Replace each marker paragraph of the rendered ``document``'s body with its table, in its
        block control (``update`` refreshes it whole, like an appendix's table)."""
        if not self.tables:
            return
        body = document.element.body
        for p in list(body.iter(table.P)):
            text = "".join(t.text or "" for t in p.iter(table.T))
            found = self.tables.get(text)
            if found is None:
                continue
            name, xml = found
            tbl = ooxml.parse_fragment(xml)[0]
            holder = self.marks.body_table_holder(name, tbl)
            if holder is not None:
                holder[1].append(tbl)
            block = holder[0] if holder is not None else tbl
            before, after = p.getprevious(), p.getnext()
            # two tables never touch (Word would join them): an empty paragraph between
            if _is_table(before):
                table.clear_paragraph(p)
                p.addnext(block)
                if _is_table(after):
                    block.addnext(copy.deepcopy(p))
            elif _is_table(after):
                table.clear_paragraph(p)
                p.addprevious(block)
            else:
                p.addprevious(block)
                p.getparent().remove(p)
