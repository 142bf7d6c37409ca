"""What every rule shares: element names, text patterns, the finding and its collector.

Every expected value comes from the profile dict (``profiles/*.yaml``); a rule whose key is
null or absent is skipped, so the same code checks Party and state documents. Elements are
found by their text (regexes), not by position or style names, so a dispatch typed by hand
is checked as well as one we rendered. Each rule reports what it saw and what was expected.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from dispatch_gen import i18n
from dispatch_gen.check.docmodel import Para, Run
from dispatch_gen.i18n import N_, _
from dispatch_gen.input.profile import PRIMARY, SPECS_KEY

# Element names, as printed before each message.
E_PAPER = N_("khổ giấy")
E_MARGIN = N_("lề trang")
E_FONT = N_("phông chữ")
E_TITLE = N_("tiêu đề")
E_ISSUER = N_("tên cơ quan")
E_NUMBER = N_("số và ký hiệu")
E_DATE = N_("ngày tháng")
E_SUBJECT = N_("trích yếu")
E_RECIPIENTS = N_("kính gửi")
E_BODY = N_("nội dung")
E_NOI_NHAN = N_("nơi nhận")
E_SIGNATURE = N_("chữ ký")
E_PAGE_NUMBER = N_("số trang")
E_FOOTNOTE = N_("chú thích")
E_APPENDIX = N_("phụ lục")
E_NUMBERS = N_("số liệu")

SPACE = "[\\s\u00a0]"
DASH_RE = re.compile(r"^\s*[-–—−]\s*")
SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
FAKE_MARK_RE = re.compile(f"^[0-9{SUPERSCRIPT_DIGITS}]+$")
LITERAL_SUP_RE = re.compile(f"[{SUPERSCRIPT_DIGITS}]+")
UNIT_BEFORE_RE = re.compile(r"(?:^|[^\w])(?:[kcdm]?m)$")
NUMBER_LINE_RE = re.compile(rf"^\s*Số{SPACE}*:?{SPACE}*\d*{SPACE}*[-/–]\s*\S")
DATE_FIND_RE = re.compile(r",\s*ngày\b.*\btháng\b.*\bnăm\b", re.IGNORECASE | re.DOTALL)
DATE_RE = re.compile(
    rf"^\s*(?P<place>[^,]+?)\s*,{SPACE}*ngày(?P<d>{SPACE}[\d\s\u00a0]*?)tháng(?P<m>{SPACE}[\d\s\u00a0]*?)"
    rf"năm(?P<y>{SPACE}[\d\s\u00a0]*?)\s*$"
)
# a number with a decimal point: "62.89", "81.88%"; not "1.000" (a thousands group), not
# "24.6.2026" (a date), not "0263.3822" (a phone number), not "v2.1" or "30/2020.1"
DECIMAL_RE = re.compile(r"(?<![\w.,/])\d+\.\d{1,2}(?!\d|\.\d)")
# a section or clause number at the start of a line: "2.1. Kết quả", "1.2 Mục tiêu", "2.1."
HEADING_NUMBER_RE = re.compile(r"^\s*\d+(?:\.\d+)+(?:\.?\s+\w|\.\s*$)")
# a row number alone in a table cell: "1.1", "2.3."
ROW_NUMBER_RE = re.compile(r"^\s*\d+(?:\.\d+)+\.?\s*$")
# the word before a number that makes it a reference, not a quantity: "mục 1.2", "tại điểm 2.1",
# "Phụ lục 1.3", "lúc 8.30"
REFERENCE_BEFORE_RE = re.compile(
    r"(?:^|[^\w])(?:mục|tiểu mục|khoản|điều|điểm|tiết|phần|chương|phụ lục|biểu|bảng|mẫu|hình|lúc)\s*$",
    re.IGNORECASE,
)
APPENDIX_RE = re.compile(r"^\s*phụ\s+lục(?:\s+(?:số\s+)?(?P<num>[0-9]+|[IVXLCDM]+))?\s*[.:]?\s*$", re.IGNORECASE)
# the first line of an appendix printed alone: "Phụ lục", "PHỤ LỤC II", "Phụ lục 1: …"
APPENDIX_START_RE = re.compile(r"^\s*phụ\s+lục\b", re.IGNORECASE)
ROMAN_RE = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
PREFIX_RE = re.compile(r"^\s*([A-ZĐ]{1,3}/[A-ZĐ]{1,3}\.?|[A-ZĐ]{1,3}\.)(?=\s)")
ALIGN_VALUES: dict[str, set[str | None]] = {
    "justify": {"both", "distribute"},
    "center": {"center"},
    "left": {"left", "start", None},
    "right": {"right", "end"},
}


def align_names() -> dict[str, str]:
    """Alignment names in the current language (built at use time, so --lang applies)."""
    return {"justify": _("đều hai bên"), "center": _("giữa"), "left": _("trái"), "right": _("phải")}


@dataclass
class Finding:
    """One format problem: the element of the dispatch and what is wrong with it.

    ``order`` (document position) only sorts the findings; it takes no part in equality.
    ``rule`` (a stable id such as ``header.date``) and ``severity`` (``error`` or
    ``warning``) are set by the registry from the rule that produced the finding.
    """

    element: str
    message: str
    order: float = field(default=0.0, compare=False, repr=False)
    rule: str = field(default="", compare=False)
    severity: str = field(default="", compare=False)  # "": the rule's own severity
    page: int = field(default=0, compare=False)  # the printed page (``check --ban-in``), 0: none

    def __str__(self) -> str:
        return f"{_(self.element)}: {self.message}"


def get(profile: dict[str, Any], dotted: str) -> Any:
    """``get(p, "header.number.format")``: the value, or None where any key is missing."""
    node: Any = profile
    for key in dotted.split("."):
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node


@dataclass(frozen=True)
class Spec:
    """A value a rule checks, as the profile states it: one value, a range or a set, with its mark.

    >>> Spec(14, 13, 14).accepts(13.5), Spec(14, 13, 14).accepts(12), Spec(6, 6).text()
    (True, False, 'ít nhất 6')
    >>> Spec(12.7, choices=(10, 12.7)).text(), Spec(False, choices=(False, True)).accepts(True)
    ('10 hoặc 12,7', True)
    """

    preferred: Any
    low: Any = None
    high: Any = None
    choices: tuple[Any, ...] | None = None
    mark: str = PRIMARY
    source: str = ""

    @property
    def severity(self) -> str:
        """``error`` for a value the primary text states (✔), ``warning`` for ◐ and ✖."""
        return "error" if self.mark == PRIMARY else "warning"

    def accepts(self, value: Any, tol: float = 0.01) -> bool:
        if isinstance(self.preferred, bool):
            return bool(value) in (self.choices or (self.preferred,))
        if value is None:
            return False
        v = float(value)
        if self.choices is not None:
            return any(abs(v - float(c)) <= tol for c in self.choices)
        if self.low is None and self.high is None:
            return abs(v - float(self.preferred)) <= tol
        return (self.low is None or v >= float(self.low) - tol) and (self.high is None or v <= float(self.high) + tol)

    def text(self) -> str:
        """What is expected, for messages: ``13–14``, ``ít nhất 6``, ``10 hoặc 12,7``, ``14``."""
        if self.choices is not None:
            return _(" hoặc ").join(num(c) for c in self.choices)
        if self.low is not None and self.high is not None:
            return num(self.low) if self.low == self.high else f"{num(self.low)}–{num(self.high)}"
        if self.low is not None:
            return _("ít nhất {value}", value=num(self.low))
        if self.high is not None:
            return _("tối đa {value}", value=num(self.high))
        return num(self.preferred)


def _at(profile: dict[str, Any], dotted: str) -> Any:
    """``get`` with list indexes: ``header.national.sizes[1]``."""
    m = re.match(r"^(.*)\[(\d+)\]$", dotted)
    if m is None:
        return get(profile, dotted)
    value = get(profile, m.group(1))
    return value[int(m.group(2))] if isinstance(value, list) and int(m.group(2)) < len(value) else None


def spec(profile: dict[str, Any], dotted: str) -> Spec | None:
    """The value at ``dotted`` as a :class:`Spec`: its range and mark when the profile gives them.

    A bare value is checked exactly, as a ✔ value. A preferred value changed after
    validation (a test, a caller narrowing the profile) wins over its stored range.
    """
    value = _at(profile, dotted)
    if value is None:
        return None
    raw = (profile.get(SPECS_KEY) or {}).get(dotted)
    if not raw or raw.get("uu_tien") != value:
        return Spec(value)
    choices = raw.get("mot_trong")
    return Spec(
        value,
        raw.get("min"),
        raw.get("max"),
        tuple(choices) if choices is not None else None,
        raw.get("danh_dau") or PRIMARY,
        raw.get("nguon") or "",
    )


def as_spec(value: Any) -> Spec | None:
    """``value`` as a :class:`Spec` (a bare value is one exact ✔ value; None stays None)."""
    if value is None or isinstance(value, Spec):
        return value
    return Spec(value)


def num(value: float) -> str:
    """A measurement in the message language: ``25,4`` in Vietnamese, ``25.4`` in English, ``20``."""
    if abs(value - round(value)) < 0.05:
        return str(round(value))
    return f"{value:.1f}".replace(".", "," if i18n.get_language() == "vi" else ".")


def norm(text: str) -> str:
    """NFC text with runs of white space (NBSP included) collapsed to one space.

    ``str.split()`` cuts at the characters ``\\s`` matches (both are ``str.isspace``), in one pass.
    """
    return " ".join(unicodedata.normalize("NFC", text).split())


def quote(text: str, limit: int = 40) -> str:
    """Short quoted form of a line for messages."""
    text = norm(text)
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return f"“{text}”"


def label_regex(label: str, *others: str) -> re.Pattern[str]:
    """Regex for a label such as "Kính gửi:" (or any of ``others``) at the start of a line, colon optional."""
    words = [x.strip().rstrip(":").split() for x in (label, *others)]
    alts = "|".join(r"\s+".join(re.escape(w) for w in ws) for ws in words)
    return re.compile(r"^\s*(?:" + alts + r")\s*(?P<colon>:?)", re.IGNORECASE)


def _by_index(value: Any, i: int) -> Any:
    if isinstance(value, list):
        return value[min(i, len(value) - 1)] if value else None
    return value


def _is_caps(text: str, runs: Sequence[Run]) -> bool:
    return text == text.upper() or all(r.props.caps for r in runs)


Profile = dict[str, Any]


class Out:
    """Findings of one rule, in the order they were found."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []

    def add(self, element: str, message: str, order: float, severity: str = "") -> None:
        """One finding; ``severity`` "" is the rule's own (see :mod:`dispatch_gen.check.registry`)."""
        self.findings.append(Finding(element, message, order, severity=severity))

    def style(
        self,
        element: str,
        what: str,
        runs: Sequence[Run],
        order: float,
        size: Any = None,
        bold: Any = None,
        italic: Any = None,
        underline: Any = None,
    ) -> None:
        """Compare the runs' size, bold, italic and underline with the expected values.

        Each expected value is a :class:`Spec` (a range or a set, with the severity of its
        mark) or a bare value (exact, an error); None skips the check.
        """
        runs = [r for r in runs if r.text.strip()]
        if not runs:
            return
        want = as_spec(size)
        if want is not None:
            wrong = [r.props.size for r in runs if not want.accepts(r.props.size)]
            if wrong:
                actual = Counter(wrong).most_common(1)[0][0]
                self.add(
                    element,
                    _(
                        "{what}: cỡ chữ {actual} pt (cần {expected} pt)",
                        what=what,
                        actual=num(actual),
                        expected=want.text(),
                    ),
                    order,
                    want.severity,
                )
        checks = (
            (bold, "bold", _("{what}: cần in đậm"), _("{what}: không được in đậm")),
            (italic, "italic", _("{what}: cần in nghiêng"), _("{what}: không được in nghiêng")),
            (underline, "underline", _("{what}: cần gạch chân"), _("{what}: không được gạch chân")),
        )
        for expected, attr, msg_on, msg_off in checks:
            flag = as_spec(expected)
            if flag is None:
                continue
            if any(not flag.accepts(getattr(r.props, attr)) for r in runs):
                message = msg_on if flag.preferred else msg_off
                self.add(element, message.format(what=what), order, flag.severity)


