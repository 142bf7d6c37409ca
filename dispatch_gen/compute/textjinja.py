"""Jinja inside the YAML's texts, evaluated in a sandbox.

Texts written by the office (the body, footnotes, the subject) may refer to the data and the
computed figures: ``{{ tong.dat }}/{{ tong.chi_tieu }}``, ``{{ khen | danh_sach }}``. They are
evaluated in an immutable sandbox with strict undefined variables; an inserted value is
escaped for the light markup, so a unit named "A*B" stays literal, "A|B" stays in its cell of a
table (and "A&amp;B" too: the markup decodes no entity, so a value is not HTML-escaped either).
The result is light markup, parsed next by :mod:`dispatch_gen.compute.markup`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, DecimalException
from functools import lru_cache
from typing import Any

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError, nodes
from jinja2.sandbox import SecurityError
from markupsafe import Markup

from dispatch_gen import vn
from dispatch_gen.compute import marks
from dispatch_gen.compute.jinjalimits import BoundedSandbox, TooLarge, new_budget, reset_budget, template_line
from dispatch_gen.i18n import _

_MD_SPECIAL = re.compile(r"([\\*_\[\]`|])")
#: the most digits an integer may have to be printed (with thousands dots) in a text
MAX_PRINTED_DIGITS = 27
#: "'<' not supported between instances of 'NoneType' and 'decimal.Decimal'": a rate of a unit without a quota
_NONE_COMPARED = re.compile(r"not supported between instances of .*'NoneType'")


@dataclass(frozen=True)
class _Printed:
    """A value printed by ``{{ … }}``, with the key it was printed from."""

    key: str
    value: Any


def _finalize(value: Any) -> Any:
    """Escape an inserted value for the light markup (entities are not markup: no HTML escaping)."""
    if isinstance(value, _Printed):
        return Markup(marks.wrap(value.key, str(_finalize(value.value))))
    if isinstance(value, Markup):
        return value
    return Markup(_MD_SPECIAL.sub(r"\\\1", _printable(value)))


def _finalize_plain(value: Any) -> Any:
    """An inserted value in a plain text (a recipient, the subject, a heading): printed, not escaped."""
    if isinstance(value, _Printed):
        return Markup(marks.wrap(value.key, str(_finalize_plain(value.value))))
    if isinstance(value, Markup):
        return value
    return Markup(_printable(value))


def _printable(value: Any) -> str:
    """A value as a text prints it: a date 05/8/2024, a decimal 62,89, 12.345, "có"/"không"."""
    if isinstance(value, date):
        value = vn.text_date(value)
    elif isinstance(value, Decimal):
        value = vn.format_number(value, vn.decimal_places(value))
    elif isinstance(value, bool):
        value = "có" if value else "không"
    elif isinstance(value, int) and abs(value) >= 10000:
        if abs(value) >= 10**MAX_PRINTED_DIGITS:  # past the decimal precision the grouping needs
            raise TooLarge(_("số quá lớn để in (hơn {n} chữ số)", n=MAX_PRINTED_DIGITS))
        value = vn.format_number(value)  # 12.345; a year (2024) or a count under 10.000 prints as is
    return str(value)


def _names(items: Any) -> list[str]:
    return [i["ten"] if isinstance(i, dict) and "ten" in i else str(i) for i in items]


def _filter_list(items: Any, ket: str | None = None) -> str:
    """``{{ khen | danh_sach }}`` → "A, B và C"; ``danh_sach(", ")`` → commas only."""
    return vn.join_list(_names(items), last=ket)


def _filter_prefix(items: Any, ket: str = ", ") -> str:
    return vn.join_shared_prefix(_names(items), last=ket)


def _filter_number(value: Any, chu_so: int = 0) -> str:
    return vn.format_number(value, chu_so) if value is not None else "-"


def _filter_percent(value: Any, chu_so: int | None = None) -> str:
    if value is None:
        return "-"
    digits = chu_so if chu_so is not None else vn.decimal_places(Decimal(value))
    return vn.format_percent(Decimal(value), digits)


def _filter_date(value: date) -> str:
    return vn.text_date(value)


def _filter_header_date(value: date) -> str:
    return vn.header_date(value)


FILTERS = {
    # HTML escaping means nothing on a Word page: ``e``/``escape``/``forceescape`` escape for the
    # light markup, as every inserted value is, so "A&B" prints "A&B", never "A&amp;B"
    "e": _finalize,
    "escape": _finalize,
    "forceescape": _finalize,
    "danh_sach": _filter_list,
    "gop_tien_to": _filter_prefix,
    "so": _filter_number,
    "phan_tram": _filter_percent,
    "ngay": _filter_date,
    "ngay_thang_nam": _filter_header_date,
    "ten": _names,
}


_TIGHT_AFTER = frozenset(".([")
_TIGHT_BEFORE = frozenset(".()[],")


def _expression_keys(env: BoundedSandbox, source: str) -> list[str]:
    """The text of each ``{{ … }}`` of ``source``, in order, spaced one way: "khen | danh_sach(", ")"."""
    keys: list[str] = []
    tokens: list[str] | None = None
    for _line, kind, value in env.lex(source):
        if kind == "variable_begin":
            tokens = []
        elif kind == "variable_end" and tokens is not None:
            key = ""
            for i, tok in enumerate(tokens):
                if i and tok not in _TIGHT_BEFORE and tokens[i - 1] not in _TIGHT_AFTER:
                    key += " "
                key += tok
            keys.append(key)
            tokens = None
        elif tokens is not None and kind != "whitespace":
            tokens.append(value)
    return keys


class TextSandbox(BoundedSandbox):
    """The bounded sandbox of the texts, whose every ``{{ … }}`` prints its value with its key."""

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        printed = [
            (output, i)
            for output in tree.find_all(nodes.Output)
            for i, n in enumerate(output.nodes)
            if not isinstance(n, nodes.TemplateData)
        ]
        try:
            keys = _expression_keys(self, source)
        except TemplateSyntaxError:
            keys = []
        if len(keys) != len(printed):  # not one key per printed expression: a generic key each
            keys = [f"gia_tri_{i + 1}" for i in range(len(printed))]
        for (output, i), key in zip(printed, keys, strict=True):
            node = output.nodes[i]
            output.nodes[i] = nodes.Call(
                nodes.EnvironmentAttribute("printed"), [nodes.Const(key), node], [], None, None, lineno=node.lineno
            )
        return tree

    @staticmethod
    def printed(key: str, value: Any) -> _Printed:
        return _Printed(key, value)


@lru_cache(maxsize=2)
def environment(plain: bool = False) -> BoundedSandbox:
    """The sandboxed environment for user texts (shared; it holds no per-render state).

    ``plain``: for the texts without light markup (recipients, subject, signature, headings):
    inserted values are not escaped for it, so "A_B" prints "A_B" there too; a printed value
    carries its key all the same.
    """
    finalize = _finalize_plain if plain else _finalize
    env = TextSandbox(autoescape=True, undefined=StrictUndefined, finalize=finalize, keep_trailing_newline=True)
    env.filters.update(FILTERS)
    if plain:
        env.filters.update({"e": _finalize_plain, "escape": _finalize_plain, "forceescape": _finalize_plain})
    return env


class TextError(Exception):
    """A user text failed to evaluate: ``line`` is 1-based within the text."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@lru_cache(maxsize=512)
