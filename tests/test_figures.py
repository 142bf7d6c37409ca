"""Figures: arithmetic, rounding, selection rules, checks, and spreadsheets."""

from __future__ import annotations

import csv
import re
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from dispatch_gen import cli, pipeline
from dispatch_gen.compute.figures import rate
from dispatch_gen.errors import InputError
from dispatch_gen.input.model import Rounding

from .conftest import EXAMPLE
from .docx_read import body_paragraphs, norm

BASE = """\
co_quan: {{ten: HUYỆN ỦY X, ky_hieu: HU, chu_the: Ban Thường vụ Huyện ủy}}
dia_danh: X
nam: 2024
{ngay}
trich_yeu: Thử
kinh_gui: [Các chi bộ]
noi_nhan: [Như trên, Lưu VP]
ky: {{quyen_han: T/M BAN THƯỜNG VỤ, chuc_vu: BÍ THƯ, ho_ten: Nguyễn Văn A}}
noi_dung: "{body}"
so_lieu:
  tinh_den: 05/8/2024
{figures}
"""


def write(tmp_path: Path, figures: str, body: str = "x", ngay: str = "", extra: str = "") -> Path:
    p = tmp_path / "in.yaml"
    p.write_text(BASE.format(figures=figures, body=body, ngay=ngay) + extra, encoding="utf-8")
    return p


UNITS = """\
  don_vi:
    - {ten: Đảng ủy xã A, khoi: Xã, chi_tieu: 10, dat: 9}
    - {ten: Đảng ủy xã B, khoi: Xã, chi_tieu: 8, dat: 3}
    - {ten: Chi bộ C, khoi: Cơ quan, chi_tieu: 0, dat: 1}
    - {ten: Chi bộ D, khoi: Cơ quan, chi_tieu: 3, dat: 3}
"""


@pytest.mark.parametrize(
    ("achieved", "quota", "rounding", "expected"),
    [
        (161, 256, Rounding(), Decimal("62.89")),
        (1, 3, Rounding(), Decimal("33.33")),
        (2, 3, Rounding(), Decimal("66.67")),
        (1, 8, Rounding(decimals=1), Decimal("12.5")),
        (1, 16, Rounding(decimals=2), Decimal("6.25")),
        (1, 16, Rounding(decimals=1), Decimal("6.3")),  # half up
        (1, 16, Rounding(decimals=1, mode="chan"), Decimal("6.2")),  # half even
        (2, 3, Rounding(decimals=0, mode="cat_bo"), Decimal("66")),
        (5, 0, Rounding(), None),
        (12, 10, Rounding(), Decimal("120.00")),
    ],
)
def test_rate(achieved, quota, rounding, expected):
    assert rate(achieved, quota, rounding) == expected


def test_totals_groups_ranks_and_rules(tmp_path):
    fig = pipeline.load(write(tmp_path, UNITS + "  khen: {ty_le_tu: 80}\n  cham: {ty_le_duoi: 50}\n")).figures
    assert (fig.total.quota, fig.total.achieved, fig.total.rate) == (21, 16, Decimal("76.19"))
    assert [(g.name, g.tally.quota, g.tally.achieved) for g in fig.groups] == [("Xã", 18, 12), ("Cơ quan", 3, 4)]
    assert [u.name for u in fig.praised] == ["Đảng ủy xã A", "Chi bộ D"]
    assert [u.name for u in fig.lagging] == ["Đảng ủy xã B"]
    ranks = {u.name: u.rank for u in fig.units}
    assert ranks == {"Đảng ủy xã A": 2, "Đảng ủy xã B": 3, "Chi bộ C": None, "Chi bộ D": 1}


APPENDIX = """\
phu_luc:
  - ten: KẾT QUẢ
    cot:
      - {truong: tt, tieu_de: TT}
      - {truong: ten, tieu_de: Đơn vị}
      - {truong: chi_tieu, tieu_de: Chỉ tiêu}
      - {truong: dat, tieu_de: Đạt}
      - {truong: ty_le, tieu_de: Tỷ lệ}
"""


