"""One font for every script, in the document defaults and every style, without theme fonts.

Used by the template builder: a profile names one font (Times New Roman); python-docx's
default template names theme fonts (Calibri, Cambria) and colours that Word would show
instead.
"""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

SCRIPTS = ("ascii", "hAnsi", "cs", "eastAsia")
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme")


def set_fonts(rpr: Any, font: str) -> None:
    """Give run properties ``rpr`` exactly ``font`` for every script (its ``rFonts`` first, made if missing)."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in list(rfonts.attrib):
        del rfonts.attrib[attr]
    for script in SCRIPTS:
        rfonts.set(qn(f"w:{script}"), font)


def one_font(styles_element: Any, font: str) -> None:
    """The styles part's defaults and every style: ``font`` for every script, no theme font, no colour."""
    defaults = styles_element.find(qn("w:docDefaults"))
    set_fonts(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")), font)
    for el in styles_element.iter(qn("w:rFonts")):
        for script in SCRIPTS:
            el.set(qn(f"w:{script}"), font)
        for attr in _THEME_ATTRS:
            el.attrib.pop(qn(attr), None)
    for el in list(styles_element.iter(qn("w:color"))):
        el.getparent().remove(el)
