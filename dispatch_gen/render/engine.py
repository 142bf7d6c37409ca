"""docxtpl, set up safely: a sandboxed, autoescaping, strict Jinja environment.

``DocxTemplateFixed`` renders footnotes.xml once, not once per section (a docxtpl bug that
evaluates data as Jinja a second time in a two-section document). Template errors are
reported with the template file and the part that holds the broken tag.
"""

from __future__ import annotations

import functools
import hashlib
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import docxtpl
from docx.opc.oxml import serialize_part_xml
from docx.oxml.document import CT_Document
from docx.oxml.parser import parse_xml
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError

from dispatch_gen import diskcache
from dispatch_gen.compute.jinjalimits import BoundedSandbox, TooLarge, new_budget, reset_budget, template_line
from dispatch_gen.errors import InputError, Problem
from dispatch_gen.i18n import _
from dispatch_gen.input import files
from dispatch_gen.wml import footnotes as wml_footnotes  # registers the footnotes part class
from dispatch_gen.wml import ooxml, package, paragraphs

FOOTNOTES_CT = wml_footnotes.CONTENT_TYPE
MAX_TEMPLATE_BYTES = 20 * 1024 * 1024
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024

#: The seam: every docxtpl method this module overrides or calls beyond ``render``, with the
#: parameters it relies on, and the attributes ``render_init`` sets (copied by ``render_init_light``).
#: ``_finish`` copies the tail of ``render_xml_part``. tests/test_docxtpl_seam.py fails when a
#: docxtpl release changes any of them; pyproject.toml pins the range tested.
DOCXTPL_METHODS: dict[str, tuple[str, ...]] = {
    "build_xml": ("self", "context", "jinja_env"),
    "build_headers_footers_xml": ("self", "context", "uri", "jinja_env"),
    "render_properties": ("self", "context", "jinja_env"),
    "render_footnotes": ("self", "context", "jinja_env"),
    "render_xml_part": ("self", "src_xml", "part", "context", "jinja_env"),
    "patch_xml": ("self", "src_xml"),
    "get_xml": ("self",),
    "get_part_xml": ("self", "part"),
    "get_headers_footers": ("self", "uri"),
    "get_headers_footers_encoding": ("self", "xml"),
    "resolve_listing": ("self", "xml"),
    "fix_tables": ("self", "xml"),
    "fix_docpr_ids": ("self", "tree"),
    "init_docx": ("self", "reload"),
    "render_init": ("self",),
}
DOCXTPL_RENDER_STATE = ("pic_map", "current_rendering_part", "docx_ids_index", "is_saved")


@dataclass(frozen=True)
class _CachedPart:
    """One template part, patched once: its compiled Jinja template, or its final XML when it has no tags."""

    source: str  # patched XML with docxtpl's line break before each paragraph, as Jinja sees it
    template: Any  # compiled Jinja template, or None for a part without tags
    constant: str | None  # the finished XML of a part without tags
    encoding: str = "utf-8"  # of a header or footer, as docxtpl reads it from the XML declaration


#: (template sha1, part name) → :class:`_CachedPart`; filled on first render, shared by later ones.
_PART_CACHE: dict[tuple[str, str], _CachedPart] = {}
_PART_CACHE_MAX = 512
#: template sha1 → (main part name, its pristine XML), for :func:`render_body`.
_MAIN_PART: dict[str, tuple[str, bytes]] = {}
#: Set to False to render through plain docxtpl (the byte-identity test and the benchmark compare both).
cache_enabled = True


def clear_cache() -> None:
    """Forget every cached template part (tests; a long-running process that edits templates)."""
    _PART_CACHE.clear()
    _MAIN_PART.clear()
    _checked.cache_clear()


def _disk_key(sha1: str, name: str) -> str | None:
    """A template part's patched XML kept between processes (:mod:`dispatch_gen.diskcache`): docxtpl's
    patching of a part is ~5 ms of a cold render; keyed by the template's content, the part, docxtpl's
    version and the code that patches and finishes (this module and the XML layer's)."""
    if not sha1:
        return None
    return diskcache.key(sha1, name, str(getattr(docxtpl, "__version__", "")), _patching_code())