def test_achieved_above_quota_is_a_note_and_quota_zero_prints_dash(tmp_path):
    """Chi bộ C has quota 0 (and 1 achieved): a note, no rate, and "-" where its rate is printed,
    in the sentence (``phan_tram`` and ``so``) and in the appendix table's rate column."""
    body = "C: {{ don_vi[2].ty_le | phan_tram }}; {{ don_vi[2].ty_le | so(2) }}. D: {{ don_vi[3].ty_le | phan_tram }}."
    path = write(tmp_path, UNITS, body=body, extra=APPENDIX)
    ld = pipeline.load(path)
    notes = [p for p in ld.warnings if p.severity == "note"]
    assert len(notes) == 1 and "Chi bộ C" in notes[0].message and notes[0].field == "so_lieu.don_vi[2].dat"
    out = tmp_path / "out.docx"
    pipeline.render_file(path, out)
    from .docx_read import Document

    doc = Document(str(out))
    assert norm(body_paragraphs(doc)[0].text) == "C: -; -. D: 100,00%."
    rows = {norm(r.cells[1].text): [norm(c.text) for c in r.cells] for r in doc.tables[-1].rows}
    assert rows["Chi bộ C"][2:] == ["0", "1", "-"]
    assert rows["Chi bộ D"][2:] == ["3", "3", "100,00"]


@pytest.mark.parametrize(
    ("selection", "names"),
    [
        ("{dung_dau: 2}", ["Chi bộ D", "Đảng ủy xã A"]),
        ("{cuoi_bang: 1}", ["Đảng ủy xã B"]),
        ("{dat_chi_tieu: true}", ["Chi bộ D"]),
        ("{danh_sach: [Chi bộ D, đảng ủy xã a]}", ["Chi bộ D", "Đảng ủy xã A"]),
    ],
)
def test_selection_rules(tmp_path, selection, names):
    fig = pipeline.load(write(tmp_path, UNITS + f"  khen: {selection}\n")).figures
    assert [u.name for u in fig.praised] == names


def problems_of(path: Path) -> list[str]:
    with pytest.raises(InputError) as err:
        pipeline.load(path)
    return [str(p) for p in err.value.problems]


def test_unknown_unit_in_hand_written_list(tmp_path):
    probs = problems_of(write(tmp_path, UNITS + "  khen: {danh_sach: [Chi bo DD]}\n"))
    assert len(probs) == 1
    assert re.search(r"in\.yaml:\d+:\d+: so_lieu\.khen\.danh_sach\[0\]: không có đơn vị “Chi bo DD”", probs[0])
    assert "Có phải “Chi bộ D”" in probs[0]


@pytest.mark.parametrize(
    ("units", "field", "words"),
    [
        ("    - {ten: A, chi_tieu: -1, dat: 0}\n", "so_lieu.don_vi[0].chi_tieu", "nhỏ hơn mức tối thiểu 0"),
        ("    - {ten: A, chi_tieu: 2.5, dat: 0}\n", "so_lieu.don_vi[0].chi_tieu", "cần một số nguyên"),
        ("    - {ten: A, chi_tieu: mười, dat: 0}\n", "so_lieu.don_vi[0].chi_tieu", "cần một số nguyên"),
        (
            "    - {ten: A, chi_tieu: 1, dat: 0}\n    - {ten: A, chi_tieu: 1, dat: 0}\n",
            "so_lieu.don_vi[1].ten",
            "trùng",
        ),
    ],
)
def test_bad_counts_and_duplicates(tmp_path, units, field, words):
    probs = problems_of(write(tmp_path, "  don_vi:\n" + units))
    assert any(f": {field}: " in p and words in p for p in probs), probs


def test_stated_total_disagrees(tmp_path):
    probs = problems_of(write(tmp_path, UNITS + "  tong_chi_tieu: 20\n"))
    assert any("so_lieu.tong_chi_tieu" in p and "20" in p and "21" in p for p in probs)


def test_as_of_after_dispatch_date(tmp_path):
    probs = problems_of(write(tmp_path, UNITS, ngay="ngay: 01/8/2024"))
    assert any("so_lieu.tinh_den" in p and "05/08/2024" in p for p in probs)