def _compile(text: str, plain: bool = False) -> Any:
    return environment(plain).from_string(text)


MAX_NESTING = 100


def _check_nesting(text: str) -> None:
    """Refuse brackets nested past MAX_NESTING before the parser recurses into them."""
    depth = 0
    line = 1
    for ch in text:
        if ch in "([":
            depth += 1
            if depth > MAX_NESTING:
                raise TextError(_("biểu thức quá lớn / quá sâu: ngoặc lồng nhau quá {n} lớp", n=MAX_NESTING), line)
        elif ch in ")]":
            depth = max(depth - 1, 0)
        elif ch == "\n":
            line += 1


def evaluate(text: str, context: dict[str, Any], keep_marks: bool = False, plain: bool = False) -> str:
    """Evaluate ``text``'s Jinja against ``context``; the result is light markup (``plain``: plain text).

    ``keep_marks``: each printed value keeps the sentinels carrying its key
    (:mod:`dispatch_gen.compute.marks`), for :mod:`dispatch_gen.compute.markup` to take out.
    """
    if "{" not in text:
        return text
    _check_nesting(text)
    token = new_budget()
    try:
        out = str(_compile(text, plain).render(context))
        return out if keep_marks else marks.strip(out)
    except TooLarge as exc:
        raise TextError(_("biểu thức quá lớn / quá sâu: {error}", error=str(exc)), template_line(exc)) from None
    except (RecursionError, MemoryError, DecimalException) as exc:
        raise TextError(_("biểu thức quá lớn / quá sâu"), template_line(exc)) from None
    except TemplateSyntaxError as exc:
        raise TextError(_("lỗi cú pháp trong biểu thức {{{{ … }}}}: {error}", error=exc.message), exc.lineno) from None
    except UndefinedError as exc:
        raise TextError(_("biểu thức dùng tên chưa có: {error}", error=exc.message), template_line(exc)) from None
    except SecurityError as exc:
        raise TextError(_("biểu thức không được phép: {error}", error=str(exc)), template_line(exc)) from None
    except (TemplateError, TypeError, ValueError, ArithmeticError, AttributeError, KeyError, IndexError) as exc:
        message = _("biểu thức lỗi: {error}", error=str(exc))
        if isinstance(exc, TypeError) and _NONE_COMPARED.search(str(exc)):
            message = _(
                "biểu thức so sánh hay sắp xếp một giá trị trống: đơn vị có chỉ tiêu 0 không có tỷ lệ (ty_le) "
                "và xếp hạng (hang); hãy bỏ các đơn vị đó trước, ví dụ "
                "“don_vi | rejectattr('ty_le', 'none') | sort(attribute='ty_le')”"
            )
        raise TextError(message, template_line(exc)) from None
    finally:
        reset_budget(token)
