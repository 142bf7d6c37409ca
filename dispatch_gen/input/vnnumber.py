"""Numbers as Vietnamese offices type them in a spreadsheet's text cells: "1.474", "81,88%".

A dot groups thousands and a comma starts the decimals (Babel's ``vi`` locale), so "1.474" is
one thousand four hundred and seventy-four, never one and a half. A form that another reading
could give differently is refused, saying which reading was refused and what to type:
"1,474" (one point four seven four in Vietnamese, but 1474 as English offices write it) and
"1.47" or "1,474.5" (English decimals). Text that is not a number at all is left to the caller.

>>> parse("1.474"), parse("16.380"), parse("81,88"), parse("81,88%"), parse("1.474,5"), parse("-3")
(Decimal('1474'), Decimal('16380'), Decimal('81.88'), Decimal('81.88'), Decimal('1474.5'), Decimal('-3'))
>>> parse("Đã hoàn thành") is None
True
"""

from __future__ import annotations

import re
from decimal import Decimal

from babel.numbers import NumberFormatError, parse_decimal

from dispatch_gen import vn
from dispatch_gen.i18n import _

LOCALE = "vi"
#: what a number typed as text may look like: sign, digits, dots and commas, a final "%"
_NUMBERLIKE = re.compile(r"[+-]?\s*[\d.,]*\d[\d.,]*\s*%?")
_AMBIGUOUS_COMMA = re.compile(r"[+-]?\d{1,3},\d{3}")
#: the common forms, read without Babel (the same reading as its strict ``parse_decimal``, see the tests)
_PLAIN = re.compile(r"[+-]?\d+")
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+")
_DECIMAL = re.compile(r"[+-]?\d+,\d+")
_ENGLISH_GROUPS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")


class NumberTextError(ValueError):
    """A number typed in a form that cannot be read for sure; the message says what to type."""


def looks_like_number(text: str) -> bool:
    return _NUMBERLIKE.fullmatch(text.strip()) is not None


def _vi(value: Decimal) -> str:
    """``value`` as a Vietnamese office writes it (1.474,5), for the messages."""
    return vn.format_number(value, vn.decimal_places(value))


def parse(text: str) -> Decimal | None:
    """The number ``text`` stands for, read the Vietnamese way; ``None`` if it is not a number.

    Raises :class:`NumberTextError` for a form another reading would give differently.
    """
    raw = text.strip()
    if not looks_like_number(raw):
        return None
    body = raw.rstrip("%").strip().replace(" ", "")
    if _PLAIN.fullmatch(body) or _GROUPED.fullmatch(body):  # 1474, 1.474: a sheet's usual cell, read fast
        return Decimal(body.replace(".", ""))
    if _DECIMAL.fullmatch(body) and not _AMBIGUOUS_COMMA.fullmatch(body):  # 81,88
        return Decimal(body.replace(",", "."))
    if _AMBIGUOUS_COMMA.fullmatch(body):
        whole, frac = body.split(",")
        thousands = Decimal(whole + frac)
        raise NumberTextError(
            _(
                "“{text}” đọc được hai cách: {whole} phẩy {frac} theo cách viết Việt Nam (dấu phẩy trước phần thập"
                " phân) hoặc {plain} theo cách viết tiếng Anh (dấu phẩy ngăn hàng nghìn); chương trình không đoán."
                " Nếu là số nghìn, hãy gõ {typed} (hoặc {plain}); nếu là số thập phân, hãy gõ {decimal_typed}",
                text=raw,
                whole=whole.lstrip("+"),
                frac=frac,
                plain=str(thousands),
                typed=_vi(thousands),
                decimal_typed=f"{whole},{frac}0",
            )
        )
    if _ENGLISH_GROUPS.fullmatch(body) or ("," in body and "." in body and body.index(",") < body.index(".")):
        english = Decimal(body.replace(",", ""))
        raise NumberTextError(
            _(
                "“{text}” viết theo kiểu tiếng Anh (dấu phẩy ngăn hàng nghìn, dấu chấm trước phần thập phân);"
                " chương trình không đọc là {english}. Hãy gõ theo cách viết Việt Nam: {typed}",
                text=raw,
                english=str(english),
                typed=_vi(english),
            )
        )
    try:
        value = parse_decimal(body, locale=LOCALE, strict=True)
    except NumberFormatError:
        grouped = re.fullmatch(r"[+-]?\d+(\.\d+)+", body)
        if grouped and body.count(".") == 1:  # "1.47": a dot not followed by three digits is an English decimal point
            english = Decimal(body)
            if english is not None:
                raise NumberTextError(
                    _(
                        "“{text}”: dấu chấm ngăn hàng nghìn phải có đúng ba chữ số sau nó (1.474); chương trình"
                        " không đọc là {english} theo cách viết tiếng Anh. Nếu là số thập phân, hãy gõ {typed}"
                        " (dấu phẩy); nếu là số nguyên, hãy gõ {plain}",
                        text=raw,
                        english=str(english),
                        typed=_vi(english),
                        plain=body.replace(".", ""),
                    )
                ) from None
        raise NumberTextError(
            _("“{text}” không phải một số viết đúng cách Việt Nam (ví dụ 1.474 hoặc 81,88)", text=raw)
        ) from None
    return value
