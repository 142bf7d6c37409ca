"""Robustness, round two (issue 13): each fault in the user's files is named where it is.

The cases that need files made on the spot (links, FIFOs, folders named like files, an
edited template) or that end in exit 0 with a warning; the plain one-fault YAML files are
in the corpus (tests/bad/, tests/test_bad_inputs.py).
"""

from __future__ import annotations

import errno
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from dispatch_gen.i18n import set_language

from .test_bad_inputs import BAD, TEMPLATE, UNITS, VALID, assert_clean_failure, docx_text, run, valid_text, write_case

needs_links = pytest.mark.skipif(not hasattr(os, "symlink") or os.name != "posix", reason="no symbolic links here")
ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False


# --- {{ … }} where nothing evaluates it ------------------------------------------------------


def test_jinja_in_a_field_that_is_not_evaluated_is_warned_at_its_line(tmp_path, capsys):
    text = valid_text(
        **{
            "  chu_the: Ban Thường vụ Huyện ủy": "  chu_the: |\n    Ban Thường vụ\n    {{ ten }}",
            "dia_danh: Bình Sơn": 'dia_danh: "Bình {{ nam }}"',
            "    - {ten: Đảng ủy xã Bình Hòa,": "    - {ten: 'Đảng ủy xã {% if x %}Bình Hòa{% endif %}',",
        }
    )
    p = write_case(tmp_path, text)
    out = tmp_path / "o.docx"
    rc, _out, err = run(capsys, "render", p, "-o", out)
    assert rc == 0, err
    tail = (
        "không được tính mà sẽ in nguyên như đã gõ; các biểu thức {{ … }} chỉ được tính ở nội dung, chú thích,"
        " trích yếu, Kính gửi, Nơi nhận, người ký và ở tên, bảng, dòng tổng, tiêu đề cột của phụ lục"
    )
    for head in (
        f"{p}:9:1: cảnh báo: co_quan.chu_the: “{{{{ ten }}}}” ",  # the second line of the block text
        f"{p}:11:1: cảnh báo: dia_danh: “{{{{ nam }}}}” ",
        f"{p}:34:8: cảnh báo: so_lieu.don_vi[1].ten: “{{% if x %}}” ",
    ):
        assert any(ln.startswith(head) and ln.endswith(tail) for ln in err.splitlines()), f"{head}\n{err}"
    # the evaluated texts (noi_dung, chu_thich) hold {{ … }} on purpose: no word about them
    assert ": noi_dung: " not in err and ": chu_thich." not in err and err.count("cảnh báo") == 3, err
    assert "Bình {{ nam }}" in docx_text(out)  # printed as typed, as the warning says


def test_the_valid_base_with_jinja_only_where_it_is_evaluated_has_no_warning(tmp_path, capsys):
    p = write_case(tmp_path, valid_text(**{"  a: Theo báo cáo của các đơn vị.": '  a: "Theo {{ tong.dat }} báo cáo."'}))
    rc, _out, err = run(capsys, "check", p)
    assert rc == 0 and "cảnh báo" not in err, err


# --- the appendix caption without chu_the ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "in_sentence"),
    [
        ("HUYỆN ỦY BÌNH SƠN", "Huyện ủy Bình Sơn"),
        ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "Phòng Giáo dục và Đào tạo"),
        ("ỦY BAN NHÂN DÂN HUYỆN BÌNH SƠN", "Ủy ban nhân dân huyện Bình Sơn"),
    ],
)
def test_appendix_caption_without_chu_the_writes_the_name_as_in_a_sentence(name, in_sentence, tmp_path, capsys):
    text = valid_text(**{"  chu_the: Ban Thường vụ Huyện ủy\n": "", "  ten: HUYỆN ỦY BÌNH SƠN": f"  ten: {name}"})
    p = write_case(tmp_path, text)
    out = tmp_path / "pl.docx"
    rc, _out, err = run(capsys, "appendix", p, "-o", out)
    assert rc == 0, err
    body = docx_text(out)
    assert f"ngày 05/8/2024 của {in_sentence})" in body, body


