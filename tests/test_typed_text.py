"""What the user typed reaches the page as typed (issue 23).

docxtpl turns ``{_{ }_} {_% %_}`` in a rendered part into tag braces; markdown-it decoded
HTML entities and took ``__x__`` for bold. Every text field is checked here, in the header,
the body, the footnotes, the appendix title and the appendix cells, against the string typed.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from dispatch_gen import cli

from .docx_read import W, all_parts_parse, body_paragraphs, footnotes, paragraph_markup
from .test_properties import SETTINGS, base, body_text, outcome

TYPED = "{_{ x }_} {_% y %_} &amp; &#x41; &#x1; __z__ _w_"
BAD = Path(__file__).parent / "bad"


def case(tmp_path: Path, text: str) -> Path:
    def q(s: str) -> str:
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

    src = (BAD / "hop-le.yaml").read_text(encoding="utf-8")
    for old, new in {
        "trich_yeu: Đôn đốc kết nạp đảng viên": f"trich_yeu: {q('Trích yếu ' + text)}",
        "  - Ban Tổ chức Huyện ủy": f"  - {q('Kính gửi ' + text)}",
        "  Đề nghị các đơn vị khẩn trương thực hiện.": f"  Nội dung {text}",
        "  a: Theo báo cáo của các đơn vị.": f"  a: {q('Chú thích ' + text)}",
        "  ho_ten: Nguyễn Văn Thái": f"  ho_ten: {q('Người ký ' + text)}",
        "{ten: Đảng ủy xã Bình An, khoi: Xã,": f"{{ten: {q('Đơn vị ' + text)}, khoi: Xã, "
        f"ghi_chu: {q('Ghi chú ' + text)},",
        "  - ten: KẾT QUẢ KẾT NẠP ĐẢNG VIÊN": f"  - ten: {q('PHỤ LỤC ' + text)}",
    }.items():
        assert src.count(old) == 1, old
        src = src.replace(old, new)
    p = tmp_path / "cv.yaml"
    p.write_text(src, encoding="utf-8")
    return p


def table_cells(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    return ["".join(t.text or "" for t in tc.iter(f"{W}t")) for tc in root.iter(f"{W}tc")]


@pytest.mark.parametrize("command", ["render", "appendix"])
def test_tag_marks_entities_and_underscores_print_as_typed_everywhere(command, tmp_path, capsys):
    p = case(tmp_path, TYPED)
    out = tmp_path / "o.docx"
    rc = cli.main([command, str(p), "-o", str(out)])
    err = capsys.readouterr().err
    assert rc == 0, err
    all_parts_parse(out)
    body = body_text(out)
    labels = ["PHỤ LỤC", "Đơn vị", "Ghi chú"]
    if command == "render":
        labels += ["Trích yếu", "Kính gửi", "Nội dung", "Người ký"]
        assert footnotes(out) == {1: f"Chú thích {TYPED}"}
    for label in labels:
        assert f"{label} {TYPED}" in body, label
    cells = table_cells(out)
    assert f"Đơn vị {TYPED}" in cells and f"Ghi chú {TYPED}" in cells
    assert "{{" not in body and "{%" not in body and "\ufffd" not in body


def test_only_stars_mark_bold_and_italic(tmp_path, capsys):
    p = case(tmp_path, "**đậm** *nghiêng* __gạch__ _một_ a_b_c \\*sao\\*")
    out = tmp_path / "o.docx"
    assert cli.main(["render", str(p), "-o", str(out)]) == 0, capsys.readouterr().err
    paras = [paragraph_markup(q._p) for q in body_paragraphs(Document(str(out)))]
    assert "Nội dung **đậm** *nghiêng* __gạch__ _một_ a_b_c *sao*" in paras, paras


def test_a_value_inserted_by_an_expression_prints_as_typed(tmp_path, capsys):
    src = case(tmp_path, "{{ co_quan.ten }} {{ don_vi[0].ten }}").read_text(encoding="utf-8")
    src = src.replace("ten: HUYỆN ỦY BÌNH SƠN", 'ten: "HUYỆN ỦY &amp; {_{ A }_} __B__"')
    p = tmp_path / "cv.yaml"
    p.write_text(src, encoding="utf-8")
    out = tmp_path / "o.docx"
    assert cli.main(["render", str(p), "-o", str(out)]) == 0, capsys.readouterr().err
    paras = [paragraph_markup(q._p) for q in body_paragraphs(Document(str(out)))]
    want = "Nội dung HUYỆN ỦY &amp; {_{ A }_} __B__ Đơn vị {{ co_quan.ten }} {{ don_vi[0].ten }}"
    assert want in paras, paras


#: pieces that docxtpl's clean-up, HTML entities or underscore emphasis used to change
PIECES = st.sampled_from(
    ["{_{", "}_}", "{_%", "%_}", "__", "_", "&amp;", "&#x41;", "&#1;", "&lt;", "&", "#", "a_b", "Đ"]
)
TYPED_TEXT = st.lists(PIECES, min_size=1, max_size=8).map(
    lambda p: " ".join([*p, "z"])
)  # a list item's end ";" is the tool's


@SETTINGS
@given(text=TYPED_TEXT, command=st.sampled_from(["render", "appendix"]))
def test_typed_text_prints_as_typed(text, command):
    data = base(
        trich_yeu="T " + text,
        kinh_gui=["K " + text],
        noi_dung="N " + text,
        chu_thich={},
        **{"phu_luc": [{"ten": "P " + text}], "so_lieu.don_vi.0.ghi_chu": "G " + text},
    )
    rc, err, out = outcome(data, command)
    assert rc == 0 and out is not None, err
    body = body_text(out)
    labels = "PG" if command == "appendix" else "TKNPG"
    for label in labels:
        assert f"{label} {text}" in body, label
