"""Section headings in ``noi_dung`` (#17): ``#`` lines numbered and formatted by the profile.

Expected forms are written from the rules: NĐ 30 Phụ lục I Mục V row 6 b (mục "I. NHỮNG KẾT
QUẢ…" in capitals, bold; khoản with a title "1. …" bold; điểm "a)" upright, not bold) and
II.6.đ (points in the order of the Vietnamese alphabet, so "đ" follows "d"); HD 36 1.6.2 and
PL3 r6 (điểm "a)" upright). Typed numbers are kept as typed; "1." and "- " at the start of an
ordinary paragraph stay text (no Word list numbering).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from dispatch_gen import pipeline
from dispatch_gen.check import check_docx
from dispatch_gen.compute.markup import Run, parse_blocks
from dispatch_gen.input import profile as profiles
from dispatch_gen.output import save

from .docx_read import norm
from .test_kinds import _yaml

STATE = profiles.load("nha_nuoc")["body"]["headings"]
PARTY = profiles.load("dang-hd36")["body"]["headings"]


def test_numbers_supplied_per_level_and_counted_again_under_each_section():
    text = "# Kết quả\n\n## Chung\n\n### Xã\n\n### Thôn\n\n## Riêng\n\n# Tồn tại\n\n## Một"
    got = ["".join(r.text for r in p) for p in parse_blocks(text, STATE)]
    assert got == ["I. KẾT QUẢ", "1. Chung", "1.1. Xã", "1.2. Thôn", "2. Riêng", "II. TỒN TẠI", "1. Một"]


def test_typed_numbers_are_kept_and_supplied_ones_follow_them():
    text = "# III. Nhiệm vụ\n\n## 4. Tiếp\n\n## Sau\n\n#### a) Một\n\n#### Hai\n\n#### d) Bốn\n\n#### Năm\n\n# Phần I"
    got = ["".join(r.text for r in p) for p in parse_blocks(text, STATE)]
    assert got == ["III. NHIỆM VỤ", "4. Tiếp", "5. Sau", "a) Một", "b) Hai", "d) Bốn", "đ) Năm", "PHẦN I"]
    # a word that only looks like a part's name is no typed number
    assert "".join(r.text for r in parse_blocks("# Mục đích, yêu cầu", STATE)[0]) == "I. MỤC ĐÍCH, YÊU CẦU"


def test_each_level_takes_the_profile_formatting_and_keeps_inline_marks():
    blocks = parse_blocks("# Kết quả\n\n## Chung *(tạm)*[^a]\n\n### Xã\n\n#### Thôn **đậm**", STATE)
    assert blocks[0] == [Run("I. KẾT QUẢ", bold=True)]
    assert blocks[1] == [Run("1. Chung ", bold=True), Run("(tạm)", bold=True, italic=True), Run(note="a")]
    assert blocks[2] == [Run("1.1. Xã", bold=True, italic=True)]
    assert blocks[3] == [Run("a) Thôn "), Run("đậm", bold=True)]


def test_without_the_profile_levels_a_hash_line_and_typed_lists_stay_text():
    assert parse_blocks("# không là tiêu đề\n\n1. Một\n\n- Hai") == [
        [Run("# không là tiêu đề")],
        [Run("1. Một")],
        [Run("- Hai")],
    ]
    # with the levels, "1." and "- " paragraphs are still text, not headings or lists
    assert parse_blocks("1. Một\n\n- Hai", PARTY) == [[Run("1. Một")], [Run("- Hai")]]


BODY = """\
noi_dung: |
  Mở đầu báo cáo.

  # Kết quả thực hiện

  ## Kết quả chung

  Nội dung khoản.

  ### 2.5. Ở các chi bộ

  #### Chi bộ thôn

  # II. Nhiệm vụ

  Kết thúc báo cáo.
"""


def _render(tmp_path: Path, profile: str) -> Path:
    path = _yaml(tmp_path, profile, "BC", None)
    text = path.read_text(encoding="utf-8")
    start = text.index("noi_dung: |")
    end = text.index("noi_nhan:")
    path.write_text(text[:start] + BODY + text[end:], encoding="utf-8")
    out = path.with_suffix(".docx")
    doc, _warnings = pipeline.build_dispatch(pipeline.load(path))
    save.save_document(doc, out)
    return out


@pytest.mark.parametrize(
    ("profile", "expected"),
    [
        (
            "nha_nuoc",
            [
                ("I. KẾT QUẢ THỰC HIỆN", True, False),
                ("1. Kết quả chung", True, False),
                ("2.5. Ở các chi bộ", True, True),
                ("a) Chi bộ thôn", False, False),
                ("II. NHIỆM VỤ", True, False),
            ],
        ),
        (
            "dang-hd36",
            [
                ("I. KẾT QUẢ THỰC HIỆN", True, False),
                ("1. Kết quả chung", True, False),
                ("2.5. Ở các chi bộ", True, True),
                ("a) Chi bộ thôn", False, False),
                ("II. NHIỆM VỤ", True, False),
            ],
        ),
    ],
)
def test_headings_read_back_from_the_docx_and_pass_check(tmp_path, profile, expected):
    out = _render(tmp_path, profile)
    doc = Document(str(out))
    paras = [p for p in doc.paragraphs if norm(p.text)]
    texts = [norm(p.text) for p in paras]
    start = texts.index("Mở đầu báo cáo.")
    found = []
    for p in paras[start + 1 :]:
        runs = [r for r in p.runs if r.text.strip()]
        if norm(p.text) in ("Nội dung khoản.",) or norm(p.text).startswith("Kết thúc báo cáo"):
            assert not any(r.bold for r in runs)
            continue
        if len(found) == len(expected):
            break
        found.append((norm(p.text), all(bool(r.bold) for r in runs), all(bool(r.italic) for r in runs)))
    assert found == expected
    # the number is text in the paragraph, never Word list numbering
    assert not any(p._p.pPr is not None and p._p.pPr.numPr is not None for p in paras)
    assert check_docx(out, profiles.load(profile)) == []
