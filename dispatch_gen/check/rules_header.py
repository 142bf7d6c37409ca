"""Rules of the header: national line, issuing body, number, date, subject."""

from __future__ import annotations

import re

from dispatch_gen.check.common import (
    DATE_FIND_RE,
    DATE_RE,
    E_DATE,
    E_ISSUER,
    E_NUMBER,
    E_SUBJECT,
    E_TITLE,
    Finding,
    Out,
    Profile,
    _format_regex,
    _is_caps,
    get,
    norm,
    num,
    quote,
    spec,
)
from dispatch_gen.check.locate import TYPED_RULE_RE, Layout
from dispatch_gen.check.reader import Para
from dispatch_gen.check.registry import rule
from dispatch_gen.i18n import _
from dispatch_gen.input.profile_words import is_mark, starts_body
from dispatch_gen.render import textwidth
from dispatch_gen.vn import fold

RULE_SLACK_MM = 2  # the trích yếu's width is estimated: a rule this much outside 1/3–1/2 is reported


@rule("header.national", "header")
def check_national(lay: Layout, profile: Profile) -> list[Finding]:
    """Tiêu đề / Quốc hiệu lines: present, spelled as in the profile, size and bold; rule under it."""
    out = Out()
    if not lay.national:
        return out.findings
    per_line = get(profile, "header.national.sizes") or []  # a size per line, or one for all
    bold = spec(profile, "header.national.bold")
    last: Para | None = None
    for i, (line, para) in enumerate(lay.national):
        if para is None:
            out.add(E_TITLE, _("thiếu dòng “{line}”", line=line), -0.5)
            continue
        last = para
        if not _same_spelling(para.text, line):
            out.add(E_TITLE, _("{actual} cần viết là “{expected}”", actual=quote(para.text), expected=line), para.index)
        size = (
            spec(profile, f"header.national.sizes[{min(i, len(per_line) - 1)}]")
            if per_line
            else spec(profile, "header.national.size")
        )
        out.style(E_TITLE, quote(line), para.text_runs(), para.index, size, bold)
    if last is None or get(profile, "header.national_rule_mm") is None:
        return out.findings
    check_rule(lay, out, last, E_TITLE, _("thiếu đường kẻ liền dưới dòng “{line}”", line=norm(last.text)))
    return out.findings


def _same_spelling(text: str, line: str) -> bool:
    """Spelled alike, capitals included; the old tone placement ("CỘNG HOÀ") is the same spelling.

    >>> _same_spelling("CỘNG HOÀ XÃ HỘI", "CỘNG HÒA XÃ HỘI"), _same_spelling("Cộng hòa", "CỘNG HÒA")
    (True, False)
    """
    a, b = norm(text), norm(line)
    return a == b or (fold(a) == fold(b) and [c.isupper() for c in a] == [c.isupper() for c in b])


def check_rule(lay: Layout, out: Out, para: Para, element: str, missing: str) -> None:
    """A solid rule right under ``para``: its bottom border, the next paragraph's border or a line shape."""
    box = lay.column(para)
    pos = box.index(para)
    nxt = box[pos + 1] if pos + 1 < len(box) else None
    styles = [para.props.border_bottom]
    same_cell = [p for p in box[pos + 1 :] if p.cell is para.cell and p.text.strip()]
    if para.cell_border_bottom and not same_cell:
        styles.append(para.cell_border_bottom)  # the rule drawn as the cell's bottom border
    if para.cell is None and para.col >= 0:  # a header laid out with tabs: the line under it
        after = [p for p in lay.main if p.index > para.index and p.cell is None][:1]
        nxt = after[0] if after and not after[0].text.strip() else nxt
    if nxt is not None:
        styles += [nxt.props.border_top, nxt.props.border_bottom]
    # a drawn line may be anchored anywhere in the title's cell
    near = [p for p in box if para.cell is not None and p.cell is para.cell] + [para]
    shapes = any(p.drawn_line for p in near) or (nxt is not None and nxt.drawn_line)
    found = [s for s in styles if s]
    if not found and not shapes:
        out.add(element, missing, para.index)
    elif found and not shapes and not any(s in ("single", "thick") for s in found):
        out.add(element, _("đường kẻ dưới {line} không phải nét liền", line=quote(para.text)), para.index)


def _all_bold(p: Para) -> bool:
    return all(r.props.bold for r in p.text_runs())


