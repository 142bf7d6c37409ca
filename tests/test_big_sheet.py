"""A 10,000-row appendix: what the quick paths of reading and writing it skip is still done.

The sheet reader checks each text for the old TCVN3/VNI encodings only when one of its words
beyond ASCII is no Vietnamese syllable (input/legacy.detect), names the cells only when a
message asks (input/cells), and builds well-filled units without the field-by-field
validator (input/model._quick_unit). Each bad cell below sits among 10,000 good ones. The
table's control takes its text from what the writer printed, not by reading the table again.
"""

from __future__ import annotations

import copy
import csv
import gc
from decimal import Decimal
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dispatch_gen.compute.markup import Run
from dispatch_gen.errors import InputError
from dispatch_gen.input import model, sheets
from dispatch_gen.input.model import MeasureFigures, UnitSpec
from dispatch_gen.render import appendix, footnotes
from dispatch_gen.wml import sdt

from .test_batch import _XML_TEXT, _example_figures  # the same texts and example as its twin

ROWS = 10_000
TITLES = ["TT", "Khối", "Đơn vị", "Chỉ tiêu", "Đã kết nạp", "Ghi chú"]


def write(path, changes=None, quoted_line_break=True):
    """10,000 units in Unicode; ``changes``: {unit number: {title: text}}. Unit 3's name is on two lines."""
    changes = changes or {}
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(TITLES)
        for n in range(1, ROWS + 1):
            row = {
                "TT": str(n),
                "Khối": "Xã, thị trấn" if n % 2 else "Cơ quan Đảng",
                "Đơn vị": f"Chi bộ {n} – Đảng ủy xã Bình Chương" + ("\nthôn Phước Hòa" if n == 3 else ""),
                "Chỉ tiêu": str(n % 12 + 1),
                "Đã kết nạp": str(n % 5),
                "Ghi chú": "Đạt tiến độ" if n % 7 == 0 else "",
            }
            row.update(changes.get(n, {}))
            w.writerow([row[t] for t in TITLES])
    return path


def read(path):
    return sheets.read_units(path, "", {}, "so_lieu.don_vi")


def errors(path):
    with pytest.raises(InputError) as err:
        read(path)
    return [(p.line, p.column, p.field) for p in err.value.problems], [p.message for p in err.value.problems]


def test_a_tcvn3_and_a_vni_cell_among_10000_are_each_named_at_their_row(tmp_path):
    # unit n is on line n + 2 from unit 4 on (the header, and unit 3's name on two lines)
    path = write(
        tmp_path / "don-vi.csv",
        {
            4321: {"Đơn vị": "Chi bé 4321 – §¶ng ñy x· B×nh S¬n"},  # TCVN3
            8765: {"Khối": "Khoái Cô quan Ñaûng"},  # VNI
            # TCVN3 whose letters Unicode Vietnamese also uses (é is ộ): a filter by letters would miss it
            9999: {"Ghi chú": "Néi dung"},
        },
    )
    where, messages = errors(path)
    assert where == [(4323, 3, "C4322"), (8767, 2, "B8766"), (10001, 6, "F10000")]
    assert "TCVN3" in messages[0] and "Đảng ủy xã Bình Sơn" in messages[0]
    assert "VNI" in messages[1] and "Khối Cơ quan Đảng" in messages[1]
    assert "TCVN3" in messages[2] and "Nội dung" in messages[2]


def test_10000_unicode_rows_are_read_whole_and_their_cells_named_when_asked(tmp_path):
    src = read(write(tmp_path / "don-vi.csv"))
    assert len(src.data) == ROWS
    assert src.data[2]["ten"] == "Chi bộ 3 – Đảng ủy xã Bình Chương\nthôn Phước Hòa"
    assert src.data[9999] == {
        "khoi": "Cơ quan Đảng",
        "ten": "Chi bộ 10000 – Đảng ủy xã Bình Chương",
        "chi_tieu": 5,
        "dat": 0,
    }
    assert src.where("so_lieu.don_vi[1].dat") == (3, 5)
    assert src.where("so_lieu.don_vi[4999].chi_tieu") == (5002, 4)
    assert src.where("so_lieu.don_vi[4999]") == (5002, 1)
    assert src.where("so_lieu.don_vi[4999].ghi_chu.x") == (5002, 6)
    assert src.where("so_lieu.don_vi[10000].dat") == (1, 1)  # no such unit: the file's start
    assert src.where("so_lieu.don_vi[07].dat") == (1, 1)
    assert src.problem("so_lieu.don_vi[9999].ghi_chu", "x").field == "F10001 (Ghi chú)"
    assert src.problem("so_lieu.don_vi[9999]", "x").field == "dòng 10001"
    assert "so_lieu.don_vi[9999].ten" in src.positions and "so_lieu.don_vi[9999].them" not in src.positions
    assert len(src.positions) == ROWS * 6 and next(iter(src.names)) == "so_lieu.don_vi[0]"


