"""The big-table fast path (rows kept as bytes, spliced in as the package is saved) writes the
same document.xml as the normal path (rows built as elements), for the same rows.

``rows_as_text`` is the threshold: 0 forces the fast path even on a two-unit table, a large
number forces the normal path.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from dispatch_gen import pipeline
from dispatch_gen.output import save

from .conftest import EXAMPLE, EXAMPLES

SMALL = Path(__file__).parent / "bad" / "hop-le.yaml"  # two units
CASES = [SMALL, EXAMPLE, EXAMPLES / "quang-ngai-ubnd-cap-cccd-2024.yaml"]
NORMAL, FAST = 10**9, 0


def _document_xml(doc) -> bytes:
    with zipfile.ZipFile(io.BytesIO(save.document_bytes(doc))) as zf:
        return zf.read("word/document.xml")


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
@pytest.mark.parametrize("kind", ["dispatch", "appendix"])
def test_fast_path_writes_the_same_document_xml(path, kind):
    ld = pipeline.load(path)

    def build(rows_as_text: int):
        if kind == "dispatch":
            return pipeline.build_dispatch(ld, rows_as_text=rows_as_text)[0]
        return pipeline.build_appendices(ld, rows_as_text=rows_as_text)

    normal, fast = build(NORMAL), build(FAST)
    assert normal.tables_as_text == {}  # the normal path holds no table as text
    assert len(fast.tables_as_text) == len(ld.dispatch.appendices)  # the fast path was taken
    normal_xml, fast_xml = _document_xml(normal), _document_xml(fast)
    assert b"dispatch-gen-table" not in fast_xml  # every placeholder replaced
    assert fast_xml.count(b"<w:tbl>") == normal_xml.count(b"<w:tbl>") >= len(ld.dispatch.appendices)
    assert fast_xml == normal_xml


def test_the_small_table_has_its_rows_in_both_paths():
    ld = pipeline.load(SMALL)
    for rows_as_text in (NORMAL, FAST):
        xml = _document_xml(pipeline.build_appendices(ld, rows_as_text=rows_as_text)).decode()
        # the header, the group row of khoi "Xã", two units, the total row
        assert xml.count("<w:tr>") + xml.count("<w:tr ") == 5, rows_as_text
        assert "Đảng ủy xã Bình An" in xml and "Đảng ủy xã Bình Hòa" in xml and ">Xã<" in xml
