"""Issue 18 items 1–3 as LibreOffice prints them: one conversion of a few documents (module fixture).

What a reader of the XML cannot see: the date line printed on one line, a name printed in the
lines chosen for it, a wrapped addressee's second line under the text after "- ", Nơi nhận and
the signature on the page of the body's last lines. Each document was chosen to fail before
#18 (main before 7d8c7da): a 106 mm date in a 103 mm column, an 88 mm date in 85 mm, a body of
eight paragraphs whose signature fell alone onto page 2, a wrapped addressee under the dash.
"""

from __future__ import annotations

import re
import subprocess

import pytest

from dispatch_gen import pipeline
from dispatch_gen.output import pdf

from . import test_appendix_widths as appendix_widths
from .conftest import party_yaml

pytestmark = pytest.mark.skipif(not pdf.pdf_available(), reason="LibreOffice (soffice) is not installed")

LONG = "Các chi bộ trực thuộc Đảng ủy xã Bình Sơn và các tổ chức chính trị - xã hội của xã"
PARA = (
    "Ban Thường vụ Đảng ủy yêu cầu các chi bộ trực thuộc tập trung lãnh đạo, chỉ đạo thực hiện tốt công tác "
    "kết nạp đảng viên trong năm, bảo đảm chất lượng và đúng quy trình."
)


def _state(**kw) -> str:
    text = party_yaml(the_thuc="nha_nuoc", **kw).replace("T/M BAN THƯỜNG VỤ", "TM. ỦY BAN NHÂN DÂN")
    return text.replace("ĐẢNG BỘ TỈNH QUẢNG NGÃI", "UBND TỈNH QUẢNG NGÃI").replace("ky_hieu: ĐU", "ky_hieu: UBND")


DOCS = {
    "state": _state(ten="PHÒNG GIÁO DỤC VÀ ĐÀO TẠO HUYỆN BÌNH SƠN", kinh_gui=[LONG, "Ban Tổ chức"]).replace(
        "dia_danh: Bình Sơn", "dia_danh: Thành phố Hồ Chí Minh"
    ),
    "party": party_yaml(ten="ỦY BAN NHÂN DÂN HUYỆN BÌNH SƠN", noi_dung="\n\n".join([PARA] * 8)).replace(
        "dia_danh: Bình Sơn", "dia_danh: Thị trấn Châu Ổ"
    ),
    "appendix": appendix_widths.yaml_text(),  # the units' names in a column sized from them
}


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, list[list[tuple[str, list[tuple[str, float]]]]]]:
    """Per document, per page: each printed line's text and its words with their left edge (pt)."""
    folder = tmp_path_factory.mktemp("layout-pdf")
    docs = []
    for name, text in DOCS.items():
        src = folder / f"{name}.yaml"
        src.write_text(text, encoding="utf-8")
        pipeline.render_file(src, folder / f"{name}.docx")
        docs.append(folder / f"{name}.docx")
    out = {}
    for path in pdf.convert_to_pdf(docs):
        html = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True, text=True, check=True)
        pages = []
        for page in re.findall(r"<page .*?</page>", html.stdout, re.S):
            lines = []
            for line in re.findall(r"<line .*?</line>", page, re.S):
                words = [(w, float(x)) for x, w in re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>', line)]
                lines.append((" ".join(w for w, _ in words), words))
            pages.append(lines)
        out[path.stem] = pages
    return out


def _texts(page) -> list[str]:
    return [text for text, _ in page]


def test_the_date_lines_print_on_one_line(printed):
    assert "Thành phố Hồ Chí Minh, ngày 04 tháng 12 năm 2026" in _texts(printed["state"][0])  # 106.3 mm
    assert "Thị trấn Châu Ổ, ngày 04 tháng 12 năm 2026" in _texts(printed["party"][0])  # 87.5 mm


def test_names_print_in_the_lines_chosen_for_them(printed):
    state, party = _texts(printed["state"][0]), _texts(printed["party"][0])
    assert ["PHÒNG GIÁO DỤC", "VÀ ĐÀO TẠO", "HUYỆN BÌNH SƠN"] == [x for x in state if x in STATE_NAME]
    assert ["ỦY BAN NHÂN DÂN", "HUYỆN BÌNH SƠN"] == [x for x in party if x in PARTY_NAME]


STATE_NAME = {"PHÒNG GIÁO DỤC", "VÀ ĐÀO TẠO", "HUYỆN BÌNH SƠN", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"}
PARTY_NAME = {"ỦY BAN NHÂN DÂN", "HUYỆN BÌNH SƠN", "ỦY BAN NHÂN DÂN HUYỆN BÌNH SƠN"}


def test_a_wrapped_addressee_continues_under_its_text(printed):
    page = printed["state"][0]
    assert "Kính gửi:" in _texts(page)  # the label, then (after the tab) the first addressee
    i = next(i for i, (text, _) in enumerate(page) if text.startswith("- Các chi bộ"))
    first, after = page[i][1], page[i + 1][1]
    dash_x, text_x = first[0][1], first[1][1]  # "-", then "Các" after "- "
    assert after[0][1] == pytest.approx(text_x, abs=0.6)  # "chính trị…" under "Các"
    assert after[0][1] > dash_x + 2  # not under the dash
    assert " ".join(w for w, _ in first[1:] + after).startswith(LONG)


def test_the_signature_stands_with_the_last_lines_of_the_body(printed):
    pages = printed["party"]
    assert len(pages) == 2  # eight paragraphs: the body runs onto page 2
    last = _texts(pages[-1])
    assert "Nguyễn Văn A" in last and any(x.startswith("Nơi nhận") for x in last)
    assert any(x.endswith("đúng quy trình.") for x in last)  # the body's last line on the signature's page


def test_the_appendix_names_print_on_one_line(printed):
    """Each unit's name on one printed line (the longest, 94 mm, wrapped in the 61 mm it had before)."""
    lines = [text for page in printed["appendix"] for text in _texts(page)]
    for name in appendix_widths.NAMES:
        assert any(name in text for text in lines), name
