"""Messages in the user's language.

Message ids are written in Vietnamese, the users' language and the default; the English
catalog (``locale/en/LC_MESSAGES/dispatch_gen.po``) translates them. A missing English
translation falls back to the Vietnamese text, never to nothing.
"""

from __future__ import annotations

import contextlib
import gettext
import io
from collections.abc import Iterator
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "dispatch_gen"
LANGUAGES = ("vi", "en")

_current = "vi"
_catalogs: dict[str, gettext.NullTranslations] = {}


def compile_po(po: Path) -> bytes:
    """The .mo bytes of a .po catalogue: the one compiler of the build (setup.py), the
    ``i18n_tools compile`` command and an editable install. Needs only Babel: setup.py loads
    this file by path, before the package is importable."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as fh:
        catalog = read_po(fh)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    return buf.getvalue()


def _load(lang: str) -> gettext.NullTranslations:
    """Load the compiled catalog, or compile the .po in memory (editable installs)."""
    if lang in _catalogs:
        return _catalogs[lang]
    trans: gettext.NullTranslations = gettext.NullTranslations()
    mo = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    po = mo.with_suffix(".po")
    if mo.exists():
        with mo.open("rb") as fh:
            trans = gettext.GNUTranslations(fh)
    elif po.exists():
        trans = gettext.GNUTranslations(io.BytesIO(compile_po(po)))
    _catalogs[lang] = trans
    return trans


def set_language(lang: str) -> None:
    """Choose the language of every later message ("vi" or "en")."""
    global _current
    if lang not in LANGUAGES:
        raise ValueError(lang)
    _current = lang


def get_language() -> str:
    return _current


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it now (translated where printed)."""
    return message


def _(message: str, **params: object) -> str:
    """Translate ``message`` (a Vietnamese msgid) and fill its ``{named}`` fields."""
    text = message if _current == "vi" else _load(_current).gettext(message)
    return text.format(**params) if params else text


# --- argparse's own words ----------------------------------------------------------------
# argparse writes "usage:", "options", its help line and its error messages through
# ``gettext`` of the "argparse" domain, for which no Vietnamese catalog exists anywhere.
# The CLI installs these translations while it builds its parser and parses the command
# line (:func:`argparse_in_language`), and only then, so other argparse users in the same
# process (pytest, say) keep their own words. Keys are argparse's msgids (Python 3.11–3.13).

ARGPARSE_VI: dict[str, str] = {
    "usage: ": "Cách dùng: ",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "optional arguments": "tùy chọn",
    "show this help message and exit": "in hướng dẫn này rồi thoát",
    "show program's version number and exit": "in số phiên bản rồi thoát",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "unrecognized arguments: %s": "không hiểu tham số: %s",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "not allowed with argument %s": "không dùng được cùng tham số %s",
    "ignored explicit argument %r": "tham số %r bị bỏ qua",
    "expected one argument": "cần một giá trị",
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "expected %s argument": "cần %s giá trị",
    "expected %s arguments": "cần %s giá trị",
    "ambiguous option: %(option)s could match %(matches)s": "tùy chọn %(option)s không rõ, có thể là %(matches)s",
    "unexpected option string: %s": "tùy chọn không mong đợi: %s",
    "invalid %(type)s value: %(value)r": "giá trị %(type)s không hợp lệ: %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "lựa chọn không hợp lệ: %(value)r (chọn một trong %(choices)s)"
    ),
    "invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)": (
        "lựa chọn không hợp lệ: %(value)r, có phải %(closest)r? (chọn một trong %(choices)s)"
    ),
    "unknown parser %(parser_name)r (choices: %(choices)s)": "không có lệnh %(parser_name)r (các lệnh: %(choices)s)",
    "can't open '%(filename)s': %(error)s": "không mở được “%(filename)s”: %(error)s",
    'argument "-" with mode %r': "tham số “-” với chế độ %r",
    "option '%(option)s' is deprecated": "tùy chọn “%(option)s” đã cũ",
    "argument '%(argument_name)s' is deprecated": "tham số “%(argument_name)s” đã cũ",
    "command '%(parser_name)s' is deprecated": "lệnh “%(parser_name)s” đã cũ",
    # errors in the program's own parser definition: a developer reads them, but in one language
    ".__call__() not defined": ".__call__() chưa được định nghĩa",
    "conflicting subparser: %s": "lệnh con trùng tên: %s",
    "conflicting subparser alias: %s": "tên khác của lệnh con bị trùng: %s",
    "cannot merge actions - two groups are named %r": "không gộp được: hai nhóm cùng tên %r",
    "'required' is an invalid argument for positionals": "“required” không dùng được cho tham số vị trí",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r": (
        "tùy chọn %(option)r không hợp lệ: phải bắt đầu bằng ký tự %(prefix_chars)r"
    ),
    "dest= is required for options like %r": "cần dest= cho tùy chọn như %r",
    "invalid conflict_resolution value: %r": "giá trị conflict_resolution không hợp lệ: %r",
    "conflicting option string: %s": "tùy chọn trùng: %s",
    "conflicting option strings: %s": "các tùy chọn trùng: %s",
    "mutually exclusive arguments must be optional": "các tham số loại trừ nhau phải là tùy chọn",
    "cannot have multiple subparser arguments": "không thể có nhiều nhóm lệnh con",
    "%r is not callable": "%r không gọi được",
}


def _argparse_gettext(message: str) -> str:
    return ARGPARSE_VI.get(message, message) if _current == "vi" else message


def _argparse_ngettext(singular: str, plural: str, n: int) -> str:
    return _argparse_gettext(singular if n == 1 else plural)


@contextlib.contextmanager
def argparse_in_language() -> Iterator[None]:
    """Within the block, argparse speaks the current language (Vietnamese by default)."""
    import argparse

    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _argparse_gettext, _argparse_ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]
