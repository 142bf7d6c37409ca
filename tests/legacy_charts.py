"""TCVN3 (ABC) and VNI, written out from the published code charts, as test oracles.

Written here by hand, letter by letter, independently of ``dispatch_gen.input.legacy``
(whose tables are built by rows and rules): a wrong byte there disagrees with a byte here.
Each entry: the Vietnamese letter, then its byte(s) in the old encoding (read as Latin-1).
"""

from __future__ import annotations

#: TCVN 5712:1993 VN3 (".VnTime", the ABC fonts): one byte per letter. Its only capitals
#: beyond ASCII are Ă Â Ê Ô Ơ Ư Đ; toned capitals are typed with the small letters' codes in
#: the ".VnTimeH" capital fonts.
TCVN3_CHART: dict[str, bytes] = {
    "á": b"\xb8", "à": b"\xb5", "ả": b"\xb6", "ã": b"\xb7", "ạ": b"\xb9",
    "ă": b"\xa8", "ắ": b"\xbe", "ằ": b"\xbb", "ẳ": b"\xbc", "ẵ": b"\xbd", "ặ": b"\xc6",
    "â": b"\xa9", "ấ": b"\xca", "ầ": b"\xc7", "ẩ": b"\xc8", "ẫ": b"\xc9", "ậ": b"\xcb",
    "é": b"\xd0", "è": b"\xcc", "ẻ": b"\xce", "ẽ": b"\xcf", "ẹ": b"\xd1",
    "ê": b"\xaa", "ế": b"\xd5", "ề": b"\xd2", "ể": b"\xd3", "ễ": b"\xd4", "ệ": b"\xd6",
    "í": b"\xdd", "ì": b"\xd7", "ỉ": b"\xd8", "ĩ": b"\xdc", "ị": b"\xde",
    "ó": b"\xe3", "ò": b"\xdf", "ỏ": b"\xe1", "õ": b"\xe2", "ọ": b"\xe4",
    "ô": b"\xab", "ố": b"\xe8", "ồ": b"\xe5", "ổ": b"\xe6", "ỗ": b"\xe7", "ộ": b"\xe9",
    "ơ": b"\xac", "ớ": b"\xed", "ờ": b"\xea", "ở": b"\xeb", "ỡ": b"\xec", "ợ": b"\xee",
    "ú": b"\xf3", "ù": b"\xef", "ủ": b"\xf1", "ũ": b"\xf2", "ụ": b"\xf4",
    "ư": b"\xad", "ứ": b"\xf8", "ừ": b"\xf5", "ử": b"\xf6", "ữ": b"\xf7", "ự": b"\xf9",
    "ý": b"\xfd", "ỳ": b"\xfa", "ỷ": b"\xfb", "ỹ": b"\xfc", "ỵ": b"\xfe",
    "đ": b"\xae",
    "Ă": b"\xa1", "Â": b"\xa2", "Ê": b"\xa3", "Ô": b"\xa4", "Ơ": b"\xa5", "Ư": b"\xa6", "Đ": b"\xa7",
}  # fmt: skip

