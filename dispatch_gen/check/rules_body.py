"""Rules of Kính gửi and the body: recipients, paragraph layout, decimal commas."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from dispatch_gen.check.common import (
    ALIGN_VALUES,
    DASH_RE,
    DECIMAL_RE,
    E_BODY,
    E_NUMBERS,
    E_RECIPIENTS,
    HEADING_NUMBER_RE,
    REFERENCE_BEFORE_RE,
    ROW_NUMBER_RE,
    Finding,
    Out,
    Profile,
    Spec,
    align_names,
    check_endings,
    get,
    num,
    spec,
)
from dispatch_gen.check.locate import Layout
from dispatch_gen.check.reader import Para
from dispatch_gen.check.registry import rule
from dispatch_gen.i18n import _


@rule("recipients.kinh-gui", "recipients")
def check_recipients(lay: Layout, profile: Profile) -> list[Finding]:
    """Kính gửi: label, size, label style; with several recipients, their end punctuation."""
    out = Out()
    conf = get(profile, "recipients")
    if conf is None:
        return out.findings
    if lay.kinh_gui is None:
        if lay.kind is None or lay.kind.get("addressee") == "bat_buoc":  # a Báo cáo, a Kết luận: none
            out.add(E_RECIPIENTS, _("thiếu “{label}”", label=conf.get("label", "Kính gửi:")), lay.header_stop)
        return out.findings
    para = lay.kinh_gui
    m = lay.kg_re.match(para.text)
    if m is not None and conf.get("label", "").strip().endswith(":") and not m.group("colon"):
        out.add(E_RECIPIENTS, _("thiếu dấu hai chấm sau “Kính gửi”"), para.index)
    items = list(lay.recipients)
    paras = {id(p): p for p in [para] + [p for _t, p in items]}
    runs = [r for p in paras.values() for r in p.text_runs()]
    out.style(E_RECIPIENTS, _("“Kính gửi”"), runs, para.index, spec(profile, "recipients.size"))
    if m is not None:
        label_runs = para.runs_in(m.start(), m.end())
        italic = spec(profile, "recipients.label_italic")
        out.style(E_RECIPIENTS, _("nhãn “Kính gửi:”"), label_runs, para.index, None, None, italic)
    dashed = [(t, p) for t, p in items if DASH_RE.match(t)]
    if len(dashed) >= 2:
        check_endings(out, E_RECIPIENTS, items, conf.get("separator"), conf.get("last"))
    return out.findings


#: a single line of Times New Roman, in em (ascent, descent and line gap): reads an "exactly"
#: spacing in lines, and a spacing in lines in points
SINGLE_LINE_EM = 1.15
#: a centred line that is a heading, not body text ("Phần I", "Chương II", "Mục 1", a caps title)
HEADING_LINE_RE = re.compile(r"^\s*(?:Phần|Chương|Mục|Tiểu mục)\s+\S+", re.IGNORECASE)


def _is_heading(para: Para) -> bool:
    text = para.text.strip()
    centred = para.props.align in ALIGN_VALUES["center"]
    return centred and (bool(HEADING_LINE_RE.match(text)) or (text == text.upper() and len(text) <= 200))


def _line_ok(pp: Any, size: float, exact: Spec | None, multiple: Spec | None) -> str | None:
    """None when the line spacing is allowed, else the severity of its finding.

    ``exact``: a least spacing in points set "Exactly" (HD 36); a spacing in lines or "at
    least" that is as tall is only a warning. ``multiple``: a spacing in lines (NĐ 30: from
    single to 1,5), an "exactly" spacing read in lines of the paragraph's size.
    """
    line = pp.line if pp.line is not None else (1.0 if pp.line_rule in (None, "auto") else 0.0)
    em = SINGLE_LINE_EM * (size or 14)
    height = line * em if pp.line_rule in (None, "auto") else line
    severity = "error"
    if exact is not None:
        if pp.line_rule == "exact" and exact.accepts(line):
            return None
        if exact.accepts(height):
            severity = "warning"
    if multiple is not None:
        lines = line if pp.line_rule in (None, "auto") else height / em
        if multiple.accepts(lines, 0.05):
            return None
    return severity


@rule("body.paragraphs", "body")
def check_body(lay: Layout, profile: Profile) -> list[Finding]:
    """Size, alignment, first-line indent, spacing and line spacing; one finding per property."""
    out = Out()
    conf = get(profile, "body")
    body = lay.body
    if conf is None or not body:
        return out.findings
    problems: dict[str, list[tuple[Para, Any, str]]] = {}

    def note(key: str, para: Para, actual: Any, severity: str) -> None:
        problems.setdefault(key, []).append((para, actual, severity))

    size, indent, after = (spec(profile, f"body.{k}") for k in ("size", "first_line_mm", "space_after_pt"))
    exact, multiple = spec(profile, "body.line_exact_pt"), spec(profile, "body.line_multiple")
    align = conf.get("align")
    for para in body:
        pp = para.props
        sizes = [r.props.size for r in para.text_runs()]
        if size is not None:
            wrong = [x for x in sizes if not size.accepts(x)]
            if wrong:
                note("size", para, Counter(wrong).most_common(1)[0][0], size.severity)
        heading = _is_heading(para)
        if align is not None and not heading and pp.align not in ALIGN_VALUES.get(align, {align}):
            note("align", para, pp.align or "left", "")
        if indent is not None and not heading and not indent.accepts(pp.first_line_mm, 1.0):
            note("indent", para, pp.first_line_mm, indent.severity)
        if after is not None and not after.accepts(max(pp.space_after_pt, pp.space_before_pt)):
            note("after", para, pp.space_after_pt, after.severity)
        if exact is not None or multiple is not None:
            main_size = Counter(sizes).most_common(1)[0][0] if sizes else 14.0
            line_fault = _line_ok(pp, main_size, exact, multiple)
            if line_fault is not None:
                note("line", para, pp, line_fault)

    def common(key: str) -> Any:
        return Counter(a for _p, a, _s in problems[key]).most_common(1)[0][0]

    for key in ("size", "align", "indent", "after", "line"):
        if key not in problems:
            continue
        count = len(problems[key])
        order = problems[key][0][0].index
        severity = "" if any(s in ("", "error") for _p, _a, s in problems[key]) else "warning"
        if key == "size" and size is not None:
            msg = _(
                "{count} đoạn cỡ chữ {actual} pt (cần {expected} pt)",
                count=count,
                actual=num(common(key)),
                expected=size.text(),
            )
        elif key == "align":
            msg = (
                _("{count} đoạn không căn đều hai bên", count=count)
                if align == "justify"
                else _("{count} đoạn không căn lề {expected}", count=count, expected=align_names().get(align, align))
            )
        elif key == "indent" and indent is not None:
            msg = _(
                "{count} đoạn thụt đầu dòng {actual} mm (cần {expected} mm)",
                count=count,
                actual=num(problems[key][0][1]),
                expected=indent.text(),
            )
        elif key == "after" and after is not None:
            msg = _(
                "{count} đoạn cách đoạn {actual} pt (cần {expected} pt)",
                count=count,
                actual=num(problems[key][0][1]),
                expected=after.text(),
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
                wanted.append(_("chính xác {value} pt", value=exact.text()))
            if multiple is not None:
                wanted.append(_("{value} dòng", value=multiple.text()))
            msg = _(
                "{count} đoạn giãn dòng {actual} (cần {expected})",
                count=count,
                actual=actual,
                expected=_(" hoặc ").join(wanted),
            )
        out.add(E_BODY, msg, order, severity)
    return out.findings


@rule("body.decimals", "body", appendix=True)
def check_decimals(lay: Layout, profile: Profile) -> list[Finding]:
    """Decimal points in numbers ("62.89%") where Vietnamese uses a comma."""
    out = Out()
    closing = {p.index for p in lay.main if lay.closing_table is not None and p.top_table is lay.closing_table}
    header = {p.index for p in lay.main if p.top_table in lay.header_tables and p.top_table is not None}
    skip = closing | header
    paras = [p for p in lay.main if p.index >= lay.header_stop and p.index not in skip]
    for fid, story in (lay.doc.footnotes or {}).items():
        ref = {f: i for f, i in lay.doc.footnote_refs}.get(fid, len(lay.doc.paragraphs))
        paras += [Para(ref, p.element, p.runs, p.props) for p in story]
    for para in paras:
        hits = []
        for text in para.text.split("\n"):
            if para.cell is not None and para.col == 0 and ROW_NUMBER_RE.match(text):
                continue  # a row number ("1.1") in a table's first column
            heading = HEADING_NUMBER_RE.match(text)
            for m in DECIMAL_RE.finditer(text):
                if heading and m.start() <= heading.end():
                    continue
                if REFERENCE_BEFORE_RE.search(text[: m.start()]):
                    continue
                hits.append(m)
        if hits:
            first = hits[0].group()
            out.add(
                E_NUMBERS,
                _(
                    "“{actual}”: số thập phân phải dùng dấu phẩy (“{expected}”)",
                    actual=first,
                    expected=first.replace(".", ","),
                ),
                para.index,
            )
    return out.findings
