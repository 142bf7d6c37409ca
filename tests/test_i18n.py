"""Every message speaks both languages: the code's, the catalogs', and argparse's own words."""

from __future__ import annotations

import argparse
import gettext
import shutil
import subprocess
import sys

import pytest
from babel.messages.extract import extract_from_file

from dispatch_gen import cli, i18n, i18n_tools

from .conftest import ROOT

UPDATE = "python -m dispatch_gen.i18n_tools update"
COMMANDS = ["render", "appendix", "check", "init", "schema"]
#: words of argparse's English (and of English metavars) that must not show in Vietnamese help
ENGLISH = {
    "usage",
    "positional",
    "arguments",
    "optional",
    "options",
    "show",
    "this",
    "help",
    "message",
    "and",
    "exit",
    "the",
    "of",
    "error",
    "required",
    "following",
    "input",
    "output",
    "file",
    "folder",
    "template",
    "profile",
    "command",
    "version",
    "program",
    "example",
}


@pytest.fixture(scope="module")
def template():
    return i18n_tools.extract()


def test_every_message_in_the_code_has_an_english_translation(template):
    catalog = i18n_tools.read_catalog(i18n_tools.po_path("en"), "en")
    missing = i18n_tools.untranslated(catalog, template)
    assert missing == [], f"write their English in dispatch_gen/locale/en/LC_MESSAGES/dispatch_gen.po ({UPDATE})"


def test_the_extraction_finds_the_messages(template):
    ids = {m.id for m in template if m.id}
    assert len(ids) > 150
    assert "Đã ghi {path}" in ids  # cli.py
    assert "thiếu khóa bắt buộc “{key}” ({doc})" in ids  # model.py


def test_translations_keep_the_named_fields():
    catalog = i18n_tools.read_catalog(i18n_tools.po_path("en"), "en")
    assert i18n_tools.placeholder_mismatches(catalog) == []


def test_committed_template_lists_the_code_messages(template):
    committed = {m.id for m in i18n_tools.read_catalog(i18n_tools.POT) if m.id}
    assert {m.id for m in template if m.id} - committed == set(), f"run {UPDATE}"


def test_english_catalog_in_use():
    i18n.set_language("en")
    assert i18n._("Đã ghi {path}", path="a.docx") == "Wrote a.docx"
    i18n.set_language("vi")
    assert i18n._("Đã ghi {path}", path="a.docx") == "Đã ghi a.docx"


def test_compiled_catalog_equals_the_po(tmp_path):
    """The build's .mo says what the in-memory compilation of the .po says."""
    po = tmp_path / "dispatch_gen.po"
    shutil.copy(i18n_tools.po_path("en"), po)
    (mo,) = i18n_tools.compile_catalogs([po])
    with mo.open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    memory = i18n._load("en")
    catalog = i18n_tools.read_catalog(po, "en")
    for msg in catalog:
        if msg.id:
            assert compiled.gettext(msg.id) == memory.gettext(msg.id) == msg.string


def test_build_puts_compiled_catalogs_in_the_package(tmp_path):
    """setup.py's build_py hook: the wheel ships .mo files (run in a copy: it writes egg-info)."""
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(ROOT / "dispatch_gen", src / "dispatch_gen", ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    shutil.copytree(ROOT / "templates", src / "templates")
    out = tmp_path / "build"
    run = subprocess.run(
        [sys.executable, "setup.py", "-q", "build_py", "-d", str(out)], cwd=src, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    mo = out / "dispatch_gen" / "locale" / "en" / "LC_MESSAGES" / "dispatch_gen.mo"
    with mo.open("rb") as fh:
        assert gettext.GNUTranslations(fh).gettext("Đã ghi {path}") == "Wrote {path}"


# --- argparse ------------------------------------------------------------------------------


def _help(capsys, argv: list[str]) -> str:
    with pytest.raises(SystemExit) as exc:
        cli.main(argv)
    assert exc.value.code == 0
    return capsys.readouterr().out


def _words(text: str) -> set[str]:
    """Lower-cased words, less option names (--help), file names and placeholders in braces."""
    import re

    text = re.sub(r"(?<![\w])--?[\w-]+", " ", text)  # -h, --help, --lang
    text = re.sub(r"\S+\.(yaml|docx|xlsx|json|md|pdf)\b", " ", text)
    text = re.sub(r"\{[^}]*\}", " ", text)  # {vi,en}
    return {w.lower() for w in re.findall(r"[^\W\d_]+", text)}


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_is_vietnamese_with_no_english_word(capsys, command):
    argv = ([command] if command else []) + ["--help"]
    out = _help(capsys, argv)
    assert out.startswith("Cách dùng: dispatch-gen")
    assert "tùy chọn:" in out
    assert "in hướng dẫn này rồi thoát" in out
    assert "Ví dụ: dispatch-gen" in out  # every command has an example line
    assert _words(out) & ENGLISH == set(), out


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_in_english_has_no_vietnamese(capsys, command):
    argv = ([command] if command else []) + ["--lang", "en", "--help"]
    out = _help(capsys, argv)
    assert out.startswith("usage: dispatch-gen")
    assert "Example: dispatch-gen" in out
    letters = {ch for ch in out if ch.isalpha() and not ch.isascii()}
    assert letters == set(), out


def test_usage_errors_in_vietnamese(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["render"])
    assert exc.value.code == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert "Cách dùng: dispatch-gen render" in err
    assert "dispatch-gen render: lỗi: thiếu tham số bắt buộc: TỆP.yaml" in err
    with pytest.raises(SystemExit):
        cli.main(["render", "a.yaml", "--khong-co"])
    assert "lỗi: không hiểu tham số: --khong-co" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli.main(["ve"])
    assert "lựa chọn không hợp lệ: 've'" in capsys.readouterr().err


def test_usage_errors_in_english(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["render", "--lang=en"])
    assert exc.value.code == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert "usage: dispatch-gen render" in err
    assert "error: the following arguments are required: INPUT.yaml" in err


def test_argparse_is_left_as_it_was():
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    assert argparse._ is gettext.gettext  # type: ignore[attr-defined]
    assert argparse.ngettext is gettext.ngettext  # type: ignore[attr-defined]


def test_every_argparse_message_of_this_python_has_vietnamese():
    found = [
        msg
        for _line, msg, _comments, _ctx in extract_from_file(
            "python", argparse.__file__, keywords={"_": None, "ngettext": (1, 2)}
        )
    ]
    ids = [m for msg in found for m in (msg if isinstance(msg, tuple) else (msg,))]
    assert "usage: " in ids
    assert [m for m in ids if m not in i18n.ARGPARSE_VI] == []
