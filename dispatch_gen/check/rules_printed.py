"""Rules on the printed pages (``check --ban-in``): what a clerk sees once LibreOffice has laid it out.

Each rule compares the words of the PDF (:mod:`dispatch_gen.check.printed`) with a text the Word
reader located (the date line, the number line, the issuing body's names, Nơi nhận and the
signer, the footnotes). Findings are ordinary :class:`~dispatch_gen.check.common.Finding`
objects with a stable rule id, a severity and the printed page they are on.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from dispatch_gen.check.common import (
    E_DATE,
    E_FOOTNOTE,
    E_ISSUER,
    E_NUMBER,
    E_SIGNATURE,
    Finding,
    Profile,
    get,
    quote,
    spec,
)
from dispatch_gen.check.locate import Layout
from dispatch_gen.check.printed import Page, Word, find, find_all, fold, rows_of, same_line, tokens
from dispatch_gen.i18n import N_, _
from dispatch_gen.input.profile_words import date_words

E_PRINTED = N_("bản in")
#: LibreOffice's default left and right cell margins together (1,9 mm each), in mm
CELL_MARGINS_MM = 3.8

# Two-syllable word groups of issuing-body and place names that a line must not split.
WORD_GROUPS = frozenset(
    tuple(pair.casefold().split())
    for pair in (
        "BAN CHẤP",
        "CHẤP HÀNH",
        "THƯỜNG VỤ",
        "TỔ CHỨC",
        "TUYÊN GIÁO",
        "DÂN VẬN",
        "KIỂM TRA",
        "VĂN PHÒNG",
        "ỦY BAN",
        "UỶ BAN",
        "NHÂN DÂN",
        "HỘI ĐỒNG",
        "MẶT TRẬN",
        "TỔ QUỐC",
        "VIỆT NAM",
        "CỘNG SẢN",
        "CỘNG HÒA",
        "XÃ HỘI",
        "CHỦ NGHĨA",
        "ĐẢNG BỘ",
        "ĐẢNG ỦY",
        "ĐẢNG UỶ",
        "HUYỆN ỦY",
        "HUYỆN UỶ",
        "TỈNH ỦY",
        "TỈNH UỶ",
        "THÀNH ỦY",
        "THÀNH UỶ",
        "THÀNH PHỐ",
        "THỊ XÃ",
        "THỊ TRẤN",
        "GIÁO DỤC",
        "ĐÀO TẠO",
        "Y TẾ",
        "TÀI CHÍNH",
        "KẾ HOẠCH",
        "ĐẦU TƯ",
        "NÔNG NGHIỆP",
        "PHÁT TRIỂN",
        "NÔNG THÔN",
        "TÀI NGUYÊN",
        "MÔI TRƯỜNG",
        "LAO ĐỘNG",
        "THƯƠNG BINH",
        "KHOA HỌC",
        "CÔNG NGHỆ",
        "THÔNG TIN",
        "TRUYỀN THÔNG",
        "VĂN HÓA",
        "VĂN HOÁ",
        "THỂ THAO",
        "DU LỊCH",
        "NỘI VỤ",
        "TƯ PHÁP",
        "THANH TRA",
        "CÔNG AN",
        "QUÂN SỰ",
        "CÔNG THƯƠNG",
        "XÂY DỰNG",
        "GIAO THÔNG",
        "VẬN TẢI",
        "CHÍNH TRỊ",
        "TRUNG TÂM",
        "TRUNG ƯƠNG",
        "HẢI PHÒNG",
        "HÀ NỘI",
        "ĐÀ NẴNG",
        "CẦN THƠ",
        "HỒ CHÍ",
        "CHÍ MINH",
        "QUẢNG NGÃI",
        "QUẢNG NAM",
        "QUẢNG NINH",
        "BÌNH SƠN",
        "BÌNH ĐỊNH",
        "THỪA THIÊN",
        "BÀ RỊA",
        "VŨNG TÀU",
        "PHÒNG BAN",
        "CƠ QUAN",
        "ĐOÀN THỂ",
        "THANH NIÊN",
        "PHỤ NỮ",
        "CỰU CHIẾN",
        "CHIẾN BINH",
        "NÔNG DÂN",
        "LIÊN ĐOÀN",
    )
)


@dataclass(frozen=True)
class PrintedRule:
    """One rule on the printed pages: its id, the element group it reports under, its severity."""

    id: str
    group: str
    severity: str
    func: Callable[[Sequence[Page], Layout, Profile], list[Finding]]
    doc: str


PRINTED_RULES: dict[str, PrintedRule] = {}


def printed_rule(
    rule_id: str, group: str, severity: str = "error"
) -> Callable[[Callable[..., list[Finding]]], Callable[..., list[Finding]]]:
    def register(func: Callable[..., list[Finding]]) -> Callable[..., list[Finding]]:
        if rule_id in PRINTED_RULES:
            raise ValueError(f"rule {rule_id!r} registered twice")
        PRINTED_RULES[rule_id] = PrintedRule(
            rule_id, group, severity, func, (func.__doc__ or "").strip().split("\n")[0]
        )
        return func

    return register


def judge_printed(pages: Sequence[Page], layout: Layout, profile: Profile) -> list[Finding]:
    """Every printed rule's findings, tagged with its id and severity, in page order."""
    found: list[Finding] = []
    for entry in PRINTED_RULES.values():
        for f in entry.func(pages, layout, profile):
            found.append(replace(f, rule=f.rule or entry.id, severity=f.severity or entry.severity))
    return sorted(found, key=lambda f: f.page)


