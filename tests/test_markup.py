"""compute/markup.py: the YAML's light markup, paragraph by paragraph, run by run."""

from __future__ import annotations

import pytest

from dispatch_gen.compute.markup import Run, note_labels, parse_blocks, parse_inline


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chữ thường.", [[Run("Chữ thường.")]]),
        (
            "Một **đậm** và *nghiêng*.",
            [[Run("Một "), Run("đậm", bold=True), Run(" và "), Run("nghiêng", italic=True), Run(".")]],
        ),
        ("***cả hai***", [[Run("cả hai", bold=True, italic=True)]]),
        ("**đậm *lồng* đậm**", [[Run("đậm ", bold=True), Run("lồng", bold=True, italic=True), Run(" đậm", bold=True)]]),
        # official documents number their own paragraphs: no Word lists, no headings
        (
            "1. Các chi bộ:\n\n- Tập trung chỉ đạo;\n\n# không là tiêu đề",
            [[Run("1. Các chi bộ:")], [Run("- Tập trung chỉ đạo;")], [Run("# không là tiêu đề")]],
        ),
        # one line break inside a paragraph is a space; a blank line starts a new one
        ("dòng một\ndòng hai\n\nđoạn hai", [[Run("dòng một dòng hai")], [Run("đoạn hai")]]),
        # a footnote mark is its own run, wherever it stands
        ("Các đơn vị[^ton_giao]: khẩn trương.", [[Run("Các đơn vị"), Run(note="ton_giao"), Run(": khẩn trương.")]]),
        ("**đậm[^a]**", [[Run("đậm", bold=True), Run(note="a")]]),
        # escapes and what is no markup stay as written
        (r"\*không nghiêng\*, 5 * 3, a_b_c", [[Run("*không nghiêng*, 5 * 3, a_b_c")]]),
        ("**chưa đóng", [[Run("**chưa đóng")]]),
        ("[^] và [link](x)", [[Run("[^] và [link](x)")]]),
        ("&amp; <b> __x__", [[Run("&amp; <b> __x__")]]),  # no entities, only * marks emphasis
        # two trailing spaces: a line break inside the paragraph
        ("dòng một  \ndòng hai", [[Run("dòng một"), Run(br=True), Run("dòng hai")]]),
    ],
)
def test_blocks(text, expected):
    assert parse_blocks(text) == expected


def test_inline_joins_paragraphs_with_line_breaks():
    assert parse_inline("Một.\n\n*Hai*.") == [Run("Một."), Run(br=True), Run("Hai", italic=True), Run(".")]
    assert parse_inline("") == []


def test_note_labels_in_order_with_repeats():
    assert note_labels("a[^x] b[^y-2]\n\nc[^x] **d[^z]**") == ["x", "y-2", "x", "z"]
    assert note_labels("không có chú thích, [^ có dấu cách]") == []


def test_run_repr_names_only_what_is_set():
    assert repr(Run("a", bold=True)) == "Run(text='a', bold=True)"
    assert repr(Run(note="k")) == "Run(note='k')"
