"""docxtpl's internals that render/engine.py relies on are still there, and still behave as copied.

A docxtpl release that renames a method, changes its parameters, stops calling an overridden
hook from ``render``, sets other render state, or changes the tail of ``render_xml_part``
fails here, next to its cause, rather than as a subtly different document.
"""

from __future__ import annotations

import inspect
import io
import re
import tomllib
from importlib.metadata import version

import pytest
from docxtpl import DocxTemplate

from dispatch_gen.render import engine

from .conftest import ROOT

TEMPLATE = ROOT / "templates" / "dang-hd36" / "cong_van.docx"


def test_installed_docxtpl_is_in_the_pinned_range() -> None:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    (pin,) = [d for d in deps if d.startswith("docxtpl")]
    assert pin == "docxtpl>=0.20,<0.21"
    major, minor = (int(x) for x in version("docxtpl").split(".")[:2])
    assert (major, minor) == (0, 20)


@pytest.mark.parametrize("name", sorted(engine.DOCXTPL_METHODS))
def test_each_method_relied_on_has_its_parameters(name: str) -> None:
    params = tuple(inspect.signature(getattr(DocxTemplate, name)).parameters)
    wanted = engine.DOCXTPL_METHODS[name]
    assert params[: len(wanted)] == wanted


def test_render_still_calls_the_overridden_hooks() -> None:
    source = inspect.getsource(DocxTemplate.render)
    for hook in ("build_xml", "build_headers_footers_xml", "render_properties", "render_footnotes"):
        assert hook in engine.DOCXTPL_METHODS
        assert f"self.{hook}(" in source, hook


def test_render_init_light_sets_what_render_init_sets() -> None:
    data = TEMPLATE.read_bytes()
    full = DocxTemplate(io.BytesIO(data))
    before = set(vars(full))
    full.render_init()
    added = set(vars(full)) - before - {"docx"}
    light = engine.DocxTemplateFixed(io.BytesIO(data))
    before = set(vars(light))
    light.render_init_light()
    state = set(engine.DOCXTPL_RENDER_STATE)
    assert added <= state  # render_init sets nothing the light version leaves out
    assert set(vars(light)) - before <= state
    assert {k: vars(light)[k] for k in state} == {k: vars(full)[k] for k in state}


@pytest.mark.parametrize(
    "xml",
    [
        "<w:body><w:p><w:r><w:t>{{ a }}</w:t></w:r></w:p><w:p><w:r><w:t>b</w:t></w:r></w:p></w:body>",
        "<w:p ><w:r><w:t>{_{ literal }_} {_% x %_}</w:t></w:r></w:p>",
        "<w:p><w:r><w:t>{{ a }}</w:t></w:r></w:p>",
    ],
)
def test_the_copied_tail_of_render_xml_part_matches_docxtpl(xml: str) -> None:
    """``_finish`` after Jinja gives what docxtpl's own ``render_xml_part`` gives."""
    tpl = engine.DocxTemplateFixed(io.BytesIO(TEMPLATE.read_bytes()))
    tpl.render_init()
    env = engine.environment()
    context = {"a": "x < y"}
    theirs = tpl.render_xml_part(xml, None, context, env)
    src = re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)  # the head, as engine._part_entry does it
    ours = tpl._finish(env.from_string(src).render(context))
    assert ours == theirs
    assert "x &lt; y" in theirs or "{{" in theirs  # the sample rendered (autoescaped) or kept literal tags
