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

from dispatch_gen.check.docmodel import Para, Run
from dispatch_gen.i18n import _

# Element names, as printed before each message.
E_PAPER = "khổ giấy"
E_MARGIN = "lề trang"
E_FONT = "phông chữ"
E_TITLE = "tiêu đề"
E_ISSUER = "tên cơ quan"
E_NUMBER = "số và ký hiệu"
E_DATE = "ngày tháng"
E_SUBJECT = "trích yếu"
E_RECIPIENTS = "kính gửi"
E_BODY = "nội dung"
E_NOI_NHAN = "nơi nhận"
E_SIGNATURE = "chữ ký"
E_PAGE_NUMBER = "số trang"
E_FOOTNOTE = "chú thích"
E_APPENDIX = "phụ lục"
E_NUMBERS = "số liệu"

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
DECIMAL_RE = re.compile(r"(?<![\d.,])\d+\.\d{1,2}(?!\d|\.\d)")
HEADING_NUMBER_RE = re.compile(r"^\s*\d+(?:\.\d+)+\.?\s+\w")
APPENDIX_RE = re.compile(r"^\s*phụ\s+lục(?:\s+(?:số\s+)?(?P<num>[0-9]+|[IVXLCDM]+))?\s*[.:]?\s*$", re.IGNORECASE)
ROMAN_RE = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
MARK_RE = re.compile(r"^\s*(MẬT|TỐI MẬT|TUYỆT MẬT|KHẨN|THƯỢNG KHẨN|HỎA TỐC|HOẢ TỐC|DỰ THẢO.*)\s*$", re.IGNORECASE)
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
    severity: str = field(default="error", compare=False)

    def __str__(self) -> str:
        return f"{self.element}: {self.message}"


def get(profile: dict[str, Any], dotted: str) -> Any:
    """``get(p, "header.number.format")``: the value, or None where any key is missing."""
    node: Any = profile
    for key in dotted.split("."):
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node


def num(value: float) -> str:
    """A measurement the Vietnamese way: ``25,4`` and ``20`` (one decimal at most)."""
    if abs(value - round(value)) < 0.05:
        return str(round(value))
    return f"{value:.1f}".replace(".", ",")


def norm(text: str) -> str:
    """NFC text with runs of white space (NBSP included) collapsed to one space."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).replace("\u00a0", " ")).strip()


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

    def add(self, element: str, message: str, order: float) -> None:
        self.findings.append(Finding(element, message, order))

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
        """Compare the runs' size, bold, italic and underline with the expected values."""
        runs = [r for r in runs if r.text.strip()]
        if not runs:
            return
        if size is not None:
            wrong = [r.props.size for r in runs if abs(r.props.size - float(size)) > 0.01]
            if wrong:
                actual = Counter(wrong).most_common(1)[0][0]
                self.add(
                    element,
                    _(
                        "{what}: cỡ chữ {actual} pt (cần {expected} pt)",
                        what=what,
                        actual=num(actual),
                        expected=num(size),
                    ),
                    order,
                )
        checks = (
            (bold, "bold", _("{what}: cần in đậm"), _("{what}: không được in đậm")),
            (italic, "italic", _("{what}: cần in nghiêng"), _("{what}: không được in nghiêng")),
            (underline, "underline", _("{what}: cần gạch chân"), _("{what}: không được gạch chân")),
        )
        for expected, attr, msg_on, msg_off in checks:
            if expected is None:
                continue
            if any(getattr(r.props, attr) != bool(expected) for r in runs):
                self.add(element, (msg_on if expected else msg_off).format(what=what), order)


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
