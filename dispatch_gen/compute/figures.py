"""The figures of a progress dispatch, computed once from the unit data (knows nothing of Word).

Every rate is rounded here, by one rule, and every sentence, footnote and appendix cell
prints these values: the text and the table cannot disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

from dispatch_gen.compute import fields as unit_fields
from dispatch_gen.compute.expr import ExprError
from dispatch_gen.errors import InputError, Problem, did_you_mean
from dispatch_gen.i18n import _
from dispatch_gen.input import bulk
from dispatch_gen.input.model import FiguresSpec, Rounding, Selection, UnitSpec
from dispatch_gen.input.source import Located
from dispatch_gen.vn import fold, quantum

_MODES = {"nua_len": ROUND_HALF_UP, "chan": ROUND_HALF_EVEN, "cat_bo": ROUND_DOWN}


def rate(achieved: int, quota: int, rounding: Rounding) -> Decimal | None:
    """achieved / quota in percent, rounded once; ``None`` when the quota is 0.

    >>> rate(161, 256, Rounding())
    Decimal('62.89')
    >>> rate(1, 8, Rounding(decimals=1)), rate(1, 8, Rounding(decimals=1, mode="chan")), rate(3, 0, Rounding())
    (Decimal('12.5'), Decimal('12.5'), None)
    >>> rate(1, 3, Rounding(decimals=0, mode="cat_bo")), rate(2, 3, Rounding(decimals=0))
    (Decimal('33'), Decimal('67'))
    """
    if quota == 0:
        return None
    exact = Decimal(achieved) * 100 / Decimal(quota)
    return exact.quantize(quantum(rounding.decimals), rounding=_MODES[rounding.mode])


@dataclass(frozen=True)
class Tally:
    """Quota, achieved and rate of a unit, a group, a measure or the whole."""

    quota: int
    achieved: int
    rate: Decimal | None

    @property
    def met(self) -> bool:
        return self.quota > 0 and self.achieved >= self.quota

    @property
    def missing(self) -> int:
        return max(self.quota - self.achieved, 0)


@dataclass
class Unit:
    """One unit with its computed figures."""

    index: int
    name: str
    group: str
    note: str
    address: str
    tally: Tally
    measures: dict[str, Tally]
    rank: int | None = None
    praised: bool = False
    lagging: bool = False
    #: a quota/achieved pair (else the tally's counts are 0 and mean nothing: a rate, a status only)
    counted: bool = True
    status: str = ""
    #: further figures (``them``, the spreadsheet's ``cot_them`` columns): numbers or words
    extra: dict[str, int | Decimal | str] = field(default_factory=dict)


@dataclass
class Group:
    name: str
    units: list[Unit]
    tally: Tally


@dataclass
class Measure:
    key: str
    label: str
    tally: Tally
    units: list[Unit]  # the units that carry this measure (a quota or an achievement)


@dataclass
class Figures:
    as_of: date
    units: list[Unit]
    groups: list[Group]
    total: Tally
    praised: list[Unit]
    lagging: list[Unit]
    measures: dict[str, Measure]
    rounding: Rounding
    lag_threshold: Decimal | None
    notes: list[Problem] = field(default_factory=list)
    #: the keys of the units' further figures, in order of first appearance
    extras: list[str] = field(default_factory=list)
    #: the sum of each further figure that holds numbers (``tong.<khóa>`` in the texts)
    extra_totals: dict[str, Decimal] = field(default_factory=dict)


def _tally(units: list[Unit], rounding: Rounding) -> Tally:
    q = sum(u.tally.quota for u in units)
    a = sum(u.tally.achieved for u in units)
    return Tally(q, a, rate(a, q, rounding))


Score = Callable[[Unit], Decimal | None]


def _rate_of(u: Unit) -> Decimal | None:
    return u.tally.rate


def _rank(units: list[Unit], score: Score = _rate_of) -> None:
    """Competition ranking by ``score`` (the rate: 1, 1, 3); units without a value are not ranked."""
    ranked = sorted(_rated(units, score), key=lambda ru: ru[0], reverse=True)
    prev: Decimal | None = None
    prev_rank = 0
    for pos, (r, u) in enumerate(ranked, 1):
        if r != prev:
            prev_rank, prev = pos, r
        u.rank = prev_rank


def _rated(units: list[Unit], score: Score = _rate_of) -> list[tuple[Decimal, Unit]]:
    """(value, unit) of the units that have a value (the rate: a quota, or a rate given), in data order."""
    scored = ((score(u), u) for u in units)
    return [(v, u) for v, u in scored if v is not None]


def select(
    units: list[Unit],
    sel: Selection,
    src: Located,
    path: str,
    problems: list[Problem],
    score: Score = _rate_of,
) -> list[Unit]:
    """Units chosen by hand (``danh_sach``) or by the stated rule on ``score`` (the rate, or ``theo``),
    in data order (value order for top/bottom N)."""
    if sel.names is not None:
        by_name = {fold(u.name): u for u in units}
        chosen = []
        for i, name in enumerate(sel.names):
            unit = by_name.get(fold(name))
            if unit is None:
                hint = did_you_mean(name, [u.name for u in units])
                problems.append(
                    src.problem(
                        f"{path}.danh_sach[{i}]",
                        _("không có đơn vị “{name}” trong số liệu.{hint}", name=name, hint=hint),
                    )
                )
            else:
                chosen.append(unit)
        return chosen
    rated = _rated(units, score)
    if (at_least := _first(sel.at_least, sel.rate_at_least)) is not None:
        rated = [(r, u) for r, u in rated if r >= at_least]
    if (below := _first(sel.below, sel.rate_below)) is not None:
        rated = [(r, u) for r, u in rated if r < below]
    if sel.met is not None:
        rated = [(r, u) for r, u in rated if u.counted and u.tally.met == sel.met]
    if sel.top is not None:
        rated = sorted(rated, key=lambda ru: (-ru[0], ru[1].index))[: sel.top]
    if sel.bottom is not None:
        rated = sorted(rated, key=lambda ru: (ru[0], ru[1].index))[: sel.bottom]
    return [u for _r, u in rated]


def _first(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return a if a is not None else b


def _scorer(text: str, spec: FiguresSpec, extras: list[str], src: Located, path: str, problems: list[Problem]) -> Score:
    """The value ``theo`` / ``xep_hang_theo`` names (the rate when empty); a bad one is a located problem."""
    try:
        return unit_fields.scorer(text, spec.measures, extras)
    except ExprError as err:
        problems.append(
            src.problem(path, _("{error} (ở ký tự thứ {n} của biểu thức)", error=err.message, n=err.column))
        )
        return _rate_of


def _extra_keys(
    spec: FiguresSpec, units_src: list[UnitSpec], src: Located, units_path: str, yaml_src: Located
) -> tuple[list[str], list[Problem]]:
    """The keys of the units' further figures; a key that is no name, or names a field already, is refused."""
    problems: list[Problem] = []
    keys = dict.fromkeys(spec.extra_columns)
    for us in units_src:
        keys.update(dict.fromkeys(us.extra))
    for key in keys:
        if unit_fields.KEY.fullmatch(key) and key not in unit_fields.RESERVED and key not in spec.measures:
            continue
        message = _(
            "khóa “{key}” không dùng được cho số liệu thêm: cần chữ thường không dấu, số và “_” (ví dụ hoc_sinh),"
            " khác các trường có sẵn ({names})",
            key=key,
            names=", ".join(sorted(unit_fields.RESERVED)),
        )
        if key in spec.extra_columns:
            problems.append(yaml_src.problem(f"so_lieu.cot_them.{key}", message))
        else:
            i = next(i for i, us in enumerate(units_src) if key in us.extra)
            problems.append(src.problem(f"{units_path}[{i}].them.{key}", message))
    return list(keys), problems


