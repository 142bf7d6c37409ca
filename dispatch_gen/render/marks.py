"""The controls around what the data decides, for one document (``render --khong-danh-dau``: none).

Runs printed from a ``{{ … }}`` (:class:`dispatch_gen.compute.marks.Mark`) become a run-level
control tagged with the value's key; an appendix table a block-level one ("phu_luc.1"), a table
of the body too ("bang_than.bang_don_vi", "bang_than.1"). The
values of one key are counted in the order they are written (body, appendices, footnotes), and
the controls numbered so, so two renders of the same data are byte-identical. The XML itself
is :mod:`dispatch_gen.wml.sdt`'s.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dispatch_gen.compute import marks as values
from dispatch_gen.wml import sdt

#: the title of a control of a value, and of an appendix table (in the document: Vietnamese)
VALUE_LABEL = "Số liệu"
TABLE_LABEL = "Bảng phụ lục"
#: the key of appendix ``n`` (1-based)
TABLE_KEY = "phu_luc."
#: a table in the body: "bang_than.bang_don_vi", "bang_than.<tên>" (``bang.<tên>``), "bang_than.1" (the
#: first pipe table); its occurrence tells apart one placed twice
BODY_TABLE_KEY = "bang_than."
BODY_TABLE_LABEL = "Bảng trong nội dung"
#: the keys of controls that hold a whole table
TABLE_KEYS = (TABLE_KEY, BODY_TABLE_KEY)
FIRST_ID = 0x2D6E0000
#: the custom property naming the unit a per-unit letter (``--moi-don-vi``) is addressed to
RECIPIENT_PROPERTY = "dispatch-gen:don_vi_nhan"


def table_key(index: int) -> str:
    return f"{TABLE_KEY}{index}"


@dataclass
class Marks:
    """Writes the controls of one document; ``enabled`` False writes none."""

    enabled: bool = True
    next_id: int = FIRST_ID
    #: how many values of each key were written so far
    seen: dict[str, int] = field(default_factory=dict)

    def _id(self) -> int:
        self.next_id += 1
        return self.next_id

    def value(self, key: str, runs_xml: str) -> str:
        """The runs of one printed value, in their control."""
        if not self.enabled or not runs_xml:
            return runs_xml
        self.seen[key] = n = self.seen.get(key, 0) + 1
        return sdt.inline_xml(key, n, VALUE_LABEL, runs_xml, self._id())

    def in_runs(self, root: Any) -> None:
        """The values marked in the runs under ``root`` (plain fields a template printed: the
        trích yếu, Kính gửi, Nơi nhận, the signature) in their controls; with ``enabled``
        False, only the marks taken out."""

        def pieces(content: list[tuple[str, str]]) -> list[tuple[str, str, Any]]:
            state = values.Counter()
            out: list[tuple[str, str, Any]] = []
            for kind, text in content:
                if kind == "t":
                    out += [("t", piece, mark) for piece, mark in values.split(text, state)]
                else:
                    out.append((kind, text, state.current))
            return out

        def wrap(mark: values.Mark, runs_xml: str) -> str:
            return self.value(mark.key, runs_xml)

        sdt.mark_runs(root, values.has_marks, pieces, wrap)

    def table_holder(self, index: int, tbl: Any) -> tuple[Any, Any] | None:
        """The block control for appendix ``index``'s table and the element to put the table in."""
        if not self.enabled:
            return None
        return sdt.block_holder(table_key(index), TABLE_LABEL, tbl, self._id())

    def body_table_holder(self, name: str, tbl: Any) -> tuple[Any, Any] | None:
        """The block control for a table of the body (key :data:`BODY_TABLE_KEY` + ``name``) and
        the element to put the table in; None without controls."""
        if not self.enabled:
            return None
        key = f"{BODY_TABLE_KEY}{name}"
        self.seen[key] = n = self.seen.get(key, 0) + 1
        return sdt.block_holder(key, BODY_TABLE_LABEL, tbl, self._id(), n)

    def table_bytes(self, index: int, table: bytes, text: str | None = None) -> bytes:
        """A table kept as bytes, in its block control; ``text``: its text, when known (:func:`sdt.block_bytes`)."""
        if not self.enabled:
            return table
        return sdt.block_bytes(table_key(index), TABLE_LABEL, table, self._id(), text)


NONE = Marks(enabled=False)
