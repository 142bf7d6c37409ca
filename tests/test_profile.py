"""Profiles are typed: unknown or missing keys are refused where they are written; profiles
inherit (``ke_thua``); ``the_thuc: dang`` chooses the Party rule set by the document's date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from docx import Document

from dispatch_gen import pipeline
from dispatch_gen.errors import InputError
from dispatch_gen.input import profile as profiles

from .conftest import party_yaml


def _write(folder: Path, the_thuc: str = "dang", ngay: str = "05/3/2024") -> Path:
    path = folder / "cong-van.yaml"
    text = party_yaml(
        the_thuc=the_thuc,
        so=12,
        ngay=ngay,
        trich_yeu="Về việc báo cáo",
        kinh_gui=["Các chi bộ trực thuộc", "Ban Tổ chức Đảng ủy"],
        noi_dung="Đề nghị các đơn vị báo cáo đúng hạn.",
    )
    path.write_text(text, encoding="utf-8")
    return path


def _problems(path: Path) -> list[str]:
    with pytest.raises(InputError) as exc:
        pipeline.load(path)
    return [str(p) for p in exc.value.problems]


def test_shipped_names_still_work():
    assert profiles.names() == ["dang", "dang-hd05", "dang-hd36", "nha_nuoc"]
    assert profiles.load("dang")["name"] == "dang-hd36"  # without a date, "dang" is HD 36
    assert profiles.load("nha_nuoc")["recipients"]["separator"] == ";"


def test_hd05_inherits_and_states_only_what_differs():
    hd05, hd36 = profiles.load("dang-hd05"), profiles.load("dang-hd36")
    assert hd05["name"] == "dang-hd05"
    assert hd05["recipients"]["separator"] == ";" and hd36["recipients"]["separator"] == ","
    assert hd05["noi_nhan"]["separator"] == ";" and hd36["noi_nhan"]["separator"] == ","
    assert hd05["recipients"]["last"] == "." and hd05["noi_nhan"]["last"] == "."
    assert hd05["body"]["end_mark"] == ""
    # everything not stated is inherited
    assert hd05["header"]["national"]["lines"] == ["ĐẢNG CỘNG SẢN VIỆT NAM"]
    assert hd05["noi_nhan"]["item_size"] == 12
    assert hd05["page"]["left_mm"] == 30


@pytest.mark.parametrize(
    ("issued", "year", "today", "expected"),
    [
        (date(2024, 3, 5), 2024, None, "dang-hd36"),
        (date(2026, 5, 26), None, None, "dang-hd36"),
        (date(2026, 5, 27), None, None, "dang-hd05"),
        (None, 2026, date(2026, 12, 1), "dang-hd05"),  # a draft of this year: today's rules
        (None, 2026, date(2026, 3, 1), "dang-hd36"),
        (None, 2025, date(2026, 12, 1), "dang-hd36"),  # a draft of a past year: that year's
        (None, 2027, date(2026, 12, 1), "dang-hd05"),
    ],
)
def test_dang_chooses_by_date(issued, year, today, expected):
    assert profiles.choose("dang", issued, year, today) == expected


def test_forced_rule_set_is_kept():
    assert profiles.choose("dang-hd36", date(2026, 12, 1), 2026) == "dang-hd36"
    assert profiles.choose("dang-hd05", date(2024, 3, 5), 2024) == "dang-hd05"


def _noi_nhan_and_kinh_gui(path: Path, tmp_path: Path) -> list[str]:
    out = tmp_path / "out.docx"
    pipeline.render_file(path, out)
    texts = [p.text for p in Document(str(out)).paragraphs]
    texts += [p.text for t in Document(str(out)).tables for c in t._cells for p in c.paragraphs]
    return texts


def test_same_yaml_dated_2025_and_2026_renders_with_each_rule_set(tmp_path):
    old = _noi_nhan_and_kinh_gui(_write(tmp_path, ngay="10/3/2025"), tmp_path)
    assert "Kính gửi:\t- Các chi bộ trực thuộc," in old and "- Như trên," in old
    new = _noi_nhan_and_kinh_gui(_write(tmp_path, ngay="10/6/2026"), tmp_path)
    assert "Kính gửi:\t- Các chi bộ trực thuộc;" in new and "- Ban Tổ chức Đảng ủy." in new
    assert "- Như trên;" in new and "- Lưu VPĐU." in new
    assert pipeline.load(_write(tmp_path, ngay="10/6/2026")).rule_set == "dang-hd05"
    forced = _noi_nhan_and_kinh_gui(_write(tmp_path, "dang-hd36", "10/6/2026"), tmp_path)
    assert "- Như trên," in forced


def test_user_profile_inherits_and_overrides(tmp_path):
    (tmp_path / "ho-so.yaml").write_text('ke_thua: dang-hd05\nnoi_nhan:\n  separator: ","\n', encoding="utf-8")
    ld = pipeline.load(_write(tmp_path, "ho-so.yaml", "10/6/2026"))
    assert ld.profile["name"] == "ho-so"  # a file names itself; the name is not inherited
    assert ld.profile["noi_nhan"]["separator"] == ","
    assert ld.profile["recipients"]["separator"] == ";"
    texts = _noi_nhan_and_kinh_gui(_write(tmp_path, "ho-so.yaml", "10/6/2026"), tmp_path)
    assert "- Như trên," in texts and "Kính gửi:\t- Các chi bộ trực thuộc;" in texts


def test_typo_in_a_profile_is_refused_where_it_is_written(tmp_path):
    (tmp_path / "ho-so.yaml").write_text("ke_thua: dang-hd36\nnoi_nhan:\n  separater: ';'\n", encoding="utf-8")
    problems = _problems(_write(tmp_path, "ho-so.yaml"))
    assert problems == [
        f"{tmp_path / 'ho-so.yaml'}:3:3: noi_nhan.separater: "
        "khóa “separater” không có trong hồ sơ thể thức (có phải “separator”?)"
    ]


def test_missing_key_and_wrong_type_are_refused(tmp_path):
    text = (profiles.PROFILE_DIR / "dang-hd36.yaml").read_text(encoding="utf-8")
    text = text.replace('  end_mark: ""', '  end_marks: ""').replace("  blank_lines: 4 ", "  blank_lines: yes")
    (tmp_path / "ho-so.yaml").write_text(text, encoding="utf-8")
    problems = _problems(_write(tmp_path, "ho-so.yaml"))
    file = tmp_path / "ho-so.yaml"
    lines = text.splitlines()
    end_line = next(i for i, line in enumerate(lines, 1) if "end_marks" in line)
    blank_line = next(i for i, line in enumerate(lines, 1) if "blank_lines" in line)
    body_line = next(i for i, line in enumerate(lines, 1) if line == "body:")
    missing = "thiếu khóa “end_mark”; ghi giá trị của nó (null nếu không dùng) hoặc kế thừa bằng “ke_thua”"
    assert f"{file}:{body_line}:1: body.end_mark: {missing}" in problems
    assert any(p.startswith(f"{file}:{end_line}:3: body.end_marks: khóa “end_marks” không có") for p in problems)
    assert f"{file}:{blank_line}:3: signature.blank_lines: cần số nguyên" in problems


def test_user_profile_outside_the_folder_is_refused(tmp_path):
    inner = tmp_path / "thu-muc"
    inner.mkdir()
    (tmp_path / "ho-so.yaml").write_text("ke_thua: dang-hd36\n", encoding="utf-8")
    problems = _problems(_write(inner, "../ho-so.yaml"))
    assert len(problems) == 1 and "the_thuc: tệp “../ho-so.yaml” nằm ngoài thư mục của tệp YAML" in problems[0]


def test_inheritance_cycle_and_unknown_parent(tmp_path):
    (tmp_path / "a.yaml").write_text("ke_thua: b.yaml\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("ke_thua: a.yaml\n", encoding="utf-8")
    assert "kế thừa vòng tròn" in _problems(_write(tmp_path, "a.yaml"))[0]
    (tmp_path / "c.yaml").write_text("ke_thua: dang-hd3\n", encoding="utf-8")
    problem = _problems(_write(tmp_path, "c.yaml"))[0]
    assert problem.startswith(f"{tmp_path / 'c.yaml'}:1:1: ke_thua: không có hồ sơ thể thức “dang-hd3”")


def test_unknown_the_thuc_suggests_a_name(tmp_path):
    problem = _problems(_write(tmp_path, "dangg"))[0]
    assert "the_thuc: không có hồ sơ thể thức “dangg”" in problem and "(có phải “dang”?)" in problem


def test_render_names_the_rule_set_and_the_docx_records_it(tmp_path, capsys):
    from dispatch_gen import cli, i18n
    from dispatch_gen.wml import properties

    path, out = _write(tmp_path, ngay="10/6/2026"), tmp_path / "out.docx"
    assert cli.main(["render", str(path), "-o", str(out)]) == cli.EXIT_OK
    assert "thể thức: dang-hd05 (chọn theo ngày 10/06/2026)\n" in capsys.readouterr().out
    assert properties.read(out) == {"dispatch-gen:the_thuc": "dang-hd05"}
    # check of the .docx follows the recorded rule set (";" separators pass)
    assert cli.main(["check", str(out)]) == cli.EXIT_OK
    assert "đúng thể thức “dang-hd05”" in capsys.readouterr().out
    i18n.set_language("en")
    assert cli.main(["--lang", "en", "render", str(_write(tmp_path, "dang-hd36")), "-o", str(out)]) == cli.EXIT_OK
    assert "rule set: dang-hd36\n" in capsys.readouterr().out
    assert properties.read(out) == {"dispatch-gen:the_thuc": "dang-hd36"}


def test_check_of_a_yaml_honours_profile(tmp_path, capsys):
    from dispatch_gen import cli

    path = _write(tmp_path, ngay="10/6/2026")
    assert cli.main(["check", str(path)]) == cli.EXIT_OK
    assert "thể thức: dang-hd05 (chọn theo ngày 10/06/2026)" in capsys.readouterr().out
    assert cli.main(["check", str(path), "--profile", "dang-hd36"]) == cli.EXIT_OK
    assert "thể thức: dang-hd36\n" in capsys.readouterr().out
    # the state profile refuses the Party signature form: --profile was really used
    assert cli.main(["check", str(path), "--profile", "nha_nuoc"]) == cli.EXIT_INPUT
    assert "“T/M” không phải thể thức đề ký hợp lệ của hồ sơ “nha_nuoc”" in capsys.readouterr().err
