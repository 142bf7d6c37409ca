"""The words rules find text by are profile data (``words:``), read by the renderer, the checker
and the importer alike; an office's own profile that changes a list changes what each does."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from dispatch_gen import pipeline
from dispatch_gen.check.lines import split_breaks
from dispatch_gen.check.reader import read_docx
from dispatch_gen.input import profile as profiles
from dispatch_gen.input import profile_words
from dispatch_gen.render import linebreak

from .conftest import party_yaml

#: the shipped name parts, written out, and "KHU" added by an office (a "khu kinh tế")
PARTS = (
    "THÀNH PHỐ, THỊ XÃ, THỊ TRẤN, ĐẶC KHU, TỈNH, HUYỆN, XÃ, PHƯỜNG, QUẬN, THÔN, ẤP, BẢN, VIỆN, HỘI, ĐOÀN, KHOA, ĐỘI, TỔ"
)


def _own_profile(tmp_path: Path, words: str) -> dict:
    (tmp_path / "ho-so.yaml").write_text(f"ke_thua: dang-hd36\nwords:\n{words}", encoding="utf-8")
    src = tmp_path / "cv.yaml"
    src.write_text(party_yaml(the_thuc="ho-so.yaml"), encoding="utf-8")
    return pipeline.load(src).profile


def test_a_head_word_added_in_an_own_profile_moves_the_break_of_a_name(tmp_path):
    name = "BAN QUẢN LÝ KHU KINH TẾ DUNG QUẤT"
    shipped = linebreak.words_of(profiles.load("dang-hd36"))
    assert linebreak.name_lines(name, 13, True, 42, shipped)[0] == ("BAN QUẢN LÝ", "KHU KINH", "TẾ DUNG QUẤT")
    own = _own_profile(tmp_path, f"  name_parts: {{words: [KHU, {PARTS}]}}\n")
    assert own["words"]["name_parts"]["nguon"]  # the other keys of the list are inherited
    got = linebreak.name_lines(name, 13, True, 42, linebreak.words_of(own))[0]
    assert got == ("BAN QUẢN LÝ", "KHU KINH TẾ", "DUNG QUẤT")


def test_without_its_joining_word_a_name_may_break_after_va(tmp_path):
    name = "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert linebreak.name_lines(name, 13, True, 50, linebreak.words_of(profiles.load("dang-hd36")))[0] == (
        "SỞ KHOA HỌC",
        "VÀ CÔNG NGHỆ",
    )
    own = _own_profile(tmp_path, "  name_and: {words: ['&']}\n")
    assert linebreak.name_lines(name, 13, True, 50, linebreak.words_of(own))[0] == ("SỞ KHOA HỌC VÀ", "CÔNG NGHỆ")


def _place_and_date(tmp_path: Path, second: str):
    doc = Document()
    para = doc.add_paragraph()
    para.add_run("Quảng Ngãi,").add_break()
    para.add_run(second)
    path = tmp_path / "ngay.docx"
    doc.save(str(path))
    return next(p for p in read_docx(path).paragraphs if p.text.strip())


def test_the_date_word_of_the_profile_joins_a_place_broken_after_its_comma(tmp_path):
    para = _place_and_date(tmp_path, "ngày 12 tháng 3 năm 2024")
    shipped = profile_words.date_words(profiles.load("dang-hd36"))
    assert shipped == ("ngày",)
    assert [p.text for p in split_breaks(para, shipped)] == ["Quảng Ngãi,\nngày 12 tháng 3 năm 2024"]
    own = _own_profile(tmp_path, "  date: {words: ['hôm']}\n")
    assert [p.text for p in split_breaks(para, profile_words.date_words(own))] == [
        "Quảng Ngãi,",
        "ngày 12 tháng 3 năm 2024",
    ]
    other = _place_and_date(tmp_path, "hôm 12 tháng 3 năm 2024")
    assert len(split_breaks(other, profile_words.date_words(own))) == 1


#: the words the checker read as starting a body's name of its own before they were profile data
BODY_STARTS = (
    "ĐẢNG ỦY|TỈNH ỦY|HUYỆN ỦY|THÀNH ỦY|QUẬN ỦY|THỊ ỦY|XÃ ỦY|PHƯỜNG ỦY|ĐẢNG BỘ|ĐẢNG ĐOÀN|CHI BỘ|BAN|ỦY BAN|UBND"
    "|HĐND|HỘI ĐỒNG|SỞ|PHÒNG|VĂN PHÒNG|CỤC|VỤ|TỔNG CỤC|TRUNG TÂM|TRƯỜNG|BỘ|CÔNG AN|BỆNH VIỆN"
).split("|")


def test_a_header_line_naming_a_body_of_its_own_is_known_by_the_profiles_words(tmp_path):
    for name in ("dang-hd36", "nha_nuoc"):
        prof = profiles.load(name)
        assert all(profile_words.starts_body(f"{w} BÌNH SƠN", prof) for w in BODY_STARTS), name
        assert profile_words.starts_body("ĐẢNG UỶ XÃ BÌNH SƠN", prof)  # the old tone placement
        for line in ("TỈNH LÀO CAI", "XÃ BÌNH SƠN", "HUYỆN BÌNH SƠN", "BAN, NGÀNH", "SỞI"):
            assert not profile_words.starts_body(line, prof), (name, line)
    own = _own_profile(tmp_path, "  bodies: {words: [ỦY BAN NHÂN DÂN, KHU]}\n")
    assert profile_words.starts_body("KHU KINH TẾ DUNG QUẤT", own)
    assert not profile_words.starts_body("SỞ TÀI CHÍNH", own)


def test_import_reads_a_long_name_in_bold_as_one_issuer_by_the_profiles_words(tmp_path):
    from dispatch_gen.wordin import import_docx

    from .test_check import build

    party = profiles.load("dang-hd36")
    for superior, issuer, expected in (
        ("ĐẢNG ỦY", "XÃ BÌNH SƠN", {"ten": "ĐẢNG ỦY\nXÃ BÌNH SƠN"}),  # a place continues the name
        (
            "ĐẢNG BỘ TỈNH QUẢNG NGÃI",
            "HUYỆN ỦY BÌNH SƠN",
            {"cap_tren": "ĐẢNG BỘ TỈNH QUẢNG NGÃI", "ten": "HUYỆN ỦY BÌNH SƠN"},
        ),
    ):
        built = build(party, appendix=False)
        built.parts["superior"].runs[0].text = superior
        built.parts["superior"].runs[0].bold = True  # both lines bold
        built.parts["issuer"].runs[0].text = issuer
        data = import_docx(built.save(tmp_path / "bold.docx")).data
        got = {k: v for k, v in data["co_quan"].items() if k in ("cap_tren", "ten")}
        assert got == expected


def test_a_mark_added_in_an_own_profile_is_read_as_a_mark(tmp_path):
    shipped = profiles.load("dang-hd36")
    assert not profile_words.is_mark("TUYỆT KHẨN", shipped)
    own = _own_profile(tmp_path, "  marks: {words: [KHẨN, TUYỆT KHẨN]}\n")
    assert own["words"]["marks"]["nguon"]  # inherited beside the new list
    assert profile_words.is_mark("Tuyệt khẩn", own) and not profile_words.is_mark("MẬT", own)
