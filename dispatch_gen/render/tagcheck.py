"""Where in a Word template a broken Jinja tag is: the part, and the paragraph or table cell.

Jinja reports a line of the XML that docxtpl built from the template, which means nothing
to someone who edited the template in Word. On a template error, this module reads the
template's parts paragraph by paragraph and names the first paragraph whose tags are broken
(an unclosed ``{{``, an expression that does not parse, an ``{% if %}`` without its
``{% endif %}``), or that uses the name an undefined-variable error is about.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, TemplateSyntaxError, UndefinedError
from lxml import etree

from dispatch_gen.i18n import _
from dispatch_gen.wml import ooxml

_DELIMS = re.compile(r"\{\{|\}\}|\{%|%\}")
_TAG = re.compile(r"\{\{(.*?)\}\}|\{%(.*?)%\}", re.S)
_PREFIX = re.compile(r"^(?:tr|tc|p|r)\s")  # docxtpl's {%tr …%}, {%p …%}, {{r …}}
_OPENERS = {"if": "endif", "for": "endfor", "with": "endwith", "macro": "endmacro", "filter": "endfilter"}
_MIDDLE = {"elif": ("if",), "else": ("if", "for")}
_NAME_IN_ERROR = re.compile(r"'(\w+)' is undefined|has no attribute '(\w+)'|no attribute '(\w+)'")


@dataclass(frozen=True)
class Place:
    """A paragraph of a template part: ``where`` reads "đoạn 12" or "bảng 1, hàng 2, ô 3"."""

    part: str
    where: str
    text: str

    @property
    def snippet(self) -> str:
        return self.text if len(self.text) <= 60 else self.text[:57] + "…"


def _paragraphs(part: str, xml: bytes) -> Iterator[tuple[Place, str]]:
    """Every paragraph of ``xml`` with its place and its text, in document order."""
    body_n = 0
    for cell, text in ooxml.paragraph_texts(xml):
        if cell is None:
            body_n += 1
            where = _("đoạn {n}", n=body_n)
        else:
            t, r, c = cell
            where = _("bảng {t}, hàng {r}, ô {c}", t=t, r=r, c=c)
        yield Place(part, where, text.strip()), text


def _parts(data: bytes) -> Iterator[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        order = ["word/document.xml", *sorted(n for n in names if n != "word/document.xml")]
        for name in order:
            if name.startswith("word/") and name.endswith(".xml") and name in names:
                xml = zf.read(name)
                if b"{" in xml:
                    yield name, xml


def _inner(tag: str) -> str:
    """A tag's text without Jinja's whitespace-control marks (``{{- … -}}``, ``{%+ … %}``), which
    stand right against the braces: the "-" of ``{{ a - }}`` is an operator, and is kept."""
    tag = tag[1:] if tag[:1] in ("-", "+") else tag
    tag = tag[:-1] if tag[-1:] in ("-", "+") else tag
    return tag.strip()


def _broken(text: str, env: Environment, stack: list[tuple[str, Place]], place: Place) -> str | None:
    """Why the tags of one paragraph are broken (updating the block ``stack``), or None."""
    expect = None
    for m in _DELIMS.finditer(text):
        d = m.group(0)
        if expect is None and d in ("{{", "{%"):
            expect = "}}" if d == "{{" else "%}"
        elif d == expect:
            expect = None
        else:
            return _("thẻ “{tag}” đặt sai chỗ hoặc thiếu dấu đóng", tag=d)
    if expect is not None:
        return _("thẻ mở chưa được đóng bằng “{tag}”", tag=expect)
    for m in _TAG.finditer(text):
        expr, stmt = m.group(1), m.group(2)
        if expr is not None:
            try:
                env.parse("{{ " + _PREFIX.sub("", _inner(expr) + " ") + " }}")
            except TemplateSyntaxError as exc:
                return exc.message or str(exc)
            continue
        words = _PREFIX.sub("", _inner(stmt) + " ").split()
        keyword = words[0] if words else ""
        if keyword in _OPENERS:
            stack.append((keyword, place))
        elif keyword in _MIDDLE:
            if not stack or stack[-1][0] not in _MIDDLE[keyword]:
                return _("“{tag}” không nằm trong khối nào", tag=keyword)
        elif keyword.startswith("end"):
            if not stack or _OPENERS[stack[-1][0]] != keyword:
                return _("“{tag}” không khớp với khối đang mở", tag=keyword)
            stack.pop()
        elif keyword == "set":
            try:
                env.parse("{% " + " ".join(words) + " %}")
            except TemplateSyntaxError as exc:
                return exc.message or str(exc)
        else:
            return _("không có thẻ “{tag}”", tag=keyword)
    return None


def _fails_alike(text: str, error: BaseException, env: Any, context: dict[str, Any]) -> bool:
    """Whether an expression tag of ``text``, evaluated alone, fails as ``error`` did."""
    for m in _TAG.finditer(text):
        if m.group(1) is None:
            continue
        try:
            env.from_string("{{ " + _PREFIX.sub("", _inner(m.group(1)) + " ") + " }}").render(context)
        except UndefinedError:
            continue  # a loop variable, out of its loop
        except Exception as exc:
            if type(exc) is type(error):
                return True
    return False


def _uses(text: str, name: str) -> bool:
    return any(re.search(rf"\b{re.escape(name)}\b", m.group(0)) for m in _TAG.finditer(text))


def _tag_keys(text: str) -> set[str]:
    """The Jinja tags of ``text``, without docxtpl's p/r/tr/tc prefixes, trim marks and spacing."""
    return {
        " ".join(_PREFIX.sub("", (m.group(1) or m.group(2)).strip("-+ \t") + " ").split()) for m in _TAG.finditer(text)
    }


def place_of_line(data: bytes, line: str) -> Place | None:
    """The first paragraph of the template ``data`` holding a tag of ``line`` (a line of the
    XML Jinja rendered, its markup removed), or None."""
    keys = _tag_keys(line)
    if not keys:
        return None
    try:
        for part, xml in _parts(data):
            for place, text in _paragraphs(part, xml):
                if keys & _tag_keys(text):
                    return place
    except (zipfile.BadZipFile, etree.XMLSyntaxError, KeyError):
        return None
    return None


def locate(
    data: bytes, error: BaseException, env: Any = None, context: dict[str, Any] | None = None
) -> tuple[Place, str] | None:
    """The first broken paragraph of the template ``data`` and why, or None when not found.

    With the rendering ``env`` and ``context``, an error of evaluation (``{{ a + 1 }}`` on a
    text) is found too, by evaluating each expression tag alone.
    """
    parse_env = Environment()
    names = [n for g in _NAME_IN_ERROR.findall(str(error)) for n in g if n]
    evaluate = env is not None and context is not None and not isinstance(error, UndefinedError)
    used: Place | None = None
    try:
        for part, xml in _parts(data):
            stack: list[tuple[str, Place]] = []
            for place, text in _paragraphs(part, xml):
                why = _broken(text, parse_env, stack, place)
                if why:
                    return place, why
                if used is None and (
                    (names and _uses(text, names[0])) or (evaluate and _fails_alike(text, error, env, context or {}))
                ):
                    used = place
            if stack:
                keyword, place = stack[-1]
                return place, _("khối “{tag}” mở ở đây chưa được đóng bằng “{end}”", tag=keyword, end=_OPENERS[keyword])
    except (zipfile.BadZipFile, etree.XMLSyntaxError, KeyError):
        return None
    return (used, str(getattr(error, "message", None) or error)) if used else None
