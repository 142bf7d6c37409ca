"""`import` reads a report's sections back as ``#`` headings (issue 19 leftover): a numbered line
formatted as a level of the profile's ``body.headings`` is a ``#`` … ``####`` line, its number left
to the tool where the tool would print the same one; rendering the YAML gives the same numbers.
Documents built here with python-docx; the expected YAML is written out."""

from __future__ import annotations

import copy
from pathlib import Path

import docx

from dispatch_gen.check import read_docx
from dispatch_gen.input import profile as profiles

from .test_check import build
from .test_import import errors, round_trip, same_text, texts

#: (text, bold, italic) of the paragraphs put before the body of a Party công văn (HD 36 levels:
#: I. bold caps, 1. bold, 1.1. bold italic, a) upright)
SECTIONS = [
    ("I. KẾT QUẢ THỰC HIỆN", True, False),
    ("1. Công tác tuyên truyền", True, False),
    ("Các chi bộ đã quán triệt nghị quyết.", False, False),
    ("1.1. Ở các chi bộ nông thôn", True, True),
    ("a) Chi bộ thôn An Điềm", False, False),
    ("a) Tiếp tục rà soát nguồn kết nạp, bồi dưỡng quần chúng ưu tú;", False, False),  # an item, not a heading
    ("2. Công tác kết nạp", True, False),
    ("II. HẠN CHẾ", True, False),
    ("1. Nguyên nhân", True, False),
    ("IV. NHIỆM VỤ", True, False),  # not the number the tool gives after II.: kept as typed
    ("V. bài học", True, False),  # a level in capitals written in lower case: not that level
    ("2. Các chi bộ", False, False),  # not bold: an ordinary line of text
]

EXPECTED = [
    "# KẾT QUẢ THỰC HIỆN",
    "## Công tác tuyên truyền",
    "Các chi bộ đã quán triệt nghị quyết.",
    "### Ở các chi bộ nông thôn",
    "#### Chi bộ thôn An Điềm",
    "a) Tiếp tục rà soát nguồn kết nạp, bồi dưỡng quần chúng ưu tú;",
    "## Công tác kết nạp",
    "# HẠN CHẾ",
    "## Nguyên nhân",
    "# IV. NHIỆM VỤ",
    "**V. bài học**",
    "2. Các chi bộ",
]


def _report(tmp_path: Path) -> Path:
    party = copy.deepcopy(profiles.load("dang-hd36"))
    built = build(party, appendix=False)
    first = built.parts["body"][0]
    for text, bold, italic in SECTIONS:
        para = first.insert_paragraph_before(style=first.style)
        run = para.add_run(text)
        run.bold, run.italic = bold, italic
    return built.save(tmp_path / "bao-cao.docx")


def test_numbered_headings_import_as_hash_lines_and_render_back_to_the_same_numbers(tmp_path):
    original = _report(tmp_path)
    data, warnings, again = round_trip(original, tmp_path)
    assert warnings == []
    assert data["noi_dung"].split("\n\n")[: len(EXPECTED)] == EXPECTED
    assert same_text(texts(again), texts(original)), (texts(again), texts(original))
    assert len(errors(again)) <= len(errors(original))
    # the headings come back numbered by the tool and formatted by their level
    paras = {p.text: p for p in docx.Document(str(again)).paragraphs if p.text.strip()}
    for text, bold, italic in SECTIONS[:5] + SECTIONS[6:10]:
        runs = [r for r in paras[text].runs if r.text.strip()]
        assert all(bool(r.bold) == bold and bool(r.italic) == italic for r in runs), text
    assert [p.text for p in read_docx(again).paragraphs if p.text.startswith(("I", "V"))][:4] == [
        "I. KẾT QUẢ THỰC HIỆN",
        "II. HẠN CHẾ",
        "IV. NHIỆM VỤ",
        "V. bài học",
    ]