# --- PyYAML's own words and the Tab message ------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["cu-phap-gach-dau-dong-lech.yaml", "cu-phap-thut-le-sai.yaml", "cu-phap-ngoac-kep-chua-dong.yaml"]
)
def test_yaml_syntax_messages_carry_no_pyyaml_english_in_vietnamese(name, capsys, monkeypatch):
    monkeypatch.chdir(BAD)
    rc, _out, err = run(capsys, "check", name)
    assert_clean_failure(rc, err)
    assert "lỗi cú pháp YAML: " in err
    for english in ("expected", "found", "mapping values", "end of stream", "<block"):
        assert english not in err, err
    rc, _out, err = run(capsys, "check", name, "--lang", "en")
    set_language("vi")
    assert rc == 1 and "YAML syntax error: " in err and err.rstrip().endswith(")"), err  # PyYAML's words, in English


def test_the_tab_message_says_what_is_wrong_and_what_to_type(capsys, monkeypatch):
    monkeypatch.chdir(BAD)
    rc, _out, err = run(capsys, "check", "tab-thut-le.yaml")
    assert_clean_failure(rc, err)
    assert "dùng phím Tab để" not in err
    assert "tab-thut-le.yaml:5:1: dòng này thụt lề bằng ký tự Tab, mà YAML chỉ nhận dấu cách; hãy xóa Tab" in err


# --- files named in the YAML: located at so_lieu.tep -----------------------------------------------


def _sheet_yaml(folder: Path, name: str) -> Path:
    return write_case(folder, valid_text(**{UNITS: f"  tep: {name}\n"}))


@needs_links
@pytest.mark.parametrize("kind", ["self", "pair"])
def test_a_figures_file_that_is_a_loop_of_links_is_named_at_its_key(kind, tmp_path, capsys):
    if kind == "self":
        (tmp_path / "vong.csv").symlink_to("vong.csv")
    else:
        (tmp_path / "vong.csv").symlink_to("kia.csv")
        (tmp_path / "kia.csv").symlink_to("vong.csv")
    p = _sheet_yaml(tmp_path, "vong.csv")
    rc, _out, err = run(capsys, "render", p, "-o", tmp_path / "o.docx")
    assert_clean_failure(rc, err)
    assert f"{p}:30:3: so_lieu.tep: {tmp_path / 'vong.csv'}: đây là một liên kết (symlink) vòng quanh" in err, err
    assert not (tmp_path / "o.docx").exists()


def test_a_figures_file_name_too_long_is_named_at_its_key(tmp_path, capsys):
    name = "a" * 300 + ".csv"
    p = _sheet_yaml(tmp_path, name)
    rc, _out, err = run(capsys, "render", p, "-o", tmp_path / "o.docx")
    assert_clean_failure(rc, err)
    assert f"{p}:30:3: so_lieu.tep: " in err, err
    assert "tên tệp hoặc tên một thư mục trong đường dẫn quá dài; hãy đặt tên ngắn hơn" in err
    assert "File name too long" not in err


@pytest.mark.parametrize("kind", ["folder", "fifo", "missing"])
def test_a_figures_name_that_is_no_regular_file_is_named_at_its_key(kind, tmp_path, capsys):
    target = tmp_path / "so-lieu.csv"
    if kind == "folder":
        target.mkdir()
        want = "đây là một thư mục, không phải tệp"
    elif kind == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFO here")
        os.mkfifo(target)
        want = "không phải tệp thường"
    else:
        want = "không tìm thấy tệp số liệu"
    p = _sheet_yaml(tmp_path, "so-lieu.csv")
    rc, _out, err = run(capsys, "render", p, "-o", tmp_path / "o.docx")
    assert_clean_failure(rc, err)
    assert f"{p}:30:3: so_lieu.tep: {target}: {want}" in err, err


# --- --template that cannot be read -----------------------------------------------------------------


