"""The same dispatch built several ways reads the same: a borderless table, tabs, spaces, line
breaks, text boxes.

Offices lay out the header's two columns with a borderless table or with tabs in plain
paragraphs, and often write two lines as one paragraph with a line break (the superior body
and the issuer, the authority and the title, the Nơi nhận label and its items). Each
construction of the correct Party dispatch gives no finding, and each profile value changed
under it (a document made wrong for the profile) gives the same findings in all three.
"""

from __future__ import annotations

import copy
from typing import Any

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement

from dispatch_gen.check import check_docx
from dispatch_gen.input import profile as profiles

from .test_check import Built, build, style_run

SUPERIOR, ISSUER = "ĐẢNG BỘ TỈNH QUẢNG NGÃI", "HUYỆN ỦY BÌNH SƠN"
NUMBER, DATE = "Số 123-CV/HU", "Bình Sơn, ngày 05 tháng 8 năm 2024"
SUBJECT = "Tiếp tục tăng cường lãnh đạo công tác kết nạp đảng viên"


@pytest.fixture(scope="module")
def party() -> dict[str, Any]:
    return copy.deepcopy(profiles.load("dang-hd36"))


def _drawn_line(para: Any) -> None:
    pict = OxmlElement("w:pict")
    pict.append(
        docx.oxml.parse_xml(
            '<v:line xmlns:v="urn:schemas-microsoft-com:vml" from="0,0" to="207pt,0" strokeweight=".5pt"/>'
        )
    )
    para.add_run()._r.append(pict)


def _remove(para: Any) -> None:
    para._p.getparent().remove(para._p)


def with_tabs(p: dict[str, Any], gap: str = "\t\t") -> Built:
    """The header as plain paragraphs, its right column after tabs (or ``gap``); no header table."""
    built = build(p)
    h = p["header"]
    header = built.doc.tables[0]._tbl
    anchor = built.parts["kinh_gui"][0]._p
    tabs = ("\t\t", 0, False, False)
    rows: list[list[tuple[str, float, bool, bool]]] = [
        [
            (SUPERIOR, h["superior"]["size"], h["superior"]["bold"], False),
            (gap, 0, False, False),
            (h["national"]["lines"][0], h["national"]["size"], h["national"]["bold"], False),
        ],
        [(ISSUER, h["issuer"]["size"], h["issuer"]["bold"], False)],
        [(h["issuer_mark"], h["issuer"]["size"], False, False)],
        [(NUMBER, h["number"]["size"], False, False), tabs, (DATE, h["date"]["size"], False, h["date"]["italic"])],
        [(SUBJECT, h["subject"]["size"], h["subject"]["bold"], h["subject"]["italic"])],
    ]
    for i, row in enumerate(rows):
        para = built.doc.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.LEFT
        para.paragraph_format.space_after = 0
        for text, size, bold, italic in row:
            style_run(para.add_run(text), size or None, bold, italic)
        if i == 0:
            _drawn_line(para)  # the rule under the title, drawn as a line shape
        anchor.addprevious(para._p)
    header.getparent().remove(header)
    return built


def with_breaks(p: dict[str, Any]) -> Built:
    """Two lines in one paragraph with a line break: superior/issuer, authority/title, Nơi nhận."""
    built = build(p)
    h, s, n = p["header"], p["signature"], p["noi_nhan"]
    sup = built.parts["superior"]
    sup.add_run().add_break()
    style_run(sup.add_run(ISSUER), h["issuer"]["size"], h["issuer"]["bold"])
    _remove(built.parts["issuer"])
    auth = built.parts["authority"]
    auth.add_run().add_break()
    style_run(auth.add_run(built.parts["title_line"].text), s["title"]["size"], s["title"]["bold"])
    _remove(built.parts["title_line"])
    label = built.parts["noi_nhan"]
    items = [q for q in built.doc.tables[1].rows[0].cells[0].paragraphs if q.text.startswith("- ")]
    for item in items:
        label.add_run().add_break()
        style_run(label.add_run(item.text), n["item_size"])
        _remove(item)
    return built


def with_spaces(p: dict[str, Any]) -> Built:
    """The national line pushed right with the space bar, the date after tabs."""
    return with_tabs(p, " " * 12)


VML = 'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def with_textboxes(p: dict[str, Any]) -> Built:
    """The header's two columns as two text boxes anchored in one paragraph; no header table."""
    built = build(p)
    header = built.doc.tables[0]
    anchor = built.doc.add_paragraph()
    run = anchor.add_run()._r
    for i, cell in enumerate(header.rows[0].cells):
        pict = docx.oxml.parse_xml(
            f'<w:pict {VML}><v:shape style="position:absolute;margin-left:{i * 240}pt;width:230pt;height:120pt">'
            "<v:textbox><w:txbxContent/></v:textbox></v:shape></w:pict>"
        )
        box = next(pict.iter(f"{{{docx.oxml.ns.nsmap['w']}}}txbxContent"))
        for para in list(cell.paragraphs):
            box.append(para._p)
        run.append(pict)
    header._tbl.addprevious(anchor._p)
    header._tbl.getparent().remove(header._tbl)
    return built


BUILDERS = {"table": build, "tabs": with_tabs, "spaces": with_spaces, "breaks": with_breaks, "boxes": with_textboxes}


def _findings(builder: Any, p: dict[str, Any], tmp_path: Any, name: str, judged_by: dict[str, Any]) -> list[str]:
    path = builder(p).save(tmp_path / f"{name}.docx")
    return [str(f) for f in check_docx(path, judged_by)]


