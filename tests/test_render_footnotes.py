"""render/footnotes.py: footnote ids allocated in order of appearance, written into footnotes.xml."""

from __future__ import annotations

import docx
from docx.oxml.ns import qn

from dispatch_gen.compute.markup import Run
from dispatch_gen.render.footnotes import Footnotes, first_free_id
from dispatch_gen.wml import footnotes as wml_footnotes
from dispatch_gen.wml import ooxml


def runs_xml(runs: list[Run]) -> str:
    return "".join(ooxml.run_xml(r.text, r.bold, r.italic) for r in runs)


def test_ids_follow_the_order_of_reference_from_the_first_free_one():
    notes = Footnotes(first_id=3)
    assert notes.reference("ton_giao", [Run("Bình Chương")]) == 3
    assert notes.reference("nguon", [Run("Hướng dẫn 36")]) == 4
    assert notes.reference("ton_giao", [Run("lần hai")]) == 5  # each reference is a note of its own
    assert [i for i, _runs in notes.notes] == [3, 4, 5]
    assert notes.used == {"ton_giao", "nguon"}


def test_no_note_no_footnotes_part():
    document = docx.Document()
    Footnotes().write(document, 12, runs_xml)
    assert wml_footnotes.find_root(document) is None
    assert first_free_id(document) == 1


def test_notes_are_written_after_the_separators_and_read_back(tmp_path):
    document = docx.Document()
    notes = Footnotes()
    notes.reference("a", [Run("Đảng uỷ xã "), Run("Bình Chương", bold=True)])
    notes.reference("b", [Run("Ghi chú hai")])
    notes.write(document, 12, runs_xml)
    path = tmp_path / "cv.docx"
    document.save(str(path))
    root = wml_footnotes.find_root(docx.Document(str(path)))
    assert [n.get(qn("w:id")) for n in root] == ["-1", "0", "1", "2"]
    first = root[2]
    assert "".join(t.text for t in first.iter(qn("w:t"))) == " Đảng uỷ xã Bình Chương"
    sizes = {s.get(qn("w:val")) for s in first.iter(qn("w:sz"))}
    assert sizes == {"24"}  # 12 pt: the mark and the space (the text runs carry their own)
    assert first.find(f".//{qn('w:footnoteRef')}") is not None
    assert first_free_id(docx.Document(str(path))) == 3
