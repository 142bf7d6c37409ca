"""#19 item 3: every value from the data sits in a content control, invisible, tagged with its key.

The rendered seed example is read back with lxml (not with the code under test): its controls,
their tags and titles, and its text, which must equal the text of the same render with
``--khong-danh-dau`` (no control at all) paragraph by paragraph and cell by cell.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from dispatch_gen import pipeline
from dispatch_gen.compute.markup import Run, parse_blocks
from dispatch_gen.compute.textjinja import evaluate

from .conftest import EXAMPLE

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
ALIAS = re.compile(r"^(Số liệu|Bảng phụ lục): (.+) #(\d+)\.([0-9a-f]{8})$")


def _root(path: Path, part: str = "word/document.xml"):
    with zipfile.ZipFile(path) as zf:
        return etree.fromstring(zf.read(part))


def _text(el) -> str:
    return "".join(t.text or "" for t in el.iter(f"{W}t"))


@pytest.fixture(scope="module")
def both(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("marks")
    ld = pipeline.load(EXAMPLE)
    out = []
    for name, marks in (("marked.docx", True), ("plain.docx", False)):
        doc, _warnings = pipeline.build_dispatch(ld, marks=marks)
        doc.save(str(folder / name))
        out.append(folder / name)
    return out[0], out[1]


def _tags(root) -> list[str]:
    return [sdt.find(f"{W}sdtPr/{W}tag").get(f"{W}val") for sdt in root.iter(f"{W}sdt")]


def test_every_value_from_the_data_is_in_a_control_tagged_with_its_key(both):
    marked, _plain = both
    body = _root(marked)
    assert sorted(_tags(body)) == sorted(
        [
            "tinh_den.month",
            "tinh_den.year",
            'khen | danh_sach(", ")',
            "nguong_cham",
            "tinh_den | ngay",
            "tong.dat",
            "tong.chi_tieu",
            "tong.ty_le | phan_tram",
            *["nam"] * 6,
            *["han.dot_1"] * 2,
            *["han.dot_2"] * 2,
            "han.tham_dinh",
            "phu_luc.1",
        ]
    )
    assert _tags(_root(marked, "word/footnotes.xml")) == ["chi_so.ton_giao.don_vi | gop_tien_to"]
    values = {sdt.find(f"{W}sdtPr/{W}tag").get(f"{W}val"): _text(sdt) for sdt in body.iter(f"{W}sdt")}
    assert values["tong.dat"] == "161"
    assert values["tong.chi_tieu"] == "256"
    assert values["tong.ty_le | phan_tram"] == "62,89%"
    assert values["tinh_den | ngay"] == "05/8/2024"
    assert values["han.tham_dinh"] == "30/10/2024"
    assert values['khen | danh_sach(", ")'].startswith(
        "Đảng ủy Trường THPT Bình Sơn, Đảng ủy Trường THPT Trần Kỳ Phong"
    )


def test_controls_are_hidden_without_placeholder_and_titled_in_vietnamese(both):
    marked, _plain = both
    seen = {}
    for part in ("word/document.xml", "word/footnotes.xml"):
        for sdt in _root(marked, part).iter(f"{W}sdt"):
            pr = sdt.find(f"{W}sdtPr")
            assert pr.find(f"{W}showingPlcHdr") is None and pr.find(f"{W}placeholder") is None
            assert pr.find(f"{W15}appearance").get(f"{W15}val") == "hidden"
            m = ALIAS.match(pr.find(f"{W}alias").get(f"{W}val"))
            assert m, pr.find(f"{W}alias").get(f"{W}val")
            key = pr.find(f"{W}tag").get(f"{W}val")
            assert m.group(2) == key
            seen[key] = seen.get(key, 0) + 1
            assert int(m.group(3)) == seen[key]  # the occurrences of a key numbered in order
            parent = sdt.getparent().tag
            if key == "phu_luc.1":
                assert m.group(1) == "Bảng phụ lục" and parent == f"{W}body"
                assert [c.tag for c in sdt.find(f"{W}sdtContent")] == [f"{W}tbl"]
            else:
                assert m.group(1) == "Số liệu" and parent == f"{W}p"
                assert pr.find(f"{W}text") is not None  # plain text: LibreOffice keeps its title
    assert seen["nam"] == 6


def _paragraph_texts(root) -> list[str]:
    return [_text(p) for p in root.iter(f"{W}p")]


def test_the_text_is_that_of_a_render_without_marks(both):
    marked, plain = both
    for part in ("word/document.xml", "word/footnotes.xml"):
        a, b = _paragraph_texts(_root(marked, part)), _paragraph_texts(_root(plain, part))
        assert a == b
    body = _paragraph_texts(_root(marked))
    assert any("Tính đến ngày 05/8/2024 có 161/256 đảng viên mới kết nạp (đạt 62,89%)" in t for t in body)
    assert next(_root(plain).iter(f"{W}sdt"), None) is None


def test_no_marks_option_writes_no_control(workdir, capsys):
    from dispatch_gen import cli

    out = workdir / "plain.docx"
    assert cli.main(["render", str(workdir / EXAMPLE.name), "-o", str(out), "--khong-danh-dau"]) == 0
    for part in ("word/document.xml", "word/footnotes.xml"):
        assert next(_root(out, part).iter(f"{W}sdt"), None) is None
    assert cli.main(["appendix", str(workdir / EXAMPLE.name), "-o", str(workdir / "pl.docx"), "--no-marks"]) == 0
    assert next(_root(workdir / "pl.docx").iter(f"{W}sdt"), None) is None
    assert cli.main(["appendix", str(workdir / EXAMPLE.name), "-o", str(workdir / "pl2.docx")]) == 0
    assert _tags(_root(workdir / "pl2.docx")) == ["phu_luc.1"]


def test_the_text_stage_carries_the_key_of_each_printed_value():
    ns = {"tong": {"dat": 161, "chi_tieu": 256}, "khen": [{"ten": "A*B"}, {"ten": "C"}], "xs": [1, 2]}
    text = "Có **{{ tong.dat }}**/{{tong.chi_tieu}}: {{ khen | danh_sach }}{% for x in xs %} [{{ x }}]{% endfor %}"
    [runs] = parse_blocks(evaluate(text, ns, keep_marks=True))
    plain = [(r.text, r.bold, r.mark.key if r.mark else None) for r in runs]
    assert plain == [
        ("Có ", False, None),
        ("161", True, "tong.dat"),
        ("/", False, None),
        ("256", False, "tong.chi_tieu"),
        (": ", False, None),
        ("A*B và C", False, "khen | danh_sach"),
        (" [", False, None),
        ("1", False, "x"),
        ("] [", False, None),
        ("2", False, "x"),
        ("]", False, None),
    ]
    assert runs[7].mark != runs[9].mark  # two values of one key stay two
    assert "".join(r.text for r in runs) == "Có 161/256: A*B và C [1] [2]"
    # a value set in a block and printed later keeps only the outer key, no sentinel leaks
    [runs] = parse_blocks(evaluate("{% set y %}{{ tong.dat }}!{% endset %}{{ y }}.", ns, keep_marks=True))
    assert [(r.text, r.mark.key if r.mark else None) for r in runs] == [("161!", "y"), (".", None)]
    # a filter over printed values that cuts their sentinels leaves none in the text
    [runs] = parse_blocks(
        evaluate("{% filter truncate(12, true, '') %}{{ tong.dat }}{{ tong.chi_tieu }}{% endfilter %}x", ns, True)
    )
    assert all(isinstance(r, Run) and not any(ord(c) >= 0xF0000 for c in r.text) for r in runs)
    assert "".join(r.text for r in runs).endswith("x")


def _merged_summary(path: Path) -> dict[str, list]:
    """docx_summary's record of each part, controls taken away and adjacent runs of one formatting joined."""
    import re as _re

    from .docx_read import unwrap_controls
    from .docx_summary import part

    out = {}
    with zipfile.ZipFile(path) as zf:
        for name in sorted(zf.namelist()):
            if not _re.match(r"word/(document|header\d*|footer\d*|footnotes)\.xml$", name):
                continue
            root = etree.fromstring(zf.read(name))
            unwrap_controls(root)
            items = part(root)
            for item in items:
                if "runs" in item:
                    joined: list[list[str]] = []
                    for text, props in item["runs"]:
                        if joined and joined[-1][1] == props and "[^]" not in text + joined[-1][0]:
                            joined[-1][0] += text
                        else:
                            joined.append([text, props])
                    item["runs"] = joined
            out[name] = items
    return out


