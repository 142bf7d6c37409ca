"""compute/textjinja.py: the sandboxed Jinja of the YAML's texts, its filters and its errors."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from dispatch_gen.compute.textjinja import TextError, evaluate

UNITS = [{"ten": "Đảng ủy xã Bình An"}, {"ten": "Đảng ủy xã Bình Châu"}, {"ten": "Đảng ủy thị trấn Châu Ô"}]
CONTEXT = {
    "khen": UNITS,
    "tong": {"dat": 161, "chi_tieu": 256, "ty_le": Decimal("62.89")},
    "tinh_den": date(2024, 8, 5),
    "so_lon": 1234567,
    "nam": 2024,
    "co": True,
    "trong": None,
    "ten_la": "A*B_[x]",
    "html": "<b>&</b>",
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Không có biểu thức: { và }", "Không có biểu thức: { và }"),
        ("{{ tong.dat }}/{{ tong.chi_tieu }}", "161/256"),
        ("{{ tong.ty_le }}", "62,89"),  # a Decimal prints with its own digits, decimal comma
        ("{{ tong.ty_le | phan_tram }}", "62,89%"),
        ("{{ tong.ty_le | phan_tram(1) }}", "62,9%"),
        ("{{ trong | phan_tram }} {{ trong | so }}", "- -"),
        ("{{ so_lon }} {{ nam }} {{ so_lon | so }}", "1.234.567 2024 1.234.567"),  # a year stays 2024
        ("{{ 1234.5 | so(1) }}", "1.234,5"),
        (
            "{{ tinh_den }} | {{ tinh_den | ngay }} | {{ tinh_den | ngay_thang_nam }}",
            "05/8/2024 | 05/8/2024 | ngày 05 tháng 8 năm 2024",
        ),
        ("{{ co }}/{{ not co }}", "có/không"),
        ("{{ khen | danh_sach }}", "Đảng ủy xã Bình An, Đảng ủy xã Bình Châu và Đảng ủy thị trấn Châu Ô"),
        ('{{ khen | danh_sach(", ") }}', "Đảng ủy xã Bình An, Đảng ủy xã Bình Châu, Đảng ủy thị trấn Châu Ô"),
        ("{{ khen | gop_tien_to }}", "Đảng ủy xã Bình An, Bình Châu, thị trấn Châu Ô"),
        ('{{ khen | ten | join("; ") }}', "Đảng ủy xã Bình An; Đảng ủy xã Bình Châu; Đảng ủy thị trấn Châu Ô"),
        ("{% if tong.dat < tong.chi_tieu %}chưa đạt{% else %}đạt{% endif %}", "chưa đạt"),
        # inserted values cannot make markup: the light-markup signs are escaped
        ("{{ ten_la }}", r"A\*B\_\[x\]"),
        ("{{ html }}", "<b>&</b>"),  # entities are not markup: printed as typed
        # HTML escaping filters escape for the light markup only: the same as a bare value
        ("{{ html | e }}/{{ html | escape }}/{{ html | forceescape }}", "<b>&</b>/<b>&</b>/<b>&</b>"),
        ("{{ ten_la | e }}", r"A\*B\_\[x\]"),
        ("dòng 1\n{{ nam }}\n", "dòng 1\n2024\n"),  # the trailing newline is kept
    ],
)
def test_evaluate(text, expected):
    assert evaluate(text, CONTEXT) == expected


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("{{ khong_co }}", 1, "biểu thức dùng tên chưa có: 'khong_co' is undefined"),
        ("dòng 1\ndòng 2 {{ tong.khong }}", 2, "biểu thức dùng tên chưa có"),
        ("{{ tong.dat ", 1, "lỗi cú pháp trong biểu thức {{ … }}"),
        ("a\nb\n{% if %}", 3, "lỗi cú pháp"),
        ("{{ tong.dat / 0 }}", 1, "biểu thức lỗi: division by zero"),
        ("{{ ''.__class__ }}", 1, "biểu thức không được phép"),
        ("{{ khen.append(1) }}", 1, "biểu thức không được phép"),  # the sandbox is immutable
        ("{{ " + "(" * 101 + "1" + ")" * 101 + " }}", 1, "ngoặc lồng nhau quá 100 lớp"),
    ],
)
def test_errors_say_what_and_which_line(text, line, words):
    with pytest.raises(TextError) as info:
        evaluate(text, CONTEXT)
    assert words in info.value.message
    assert info.value.line == line


def test_a_huge_result_is_refused_not_built():
    with pytest.raises(TextError) as info:
        evaluate("{{ 'x' * 10**9 }}", CONTEXT)
    assert "biểu thức quá lớn / quá sâu" in info.value.message


def test_the_syntax_error_shows_the_double_braces_in_both_languages():
    """The message names the ``{{ … }}`` the user wrote (str.format must not halve the braces)."""
    from dispatch_gen import i18n

    for lang, words in (
        ("vi", "lỗi cú pháp trong biểu thức {{ … }}: "),
        ("en", "syntax error in a {{ … }} expression: "),
    ):
        i18n.set_language(lang)
        with pytest.raises(TextError) as info:
            evaluate("{{ tong.dat ", CONTEXT)
        assert info.value.message.startswith(words), info.value.message
