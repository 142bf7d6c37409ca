"""Shared fixtures: the rendered example, read back with python-docx."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document

from dispatch_gen import i18n, pipeline

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