@lru_cache(maxsize=1)
def _patching_code() -> bytes:
    """The source of the code that patches and finishes a part, read once per process."""
    return diskcache.source_of(__name__, ooxml.__name__)


def _has_tags(xml: str, env: Any) -> bool:
    return any(t in xml for t in (env.block_start_string, env.variable_start_string, env.comment_start_string))


def _decorate(exc: Exception, source: str) -> None:
    """Add docxtpl's ``docx_context`` (the text around the error's line) to a Jinja error, as docxtpl does;
    to a bound's error (no line of its own), ``docx_line``: the text of the line it happened on."""
    lineno = getattr(exc, "lineno", None)
    if lineno is not None:
        line = max(lineno - 4, 0)
        context = [re.sub(r"<[^>]+>", "", x) for x in source.splitlines()[line : line + 7]]
        setattr(exc, "docx_context", context)  # noqa: B010  (a Jinja error has no such attribute)
    elif isinstance(exc, _BOUND_ERRORS):
        lines = source.splitlines()
        n = template_line(exc)
        setattr(exc, "docx_line", re.sub(r"<[^>]+>", "", lines[n - 1]) if 0 < n <= len(lines) else "")  # noqa: B010


class DocxTemplateFixed(DocxTemplate):
    """docxtpl with footnotes rendered once per document, and a per-template cache of the parts.

    docxtpl re-patches the XML and recompiles the Jinja of every part on every render. When
    ``cache_key`` (the template's sha1) is set and the environment is :func:`environment`, the
    patched XML and the compiled template of each part are kept per (sha1, part name), and a
    part without tags (core properties, the page-number header) is not rendered by Jinja at
    all: its finished XML is kept. The output is byte-identical to docxtpl's (tested).
    """

    cache_key = ""  # the template's sha1; empty: no cache

    def _cached(self, jinja_env: Any) -> bool:
        return bool(self.cache_key) and jinja_env is environment()

    def _part_entry(
        self, name: str, patched: Callable[[], str], jinja_env: Any, encoding: str = "utf-8"
    ) -> _CachedPart:
        key = (self.cache_key, name)
        entry = _PART_CACHE.get(key)
        if entry is None:
            on_disk = _disk_key(self.cache_key, name)
            kept = diskcache.read("part", on_disk)
            if isinstance(kept, tuple) and len(kept) == 2:
                src, constant = kept
            else:
                src = ooxml.paragraph_lines(patched())
                constant = None if _has_tags(src, jinja_env) else self._finish(jinja_env.from_string(src).render({}))
            if constant is None:
                try:
                    template = jinja_env.from_string(src)
                except TemplateError as exc:
                    _decorate(exc, src)
                    raise
                entry = _CachedPart(src, template, None, encoding)
            else:
                entry = _CachedPart(src, None, constant, encoding)
            if kept is None:
                diskcache.write("part", on_disk, (src, constant))
            if len(_PART_CACHE) >= _PART_CACHE_MAX:
                _PART_CACHE.clear()
            _PART_CACHE[key] = entry
        return entry

    def _finish(self, dst_xml: str) -> str:
        """docxtpl's post-processing of a rendered part (``render_xml_part`` after Jinja)."""
        dst_xml = ooxml.join_paragraph_lines(dst_xml)
        dst_xml = dst_xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        # only the paragraphs resolve_listing changes: it returns the others as they are, after
        # three nested regex passes over each of their runs
        return ooxml.resolve_listing(dst_xml, self.resolve_listing)

    def render_init_light(self) -> None:
        """The state docxtpl's ``render_init`` sets, without opening the package."""
        self.pic_map: dict[Any, Any] = {}
        self.current_rendering_part = None
        self.docx_ids_index = 1000
        self.is_saved = False

    def _render_entry(self, entry: _CachedPart, part: Any, context: dict[str, Any]) -> str:
        self.current_rendering_part = part
        if entry.template is None:
            assert entry.constant is not None  # a part without tags keeps its finished XML
            return entry.constant
        try:
            dst_xml = entry.template.render(context)
        except (TemplateError, *_BOUND_ERRORS) as exc:
            _decorate(exc, entry.source)
            raise
        return self._finish(dst_xml)

    def build_xml(self, context: dict[str, Any], jinja_env: Any = None) -> str:
        if not self._cached(jinja_env):
            return super().build_xml(context, jinja_env)
        part = self.docx._part
        if self.cache_key not in _MAIN_PART:  # what render_body needs to skip opening the package
            _MAIN_PART[self.cache_key] = (str(part.partname), serialize_part_xml(self.docx._element))
        entry = self._part_entry(str(part.partname), lambda: self.patch_xml(self.get_xml()), jinja_env)
        return self._render_entry(entry, part, context)

    def build_headers_footers_xml(self, context: dict[str, Any], uri: str, jinja_env: Any = None) -> Iterator:
        if not self._cached(jinja_env):
            yield from super().build_headers_footers_xml(context, uri, jinja_env)
            return
        for rel_key, part in self.get_headers_footers(uri):
            name = str(part.partname)
            entry = _PART_CACHE.get((self.cache_key, name))
            if entry is None:
                xml = self.get_part_xml(part)
                encoding = self.get_headers_footers_encoding(xml)
                entry = self._part_entry(name, functools.partial(self.patch_xml, xml), jinja_env, encoding)
            yield rel_key, self._render_entry(entry, part, context).encode(entry.encoding)

    def render_properties(self, context: dict[str, Any], jinja_env: Any = None) -> None:
        if not self._cached(jinja_env):
            super().render_properties(context, jinja_env)
            return
        props = self.docx.core_properties
        for prop in _CORE_PROPERTIES:
            key = (self.cache_key, f"docProps/core.xml#{prop}")
            entry = _PART_CACHE.get(key)
            if entry is None:
                initial = getattr(props, prop)
                if _has_tags(initial, jinja_env):
                    entry = _CachedPart(initial, jinja_env.from_string(initial), None)
                else:
                    entry = _CachedPart(initial, None, jinja_env.from_string(initial).render({}))
                _PART_CACHE[key] = entry
            value = entry.constant if entry.template is None else entry.template.render(context)
            setattr(props, prop, value)

    def _patched_blob(self, part: Any) -> str:
        return str(self.patch_xml(_text(part.blob)))

    def render_footnotes(self, context: dict[str, Any], jinja_env: Any = None) -> None:
        for part in self.docx.part.package.iter_parts():
            if part.content_type == FOOTNOTES_CT:
                if self._cached(jinja_env):
                    entry = self._part_entry(str(part.partname), functools.partial(self._patched_blob, part), jinja_env)
                    xml = self._render_entry(entry, part, context)
                else:
                    xml = self.render_xml_part(self.patch_xml(_text(part.blob)), part, context, jinja_env)
                wml_footnotes.set_part_xml(part, xml.encode("utf-8"))


