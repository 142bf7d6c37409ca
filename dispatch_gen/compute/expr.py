"""A small, bounded arithmetic over a unit's fields: ``chi_tieu - dat``, ``dat * 100 / chi_tieu``.

Numbers, field names (``ton_giao.dat``), ``+ - * /``, unary minus and parentheses; nothing
else (no calls, no attributes, no Python): the text is parsed once into a tree, then evaluated
per unit with :class:`~decimal.Decimal` arithmetic. At most :data:`MAX_CHARS` characters and
:data:`MAX_DEPTH` nested levels. A missing value (a unit without a quota) or a division by
zero gives ``None``: the cell prints as having no value.

>>> e = parse("chi_tieu - dat")
>>> e.names, e.evaluate({"chi_tieu": Decimal(5), "dat": Decimal(3)})
(('chi_tieu', 'dat'), Decimal('2'))
>>> parse("(dat + 1) * 100 / chi_tieu").evaluate({"dat": Decimal(1), "chi_tieu": Decimal(8)})
Decimal('25')
>>> parse("dat / chi_tieu").evaluate({"dat": Decimal(1), "chi_tieu": Decimal(0)}) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, DecimalException, localcontext
from typing import Any

from dispatch_gen.i18n import _

MAX_CHARS = 500
MAX_DEPTH = 30
#: a result this large is a slip (a product of counts), not a figure to print
MAX_RESULT = Decimal(10) ** 18
_TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?)|(.))")


class ExprError(ValueError):
    """A malformed expression; ``column``: where in the text (1-based)."""

    def __init__(self, message: str, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.column = column


@dataclass(frozen=True)
class Expr:
    text: str
    tree: Any
    names: tuple[str, ...]

    def evaluate(self, values: Mapping[str, Decimal | None]) -> Decimal | None:
        """The value for one unit (``values``: every name of :attr:`names`); ``None`` if undefined."""
        with localcontext() as ctx:
            ctx.prec = 34
            try:
                result = _eval(self.tree, values)
            except (ZeroDivisionError, DecimalException):
                return None
        if result is not None and abs(result) >= MAX_RESULT:
            return None
        return result


def _eval(node: Any, values: Mapping[str, Decimal | None]) -> Decimal | None:
    kind = node[0]
    if kind == "num":
        return node[1]
    if kind == "name":
        return values.get(node[1])
    if kind == "neg":
        v = _eval(node[1], values)
        return None if v is None else -v
    a, b = _eval(node[1], values), _eval(node[2], values)
    if a is None or b is None:
        return None
    if kind == "+":
        return a + b
    if kind == "-":
        return a - b
    if kind == "*":
        return a * b
    if b == 0:
        return None
    return a / b


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens: list[tuple[str, Any, int]] = []
        pos = 0
        while pos < len(text):
            m = _TOKEN.match(text, pos)
            if m is None:  # only trailing spaces are left
                break
            start = m.start(m.lastindex or 0) + 1
            if m.group(1):
                self.tokens.append(("num", Decimal(m.group(1)), start))
            elif m.group(2):
                self.tokens.append(("name", m.group(2), start))
            elif m.group(3):
                ch = m.group(3)
                if ch not in "+-*/()":
                    raise ExprError(
                        _("ký tự “{char}” không dùng được trong biểu thức; chỉ có + - * / và ngoặc", char=ch), start
                    )
                self.tokens.append((ch, ch, start))
            pos = m.end()
        self.i = 0
        self.end = len(text) + 1
        self.names: list[str] = []

    def peek(self) -> str | None:
        return self.tokens[self.i][0] if self.i < len(self.tokens) else None

    def where(self) -> int:
        return self.tokens[self.i][2] if self.i < len(self.tokens) else self.end

    def expr(self, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise ExprError(_("biểu thức lồng quá {n} lớp", n=MAX_DEPTH), self.where())
        node = self.term(depth)
        while self.peek() in ("+", "-"):
            op = self.tokens[self.i][0]
            self.i += 1
            node = (op, node, self.term(depth))
        return node

    def term(self, depth: int) -> Any:
        node = self.factor(depth)
        while self.peek() in ("*", "/"):
            op = self.tokens[self.i][0]
            self.i += 1
            node = (op, node, self.factor(depth))
        return node

    def factor(self, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise ExprError(_("biểu thức lồng quá {n} lớp", n=MAX_DEPTH), self.where())
        kind = self.peek()
        if kind is None:
            raise ExprError(_("biểu thức dừng giữa chừng; cần thêm một số hoặc một trường"), self.where())
        token = self.tokens[self.i]
        self.i += 1
        if kind == "num":
            return ("num", token[1])
        if kind == "name":
            self.names.append(token[1])
            return ("name", token[1])
        if kind in ("-", "+"):
            inner = self.factor(depth + 1)
            return ("neg", inner) if kind == "-" else inner
        if kind == "(":
            node = self.expr(depth + 1)
            if self.peek() != ")":
                raise ExprError(_("thiếu dấu “)” đóng ngoặc"), self.where())
            self.i += 1
            return node
        raise ExprError(_("không chờ dấu “{char}” ở đây", char=token[1]), token[2])


def parse(text: str) -> Expr:
    """Parse ``text`` once; raise :class:`ExprError` (with the column) if it is not an expression."""
    if len(text) > MAX_CHARS:
        raise ExprError(_("biểu thức dài quá {n} ký tự", n=MAX_CHARS), MAX_CHARS + 1)
    if not text.strip():
        raise ExprError(_("biểu thức trống"), 1)
    p = _Parser(text)
    tree = p.expr(0)
    if p.i < len(p.tokens):
        raise ExprError(_("không chờ “{text}” ở đây", text=p.tokens[p.i][1]), p.where())
    return Expr(text, tree, tuple(dict.fromkeys(p.names)))
