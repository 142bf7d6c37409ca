"""Rules of Kính gửi and the body: recipients, paragraph layout, decimal commas."""

from __future__ import annotations

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
    Finding,
    Out,
    Profile,
    align_names,
    check_endings,
    get,
    num,
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
    out.style(E_RECIPIENTS, _("“Kính gửi”"), runs, para.index, conf.get("size"))
    if m is not None:
        label_runs = para.runs_in(m.start(), m.end())
        out.style(E_RECIPIENTS, _("nhãn “Kính gửi:”"), label_runs, para.index, None, None, conf.get("label_italic"))
    dashed = [(t, p) for t, p in items if DASH_RE.match(t)]
    if len(dashed) >= 2:
        check_endings(out, E_RECIPIENTS, items, conf.get("separator"), conf.get("last"))
    return out.findings


@rule("body.paragraphs", "body")
def check_body(lay: Layout, profile: Profile) -> list[Finding]:
    """Size, alignment, first-line indent, spacing and line spacing; one finding per property."""
    out = Out()
    conf = get(profile, "body")
    body = lay.body
    if conf is None or not body:
        return out.findings
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
                else _("{count} đoạn không căn lề {expected}", count=count, expected=align_names().get(align, align))
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
        out.add(E_BODY, msg, order)
    return out.findings


@rule("body.decimals", "body")
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
        text = para.text
        heading = HEADING_NUMBER_RE.match(text)
        hits = [m for m in DECIMAL_RE.finditer(text) if not (heading and m.start() <= heading.end())]
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
