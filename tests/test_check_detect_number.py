"""A document with no national line (an appendix printed alone) is judged by the number it cites.

The forms are the rules': a state number is "số 05/BC-UBND" or, on a draft, "số     /BC-UBND"
(NĐ 30 Phụ lục III Mẫu 1.4), a Party one "số 05-CV/ĐU" (HD 36 1.3.2).
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from dispatch_gen import cli
from dispatch_gen.check import read_docx
from dispatch_gen.check.detect import detect

from .conftest import EXAMPLES
from .test_check_ruleset import plain_docx

KNOWN = ["dang", "dang-hd36", "dang-hd05", "nha_nuoc"]


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        ("(Kèm theo Báo cáo số        /BC-UBND ngày       tháng 12 năm 2025 của Chủ tịch UBND tỉnh)", "nha_nuoc"),
        ("(Kèm theo Công văn số 1234/UBND-VP ngày 05 tháng 3 năm 2024 của UBND tỉnh)", "nha_nuoc"),
        ("(kèm theo Công văn số 05-CV/ĐU, ngày 10/12/2026 của Ban Thường vụ)", "dang"),
        ("(kèm theo Báo cáo số       -BC/HU, ngày      của Huyện ủy)", "dang"),
    ],
)
def test_the_cited_number_names_the_profile(tmp_path, caption, expected):
    path = plain_docx(tmp_path / "phu-luc.docx", "PHỤ LỤC", "KẾT QUẢ NĂM 2025", caption)
    found = detect(read_docx(path), KNOWN)
    assert (found.profile, found.source) == (expected, "number")


def test_nothing_to_go_by_is_the_default_as_before(tmp_path):
    path = plain_docx(tmp_path / "phu-luc.docx", "PHỤ LỤC", "Nghị định số 30/2020/NĐ-CP và mục 1.2")
    assert detect(read_docx(path), KNOWN).source == "default"


def _without_property(src: Path, out: Path) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "docProps/custom.xml":
                data = data.replace(b"nha_nuoc", b"khac")
            zout.writestr(item, data)
    return out


def test_the_tools_state_appendix_without_its_property_passes_as_state(tmp_path, capsys):
    src = tmp_path / "phu-luc.docx"
    assert cli.main(["appendix", str(EXAMPLES / "quang-ngai-ubnd-cap-cccd-2024.yaml"), "-o", str(src)]) == 0
    bare = _without_property(src, tmp_path / "khong-thuoc-tinh.docx")
    capsys.readouterr()
    assert cli.main(["check", str(bare), "--json"]) == cli.EXIT_OK
    record = json.loads(capsys.readouterr().out)
    assert (record["profile"], record["appendix_only"], record["findings"]) == ("nha_nuoc", True, [])
