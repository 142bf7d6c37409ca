"""The printed-page reader and rules of ``check --ban-in``, on pages written out by hand.

The words and boxes below are what ``pdftotext -bbox`` prints (points from the top left of an
A4 page); the rules are fed a located layout of the matching Word text. The whole chain on
real LibreOffice output is tested in test_check_printed.py and test_stress_layout.py.
"""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace
from typing import Any

import pytest

from dispatch_gen.check import rules_printed
from dispatch_gen.check.printed import Page, Word, parse_bbox, rows_of, same_line

BBOX = b"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd"><html xmlns="http://www.w3.org/1999/xhtml">
<head><title>A &amp; B</title></head><body><doc>
<page width="595.3" height="841.9">
<word xMin="123.1" yMin="99.8" xMax="144.8" yMax="118.0">C\xc3\xa1c</word>
<word xMin="176.4" yMin="99.8" xMax="187.2" yMax="118.0">v\xe1\xbb\x8b</word>
<word xMin="187.4" yMin="99.9" xMax="191.4" yMax="110.4">1</word>
<word xMin="85.2" yMin="117.8" xMax="110.0" yMax="136.0">theo</word>
</page>
<page width="595.3" height="841.9">
<word xMin="315.6" yMin="28.2" xMax="322.6" yMax="46.4">2</word>
</page>
</doc></body></html>"""


def w(text: str, x0: float, y0: float, page: int = 1, size: float = 18.2) -> Word:
    return Word(text, page, x0, y0, x0 + 8 * len(text), y0 + size)


def line(text: str, x0: float, y0: float, page: int = 1) -> list[Word]:
    out, x = [], x0
    for t in text.split():
        out.append(w(t, x, y0, page))
        x += 8 * len(t) + 4
    return out


def test_bbox_output_is_read_word_by_word_page_by_page() -> None:
    pages = parse_bbox(BBOX)
    assert [p.number for p in pages] == [1, 2]
    assert [x.text for x in pages[0].words] == ["Các", "vị", "1", "theo"]
    assert pages[0].words[1].x0 == pytest.approx(176.4) and pages[0].words[1].page == 1
    # the raised footnote mark stays on its line; the next line, touching it, does not join
    assert [[x.text for x in row] for row in pages[0].rows()] == [["Các", "vị", "1"], ["theo"]]
    assert pages[1].content() == []  # nothing but its number


def test_words_on_two_baselines_are_two_lines() -> None:
    words = line("Bình Sơn, ngày 12 tháng 3 năm", 300, 120) + line("2024", 300, 136)
    assert not same_line(words)
    assert len(rows_of(words)) == 2
    assert same_line(words[:-1])


def layout(**parts: Any) -> Any:
    """The located parts the printed rules read (a stand-in for check.locate.Layout)."""
    para = {k: SimpleNamespace(text=v, index=i, runs=[]) for i, (k, v) in enumerate(parts.items())}
    base = dict(date=None, number=None, noi_nhan=None, main=(), body_end=0, closing_end=0)
    base.update(para)
    lay = SimpleNamespace(**base)
    lay.doc = SimpleNamespace(footnote_refs=[], footnotes=None, paragraphs=[])
    lay.column = lambda p: [x for x in para.values() if x is not p] + [p]
    return lay


def page(number: int, *rows: list[Word]) -> Page:
    return Page(number, 595.3, 841.9, tuple(dataclasses.replace(x, page=number) for r in rows for x in r))


def rule(rule_id: str, pages: list[Page], lay: Any, profile: dict[str, Any] | None = None) -> list[str]:
    return [str(f) for f in rules_printed.PRINTED_RULES[rule_id].func(pages, lay, profile or {})]


def test_a_wrapped_date_line_is_found_and_one_line_is_not() -> None:
    lay = layout(date="Bình Sơn, ngày 12 tháng 3 năm 2024")
    wrapped = [page(1, line("Bình Sơn, ngày 12 tháng 3 năm", 300, 120), line("2024", 300, 136))]
    found = rule("printed.date-line", wrapped, lay)
    assert found == [
        "ngày tháng: dòng địa danh, ngày tháng in ra thành 2 dòng"
        " (Bình Sơn, ngày 12 tháng 3 năm / 2024); cần nằm trên một dòng"
    ]
    assert rule("printed.date-line", [page(1, line("Bình Sơn, ngày 12 tháng 3 năm 2024", 300, 120))], lay) == []


def test_blank_page_and_leftover_marks() -> None:
    pages = [page(1, line("Nội dung {{ ten }} và [^a]", 85, 80)), page(2, [w("2", 300, 30)])]
    assert rule("printed.blank-page", pages, layout()) == ["bản in: trang 2 trống (chỉ có số trang)"]
    assert rule("printed.leftover", pages, layout()) == [
        "bản in: trang 1 in ra “{{” còn sót: “{{”",
        "bản in: trang 1 in ra “[^” còn sót: “[^a]”",
    ]
    assert rule("printed.blank-page", pages[:1], layout()) == []


def test_issuer_name_split_inside_a_word_group_or_leaving_one_word() -> None:
    lay = layout(issuer="PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", number="Số: 12/PGDĐT")
    split = [page(1, line("PHÒNG GIÁO DỤC VÀ ĐÀO", 90, 70), line("TẠO", 120, 88), line("Số: 12/PGDĐT", 100, 110))]
    assert rule("printed.header-wrap", split, lay) == [
        "tên cơ quan: tên “PHÒNG GIÁO DỤC VÀ ĐÀO TẠO” xuống dòng giữa cụm từ “ĐÀO TẠO” (PHÒNG GIÁO DỤC VÀ ĐÀO / TẠO)"
    ]
    good = [page(1, line("PHÒNG GIÁO DỤC", 90, 70), line("VÀ ĐÀO TẠO", 95, 88), line("Số: 12/PGDĐT", 100, 110))]
    assert rule("printed.header-wrap", good, lay) == []
    lone = layout(issuer="HUYỆN ỦY BÌNH SƠN", number="Số 12-CV/HU")
    alone = [page(1, line("HUYỆN ỦY BÌNH", 90, 70), line("SƠN", 120, 88), line("Số 12-CV/HU", 100, 110))]
    assert rule("printed.header-wrap", alone, lone) == [
        "tên cơ quan: tên “HUYỆN ỦY BÌNH SƠN” xuống dòng giữa cụm từ “BÌNH SƠN” (HUYỆN ỦY BÌNH / SƠN)"
    ]


def closing(name: str) -> Any:
    lay = layout(noi_nhan="Nơi nhận:")
    signer = SimpleNamespace(text=name, index=5, runs=[])
    lay.main = (lay.noi_nhan, signer)
    lay.body_end, lay.closing_end = 0, 6
    return lay


def test_signature_block_split_over_two_pages_or_alone_on_its_page() -> None:
    lay = closing("Nguyễn Văn Thái")
    split = [
        page(1, line("đoạn cuối của nội dung.", 85, 600), line("Nơi nhận:", 85, 700), line("PHÓ BÍ THƯ", 350, 700)),
        page(2, [w("2", 300, 30)], line("Nguyễn Văn Thái", 350, 60)),
    ]
    assert rule("printed.signature", split, lay) == [
        "chữ ký: khối nơi nhận và chữ ký bị tách trang: “Nơi nhận:” ở trang 1, tên người ký “Nguyễn Văn Thái” ở trang 2"
    ]
    alone = [
        page(1, line("nội dung.", 85, 600)),
        page(2, [w("2", 300, 30)], line("Nơi nhận:", 85, 60), line("Nguyễn Văn Thái", 350, 160)),
    ]
    assert rule("printed.signature", alone, lay) == [
        "chữ ký: khối nơi nhận và chữ ký đứng một mình ở đầu trang 2: đoạn cuối của nội dung cần ở cùng trang"
    ]
    together = [page(1, line("đoạn cuối.", 85, 500), line("Nơi nhận:", 85, 600), line("Nguyễn Văn Thái", 350, 700))]
    assert rule("printed.signature", together, lay) == []


def test_footnote_printed_on_another_page_than_its_mark() -> None:
    lay = layout()
    ref = SimpleNamespace(text="Các đơn vị", footnote_ref=None)
    mark = SimpleNamespace(text="1", footnote_ref="7")
    body = SimpleNamespace(index=3, runs=[ref, mark], text="Các đơn vị1")
    note = SimpleNamespace(text="Đảng ủy xã Bình Chương, Bình Hải")
    lay.doc = SimpleNamespace(footnote_refs=[("7", 3)], footnotes={"7": [note]}, paragraphs=[body])
    mark_word = Word("1", 1, 188, 100, 192, 110)
    other = [
        page(1, line("Các đơn vị", 85, 100), [mark_word]),
        page(2, [w("1", 85, 700, 2, 9)], line("Đảng ủy xã Bình Chương, Bình Hải", 92, 698, 2)),
    ]
    assert rule("printed.footnote", other, lay) == ["chú thích: chú thích 1 in ở trang 2, còn dấu chú thích ở trang 1"]
    same = [
        page(
            1,
            line("Các đơn vị", 85, 100),
            [mark_word],
            [w("1", 85, 700, 1, 9)],
            line("Đảng ủy xã Bình Chương, Bình Hải", 92, 698),
        )
    ]
    assert rule("printed.footnote", same, lay) == []


def test_a_place_too_long_for_any_column_may_break_after_its_comma_only() -> None:
    """The profile's widest right column (85 mm here) cannot hold the line: place / date is the one break."""
    profile = {"header": {"right_width_mm": 85}}
    place = "thị trấn Châu Ổ huyện Bình Sơn tỉnh Quảng Ngãi"
    lay = layout(date=f"{place}, ngày 12 tháng 3 năm 2024")
    at_comma = [page(1, line(f"{place},", 300, 120), line("ngày 12 tháng 3 năm 2024", 300, 136))]
    assert rule("printed.date-line", at_comma, lay, profile) == []
    elsewhere = [page(1, line(f"{place}, ngày 12", 300, 120), line("tháng 3 năm 2024", 300, 136))]
    assert len(rule("printed.date-line", elsewhere, lay, profile)) == 1
    # a short place fits the column (about 280 pt at these widths, in a 120 mm column): no break at all
    short = layout(date="Bình Sơn, ngày 12 tháng 3 năm 2024")
    short_at_comma = [page(1, line("Bình Sơn,", 300, 120), line("ngày 12 tháng 3 năm 2024", 300, 136))]
    assert len(rule("printed.date-line", short_at_comma, short, {"header": {"right_width_mm": 120}})) == 1