def test_the_constructions_really_differ(party, tmp_path):
    tabs = docx.Document(str(with_tabs(party).save(tmp_path / "tabs.docx")))
    assert len(tabs.tables) == 2 and "\t" in tabs.paragraphs[0].text  # the closing and appendix tables
    breaks = docx.Document(str(with_breaks(party).save(tmp_path / "breaks.docx")))
    assert "\n" in breaks.tables[0].rows[0].cells[0].paragraphs[0].text
    boxes = docx.Document(str(with_textboxes(party).save(tmp_path / "boxes.docx")))
    assert len(boxes.tables) == 2 and b"txbxContent" in boxes.element.xml.encode()


@pytest.mark.parametrize("style", BUILDERS)
def test_each_construction_of_the_correct_dispatch_is_silent(party, tmp_path, style):
    assert _findings(BUILDERS[style], party, tmp_path, style, party) == []


WRONG_FOR = [
    ("header.issuer.bold", False, "tên cơ quan: “HUYỆN ỦY BÌNH SƠN”: không được in đậm"),
    ("header.superior.bold", True, "tên cơ quan: “ĐẢNG BỘ TỈNH QUẢNG NGÃI”: cần in đậm"),
    ("header.national.size", 16, "tiêu đề: “ĐẢNG CỘNG SẢN VIỆT NAM”: cỡ chữ 15 pt (cần 16 pt)"),
    ("header.date.italic", False, "ngày tháng: “Bình Sơn, ngày 05 tháng 8 năm 2024”: không được in nghiêng"),
    ("header.subject.size", 13, "trích yếu: trích yếu: cỡ chữ 12 pt (cần 13 pt)"),
    ("signature.title.bold", True, "chữ ký: “PHÓ BÍ THƯ”: cần in đậm"),
    ("signature.authority.size", 13, "chữ ký: “T/M BAN THƯỜNG VỤ”: cỡ chữ 14 pt (cần 13 pt)"),
    ("noi_nhan.item_size", 11, "nơi nhận: các dòng nơi nhận: cỡ chữ 12 pt (cần 11 pt)"),
]


@pytest.mark.parametrize(("key", "value", "expected"), WRONG_FOR, ids=[w[0] for w in WRONG_FOR])
def test_a_profile_value_changed_gives_the_same_finding_in_every_construction(party, tmp_path, key, value, expected):
    judged_by = copy.deepcopy(party)
    *path, last = key.split(".")
    node = judged_by
    for part in path:
        node = node[part]
    node[last] = value
    seen = {style: _findings(builder, party, tmp_path, style, judged_by) for style, builder in BUILDERS.items()}
    assert seen == {style: [expected] for style in BUILDERS}


def test_old_tone_placement_of_the_national_line_is_the_same_spelling(tmp_path):
    """ "CỘNG HOÀ" (old tone placement, as many offices type it) is found and accepted; lower case is not."""
    from dispatch_gen import pipeline

    from .conftest import EXAMPLES

    src = tmp_path / "nn.docx"
    pipeline.render_file(EXAMPLES / "quang-ngai-ubnd-cap-cccd-2024.yaml", src)
    state = profiles.load("nha_nuoc")
    for text, expected in [
        ("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", []),
        (
            "Cộng hoà xã hội chủ nghĩa Việt Nam",
            ["tiêu đề: “Cộng hoà xã hội chủ nghĩa Việt Nam” cần viết là “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”"],
        ),
    ]:
        doc = docx.Document(str(src))
        runs = [r for t in doc.tables for c in t._cells for p in c.paragraphs for r in p.runs]
        run = next(r for r in runs if r.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        run.text = text
        out = tmp_path / "variant.docx"
        doc.save(str(out))
        assert [str(f) for f in check_docx(out, state)] == expected


def test_an_issuer_name_on_two_bold_lines_is_one_name(party, tmp_path):
    """ "ỦY BAN NHÂN DÂN" over "XÃ BÌNH SƠN", both bold: one issuer on two lines (N1 II.2.b), not a bold superior."""
    built = build(party)
    built.parts["superior"].runs[0].bold = True
    built.parts["superior"].runs[0].text = "ỦY BAN NHÂN DÂN"
    built.parts["issuer"].runs[0].text = "XÃ BÌNH SƠN"
    assert [str(f) for f in check_docx(built.save(tmp_path / "two.docx"), party)] == []
    built = build(party)
    built.parts["issuer"].runs[0].bold = False  # superior upright, issuer upright: the issuer is wrong
    found = [str(f) for f in check_docx(built.save(tmp_path / "upright.docx"), party)]
    assert found == ["tên cơ quan: “HUYỆN ỦY BÌNH SƠN”: cần in đậm"]


@pytest.mark.parametrize("style", BUILDERS)
def test_a_bold_superior_body_above_a_bold_issuer_is_reported(party, tmp_path, style):
    """ "ĐẢNG BỘ TỈNH QUẢNG NGÃI" in bold over "HUYỆN ỦY BÌNH SƠN": the line under it names a body of
    its own, so the bold line is the superior body, upright by HD36 PL3 r2, in every construction."""
    bold_superior = copy.deepcopy(party)
    bold_superior["header"]["superior"]["bold"] = True
    path = BUILDERS[style](bold_superior).save(tmp_path / f"{style}.docx")
    assert [str(f) for f in check_docx(path, party)] == ["tên cơ quan: “ĐẢNG BỘ TỈNH QUẢNG NGÃI”: không được in đậm"]
