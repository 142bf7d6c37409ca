"""The kind a number's code names, when several kinds share the code (#18, s26 of the stress corpus).

HD 05 writes a Quy định's number "…-QĐ/…", as a Quyết định's (dang-hd05's ``kinds.QĐi.code``), so
the code alone cannot tell them apart: the title (tên loại) printed under the header does. A Quy
định and a Quyết định rendered under HD 05 are both read as what they are, with no finding; a
document whose printed title is neither falls back to the first kind of the code and is told its
title is missing, as before.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from dispatch_gen import pipeline
from dispatch_gen.check import check_docx
from dispatch_gen.check.locate import locate
from dispatch_gen.check.reader import read_docx
from dispatch_gen.input import profile as profiles

HD05 = profiles.load("dang-hd05")

YAML = """the_thuc: dang
loai: {loai}
co_quan:
  cap_tren: ĐẢNG BỘ TỈNH QUẢNG NGÃI
  ten: ĐẢNG ỦY XÃ BÌNH SƠN
  ky_hieu: ĐU
  chu_the: Ban Thường vụ
so: 12
dia_danh: Bình Sơn
ngay: 04/12/2026
trich_yeu: công tác tạo nguồn kết nạp đảng viên
noi_dung: |
  Điều 1. Các chi bộ trực thuộc thực hiện tốt công tác tạo nguồn.

  Điều 2. Văn phòng Đảng ủy theo dõi, đôn đốc và báo cáo kết quả.
noi_nhan:
  - Các chi bộ trực thuộc
  - Lưu VPĐU
ky:
  quyen_han: T/M BAN THƯỜNG VỤ
  chuc_vu: BÍ THƯ
  ho_ten: Nguyễn Văn A
"""


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("kinds")
    out = {}
    for loai in ("QĐi", "QĐ"):
        src = folder / f"{loai}.yaml"
        src.write_text(YAML.format(loai=loai), encoding="utf-8")
        out[loai] = folder / f"{loai}.docx"
        pipeline.render_file(src, out[loai])
    return out


def test_both_kinds_share_the_code_under_hd05() -> None:
    kinds = HD05["kinds"]
    assert kinds["QĐi"]["code"] == kinds["QĐ"]["code"] == "QĐ"
    assert (kinds["QĐi"]["name"], kinds["QĐ"]["name"]) == ("Quy định", "Quyết định")


@pytest.mark.parametrize(("loai", "name"), [("QĐi", "Quy định"), ("QĐ", "Quyết định")])
def test_the_printed_title_tells_the_kind(rendered: dict[str, Path], loai: str, name: str) -> None:
    doc = docx.Document(str(rendered[loai]))
    assert any(p.text == name.upper() for p in doc.paragraphs)  # the title as printed
    assert "Số 12-QĐ/ĐU" in [p.text for t in doc.tables for c in t._cells for p in c.paragraphs]
    layout = locate(read_docx(rendered[loai]), HD05)
    assert layout.kind is not None and layout.kind["name"] == name
    assert layout.title[0].text == name.upper()
    assert [str(f) for f in check_docx(rendered[loai], HD05)] == []


def test_a_title_of_neither_kind_is_reported_missing(rendered: dict[str, Path], tmp_path: Path) -> None:
    doc = docx.Document(str(rendered["QĐi"]))
    title = next(p for p in doc.paragraphs if p.text == "QUY ĐỊNH")
    title.runs[0].text = "QUY CHẾ"
    for r in title.runs[1:]:
        r.text = ""
    out = tmp_path / "x.docx"
    doc.save(str(out))
    layout = locate(read_docx(out), HD05)
    assert layout.kind is not None and layout.kind["name"] == "Quyết định"  # the code's first kind
    assert "trích yếu: thiếu tên loại “QUYẾT ĐỊNH” và trích yếu dưới phần đầu" in [
        str(f) for f in check_docx(out, HD05)
    ]
