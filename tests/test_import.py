"""`import`: a Word dispatch back to YAML, and the round trip render → import → render.

The documents are built here in each construction the checker reads (the header as a
borderless table, with tabs, with the space bar, with line breaks, in text boxes; the body's
formatting from styles and from direct formatting), and rendered from the project's examples.
Each is imported, the YAML's values compared with what the document shows (written out here),
the YAML rendered again, and the two documents' texts compared line by line (white space
collapsed; both sides are printed by the same profile, so its punctuation is the same).
"""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from docx.shared import Pt
from lxml import etree

from dispatch_gen import pipeline
from dispatch_gen.check.common import norm
from dispatch_gen.check.reader import read_docx
from dispatch_gen.check.rules import judge_file
from dispatch_gen.input import profile as profiles
from dispatch_gen.vn import fold
from dispatch_gen.wordin import import_docx
from dispatch_gen.wordin.yamlout import dump

from . import test_check_construction
from .conftest import EXAMPLES
from .test_check import build
from .test_check_construction import with_breaks, with_spaces, with_tabs

WPS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
)


def texts(path: Path) -> list[str]:
    """Every line of the document and its footnotes with text, white space collapsed.

    Lines are cut at line breaks and tabs (what lays out columns); a line that is only a rule
    ("-----", "____", the "*" under a Party body's name) is layout, not text, and left out."""
    doc = read_docx(path)
    out = []
    for para in doc.paragraphs:
        out += [norm(x) for x in re.split(r"[\n\t]+", para.text) if x.strip() and not RULE.match(x)]
    for _key, paras in sorted((doc.footnotes or {}).items()):
        out += ["[chú thích] " + norm(p.text) for p in paras if p.text.strip()]
    return out


RULE = re.compile(r"^[\s\-–—_*=.…~]+$")
KIND_NAMES = {fold(k["name"]) for name in profiles.shipped() for k in profiles.load(name)["kinds"].values()}


def words(a: list[str]) -> tuple[list[str], list[str]]:
    """The header's words in any order, then the rest's words in order, each line's end punctuation dropped.

    The header's columns are read cell by cell: a header table with the number in its first row
    reads in another order than the renderer's, with the number in a second row. The header ends
    at "Kính gửi", else at a title block's kind name ("BÁO CÁO"), else at the first line of 15
    words. The profile's punctuation at the end of list lines (",", ";", ".") is the renderer's, and
    a wrapped line joined again moves it inside a line: words are compared without it. "HOÀ" and
    "HÒA" are one spelling (vn.fold).
    """
    ends = [i for i, t in enumerate(a) if t.startswith("Kính gửi")]
    ends = ends or [i for i, t in enumerate(a) if fold(t) in KIND_NAMES]
    ends = ends or [i for i, t in enumerate(a) if len(t.split()) >= 15]
    head = ends[0] if ends else 0
    tokens = [[w.rstrip(",;.") for w in fold(t).split()] for t in a]
    return sorted(w for line in tokens[:head] for w in line), [w for line in tokens[head:] for w in line]


def same_text(a: list[str], b: list[str]) -> bool:
    return words(a) == words(b)


def errors(path: Path) -> list[str]:
    judged = judge_file(path, profiles.names())
    return [str(f) for f in judged.findings if f.severity == "error"]


def imported(path: Path, yaml_path: Path) -> tuple[dict[str, Any], list[str]]:
    """Import ``path``, write its YAML to ``yaml_path``, return the YAML read back and the warnings."""
    result = import_docx(path)
    yaml_path.write_text(dump(result.data), encoding="utf-8")
    return yaml.safe_load(yaml_path.read_text(encoding="utf-8")), [str(w) for w in result.warnings]


def round_trip(original: Path, folder: Path) -> tuple[dict[str, Any], list[str], Path]:
    data, warnings = imported(original, folder / (original.stem + ".imported.yaml"))
    again = folder / (original.stem + ".again.docx")
    pipeline.render_file(folder / (original.stem + ".imported.yaml"), again)
    return data, warnings, again


# --- the project's own outputs -----------------------------------------------------------

EXAMPLE_NAMES = sorted(p.name for p in EXAMPLES.glob("*.yaml"))