def _render_with_template(capsys, tmp_path: Path, template: Path) -> str:
    out = tmp_path / "o.docx"
    rc, _out, err = run(capsys, "render", VALID, "-o", out, "--template", template)
    assert_clean_failure(rc, err)
    assert not out.exists()
    return err


def test_a_template_that_is_a_folder_or_a_pipe_is_refused(tmp_path, capsys):
    folder = tmp_path / "mau.docx"
    folder.mkdir()
    err = _render_with_template(capsys, tmp_path, folder)
    assert f"{folder}: đây là một thư mục, không phải tệp" in err, err
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "ong.docx"
        os.mkfifo(fifo)
        err = _render_with_template(capsys, tmp_path, fifo)
        assert f"{fifo}: không phải tệp thường" in err, err


@needs_links
def test_a_template_that_is_a_loop_of_links_or_too_long_a_name(tmp_path, capsys):
    loop = tmp_path / "vong.docx"
    loop.symlink_to("vong.docx")
    err = _render_with_template(capsys, tmp_path, loop)
    assert f"{loop}: đây là một liên kết (symlink) vòng quanh" in err, err
    long = tmp_path / ("m" * 300 + ".docx")
    err = _render_with_template(capsys, tmp_path, long)
    assert f"{long}: tên tệp hoặc tên một thư mục trong đường dẫn quá dài" in err, err


def test_an_unreadable_template_is_refused(tmp_path, capsys, monkeypatch):
    tpl = tmp_path / "mau.docx"
    shutil.copy(TEMPLATE, tpl)
    if ROOT:  # root reads a mode-000 file: make opening it refuse as it would for a clerk
        real_open = os.open

        def refuse(path, *args, **kwargs):
            if str(path) in (str(tpl), tpl.name):
                raise PermissionError(errno.EACCES, "Permission denied")
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr(os, "open", refuse)
    else:
        tpl.chmod(0)
    try:
        err = _render_with_template(capsys, tmp_path, tpl)
    finally:
        tpl.chmod(0o600)
    assert f"{tpl}: không có quyền đọc tệp" in err, err


def test_a_template_part_named_in_the_zip_is_still_read(tmp_path, capsys):
    """The shipped template, copied, renders: the refusals above are not refusing everything."""
    tpl = tmp_path / "mau.docx"
    shutil.copy(TEMPLATE, tpl)
    out = tmp_path / "o.docx"
    rc, _out, err = run(capsys, "render", VALID, "-o", out, "--template", tpl)
    assert rc == 0, err
    assert zipfile.is_zipfile(out)


# --- what YAML 1.1 reads otherwise than the clerk meant ---------------------------------------------


def test_a_number_with_a_leading_zero_is_decimal_and_texts_keep_their_zeros(tmp_path, capsys):
    """YAML 1.1 reads "012" as octal 10 and "1.10" as 1.1: "Số 10-CV/1.1" would be printed without a word."""
    text = valid_text(
        **{"so: 12": "so: 012", "  ky_hieu: HU": "  ky_hieu: 1.10", "  ho_ten: Nguyễn Văn Thái": "  ho_ten: 2024-01-01"}
    )
    p = write_case(tmp_path, text)
    out = tmp_path / "o.docx"
    rc, _out, err = run(capsys, "render", p, "-o", out)
    assert rc == 0, err
    body = docx_text(out)
    assert "Số 12-CV/1.10" in body and "2024-01-01" in body, body


def test_a_deep_block_nesting_is_refused_not_a_recursion_error(tmp_path, capsys):
    """Within the 2 MB limit, 1300 levels of indented keys: the composer's recursion is caught."""
    text = VALID.read_text(encoding="utf-8") + "".join(" " * i + f"k{i}:\n" for i in range(1300)) + " " * 1300 + "v\n"
    p = write_case(tmp_path, text)
    rc, _out, err = run(capsys, "check", p)
    assert_clean_failure(rc, err)
    assert f"{p}:1339:1301: các mục lồng nhau quá sâu (quá 50 lớp); hãy viết phẳng hơn" in err, err
