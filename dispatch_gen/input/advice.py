"""Warnings that save a clerk from a document sent back: never errors, each with what to do.

``{{ … }}`` typed in a text that is printed as typed and a place (dia_danh) too long for the
date line to print on one line (every profile), and four checks whose
data is in the profile's ``advice`` section:

- names of bodies abolished with the district level (Huyện ủy, UBND huyện, thị trấn …) in a
  document dated after the day they ended (``abolished_on``, 01/7/2025);
- the document's date or a deadline (``han``) on a Saturday, a Sunday or a public holiday of
  Vietnam, lunar holidays included, from the maintained ``holidays`` calendar;
- a deadline before the document's date;
- old and new tone placement mixed in one document ("Huyện ủy" beside "Huyện uỷ"), with the
  count of each.

Called once the YAML is validated (:func:`dispatch_gen.pipeline.load`), so ``render`` and
``check`` of the YAML print the same warnings.
"""

from __future__ import annotations

import importlib.machinery
import json
import os
import re
from collections import Counter
from collections.abc import Iterator
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from dispatch_gen.errors import Problem
from dispatch_gen.i18n import _, get_language
from dispatch_gen.input import dateline
from dispatch_gen.input.model import Dispatch
from dispatch_gen.input.source import Located


def _dmy(d: date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def _texts(data: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every text of the YAML with its field path, in file order."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for k, v in data.items():
            yield from _texts(v, f"{path}.{k}" if path else str(k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _texts(v, f"{path}[{i}]")


def _at(src: Located, path: str, text: str, offset: int, message: str) -> Problem:
    """A warning at ``offset`` of the text of ``path`` (its own line inside a block scalar)."""
    line, col = src.where(path)
    if path in src.text_lines:  # a block scalar's text starts on the line after its key
        line, col = src.text_lines[path] + text.count("\n", 0, offset), 1
    return Problem(message, src.file, line, col, src.names.get(path, path), "warning")


def reference_date(d: Dispatch, today: date) -> date | None:
    """The day the document speaks for: its date, or for a draft the earliest day it may bear.

    A draft for the current year is dated today; a draft for another year, 1 January of it.
    """
    if d.issued is not None:
        return d.issued
    if d.year is None:
        return None
    return today if d.year == today.year else date(d.year, 1, 1)


def abolished(src: Located, d: Dispatch, rules: dict[str, Any], today: date) -> list[Problem]:
    """Names of bodies that no longer exist, in a document dated after they ended."""
    ended = _parse_date(rules["abolished_on"])
    when = reference_date(d, today)
    if when is None or when < ended:
        return []
    pattern = re.compile("|".join(f"(?:{p})" for p in rules["abolished_names"]), re.IGNORECASE)
    out = []
    for path, text in _texts(src.data):
        found = list(pattern.finditer(text))
        if not found:
            continue
        counts = Counter(m.group(0) for m in found)
        names = ", ".join(f"“{name}” ({n})" if n > 1 else f"“{name}”" for name, n in counts.items())
        out.append(
            _at(
                src,
                path,
                text,
                found[0].start(),
                _(
                    "{names}: cơ quan, đơn vị này không còn từ ngày {ended} (bỏ cấp huyện) mà văn bản ghi ngày "
                    "{date}; hãy thay bằng tên cơ quan hiện nay (Đảng ủy xã, phường; Tỉnh ủy; Ủy ban nhân dân "
                    "xã …)",
                    names=names,
                    ended=_dmy(ended),
                    date=_dmy(when),
                ),
            )
        )
    return out


def _cache_file(country: str, year: int, language: str) -> Path | None:
    """Where one year's holidays are kept between runs, keyed by the installed calendar's files.

    Loading the ``holidays`` package and its calendars takes about 0.2 s, most of a cold
    ``render``; the days of one country and year only change when the package is upgraded,
    which rewrites its files (their size and time are in the name).
    """
    # finds the package on sys.path without importing it (importlib.util's find_spec would
    # import importlib.util itself, ~4 ms of a cold start, for the same answer on a top-level name)
    spec = importlib.machinery.PathFinder.find_spec("holidays")
    if spec is None or not spec.origin:
        return None
    try:
        stamp = os.stat(spec.origin)
        base = os.environ.get("XDG_CACHE_HOME") or os.environ.get("LOCALAPPDATA") or str(Path.home() / ".cache")
    except (OSError, RuntimeError):
        return None
    key = f"{country}-{year}-{language}-{stamp.st_size}-{stamp.st_mtime_ns}"
    return Path(base) / "dispatch-gen" / f"holidays-{key}.json"


@cache
def _calendar(country: str, year: int, language: str) -> dict[date, str]:
    """The public holidays of ``country`` in ``year``, from the ``holidays`` package (cached)."""
    where = _cache_file(country, year, language)
    if where is not None:
        try:
            with open(where, "rb") as f:
                kept = json.loads(f.read(65536))
            return {date.fromisoformat(k): str(v) for k, v in kept.items()}
        except (OSError, ValueError, AttributeError, TypeError):
            pass  # no cache yet, or unreadable: ask the calendar
    import holidays

    days = {d: str(n) for d, n in holidays.country_holidays(country, years=year, language=language).items()}
    if where is not None:
        try:
            where.parent.mkdir(parents=True, exist_ok=True)
            tmp = where.with_name(f".{where.name}.{os.getpid()}.tmp")
            tmp.write_text(json.dumps({d.isoformat(): n for d, n in days.items()}, ensure_ascii=False), "utf-8")
            os.replace(tmp, where)
        except OSError:
            pass  # a read-only home: no cache, the same answer
    return days


def day_off(day: date, country: str = "VN") -> str | None:
    """Why ``day`` is not a working day (a weekend or a public holiday), or None.

    >>> day_off(date(2026, 2, 17))
    'Tết Nguyên Đán'
    >>> day_off(date(2026, 12, 5))
    'thứ Bảy'
    >>> day_off(date(2026, 12, 4)) is None
    True
    """
    language = "en_US" if get_language() == "en" else "vi"
    name = _calendar(country, day.year, language).get(day)
    if name:
        return str(name)
    return {5: _("thứ Bảy"), 6: _("Chủ nhật")}.get(day.weekday())


def non_working_days(src: Located, d: Dispatch, rules: dict[str, Any]) -> list[Problem]:
    """The document's date or a deadline on a day off."""
    country = rules.get("holidays", "VN")
    dated = [("ngay", d.issued, _("ngày ban hành"))] if d.issued else []
    dated += [(f"han.{k}", v, _("thời hạn “{key}”", key=k)) for k, v in d.deadlines.items()]
    out = []
    for path, day, what in dated:
        why = day_off(day, country)
        if why:
            out.append(
                src.problem(
                    path,
                    _(
                        "{what} {date} rơi vào ngày nghỉ ({why}); hãy chọn một ngày làm việc",
                        what=what,
                        date=_dmy(day),
                        why=why,
                    ),
                    "warning",
                )
            )
    return out


def deadlines_before(src: Located, d: Dispatch) -> list[Problem]:
    """A deadline earlier than the document's date."""
    if d.issued is not None:
        when = d.issued
    elif d.year is not None:
        when = date(d.year, 1, 1)  # a draft: only a deadline before its year is surely wrong
    else:
        return []
    out = []
    for k, v in d.deadlines.items():
        if v >= when:
            continue
        if d.issued is not None:
            message = _(
                "thời hạn “{key}” ({deadline}) trước ngày ban hành ({date}); hãy sửa lại thời hạn hoặc ngày",
                key=k,
                deadline=_dmy(v),
                date=_dmy(when),
            )
        else:
            message = _(
                "thời hạn “{key}” ({deadline}) trước năm của văn bản ({year}); hãy sửa lại thời hạn hoặc năm",
                key=k,
                deadline=_dmy(v),
                year=when.year,
            )
        out.append(src.problem(f"han.{k}", message, "warning"))
    return out


@cache  # one pattern per profile's pairs
def _tone_forms(pairs: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    """One pass finds both placements: group 1 the new ("ủy"), group 2 the old ("uỷ")."""
    ending = "(?![^\\W\\d_])"  # the rhyme ends the word ("hoàn" is no case of "hoà")
    starting = "(?<![qQ])"  # "quý": the u belongs to "qu", its tone is never moved
    new, old = "|".join(n for n, _o in pairs), "|".join(o for _n, o in pairs)
    return re.compile(f"{starting}(?:({new})|({old})){ending}", re.IGNORECASE)


def mixed_tones(src: Located, rules: dict[str, Any]) -> list[Problem]:
    """Old ("uỷ", "hoà") and new ("ủy", "hòa") tone placement in one document, with their counts."""
    pairs: dict[str, str] = rules["tone_pairs"]  # new → old
    either = _tone_forms(tuple(pairs.items()))
    n_new = n_old = 0
    first_old: tuple[str, str, int] | None = None
    for path, text in _texts(src.data):
        if text.isascii():
            continue
        for m in either.finditer(text):
            if m.group(1) is not None:
                n_new += 1
                continue
            n_old += 1
            if first_old is None:
                first_old = (path, text, m.start())
    if not (n_new and n_old and first_old):
        return []
    path, text, offset = first_old
    before = re.search(r"(?:\w+ )?\w*$", text[:offset])  # the word, and the one before it ("Huyện uỷ")
    start = before.start() if before else offset
    shown = text[start : offset + 2]
    return [
        _at(
            src,
            path,
            text,
            offset,
            _(
                "văn bản viết dấu thanh theo hai kiểu: {n_new} chữ kiểu mới (“ủy”, “hòa”) và {n_old} chữ kiểu cũ "
                "(“uỷ”, “hoà”), đầu tiên là “{word}”; hãy viết thống nhất một kiểu",
                n_new=n_new,
                n_old=n_old,
                word=shown,
            ),
        )
    ]


#: the texts whose ``{{ … }}`` are evaluated (:func:`dispatch_gen.compute.texts.evaluate_texts`), by field path
EVALUATED = re.compile(
    r"noi_dung$|chu_thich\.|trich_yeu$|(kinh_gui|noi_nhan)\[\d+\]$|ky\.(quyen_han|chuc_vu|ho_ten)$"
    r"|phu_luc\[\d+\]\.(bang|ten|dong_tong|cot\[\d+\]\.(tieu_de|nhom))$"
    r"|bang\.[^.]+\.(dong_tong|cot\[\d+\]\.(tieu_de|nhom))$"
)
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)


def unevaluated_jinja(src: Located) -> list[Problem]:
    """``{{ … }}`` or ``{% … %}`` in a text that is printed as typed (a recipient, the subject, a name)."""
    out = []
    for path, text in _texts(src.data):
        if EVALUATED.match(path):
            continue
        found = _JINJA.search(text)
        if found:
            message = _(
                "“{tag}” ở trường này không được tính mà sẽ in nguyên như đã gõ; "
                "các biểu thức {{{{ … }}}} chỉ được tính ở nội dung, chú thích, trích yếu, Kính gửi, Nơi nhận, "
                "người ký và ở tên, bảng, dòng tổng, tiêu đề cột của phụ lục",
                tag=found.group(0)[:60],
            )
            out.append(_at(src, path, text, found.start(), message))
    return out


def long_place(src: Located, d: Dispatch, prof: dict[str, Any]) -> list[Problem]:
    """A place (dia_danh) whose date line cannot print on one line in the widest right column of the
    header the profile allows (:mod:`dispatch_gen.input.dateline`, as the renderer lays it out).

    The renderer then breaks the line after the comma, and a place wider than the column even
    alone wraps: the place is the name of one administrative unit, never an address.
    """
    line = dateline.text(d.place, d.issued, d.year, prof)
    need, room = dateline.width_mm(line, prof), dateline.room_mm(prof)
    if need <= room:
        return []
    message = _(
        "dòng địa danh, ngày tháng dài {need} mm, không vừa một dòng ở cột phải của phần đầu (rộng nhất "
        "{room} mm): địa danh là tên gọi chính thức của một đơn vị hành chính nơi cơ quan đặt trụ sở "
        "(NĐ 30/2020/NĐ-CP Phụ lục I Phần I Mục II.4.a; HD 36-HD/VPTW 1.4.1.a), không phải địa chỉ; "
        "hãy chỉ ghi tên đơn vị đó, ví dụ “xã Bình Minh”, không ghi “xã Bình Minh huyện Bình Sơn tỉnh "
        "Quảng Ngãi”",
        need=round(need),
        room=round(room),
    )
    return [src.problem("dia_danh", message, "warning")]


def _parse_date(value: Any) -> date:
    if isinstance(value, date):
        return value
    day, month, year = (int(x) for x in str(value).split("/"))
    return date(year, month, day)


def advise(src: Located, d: Dispatch, prof: dict[str, Any], today: date | None = None) -> list[Problem]:
    """Every warning of this module for one validated dispatch (none when the profile has no ``advice``)."""
    rules = prof.get("advice")
    if not rules:
        return unevaluated_jinja(src) + long_place(src, d, prof)
    today = today or date.today()
    return (
        unevaluated_jinja(src)
        + long_place(src, d, prof)
        + abolished(src, d, rules, today)
        + non_working_days(src, d, rules)
        + deadlines_before(src, d)
        + mixed_tones(src, rules)
    )


__all__ = [
    "abolished",
    "advise",
    "day_off",
    "deadlines_before",
    "long_place",
    "mixed_tones",
    "non_working_days",
    "reference_date",
    "unevaluated_jinja",
]
