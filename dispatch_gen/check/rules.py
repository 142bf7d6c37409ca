"""The format rules: compare a read-back Word file with a profile's expected values.

Every expected value comes from the profile dict (``profiles/*.yaml``); a rule whose key is
null or absent is skipped, so the same code checks Party and state documents. Elements are
found by their text (regexes), not by position or style names, so a dispatch typed by hand
is checked as well as one we rendered. Each rule reports what it saw and what was expected.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from dispatch_gen.check.reader import DocInfo, Para, Run, read_docx
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
    """

    element: str
    message: str
    order: float = field(default=0.0, compare=False, repr=False)

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


def label_regex(label: str) -> re.Pattern[str]:
    """Regex for a label such as "Kính gửi:" at the start of a line, colon optional."""
    words = label.strip().rstrip(":").split()
    return re.compile(r"^\s*" + r"\s+".join(re.escape(x) for x in words) + r"\s*(?P<colon>:?)", re.IGNORECASE)


def _by_index(value: Any, i: int) -> Any:
    if isinstance(value, list):
        return value[min(i, len(value) - 1)] if value else None
    return value


def _is_caps(text: str, runs: Sequence[Run]) -> bool:
    return text == text.upper() or all(r.props.caps for r in runs)


class _Checker:
    """One pass over one document; collects findings in ``self.findings``."""

    def __init__(self, doc: DocInfo, profile: dict[str, Any]) -> None:
        self.doc = doc
        self.p = profile
        self.findings: list[Finding] = []
        self.main = [p for p in doc.paragraphs if not p.in_textbox]

    # --- helpers ------------------------------------------------------------------------

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

    def container(self, para: Para) -> list[Para]:
        """Paragraphs sharing ``para``'s table cell, or the body-level paragraphs."""
        if para.cell is not None:
            return [p for p in self.main if p.cell is para.cell]
        return [p for p in self.main if p.cell is None]

    def column(self, para: Para) -> list[Para]:
        """Paragraphs in ``para``'s table column (all rows), or the body-level paragraphs.

        Header lines are read per column, so a header table that puts "Số" and the date on
        a second row (as NĐ 30 asks) reads the same as a one-row table.
        """
        if para.cell is None:
            return self.container(para)
        return [p for p in self.main if p.table is para.table and p.col == para.col]

    def first(self, pred: Any, start: int = 0, stop: int | None = None) -> Para | None:
        for para in self.main:
            if para.index < start or (stop is not None and para.index >= stop):
                continue
            if pred(para):
                return para
        return None

    # --- landmarks ----------------------------------------------------------------------

    def locate(self) -> None:
        """Find the header, Kính gửi, closing block and appendix by their text."""
        kg_label = get(self.p, "recipients.label") or "Kính gửi:"
        self.kg_re = label_regex(kg_label)
        nn_label = get(self.p, "noi_nhan.label") or "Nơi nhận:"
        self.nn_re = label_regex(nn_label)
        self.kinh_gui = self.first(lambda p: bool(self.kg_re.match(p.text)))
        header_stop = self.kinh_gui.index if self.kinh_gui else None
        if header_stop is None:
            limit = [p.index for p in self.main if p.text.strip()][:40]
            header_stop = (limit[-1] + 1) if limit else 0
        self.header_stop = header_stop
        self.number = self.first(lambda p: bool(NUMBER_LINE_RE.match(p.text)) and "/" in p.text, stop=header_stop)
        self.date = self.first(lambda p: bool(DATE_FIND_RE.search(p.text)), stop=header_stop)
        self.national: list[tuple[str, Para | None]] = []
        for line in get(self.p, "header.national.lines") or []:
            target = norm(line).casefold()
            found = self.first(lambda p, t=target: norm(p.text).casefold() == t, stop=header_stop)
            self.national.append((line, found))
        anchors = [x for x in [self.number, self.date] + [p for _l, p in self.national] if x is not None]
        self.header_tables = {a.top_table for a in anchors if a.top_table is not None}
        if self.kinh_gui is None:
            # No "Kính gửi": the header ends with its table, or with its last line found.
            ends = [a.index for a in anchors] + [p.index for p in self.main if p.top_table in self.header_tables]
            self.header_stop = header_stop = max(ends) + 1 if ends else 0

        after = self.kinh_gui.index + 1 if self.kinh_gui else header_stop
        self.appendices = [
            p for p in self.main if p.index >= after and p.cell is None and APPENDIX_RE.match(p.text) and p.text.strip()
        ]
        appendix_start = self.appendices[0].index if self.appendices else None
        self.noi_nhan = self.first(lambda p: bool(self.nn_re.match(p.text)), start=after, stop=appendix_start)
        forms = list(get(self.p, "signature.forms") or []) + list(get(self.p, "signature.foreign_forms") or [])
        self.forms = forms

        def is_authority(p: Para) -> bool:
            text = norm(p.text)
            return any(text.startswith(f + " ") or (text.startswith(f) and f.endswith(".")) for f in forms)

        self.authority_any = self.first(is_authority, start=after, stop=appendix_start)
        closing_anchor = self.noi_nhan or self.authority_any
        self.closing_table = closing_anchor.top_table if closing_anchor is not None else None
        if self.closing_table is not None:
            body_end = min(p.index for p in self.main if p.top_table is self.closing_table)
        elif closing_anchor is not None:
            body_end = closing_anchor.index
        elif appendix_start is not None:
            body_end = appendix_start
        else:
            body_end = len(self.doc.paragraphs)
        self.body_end = body_end
        self.closing_end = appendix_start if appendix_start is not None else len(self.doc.paragraphs)

    # --- rules --------------------------------------------------------------------------

    def check_page(self) -> None:
        """Paper size and margins of the first section."""
        if not self.doc.sections:
            return
        sec = self.doc.sections[0]
        tol = float(get(self.p, "page.tolerance_mm") or 0.5)
        names = {"top": _("trên"), "bottom": _("dưới"), "left": _("trái"), "right": _("phải")}
        width, height = get(self.p, "page.width_mm"), get(self.p, "page.height_mm")
        aw, ah = sec.width_mm, sec.height_mm
        if (
            width is not None
            and height is not None
            and aw is not None
            and ah is not None
            and (abs(aw - width) > tol or abs(ah - height) > tol)
        ):
            self.add(
                E_PAPER,
                _(
                    "khổ giấy {aw} × {ah} mm (cần {ew} × {eh} mm)",
                    aw=num(aw),
                    ah=num(ah),
                    ew=num(width),
                    eh=num(height),
                ),
                -3,
            )
        for side, name in names.items():
            expected = get(self.p, f"page.{side}_mm")
            actual = sec.margins_mm.get(side)
            if expected is None:
                continue
            if actual is None or abs(actual - float(expected)) > tol:
                self.add(
                    E_MARGIN,
                    _(
                        "lề {side} {actual} mm (cần {expected} mm)",
                        side=name,
                        actual=num(actual) if actual is not None else "?",
                        expected=num(expected),
                    ),
                    -3,
                )

    def check_fonts(self) -> None:
        """Every visible run in every rFonts slot uses the profile font; one finding per font."""
        expected = get(self.p, "font")
        if not expected:
            return
        runs: list[tuple[float, Run]] = []
        for para in self.doc.paragraphs:
            runs += [(para.index, r) for r in para.runs]
        for sec in self.doc.sections:
            for story in sec.headers.values():
                runs += [(-1, r) for para in story for r in para.runs]
        ref_order = {fid: idx for fid, idx in self.doc.footnote_refs}
        for fid, story in (self.doc.footnotes or {}).items():
            runs += [(ref_order.get(fid, len(self.doc.paragraphs)), r) for para in story for r in para.runs]
        wrong: dict[str, float] = {}
        unset: dict[str, float] = {}
        for order, run in runs:
            if not run.text.strip():
                continue
            for slot, name in run.props.fonts:
                if not name:
                    unset.setdefault(slot, order)
                elif norm(name).casefold() != norm(expected).casefold():
                    wrong.setdefault(name, order)
        for name, order in wrong.items():
            self.add(E_FONT, _("phông “{actual}” (cần “{expected}”)", actual=name, expected=expected), order)
        if unset:
            self.add(
                E_FONT,
                _("chưa đặt phông cho {slots} (cần “{expected}”)", slots=", ".join(sorted(unset)), expected=expected),
                min(unset.values()),
            )

    def check_national(self) -> None:
        """Tiêu đề / Quốc hiệu lines: present, spelled as in the profile, size and bold; rule under it."""
        if not self.national:
            return
        size = get(self.p, "header.national.sizes") or get(self.p, "header.national.size")  # per line, or one
        bold = get(self.p, "header.national.bold")
        last: Para | None = None
        for i, (line, para) in enumerate(self.national):
            if para is None:
                self.add(E_TITLE, _("thiếu dòng “{line}”", line=line), -0.5)
                continue
            last = para
            if norm(para.text) != norm(line):
                self.add(
                    E_TITLE, _("{actual} cần viết là “{expected}”", actual=quote(para.text), expected=line), para.index
                )
            self.style(E_TITLE, quote(line), para.text_runs(), para.index, _by_index(size, i), _by_index(bold, i))
        if last is None or get(self.p, "header.national_rule_mm") is None:
            return
        self.check_rule(last, E_TITLE, _("thiếu đường kẻ liền dưới dòng “{line}”", line=norm(last.text)))

    def check_rule(self, para: Para, element: str, missing: str) -> None:
        """A solid rule right under ``para``: its bottom border, the next paragraph's border or a line shape."""
        box = self.column(para)
        pos = box.index(para)
        nxt = box[pos + 1] if pos + 1 < len(box) else None
        styles = [para.props.border_bottom]
        same_cell = [p for p in box[pos + 1 :] if p.cell is para.cell and p.text.strip()]
        if para.cell_border_bottom and not same_cell:
            styles.append(para.cell_border_bottom)  # the rule drawn as the cell's bottom border
        if nxt is not None:
            styles += [nxt.props.border_top, nxt.props.border_bottom]
        # a drawn line may be anchored anywhere in the title's cell
        near = [p for p in box if para.cell is not None and p.cell is para.cell] + [para]
        shapes = any(p.drawn_line for p in near) or (nxt is not None and nxt.drawn_line)
        found = [s for s in styles if s]
        if not found and not shapes:
            self.add(element, missing, para.index)
        elif found and not shapes and not any(s in ("single", "thick") for s in found):
            self.add(element, _("đường kẻ dưới {line} không phải nét liền", line=quote(para.text)), para.index)

    def check_issuer(self) -> None:
        """Superior body, issuing body and the "*" mark above the number, in the same cell."""
        if self.number is None:
            return
        box = self.column(self.number)
        national = {id(p) for _l, p in self.national if p is not None}
        above = [
            p
            for p in box[: box.index(self.number)]
            if p.text.strip() and id(p) not in national and not MARK_RE.match(p.text)
        ]
        if self.number.cell is None:
            above = [p for p in above if p is not self.date]
        mark = get(self.p, "header.issuer_mark")
        mark_para = above[-1] if above and mark and norm(above[-1].text) == norm(mark) else None
        names = [p for p in above if p is not mark_para]
        if mark and mark_para is None:
            self.add(E_ISSUER, _("thiếu dấu “{mark}” dưới tên cơ quan ban hành", mark=mark), self.number.index)
        if not names:
            self.add(E_ISSUER, _("thiếu tên cơ quan ban hành"), self.number.index)
            return
        roles = (
            [("superior", names[0])] + [("issuer", p) for p in names[1:]] if len(names) > 1 else [("issuer", names[0])]
        )
        for role, para in roles:
            conf = get(self.p, f"header.{role}") or {}
            runs = para.text_runs()
            if conf.get("caps") and not _is_caps(para.text, runs):
                self.add(E_ISSUER, _("{what}: cần viết in hoa", what=quote(para.text)), para.index)
            self.style(E_ISSUER, quote(para.text), runs, para.index, conf.get("size"), conf.get("bold"))
        if get(self.p, "header.issuer_rule_ratio") is not None or get(self.p, "header.issuer_rule_mm") is not None:
            last = names[-1]
            self.check_rule(last, E_ISSUER, _("thiếu đường kẻ dưới tên cơ quan ban hành"))

    def check_number(self) -> None:
        """The "Số …" line against header.number.format: colon, zero padding, pattern, size."""
        fmt = get(self.p, "header.number.format")
        if fmt is None:
            return
        if self.number is None:
            self.add(E_NUMBER, _("thiếu dòng số và ký hiệu (“Số …”)"), self.header_stop - 0.5)
            return
        para = self.number
        # a header typed with tabs may hold the date after the number on the same line
        raw = para.text.split("\t")[0]
        text = norm(raw)
        order = para.index
        runs = para.runs_in(0, len(raw))
        self.style(E_NUMBER, quote(raw), runs, order, get(self.p, "header.number.size"))
        want_colon = bool(re.match(r"^\s*Số\s*:", fmt))
        has_colon = bool(re.match(r"^\s*Số\s*:", text))
        if has_colon and not want_colon:
            self.add(E_NUMBER, _("không có dấu hai chấm sau “Số” ({actual})", actual=quote(para.text)), order)
            text = re.sub(r"^\s*Số\s*:\s*", "Số ", text)
        elif want_colon and not has_colon:
            self.add(E_NUMBER, _("thiếu dấu hai chấm sau “Số” ({actual})", actual=quote(para.text)), order)
            text = re.sub(r"^\s*Số\s*", "Số: ", text)
        pattern = _format_regex(fmt)
        m = pattern.match(text)
        if m is None:
            example = fmt.replace("{so}", "<số>").replace("{loai}", "<loại>").replace("{ky_hieu}", "<ký hiệu>")
            example = example.replace("{don_vi}", "[-<đơn vị>]")
            self.add(
                E_NUMBER, _("{actual} không đúng mẫu “{expected}”", actual=quote(para.text), expected=example), order
            )
            return
        so = (m.groupdict().get("so") or "").strip()
        pad = get(self.p, "header.number.zero_pad")
        if so.isdigit() and pad and len(so) < int(pad):
            self.add(
                E_NUMBER,
                _("số {actual} cần có số 0 phía trước ({expected})", actual=so, expected=so.zfill(int(pad))),
                order,
            )

    def check_date(self) -> None:
        """Place and date line: leading zeros by the rule, italic and size."""
        conf = get(self.p, "header.date")
        if conf is None:
            return
        if self.date is None:
            self.add(E_DATE, _("thiếu dòng địa danh, ngày tháng năm"), self.header_stop - 0.5)
            return
        para = self.date
        order = para.index
        start, text = 0, para.text
        for segment in para.text.split("\t"):  # the date may follow the number after tabs
            if DATE_FIND_RE.search(segment):
                text = segment
                break
            start += len(segment) + 1
        runs = para.runs_in(start, start + len(text))
        self.style(E_DATE, quote(text, 60), runs, order, conf.get("size"), None, conf.get("italic"))
        m = DATE_RE.match(text.replace("\n", " "))
        if m is None:
            self.add(
                E_DATE,
                _("{actual} không đúng mẫu “<địa danh>, ngày DD tháng M năm YYYY”", actual=quote(text, 60)),
                order,
            )
            return
        day = re.sub(r"\s", "", m["d"])
        month = re.sub(r"\s", "", m["m"])
        year = re.sub(r"\s", "", m["y"])
        if day:
            if not 1 <= int(day) <= 31:
                self.add(E_DATE, _("ngày {actual} không hợp lệ", actual=day), order)
            elif len(day) < 2:
                self.add(
                    E_DATE,
                    _("ngày {actual} cần có số 0 phía trước ({expected})", actual=day, expected=day.zfill(2)),
                    order,
                )
            elif len(day) > 2:
                self.add(E_DATE, _("ngày {actual} không hợp lệ", actual=day), order)
        if month:
            value = int(month)
            if not 1 <= value <= 12:
                self.add(E_DATE, _("tháng {actual} không hợp lệ", actual=month), order)
            elif value <= 2 and month != f"{value:02d}":
                self.add(
                    E_DATE,
                    _("tháng {actual} cần có số 0 phía trước ({expected})", actual=month, expected=f"{value:02d}"),
                    order,
                )
            elif value >= 3 and month != str(value):
                self.add(
                    E_DATE,
                    _(
                        "tháng {actual}: tháng từ 3 đến 12 không viết số 0 phía trước ({expected})",
                        actual=month,
                        expected=value,
                    ),
                    order,
                )
        if year and len(year) != 4:
            self.add(E_DATE, _("năm {actual} không hợp lệ", actual=year), order)

    def check_subject(self) -> None:
        """Trích yếu under the number: size, italic/bold and the "V/v" prefix rule."""
        conf = get(self.p, "header.subject")
        if conf is None or self.number is None:
            return
        box = self.column(self.number)
        skip = {id(p) for _l, p in self.national if p is not None} | {id(self.date)}
        lines = [
            p
            for p in box[box.index(self.number) + 1 :]
            if p.index < self.header_stop and p.text.strip() and id(p) not in skip and not MARK_RE.match(p.text)
        ]
        if not lines:
            self.add(E_SUBJECT, _("thiếu trích yếu dưới số và ký hiệu"), self.number.index)
            return
        runs = [r for p in lines for r in p.text_runs()]
        order = lines[0].index
        self.style(E_SUBJECT, _("trích yếu"), runs, order, conf.get("size"), conf.get("bold"), conf.get("italic"))
        prefix = conf.get("prefix")
        first = norm(lines[0].text)
        if prefix is None:
            return
        if prefix.strip() == "":
            if re.match(r"^v/v\b", first, re.IGNORECASE):
                self.add(E_SUBJECT, _("không dùng “V/v” trước trích yếu"), order)
        elif not first.startswith(prefix.strip()):
            self.add(E_SUBJECT, _("trích yếu cần bắt đầu bằng “{prefix}”", prefix=prefix.strip()), order)

    def _list_items(self, start: Para, label: re.Pattern[str]) -> tuple[list[tuple[str, Para]], Para]:
        """Recipients after the label: the rest of its line, then the dash lines that follow.

        Dash lines are looked for in the same table when the label sits in a cell (label
        cell + recipients cell), else among the body-level paragraphs. Returns the items and
        the last paragraph used.
        """
        m = label.match(start.text)
        rest = start.text[m.end() :] if m else start.text
        items = [(line.strip(), start) for line in rest.split("\n") if line.strip()]
        if start.cell is not None:
            following = [p for p in self.main if p.index > start.index and p.top_table is start.top_table]
        else:
            following = [p for p in self.main if p.index > start.index and p.cell is None]
        last = start
        for para in following:
            if para.index >= self.body_end:
                break
            lines = [x.strip() for x in para.text.split("\n") if x.strip()]
            if not lines:
                continue
            if not DASH_RE.match(lines[0]):
                break
            items += [(x, para) for x in lines]
            last = para
        return items, last

    def _check_endings(self, element: str, items: list[tuple[str, Para]], sep: Any, end: Any) -> None:
        if len(items) < 2:
            return
        for i, (text, para) in enumerate(items):
            expected = end if i == len(items) - 1 else sep
            if expected is None:
                continue
            if not text.rstrip().endswith(expected):
                self.add(
                    element,
                    _("dòng {item} cần kết thúc bằng “{expected}”", item=quote(text), expected=expected),
                    para.index,
                )

    def check_recipients(self) -> Para | None:
        """Kính gửi: label, size, label style; with several recipients, their end punctuation."""
        conf = get(self.p, "recipients")
        if conf is None:
            return None
        if self.kinh_gui is None:
            self.add(E_RECIPIENTS, _("thiếu “{label}”", label=conf.get("label", "Kính gửi:")), self.header_stop)
            return None
        para = self.kinh_gui
        m = self.kg_re.match(para.text)
        if m is not None and conf.get("label", "").strip().endswith(":") and not m.group("colon"):
            self.add(E_RECIPIENTS, _("thiếu dấu hai chấm sau “Kính gửi”"), para.index)
        items, last = self._list_items(para, self.kg_re)
        paras = {id(p): p for p in [para] + [p for _t, p in items]}
        runs = [r for p in paras.values() for r in p.text_runs()]
        self.style(E_RECIPIENTS, _("“Kính gửi”"), runs, para.index, conf.get("size"))
        if m is not None:
            label_runs = para.runs_in(m.start(), m.end())
            self.style(
                E_RECIPIENTS, _("nhãn “Kính gửi:”"), label_runs, para.index, None, None, conf.get("label_italic")
            )
        dashed = [(t, p) for t, p in items if DASH_RE.match(t)]
        if len(dashed) >= 2:
            self._check_endings(E_RECIPIENTS, items, conf.get("separator"), conf.get("last"))
        return last

    def body_paragraphs(self, last_recipient: Para | None) -> list[Para]:
        """Body paragraphs: body level (not tables), between Kính gửi and the closing block."""
        start = last_recipient.index + 1 if last_recipient is not None else self.header_stop
        if last_recipient is not None and last_recipient.top_table is not None:
            start = max(p.index for p in self.main if p.top_table is last_recipient.top_table) + 1
        return [
            p
            for p in self.main
            if start <= p.index < self.body_end and p.cell is None and p.text.strip() and p.top_table is None
        ]

    def check_body(self, body: list[Para]) -> None:
        """Size, alignment, first-line indent, spacing and line spacing; one finding per property."""
        conf = get(self.p, "body")
        if conf is None or not body:
            return
        problems: dict[str, list[tuple[Para, Any]]] = {}

        def note(key: str, para: Para, actual: Any) -> None:
            problems.setdefault(key, []).append((para, actual))

        size = conf.get("size")
        align = conf.get("align")
        indent = conf.get("first_line_mm")
        after = conf.get("space_after_pt")
        exact = conf.get("line_exact_pt")
        multiple = conf.get("line_multiple")
        for para in body:
            pp = para.props
            if size is not None:
                sizes = [r.props.size for r in para.text_runs() if abs(r.props.size - float(size)) > 0.01]
                if sizes:
                    note("size", para, Counter(sizes).most_common(1)[0][0])
            if align is not None and pp.align not in ALIGN_VALUES.get(align, {align}):
                note("align", para, pp.align or "left")
            if indent is not None and abs(pp.first_line_mm - float(indent)) > 1.0:
                note("indent", para, pp.first_line_mm)
            if after is not None and max(pp.space_after_pt, pp.space_before_pt) + 0.01 < float(after):
                note("after", para, pp.space_after_pt)
            if exact is not None or multiple is not None:
                ok = False
                if exact is not None and pp.line_rule == "exact" and (pp.line or 0) + 0.01 >= float(exact):
                    ok = True
                if multiple is not None and pp.line_rule == "auto":
                    line = pp.line if pp.line is not None else 1.0
                    lo, hi = (multiple, multiple) if not isinstance(multiple, list) else (multiple[0], multiple[-1])
                    ok = ok or float(lo) - 0.01 <= line <= float(hi) + 0.01
                if not ok:
                    note("line", para, pp)

        def common(key: str) -> Any:
            return Counter(a for _p, a in problems[key]).most_common(1)[0][0]

        for key in ("size", "align", "indent", "after", "line"):
            if key not in problems:
                continue
            count = len(problems[key])
            order = problems[key][0][0].index
            if key == "size":
                msg = _(
                    "{count} đoạn cỡ chữ {actual} pt (cần {expected} pt)",
                    count=count,
                    actual=num(common(key)),
                    expected=num(size),
                )
            elif key == "align":
                msg = (
                    _("{count} đoạn không căn đều hai bên", count=count)
                    if align == "justify"
                    else _(
                        "{count} đoạn không căn lề {expected}", count=count, expected=align_names().get(align, align)
                    )
                )
            elif key == "indent":
                msg = _(
                    "{count} đoạn thụt đầu dòng {actual} mm (cần {expected} mm)",
                    count=count,
                    actual=num(problems[key][0][1]),
                    expected=num(indent),
                )
            elif key == "after":
                msg = _(
                    "{count} đoạn cách đoạn {actual} pt (cần ít nhất {expected} pt)",
                    count=count,
                    actual=num(problems[key][0][1]),
                    expected=num(after),
                )
            else:
                pp = problems[key][0][1]
                if pp.line_rule == "exact":
                    actual = _("chính xác {value} pt", value=num(pp.line or 0))
                elif pp.line_rule == "atLeast":
                    actual = _("ít nhất {value} pt", value=num(pp.line or 0))
                else:
                    actual = _("{value} dòng", value=num(pp.line if pp.line is not None else 1.0))
                wanted = []
                if exact is not None:
                    wanted.append(_("chính xác ít nhất {value} pt", value=num(exact)))
                if multiple is not None:
                    span = multiple if not isinstance(multiple, list) else "–".join(num(x) for x in multiple)
                    wanted.append(_("{value} dòng", value=span if isinstance(span, str) else num(span)))
                msg = _(
                    "{count} đoạn giãn dòng {actual} (cần {expected})",
                    count=count,
                    actual=actual,
                    expected=_(" hoặc ").join(wanted),
                )
            self.add(E_BODY, msg, order)

    def check_noi_nhan(self) -> None:
        """Nơi nhận label style, item size and end punctuation."""
        conf = get(self.p, "noi_nhan")
        if conf is None:
            return
        if self.noi_nhan is None:
            self.add(E_NOI_NHAN, _("thiếu “{label}”", label=conf.get("label", "Nơi nhận:")), self.body_end)
            return
        para = self.noi_nhan
        m = self.nn_re.match(para.text)
        label_end = m.start("colon") if m is not None else len(para.text)
        label_runs = para.runs_in(0, label_end)
        self.style(
            E_NOI_NHAN,
            _("nhãn “Nơi nhận:”"),
            label_runs,
            para.index,
            conf.get("label_size"),
            conf.get("label_bold"),
            conf.get("label_italic"),
            conf.get("label_underline"),
        )
        items, _last = self._list_items_closing(para)
        runs = [r for p in {id(p): p for _t, p in items}.values() for r in p.text_runs()]
        self.style(E_NOI_NHAN, _("các dòng nơi nhận"), runs, para.index + 0.5, conf.get("item_size"))
        self._check_endings(E_NOI_NHAN, items, conf.get("separator"), conf.get("last"))

    def _list_items_closing(self, para: Para) -> tuple[list[tuple[str, Para]], Para]:
        """Items under Nơi nhận: dash lines in the same cell (or following body paragraphs)."""
        box = self.container(para)
        items: list[tuple[str, Para]] = []
        rest = self.nn_re.sub("", para.text, count=1)
        for line in rest.split("\n"):
            if DASH_RE.match(line):
                items.append((line.strip(), para))
        last = para
        for p in box[box.index(para) + 1 :]:
            if p.index >= self.closing_end:
                break
            lines = [x.strip() for x in p.text.split("\n") if x.strip()]
            if not lines:
                continue
            if not DASH_RE.match(lines[0]):
                break
            items += [(x, p) for x in lines if DASH_RE.match(x)]
            last = p
        return items, last

    def check_signature(self) -> None:
        """Authority line form, forbidden combinations, and bold/size of authority, title, name."""
        conf = get(self.p, "signature")
        if conf is None:
            return
        lines = self._signature_lines()
        if not lines:
            self.add(E_SIGNATURE, _("thiếu phần chữ ký"), self.closing_end - 0.5)
            return
        forms = conf.get("forms") or []
        foreign = conf.get("foreign_forms") or []
        first = norm(lines[0].text)
        authority = None
        token = next((f for f in sorted(forms + foreign, key=len, reverse=True) if first.startswith(f)), None)
        if token is None:
            m = PREFIX_RE.match(first)
            token = m.group(1) if m else None
        if token is not None:
            authority = lines[0]
            if forms and token not in forms:
                self.add(
                    E_SIGNATURE,
                    _(
                        "“{actual}” không phải thể thức đề ký hợp lệ (dùng {expected})",
                        actual=token,
                        expected=", ".join(forms),
                    ),
                    authority.index,
                )
            for rule in conf.get("forbidden") or []:
                prefix = rule.get("prefix")
                if prefix and token == prefix:
                    for bad in rule.get("when_contains") or []:
                        if bad.casefold() in first.casefold():
                            self.add(
                                E_SIGNATURE,
                                _(
                                    "không dùng “{prefix}” khi ký thay mặt {body} ({actual})",
                                    prefix=prefix,
                                    body=bad,
                                    actual=quote(first),
                                ),
                                authority.index,
                            )
                            break
            a = conf.get("authority") or {}
            self.style(
                E_SIGNATURE, quote(authority.text), authority.text_runs(), authority.index, a.get("size"), a.get("bold")
            )
        rest = lines[1:] if authority is not None else lines
        name = None
        if len(rest) >= 2 or (rest and norm(rest[-1].text) != norm(rest[-1].text).upper()):
            name = rest[-1]
        titles = [p for p in rest if p is not name]
        t = conf.get("title") or {}
        for para in titles:
            self.style(E_SIGNATURE, quote(para.text), para.text_runs(), para.index, t.get("size"), t.get("bold"))
        if name is not None:
            n = conf.get("name") or {}
            self.style(E_SIGNATURE, quote(name.text), name.text_runs(), name.index, n.get("size"), n.get("bold"))

    def _signature_lines(self) -> list[Para]:
        """Non-empty lines of the signature block (the closing cell without Nơi nhận)."""
        skip_paren = re.compile(r"^\s*\(.*\)\s*$")
        region = [p for p in self.main if self.body_end <= p.index < self.closing_end]
        if self.closing_table is not None:
            region = [p for p in region if p.top_table is self.closing_table]
            nn_cell = self.noi_nhan.cell if self.noi_nhan is not None else None
            cells: dict[int, list[Para]] = {}
            for p in region:
                if p.cell is not None and p.cell is not nn_cell and p.text.strip():
                    cells.setdefault(id(p.cell), []).append(p)
            groups = list(cells.values())
            chosen = next((g for g in groups if self._is_authority(g[0])), groups[-1] if groups else [])
            return [p for p in chosen if not skip_paren.match(p.text)]
        if self.noi_nhan is not None:
            _items, last = self._list_items_closing(self.noi_nhan)
            region = [p for p in region if p.index > last.index]
        return [p for p in region if p.text.strip() and not skip_paren.match(p.text)]

    def _is_authority(self, para: Para) -> bool:
        text = norm(para.text)
        return any(text.startswith(f) for f in self.forms) or bool(PREFIX_RE.match(text))

    def check_page_numbers(self) -> None:
        """No number on page 1 (different first page); a centred PAGE field in the page header.

        Headers are inherited section to section as in Word, and the number may first
        appear in a later section (LibreOffice saves "different first page" as a one-page
        first section), so every section's effective headers are looked at.
        """
        conf = get(self.p, "page_number")
        if conf is None or not self.doc.sections:
            return

        def page_paras(story: list[Para] | None) -> list[Para]:
            return [p for p in story or [] if any(re.match(r"^\s*PAGE\b", f.strip()) for f in p.fields)]

        effective: list[dict[str, list[Para]]] = []
        for i, sec in enumerate(self.doc.sections):
            inherited = dict(effective[i - 1]) if i else {}
            inherited.update(sec.headers)
            effective.append(inherited)
        first_sec = self.doc.sections[0]
        page_one = effective[0].get("first") if first_sec.title_pg else effective[0].get("default")
        if conf.get("first_page") is False and page_paras(page_one):
            if first_sec.title_pg:
                message = _("số trang hiện ở trang đầu (trang 1 không đánh số)")
            else:
                message = _("số trang hiện ở trang đầu (cần đặt “trang đầu khác”, không đánh số trang 1)")
            self.add(E_PAGE_NUMBER, message, -1)
        numbered = [p for eff in effective for p in page_paras(eff.get("default"))]
        numbered += [
            p
            for sec, eff in zip(self.doc.sections[1:], effective[1:], strict=True)
            if sec.title_pg
            for p in page_paras(eff.get("first"))
        ]
        if not numbered:
            self.add(E_PAGE_NUMBER, _("thiếu số trang (trường PAGE) ở đầu trang"), -1)
            return
        para = numbered[0]
        align = conf.get("align")
        if align is not None:
            ok = para.props.align in ALIGN_VALUES.get(align, {align})
            if not ok and align == "center":
                ok = para.props.center_tab and para.text.startswith("\t") and not para.text.strip("\t").count("\t")
            if not ok:
                self.add(
                    E_PAGE_NUMBER, _("số trang không căn {expected}", expected=align_names().get(align, align)), -1
                )
        runs = [r for r in para.runs if r.text.strip() or r.has_field]
        visible = [replace(r, text="#") for r in runs]  # a field's cached result may be empty
        self.style(E_PAGE_NUMBER, _("số trang"), visible, -1, conf.get("size"))

    def check_footnotes(self) -> None:
        """Fake footnotes (superscript digits typed as text) and reference/footnote pairing."""
        for para in self.main:
            fake = None
            before = ""
            for run in para.runs:
                text = run.text.strip()
                raised = run.props.superscript and run.footnote_ref is None
                unit = text in ("2", "3") and UNIT_BEFORE_RE.search(before)
                if raised and FAKE_MARK_RE.match(text) and not unit:
                    fake = text
                    break
                for m in LITERAL_SUP_RE.finditer(run.text):
                    prefix = before + run.text[: m.start()]
                    if m.group() in ("²", "³") and UNIT_BEFORE_RE.search(prefix):
                        continue
                    fake = m.group()
                    break
                if fake:
                    break
                before += run.text
            if fake:
                self.add(
                    E_FOOTNOTE,
                    _("“{mark}” là chú thích giả (chữ số nâng lên); cần dùng chú thích thật của Word", mark=fake),
                    para.index,
                )
        notes = self.doc.footnotes or {}
        seen = set()
        for fid, idx in self.doc.footnote_refs:
            seen.add(fid)
            if fid not in notes:
                self.add(E_FOOTNOTE, _("tham chiếu chú thích {id} không có nội dung chú thích", id=fid), idx)
        for fid in notes:
            if fid not in seen:
                self.add(
                    E_FOOTNOTE,
                    _("chú thích {id} không được tham chiếu trong văn bản", id=fid),
                    len(self.doc.paragraphs),
                )
        size = get(self.p, "footnote.size")
        order = {fid: idx for fid, idx in self.doc.footnote_refs}
        for fid, story in notes.items():
            runs = [r for p in story for r in p.runs if r.footnote_ref is None and not r.props.superscript]
            self.style(E_FOOTNOTE, _("chú thích {id}", id=fid), runs, order.get(fid, len(self.doc.paragraphs)), size)

    def check_appendix(self) -> None:
        """Appendix heading on a new page or section, its numbering and its "(kèm theo …)" line."""
        conf = get(self.p, "appendix")
        if conf is None:
            return
        for head in self.appendices:
            order = head.index
            if not self._starts_page(head):
                self.add(
                    E_APPENDIX,
                    _("{what} phải bắt đầu ở trang mới (ngắt trang hoặc ngắt phần)", what=quote(head.text)),
                    order,
                )
            m = APPENDIX_RE.match(head.text)
            number = m.group("num") if m else None
            numbering = conf.get("numbering")
            if number and numbering == "arabic" and not number.isdigit():
                self.add(
                    E_APPENDIX, _("{what}: đánh số phụ lục bằng chữ số Ả Rập (1, 2, 3…)", what=quote(head.text)), order
                )
            elif number and numbering == "roman" and not ROMAN_RE.match(number.upper()):
                self.add(
                    E_APPENDIX,
                    _("{what}: đánh số phụ lục bằng chữ số La Mã (I, II, III…)", what=quote(head.text)),
                    order,
                )
            self.style(
                E_APPENDIX,
                quote(head.text),
                head.text_runs(),
                order,
                conf.get("heading_size"),
                conf.get("heading_bold"),
            )
            caption = None
            following = [p for p in self.main if p.index > head.index and p.text.strip()][:5]
            for p in following:
                if p.top_table is not None or APPENDIX_RE.match(p.text):
                    break
                if re.match(r"^\s*\(\s*kèm\s+theo\b", p.text, re.IGNORECASE):
                    caption = p
                    break
            if conf.get("caption") is not None and caption is None:
                self.add(E_APPENDIX, _("thiếu dòng “(kèm theo …)” dưới tên phụ lục"), order)
            if caption is not None:
                italic = True if conf.get("caption_italic") else None
                self.style(
                    E_APPENDIX,
                    _("dòng “(kèm theo …)”"),
                    caption.text_runs(),
                    caption.index,
                    conf.get("caption_size"),
                    None,
                    italic,
                )

    def _starts_page(self, head: Para) -> bool:
        if head.break_before_text or head.props.page_break_before:
            return True
        for para in reversed([p for p in self.doc.paragraphs if p.index < head.index]):
            if para.ends_section and para.cell is None and para.section_type not in ("continuous",):
                return True
            if para.break_after_text:
                return True
            if para.text.strip() or para.top_table is not None:
                return False
        return True

    def check_decimals(self, skip: set[int]) -> None:
        """Decimal points in numbers ("62.89%") where Vietnamese uses a comma."""
        paras = [p for p in self.main if p.index >= self.header_stop and p.index not in skip]
        for fid, story in (self.doc.footnotes or {}).items():
            ref = {f: i for f, i in self.doc.footnote_refs}.get(fid, len(self.doc.paragraphs))
            paras += [Para(ref, p.element, p.runs, p.props) for p in story]
        for para in paras:
            text = para.text
            heading = HEADING_NUMBER_RE.match(text)
            hits = [m for m in DECIMAL_RE.finditer(text) if not (heading and m.start() <= heading.end())]
            if hits:
                first = hits[0].group()
                self.add(
                    E_NUMBERS,
                    _(
                        "“{actual}”: số thập phân phải dùng dấu phẩy (“{expected}”)",
                        actual=first,
                        expected=first.replace(".", ","),
                    ),
                    para.index,
                )

    def run(self) -> list[Finding]:
        self.locate()
        self.check_page()
        self.check_page_numbers()
        self.check_fonts()
        self.check_national()
        self.check_issuer()
        self.check_number()
        self.check_date()
        self.check_subject()
        last = self.check_recipients()
        body = self.body_paragraphs(last)
        self.check_body(body)
        self.check_noi_nhan()
        self.check_signature()
        self.check_footnotes()
        self.check_appendix()
        closing = {p.index for p in self.main if self.closing_table is not None and p.top_table is self.closing_table}
        header = {p.index for p in self.main if p.top_table in self.header_tables and p.top_table is not None}
        self.check_decimals(closing | header)
        return sorted(self.findings, key=lambda f: f.order)


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


def check_document(doc: DocInfo, profile: dict[str, Any]) -> list[Finding]:
    """Apply every rule of ``profile`` to an already read document."""
    return _Checker(doc, profile).run()


def check_docx(path: Path, profile: dict[str, Any]) -> list[Finding]:
    """Check a Word file against a profile; an empty list means no problem was found."""
    return check_document(read_docx(Path(path)), profile)


def messages(findings: Iterable[Finding]) -> list[str]:
    """``element: message`` strings, in order."""
    return [str(f) for f in findings]