def _text(blob: bytes | str) -> str:
    return blob.decode("utf-8") if isinstance(blob, bytes) else blob


#: The string core properties docxtpl renders (``DocxTemplate.render_properties``), in its order.
_CORE_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")


#: characters one render of a template may print (the body's XML is printed by ``{{r … }}``)
MAX_TEMPLATE_OUTPUT = 50_000_000
#: what a template's tag raises past a bound (:mod:`dispatch_gen.compute.jinjalimits`; the sandbox's
#: own ``range`` limit and a float power raise OverflowError)
_BOUND_ERRORS = (TooLarge, RecursionError, MemoryError, OverflowError)


@lru_cache(maxsize=1)
def environment() -> BoundedSandbox:
    """One environment per process: the bounded, immutable sandbox of the texts (the same limits
    on loops, calls, operators and sizes; more printed characters), autoescaping, strict."""
    return BoundedSandbox(max_output=MAX_TEMPLATE_OUTPUT, autoescape=True, undefined=StrictUndefined)


def template_sha1(path: Path) -> str:
    """The sha1 of the template's content: the key of everything cached about it."""
    return _template(path)[1]


def template_bytes(path: Path) -> bytes:
    """Read a template once per process, refusing what is not a sane .docx (zip bombs included)."""
    return _template(path)[0]


