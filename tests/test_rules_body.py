"""check/rules_body.py: Kính gửi, the body paragraphs and decimal points, rule by rule, on wmlfix
documents and HD 36 (body 14–15 pt, justified, first line 10–12,7 mm, at least 6 pt after, at
least 18 pt line spacing "Exactly"; Kính gửi 14 pt, items ending "," and the last ".")."""

from __future__ import annotations

import pytest

from dispatch_gen.check import read_docx
from dispatch_gen.check.locate import locate
from dispatch_gen.check.rules_body import check_body, check_decimals, check_recipients
from dispatch_gen.input import profile as profiles

from .wmlfix import docx, p

PROFILE = profiles.load("dang-hd36")
SZ14 = '<w:sz w:val="28"/>'
#: justified, 12,7 mm first line, 6 pt after, exactly 18 pt
GOOD_PPR = '<w:spacing w:after="120" w:line="360" w:lineRule="exact"/><w:ind w:firstLine="720"/><w:jc w:val="both"/>'
HEAD = p("Số 127-CV/HU", rpr=SZ14) + p("Bình Sơn, ngày 05 tháng 8 năm 2024", rpr="<w:i/>" + SZ14)
KG = p("Kính gửi:\t- Các chi bộ,", rpr=SZ14) + p("- Ban Tổ chức Huyện ủy.", rpr=SZ14)


def findings(tmp_path, rule, body_paras=None, kg=KG, ppr=GOOD_PPR, rpr=SZ14) -> list[str]:
    texts = body_paras or ["Qua theo dõi, đánh giá việc kết nạp đảng viên.", "Yêu cầu thực hiện nghiêm."]
    body = HEAD + kg + "".join(p(t, ppr=ppr, rpr=rpr) for t in texts) + p("Nơi nhận:")
    return [f.message for f in rule(locate(read_docx(docx(tmp_path, body)), PROFILE), PROFILE)]


def test_a_right_body_passes(tmp_path):
    assert findings(tmp_path, check_body) == []
    assert findings(tmp_path, check_recipients) == []
    assert findings(tmp_path, check_decimals) == []


@pytest.mark.parametrize(
    ("ppr", "rpr", "message"),
    [
        (GOOD_PPR, '<w:sz w:val="26"/>', "2 đoạn cỡ chữ 13 pt"),
        (GOOD_PPR.replace("both", "left"), SZ14, "2 đoạn không căn đều hai bên"),
        (GOOD_PPR.replace('w:firstLine="720"', 'w:firstLine="0"'), SZ14, "2 đoạn thụt đầu dòng 0 mm"),
        (GOOD_PPR.replace('w:after="120"', 'w:after="60"'), SZ14, "2 đoạn cách đoạn 3 pt"),
        (GOOD_PPR.replace('w:line="360"', 'w:line="320"'), SZ14, "2 đoạn giãn dòng chính xác 16 pt"),
        # as tall, but "at least" instead of "Exactly": still reported (as a warning)
        (
            GOOD_PPR.replace('w:line="360" w:lineRule="exact"', 'w:line="400" w:lineRule="atLeast"'),
            SZ14,
            "2 đoạn giãn dòng ít nhất 20 pt",
        ),
    ],
    ids=["size", "align", "indent", "after", "line", "line-at-least"],
)
def test_each_body_property(ppr, rpr, message, tmp_path):
    (msg,) = findings(tmp_path, check_body, ppr=ppr, rpr=rpr)
    assert msg.startswith(message), msg


def test_a_centred_caps_heading_is_not_body_text(tmp_path):
    heading = p(
        "I. MỤC ĐÍCH, YÊU CẦU",
        ppr='<w:spacing w:after="120" w:line="360" w:lineRule="exact"/><w:jc w:val="center"/>',
        rpr=SZ14,
    )
    body = HEAD + KG + heading + p("Nội dung của mục.", ppr=GOOD_PPR, rpr=SZ14) + p("Nơi nhận:")
    lay = locate(read_docx(docx(tmp_path, body)), PROFILE)
    assert [f.message for f in check_body(lay, PROFILE)] == []


def test_recipients(tmp_path):
    kg = p("Kính gửi:\t- Các chi bộ.", rpr=SZ14) + p("- Ban Tổ chức Huyện ủy.", rpr=SZ14)
    assert findings(tmp_path, check_recipients, kg=kg) == ["dòng “- Các chi bộ.” cần kết thúc bằng “,”"]
    kg = p("Kính gửi Ban Tổ chức Huyện ủy.", rpr=SZ14)
    assert findings(tmp_path, check_recipients, kg=kg) == ["thiếu dấu hai chấm sau “Kính gửi”"]
    (msg,) = findings(tmp_path, check_recipients, kg=p("Kính gửi: Ban Tổ chức Huyện ủy.", rpr='<w:sz w:val="26"/>'))
    assert "cỡ chữ 13 pt (cần 14 pt)" in msg
    assert findings(tmp_path, check_recipients, kg="") == ["thiếu “Kính gửi:”"]


def test_decimal_points_in_the_body_only(tmp_path):
    paras = ["Có 161/256 đảng viên (đạt 62.89%), 1.234 hồ sơ.", "Ngày 05.8.2024, tỷ lệ 7,5%."]
    (msg,) = findings(tmp_path, check_decimals, body_paras=paras)
    assert "62.89" in msg and "62,89" in msg
