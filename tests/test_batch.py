"""Batches and speed: one letter per unit, many inputs, and the caches that must not change a byte."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from dispatch_gen import appendix, engine, pipeline, save

from .conftest import EXAMPLE, EXAMPLES

WITH_APPENDIX = [EXAMPLE, EXAMPLES / "quang-ngai-ubnd-cap-cccd-2024.yaml"]


def _dispatch_bytes(path: Path) -> bytes:
    doc, _warnings = pipeline.build_dispatch(pipeline.load(path))
    return save.document_bytes(doc)


def _appendix_bytes(path: Path) -> bytes:
    return save.document_bytes(pipeline.build_appendices(pipeline.load(path)))


def _differing_parts(a: bytes, b: bytes) -> list[str]:
    za, zb = zipfile.ZipFile(io.BytesIO(a)), zipfile.ZipFile(io.BytesIO(b))
    return [n for n in za.namelist() if n not in zb.namelist() or za.read(n) != zb.read(n)]


# --- the template cache -----------------------------------------------------------------


@pytest.mark.parametrize("path", WITH_APPENDIX, ids=lambda p: p.stem)
def test_cached_render_is_byte_identical_to_plain_docxtpl(path, monkeypatch):
    engine.clear_cache()
    monkeypatch.setattr(engine, "cache_enabled", False)
    plain = _dispatch_bytes(path)
    assert engine._PART_CACHE == {}  # the plain path really is plain docxtpl
    monkeypatch.setattr(engine, "cache_enabled", True)
    bodies = []
    real_render_body = engine.render_body
    monkeypatch.setattr(engine, "render_body", lambda *a: bodies.append(real_render_body(*a)) or bodies[-1])
    cold = _dispatch_bytes(path)  # fills the cache
    warm = _dispatch_bytes(path)  # every part from the cache, the appendix rendered body-only
    assert engine._PART_CACHE
    assert isinstance(bodies[-1], engine.RenderedBody)
    assert _differing_parts(plain, cold) == []
    assert _differing_parts(plain, warm) == []
    assert plain == cold == warm


def test_cache_is_keyed_by_template_content(tmp_path, monkeypatch):
    """A template edited in place (same path, new content) is not served from the old cache."""
    from dispatch_gen import profile as profiles

    original = profiles.template_path("dang", "cong_van")
    copy = tmp_path / "mau.docx"
    copy.write_bytes(original.read_bytes())
    pipeline.build_dispatch(pipeline.load(EXAMPLE), copy)  # caches the copy's parts
    with zipfile.ZipFile(original) as zin, zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"{{ co_quan.ten }}", "MẪU ĐÃ SỬA {{ co_quan.ten }}".encode())
            zout.writestr(item, data)
    second, _w = pipeline.build_dispatch(pipeline.load(EXAMPLE), copy)
    texts = [p.text for t in second.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    assert any("MẪU ĐÃ SỬA" in t for t in texts)


# --- big appendix tables ----------------------------------------------------------------


@pytest.mark.parametrize("path", WITH_APPENDIX, ids=lambda p: p.stem)
def test_table_kept_as_text_until_saved_gives_the_same_bytes(path, monkeypatch):
    monkeypatch.setattr(appendix, "LAZY_TABLE_ROWS", 10**9)
    eager = _dispatch_bytes(path), _appendix_bytes(path)
    monkeypatch.setattr(appendix, "LAZY_TABLE_ROWS", 0)
    lazy = _dispatch_bytes(path), _appendix_bytes(path)
    assert _differing_parts(eager[0], lazy[0]) == []
    assert eager == lazy


def test_table_kept_as_text_is_in_the_saved_document(tmp_path, monkeypatch):
    monkeypatch.setattr(appendix, "LAZY_TABLE_ROWS", 0)
    out = tmp_path / "cv.docx"
    pipeline.render_file(EXAMPLE, out)
    with zipfile.ZipFile(out) as zf:
        xml = zf.read("word/document.xml").decode()
    assert "dispatch-gen-table" not in xml  # the placeholder was replaced
    assert xml.count("<w:tbl>") >= 1 and "Đảng ủy xã Bình An" in xml
