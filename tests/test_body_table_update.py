"""Tables in the body are in block controls (issue 16): ``update`` refreshes them after new figures.

The body-table example is rendered, edited elsewhere with python-docx, then the CSV changes:
"Chi bộ thôn Bình Yên" 1 → 3 of 3 (so the YAML's declared total tong_dat 28 → 30). Expected,
worked out by hand: Thôn 19/26 = 73,08%; total 30/41 = 73,17%; Bình Yên 100,00% with no
"Chưa đạt" note; còn thiếu 13 → 11.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from lxml import etree

from dispatch_gen import cli, pipeline

from .conftest import EXAMPLES
from .docx_read import Document

YAML = "binh-son-xa-bao-cao-bang-trong-noi-dung-2026.yaml"
CSV = "binh-son-xa-don-vi-2026.csv"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
EDIT = "1. Kết quả chia theo từng khối"


def _table_controls(path: Path) -> list[str]:
    root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    return [
        sdt.find(f"{W}sdtPr/{W}tag").get(f"{W}val")
        for sdt in root.iter(f"{W}sdt")
        if sdt.find(f"{W}sdtContent/{W}tbl") is not None
    ]


def _texts(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def test_update_refreshes_the_tables_of_the_body(tmp_path, capsys):
    yaml_path = tmp_path / YAML
    yaml_path.write_text((EXAMPLES / YAML).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / CSV).write_text((EXAMPLES / CSV).read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "bao-cao.docx"
    assert pipeline.render_file(yaml_path, out) == []
    assert _table_controls(out) == ["bang_than.1", "bang_than.bang_don_vi", "bang_than.con_thieu"]

    edited = docx.Document(str(out))  # edited elsewhere
    [heading] = [p for p in edited.paragraphs if p.text == "1. Kết quả theo khối"]
    for r in heading.runs[1:]:
        r._r.getparent().remove(r._r)
    heading.runs[0].text = EDIT
    edited.save(str(out))

    csv = (tmp_path / CSV).read_text(encoding="utf-8")
    (tmp_path / CSV).write_text(csv.replace("Chi bộ thôn Bình Yên,3,1", "Chi bộ thôn Bình Yên,3,3"), encoding="utf-8")
    text = yaml_path.read_text(encoding="utf-8")
    yaml_path.write_text(text.replace("tong_dat: 28", "tong_dat: 30"), encoding="utf-8")
    assert cli.main(["update", str(out), "--from", str(yaml_path)]) == 0

    doc = Document(str(out))
    assert [p.text for p in doc.paragraphs if p.text.startswith("1. Kết quả")] == [EDIT]
    khoi, units, con_thieu = doc.tables[1:-1]
    assert _texts(khoi)[1] == ["Thôn", "26", "19", "73,08"]
    assert _texts(khoi)[-1] == ["Tổng cộng", "41", "30", "73,17"]
    rows = _texts(units)
    assert rows[1] == ["I", "Thôn", "26", "19", "73,08", ""]
    assert rows[5] == ["4", "Chi bộ thôn Bình Yên", "3", "3", "100,00", ""]
    assert rows[-1] == ["", "Tổng cộng", "41", "30", "73,17", ""]
    rows = _texts(con_thieu)
    assert rows[4] == ["4", "Chi bộ thôn Bình Yên", "3", "3", "0"]
    assert rows[-1] == ["", "Tổng cộng", "41", "30", "11"]
    assert _table_controls(out) == ["bang_than.1", "bang_than.bang_don_vi", "bang_than.con_thieu"]
    assert cli.main(["check", str(out)]) == cli.EXIT_OK
