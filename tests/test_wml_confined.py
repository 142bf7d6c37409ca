"""Only the XML layer (``dispatch_gen/wml/``) and the checker's reader name WordprocessingML.

Every other module of the package is read token by token: no string literal (docstrings
included) nor comment may hold a ``w:`` tag or attribute name, nor the WordprocessingML
namespace (a tag spelt ``{…/wordprocessingml/2006/main}p``).
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "dispatch_gen"
ALLOWED = {"check/reader.py", "check/docmodel.py", "check/styles.py", "check/numbering.py"}
W_NAME = re.compile(r"\bw:[a-zA-Z]+")
W_NAMESPACE = re.compile(r"wordprocessingml/2006/main")


def wml_names(source: str) -> list[tuple[int, str]]:
    """(line, name) of each WordprocessingML name in the strings and comments of ``source``."""
    found = []
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type in (tokenize.STRING, tokenize.COMMENT) or tok.type == getattr(tokenize, "FSTRING_MIDDLE", -1):
            for pattern in (W_NAME, W_NAMESPACE):
                for m in pattern.finditer(tok.string):
                    line = tok.start[0] + tok.string.count("\n", 0, m.start())
                    found.append((line, m.group()))
    return found


def test_the_scanner_finds_names_in_strings_and_comments_only():
    source = 'x = qn("w:rFonts")\n"""Doc of ``<w:tbl>``."""\ny = 1  # before <w:p>\nf"{W}tbl"\nw = 2\nd = {w:v}\n'
    assert wml_names(source) == [(1, "w:rFonts"), (2, "w:tbl"), (3, "w:p")]
    assert wml_names('W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"') == [
        (1, "wordprocessingml/2006/main")
    ]


def test_no_module_outside_the_xml_layer_names_wordprocessingml():
    offenders = []
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) > 40
    for path in modules:
        rel = path.relative_to(PACKAGE).as_posix()
        if rel.startswith("wml/") or rel in ALLOWED:
            continue
        offenders += [f"dispatch_gen/{rel}:{line}: {name}" for line, name in wml_names(path.read_text("utf-8"))]
    assert offenders == [], "WordprocessingML outside dispatch_gen/wml/:\n" + "\n".join(offenders)
