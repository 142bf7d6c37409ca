"""Rules of the page: paper size and margins, page numbers, the font."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from dispatch_gen.check.common import (
    ALIGN_VALUES,
    E_FONT,
    E_MARGIN,
    E_PAGE_NUMBER,
    E_PAPER,
    Finding,
    Out,
    Profile,
    align_names,
    get,
    norm,
    num,
    spec,
)
from dispatch_gen.check.docmodel import Para, Run
from dispatch_gen.check.locate import Layout
from dispatch_gen.check.registry import rule
from dispatch_gen.i18n import _


@rule("page.size-margins", "page", appendix=True)
def check_page(lay: Layout, profile: Profile) -> list[Finding]:
    """Paper size and margins of the first section."""
    out = Out()
    if not lay.doc.sections:
        return out.findings
    sec = lay.doc.sections[0]
    tol = float(get(profile, "page.tolerance_mm") or 0.5)
    names = {"top": _("trên"), "bottom": _("dưới"), "left": _("trái"), "right": _("phải")}
    width, height = get(profile, "page.width_mm"), get(profile, "page.height_mm")
    aw, ah = sec.width_mm, sec.height_mm
    if (
        width is not None
        and height is not None
        and aw is not None
        and ah is not None
        and (abs(aw - width) > tol or abs(ah - height) > tol)
    ):
        out.add(
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
        expected = spec(profile, f"page.{side}_mm")
        actual = sec.margins_mm.get(side)
        if expected is None:
            continue
        if actual is None or not expected.accepts(actual, tol):
            out.add(
                E_MARGIN,
                _(
                    "lề {side} {actual} mm (cần {expected} mm)",
                    side=name,
                    actual=num(actual) if actual is not None else "?",
                    expected=expected.text(),
                ),
                -3,
                expected.severity,
            )
    return out.findings


@rule("page.number", "page")
def check_page_numbers(lay: Layout, profile: Profile) -> list[Finding]:
    """No number on page 1 (different first page); a centred PAGE field in the page header.

    Headers are inherited section to section as in Word, and the number may first
    appear in a later section (LibreOffice saves "different first page" as a one-page
    first section), so every section's effective headers are looked at.
    """
    out = Out()
    conf = get(profile, "page_number")
    if conf is None or not lay.doc.sections:
        return out.findings

    def page_paras(story: list[Para] | None) -> list[Para]:
        return [p for p in story or [] if any(re.match(r"^\s*PAGE\b", f.strip()) for f in p.fields)]

    effective: list[dict[str, list[Para]]] = []
    for i, sec in enumerate(lay.doc.sections):
        inherited = dict(effective[i - 1]) if i else {}
        inherited.update(sec.headers)
        effective.append(inherited)
    first_sec = lay.doc.sections[0]
    page_one = effective[0].get("first") if first_sec.title_pg else effective[0].get("default")
    if conf.get("first_page") is False and page_paras(page_one):
        if first_sec.title_pg:
            message = _("số trang hiện ở trang đầu (trang 1 không đánh số)")
        else:
            message = _("số trang hiện ở trang đầu (cần đặt “trang đầu khác”, không đánh số trang 1)")
        out.add(E_PAGE_NUMBER, message, -1)
    numbered = [p for eff in effective for p in page_paras(eff.get("default"))]
    numbered += [
        p
        for sec, eff in zip(lay.doc.sections[1:], effective[1:], strict=True)
        if sec.title_pg
        for p in page_paras(eff.get("first"))
    ]
    if not numbered:
        out.add(E_PAGE_NUMBER, _("thiếu số trang (trường PAGE) ở đầu trang"), -1)
        return out.findings
    para = numbered[0]
    align = conf.get("align")
    if align is not None:
        ok = para.props.align in ALIGN_VALUES.get(align, {align})
        if not ok and align == "center":
            ok = para.props.center_tab and para.text.startswith("\t") and not para.text.strip("\t").count("\t")
        if not ok:
            out.add(E_PAGE_NUMBER, _("số trang không căn {expected}", expected=align_names().get(align, align)), -1)
    runs = [r for r in para.runs if r.text.strip() or r.has_field]
    visible = [replace(r, text="#") for r in runs]  # a field's cached result may be empty
    out.style(E_PAGE_NUMBER, _("số trang"), visible, -1, spec(profile, "page_number.size"))
    return out.findings


#: the rFonts slots Vietnamese text is never shown in (East Asian and complex scripts): a font
#: left unset there changes nothing on the page, a warning (``page.font-slots``), not an error
HIDDEN_SLOTS = frozenset({"eastAsia", "cs"})
#: the words after a family's name that name one of its faces: "Times New Roman,Bold",
#: "Times New Roman Italic", "TimesNewRomanPS-BoldItalicMT" (a PDF's or an old converter's names)
_FACE_SUFFIX = re.compile(r"(?:bold|italic|oblique|regular|demi|semibold|ps|mt)+$")


@lru_cache(maxsize=1024)  # a long document names a handful of fonts, in thousands of runs
def _family(name: str) -> str:
    """A font name without its face and spacing: "Times New Roman,Bold" → "timesnewroman".

    >>> [_family(n) for n in ("Times New Roman,Bold", "Times New Roman Italic", "TimesNewRomanPS-BoldMT")]
    ['timesnewroman', 'timesnewroman', 'timesnewroman']
    >>> _family("Arial"), _family("Bold")
    ('arial', 'bold')
    """
    flat = re.sub(r"[\s,\-_]+", "", norm(name).casefold())
    return _FACE_SUFFIX.sub("", flat) or flat


def _visible_runs(lay: Layout) -> list[tuple[float, Run]]:
    """Every run with visible text (body, page headers, footnotes), with its document order."""
    runs: list[tuple[float, Run]] = []
    for para in lay.doc.paragraphs:
        runs += [(para.index, r) for r in para.runs]
    for sec in lay.doc.sections:
        for story in sec.headers.values():
            runs += [(-1, r) for para in story for r in para.runs]
    ref_order = {fid: idx for fid, idx in lay.doc.footnote_refs}
    for fid, story in (lay.doc.footnotes or {}).items():
        runs += [(ref_order.get(fid, len(lay.doc.paragraphs)), r) for para in story for r in para.runs]
    return [(order, r) for order, r in runs if r.text.strip()]


def _unset(runs: list[tuple[float, Run]], hidden: bool) -> dict[str, float]:
    """The slots (of the hidden ones, or of the others) no level names a font for, with the first run's order."""
    unset: dict[str, float] = {}
    for order, run in runs:
        for slot, name in run.props.fonts:
            if not name and (slot in HIDDEN_SLOTS) == hidden:
                unset.setdefault(slot, order)
    return unset


