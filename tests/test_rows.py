"""compute/rows.py: the appendix table's rows (groups with subtotals, units, total) and notes."""

from __future__ import annotations

from decimal import Decimal

from dispatch_gen import pipeline
from dispatch_gen.compute.markup import Run
from dispatch_gen.compute.rows import columns_of, lag_note, table_rows, unit_note

from .conftest import party_yaml

FIGURES = """\
so_lieu:
  tinh_den: 05/8/2024
  chi_so_phu: {ton_giao: tôn giáo}
  cham: {ty_le_duoi: 50}
  don_vi:
    - {ten: Đảng ủy xã A, khoi: Xã, chi_tieu: 10, dat: 9, chi_so_phu: {ton_giao: {chi_tieu: 2, dat: 1}}}
    - {ten: Đảng ủy xã B, khoi: Xã, chi_tieu: 8, dat: 3, ghi_chu: "mới *thành lập*"}
    - {ten: Chi bộ C, khoi: Cơ quan, chi_tieu: 3, dat: 1}
phu_luc:
  - ten: KẾT QUẢ
    nhom_theo_khoi: NHOM
    danh_dau_cham: {ghi_chu: "Chưa đạt {nguong}%"}
"""


def load(tmp_path, nhom="true"):
    path = tmp_path / "cv.yaml"
    path.write_text(party_yaml(ngay="06/8/2024") + FIGURES.replace("NHOM", nhom), encoding="utf-8")
    ld = pipeline.load(path)
    return ld.dispatch.appendices[0], ld.figures


def test_groups_with_subtotals_then_units_then_the_total(tmp_path):
    spec, fig = load(tmp_path)
    got = [(r.kind, r.seq, r.label, r.tally.quota, r.tally.achieved, r.tally.rate) for r in table_rows(spec, fig)]
    assert got == [
        ("group", "I", "Xã", 18, 12, Decimal("66.67")),
        ("unit", "1", "Đảng ủy xã A", 10, 9, Decimal("90.00")),
        ("unit", "2", "Đảng ủy xã B", 8, 3, Decimal("37.50")),
        ("group", "II", "Cơ quan", 3, 1, Decimal("33.33")),
        ("unit", "3", "Chi bộ C", 3, 1, Decimal("33.33")),  # numbering runs on across groups
        ("total", "", "Tổng cộng", 21, 13, Decimal("61.90")),
    ]
    rows = table_rows(spec, fig)
    assert (rows[0].measures["ton_giao"].quota, rows[0].measures["ton_giao"].achieved) == (2, 1)
    assert (rows[3].measures["ton_giao"].quota, rows[3].measures["ton_giao"].rate) == (0, None)
    assert (rows[-1].measures["ton_giao"].quota, rows[-1].measures["ton_giao"].achieved) == (2, 1)


def test_without_grouping_no_group_rows(tmp_path):
    spec, fig = load(tmp_path, nhom="false")
    assert [(r.kind, r.seq) for r in table_rows(spec, fig)] == [
        ("unit", "1"),
        ("unit", "2"),
        ("unit", "3"),
        ("total", ""),
    ]


def test_default_columns_and_the_sequence_title(tmp_path):
    spec, _fig = load(tmp_path)
    assert [(c.source, c.title) for c in columns_of(spec, "STT")] == [
        ("tt", "STT"),
        ("ten", "Đơn vị"),
        ("chi_tieu", "Chỉ tiêu"),
        ("dat", "Đạt"),
        ("ty_le", "Tỷ lệ (%)"),
        ("ghi_chu", "Ghi chú"),
    ]


def test_notes_of_lagging_units(tmp_path):
    spec, fig = load(tmp_path)
    lag = lag_note(spec, fig)
    assert lag == "Chưa đạt 50%"
    a, b, c = fig.units
    assert unit_note(a, lag) == []
    assert unit_note(b, lag) == [Run("mới "), Run("thành lập", italic=True), Run("; "), Run("Chưa đạt 50%")]
    assert unit_note(c, lag) == [Run("Chưa đạt 50%")]
    assert unit_note(c, "") == []