def _words(pages: Sequence[Page]) -> list[Word]:
    return [w for p in pages for w in p.words]


def _finding(element: str, message: str, page: int, order: float = -1) -> Finding:
    return Finding(element, message, order, page=page)


@printed_rule("printed.blank-page", "page")
def check_blank_pages(pages: Sequence[Page], layout: Layout, profile: Profile) -> list[Finding]:
    """No printed page holds nothing but its number."""
    if not pages:
        return [_finding(E_PRINTED, _("bản in không có trang nào"), 0)]
    return [
        _finding(E_PRINTED, _("trang {page} trống (chỉ có số trang)", page=p.number), p.number)
        for p in pages
        if not p.content()
    ]


@printed_rule("printed.leftover", "body")
def check_leftovers(pages: Sequence[Page], layout: Layout, profile: Profile) -> list[Finding]:
    """No leftover template or markup sign ({{, {%, [^) is printed."""
    out: list[Finding] = []
    for p in pages:
        for w in p.words:
            sign = next((s for s in ("{{", "{%", "[^") if s in w.text), None)
            if sign is not None:
                message = _("trang {page} in ra “{sign}” còn sót: {text}", page=p.number, sign=sign, text=quote(w.text))
                out.append(_finding(E_PRINTED, message, p.number))
    return out


def _printed_as(pages: Sequence[Page], text: str, limit: int = 0) -> list[Word]:
    """The printed words of ``text`` (their first occurrence in the first ``limit`` pages), or []."""
    wanted = tokens(text)
    words = _words(pages[: limit or len(pages)])
    at = find(words, wanted)
    return words[at : at + len(wanted)] if at >= 0 and len(wanted) >= 2 else []


def _wrapped(element: str, what: str, printed: list[Word], order: float) -> Finding:
    lines = [" ".join(w.text for w in row) for row in rows_of(printed)]
    message = _(
        "{what} in ra thành {count} dòng ({lines}); cần nằm trên một dòng",
        what=what,
        count=len(lines),
        lines=" / ".join(lines),
    )
    return _finding(element, message, printed[0].page, order)


