"""Effective formatting of runs and paragraphs: the style chain of ECMA-376 §17.7.2.

A run's size, font or bold state may come from the run itself, its character style, the
paragraph style and its ``basedOn`` chain, the table style or the document defaults (fonts
possibly through the theme). :class:`StyleResolver` resolves that chain once per run.

A chain is followed at most :data:`MAX_STYLE_DEPTH` levels and never twice through one
style; a cycle, an over-long chain or a missing base style is reported (through
:class:`~dispatch_gen.check.docmodel.Faults`), as is every value that is not a number or
not a toggle value: such a value is passed over, so the next level of the chain decides.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from dispatch_gen.check.docmodel import (
    _FALSE,
    _THEME_ATTR,
    A_NS,
    FONT_SLOTS,
    TWIPS_PER_MM,
    Faults,
    ParaProps,
    RunProps,
    _on,
    is_on_off,
    measure,
    w,
    wattr,
)
from dispatch_gen.i18n import _

MAX_STYLE_DEPTH = 50  # levels of a basedOn chain followed
STYLE_ORDER = -9.0
_MEMO = 100_000  # distinct run formats memoised  # faults of the style sheet sort before the document's


class StyleResolver:
    """Resolve effective run and paragraph properties through Word's style hierarchy."""

    def __init__(self, styles_el: Any, theme_el: Any = None, faults: Faults | None = None) -> None:
        self.faults = faults if faults is not None else Faults({})
        self.styles: dict[str, Any] = {}
        self.default: dict[str, str] = {}
        if styles_el is not None:
            for st in styles_el.iter(w("style")):
                sid = wattr(st, "styleId")
                if sid is None:
                    continue
                self.styles.setdefault(sid, st)
                if _is_on(wattr(st, "default")):
                    self.default.setdefault(wattr(st, "type") or "", sid)
        defaults = styles_el.find(w("docDefaults")) if styles_el is not None else None
        self.default_rpr = defaults.find(f"{w('rPrDefault')}/{w('rPr')}") if defaults is not None else None
        self.default_ppr = defaults.find(f"{w('pPrDefault')}/{w('pPr')}") if defaults is not None else None
        self.theme_fonts = _theme_fonts(theme_el)
        self._chains: dict[tuple[str | None, str], list[Any]] = {}
        self._tails: dict[tuple[str | None, str | None, str], list[Any]] = {}
        self._resolved: dict[tuple[bytes, str | None, str | None], RunProps] = {}
        self._paras: dict[tuple[bytes, str | None, str | None], ParaProps] = {}
        self._level_memo: dict[tuple[str | None, str, str], list[Any]] = {}

    # --- faults -----------------------------------------------------------------------

    def _where(self, el: Any) -> tuple[str, str, float | None]:
        """Part, place (a style, the defaults, a paragraph) and sort order of ``el``."""
        part = self.faults.part_of(el)
        node = el
        while node is not None:
            if node.tag == w("style"):
                return part, _("kiểu “{style}”: ", style=wattr(node, "styleId") or ""), STYLE_ORDER
            if node.tag == w("docDefaults"):
                return part, _("định dạng mặc định: "), STYLE_ORDER
            node = node.getparent()
        if self.faults.order >= 0 and part == self.faults.main:
            return part, _("đoạn {number}: ", number=int(self.faults.order) + 1), None
        return part, "", None

    def bad_value(self, el: Any, what: str, raw: str, expected: str = "") -> None:
        """Report the unreadable ``raw`` value of ``el`` (``what``: the property, named)."""
        part, place, order = self._where(el)
        shown = raw if len(raw) <= 24 else raw[:23] + "…"
        message = _("{place}{what} ghi “{value}”, không đọc được", place=place, what=what, value=shown)
        self.faults.add(part, message + (expected or _(" (cần một số)")), order=order)

    def number(self, el: Any, name: str, what: str, twips_per_unit: float = 1.0) -> float | None:
        """Attribute ``name`` of ``el`` as a number (twips unless told); None if absent or unreadable."""
        raw = wattr(el, name)
        if raw is None:
            return None
        value = measure(raw, twips_per_unit)
        if value is None:
            self.bad_value(el, what, raw)
        return value

    def toggle(self, el: Any, what: str) -> bool | None:
        """A toggle element's value; None (passed over) when absent or its value is unreadable."""
        if el is None:
            return None
        raw = wattr(el, "val")
        if not is_on_off(raw):
            self.bad_value(el, what, raw or "", _(" (cần true/false, 1/0 hoặc on/off)"))
            return None
        return _on(el)

    # --- the chain --------------------------------------------------------------------

    def _chain(self, style_id: str | None, kind: str) -> list[Any]:
        """Style elements from ``style_id`` up its basedOn chain: bounded, cycle-safe, memoised."""
        key = (style_id, kind)
        if key in self._chains:
            return self._chains[key]
        out: list[Any] = []
        sid = style_id if style_id in self.styles else self.default.get(kind)
        seen: set[str] = set()
        child = None
        while sid:
            if sid in seen:
                self._chain_fault(out[0], _("chuỗi kiểu kế thừa (basedOn) quay vòng về kiểu “{style}”", style=sid))
                break
            if len(out) >= MAX_STYLE_DEPTH:
                self._chain_fault(out[0], _("chuỗi kiểu kế thừa (basedOn) dài quá {depth} bậc", depth=MAX_STYLE_DEPTH))
                break
            st = self.styles.get(sid)
            if st is None:
                self._chain_fault(child, _("dựa trên kiểu “{style}” không có trong tệp", style=sid), severity="warning")
                break
            seen.add(sid)
            out.append(st)
            child = st
            based = st.find(w("basedOn"))
            sid = wattr(based, "val") if based is not None else None
        self._chains[key] = out
        return out

    def _chain_fault(self, style: Any, message: str, severity: str = "error") -> None:
        part, place, _order = self._where(style)
        self.faults.add(part, place + message, severity, order=STYLE_ORDER)

    def _levels(self, chain_of: str | None, kind: str, prop: str) -> list[Any]:
        """The ``prop`` elements up a style's chain (memoised: asked for every paragraph); a copy."""
        key = (chain_of, kind, prop)
        found = self._level_memo.get(key)
        if found is None:
            found = [el for st in self._chain(chain_of, kind) if (el := st.find(w(prop))) is not None]
            self._level_memo[key] = found
        return list(found)

    def _tail(self, pstyle: str | None, table_style: str | None, prop: str) -> list[Any]:
        """The style levels of one property kind below the paragraph: memoised per style pair."""
        key = (pstyle, table_style, prop)
        if key not in self._tails:
            levels = self._levels(pstyle, "paragraph", prop)
            if table_style is not None:
                levels += self._levels(table_style, "table", prop)
            default = self.default_rpr if prop == "rPr" else self.default_ppr
            self._tails[key] = levels + ([default] if default is not None else [])
        return self._tails[key]

    def paragraph_style(self, p: Any) -> tuple[Any, str | None]:
        """The paragraph's own properties element and its style id (read once per paragraph)."""
        ppr = p.find(w("pPr")) if p is not None else None
        pstyle = ppr.find(w("pStyle")) if ppr is not None else None
        return ppr, wattr(pstyle, "val")

    def _rpr_levels(self, r: Any, pstyle: str | None, table_style: str | None) -> list[Any]:
        rpr = r.find(w("rPr")) if r is not None else None
        levels = [rpr] if rpr is not None else []
        rstyle = rpr.find(w("rStyle")) if rpr is not None else None
        if rstyle is not None:
            levels += self._levels(wattr(rstyle, "val"), "character", "rPr")
        return levels + self._tail(pstyle, table_style, "rPr")

    def run_props(self, r: Any, pstyle: str | None, table_style: str | None = None) -> RunProps:
        """Effective formatting of run ``r`` in a paragraph of style ``pstyle``.

        Memoised on the run's own properties (as written) and the two styles: runs formatted
        alike are resolved once. A run whose resolution met a fault is not memoised, so the
        fault is counted at each place it is written.
        """
        rpr = r.find(w("rPr")) if r is not None else None
        key = (etree.tostring(rpr) if rpr is not None else b"", pstyle, table_style)
        if key in self._resolved:
            return self._resolved[key]
        faults = self.faults.total
        props = self._run_props(r, pstyle, table_style)
        if self.faults.total == faults and len(self._resolved) < _MEMO:
            self._resolved[key] = props
        return props

    def _run_props(self, r: Any, pstyle: str | None, table_style: str | None) -> RunProps:
        levels = self._rpr_levels(r, pstyle, table_style)
        rpr = r.find(w("rPr")) if r is not None else None
        rstyle = rpr.find(w("rStyle")) if rpr is not None else None
        direct = [rpr] if rpr is not None else []
        styles = (  # the style levels of ECMA-376 §17.7.2, each with its own basedOn chain
            self._levels(table_style, "table", "rPr") if table_style is not None else [],
            self._levels(pstyle, "paragraph", "rPr"),
            self._levels(wattr(rstyle, "val"), "character", "rPr") if rstyle is not None else [],
        )
        default = [self.default_rpr] if self.default_rpr is not None else []

        def nearest(group: list[Any], tag: str, what: str) -> bool | None:
            for lv in group:
                value = self.toggle(lv.find(w(tag)), what)
                if value is not None:
                    return value
            return None

        def toggle(tag: str, what: str) -> bool:
            """A toggle property (§17.7.3): direct formatting sets it; each style level that
            turns it on flips what the levels below gave (bold paragraph style + bold
            character style = not bold); within one style's basedOn chain the nearest wins."""
            value = nearest(direct, tag, what)
            if value is not None:
                return value
            state = bool(nearest(default, tag, what))
            for group in styles:
                if nearest(group, tag, what):
                    state = not state
            return state

        fonts = []
        for slot in FONT_SLOTS:
            name = None
            for lv in levels:
                rf = lv.find(w("rFonts"))
                if rf is None:
                    continue
                theme = wattr(rf, _THEME_ATTR[slot])
                if theme is not None:
                    name = self.theme_fonts.get(theme) or None
                    break
                if wattr(rf, slot) is not None:
                    name = wattr(rf, slot)
                    break
            fonts.append((slot, name))
        half_points = None
        for lv in levels:
            sz = lv.find(w("sz"))
            if sz is not None and (half_points := self.number(sz, "val", _("cỡ chữ (w:sz)"), 10.0)) is not None:
                break
        underline = False
        for lv in levels:
            u = lv.find(w("u"))
            if u is not None:
                underline = (wattr(u, "val") or "single").lower() not in _FALSE
                break
        superscript = False
        for lv in levels:
            va = lv.find(w("vertAlign"))
            if va is not None:
                superscript = wattr(va, "val") == "superscript"
                break
        return RunProps(
            fonts=tuple(fonts),
            size=half_points / 2 if half_points is not None else 10.0,
            bold=toggle("b", _("in đậm (w:b)")),
            italic=toggle("i", _("in nghiêng (w:i)")),
            underline=underline,
            caps=toggle("caps", _("chữ hoa (w:caps)")),
            superscript=superscript,
            hidden=toggle("vanish", _("chữ ẩn (w:vanish)")),
        )

    def para_props(
        self, p: Any, table_style: str | None = None, styled: tuple[Any, str | None] | None = None
    ) -> ParaProps:
        """Effective properties of paragraph ``p`` (each attribute inherited on its own).

        Memoised like :meth:`run_props`, on the paragraph's own properties as written and its
        styles (the 9,000 paragraphs of a 100-page document have a few dozen formats); one whose
        resolution met a fault is not memoised, so the fault is said at each place. ``styled``:
        the paragraph's :meth:`paragraph_style`, when the caller has read it already.
        """
        ppr, pstyle = styled if styled is not None else self.paragraph_style(p)
        key = (etree.tostring(ppr) if ppr is not None else b"", pstyle, table_style)
        if key in self._paras:
            return self._paras[key]
        faults = self.faults.total
        props = self._para_props(ppr, pstyle, table_style)
        if self.faults.total == faults and len(self._paras) < _MEMO:
            self._paras[key] = props
        return props

    def _para_props(self, ppr: Any, pstyle: str | None, table_style: str | None) -> ParaProps:
        levels = ([ppr] if ppr is not None else []) + self._tail(pstyle, table_style, "pPr")

        def attr(tag: str, name: str) -> tuple[str | None, Any]:
            for lv in levels:
                el = lv.find(w(tag))
                if el is not None and wattr(el, name) is not None:
                    return wattr(el, name), el
            return None, None

        def length(tag: str, names: tuple[str, ...], what: str) -> float | None:
            """The first readable one of ``names`` up the levels (twips); unreadable ones reported."""
            for lv in levels:
                el = lv.find(w(tag))
                if el is None:
                    continue
                for name in names:
                    if (value := self.number(el, name, what)) is not None:
                        return value
            return None

        def border(side: str) -> str | None:
            for lv in levels:
                el = lv.find(f"{w('pBdr')}/{w(side)}")
                if el is not None:
                    val = wattr(el, "val")
                    return None if val in (None, "nil", "none") else val
            return None

        align = None
        for lv in levels:
            jc = lv.find(w("jc"))
            if jc is not None:
                align = wattr(jc, "val")
                break
        first_line = 0.0
        for lv in levels:
            ind = lv.find(w("ind"))
            if ind is None:
                continue
            hanging = self.number(ind, "hanging", _("thụt dòng treo (w:ind w:hanging)"))
            if hanging is not None:
                first_line = -hanging / TWIPS_PER_MM
                break
            first = self.number(ind, "firstLine", _("thụt đầu dòng (w:ind w:firstLine)"))
            if first is not None:
                first_line = first / TWIPS_PER_MM
                break
        left = length("ind", ("left", "start"), _("lề trái của đoạn (w:ind)"))
        right = length("ind", ("right", "end"), _("lề phải của đoạn (w:ind)"))
        before = length("spacing", ("before",), _("khoảng cách trước đoạn (w:spacing w:before)"))
        after = length("spacing", ("after",), _("khoảng cách sau đoạn (w:spacing w:after)"))
        after_auto, auto_el = attr("spacing", "afterAutospacing")
        if not is_on_off(after_auto):
            self.bad_value(auto_el, "w:afterAutospacing", after_auto or "", _(" (cần true/false)"))
        before_auto, auto_el = attr("spacing", "beforeAutospacing")
        if not is_on_off(before_auto):
            self.bad_value(auto_el, "w:beforeAutospacing", before_auto or "", _(" (cần true/false)"))
        line_val: float | None = None
        rule = "auto"
        for lv in levels:
            el = lv.find(w("spacing"))
            if el is None or wattr(el, "line") is None:
                continue
            rule = wattr(el, "lineRule") or "auto"
            raw = self.number(el, "line", _("giãn dòng (w:spacing w:line)"))
            if raw is not None:
                line_val = raw / (240 if rule == "auto" else 20)
                break
        pbb = False
        for lv in levels:
            value = self.toggle(lv.find(w("pageBreakBefore")), "w:pageBreakBefore")
            if value is not None:
                pbb = value
                break
        center_tab = any(
            wattr(tab, "val") == "center" for lv in levels for tab in lv.iterfind(f"{w('tabs')}/{w('tab')}")
        )
        return ParaProps(
            align=align,
            first_line_mm=first_line,
            left_mm=left / TWIPS_PER_MM if left is not None else 0.0,
            space_before_pt=14.0 if _is_on(before_auto) else (before or 0.0) / 20,
            space_after_pt=14.0 if _is_on(after_auto) else (after or 0.0) / 20,
            line=line_val,
            line_rule=rule,
            border_top=border("top"),
            border_bottom=border("bottom"),
            page_break_before=pbb,
            right_mm=right / TWIPS_PER_MM if right is not None else 0.0,
            center_tab=center_tab,
        )


def _is_on(val: str | None) -> bool:
    return val is not None and val.lower() not in _FALSE


def _theme_fonts(theme_el: Any) -> dict[str, str]:
    """Map theme font references (``minorHAnsi``…) to the theme's typefaces."""
    out: dict[str, str] = {}
    if theme_el is None:
        return out
    for kind in ("major", "minor"):
        font = theme_el.find(f".//{{{A_NS}}}{kind}Font")
        if font is None:
            continue
        faces = {}
        for tag in ("latin", "ea", "cs"):
            el = font.find(f"{{{A_NS}}}{tag}")
            faces[tag] = el.get("typeface", "") if el is not None else ""
        for suffix, tag in (("HAnsi", "latin"), ("Ascii", "latin"), ("EastAsia", "ea"), ("Bidi", "cs")):
            out[kind + suffix] = faces[tag]
    return out