@bulk.paused
def compute(
    spec: FiguresSpec,
    units_src: list[UnitSpec],
    src: Located,
    units_path: str,
    issued: date | None = None,
    yaml_src: Located | None = None,
) -> Figures:
    """Compute every figure from the validated unit records; raise on inconsistent data.

    ``src`` locates the units (the YAML, or the spreadsheet they were read from); ``yaml_src``,
    when the units came from a spreadsheet, the YAML's own keys (totals, dates, selections).
    """
    yaml_src = yaml_src or src
    problems: list[Problem] = []
    notes: list[Problem] = []
    rounding = spec.rounding
    seen: dict[str, int] = {}
    units: list[Unit] = []
    for i, us in enumerate(units_src):
        p = f"{units_path}[{i}]"
        if not us.name.strip():
            problems.append(src.problem(f"{p}.ten", _("tên đơn vị trống")))
        key = fold(us.name)
        if key in seen:
            problems.append(
                src.problem(f"{p}.ten", _("đơn vị “{name}” trùng với đơn vị thứ {n}", name=us.name, n=seen[key] + 1))
            )
        seen[key] = i
        counted = us.quota is not None and us.achieved is not None
        if (us.quota is None) != (us.achieved is None):
            have, lacks = ("chi_tieu", "dat") if us.quota is not None else ("dat", "chi_tieu")
            problems.append(
                src.problem(
                    p,
                    _(
                        "thiếu khóa bắt buộc “{key}” (đơn vị có “{have}” thì cần cả “{lacks}”; bỏ cả hai khi đơn vị"
                        " chỉ có tỷ lệ ty_le hay trạng thái)",
                        key=f"{p}.{lacks}",
                        have=have,
                        lacks=lacks,
                    ),
                )
            )
        quota, achieved = us.quota or 0, us.achieved or 0
        if counted and achieved > quota:
            notes.append(
                src.problem(
                    f"{p}.dat",
                    _("đơn vị “{name}” đạt {a}, vượt chỉ tiêu {q}", name=us.name, a=achieved, q=quota),
                    "note",
                )
            )
        unit_measures: dict[str, Tally] = {}
        for mk, mf in us.measures.items():
            if mk not in spec.measures:
                hint = did_you_mean(mk, spec.measures)
                problems.append(
                    src.problem(
                        f"{p}.chi_so_phu.{mk}",
                        _("chỉ số phụ “{key}” chưa được khai trong so_lieu.chi_so_phu.{hint}", key=mk, hint=hint),
                    )
                )
                continue
            unit_measures[mk] = Tally(mf.quota, mf.achieved, rate(mf.achieved, mf.quota, rounding))
        units.append(
            Unit(
                i,
                us.name,
                us.group,
                us.note,
                us.address or us.name,
                Tally(quota, achieved, rate(achieved, quota, rounding) if counted else us.rate),
                unit_measures,
                counted=counted,
                status=us.status,
                extra=dict(us.extra),
            )
        )
    total = _tally(units, rounding)
    stated = (
        ("tong_chi_tieu", spec.stated_quota, total.quota, _("tổng chỉ tiêu")),
        ("tong_dat", spec.stated_achieved, total.achieved, _("tổng số đạt")),
    )
    for key, given, summed, what in stated:
        if given is not None and given != summed:
            message = _(
                "{what} ghi {stated} nhưng cộng các đơn vị được {sum}; sửa số này cho đúng, "
                "hoặc xóa dòng “{key}” để chương trình tự cộng",
                what=what,
                stated=given,
                sum=summed,
                key=key,
            )
            problems.append(yaml_src.problem(f"so_lieu.{key}", message))
    if issued is not None and spec.as_of > issued:
        problems.append(
            yaml_src.problem(
                "so_lieu.tinh_den",
                _(
                    "ngày số liệu {as_of} sau ngày ban hành {issued}",
                    as_of=spec.as_of.strftime("%d/%m/%Y"),
                    issued=issued.strftime("%d/%m/%Y"),
                ),
            )
        )
    extras, bad_keys = _extra_keys(spec, units_src, src, units_path, yaml_src)
    problems += bad_keys
    _rank(units, _scorer(spec.rank_by, spec, extras, yaml_src, "so_lieu.xep_hang_theo", problems))
    groups: list[Group] = []
    by_group: dict[str, Group] = {}
    for u in units:
        g = by_group.get(u.group)
        if g is None:
            g = by_group[u.group] = Group(u.group, [], Tally(0, 0, None))
            groups.append(g)
        g.units.append(u)
    for g in groups:
        g.tally = _tally(g.units, rounding)
    measures: dict[str, Measure] = {}
    for mk, label in spec.measures.items():
        carriers = [u for u in units if mk in u.measures and (u.measures[mk].quota or u.measures[mk].achieved)]
        q = sum(u.measures[mk].quota for u in carriers)
        a = sum(u.measures[mk].achieved for u in carriers)
        measures[mk] = Measure(mk, label, Tally(q, a, rate(a, q, rounding)), carriers)
    chosen: dict[str, list[Unit]] = {}
    for key, sel in (("khen", spec.praised), ("cham", spec.lagging)):
        if sel is not None:
            score = _scorer(sel.by, spec, extras, yaml_src, f"so_lieu.{key}.theo", problems)
            chosen[key] = select(units, sel, yaml_src, f"so_lieu.{key}", problems, score)
    praised, lagging = chosen.get("khen", []), chosen.get("cham", [])
    for u in praised:
        u.praised = True
    for u in lagging:
        u.lagging = True
    if problems:
        raise InputError(problems)
    threshold = _first(spec.lagging.below, spec.lagging.rate_below) if spec.lagging else None
    sums = {k: unit_fields.total_of(units, k) for k in extras}
    extra_totals = {k: v for k, v in sums.items() if v is not None}
    return Figures(
        spec.as_of, units, groups, total, praised, lagging, measures, rounding, threshold, notes, extras, extra_totals
    )
