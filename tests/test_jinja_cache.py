"""Compiled Jinja kept on disk (compute/jinjalimits.BoundedSandbox.compile, dispatch_gen.diskcache):
a second environment reads the code back instead of compiling, renders the same, and a template
that does not compile is never kept."""

from __future__ import annotations

import pytest
from jinja2 import TemplateSyntaxError

from dispatch_gen import diskcache
from dispatch_gen.compute import jinjalimits, textjinja
from dispatch_gen.render import engine


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("DISPATCH_GEN_CACHE", str(tmp_path))
    return tmp_path


def test_a_second_environment_reads_the_compiled_code_back(cache, monkeypatch):
    source = "{% for x in xs %}{{ x * 2 }}, {% endfor %}{{ ten | upper }}"
    first = engine.environment().from_string(source).render(xs=[1, 2], ten="bình sơn")
    assert first == "2, 4, BÌNH SƠN"
    assert len(list(cache.glob("jinja-*.marshal"))) == 1

    def no_compiling(*args, **kwargs):
        raise AssertionError("compiled again")

    monkeypatch.setattr(jinjalimits.ImmutableSandboxedEnvironment, "compile", no_compiling)
    again = engine.environment().from_string(source).render(xs=[1, 2], ten="bình sơn")
    assert again == first
    with pytest.raises(AssertionError, match="compiled again"):  # another source is compiled
        engine.environment().from_string(source + " ").render(xs=[], ten="")


def test_the_bounds_hold_in_code_read_back(cache):
    source = "{% for i in range(n) %}{% for j in range(n) %}.{% endfor %}{% endfor %}"
    engine.environment().from_string(source).render(n=2)  # kept
    token = jinjalimits.new_budget()  # one evaluation's budget, as every render sets it
    try:
        with pytest.raises(jinjalimits.TooLarge):
            engine.environment().from_string(source).render(n=100_000)
    finally:
        jinjalimits.reset_budget(token)


def test_each_environment_setting_has_its_own_code(cache):
    source = "{{ a }}"
    plain = textjinja.environment(plain=True).from_string(source)
    marked = textjinja.environment(plain=False).from_string(source)
    bare = engine.environment().from_string(source)
    assert len(list(cache.glob("jinja-*.marshal"))) == 3
    assert bare.render(a="x") == "x" and "x" in plain.render(a="x") and "x" in marked.render(a="x")


def test_a_template_that_does_not_compile_is_not_kept(cache):
    for _ in range(2):
        with pytest.raises(TemplateSyntaxError):
            engine.environment().from_string("{% if %}")
    assert list(cache.glob("jinja-*.marshal")) == []


def test_the_cache_can_be_turned_off(monkeypatch):
    monkeypatch.setenv("DISPATCH_GEN_CACHE", "")
    assert diskcache.cache_dir() is None and diskcache.key("x") is None
    assert engine.environment().from_string("{{ 1 + 1 }}").render() == "2"


def test_a_template_s_parts_are_read_back_patched(cache, monkeypatch):
    # docxtpl's patching of each template part is kept too: a later process renders the same
    # document without patching any part again
    import io
    import zipfile

    from dispatch_gen import pipeline
    from dispatch_gen.output import save

    from .conftest import EXAMPLE

    def parts() -> dict[str, bytes]:
        doc, _w = pipeline.build_dispatch(pipeline.load(EXAMPLE))
        with zipfile.ZipFile(io.BytesIO(save.document_bytes(doc))) as z:
            return {n: z.read(n) for n in z.namelist() if n.startswith("word/")}

    engine.clear_cache()
    first = parts()
    assert len(list(cache.glob("part-*.marshal"))) >= 4  # the two templates' body, headers, footnotes
    engine.clear_cache()  # a new process: nothing in memory

    def no_patching(*args, **kwargs):
        raise AssertionError("patched again")

    monkeypatch.setattr(engine.DocxTemplate, "patch_xml", no_patching)
    assert parts() == first
    engine.clear_cache()
