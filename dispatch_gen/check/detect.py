"""Which profile a Word file follows, from what it shows.

The recorded custom property comes first (a document dispatch-gen made says its profile);
otherwise the national line in the header decides: "ĐẢNG CỘNG SẢN VIỆT NAM" is a Party
document, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" a state one. A document showing neither is
judged by the default profile, and the result says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dispatch_gen.check.common import norm
from dispatch_gen.check.docmodel import DocInfo
from dispatch_gen.check.package import Package
from dispatch_gen.vn import fold

DEFAULT = "dang"
# custom properties that may record the profile (the first found wins)
PROPERTY_NAMES = ("the_thuc", "dispatch-gen:the_thuc", "rule_set")
NATIONAL_LINES = (
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "nha_nuoc"),
    ("ĐẢNG CỘNG SẢN VIỆT NAM", "dang"),
)
HEADER_PARAGRAPHS = 40  # the national line is looked for among the first non-empty paragraphs
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"


@dataclass(frozen=True)
class Detected:
    """The profile found and how: ``property``, ``national`` (the national line) or ``default``."""

    profile: str
    source: str


def custom_properties(path: Path) -> dict[str, str]:
    """The document's custom properties (docProps/custom.xml) as text, by name.

    Read within the package limits; a part that cannot be read is refused, naming it.
    """
    with Package(path) as pkg:
        found = pkg.related("", "custom-properties")
        name = found[0][1] if found else pkg.member("docProps/custom.xml")
        if name is None:
            return {}
        root = pkg.xml(name)
    out: dict[str, str] = {}
    for prop in root.iter(f"{{{CUSTOM_NS}}}property"):
        name = prop.get("name")
        if name:
            out[name] = "".join(str(t) for t in prop.itertext()).strip()
    return out


def _key(text: str) -> str:
    return fold(norm(text)).casefold()


def detect(doc: DocInfo, known: list[str], properties: dict[str, str] | None = None) -> Detected:
    """The profile of ``doc`` among the ``known`` profile names."""
    for name in PROPERTY_NAMES:
        value = (properties or {}).get(name, "").strip()
        if value in known:
            return Detected(value, "property")
    texts = [p.text for p in doc.paragraphs if p.text.strip()][:HEADER_PARAGRAPHS]
    for text in texts:
        key = _key(text)
        for line, profile in NATIONAL_LINES:
            if _key(line) in key and profile in known:
                return Detected(profile, "national")
    return Detected(DEFAULT, "default")
