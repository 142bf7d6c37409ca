"""Shared fixtures: the rendered example, read back with python-docx."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dispatch_gen import i18n, pipeline

from .docx_read import Document

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
EXAMPLE = EXAMPLES / "binh-son-ket-nap-dang-vien-2024.yaml"
SEED = Path(__file__).parent / "data" / "seed-binh-son-2024.txt"  # copy of shared/seed/000_5319e2e4d768c194.txt


@pytest.fixture(autouse=True)
def _vietnamese():
    i18n.set_language("vi")
    yield
    i18n.set_language("vi")


@pytest.fixture(scope="session")
def rendered(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("render") / "cong-van.docx"
    pipeline.render_file(EXAMPLE, out)
    return out


@pytest.fixture(scope="session")
def doc(rendered):
    return Document(str(rendered))


@pytest.fixture
def workdir(tmp_path) -> Path:
    """A copy of the examples folder, to edit freely."""
    dst = tmp_path / "ex"
    shutil.copytree(EXAMPLES, dst)
    return dst


def party_yaml(
    *,
    the_thuc: str = "dang",
    ten: str = "ĐẢNG ỦY XÃ BÌNH SƠN",
    so: int | str | None = None,
    ngay: str = "04/12/2026",
    trich_yeu: str = "Kết nạp đảng viên",
    kinh_gui: tuple[str, ...] | list[str] = ("Các chi bộ trực thuộc Đảng ủy",),
    han: dict[str, str] | None = None,
    noi_dung: str = "Ban Thường vụ Đảng ủy yêu cầu các chi bộ thực hiện.",
) -> str:
    """A small Party công văn of Đảng ủy xã Bình Sơn as YAML text, one key per line.

    The layout is fixed, for messages that name lines: co_quan.ten on line 4, then ``so`` (if
    given), dia_danh, ngay, trich_yeu, kinh_gui and its items, ``han`` (if given), noi_dung
    (paragraphs separated by a blank line, from column 3), noi_nhan, ky.
    """
    lines = [
        f"the_thuc: {the_thuc}",
        "co_quan:",
        "  cap_tren: ĐẢNG BỘ TỈNH QUẢNG NGÃI",
        f"  ten: {ten}",
        "  ky_hieu: ĐU",
        *([f"so: {so}"] if so is not None else []),
        "dia_danh: Bình Sơn",
        f"ngay: {ngay}",
        f"trich_yeu: {trich_yeu}",
        "kinh_gui:",
        *(f"  - {k}" for k in kinh_gui),
        *(["han:", *(f"  {k}: {v}" for k, v in han.items())] if han else []),
        "noi_dung: |",
        *(f"  {ln}" if ln else "" for ln in noi_dung.split("\n")),
        "noi_nhan:",
        "  - Như trên",
        "  - Lưu VPĐU",
        "ky:",
        "  quyen_han: T/M BAN THƯỜNG VỤ",
        "  chuc_vu: BÍ THƯ",
        "  ho_ten: Nguyễn Văn A",
    ]
    return "\n".join(lines) + "\n"
