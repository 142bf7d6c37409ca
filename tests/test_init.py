"""``dispatch-gen init``: a folder a newcomer can render at once, and what it holds."""

from __future__ import annotations

import csv
import json
import zipfile

import jsonschema
import pytest
import yaml
from openpyxl import load_workbook

from dispatch_gen import cli, scaffold
from dispatch_gen.i18n import set_language
from dispatch_gen.input import schema, sheets

from .conftest import EXAMPLES
from .docx_read import Document
from .test_schema import load_as_editor

EXAMPLE_CSV = EXAMPLES / "binh-son-xa-don-vi-2026.csv"
EXAMPLE_2026 = EXAMPLES / "binh-son-xa-ket-nap-dang-vien-2026.yaml"


@pytest.fixture
def folder(tmp_path, capsys):
    target = tmp_path / "cong-van-moi"
    assert cli.main(["init", str(target)]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert f"dispatch-gen render {target / 'cong-van.yaml'} --pdf" in out
    return target


def test_init_then_render_gives_the_example_dispatch(folder, tmp_path, capsys):
    """What init writes renders at once, to the very document the 2026 example renders to."""
    assert sorted(p.name for p in folder.iterdir()) == sorted(scaffold.files())
    out = folder / "cong-van.docx"
    assert cli.main(["render", str(folder / "cong-van.yaml")]) == cli.EXIT_OK
    assert capsys.readouterr().err == ""  # not even a warning
    rendered = tmp_path / "example.docx"
    assert cli.main(["render", str(EXAMPLE_2026), "-o", str(rendered)]) == cli.EXIT_OK
    made, example = zipfile.ZipFile(out), zipfile.ZipFile(rendered)
    for part in ("word/document.xml", "word/footnotes.xml"):
        assert made.read(part) == example.read(part), part
    doc = Document(str(out))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "KẾT QUẢ KẾT NẠP ĐẢNG VIÊN 11 THÁNG NĂM 2026" in text
    assert any("ĐẢNG ỦY XÃ BÌNH SƠN" in c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert any("Trần Văn Minh" in c.text for t in doc.tables for r in t.rows for c in r.cells)


def test_init_writes_the_2026_example_keys_and_values():
    """The folder's YAML is the 2026 example, its figures read from the workbook instead of the CSV."""
    mine = yaml.safe_load(scaffold.EXAMPLE_YAML)
    example = yaml.safe_load(EXAMPLE_2026.read_text(encoding="utf-8"))
    assert example["so_lieu"].pop("tep") == "binh-son-xa-don-vi-2026.csv"
    assert mine["so_lieu"].pop("tep") == scaffold.SHEET_NAME
    # the stated totals are there to uncomment, not read: the first figure edited would contradict them
    totals = {k: example["so_lieu"].pop(k) for k in ("tong_chi_tieu", "tong_dat")}
    assert totals == {"tong_chi_tieu": 41, "tong_dat": 28}
    assert "  # tong_chi_tieu: 41 " in scaffold.EXAMPLE_YAML and "  # tong_dat: 28 " in scaffold.EXAMPLE_YAML
    assert mine == example
    assert mine["nam"] == 2026 and mine["co_quan"]["ten"] == "ĐẢNG ỦY XÃ BÌNH SƠN"


def test_editing_one_figure_in_the_new_folder_still_renders(folder, capsys):
    """A newcomer's first edit (one unit's figure) must not trip a total written in the example."""
    from openpyxl import load_workbook as open_book

    wb = open_book(folder / scaffold.SHEET_NAME)
    ws = wb.worksheets[0]
    assert ws["C2"].value == "Chi bộ thôn An Điềm" and ws["E2"].value == 3
    ws["E2"] = 1  # Đã kết nạp: 3 → 1
    wb.save(folder / scaffold.SHEET_NAME)
    out = folder / "cong-van.docx"
    assert cli.main(["render", str(folder / "cong-van.yaml")]) == cli.EXIT_OK, capsys.readouterr().err
    assert "26/41" in "\n".join(p.text for p in Document(str(out)).paragraphs)


def test_check_passes_in_the_new_folder(folder, capsys):
    assert cli.main(["check", str(folder / "cong-van.yaml")]) == cli.EXIT_OK
    assert "không thấy lỗi" in capsys.readouterr().out


def test_workbook_has_the_office_titles_and_the_example_figures(folder):
    wb = load_workbook(folder / scaffold.SHEET_NAME)
    ws = wb.worksheets[0]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    assert tuple(rows[0]) == scaffold.COLUMNS
    # every title is one the reader knows (the measure pair through so_lieu.chi_so_phu)
    titles = {sheets._norm(t) for t in rows[0]}
    assert titles - set(sheets.BASE_COLUMNS) == {"chỉ tiêu tôn giáo", "đã kết nạp tôn giáo"}
    with EXAMPLE_CSV.open(encoding="utf-8") as fh:
        expected = list(csv.reader(fh))[1:]
    assert [["" if c is None else str(c) for c in r] for r in rows[1:]] == expected


def test_yaml_is_commented_and_points_to_the_schema_beside_it(folder):
    text = (folder / "cong-van.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"# yaml-language-server: $schema={schema.SCHEMA_FILE}"
    assert json.loads((folder / schema.SCHEMA_FILE).read_text(encoding="utf-8")) == schema.build_schema()
    data = yaml.safe_load(text)
    assert data["so_lieu"]["tep"] == scaffold.SHEET_NAME
    editor_view = load_as_editor(folder / "cong-van.yaml")  # what VS Code checks against the schema
    assert list(jsonschema.Draft202012Validator(schema.build_schema()).iter_errors(editor_view)) == []
    # each top-level key is explained by a comment on its line or just above it
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line and not line.startswith((" ", "#")) and ":" in line:
            key = line.split(":", 1)[0]
            assert "#" in line or lines[i - 1].startswith("#"), f"key {key} has no comment"


def test_guide_is_plain_vietnamese_and_names_the_commands(folder):
    guide = (folder / "HUONG-DAN.md").read_text(encoding="utf-8")
    assert guide.startswith("# Hướng dẫn")
    for needed in ("dispatch-gen render cong-van.yaml --pdf", "so-lieu-don-vi.xlsx", "UTF-8", "Tab"):
        assert needed in guide


def test_refuses_a_folder_that_is_not_empty(tmp_path, capsys):
    target = tmp_path / "co-san"
    target.mkdir()
    (target / "cong-van.yaml").write_text("của tôi", encoding="utf-8")
    assert cli.main(["init", str(target)]) == cli.EXIT_INPUT
    assert "--ghi-de" in capsys.readouterr().err
    assert (target / "cong-van.yaml").read_text(encoding="utf-8") == "của tôi"  # untouched
    assert cli.main(["init", str(target), "--ghi-de"]) == cli.EXIT_OK
    assert (target / "cong-van.yaml").read_text(encoding="utf-8") == scaffold.EXAMPLE_YAML
    (target / "ghi-chu.txt").write_text("x", encoding="utf-8")
    assert cli.main(["init", str(target), "--force"]) == cli.EXIT_OK
    assert (target / "ghi-chu.txt").exists()  # overwriting touches only the example's own files


def test_refuses_a_file_in_english_too(tmp_path, capsys):
    target = tmp_path / "tep"
    target.write_text("x", encoding="utf-8")
    assert cli.main(["init", str(target), "--lang", "en"]) == cli.EXIT_INPUT
    assert "this is a file, not a folder" in capsys.readouterr().err
    set_language("vi")


def test_an_empty_existing_folder_is_fine(tmp_path):
    assert cli.main(["init", str(tmp_path)]) == cli.EXIT_OK
    assert (tmp_path / "cong-van.yaml").exists()