#: VNI Windows ("VNI-Times"): a base letter, then one mark byte (two marks share one byte);
#: the i's and ỵ/Ỵ are single bytes (as in the VNI table of xvnkb's vni.h).
VNI_CHART: dict[str, bytes] = {
    "á": b"a\xf9", "à": b"a\xf8", "ả": b"a\xfb", "ã": b"a\xf5", "ạ": b"a\xef",
    "ă": b"a\xea", "ắ": b"a\xe9", "ằ": b"a\xe8", "ẳ": b"a\xfa", "ẵ": b"a\xfc", "ặ": b"a\xeb",
    "â": b"a\xe2", "ấ": b"a\xe1", "ầ": b"a\xe0", "ẩ": b"a\xe5", "ẫ": b"a\xe3", "ậ": b"a\xe4",
    "é": b"e\xf9", "è": b"e\xf8", "ẻ": b"e\xfb", "ẽ": b"e\xf5", "ẹ": b"e\xef",
    "ê": b"e\xe2", "ế": b"e\xe1", "ề": b"e\xe0", "ể": b"e\xe5", "ễ": b"e\xe3", "ệ": b"e\xe4",
    "í": b"\xed", "ì": b"\xec", "ỉ": b"\xe6", "ĩ": b"\xf3", "ị": b"\xf2",
    "ó": b"o\xf9", "ò": b"o\xf8", "ỏ": b"o\xfb", "õ": b"o\xf5", "ọ": b"o\xef",
    "ô": b"o\xe2", "ố": b"o\xe1", "ồ": b"o\xe0", "ổ": b"o\xe5", "ỗ": b"o\xe3", "ộ": b"o\xe4",
    "ơ": b"\xf4", "ớ": b"\xf4\xf9", "ờ": b"\xf4\xf8", "ở": b"\xf4\xfb", "ỡ": b"\xf4\xf5", "ợ": b"\xf4\xef",
    "ú": b"u\xf9", "ù": b"u\xf8", "ủ": b"u\xfb", "ũ": b"u\xf5", "ụ": b"u\xef",
    "ư": b"\xf6", "ứ": b"\xf6\xf9", "ừ": b"\xf6\xf8", "ử": b"\xf6\xfb", "ữ": b"\xf6\xf5", "ự": b"\xf6\xef",
    "ý": b"y\xf9", "ỳ": b"y\xf8", "ỷ": b"y\xfb", "ỹ": b"y\xf5", "ỵ": b"\xee",
    "đ": b"\xf1",
    "Á": b"A\xd9", "À": b"A\xd8", "Ả": b"A\xdb", "Ã": b"A\xd5", "Ạ": b"A\xcf",
    "Ă": b"A\xca", "Ắ": b"A\xc9", "Ằ": b"A\xc8", "Ẳ": b"A\xda", "Ẵ": b"A\xdc", "Ặ": b"A\xcb",
    "Â": b"A\xc2", "Ấ": b"A\xc1", "Ầ": b"A\xc0", "Ẩ": b"A\xc5", "Ẫ": b"A\xc3", "Ậ": b"A\xc4",
    "É": b"E\xd9", "È": b"E\xd8", "Ẻ": b"E\xdb", "Ẽ": b"E\xd5", "Ẹ": b"E\xcf",
    "Ê": b"E\xc2", "Ế": b"E\xc1", "Ề": b"E\xc0", "Ể": b"E\xc5", "Ễ": b"E\xc3", "Ệ": b"E\xc4",
    "Í": b"\xcd", "Ì": b"\xcc", "Ỉ": b"\xc6", "Ĩ": b"\xd3", "Ị": b"\xd2",
    "Ó": b"O\xd9", "Ò": b"O\xd8", "Ỏ": b"O\xdb", "Õ": b"O\xd5", "Ọ": b"O\xcf",
    "Ô": b"O\xc2", "Ố": b"O\xc1", "Ồ": b"O\xc0", "Ổ": b"O\xc5", "Ỗ": b"O\xc3", "Ộ": b"O\xc4",
    "Ơ": b"\xd4", "Ớ": b"\xd4\xd9", "Ờ": b"\xd4\xd8", "Ở": b"\xd4\xdb", "Ỡ": b"\xd4\xd5", "Ợ": b"\xd4\xcf",
    "Ú": b"U\xd9", "Ù": b"U\xd8", "Ủ": b"U\xdb", "Ũ": b"U\xd5", "Ụ": b"U\xcf",
    "Ư": b"\xd6", "Ứ": b"\xd6\xd9", "Ừ": b"\xd6\xd8", "Ử": b"\xd6\xdb", "Ữ": b"\xd6\xd5", "Ự": b"\xd6\xcf",
    "Ý": b"Y\xd9", "Ỳ": b"Y\xd8", "Ỷ": b"Y\xdb", "Ỹ": b"Y\xd5", "Ỵ": b"\xce",
    "Đ": b"\xd1",
}  # fmt: skip


def encode(text: str, chart: dict[str, bytes]) -> str:
    """``text`` as the old font typed it; letters outside the chart (ASCII) stay as they are.

    For TCVN3 a toned capital has no code of its own: it is written with the small letter's.
    """
    out = []
    for ch in text:
        code = chart.get(ch)
        if code is None and ch.lower() in chart and not ch.isascii():
            code = chart[ch.lower()]
        out.append(code.decode("latin-1") if code is not None else ch)
    return "".join(out)


def decode(typed: str, chart: dict[str, bytes]) -> str:
    """``typed`` read back with ``chart`` (longest code first), other characters kept."""
    reverse = {code.decode("latin-1"): letter for letter, code in chart.items()}
    out, i = [], 0
    while i < len(typed):
        for n in (2, 1):
            if typed[i : i + n] in reverse:
                out.append(reverse[typed[i : i + n]])
                i += n
                break
        else:
            out.append(typed[i])
            i += 1
    return "".join(out)