def _template(path: Path) -> tuple[bytes, str]:
    """The template's bytes and sha1, read and checked once per (path, mtime, size)."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise InputError([Problem(_("không tìm thấy tệp mẫu"), str(path))]) from None
    except OSError as exc:  # a loop of links, a name too long, no permission to look
        raise files.refused(str(path), exc, _("tệp mẫu")) from None
    if stat.st_size > MAX_TEMPLATE_BYTES:
        raise InputError([Problem(_("tệp mẫu quá lớn"), str(path))])
    return _checked(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _checked(path: Path, mtime_ns: int, size: int) -> tuple[bytes, str]:
    data = files.read_file(path, MAX_TEMPLATE_BYTES, str(path), _("tệp mẫu"))  # regular, bounded
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = zf.namelist()
            total = sum(i.file_size for i in zf.infolist())
    except zipfile.BadZipFile:
        raise InputError([Problem(_("tệp mẫu không phải tệp Word .docx"), str(path))]) from None
    if "word/document.xml" not in names:
        raise InputError([Problem(_("tệp mẫu không phải tệp Word .docx (thiếu word/document.xml)"), str(path))])
    if total > MAX_UNZIPPED_BYTES:
        raise InputError([Problem(_("tệp mẫu giải nén ra quá lớn (có thể là “bom zip”)"), str(path))])
    return data, hashlib.sha1(data).hexdigest()


def load(path: Path) -> DocxTemplateFixed:
    """A fresh template object (one per render: a shared one gives wrong output in threads).

    With :data:`cache_enabled`, it carries its sha1 so its parts' compiled Jinja is reused.
    """
    data, sha1 = _template(path)
    try:
        tpl = DocxTemplateFixed(io.BytesIO(data))
        tpl.cache_key = sha1 if cache_enabled else ""
        if cache_enabled:  # the package read once per process (docxtpl's init_docx reads the zip each time)
            tpl.docx, tpl.is_rendered = package.open_document(data, sha1), False
        tpl.init_docx()
        return tpl
    except Exception as exc:  # python-docx raises many kinds on a damaged package
        raise InputError([_damaged_template(data, path, exc)]) from None


def _damaged_template(data: bytes, path: Path, error: Exception) -> Problem:
    """Say which part of a template that python-docx cannot open is not well-formed XML, and where."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for info in z.infolist():
                if not info.filename.endswith((".xml", ".rels")) or info.file_size > 64 << 20:
                    continue
                try:
                    etree.fromstring(z.read(info), parser)
                except etree.XMLSyntaxError as bad:
                    line, column = bad.position
                    return Problem(
                        _(
                            "tệp mẫu hỏng: phần {part} không phải XML hợp lệ (dòng {line}, cột {column}); "
                            "hãy mở tệp mẫu bằng Word rồi lưu lại, hoặc bỏ --template để dùng mẫu có sẵn",
                            part=info.filename,
                            line=line,
                            column=column,
                        ),
                        str(path),
                    )
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError):
        pass  # not even a zip: the general message below
    return Problem(_("không mở được tệp mẫu: {error}", error=error), str(path))


#: what a user template's tag may raise besides Jinja's own errors (``{{ a + 1 }}`` on a text)
_TAG_ERRORS = (TemplateError, TypeError, ValueError, AttributeError, KeyError, IndexError, ArithmeticError)