@rule("header.issuer", "header")
def check_issuer(lay: Layout, profile: Profile) -> list[Finding]:
    """Superior body, issuing body and the "*" mark above the number, in the same cell."""
    out = Out()
    if lay.number is None:
        return out.findings
    box = lay.column(lay.number)
    national = {id(p) for _l, p in lay.national if p is not None}
    above = [
        p
        for p in box[: box.index(lay.number)]
        if p.text.strip() and id(p) not in national and not is_mark(p.text, profile)
    ]
    if lay.number.cell is None:
        above = [p for p in above if p is not lay.date]
    mark = get(profile, "header.issuer_mark")
    mark_para = above[-1] if above and mark and norm(above[-1].text) == norm(mark) else None
    names = [p for p in above if p is not mark_para]
    if mark and mark_para is None:
        out.add(E_ISSUER, _("thiếu dấu “{mark}” dưới tên cơ quan ban hành", mark=mark), lay.number.index)
    if not names:
        out.add(E_ISSUER, _("thiếu tên cơ quan ban hành"), lay.number.index)
        return out.findings
    # a name broken over lines in one paragraph (the tool's balanced breaks, or a typed Shift+Enter)
    # is one name: the superior body is the first such block, the issuer the rest
    blocks: list[list[Para]] = []
    for p in names:
        last = blocks[-1][-1] if blocks else None
        same = last is not None and last.index == p.index and _all_bold(last) == _all_bold(p)
        # a bold line naming a body of its own starts one: the issuer under a superior wrongly in bold
        if same and not (_all_bold(p) and starts_body(norm(p.text), profile)):
            blocks[-1].append(p)
        else:
            blocks.append([p])
    roles = [("superior", p) for p in blocks[0]] if len(blocks) > 1 else []
    roles += [("issuer", p) for b in blocks[1 if len(blocks) > 1 else 0 :] for p in b]
    sup_bold, iss_bold = spec(profile, "header.superior.bold"), spec(profile, "header.issuer.bold")
    if (
        len(names) > 1
        and sup_bold is not None
        and iss_bold is not None
        and not sup_bold.preferred
        and iss_bold.preferred
        and all(r.props.bold for p in names for r in p.text_runs())
        and not any(starts_body(norm(p.text), profile) for p in names[1:])
    ):
        # every line bold ("ỦY BAN NHÂN DÂN" over "TỈNH LÀO CAI"): one issuer's long name on
        # several lines (N1 II.2.b), not a superior body wrongly in bold; but a line under it
        # that names a body of its own ("ĐẢNG ỦY XÃ …" under "ĐẢNG BỘ TỈNH …") is the issuer,
        # and the bold line above it a superior body wrongly in bold
        roles = [("issuer", p) for p in names]
    for role, para in roles:
        conf = get(profile, f"header.{role}") or {}
        runs = para.text_runs()
        if conf.get("caps") and not _is_caps(para.text, runs):
            out.add(E_ISSUER, _("{what}: cần viết in hoa", what=quote(para.text)), para.index)
        size, bold = spec(profile, f"header.{role}.size"), spec(profile, f"header.{role}.bold")
        out.style(E_ISSUER, quote(para.text), runs, para.index, size, bold)
    if get(profile, "header.issuer_rule_ratio") is not None or get(profile, "header.issuer_rule_mm") is not None:
        last = names[-1]
        check_rule(lay, out, last, E_ISSUER, _("thiếu đường kẻ dưới tên cơ quan ban hành"))
    return out.findings


@rule("header.number", "header")
def check_number(lay: Layout, profile: Profile) -> list[Finding]:
    """The "Số …" line against header.number.format: colon, zero padding, pattern, size."""
    out = Out()
    fmt = (lay.kind or {}).get("number_format") or get(profile, "header.number.format")
    if fmt is None:
        return out.findings
    if lay.number is None:
        out.add(E_NUMBER, _("thiếu dòng số và ký hiệu (“Số …”)"), lay.header_stop - 0.5)
        return out.findings
    para = lay.number
    # a header typed with tabs may hold the date after the number on the same line
    raw = para.text.split("\t")[0]
    text = norm(raw)
    order = para.index
    runs = para.runs_in(0, len(raw))
    out.style(E_NUMBER, quote(raw), runs, order, spec(profile, "header.number.size"))
    want_colon = bool(re.match(r"^\s*Số\s*:", fmt))
    has_colon = bool(re.match(r"^\s*Số\s*:", text))
    if has_colon and not want_colon:
        out.add(E_NUMBER, _("không có dấu hai chấm sau “Số” ({actual})", actual=quote(para.text)), order)
        text = re.sub(r"^\s*Số\s*:\s*", "Số ", text)
    elif want_colon and not has_colon:
        out.add(E_NUMBER, _("thiếu dấu hai chấm sau “Số” ({actual})", actual=quote(para.text)), order)
        text = re.sub(r"^\s*Số\s*", "Số: ", text)
    pattern = _format_regex(fmt)
    m = pattern.match(text)
    if m is None:
        example = fmt.replace("{so}", "<số>").replace("{loai}", "<loại>").replace("{ky_hieu}", "<ký hiệu>")
        example = example.replace("{don_vi}", "[-<đơn vị>]")
        out.add(E_NUMBER, _("{actual} không đúng mẫu “{expected}”", actual=quote(para.text), expected=example), order)
        return out.findings
    so = (m.groupdict().get("so") or "").strip()
    pad = get(profile, "header.number.zero_pad")
    if so.isdigit() and pad and len(so) < int(pad):
        out.add(
            E_NUMBER,
            _("số {actual} cần có số 0 phía trước ({expected})", actual=so, expected=so.zfill(int(pad))),
            order,
        )
    return out.findings