def _unset_finding(out: Out, unset: dict[str, float], expected: str) -> None:
    if unset:
        out.add(
            E_FONT,
            _("chưa đặt phông cho {slots} (cần “{expected}”)", slots=", ".join(sorted(unset)), expected=expected),
            min(unset.values()),
        )


@rule("page.font", "page", appendix=True)
def check_fonts(lay: Layout, profile: Profile) -> list[Finding]:
    """Every visible run in every rFonts slot uses the profile font (any of its faces); one finding per font."""
    out = Out()
    expected = get(profile, "font")
    if not expected:
        return out.findings
    wrong: dict[str, float] = {}
    want = _family(expected)
    same: dict[str, bool] = {}  # per font name as written: a long document has a handful
    runs = _visible_runs(lay)
    for order, run in runs:
        for _slot, name in run.props.fonts:
            if not name:
                continue
            if name not in same:
                same[name] = _family(name) == want
            if not same[name]:
                wrong.setdefault(name, order)
    for name, order in wrong.items():
        out.add(E_FONT, _("phông “{actual}” (cần “{expected}”)", actual=name, expected=expected), order)
    _unset_finding(out, _unset(runs, hidden=False), expected)
    return out.findings


@rule("page.font-slots", "page", severity="warning", appendix=True)
def check_font_slots(lay: Layout, profile: Profile) -> list[Finding]:
    """No font set for East Asian or complex script text (eastAsia, cs): Vietnamese text looks the same."""
    out = Out()
    expected = get(profile, "font")
    if expected:
        _unset_finding(out, _unset(_visible_runs(lay), hidden=True), expected)
    return out.findings
