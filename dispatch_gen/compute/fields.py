"""The fields of a unit, by the names the YAML uses: what a column, a rank or a selection may name.

Numbers: ``chi_tieu``, ``dat``, ``ty_le``, ``con_thieu``, ``hang``, ``<chỉ số phụ>.chi_tieu / .dat
/ .ty_le / .con_thieu`` and the unit's further figures (``them``, or the spreadsheet's columns of
``so_lieu.cot_them``); texts: ``tt``, ``ten``, ``khoi``, ``trang_thai``, ``ghi_chu`` (and a further
field holding words). An expression (:mod:`dispatch_gen.compute.expr`) may name the numbers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from decimal import Decimal
from typing import TYPE_CHECKING

from dispatch_gen.compute.expr import Expr, ExprError, parse
from dispatch_gen.i18n import _

if TYPE_CHECKING:
    from dispatch_gen.compute.figures import Unit

NUMBER_FIELDS = ("chi_tieu", "dat", "ty_le", "con_thieu", "hang")
TEXT_FIELDS = ("tt", "ten", "khoi", "trang_thai", "ghi_chu")
MEASURE_ATTRS = ("chi_tieu", "dat", "ty_le", "con_thieu")
#: a key of ``them`` / ``cot_them``: a name an expression can write
KEY = re.compile(r"[a-z_][a-z0-9_]*")
#: the names a unit's further field may not take (they mean something already)
RESERVED = frozenset((*NUMBER_FIELDS, *TEXT_FIELDS, "kinh_gui", "chi_so_phu", "them", "khen", "cham", "dat_chi_tieu"))

Value = int | Decimal | str | None


def number_of(u: Unit, name: str) -> int | Decimal | None:
    """The number a unit has under ``name`` (``None``: none, e.g. a quota of a unit given only a rate)."""
    value = value_of(u, name)
    return value if isinstance(value, (int, Decimal)) else None


def value_of(u: Unit, name: str) -> Value:
    """What a unit has under the field ``name``, number or words."""
    t = u.tally
    if name == "chi_tieu":
        return t.quota if u.counted else None
    if name == "dat":
        return t.achieved if u.counted else None
    if name == "ty_le":
        return t.rate
    if name == "con_thieu":
        return t.missing if u.counted else None
    if name == "hang":
        return u.rank
    if name == "tt":
        return u.index + 1
    if name == "ten":
        return u.name
    if name == "khoi":
        return u.group
    if name == "trang_thai":
        return u.status
    if name == "ghi_chu":
        return u.note
    if "." in name:
        key, _dot, attr = name.partition(".")
        m = u.measures.get(key)
        if m is None:
            return None
        return {"chi_tieu": m.quota, "dat": m.achieved, "ty_le": m.rate, "con_thieu": m.missing}.get(attr)
    return u.extra.get(name)


def known_numbers(measures: Collection[str], extras: Collection[str]) -> list[str]:
    """Every numeric field name, for the messages."""
    return [*NUMBER_FIELDS, *(f"{k}.{a}" for k in measures for a in MEASURE_ATTRS), *extras]


def is_field(name: str, measures: Collection[str], extras: Collection[str]) -> bool:
    if name in NUMBER_FIELDS or name in TEXT_FIELDS or name in extras:
        return True
    key, dot, attr = name.partition(".")
    return bool(dot) and key in measures and attr in MEASURE_ATTRS


def expression(text: str, measures: Collection[str], extras: Collection[str]) -> Expr:
    """Parse ``text`` and check every name it uses is a numeric field; raise :class:`ExprError`."""
    expr = parse(text)
    for name in expr.names:
        if name in TEXT_FIELDS:
            raise ExprError(_("“{name}” là chữ, không tính được trong biểu thức", name=name), text.find(name) + 1)
        if not is_field(name, measures, extras):
            raise ExprError(
                _(
                    "không có trường số “{name}”; dùng: {names}",
                    name=name,
                    names=", ".join(known_numbers(measures, extras)),
                ),
                text.find(name) + 1,
            )
    return expr


def to_decimal(value: Value) -> Decimal | None:
    if type(value) is Decimal:  # already one: Decimal(value) would be an equal copy
        return value
    return Decimal(value) if isinstance(value, (int, Decimal)) else None


def scorer(text: str, measures: Collection[str], extras: Collection[str]) -> Callable[[Unit], Decimal | None]:
    """The number to rank or select units by: a numeric field's, or an expression's; raise :class:`ExprError`."""
    name = text.strip() or "ty_le"
    if name in TEXT_FIELDS:
        raise ExprError(_("“{name}” là chữ, không xếp hạng hay so sánh được", name=name), 1)
    if is_field(name, measures, extras):
        return lambda u: to_decimal(value_of(u, name))
    expr = expression(text, measures, extras)
    return lambda u: expr.evaluate({n: to_decimal(value_of(u, n)) for n in expr.names})


def total_of(units: Collection[Unit], name: str) -> Decimal | None:
    """The sum of a numeric field over ``units`` (``None`` when none of them has a number there)."""
    numbers = [v for u in units if (v := to_decimal(value_of(u, name))) is not None]
    return sum(numbers, Decimal(0)) if numbers else None