@pytest.mark.parametrize(
    "name",
    ["binh-son-ket-nap-dang-vien-2024", "binh-son-nhac-nho-don-vi-cham-2024", "quang-ngai-ubnd-cap-cccd-2024"],
)
def test_with_its_controls_taken_away_the_document_is_the_one_without_marks(name, tmp_path):
    """Text, paragraph and run properties, tables and sections: the same, whatever the controls split."""
    ld = pipeline.load(EXAMPLE.with_name(f"{name}.yaml"))
    paths = []
    for marks in (True, False):
        doc, _warnings = pipeline.build_dispatch(ld, marks=marks)
        paths.append(tmp_path / f"{marks}.docx")
        doc.save(str(paths[-1]))
    assert next(_root(paths[0]).iter(f"{W}sdt"), None) is not None
    assert _merged_summary(paths[0]) == _merged_summary(paths[1])


def test_the_checkers_reader_reads_the_text_inside_the_controls(both):
    from dispatch_gen.check.reader import read_docx

    marked, _plain = both
    text = "\n".join("".join(r.text for r in p.runs) for p in read_docx(marked).paragraphs)
    assert "Tính đến ngày 05/8/2024 có 161/256 đảng viên mới kết nạp (đạt 62,89%)" in text
    assert "Đảng ủy xã Bình Nguyên" in text  # a row of the appendix table, in its block control