def test_xlsx_units_with_merged_group_cells(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Số liệu"
    ws.append(["TT", "Khối", "Đơn vị", "Chỉ tiêu", "Đã kết nạp"])
    ws.append([1, "Xã", "Đảng ủy xã A", 10, 9])
    ws.append([2, None, "Đảng ủy xã B", 8, 3])
    ws.merge_cells("B2:B3")
    wb.save(tmp_path / "so-lieu.xlsx")
    fig = pipeline.load(write(tmp_path, "  tep: so-lieu.xlsx\n")).figures
    assert [(u.name, u.group, u.tally.quota) for u in fig.units] == [
        ("Đảng ủy xã A", "Xã", 10),
        ("Đảng ủy xã B", "Xã", 8),
    ]


def test_xlsx_error_names_sheet_row_and_column(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Số liệu"
    ws.append(["TT", "Đơn vị", "Chỉ tiêu", "Đã kết nạp"])
    ws.append([1, "Đảng ủy xã A", "mười", 9])
    wb.save(tmp_path / "so-lieu.xlsx")
    probs = problems_of(write(tmp_path, "  tep: so-lieu.xlsx\n"))
    assert len(probs) == 1
    assert probs[0].startswith(f"{tmp_path / 'so-lieu.xlsx'}:2:3: Số liệu!C2 (Chỉ tiêu): cần một số nguyên")


def test_csv_unknown_column_suggests(tmp_path):
    (tmp_path / "d.csv").write_text("Đơn vị,Chỉ tieu,Đạt\nA,1,1\n", encoding="utf-8")
    probs = problems_of(write(tmp_path, "  tep: d.csv\n"))
    assert "d.csv:1:2" in probs[0] and "Chỉ tieu" in probs[0] and "chỉ tiêu" in probs[0]


def test_units_carrying_a_measure_and_shared_prefix(tmp_path):
    units = """\
  chi_so_phu: {ton_giao: tôn giáo}
  don_vi:
    - {ten: Đảng uỷ xã Bình Chương, chi_tieu: 5, dat: 1, chi_so_phu: {ton_giao: {chi_tieu: 1, dat: 0}}}
    - {ten: Đảng ủy xã Bình Hải, chi_tieu: 5, dat: 1, chi_so_phu: {ton_giao: {chi_tieu: 1, dat: 0}}}
    - {ten: Đảng ủy xã Bình An, chi_tieu: 5, dat: 5}
    - {ten: Đảng ủy thị trấn Châu Ô, chi_tieu: 5, dat: 2, chi_so_phu: {ton_giao: {chi_tieu: 2, dat: 0}}}
"""
    body = "{{ chi_so.ton_giao.don_vi | gop_tien_to }} ({{ chi_so.ton_giao.dat }}/{{ chi_so.ton_giao.chi_tieu }})"
    p = write(tmp_path, units, body=body)
    out = tmp_path / "out.docx"
    pipeline.render_file(p, out)
    from .docx_read import Document

    text = norm(body_paragraphs(Document(str(out)))[0].text)
    assert text == "Đảng uỷ xã Bình Chương, Bình Hải, thị trấn Châu Ô (0/4)"


def test_changing_one_figure_changes_sentence_totals_and_table(workdir, tmp_path):
    """One source for every number: edit one unit, and every place that prints it follows."""
    from .docx_read import Document

    yaml_path = workdir / EXAMPLE.name
    text = yaml_path.read_text(encoding="utf-8")
    yaml_path.write_text(
        text.replace("tong_chi_tieu: 256", "tong_chi_tieu: 257").replace("tong_dat: 161", "tong_dat: 164"),
        encoding="utf-8",
    )
    csv_path = workdir / "binh-son-don-vi-2024.csv"
    with csv_path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    row = next(r for r in rows if r[2] == "Đảng ủy xã Bình Nguyên")
    assert row[3:5] == ["9", "3"]
    row[3:5] = ["10", "6"]  # quota +1, achieved +3: 60%, no longer lagging
    with csv_path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    out = tmp_path / "changed.docx"
    assert cli.main(["render", str(yaml_path), "-o", str(out)]) == 0
    doc = Document(str(out))
    body = norm(body_paragraphs(doc)[0].text)
    assert "có 164/257 đảng viên mới kết nạp (đạt 63,81%)" in body
    table = doc.tables[-1]
    rows = {norm(r.cells[1].text): [norm(c.text) for c in r.cells] for r in table.rows}
    assert rows["Đảng ủy xã Bình Nguyên"][2:] == ["10", "6", "60,00", ""]
    assert rows["Tổng cộng"][2:5] == ["257", "164", "63,81"]
    assert rows["Xã, thị trấn"][2:5] == ["203", "123", "60,59"]
