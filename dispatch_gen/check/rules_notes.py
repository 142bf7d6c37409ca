"""Rules of the footnotes and the appendices."""

from __future__ import annotations

import re

from dispatch_gen.check.common import (
    APPENDIX_RE,
    E_APPENDIX,
    E_FOOTNOTE,
    FAKE_MARK_RE,
    LITERAL_SUP_RE,
    ROMAN_RE,
    UNIT_BEFORE_RE,
    Finding,
    Out,
    Profile,
    get,
    quote,
    spec,
)
from dispatch_gen.check.locate import Layout
from dispatch_gen.check.reader import Para
from dispatch_gen.check.registry import rule
from dispatch_gen.i18n import _


@rule("footnotes.marks", "footnotes", appendix=True)
def check_footnotes(lay: Layout, profile: Profile) -> list[Finding]:
    """Fake footnotes (superscript digits typed as text) and reference/footnote pairing."""
    out = Out()
    for para in lay.main:
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
            out.add(
                E_FOOTNOTE,
                _("“{mark}” là chú thích giả (chữ số nâng lên); cần dùng chú thích thật của Word", mark=fake),
                para.index,
            )
    notes = lay.doc.footnotes or {}
    seen = set()
    for fid, idx in lay.doc.footnote_refs:
        seen.add(fid)
        if fid not in notes:
            out.add(E_FOOTNOTE, _("tham chiếu chú thích {id} không có nội dung chú thích", id=fid), idx)
    for fid in notes:
        if fid not in seen:
            out.add(
                E_FOOTNOTE,
                _("chú thích {id} không được tham chiếu trong văn bản", id=fid),
                len(lay.doc.paragraphs),
            )
    size = spec(profile, "footnote.size")
    order = {fid: idx for fid, idx in lay.doc.footnote_refs}
    for fid, story in notes.items():
        runs = [r for p in story for r in p.runs if r.footnote_ref is None and not r.props.superscript]
        out.style(E_FOOTNOTE, _("chú thích {id}", id=fid), runs, order.get(fid, len(lay.doc.paragraphs)), size)
    return out.findings


@rule("appendix.heading", "appendix", appendix=True)
def check_appendix(lay: Layout, profile: Profile) -> list[Finding]:
    """Appendix heading on a new page or section, its numbering and its "(kèm theo …)" line."""
    out = Out()
    conf = get(profile, "appendix")
    if conf is None:
        return out.findings
    for head in lay.appendices:
        order = head.index
        if not _starts_page(lay, head):
            out.add(
                E_APPENDIX,
                _("{what} phải bắt đầu ở trang mới (ngắt trang hoặc ngắt phần)", what=quote(head.text)),
                order,
            )
        m = APPENDIX_RE.match(head.text)
        number = m.group("num") if m else None
        numbering = conf.get("numbering")
        if number and numbering == "arabic" and not number.isdigit():
            out.add(E_APPENDIX, _("{what}: đánh số phụ lục bằng chữ số Ả Rập (1, 2, 3…)", what=quote(head.text)), order)
        elif number and numbering == "roman" and not ROMAN_RE.match(number.upper()):
            out.add(
                E_APPENDIX,
                _("{what}: đánh số phụ lục bằng chữ số La Mã (I, II, III…)", what=quote(head.text)),
                order,
            )
        out.style(
            E_APPENDIX,
            quote(head.text),
            head.text_runs(),
            order,
            spec(profile, "appendix.heading_size"),
            spec(profile, "appendix.heading_bold"),
        )
        caption = None
        following = [p for p in lay.main if p.index > head.index and p.text.strip()][:5]
        for p in following:
            if p.top_table is not None or APPENDIX_RE.match(p.text):
                break
            if re.match(r"^\s*\(\s*kèm\s+theo\b", p.text, re.IGNORECASE):
                caption = p
                break
        if conf.get("caption") is not None and caption is None:
            out.add(E_APPENDIX, _("thiếu dòng “(kèm theo …)” dưới tên phụ lục"), order)
        if caption is not None:
            italic = spec(profile, "appendix.caption_italic")
            out.style(
                E_APPENDIX,
                _("dòng “(kèm theo …)”"),
                caption.text_runs(),
                caption.index,
                spec(profile, "appendix.caption_size"),
                None,
                italic if italic is not None and italic.preferred else None,  # upright is never required
            )
    return out.findings


def _starts_page(lay: Layout, head: Para) -> bool:
    if head.break_before_text or head.props.page_break_before:
        return True
    for para in reversed([p for p in lay.doc.paragraphs if p.index < head.index]):
        if para.ends_section and para.cell is None and para.section_type not in ("continuous",):
            return True
        if para.break_after_text:
            return True
        if para.text.strip() or para.top_table is not None:
            return False
    return True
