"""Effective formatting of runs and paragraphs: the style chain of ECMA-376 §17.7.2.

A run's size, font or bold state may come from the run itself, its character style, the
paragraph style and its ``basedOn`` chain, the table style or the document defaults (fonts
possibly through the theme). :class:`StyleResolver` resolves that chain once per run.
"""

from __future__ import annotations

from typing import Any

from dispatch_gen.check.docmodel import (
    _FALSE,
    _THEME_ATTR,
    A_NS,
    FONT_SLOTS,
    ParaProps,
    RunProps,
    _on,
    twips_to_mm,
    w,
    wattr,
)


class StyleResolver:
    """Resolve effective run and paragraph properties through Word's style hierarchy."""

    def __init__(self, styles_el: Any, theme_el: Any = None) -> None:
        self.styles: dict[str, Any] = {}
        self.default: dict[str, str] = {}
        if styles_el is not None:
            for st in styles_el.iter(w("style")):
                sid = wattr(st, "styleId")
                if sid is None:
                    continue
                self.styles[sid] = st
                if _is_on(wattr(st, "default")):
                    self.default.setdefault(wattr(st, "type") or "", sid)
        defaults = styles_el.find(w("docDefaults")) if styles_el is not None else None
        self.default_rpr = defaults.find(f"{w('rPrDefault')}/{w('rPr')}") if defaults is not None else None
        self.default_ppr = defaults.find(f"{w('pPrDefault')}/{w('pPr')}") if defaults is not None else None
        self.theme_fonts = _theme_fonts(theme_el)
        self._chains: dict[tuple[str | None, str], list[Any]] = {}

    def _chain(self, style_id: str | None, kind: str) -> list[Any]:
        """Style elements from ``style_id`` up its basedOn chain (cycle-safe)."""
        key = (style_id, kind)
        if key in self._chains:
            return self._chains[key]
        out: list[Any] = []
        sid = style_id if style_id in self.styles else self.default.get(kind)
        seen: set[str] = set()
        while sid and sid not in seen and sid in self.styles:
            seen.add(sid)
            st = self.styles[sid]
            out.append(st)
            based = st.find(w("basedOn"))
            sid = wattr(based, "val") if based is not None else None
        self._chains[key] = out
        return out

    def _ppr_levels(self, p: Any, table_style: str | None) -> list[Any]:
        ppr = p.find(w("pPr"))
        levels = [ppr] if ppr is not None else []
        pstyle = ppr.find(w("pStyle")) if ppr is not None else None
        levels += [st.find(w("pPr")) for st in self._chain(wattr(pstyle, "val"), "paragraph")]
        if table_style is not None:
            levels += [st.find(w("pPr")) for st in self._chain(table_style, "table")]
        levels.append(self.default_ppr)
        return [lv for lv in levels if lv is not None]

    def _rpr_levels(self, r: Any, p: Any, table_style: str | None) -> list[Any]:
        rpr = r.find(w("rPr")) if r is not None else None
        levels = [rpr] if rpr is not None else []
        rstyle = rpr.find(w("rStyle")) if rpr is not None else None
        if rstyle is not None:
            levels += [st.find(w("rPr")) for st in self._chain(wattr(rstyle, "val"), "character")]
        ppr = p.find(w("pPr")) if p is not None else None
        pstyle = ppr.find(w("pStyle")) if ppr is not None else None
        levels += [st.find(w("rPr")) for st in self._chain(wattr(pstyle, "val"), "paragraph")]
        if table_style is not None:
            levels += [st.find(w("rPr")) for st in self._chain(table_style, "table")]
        levels.append(self.default_rpr)
        return [lv for lv in levels if lv is not None]

    def run_props(self, r: Any, p: Any, table_style: str | None = None) -> RunProps:
        """Effective formatting of run ``r`` in paragraph ``p``."""
        levels = self._rpr_levels(r, p, table_style)

        def first(tag: str) -> Any:
            for lv in levels:
                el = lv.find(w(tag))
                if el is not None:
                    return el
            return None

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
        sz = first("sz")
        try:
            size = float(wattr(sz, "val") or 20) / 2
        except ValueError:
            size = 10.0
        u = first("u")
        underline = u is not None and (wattr(u, "val") or "single").lower() not in _FALSE
        va = first("vertAlign")
        return RunProps(
            fonts=tuple(fonts),
            size=size,
            bold=bool(_on(first("b"))),
            italic=bool(_on(first("i"))),
            underline=underline,
            caps=bool(_on(first("caps"))),
            superscript=va is not None and wattr(va, "val") == "superscript",
            hidden=bool(_on(first("vanish"))),
        )

    def para_props(self, p: Any, table_style: str | None = None) -> ParaProps:
        """Effective properties of paragraph ``p`` (each attribute inherited on its own)."""
        levels = self._ppr_levels(p, table_style)

        def attr(tag: str, name: str) -> tuple[str | None, Any]:
            for lv in levels:
                el = lv.find(w(tag))
                if el is not None and wattr(el, name) is not None:
                    return wattr(el, name), el
            return None, None

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
            if wattr(ind, "hanging") is not None:
                first_line = -(twips_to_mm(wattr(ind, "hanging")) or 0.0)
                break
            if wattr(ind, "firstLine") is not None:
                first_line = twips_to_mm(wattr(ind, "firstLine")) or 0.0
                break
        left_raw = attr("ind", "left")[0] or attr("ind", "start")[0]
        before, _ = attr("spacing", "before")
        after, _ = attr("spacing", "after")
        after_auto, _ = attr("spacing", "afterAutospacing")
        before_auto, _ = attr("spacing", "beforeAutospacing")
        line, line_el = attr("spacing", "line")
        rule = (wattr(line_el, "lineRule") or "auto") if line_el is not None else "auto"
        line_val: float | None = None
        if line is not None:
            try:
                line_val = float(line) / (240 if rule == "auto" else 20)
            except ValueError:
                line_val = None
        pbb = None
        for lv in levels:
            el = lv.find(w("pageBreakBefore"))
            if el is not None:
                pbb = _on(el)
                break
        center_tab = any(
            wattr(tab, "val") == "center" for lv in levels for tab in lv.iterfind(f"{w('tabs')}/{w('tab')}")
        )
        return ParaProps(
            align=align,
            first_line_mm=first_line,
            left_mm=twips_to_mm(left_raw) or 0.0,
            space_before_pt=14.0 if _is_on(before_auto) else _pt(before),
            space_after_pt=14.0 if _is_on(after_auto) else _pt(after),
            line=line_val,
            line_rule=rule,
            border_top=border("top"),
            border_bottom=border("bottom"),
            page_break_before=bool(pbb),
            center_tab=center_tab,
        )


def _is_on(val: str | None) -> bool:
    return val is not None and val.lower() not in _FALSE


def _pt(twips: str | None) -> float:
    try:
        return float(twips) / 20 if twips is not None else 0.0
    except ValueError:
        return 0.0


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
