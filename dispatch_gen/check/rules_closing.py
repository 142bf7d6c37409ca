"""Rules of the closing block: Nơi nhận and the signature."""

from __future__ import annotations

import re

from dispatch_gen.check.common import (
    DASH_RE,
    E_NOI_NHAN,
    E_SIGNATURE,
    PREFIX_RE,
    Finding,
    Out,
    Profile,
    check_endings,
    get,
    norm,
    quote,
    spec,
)
from dispatch_gen.check.lines import split_breaks
from dispatch_gen.check.locate import Layout
from dispatch_gen.check.reader import Para
from dispatch_gen.check.registry import rule
from dispatch_gen.i18n import _


@rule("closing.noi-nhan", "closing")
def check_noi_nhan(lay: Layout, profile: Profile) -> list[Finding]:
    """Nơi nhận label style, item size and end punctuation."""
    out = Out()
    conf = get(profile, "noi_nhan")
    if conf is None:
        return out.findings
    if lay.noi_nhan is None:
        out.add(E_NOI_NHAN, _("thiếu “{label}”", label=conf.get("label", "Nơi nhận:")), lay.body_end)
        return out.findings
    para = lay.noi_nhan
    m = lay.nn_re.match(para.text)
    label_end = m.start("colon") if m is not None else len(para.text)
    label_runs = para.runs_in(0, label_end)
    out.style(
        E_NOI_NHAN,
        _("nhãn “Nơi nhận:”"),
        label_runs,
        para.index,
        *(spec(profile, f"noi_nhan.label_{key}") for key in ("size", "bold", "italic", "underline")),
    )
    items, _last = _list_items_closing(lay, para)
    runs = []
    for p in {id(p): p for _t, p in items}.values():
        # items written in the label's own paragraph, after a line break: only their runs
        runs += p.runs_in(m.end() if m is not None else 0, len(p.text)) if p is para else p.text_runs()
    out.style(E_NOI_NHAN, _("các dòng nơi nhận"), runs, para.index + 0.5, spec(profile, "noi_nhan.item_size"))
    check_endings(out, E_NOI_NHAN, items, conf.get("separator"), conf.get("last"))
    return out.findings


def _list_items_closing(lay: Layout, para: Para) -> tuple[list[tuple[str, Para]], Para]:
    """Items under Nơi nhận: dash lines in the same cell (or following body paragraphs)."""
    box = lay.container(para)
    items: list[tuple[str, Para]] = []
    rest = lay.nn_re.sub("", para.text, count=1)
    for line in rest.split("\n"):
        if DASH_RE.match(line):
            items.append((line.strip(), para))
    last = para
    for p in box[box.index(para) + 1 :]:
        if p.index >= lay.closing_end:
            break
        lines = [x.strip() for x in p.text.split("\n") if x.strip()]
        if not lines:
            continue
        if not DASH_RE.match(lines[0]):
            break
        items += [(x, p) for x in lines if DASH_RE.match(x)]
        last = p
    return items, last


@rule("closing.signature", "closing")
def check_signature(lay: Layout, profile: Profile) -> list[Finding]:
    """Authority line form, forbidden combinations, and bold/size of authority, title, name."""
    out = Out()
    conf = get(profile, "signature")
    if conf is None:
        return out.findings
    lines = _signature_lines(lay)
    if not lines:
        out.add(E_SIGNATURE, _("thiếu phần chữ ký"), lay.closing_end - 0.5)
        return out.findings
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
            out.add(
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
                        out.add(
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
        size, bold = spec(profile, "signature.authority.size"), spec(profile, "signature.authority.bold")
        out.style(E_SIGNATURE, quote(authority.text), authority.text_runs(), authority.index, size, bold)
    rest = lines[1:] if authority is not None else lines
    name = None
    if len(rest) >= 2 or (rest and norm(rest[-1].text) != norm(rest[-1].text).upper()):
        name = rest[-1]
    titles = [p for p in rest if p is not name]
    size, bold = spec(profile, "signature.title.size"), spec(profile, "signature.title.bold")
    for para in titles:
        out.style(E_SIGNATURE, quote(para.text), para.text_runs(), para.index, size, bold)
    if name is not None:
        size, bold = spec(profile, "signature.name.size"), spec(profile, "signature.name.bold")
        out.style(E_SIGNATURE, quote(name.text), name.text_runs(), name.index, size, bold)
    return out.findings


def _signature_lines(lay: Layout) -> list[Para]:
    """Non-empty lines of the signature block (the closing cell without Nơi nhận)."""
    skip_paren = re.compile(r"^\s*\(.*\)\s*$")
    region = [p for p in lay.main if lay.body_end <= p.index < lay.closing_end]
    if lay.closing_table is not None:
        region = [p for p in region if p.top_table is lay.closing_table]
        nn_cell = lay.noi_nhan.cell if lay.noi_nhan is not None else None
        cells: dict[int, list[Para]] = {}
        for p in region:
            if p.cell is not None and p.cell is not nn_cell and p.text.strip():
                cells.setdefault(id(p.cell), []).append(p)
        groups = list(cells.values())
        chosen = next((g for g in groups if _is_authority(lay, g[0])), groups[-1] if groups else [])
        # "T/M BAN THƯỜNG VỤ<br/>PHÓ BÍ THƯ" in one paragraph: two lines
        return [q for p in chosen for q in split_breaks(p) if not skip_paren.match(q.text)]
    if lay.noi_nhan is not None:
        _items, last = _list_items_closing(lay, lay.noi_nhan)
        region = [p for p in region if p.index > last.index]
    lines = [q for p in region if p.text.strip() for q in split_breaks(p)]
    return [q for q in lines if not skip_paren.match(q.text)]


def _is_authority(lay: Layout, para: Para) -> bool:
    text = norm(para.text)
    return any(text.startswith(f) for f in lay.forms) or bool(PREFIX_RE.match(text))
