"""Jinja in a text is bounded: a costly expression ends in exit 1, located, within seconds.

Each case is a body line of the valid base (tests/bad/hop-le.yaml, line 18) replaced by an
expression that, unbounded, would take gigabytes or minutes. It runs in a subprocess with
an address-space limit and a timeout, so a regression fails the test instead of the machine.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .capped import run_capped

BAD = Path(__file__).parent / "bad"
LINE = "  Đề nghị các đơn vị khẩn trương thực hiện."
SECONDS = 60  # the wall-clock bound of the subprocess (the machine is shared)
WANT_SECONDS = 20  # what a bounded case must stay under

CASES = {
    "string-repeat": "{{ 'x' * 10**9 }}",
    "list-repeat": "{{ [0] * 10**9 }}",
    "nested-list-repeat": "{{ [[0] * 100000] * 100000 }}",
    "power": "{{ 2 ** (10**8) }}",
    "power-chain": "{{ 10 ** 5000 }}",
    "format-filter-width": "{{ '%99999999d' | format(1) }}",
    "percent-star-width": "{{ '%*d' % (999999999, 1) }}",
    "str-format-width": '{{ "{:>999999999}".format(1) }}',
    "str-format-nested-width": '{{ "{:>{w}}".format(1, w=999999999) }}',
    "indent-width": "{{ 'a\\nb' | indent(10**9) }}",
    "center-filter": "{{ 'x' | center(10**9) }}",
    "center-method": "{{ 'x'.center(10**9) }}",
    "replace-growth": "{{ ('x' * 100000).replace('x', 'y' * 100000) }}",
    "concat-growth": "{% set a = 'x' * 150000 %}{{ a ~ a }}",
    "output-size": "{% set a = 'x' * 150000 %}{{ a }}{{ a }}",
    "nested-range": "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "nested-string-loop": "{% for c in 'x' * 100000 %}{% for d in 'x' * 100000 %}{% endfor %}{% endfor %}",
    "recursive-macro": "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}",
    "branching-macro": "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(40) }}",
    "deep-parentheses": "{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}",
    "deep-list": "{{ " + "[" * 5000 + "1" + "]" * 5000 + " }}",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_costly_expression_is_refused_quickly(name, tmp_path):
    text = (BAD / "hop-le.yaml").read_text(encoding="utf-8")
    assert text.count(LINE) == 1
    src = tmp_path / "cv.yaml"
    src.write_text(text.replace(LINE, "  Đề nghị " + CASES[name]), encoding="utf-8")
    out = tmp_path / "cv.docx"
    proc, elapsed = run_capped(["render", str(src), "-o", str(out)], tmp_path, SECONDS)
    assert proc.returncode == 1, proc.stderr
    assert f"{src}:18:1: noi_dung: biểu thức quá lớn / quá sâu" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr
    assert not out.exists()
    assert elapsed < WANT_SECONDS, elapsed


def test_ordinary_arithmetic_and_formatting_still_work():
    from dispatch_gen.compute.textjinja import evaluate

    text = "{{ 'x' * 3 }} {{ 3 * 4 }} {{ 2 ** 10 }} {{ '%05d' | format(3) }} {{ '{:>4}'.format(7) }} {{ 'a' ~ 'b' }}"
    assert evaluate(text, {}) == "xxx 12 1024 00003    7 ab"
    assert evaluate("{{ 'ab' | center(6) }}|{{ 'a\nb' | indent(2) }}", {}) == "  ab  |a\n  b"
    assert evaluate("{% for i in range(3) %}{{ i }}{% endfor %}", {}) == "012"
