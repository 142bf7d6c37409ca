"""A served folder for the web tests: one dispatch with its units written in the YAML."""

from __future__ import annotations

from pathlib import Path

VALID = Path(__file__).parent / "bad" / "hop-le.yaml"
#: the valid dispatch's units, as it writes them (2 units: 10/8 and 6/2 → 10/16, 62,50%)
UNITS = (
    "  don_vi:\n    - {ten: Đảng ủy xã Bình An, khoi: Xã, chi_tieu: 10, dat: 8}\n"
    "    - {ten: Đảng ủy xã Bình Hòa, khoi: Xã, chi_tieu: 6, dat: 2}\n"
)
NAME = "cong-van.yaml"


def make_folder(folder: Path) -> Path:
    text = VALID.read_text(encoding="utf-8")
    assert UNITS in text
    (folder / NAME).write_text(text, encoding="utf-8")
    (folder / "khac").mkdir()
    (folder / "khac" / "thu-hai.yaml").write_text(text, encoding="utf-8")
    return folder / NAME