def _format_regex(fmt: str) -> re.Pattern[str]:
    """Regex from a number format such as ``Số {so}-{loai}/{ky_hieu}`` (blank number allowed)."""
    groups = {
        "so": r"(?P<so>\d+|[\s\u00a0]*)",
        "loai": r"(?P<loai>[^\W\d_][^\W_]*)",
        "ky_hieu": r"(?P<ky_hieu>[^\W_][\w\-–]*)",
        "don_vi": r"(?P<don_vi>(?:[-–][^\W_]\w*)?)",  # "-VP": the drafting unit, if any
    }
    out = ""
    for piece in re.split(r"(\{\w+\})", fmt):
        if piece.startswith("{") and piece[1:-1] in groups:
            out += groups[piece[1:-1]]
        else:
            out += "".join(r"[\s\u00a0]+" if ch == " " else re.escape(ch) for ch in piece)
    return re.compile(rf"^\s*{out}\s*$")


def check_endings(out: Out, element: str, items: list[tuple[str, Para]], sep: Any, end: Any) -> None:
    if len(items) < 2:
        return
    for i, (text, para) in enumerate(items):
        expected = end if i == len(items) - 1 else sep
        if expected is None:
            continue
        if not text.rstrip().endswith(expected):
            out.add(
                element,
                _("dòng {item} cần kết thúc bằng “{expected}”", item=quote(text), expected=expected),
                para.index,
            )
