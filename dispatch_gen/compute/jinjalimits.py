"""Bounds on what a Jinja text may cost: output size, loop steps, number and string sizes.

The sandbox alone stops unsafe attribute access, not ``'x' * 10**9``, ``2 ** 10**8``,
``'%99999999d' | format(1)`` or nested ``range`` loops, which end in MemoryError or run
for minutes. :class:`BoundedSandbox` checks every operator, call, loop step and printed
value against the limits below and raises :class:`TooLarge` ("biểu thức quá lớn / quá
sâu") before the cost is paid. The budget is per evaluation (a context variable).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from decimal import Decimal
from typing import Any

from jinja2 import nodes
from jinja2.filters import do_center, do_indent, do_replace
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEscapeFormatter, SandboxedFormatter
from markupsafe import Markup

from dispatch_gen import diskcache
from dispatch_gen.i18n import _

MAX_SIZE = 200_000  # characters of a string, items of a list, characters printed in all
MAX_STEPS = 200_000  # loop iterations plus calls in one evaluation
MAX_INT_BITS = 4_096  # about 1233 decimal digits
MAX_WIDTH = 1_000  # a format width or precision, an indent or center width


class TooLarge(Exception):
    """An expression would exceed a bound; the message is for the user."""


class _Budget:
    __slots__ = ("output", "steps")

    def __init__(self) -> None:
        self.steps = 0
        self.output = 0


_budget: ContextVar[_Budget | None] = ContextVar("dispatch_gen_jinja_budget", default=None)


def new_budget() -> Any:
    """Start a fresh budget for one evaluation; returns the token to reset it with."""
    return _budget.set(_Budget())


def reset_budget(token: Any) -> None:
    _budget.reset(token)


def _step(n: int = 1) -> None:
    budget = _budget.get()
    if budget is None:
        return
    budget.steps += n
    if budget.steps > MAX_STEPS:
        raise TooLarge(_("quá {n} bước lặp hoặc lời gọi", n=MAX_STEPS))


def size(value: Any, limit: int = MAX_SIZE) -> int:
    """The characters/items ``value`` holds, counted into nested lists; stops past ``limit``."""
    if isinstance(value, str | bytes):
        return len(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value.bit_length() // 3 + 1
    if isinstance(value, list | tuple | set | frozenset | dict):
        total = len(value)
        stack = [iter(value.values() if isinstance(value, dict) else value)]
        while stack and total <= limit:
            for item in stack[-1]:
                if isinstance(item, list | tuple | set | frozenset | dict):
                    total += len(item)
                    stack.append(iter(item.values() if isinstance(item, dict) else item))
                    break
                total += len(item) if isinstance(item, str) else 1
                if total > limit:
                    break
            else:
                stack.pop()
        return total
    return 1


def template_line(exc: BaseException) -> int:
    """The line of the Jinja source where a runtime error happened (Jinja rewrites the traceback)."""
    line = 1
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _check_size(value: Any) -> Any:
    if size(value) > MAX_SIZE:
        raise TooLarge(_("kết quả quá {n} ký tự hoặc phần tử", n=MAX_SIZE))
    return value


def _check_int(value: Any) -> Any:
    if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
        raise TooLarge(_("số quá lớn (quá {n} bit)", n=MAX_INT_BITS))
    return value


def _check_width(*widths: Any) -> None:
    for w in widths:
        if isinstance(w, int | float) and not isinstance(w, bool) and abs(w) > MAX_WIDTH:
            raise TooLarge(_("độ rộng {w} quá {n}", w=w, n=MAX_WIDTH))
        if isinstance(w, str) and len(w) > MAX_WIDTH:
            raise TooLarge(_("độ rộng quá {n} ký tự", n=MAX_WIDTH))


_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")
_NUMBER = re.compile(r"\d+")


def _check_percent_format(fmt: str) -> None:
    for m in _PERCENT_SPEC.finditer(fmt):
        for part in m.groups():
            if part == "*":
                raise TooLarge(_("độ rộng “*” không được phép"))
            if part and int(part) > MAX_WIDTH:
                raise TooLarge(_("độ rộng {w} quá {n}", w=part, n=MAX_WIDTH))


def _check_brace_spec(spec: str) -> None:
    for number in _NUMBER.findall(spec):
        if len(number) > 4 or int(number) > MAX_WIDTH:
            raise TooLarge(_("độ rộng {w} quá {n}", w=number, n=MAX_WIDTH))


#: numbers: ``*`` and ``+`` on them make no long string or list (a rate is a Decimal)
_NUMBERS = (int, float, Decimal)


def _binop(operator: str, left: Any, right: Any) -> Any:
    ints = isinstance(left, int) and isinstance(right, int)
    if operator == "**" and ints:
        if right > 0 and abs(left) > 1 and right * left.bit_length() > MAX_INT_BITS + 64:
            raise TooLarge(_("số quá lớn (quá {n} bit)", n=MAX_INT_BITS))
    elif operator == "*":
        if ints:
            if left.bit_length() + right.bit_length() > MAX_INT_BITS + 64:
                raise TooLarge(_("số quá lớn (quá {n} bit)", n=MAX_INT_BITS))
        elif isinstance(right, int) and not isinstance(left, _NUMBERS):
            if right > 0 and size(left) * right > MAX_SIZE:
                raise TooLarge(_("kết quả quá {n} ký tự hoặc phần tử", n=MAX_SIZE))
        elif isinstance(left, int) and not isinstance(right, _NUMBERS):
            if left > 0 and size(right) * left > MAX_SIZE:
                raise TooLarge(_("kết quả quá {n} ký tự hoặc phần tử", n=MAX_SIZE))
    elif operator == "+" and not (isinstance(left, _NUMBERS) or isinstance(right, _NUMBERS)):
        if size(left) + size(right) > MAX_SIZE:
            raise TooLarge(_("kết quả quá {n} ký tự hoặc phần tử", n=MAX_SIZE))
    elif operator == "%" and isinstance(left, str):
        _check_percent_format(left)
    return None


_WIDTH_METHODS = {"center", "ljust", "rjust", "zfill", "expandtabs"}


def _check_call(obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    name = getattr(obj, "__name__", "")
    owner = getattr(obj, "__self__", None)
    if isinstance(owner, str):
        if name in _WIDTH_METHODS:
            _check_width(*args, *kwargs.values())
        elif name == "replace" and len(args) >= 2:
            old, new = str(args[0]), str(args[1])
            grows = (len(owner) + 1) * len(new) if not old else len(owner) // len(old) * len(new)
            if grows + len(owner) > MAX_SIZE:
                raise TooLarge(_("kết quả quá {n} ký tự hoặc phần tử", n=MAX_SIZE))


def _filter_format(value: Any, *args: Any, **kwargs: Any) -> str:
    _check_percent_format(str(value))
    for a in (*args, *kwargs.values()):
        _check_size(a)
    return _check_size(str(value) % (kwargs or args))


def _filter_indent(s: Any, width: Any = 4, first: bool = False, blank: bool = False) -> str:
    _check_width(width)
    text = str(s)
    if isinstance(width, int) and (text.count("\n") + 1) * width + len(text) > MAX_SIZE:
        raise TooLarge(_("kết quả quá {n} ký tự hoặc phần tử", n=MAX_SIZE))
    return do_indent(text, width, first, blank)


def _filter_center(value: Any, width: int = 80) -> str:
    _check_width(width)
    return do_center(value, width)


def _filter_replace(eval_ctx: Any, s: Any, old: str, new: str, count: int | None = None) -> str:
    text, old, new = str(s), str(old), str(new)
    grows = (len(text) + 1) * len(new) if not old else len(text) // len(old) * len(new)
    if grows + len(text) > MAX_SIZE:
        raise TooLarge(_("kết quả quá {n} ký tự hoặc phần tử", n=MAX_SIZE))
    return do_replace(eval_ctx, text, old, new, count)


_filter_replace.jinja_pass_arg = do_replace.jinja_pass_arg  # type: ignore[attr-defined]

BOUNDED_FILTERS = {
    "format": _filter_format,
    "indent": _filter_indent,
    "center": _filter_center,
    "replace": _filter_replace,
}


class _BoundedFormatter(SandboxedFormatter):
    def format_field(self, value: Any, format_spec: str) -> Any:
        _check_brace_spec(format_spec)
        return super().format_field(value, format_spec)


class _BoundedEscapeFormatter(SandboxedEscapeFormatter):
    def format_field(self, value: Any, format_spec: str) -> Any:
        _check_brace_spec(format_spec)
        return super().format_field(value, format_spec)


def _bounded_iter(iterable: Iterable[Any]) -> Iterator[Any]:
    for item in iterable:
        _step()
        yield item


def _bounded_concat(*parts: Any) -> Any:
    total = sum(size(p) for p in parts)
    if total > MAX_SIZE:
        raise TooLarge(_("kết quả quá {n} ký tự hoặc phần tử", n=MAX_SIZE))
    if any(isinstance(p, Markup) for p in parts):
        return Markup("").join(parts)
    return "".join(str(p) for p in parts)


def _bounded_output(value: Any, limit: int = MAX_SIZE) -> Any:
    n = size(value, limit)
    budget = _budget.get()
    if budget is not None:
        budget.output += n
        if budget.output > limit:
            raise TooLarge(_("văn bản in ra quá {n} ký tự", n=limit))
    elif n > limit:
        raise TooLarge(_("văn bản in ra quá {n} ký tự", n=limit))
    return value


def _env_call(name: str, *args: nodes.Node, lineno: int) -> nodes.Call:
    return nodes.Call(nodes.EnvironmentAttribute(name), list(args), [], None, None, lineno=lineno)


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """An immutable sandbox whose every loop, call, operator and printed value is bounded."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    bounded_iter = staticmethod(_bounded_iter)
    bounded_concat = staticmethod(_bounded_concat)

    def __init__(self, max_output: int = MAX_SIZE, **options: Any) -> None:
        """``max_output``: characters printed in one evaluation (a Word part prints more than a text)."""
        super().__init__(**options)
        self.max_output = max_output
        self.filters.update(BOUNDED_FILTERS)

    def bounded_output(self, value: Any) -> Any:
        return _bounded_output(value, self.max_output)

    def compile(
        self,
        source: Any,
        name: str | None = None,
        filename: str | None = None,
        raw: bool = False,
        defer_init: bool = False,
    ) -> Any:
        """Jinja's compile, its code kept on disk (:mod:`dispatch_gen.diskcache`) per source and setting.

        A cold start compiles the texts' and the Word template's Jinja again (~0.05 s); the code
        depends only on the source, the environment's settings and filter names, this sandbox's
        code and Jinja's version, all in the key. A template that fails to compile is never kept.
        """
        if raw or not isinstance(source, str):
            return super().compile(source, name, filename, raw, defer_init)  # type: ignore[call-overload]
        entry = diskcache.key(source, repr((name, filename, defer_init)), self._fingerprint())
        code = diskcache.read("jinja", entry)
        if code is None:
            code = super().compile(source, name, filename, False, defer_init)
            diskcache.write("jinja", entry, code)
        return code

    def _fingerprint(self) -> str:
        """What the generated code depends on besides the source (memoised per environment)."""
        found = self.__dict__.get("_dispatch_gen_fingerprint")
        if found is None:
            import jinja2

            settings = (
                jinja2.__version__,
                [f"{c.__module__}.{c.__qualname__}" for c in type(self).__mro__],
                self.block_start_string,
                self.block_end_string,
                self.variable_start_string,
                self.variable_end_string,
                self.comment_start_string,
                self.comment_end_string,
                self.line_statement_prefix,
                self.line_comment_prefix,
                self.trim_blocks,
                self.lstrip_blocks,
                self.newline_sequence,
                self.keep_trailing_newline,
                self.optimized,
                repr(self.autoescape),
                getattr(self.finalize, "__qualname__", repr(self.finalize)),
                sorted(self.extensions),
                sorted(self.filters),
                sorted(self.tests),
            )
            modules = sorted({c.__module__ for c in type(self).__mro__ if c.__module__.startswith("dispatch_gen")})
            found = repr(settings) + diskcache.source_of(*modules).hex()
            self.__dict__["_dispatch_gen_fingerprint"] = found
        return str(found)

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = _env_call("bounded_iter", loop.iter, lineno=loop.lineno)
        for output in tree.find_all(nodes.Output):
            output.nodes = [
                n if isinstance(n, nodes.TemplateData) else _env_call("bounded_output", n, lineno=n.lineno)
                for n in output.nodes
            ]
        for concat in list(tree.find_all(nodes.Concat)):
            concat.nodes = [_env_call("bounded_concat", *concat.nodes, lineno=concat.lineno)]
        return tree

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _step()
        _binop(operator, left, right)
        result = self.binop_table[operator](left, right)
        _check_int(result)
        if operator == "%":
            _check_size(result)
        return result

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        _step()
        _check_call(__obj, args, kwargs)
        result = super().call(__context, __obj, *args, **kwargs)
        return _check_size(_check_int(result))

    def wrap_str_format(self, value: Any) -> Any:
        """``str.format`` through a formatter that bounds every field's width, nested specs too."""
        if super().wrap_str_format(value) is None:
            return None
        f_self: str = value.__self__
        is_map = value.__name__ == "format_map"
        formatter: SandboxedFormatter
        if isinstance(f_self, Markup):
            formatter = _BoundedEscapeFormatter(self, escape=f_self.escape)
        else:
            formatter = _BoundedFormatter(self)

        def bounded(*args: Any, **kwargs: Any) -> str:
            if is_map:
                if kwargs or len(args) != 1:
                    raise TypeError("format_map() takes exactly one argument")
                kwargs, args = args[0], ()
            return _check_size(type(f_self)(formatter.vformat(f_self, args, kwargs)))

        return bounded