@pytest.fixture(scope="module")
def examples_rendered(tmp_path_factory) -> Path:
    """Each example rendered without its appendices (they are computed from so_lieu, not typed)."""
    folder = tmp_path_factory.mktemp("examples")
    for csv in EXAMPLES.glob("*.csv"):
        shutil.copy(csv, folder / csv.name)
    for name in EXAMPLE_NAMES:
        data = yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))
        data.pop("phu_luc", None)
        src = folder / name
        src.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        pipeline.render_file(src, folder / (src.stem + ".docx"))
    return folder


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_an_example_rendered_imported_and_rendered_again_has_the_same_text(examples_rendered, name):
    original = examples_rendered / (Path(name).stem + ".docx")
    _data, warnings, again = round_trip(original, examples_rendered)
    assert warnings == []
    assert texts(again) == texts(original)
    assert len(errors(again)) <= len(errors(original))


def test_the_state_example_imports_into_its_own_values(examples_rendered):
    data, _warnings = imported(examples_rendered / "quang-ngai-ubnd-cap-cccd-2024.docx", examples_rendered / "q.yaml")
    assert data["the_thuc"] == "nha_nuoc"
    assert data["co_quan"] == {
        "cap_tren": "UBND TỈNH QUẢNG NGÃI",
        "ten": "ỦY BAN NHÂN DÂN\nHUYỆN BÌNH SƠN",
        "ky_hieu": "UBND",
        "don_vi_soan_thao": "CA",
    }
    assert (data["so"], data["dia_danh"], data["ngay"], data["dau_muc_do"]) == (1234, "Bình Sơn", "05/3/2024", ["KHẨN"])
    assert data["trich_yeu"] == "đẩy nhanh tiến độ cấp căn cước công dân"
    assert data["kinh_gui"] == [
        "Chủ tịch Ủy ban nhân dân các xã, thị trấn",
        "Công an huyện",
        "Phòng Văn hóa và Thông tin huyện",
    ]
    assert data["noi_nhan"][0] == "Như trên" and data["noi_nhan"][-1] == "Lưu: VT, CA"
    assert data["ky"] == {"quyen_han": "KT. CHỦ TỊCH", "chuc_vu": "PHÓ CHỦ TỊCH", "ho_ten": "Trần Văn Minh"}
    body = data["noi_dung"]
    assert body.startswith("Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh Quảng Ngãi về triển khai Đề án 06[^cn1] trên")
    assert "**trước ngày 31/3/2024**" in body and "(*chi tiết tại Phụ lục I kèm theo*)" in body
    assert "\n\n1. Chủ tịch Ủy ban nhân dân các xã, thị trấn:\n\n- Trực tiếp chỉ đạo" in body
    assert body.rstrip().endswith("**trước ngày 05/4/2024**.")  # the "./." is the renderer's again
    assert list(data["chu_thich"]) == ["cn1", "cn2"]
    assert data["chu_thich"]["cn2"] == "UBND xã Bình An, Bình Châu, Bình Hải, Bình Khương."


def test_a_party_report_imports_its_kind_and_title_block(examples_rendered):
    data, _w = imported(
        examples_rendered / "binh-son-xa-bao-cao-ket-nap-dang-vien-2026.docx", examples_rendered / "bc.yaml"
    )
    assert (data["the_thuc"], data["loai"], data["so"], data["ngay"], data["nam"]) == (
        "dang-hd05",
        "BC",
        None,
        None,
        2026,
    )
    assert data["trich_yeu"] == "kết quả kết nạp đảng viên 11 tháng năm 2026"
    assert "kinh_gui" not in data
    # the sections, numbered by the tool (I., 1.) and rendered bold, in capitals at level 1, come back as "#"
    # lines, the numbers the tool supplies left to it again
    assert "\n\n# KẾT QUẢ THỰC HIỆN\n\n## Kết quả chung\n\n" in data["noi_dung"]
    assert "\n\n## Kết quả ở các chi bộ\n\n" in data["noi_dung"]


# --- documents typed in Word, in each construction ---------------------------------------


