"""The figures of a progress dispatch, computed once from the unit data (knows nothing of Word).

Every rate is rounded here, by one rule, and every sentence, footnote and appendix cell
prints these values: the text and the table cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

from dispatch_gen.errors import InputError, Problem, did_you_mean
from dispatch_gen.i18n import _
from dispatch_gen.input.model import FiguresSpec, Rounding, Selection, UnitSpec
from dispatch_gen.input.source import Located
from dispatch_gen.vn import fold

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
    return exact.quantize(Decimal(1).scaleb(-rounding.decimals), rounding=_MODES[rounding.mode])


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


def _tally(units: list[Unit], rounding: Rounding) -> Tally:
    q = sum(u.tally.quota for u in units)
    a = sum(u.tally.achieved for u in units)
    return Tally(q, a, rate(a, q, rounding))


def _rank(units: list[Unit]) -> None:
    """Competition ranking by rate (1, 1, 3); units without a quota are not ranked."""
    ranked = sorted(_rated(units), key=lambda ru: ru[0], reverse=True)
    prev: Decimal | None = None
    prev_rank = 0
    for pos, (r, u) in enumerate(ranked, 1):
        if r != prev:
            prev_rank, prev = pos, r
        u.rank = prev_rank


def _rated(units: list[Unit]) -> list[tuple[Decimal, Unit]]:
    """(rate, unit) of the units that have a rate (a quota), in data order."""
    return [(u.tally.rate, u) for u in units if u.tally.rate is not None]


def select(units: list[Unit], sel: Selection, src: Located, path: str, problems: list[Problem]) -> list[Unit]:
    """Units chosen by hand (``danh_sach``) or by the stated rule, in data order (rank order for top/bottom N)."""
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
    rated = _rated(units)
    if (at_least := sel.rate_at_least) is not None:
        rated = [(r, u) for r, u in rated if r >= at_least]
    if (below := sel.rate_below) is not None:
        rated = [(r, u) for r, u in rated if r < below]
    if sel.met is not None:
        rated = [(r, u) for r, u in rated if u.tally.met == sel.met]
    if sel.top is not None:
        rated = sorted(rated, key=lambda ru: (-ru[0], ru[1].index))[: sel.top]
    if sel.bottom is not None:
        rated = sorted(rated, key=lambda ru: (ru[0], ru[1].index))[: sel.bottom]
    return [u for _r, u in rated]


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
        if us.achieved > us.quota:
            notes.append(
                src.problem(
                    f"{p}.dat",
                    _("đơn vị “{name}” đạt {a}, vượt chỉ tiêu {q}", name=us.name, a=us.achieved, q=us.quota),
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
                Tally(us.quota, us.achieved, rate(us.achieved, us.quota, rounding)),
                unit_measures,
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
    _rank(units)
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
    praised = select(units, spec.praised, yaml_src, "so_lieu.khen", problems) if spec.praised else []
    lagging = select(units, spec.lagging, yaml_src, "so_lieu.cham", problems) if spec.lagging else []
    for u in praised:
        u.praised = True
    for u in lagging:
        u.lagging = True
    if problems:
        raise InputError(problems)
    threshold = spec.lagging.rate_below if spec.lagging else None
    return Figures(spec.as_of, units, groups, total, praised, lagging, measures, rounding, threshold, notes)