def natural_width(words: Sequence[Word]) -> float:
    """How wide ``words`` would print on one line: their widths and the spaces between them (points)."""
    rows = rows_of(words)
    gaps = [b.x0 - a.x1 for row in rows for a, b in itertools.pairwise(row)]
    space = sorted(gaps)[len(gaps) // 2] if gaps else 3.5
    return sum(row[-1].x1 - row[0].x0 for row in rows) + space * (len(rows) - 1)


def widest_right_column_pt(profile: Profile) -> float | None:
    """The widest the header's right column may be (the profile's bound), less its cell margins, in points."""
    found = spec(profile, "header.right_width_mm")
    if found is None:
        return None
    widest = found.high if found.high is not None else found.preferred
    return (float(widest) - CELL_MARGINS_MM) * 72 / 25.4


@printed_rule("printed.date-line", "header")
def check_date_line(pages: Sequence[Page], layout: Layout, profile: Profile) -> list[Finding]:
    """The place and date line is printed on one line (a place too long for any column: one break, after its comma)."""
    if layout.date is None:
        return []
    printed = _printed_as(pages, layout.date.text, 1)
    if not printed or same_line(printed):
        return []
    rows = rows_of(printed)
    room = widest_right_column_pt(profile)
    if room is not None and natural_width(printed) > room and len(rows) == 2:
        # no column the profile allows holds the whole line: the place on one line, the date on the next
        if rows[0][-1].text.endswith(",") and rows[1][0].key in {fold(w) for w in date_words(profile)}:
            return []
    return [_wrapped(E_DATE, _("dòng địa danh, ngày tháng"), printed, layout.date.index)]


@printed_rule("printed.number-line", "header")
def check_number_line(pages: Sequence[Page], layout: Layout, profile: Profile) -> list[Finding]:
    """The number and symbol line is printed on one line."""
    if layout.number is None:
        return []
    printed = _printed_as(pages, layout.number.text, 1)
    if not printed or same_line(printed):
        return []
    return [_wrapped(E_NUMBER, _("dòng số và ký hiệu"), printed, layout.number.index)]


def _header_names(layout: Layout) -> list[tuple[str, float]]:
    """The issuing body's name lines (the column of the number, above it), with their order."""
    if layout.number is None:
        return []
    names = []
    for p in layout.column(layout.number):
        if p.index >= layout.number.index:
            break
        text = " ".join(p.text.split())  # a name typed on two lines is still one name
        if len(tokens(text)) >= 2:
            names.append((text, float(p.index)))
    return names


@printed_rule("printed.header-wrap", "header")
def check_header_wrap(pages: Sequence[Page], layout: Layout, profile: Profile) -> list[Finding]:
    """A wrapped issuing-body name breaks between word groups and leaves no word alone on a line."""
    out: list[Finding] = []
    words = _words(pages[:1])
    for text, order in _header_names(layout):
        wanted = tokens(text)
        at = find(words, wanted)
        if at < 0:
            continue
        rows = rows_of(words[at : at + len(wanted)])
        if len(rows) < 2:
            continue
        shown = " / ".join(" ".join(w.text for w in row) for row in rows)
        ends = [(upper[-1], lower[0]) for upper, lower in itertools.pairwise(rows)]
        split = [(a.text, b.text) for a, b in ends if (a.key, b.key) in WORD_GROUPS]
        if split:
            message = _(
                "tên “{name}” xuống dòng giữa cụm từ “{group}” ({shown})",
                name=text.strip(),
                group=" ".join(split[0]),
                shown=shown,
            )
            out.append(_finding(E_ISSUER, message, 1, order))
        elif any(len(row) == 1 for row in rows):
            message = _(
                "tên “{name}” xuống dòng để một chữ đứng riêng một dòng ({shown})", name=text.strip(), shown=shown
            )
            out.append(_finding(E_ISSUER, message, 1, order))
    return out


def _signer_name(layout: Layout) -> tuple[str, float] | None:
    """The last line of the closing (the signer's name), and its order."""
    for p in reversed(layout.main):
        if p.index >= layout.closing_end or p.index < layout.body_end:
            continue
        lines = [x for x in p.text.split("\n") if x.strip()]
        if lines:
            return lines[-1], float(p.index)
    return None


@printed_rule("printed.signature", "closing")
def check_signature(pages: Sequence[Page], layout: Layout, profile: Profile) -> list[Finding]:
    """Nơi nhận and the signer are printed on one page, below text of the body on that page."""
    if layout.noi_nhan is None:
        return []
    label = tokens(get(profile, "noi_nhan.label") or "Nơi nhận:")
    signer = _signer_name(layout)
    words = _words(pages)
    at = find(words, label)
    if at < 0 or signer is None:
        return []
    nn = words[at]
    name_tokens = tokens(signer[0])
    after = find(words, name_tokens, at)
    starts = [after] if after >= 0 else find_all(words, name_tokens)[-1:]
    out: list[Finding] = []
    order = float(layout.noi_nhan.index)
    if starts:
        name = words[starts[0]]
        if name.page != nn.page:
            message = _(
                "khối nơi nhận và chữ ký bị tách trang: “{label}” ở trang {a}, tên người ký “{name}” ở trang {b}",
                label=" ".join(w.text for w in words[at : at + len(label)]),
                a=nn.page,
                b=name.page,
                name=signer[0].strip(),
            )
            out.append(_finding(E_SIGNATURE, message, name.page, signer[1]))
    page = pages[nn.page - 1]
    above = [row for row in page.content() if min(w.y1 for w in row) < nn.y0 - 1]
    if not above:
        message = _(
            "khối nơi nhận và chữ ký đứng một mình ở đầu trang {page}: đoạn cuối của nội dung cần ở cùng trang",
            page=nn.page,
        )
        out.append(_finding(E_SIGNATURE, message, nn.page, order))
    return out


@printed_rule("printed.footnote", "footnotes")
def check_footnotes(pages: Sequence[Page], layout: Layout, profile: Profile) -> list[Finding]:
    """Each footnote starts on the page of its reference."""
    doc = layout.doc
    if not doc.footnote_refs or not doc.footnotes:
        return []
    words = _words(pages)
    out: list[Finding] = []
    by_index = {p.index: p for p in doc.paragraphs}
    for number, (note_id, para_index) in enumerate(doc.footnote_refs, start=1):
        para = by_index.get(para_index)
        note = doc.footnotes.get(note_id) or []
        text = " ".join(p.text for p in note)
        if para is None or not tokens(text):
            continue
        ref_page = _reference_page(words, para, note_id, str(number))
        note_page = _note_page(words, tokens(text)[:6], str(number))
        if ref_page and note_page and ref_page != note_page:
            message = _(
                "chú thích {number} in ở trang {note}, còn dấu chú thích ở trang {ref}",
                number=number,
                note=note_page,
                ref=ref_page,
            )
            out.append(_finding(E_FOOTNOTE, message, note_page, float(para_index)))
    return out


def _reference_page(words: Sequence[Word], para: object, note_id: str, mark: str) -> int:
    """The page of the mark: the words before it in its paragraph, then the mark itself."""
    before = ""
    for run in getattr(para, "runs", []):
        if getattr(run, "footnote_ref", None) == note_id:
            break
        before += run.text
    wanted = tokens(before)[-3:]
    if not wanted:
        return 0
    for candidate in ([*wanted, mark], [*wanted[:-1], wanted[-1] + mark]):
        at = find(words, candidate)
        if at >= 0:
            return words[at + len(candidate) - 1].page
    return 0


def _note_page(words: Sequence[Word], wanted: list[str], mark: str) -> int:
    """The page where the footnote's text starts, next to its number."""
    for at in find_all(words, wanted):
        first = words[at]
        for w in words:
            if (
                w.page == first.page
                and w.text == mark
                and first.x0 - 24 <= w.x1 <= first.x0 + 1
                and same_line([w, first])
            ):
                return first.page
    return 0
