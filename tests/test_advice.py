"""The warnings that save a clerk from a sent-back document (dispatch_gen/input/advice.py).

Each kind is tried on a YAML document that should raise it and on one that should not; the
expected messages are written out in full, file, line and column included.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from dispatch_gen import pipeline
from dispatch_gen.cli import main
from dispatch_gen.input import advice

from .conftest import ROOT, party_yaml

GOOD = {
    "ngay": "04/12/2026",  # a Friday
    "han": "15/12/2026",  # a Tuesday
    "kinh_gui": "Các chi bộ trực thuộc Đảng ủy",
    "noi_dung": "Ban Thường vụ Đảng ủy yêu cầu các chi bộ thực hiện.",
}


def base(**changes: str) -> str:
    """The shared Party công văn (conftest.party_yaml) with one deadline and a first paragraph."""
    f = {**GOOD, **changes}
    return party_yaml(
        **{k: v for k, v in f.items() if k not in ("han", "kinh_gui", "noi_dung")},
        kinh_gui=[f["kinh_gui"]],
        han={"dot_1": f["han"]},
        noi_dung="Đoạn một.\n\n" + f["noi_dung"],
    )


def warnings_of(tmp_path: Path, **changes: str) -> list[str]:
    path = tmp_path / "cv.yaml"
    path.write_text(base(**changes), encoding="utf-8")
    return [str(w) for w in pipeline.load(path).warnings]


def test_a_current_document_raises_nothing(tmp_path):
    assert warnings_of(tmp_path) == []


def test_abolished_bodies_after_1_july_2025(tmp_path):
    found = warnings_of(
        tmp_path,
        ten="HUYỆN ỦY BÌNH SƠN",
        kinh_gui="Phòng Giáo dục và Đào tạo huyện",
        noi_dung="Đảng ủy thị trấn Châu Ô và UBND huyện, Huyện ủy, Huyện ủy thực hiện.",
    )
    file = tmp_path / "cv.yaml"
    assert found == [
        f"{file}:4:3: co_quan.ten: “HUYỆN ỦY”: cơ quan, đơn vị này không còn từ ngày 01/07/2025 "
        "(bỏ cấp huyện) mà văn bản ghi ngày 04/12/2026; hãy thay bằng tên cơ quan hiện nay (Đảng ủy xã, phường; "
        "Tỉnh ủy; Ủy ban nhân dân xã …)",
        f"{file}:10:5: kinh_gui[0]: “Phòng Giáo dục và Đào tạo huyện”: cơ quan, đơn vị này không còn "
        "từ ngày 01/07/2025 (bỏ cấp huyện) mà văn bản ghi ngày 04/12/2026; hãy thay bằng tên cơ quan hiện nay "
        "(Đảng ủy xã, phường; Tỉnh ủy; Ủy ban nhân dân xã …)",
        # the text's third line (the block scalar starts on line 14)
        f"{file}:16:1: noi_dung: “thị trấn”, “UBND huyện”, “Huyện ủy” (2): cơ quan, đơn vị này không "
        "còn từ ngày 01/07/2025 (bỏ cấp huyện) mà văn bản ghi ngày 04/12/2026; hãy thay bằng tên cơ quan hiện "
        "nay (Đảng ủy xã, phường; Tỉnh ủy; Ủy ban nhân dân xã …)",
    ]


def test_abolished_bodies_before_1_july_2025_are_right(tmp_path):
    found = warnings_of(
        tmp_path, ten="HUYỆN ỦY BÌNH SƠN", ngay="30/06/2025", han="08/07/2025", noi_dung="UBND huyện thực hiện."
    )
    assert found == []  # 30/6/2025 is a Monday, 8/7/2025 a Tuesday


def test_a_draft_for_the_current_year_is_dated_today(tmp_path):
    path = tmp_path / "cv.yaml"
    path.write_text(base(ten="HUYỆN ỦY BÌNH SƠN").replace("ngay: 04/12/2026", "nam: 2025"))
    ld = pipeline.load(path)
    in_2025 = [w.message for w in advice.advise(ld.src, ld.dispatch, ld.profile, today=date(2025, 12, 1))]
    assert in_2025 == [
        "“HUYỆN ỦY”: cơ quan, đơn vị này không còn từ ngày 01/07/2025 (bỏ cấp huyện) mà văn bản ghi ngày "
        "01/12/2025; hãy thay bằng tên cơ quan hiện nay (Đảng ủy xã, phường; Tỉnh ủy; Ủy ban nhân dân xã …)",
    ]
    # seen in 2026, a draft for 2025 may have been dated any day of it: no warning
    assert advice.advise(ld.src, ld.dispatch, ld.profile, today=date(2026, 12, 1)) == []


def test_dates_on_weekends_and_holidays(tmp_path):
    found = warnings_of(tmp_path, ngay="05/12/2026", han="08/02/2027")
    file = tmp_path / "cv.yaml"
    assert found == [
        f"{file}:7:1: ngay: ngày ban hành 05/12/2026 rơi vào ngày nghỉ (thứ Bảy); hãy chọn một ngày làm việc",
        f"{file}:12:3: han.dot_1: thời hạn “dot_1” 08/02/2027 rơi vào ngày nghỉ "
        "(Mùng ba Tết Nguyên Đán); hãy chọn một ngày làm việc",
    ]


def test_lunar_holidays_and_sundays():
    assert advice.day_off(date(2026, 2, 17)) == "Tết Nguyên Đán"  # 1 Tết Bính Ngọ
    assert advice.day_off(date(2026, 4, 26)) == "Ngày Giỗ Tổ Hùng Vương"  # 10/3 âm lịch
    assert advice.day_off(date(2026, 12, 6)) == "Chủ nhật"
    assert advice.day_off(date(2026, 9, 2)) == "Quốc khánh"
    assert advice.day_off(date(2026, 12, 7)) is None  # a Monday


def test_a_deadline_before_the_document(tmp_path):
    found = warnings_of(tmp_path, han="03/12/2026")  # a Thursday, the day before
    assert found == [
        f"{tmp_path / 'cv.yaml'}:12:3: han.dot_1: thời hạn “dot_1” (03/12/2026) trước ngày ban hành "
        "(04/12/2026); hãy sửa lại thời hạn hoặc ngày",
    ]
    assert warnings_of(tmp_path, han="04/12/2026") == []  # the same day is allowed


def test_a_draft_deadline_before_its_year(tmp_path):
    path = tmp_path / "cv.yaml"
    path.write_text(base(han="31/12/2025").replace("ngay: 04/12/2026", "nam: 2026"))
    ld = pipeline.load(path)
    found = [w.message for w in advice.advise(ld.src, ld.dispatch, ld.profile, today=date(2026, 12, 1))]
    assert found == [
        "thời hạn “dot_1” (31/12/2025) trước năm của văn bản (2026); hãy sửa lại thời hạn hoặc năm",
    ]


def test_mixed_tone_placement_is_counted(tmp_path):
    found = warnings_of(tmp_path, noi_dung="Ban Thường vụ Đảng uỷ và Đảng ủy viên, hoà hợp, hòa bình, quý, hoàn.")
    assert found == [
        f"{tmp_path / 'cv.yaml'}:16:1: noi_dung: văn bản viết dấu thanh theo hai kiểu: 4 chữ kiểu mới "
        "(“ủy”, “hòa”) và 2 chữ kiểu cũ (“uỷ”, “hoà”), đầu tiên là “Đảng uỷ”; hãy viết thống nhất một kiểu",
    ]
    # one style throughout (old or new), "quý" and "hoàn" not being cases of either: no warning
    assert warnings_of(tmp_path, ten="ĐẢNG UỶ XÃ BÌNH SƠN", kinh_gui="Các chi bộ", noi_dung="Đảng uỷ, hoà, quý.") == []
    assert warnings_of(tmp_path, noi_dung="Đảng ủy, hòa, quý, hoàn, thuở.") == []


def test_render_and_check_print_the_warnings_and_succeed(tmp_path, capsys):
    path = tmp_path / "cv.yaml"
    path.write_text(base(han="06/12/2026"), encoding="utf-8")
    expected = (
        f"{path}:12:3: han.dot_1: thời hạn “dot_1” 06/12/2026 rơi vào ngày nghỉ (Chủ nhật); hãy chọn một ngày làm việc"
    )
    expected = expected.replace(": han.dot_1:", ": cảnh báo: han.dot_1:")  # the CLI names the severity
    assert main(["check", str(path)]) == 0
    assert expected in capsys.readouterr().err.splitlines()
    assert main(["render", str(path), "-o", str(tmp_path / "cv.docx")]) == 0
    assert expected in capsys.readouterr().err.splitlines()
    assert (tmp_path / "cv.docx").is_file()


def _day_off_in_child(cache: Path) -> list[str]:
    code = (
        "import sys; from datetime import date; from dispatch_gen.input import advice; "
        "print(advice.day_off(date(2026, 2, 17))); print('holidays' in sys.modules)"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_holidays_are_kept_between_runs_and_a_spoilt_cache_is_ignored(tmp_path):
    assert _day_off_in_child(tmp_path) == ["Tết Nguyên Đán", "True"]  # the calendar asked, then kept
    kept = list((tmp_path / "dispatch-gen").glob("holidays-VN-2026-vi-*.json"))
    assert len(kept) == 1
    assert _day_off_in_child(tmp_path) == ["Tết Nguyên Đán", "False"]  # read back without the package
    kept[0].write_text("{not json", encoding="utf-8")
    assert _day_off_in_child(tmp_path) == ["Tết Nguyên Đán", "True"]