@rule("header.date", "header")
def check_date(lay: Layout, profile: Profile) -> list[Finding]:
    """Place and date line: leading zeros by the rule, italic and size."""
    out = Out()
    conf = get(profile, "header.date")
    if conf is None:
        return out.findings
    if lay.date is None:
        out.add(E_DATE, _("thiếu dòng địa danh, ngày tháng năm"), lay.header_stop - 0.5)
        return out.findings
    para = lay.date
    order = para.index
    start, text = 0, para.text
    for segment in para.text.split("\t"):  # the date may follow the number after tabs
        if DATE_FIND_RE.search(segment):
            text = segment
            break
        start += len(segment) + 1
    runs = para.runs_in(start, start + len(text))
    size, italic = spec(profile, "header.date.size"), spec(profile, "header.date.italic")
    out.style(E_DATE, quote(text, 60), runs, order, size, None, italic)
    m = DATE_RE.match(text.replace("\n", " "))
    if m is None:
        out.add(
            E_DATE,
            _("{actual} không đúng mẫu “<địa danh>, ngày DD tháng M năm YYYY”", actual=quote(text, 60)),
            order,
        )
        return out.findings
    day = re.sub(r"\s", "", m["d"])
    month = re.sub(r"\s", "", m["m"])
    year = re.sub(r"\s", "", m["y"])
    if day:
        if not 1 <= int(day) <= 31:
            out.add(E_DATE, _("ngày {actual} không hợp lệ", actual=day), order)
        elif len(day) < 2:
            out.add(
                E_DATE,
                _("ngày {actual} cần có số 0 phía trước ({expected})", actual=day, expected=day.zfill(2)),
                order,
            )
        elif len(day) > 2:
            out.add(E_DATE, _("ngày {actual} không hợp lệ", actual=day), order)
    if month:
        value = int(month)
        if not 1 <= value <= 12:
            out.add(E_DATE, _("tháng {actual} không hợp lệ", actual=month), order)
        elif value <= 2 and month != f"{value:02d}":
            out.add(
                E_DATE,
                _("tháng {actual} cần có số 0 phía trước ({expected})", actual=month, expected=f"{value:02d}"),
                order,
            )
        elif value >= 3 and month != str(value):
            out.add(
                E_DATE,
                _(
                    "tháng {actual}: tháng từ 3 đến 12 không viết số 0 phía trước ({expected})",
                    actual=month,
                    expected=value,
                ),
                order,
            )
    if year and len(year) != 4:
        out.add(E_DATE, _("năm {actual} không hợp lệ", actual=year), order)
    return out.findings


@rule("header.subject", "header")
def check_subject(lay: Layout, profile: Profile) -> list[Finding]:
    """Trích yếu under the number: size, italic/bold and the "V/v" prefix rule."""
    out = Out()
    conf = get(profile, "header.subject")
    if conf is None or lay.number is None:
        return out.findings
    if lay.kind is not None and lay.kind.get("title"):
        return check_title(lay, profile)
    box = lay.column(lay.number)
    skip = {id(p) for _l, p in lay.national if p is not None} | {id(lay.date)}
    lines = [
        p
        for p in box[box.index(lay.number) + 1 :]
        if p.index < lay.header_stop and p.text.strip() and id(p) not in skip and not is_mark(p.text, profile)
    ]
    if not lines:
        out.add(E_SUBJECT, _("thiếu trích yếu dưới số và ký hiệu"), lay.number.index)
        return out.findings
    runs = [r for p in lines for r in p.text_runs()]
    order = lines[0].index
    size, bold, italic = (spec(profile, f"header.subject.{key}") for key in ("size", "bold", "italic"))
    out.style(E_SUBJECT, _("trích yếu"), runs, order, size, bold, italic)
    prefix = conf.get("prefix")
    first = norm(lines[0].text)
    if prefix is None:
        return out.findings
    if prefix.strip() == "":
        if re.match(r"^v/v\b", first, re.IGNORECASE):
            out.add(E_SUBJECT, _("không dùng “V/v” trước trích yếu"), order)
    elif not first.startswith(prefix.strip()):
        out.add(E_SUBJECT, _("trích yếu cần bắt đầu bằng “{prefix}”", prefix=prefix.strip()), order)
    return out.findings


