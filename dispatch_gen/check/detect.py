"""Which profile and rule set a Word file follows, from what it shows.

The recorded custom property comes first (a document dispatch-gen made says its rule set);
otherwise the national line in the header decides, as the shipped profiles write it
(``header.national.lines``): "ĐẢNG CỘNG SẢN VIỆT NAM" is a Party document, "CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM" a state one. A line that several rule sets share names the profile that
chooses among them by date (``dang``), and the document's date line chooses: Hướng dẫn 36
before 27/5/2026, Hướng dẫn 05 from then on (:func:`rule_set`). A document showing no
national line (an appendix printed alone) is judged by the form of a number it cites, as the
profiles' number formats write it ("(Kèm theo Báo cáo số …/BC-UBND …)" is a state one, "số
05-BC/ĐU" a Party one), else by the default profile, and the result says so.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from dispatch_gen.check.common import DATE_RE, norm
from dispatch_gen.check.docmodel import DocInfo
from dispatch_gen.check.package import Package
from dispatch_gen.input import profile as profiles
from dispatch_gen.vn import fold

DEFAULT = "dang"
# custom properties that may record the profile (the first found wins)
PROPERTY_NAMES = ("the_thuc", "dispatch-gen:the_thuc", "rule_set")
HEADER_PARAGRAPHS = 40  # the national line is looked for among the first non-empty paragraphs
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"


@dataclass(frozen=True)
class Detected:
    """The profile found and how: ``property``, ``national`` (the national line), ``number`` (the
    form of a number the document cites, when it shows no national line) or ``default``."""

    profile: str
    source: str


@dataclass(frozen=True)
class RuleSet:
    """The concrete rule set a document is judged by, and why.

    ``source``: ``property`` (recorded in the file), ``date`` (the document's date line
    chose it: ``when``), ``today`` (a choosing profile and no date in the document: today's
    rules) or ``fixed`` (the profile is a rule set of its own).
    """

    name: str
    source: str
    when: date | None = None


@lru_cache(maxsize=1)
def national_lines() -> tuple[tuple[str, str], ...]:
    """(national line, profile) from the shipped profiles' own data, longest line first.

    A line written by several rule sets that one choosing name covers (dang-hd36 and
    dang-hd05 under ``dang``) gives that name.
    """
    by_line: dict[str, set[str]] = {}
    for name in profiles.shipped():
        lines = profiles.load(name)["header"]["national"]["lines"]
        by_line.setdefault(lines[0], set()).add(name)
    out: list[tuple[str, str]] = []
    for line, names in by_line.items():
        chooser = next(
            (c for c, sets in profiles.CHOOSERS.items() if len(names) > 1 and names <= {n for n, _d in sets}),
            None,
        )
        out.append((line, chooser or sorted(names)[0]))
    return tuple(sorted(out, key=lambda pair: -len(pair[0])))


def custom_properties(path: Path) -> dict[str, str]:
    """The document's custom properties (docProps/custom.xml) as text, by name.

    Read within the package limits; a part that cannot be read is refused, naming it.
    """
    with Package(path) as pkg:
        found = pkg.related("", "custom-properties")
        name = found[0][1] if found else pkg.member("docProps/custom.xml")
        if name is None:
            return {}
        root = pkg.xml(name)
    out: dict[str, str] = {}
    for prop in root.iter(f"{{{CUSTOM_NS}}}property"):
        name = prop.get("name")
        if name:
            out[name] = "".join(str(t) for t in prop.itertext()).strip()
    return out


def _key(text: str) -> str:
    return fold(norm(text)).casefold()


def _head(doc: DocInfo) -> list[str]:
    return [p.text for p in doc.paragraphs if p.text.strip()][:HEADER_PARAGRAPHS]


def detect(doc: DocInfo, known: list[str], properties: dict[str, str] | None = None) -> Detected:
    """The profile of ``doc`` among the ``known`` profile names."""
    for name in PROPERTY_NAMES:
        value = (properties or {}).get(name, "").strip()
        if value in known:
            return Detected(value, "property")
    for text in _head(doc):
        key = _key(text)
        for line, profile in national_lines():
            if _key(line) in key and profile in known:
                return Detected(profile, "national")
    by_number = _by_number_form(doc, known)
    if by_number is not None:
        return Detected(by_number, "number")
    return Detected(DEFAULT, "default")


def _number_search(fmt: str, code: str) -> str:
    """A search pattern for a number written in ``fmt`` after "số" in a sentence (blank number allowed)."""
    fmt = re.sub(r"^\s*Số\s*:?\s*", "", fmt)
    groups = {
        "so": r"(?:\d+|[\s\u00a0._…]*)",
        "loai": re.escape(code),
        "ky_hieu": r"[A-ZĐ][\wĐđ]*(?:[-–][A-ZĐ][\wĐđ]*)*",
        "don_vi": r"(?:[-–][A-ZĐ][\wĐđ]*)?",
    }
    out = ""
    for piece in re.split(r"(\{\w+\})", fmt):
        out += groups.get(piece[1:-1], "") if piece.startswith("{") else re.escape(piece)
    return out


@lru_cache(maxsize=1)
def _number_forms() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(a cited number's pattern, the profile it belongs to) from every shipped profile's kinds."""
    chooser_of = {n: c for c, sets in profiles.CHOOSERS.items() for n, _d in sets}
    out = []
    for name in profiles.shipped():
        prof = profiles.load(name)
        fallback = prof["header"]["number"]["format"]
        for kind in prof["kinds"].values():
            fmt = kind["number_format"] or fallback
            if "{loai}" in fmt and not kind["code"]:
                continue
            pattern = re.compile(rf"\bsố[\s\u00a0]+{_number_search(fmt, kind['code'])}(?![\w/])", re.IGNORECASE)
            out.append((pattern, chooser_of.get(name, name)))
    return tuple(out)


