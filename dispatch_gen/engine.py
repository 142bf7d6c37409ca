"""docxtpl, set up safely: a sandboxed, autoescaping, strict Jinja environment.

``DocxTemplateFixed`` renders footnotes.xml once, not once per section (a docxtpl bug that
evaluates data as Jinja a second time in a two-section document). Template errors are
reported with the template file and the part that holds the broken tag.
"""

from __future__ import annotations

import io
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from .errors import InputError, Problem
from .i18n import _

FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
MAX_TEMPLATE_BYTES = 20 * 1024 * 1024
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024


class DocxTemplateFixed(DocxTemplate):
    """docxtpl with footnotes rendered once per document."""

    def render_footnotes(self, context: dict[str, Any], jinja_env: Any = None) -> None:
        for part in self.docx.part.package.iter_parts():
            if part.content_type == FOOTNOTES_CT:
                blob = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
                xml = self.render_xml_part(self.patch_xml(blob), part, context, jinja_env)
                part._blob = xml.encode("utf-8")


@lru_cache(maxsize=1)
def environment() -> SandboxedEnvironment:
    """One environment per process: sandboxed, autoescaping, strict about undefined names."""
    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)


@lru_cache(maxsize=16)
def _template_bytes(path: Path, mtime: float) -> bytes:
    return path.read_bytes()


def template_bytes(path: Path) -> bytes:
    """Read a template once per process, refusing what is not a sane .docx (zip bombs included)."""
    try:
        stat = path.stat()
    except OSError:
        raise InputError([Problem(_("không tìm thấy tệp mẫu"), str(path))]) from None
    if stat.st_size > MAX_TEMPLATE_BYTES:
        raise InputError([Problem(_("tệp mẫu quá lớn"), str(path))])
    data = _template_bytes(path, stat.st_mtime)
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
    return data


def load(path: Path) -> DocxTemplateFixed:
    """A fresh template object (one per render: a shared one gives wrong output in threads)."""
    data = template_bytes(path)
    try:
        tpl = DocxTemplateFixed(io.BytesIO(data))
        tpl.init_docx()
        return tpl
    except Exception as exc:  # python-docx raises many kinds on a damaged package
        raise InputError([Problem(_("không mở được tệp mẫu: {error}", error=exc), str(path))]) from None


#: what a user template's tag may raise besides Jinja's own errors (``{{ a + 1 }}`` on a text)
_TAG_ERRORS = (TemplateError, TypeError, ValueError, AttributeError, KeyError, IndexError, ArithmeticError)


def _template_error(exc: Exception, template_path: Path, context: dict[str, Any] | None = None) -> InputError:
    from . import tagcheck  # only on an error: name the part and the paragraph or table cell of the tag

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


def render(tpl: DocxTemplateFixed, context: dict[str, Any], template_path: Path) -> Any:
    """Render ``context`` into ``tpl``; return the python-docx Document."""
    try:
        tpl.render(context, environment(), autoescape=True)
    except _TAG_ERRORS as exc:
        raise _template_error(exc, template_path, context) from None
    return tpl.docx
