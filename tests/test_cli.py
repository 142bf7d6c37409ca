"""The command line: exit statuses, located messages, nothing broken left behind."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile

import pytest

from dispatch_gen import cli

from .conftest import EXAMPLE


def bad_copy(tmp_path, old: str, new: str):
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text
    p = tmp_path / "bad.yaml"
    p.write_text(text.replace(old, new, 1), encoding="utf-8")
    (tmp_path / "binh-son-don-vi-2024.csv").write_bytes((EXAMPLE.parent / "binh-son-don-vi-2024.csv").read_bytes())
    return p


def line_of(path, needle: str) -> int:
    return next(i for i, ln in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in ln)


def test_render_ok(tmp_path, capsys):
    out = tmp_path / "cv.docx"
    assert cli.main(["render", str(EXAMPLE), "-o", str(out)]) == 0
    assert out.exists() and "Đã ghi" in capsys.readouterr().out


def test_unknown_key_with_did_you_mean_and_location(tmp_path, capsys):
    p = bad_copy(tmp_path, "trich_yeu:", "trich_yue:")
    assert cli.main(["render", str(p), "-o", str(tmp_path / "o.docx")]) == 1
    err = capsys.readouterr().err.splitlines()
    n = line_of(p, "trich_yue:")
    assert f"{p}:{n}:1: trich_yue: khóa “trich_yue” không có trong mẫu. Có phải “trich_yeu”?" in err[0]
    assert any("thiếu khóa bắt buộc “trich_yeu”" in e for e in err)
    assert "Traceback" not in "\n".join(err)


def test_wrong_type_names_the_list_item(tmp_path, capsys):
    p = bad_copy(tmp_path, "  - Ban Tổ chức Huyện ủy\n", "  - {ten: Ban Tổ chức}\n")
    assert cli.main(["check", str(p)]) == 1
    err = capsys.readouterr().err
    assert f"{p}:{line_of(p, '{ten: Ban Tổ chức}')}:5: kinh_gui[2]: cần chuỗi chữ" in err
    assert "ngoặc kép" in err  # the likely cause: a line with ": " read as a key


def test_impossible_date_and_bad_jinja_are_located(tmp_path, capsys):
    p = bad_copy(tmp_path, "tinh_den: 05/8/2024", "tinh_den: 31/02/2024")
    assert cli.main(["check", str(p)]) == 1
    assert "so_lieu.tinh_den: ngày “31/02/2024” không có thật" in capsys.readouterr().err
    p = bad_copy(tmp_path, "{{ tong.dat }}", "{{ tong.dat_ }}")
    assert cli.main(["check", str(p)]) == 1
    err = capsys.readouterr().err
    assert f"{p}:{line_of(p, 'tong.dat_')}:1: noi_dung:" in err and "dat_" in err


def test_subject_is_evaluated(tmp_path, capsys):
    # issue 16 item 6: the subject's {{ … }} is evaluated like the body's
    p = bad_copy(tmp_path, "Tiếp tục tăng", "Tiếp tục {{ 1 + 1 }} tăng")
    out = tmp_path / "o.docx"
    assert cli.main(["render", str(p), "-o", str(out)]) == 0
    xml = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    text = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))
    assert "Tiếp tục 2 tăng" in text and "{{" not in text


def test_sandbox_refuses_python_internals(tmp_path, capsys):
    p = bad_copy(tmp_path, "Qua theo dõi,", "{{ ''.__class__.__mro__ }} Qua theo dõi,")
    assert cli.main(["render", str(p), "-o", str(tmp_path / "o.docx")]) == 1
    err = capsys.readouterr().err
    assert "noi_dung" in err and "không được phép" in err and "Traceback" not in err


def test_bad_input_leaves_earlier_output_intact(tmp_path, capsys):
    out = tmp_path / "cv.docx"
    assert cli.main(["render", str(EXAMPLE), "-o", str(out)]) == 0
    before = out.read_bytes()
    p = bad_copy(tmp_path, "tong_dat: 161", "tong_dat: 162")
    assert cli.main(["render", str(p), "-o", str(out)]) == 1
    assert out.read_bytes() == before
    assert [f.name for f in tmp_path.iterdir() if f.name.startswith(".")] == []


def test_missing_output_folder_is_exit_1(tmp_path, capsys):
    assert cli.main(["render", str(EXAMPLE), "-o", str(tmp_path / "khong-co" / "o.docx")]) == 1
    assert "không tồn tại" in capsys.readouterr().err


def test_usage_error_is_exit_2(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["render"])
    assert exc.value.code == 2


def test_internal_error_is_exit_3_without_traceback_unless_debug(tmp_path, capsys, monkeypatch):
    from dispatch_gen import pipeline

    def boom(*a, **k):
        raise RuntimeError("hỏng")

    monkeypatch.setattr(pipeline, "build_dispatch", boom)
    assert cli.main(["render", str(EXAMPLE), "-o", str(tmp_path / "o.docx")]) == 3
    err = capsys.readouterr().err
    assert "RuntimeError: hỏng" in err and "Traceback" not in err and "--debug" in err
    assert cli.main(["render", str(EXAMPLE), "-o", str(tmp_path / "o.docx"), "--debug"]) == 3
    assert "Traceback" in capsys.readouterr().err


def test_python_dash_m_entry_point(tmp_path):
    out = tmp_path / "cv.docx"
    r = subprocess.run(
        [sys.executable, "-m", "dispatch_gen", "render", str(EXAMPLE), "-o", str(out)], capture_output=True, text=True
    )
    assert r.returncode == 0, r.stderr
    assert out.exists()


def test_pdf_without_libreoffice_still_writes_docx(tmp_path, capsys, monkeypatch):
    import shutil

    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    out = tmp_path / "cv.docx"
    assert cli.main(["render", str(EXAMPLE), "-o", str(out), "--pdf"]) == 1
    assert out.exists() and not out.with_suffix(".pdf").exists()
    assert "apt-get install" in capsys.readouterr().err


@pytest.mark.skipif(__import__("shutil").which("soffice") is None, reason="needs LibreOffice")
def test_pdf_is_written_beside_the_docx(tmp_path):
    out = tmp_path / "cv.docx"
    assert cli.main(["render", str(EXAMPLE), "-o", str(out), "--pdf"]) == 0
    assert out.with_suffix(".pdf").read_bytes()[:4] == b"%PDF"