def test_well_filled_rows_are_the_validators_units_and_a_bad_row_is_still_refused(tmp_path):
    src = read(write(tmp_path / "don-vi.csv", {9000: {"Chỉ tiêu": "-3"}, 9001: {"Đã kết nạp": "năm"}}))
    with pytest.raises(InputError) as err:
        model.parse_units(src, src.data, "so_lieu.don_vi")
    assert [str(p) for p in err.value.problems] == [
        f"{tmp_path / 'don-vi.csv'}:9002:4: D9001 (Chỉ tiêu): giá trị -3 nhỏ hơn mức tối thiểu 0",
        f"{tmp_path / 'don-vi.csv'}:9003:5: E9002 (Đã kết nạp): cần một số nguyên, không phải “năm”",
    ]
    rows = [
        {"ten": "A", "chi_tieu": 3, "dat": 1, "khoi": "Xã", "ghi_chu": "x"},
        {
            "ten": "B",
            "ty_le": Decimal("81.5"),
            "trang_thai": "Xong",
            "them": {"hs": 120, "gv": "12", "p": Decimal("1.5")},
        },
        {"ten": "C", "ty_le": 50, "chi_so_phu": {"tg": {"chi_tieu": 2, "dat": 1}}},
    ]
    assert [model._quick_unit(r) for r in rows] == [
        UnitSpec(name="A", quota=3, achieved=1, group="Xã", note="x"),
        UnitSpec(name="B", rate=Decimal("81.5"), status="Xong", extra={"hs": 120, "gv": "12", "p": Decimal("1.5")}),
        UnitSpec(name="C", rate=Decimal(50), measures={"tg": MeasureFigures(quota=2, achieved=1)}),
    ]
    # what the validator must read: no name, a negative or a boolean count, a rate of words, an unknown key
    for bad in (
        {"chi_tieu": 1},
        {"ten": "A", "dat": -1},
        {"ten": "A", "dat": True},
        {"ten": "A", "ty_le": "x"},
        {"ten": "A", "x": 1},
    ):
        assert model._quick_unit(bad) is None


# --- the appendix table's text, for its content control ----------------------------------


@settings(max_examples=60, deadline=None)
@given(
    names=st.lists(_XML_TEXT, min_size=6, max_size=6),
    notes=st.lists(_XML_TEXT.filter(lambda t: "[" not in t), min_size=6, max_size=6),
    lagging=st.lists(st.booleans(), min_size=6, max_size=6),
    style=st.sampled_from(["TableCell", None]),
    chunk=st.sampled_from([2, 5, 256]),
)
def test_the_table_text_its_writer_knows_is_the_text_read_back_from_its_bytes(names, notes, lagging, style, chunk):
    """The control's hash of a big table is taken from the texts the writer printed: it must be
    the text read from the table's bytes, whatever the names and notes (markup characters, CR,
    line breaks, a footnote, a lagging unit's note and its bold) and wherever the chunks end."""
    ld = _example_figures()
    fig = copy.deepcopy(ld.figures)
    for unit, name, note, late in zip(fig.units[:6], names, notes, lagging, strict=True):
        unit.name, unit.note, unit.lagging = name, note, late
    fig.units[6].note = "Xem[^a] thêm"
    spec = ld.dispatch.appendices[0]
    writer = appendix.TableWriter(
        spec,
        fig,
        9000,
        12,
        style,
        "TT",
        footnotes.Footnotes(),
        {"a": [Run("Chú thích")]},
        ld.profile["appendix"]["column_widths_mm"],
    )
    with mock.patch.object(appendix, "_CHUNK_ROWS", chunk):
        data, text = appendix._table_bytes(writer)
    assert text == sdt._bytes_table_text(data)
    assert text.count("Chú thích") == 0 and "Xem thêm" in text  # a footnote's mark has no text


def test_the_cycle_collector_is_paused_while_a_sheet_is_read_and_restored_after(tmp_path):
    seen = []
    path = write(tmp_path / "don-vi.csv")
    with mock.patch.object(sheets, "_clean_cells", lambda *a, **k: seen.append(gc.isenabled()) or []):
        read(path)
        assert gc.isenabled()
        gc.disable()
        try:
            read(path)  # off already: left off
            assert not gc.isenabled()
        finally:
            gc.enable()
    assert seen == [False, False]