def check_title(lay: Layout, profile: Profile) -> list[Finding]:
    """The title block of a kind that has one: its name in capitals, the trích yếu, centred, sized."""
    out = Out()
    kind, tb = lay.kind or {}, get(profile, "title_block") or {}
    name = str(kind.get("name", "")).upper()
    if not lay.title:
        out.add(E_SUBJECT, _("thiếu tên loại “{name}” và trích yếu dưới phần đầu", name=name), lay.header_stop - 0.5)
        return out.findings
    head, rest = lay.title[0], [p for p in lay.title[1:] if norm(p.text) != norm(tb.get("rule_text") or "\0")]
    typed_rule = bool(rest) and TYPED_RULE_RE.match(rest[-1].text) is not None
    rest = rest[:-1] if typed_rule else rest  # a rule typed as underscores under the trích yếu
    out.style(
        E_SUBJECT,
        _("tên loại “{name}”", name=name),
        head.text_runs(),
        head.index,
        spec(profile, "title_block.name_size"),
        tb.get("name_bold"),
    )
    if not rest:
        out.add(E_SUBJECT, _("thiếu trích yếu dưới tên loại “{name}”", name=name), head.index)
    else:
        runs = [r for p in rest for r in p.text_runs()]
        out.style(
            E_SUBJECT,
            _("trích yếu"),
            runs,
            rest[0].index,
            spec(profile, "title_block.subject_size"),
            tb.get("subject_bold"),
            tb.get("subject_italic"),
        )
    off = [p for p in lay.title if p.props.align != "center" and not TYPED_RULE_RE.match(p.text)]
    if off:
        out.add(E_SUBJECT, _("tên loại và trích yếu cần căn giữa"), off[0].index)
    if tb.get("rule_text") and norm(lay.title[-1].text) != norm(tb["rule_text"]):
        out.add(E_SUBJECT, _("thiếu dòng “{rule}” dưới trích yếu", rule=tb["rule_text"]), lay.title[-1].index)
    if tb.get("rule_ratio") and rest and not typed_rule:  # a typed rule: there, its length not measured
        _check_title_rule(lay, out, rest, profile)
    return out.findings


def _check_title_rule(lay: Layout, out: Out, subject: list[Para], profile: Profile) -> None:
    """The solid rule under a state trích yếu, 1/3–1/2 of its line's length (N1 II.5.b)."""
    last = subject[-1]
    after = [p for p in lay.main if p.index > last.index and p.cell is None][:3]
    notes = []
    while after and after[0].text.lstrip().startswith("("):  # "(Ban hành kèm theo …)" under the trích yếu
        notes.append(after.pop(0))
    rule_para = after[0] if after and not after[0].text.strip() else None
    drawn = any(p.drawn_line for p in [last, *notes]) or (rule_para is not None and rule_para.drawn_line)
    border = last.props.border_bottom
    if rule_para is not None:
        border = border or rule_para.props.border_bottom or rule_para.props.border_top
    if not border and not drawn:
        out.add(E_SUBJECT, _("thiếu đường kẻ liền dưới trích yếu"), last.index)
        return
    sec = lay.doc.sections[0] if lay.doc.sections else None
    if rule_para is None or not border or sec is None or sec.width_mm is None:
        return  # a drawn line, or a border under the text itself: its length is not measured here
    box = sec.width_mm - (sec.margins_mm.get("left") or 0) - (sec.margins_mm.get("right") or 0)
    length = box - rule_para.props.left_mm - rule_para.props.right_mm
    runs = [r for p in subject for r in p.text_runs()]
    size = runs[0].props.size if runs else 14
    bold = bool(runs and runs[0].props.bold)
    text = textwidth.wrapped_width_mm(" ".join(norm(p.text) for p in subject), size, bold, box)
    low, high = text / 3 - RULE_SLACK_MM, text / 2 + RULE_SLACK_MM
    if not low <= length <= high:
        out.add(
            E_SUBJECT,
            _(
                "đường kẻ dưới trích yếu dài {actual} mm, cần 1/3–1/2 dòng trích yếu (khoảng {low}–{high} mm)",
                actual=num(length),
                low=num(text / 3),
                high=num(text / 2),
            ),
            rule_para.index,
            "warning",  # the text's width is estimated from the font's metrics
        )