def in_text_boxes(p: dict[str, Any]) -> Any:
    """The header's two columns as two text boxes anchored in one paragraph; no header table."""
    built = build(p, appendix=False)
    table = built.doc.tables[0]._tbl
    anchor = built.doc.add_paragraph()._p
    for cell in built.doc.tables[0].rows[0].cells:
        content = "".join(etree.tostring(q._p, encoding="unicode") for q in cell.paragraphs)
        run = docx.oxml.parse_xml(
            f'<w:r {WPS}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
            '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f"<wps:wsp><wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx></wps:wsp>"
            "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice></mc:AlternateContent></w:r>"
        )
        anchor.append(run)
    table.addprevious(anchor)
    table.getparent().remove(table)
    return built


def table_header(p: dict[str, Any]) -> Any:
    return build(p, appendix=False)


BUILT = {
    "table": table_header,
    "tabs": with_tabs,
    "spaces": with_spaces,
    "breaks": with_breaks,
    "text-boxes": in_text_boxes,
}


def formatted(built: Any) -> Any:
    """Bold by direct formatting, italic from a character style, both in the body."""
    doc = built.doc
    style = doc.styles.add_style("Nhan manh", 2)
    style.font.italic = True
    first = built.parts["body"][0]
    first.add_run(" Phấn đấu ")
    first.add_run("đến ngày 25/10/2024").bold = True
    first.add_run(" hoàn thành (")
    first.add_run("có phụ lục", style=style)
    first.add_run(").")
    last = built.parts["body"][-1]
    run = last.add_run(" Ghi chú: 5 * 3 {{ x }} [1] ")
    run.font.size = Pt(14)
    return built


@pytest.fixture(scope="module")
def party() -> dict[str, Any]:
    return copy.deepcopy(profiles.load("dang-hd36"))


@pytest.mark.parametrize("style", BUILT)
def test_a_party_dispatch_typed_in_word_imports_whatever_its_construction(party, tmp_path, style, monkeypatch):
    monkeypatch.setattr(test_check_construction, "build", lambda p: build(p, appendix=False))
    built = formatted(BUILT[style](party))
    original = built.save(tmp_path / f"{style}.docx")
    assert any(p.in_textbox for p in read_docx(original).paragraphs) == (style == "text-boxes")
    data, warnings, again = round_trip(original, tmp_path)
    assert warnings == []
    assert data["the_thuc"] == "dang"
    assert data["co_quan"] == {"cap_tren": "ĐẢNG BỘ TỈNH QUẢNG NGÃI", "ten": "HUYỆN ỦY BÌNH SƠN", "ky_hieu": "HU"}
    assert (data["so"], data["dia_danh"], data["ngay"]) == (123, "Bình Sơn", "05/8/2024")
    assert data["trich_yeu"] == "Tiếp tục tăng cường lãnh đạo công tác kết nạp đảng viên"
    assert data["kinh_gui"] == [
        "Các chi, đảng bộ trực thuộc Huyện ủy",
        "Ban Tổ chức Huyện ủy",
        "Các đồng chí Huyện ủy viên",
    ]
    assert data["noi_nhan"] == ["Như trên", "Thường trực Huyện ủy", "Lưu VPHU"]
    assert data["ky"] == {"quyen_han": "T/M BAN THƯỜNG VỤ", "chuc_vu": "PHÓ BÍ THƯ", "ho_ten": "Nguyễn Văn Thái"}
    paragraphs = data["noi_dung"].split("\n\n")
    assert paragraphs[0].endswith("Phấn đấu **đến ngày 25/10/2024** hoàn thành (*có phụ lục*).")
    assert paragraphs[1:3] == [
        "1. Các chi, đảng bộ trực thuộc Huyện ủy:",
        "- Các đơn vị được giao chỉ tiêu kết nạp đảng đối với quần chúng là người theo tôn giáo[^cn1]: khẩn"
        " trương lập hồ sơ.",
    ]
    assert paragraphs[3].endswith("Ghi chú: 5 \\* 3 {{ '{{' }} x }} \\[1]\n")
    assert data["chu_thich"] == {"cn1": "Đảng uỷ xã Bình Chương, Bình Hải, thị trấn Châu Ô."}
    assert same_text(texts(again), texts(original)), (texts(again), texts(original))
    assert len(errors(again)) <= len(errors(original))