def _template_error(exc: Exception, template_path: Path, context: dict[str, Any] | None = None) -> InputError:
    from dispatch_gen.render import (
        tagcheck,  # only on an error: name the part and the paragraph or table cell of the tag
    )

    found = tagcheck.locate(template_bytes(template_path), exc, environment(), context)
    if found is not None:
        place, why = found
        message = _("lỗi thẻ Jinja: {error} (“{text}”)", error=why, text=place.snippet)
        return InputError([Problem(message, str(template_path), field=f"{place.part}, {place.where}")])
    if not isinstance(exc, TemplateError):
        message = _("lỗi khi điền mẫu: {error}", error=f"{type(exc).__name__}: {exc}")
        return InputError([Problem(message, str(template_path), field="word/document.xml")])
    where = ""
    ctx = getattr(exc, "docx_context", None)
    if ctx:
        where = " — " + " ".join(str(c) for c in ctx)[:200]
    line = getattr(exc, "lineno", 0) or 0
    return InputError(
        [
            Problem(
                _("lỗi thẻ Jinja trong mẫu: {error}{where}", error=exc.message or str(exc), where=where),
                str(template_path),
                line,
                1,
                "word/document.xml",
            )
        ]
    )


def _bound_error(exc: BaseException, template_path: Path) -> InputError:
    """A tag past a bound, located at its paragraph when the line it ran on is known."""
    from dispatch_gen.render import tagcheck  # only on an error

    why = _("biểu thức quá lớn / quá sâu")
    if isinstance(exc, TooLarge):
        why = _("biểu thức quá lớn / quá sâu: {error}", error=str(exc))
    line = getattr(exc, "docx_line", "")
    place = tagcheck.place_of_line(template_bytes(template_path), line) if line else None
    if place is not None:
        message = _("lỗi thẻ Jinja: {error} (“{text}”)", error=why, text=place.snippet)
        return InputError([Problem(message, str(template_path), field=f"{place.part}, {place.where}")])
    return InputError([Problem(_("lỗi thẻ Jinja trong mẫu: {error}{where}", error=why, where=""), str(template_path))])


def render(tpl: DocxTemplateFixed, context: dict[str, Any], template_path: Path) -> Any:
    """Render ``context`` into ``tpl`` within the bounds of one evaluation; return the python-docx Document."""
    token = new_budget()
    try:
        tpl.render(context, environment(), autoescape=True)
    except _BOUND_ERRORS as exc:
        raise _bound_error(exc, template_path) from None
    except _TAG_ERRORS as exc:
        raise _template_error(exc, template_path, context) from None
    finally:
        reset_budget(token)
    paragraphs.place_rules_in(tpl.docx)  # each {{p … gach_duoi }} marker becomes its rule
    return tpl.docx


@dataclass
class RenderedBody:
    """A template rendered for its body alone: ``element`` is its document root element.

    What an appendix needs before its content moves into the dispatch; it cannot be saved.
    """

    element: Any
    template_sha1: str
    #: the python-docx Document, when the template had to be opened (a cold cache)
    document: Any | None = None


def render_body(template_path: Path, context: dict[str, Any]) -> RenderedBody:
    """Render only the body of a template (opening it as a Document only on a cold cache).

    Opening a .docx with python-docx parses its 330 KB of styles; an appendix only lends its
    body to the dispatch, so once the template's body part is cached it is rendered from the
    cache (the same docxtpl steps: Jinja, ``fix_tables``, ``fix_docpr_ids``) without opening it.
    """
    data, sha1 = _template(template_path)
    main = _MAIN_PART.get(sha1)
    entry = _PART_CACHE.get((sha1, main[0])) if main else None
    if not cache_enabled or main is None or entry is None:
        doc = render(load(template_path), context, template_path)
        return RenderedBody(doc.element, sha1, doc)
    tpl = DocxTemplateFixed(io.BytesIO(data))
    tpl.cache_key = sha1
    tpl.render_init_light()
    token = new_budget()
    try:
        xml = tpl._render_entry(entry, None, context)
    except _BOUND_ERRORS as exc:
        raise _bound_error(exc, template_path) from None
    except _TAG_ERRORS as exc:
        raise _template_error(exc, template_path, context) from None
    finally:
        reset_budget(token)
    tree = tpl.fix_tables(xml)
    tpl.fix_docpr_ids(tree)
    paragraphs.place_rules(tree)
    root = parse_xml(main[1])
    assert isinstance(root, CT_Document)
    root.replace(root.body, tree)
    return RenderedBody(root, sha1)
