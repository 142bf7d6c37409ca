"""check/rules_closing.py, rule by rule, on wmlfix documents and HD 36: "Nơi nhận:" 14 pt,
upright, underlined, its items 12 pt ending "," and the last "."; the signature's authority
line (T/M, K/T, T/L, Q.; never K/T for a Ban Thường vụ; never the state's KT.) and name in
bold 14 pt, the title 14 pt not bold."""

from __future__ import annotations

from dispatch_gen.check import read_docx
from dispatch_gen.check.locate import locate
from dispatch_gen.check.rules_closing import check_noi_nhan, check_signature
from dispatch_gen.input import profile as profiles

from .wmlfix import docx, p

PROFILE = profiles.load("dang-hd36")
BOLD = "<w:b/>"
U = '<w:u w:val="single"/>'


def sz(pt: int) -> str:
    return f'<w:sz w:val="{pt * 2}"/>'


def closing(
    label: str = U + sz(14),
    items: tuple[str, ...] = ("- Như trên,", "- Thường trực Huyện ủy,", "- Lưu VPHU."),
    item_size: int = 12,
    authority: str = "T/M BAN THƯỜNG VỤ",
    title_rpr: str = sz(14),
    name_rpr: str = BOLD + sz(14),
) -> str:
    left = p("Nơi nhận:", rpr=label) + "".join(p(i, rpr=sz(item_size)) for i in items)
    right = (
        p(authority, rpr=BOLD + sz(14)) + p("PHÓ BÍ THƯ", rpr=title_rpr) + p("") + p("Nguyễn Văn Thái", rpr=name_rpr)
    )
    return (
        "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>"
        f"<w:tc>{left}</w:tc><w:tc>{right}</w:tc></w:tr></w:tbl>"
    )


def findings(tmp_path, rule, block: str) -> list[str]:
    body = p("Kính gửi: Ban Tổ chức Huyện ủy.") + p("Nội dung.") + block
    lay = locate(read_docx(docx(tmp_path, body)), PROFILE)
    return [f.message for f in rule(lay, PROFILE)]


def test_a_right_closing_block_passes(tmp_path):
    assert findings(tmp_path, check_noi_nhan, closing()) == []
    assert findings(tmp_path, check_signature, closing()) == []


def test_noi_nhan_label_items_and_punctuation(tmp_path):
    (msg,) = findings(tmp_path, check_noi_nhan, closing(label=sz(14)))
    assert "Nơi nhận:" in msg and "cần gạch chân" in msg
    (msg,) = findings(tmp_path, check_noi_nhan, closing(label=U + BOLD + sz(14)))
    assert "Nơi nhận:" in msg and "không được in đậm" in msg
    (msg,) = findings(tmp_path, check_noi_nhan, closing(item_size=14))
    assert "các dòng nơi nhận" in msg and "cỡ chữ 14 pt (cần 12 pt)" in msg
    (msg,) = findings(tmp_path, check_noi_nhan, closing(items=("- Như trên,", "- Lưu VPHU,")))
    assert msg == "dòng “- Lưu VPHU,” cần kết thúc bằng “.”"
    (msg,) = findings(tmp_path, check_noi_nhan, closing(items=("- Như trên.", "- Lưu VPHU.")))
    assert msg == "dòng “- Như trên.” cần kết thúc bằng “,”"


def test_missing_noi_nhan(tmp_path):
    body = p("T/M BAN THƯỜNG VỤ", rpr=BOLD + sz(14)) + p("PHÓ BÍ THƯ", rpr=sz(14))
    assert findings(tmp_path, check_noi_nhan, body) == ["thiếu “Nơi nhận:”"]


def test_signature_forms_and_styles(tmp_path):
    (msg,) = findings(tmp_path, check_signature, closing(authority="K/T BAN THƯỜNG VỤ"))
    assert "không dùng “K/T” khi ký thay mặt BAN THƯỜNG VỤ" in msg
    assert findings(tmp_path, check_signature, closing(authority="K/T CHỦ NHIỆM")) == []  # an advisory body
    (msg,) = findings(tmp_path, check_signature, closing(authority="KT. BÍ THƯ"))
    assert msg == "“KT.” không phải thể thức đề ký hợp lệ (dùng T/M, K/T, T/L, Q.)"
    (msg,) = findings(tmp_path, check_signature, closing(title_rpr=BOLD + sz(14)))
    assert "“PHÓ BÍ THƯ”" in msg and "không được in đậm" in msg
    assert findings(tmp_path, check_signature, closing(name_rpr=sz(13))) == [
        "“Nguyễn Văn Thái”: cỡ chữ 13 pt (cần 14 pt)",
        "“Nguyễn Văn Thái”: cần in đậm",
    ]


def test_missing_signature(tmp_path):
    block = p("Nơi nhận:", rpr=U + sz(14)) + p("- Như trên,", rpr=sz(12)) + p("- Lưu VPHU.", rpr=sz(12))
    assert findings(tmp_path, check_signature, block) == ["thiếu phần chữ ký"]