def _by_number_form(doc: DocInfo, known: list[str]) -> str | None:
    """The one profile whose number form the head's cited numbers show ("kèm theo … số …"), or None."""
    found = set()
    for text in _head(doc):
        for pattern, profile in _number_forms():
            if profile in known and pattern.search(norm(text)):
                found.add(profile)
    return found.pop() if len(found) == 1 else None


def document_date(doc: DocInfo) -> tuple[date | None, int | None, int | None]:
    """The date line's (date, month, year); a draft's blank day gives (None, month, year)."""
    for text in _head(doc):
        for segment in text.split("\t"):  # the date may follow the number after tabs
            m = DATE_RE.match(segment.replace("\n", " "))
            if m is None:
                continue
            day, month, year = (re.sub(r"\s", "", m[k]) for k in ("d", "m", "y"))
            y = int(year) if year.isdigit() and len(year) == 4 else None
            mo = int(month) if month.isdigit() and 1 <= int(month) <= 12 else None
            if y is not None and mo is not None and day.isdigit():
                try:
                    return date(y, mo, int(day)), mo, y
                except ValueError:
                    pass
            return None, mo, y
    return None, None, None


def rule_set(
    doc: DocInfo, profile: str, properties: dict[str, str] | None = None, today: date | None = None
) -> RuleSet:
    """The concrete rule set ``profile`` stands for in ``doc``.

    A rule set recorded in the file wins; a choosing profile (``dang``) takes the one in
    force on the date line's day (a draft without a day: that month, its last day when past,
    today when current, its first day when ahead), else today's.
    """
    if profile not in profiles.CHOOSERS:
        return RuleSet(profile, "fixed")
    members = {n for n, _d in profiles.CHOOSERS[profile]}
    for name in PROPERTY_NAMES:
        value = (properties or {}).get(name, "").strip()
        if value in members:
            return RuleSet(value, "property")
    today = today or date.today()
    issued, month, year = document_date(doc)
    if issued is None and month is not None and year is not None:
        last = date(year, month, calendar.monthrange(year, month)[1])
        issued = last if last < today else max(date(year, month, 1), min(today, last))
    if issued is None and year is None:
        return RuleSet(profiles.choose(profile, None, None, today), "today", today)
    when = profiles.rule_date(issued, year, today)
    return RuleSet(profiles.choose(profile, issued, year, today), "date", when)
