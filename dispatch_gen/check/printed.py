"""What is printed: the words of a PDF and where they sit on each page (through poppler).

``check --ban-in`` converts a .docx to PDF with LibreOffice (:mod:`dispatch_gen.output.pdf`) and
reads it back here with ``pdftotext -bbox`` (poppler): each word with its box, page by page. No
WordprocessingML here; the printed rules (:mod:`dispatch_gen.check.rules_printed`) compare these
words with the texts the Word reader located.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from dispatch_gen.errors import DispatchError
from dispatch_gen.i18n import _

PDFTOTEXT = "pdftotext"
PDFTOTEXT_HINT = "sudo apt-get install poppler-utils"
_XHTML = "{http://www.w3.org/1999/xhtml}"


class PrintedUnavailable(DispatchError):
    """poppler's pdftotext is missing or failed, so the printed pages cannot be read."""


@dataclass(frozen=True)
class Word:
    """One printed word and its box in points (origin at the top left of its page)."""

    text: str
    page: int  # 1-based
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def key(self) -> str:
        return fold(self.text)


@dataclass(frozen=True)
class Page:
    """One printed page: its number (from 1), size in points and words in reading order."""

    number: int
    width: float
    height: float
    words: tuple[Word, ...] = field(default=())

    def rows(self) -> list[list[Word]]:
        """The page's words as printed lines, top to bottom (a row spans the page's columns)."""
        return rows_of(self.words)

    def content(self) -> list[list[Word]]:
        """The rows without the page number (a lone number on the top or bottom row)."""
        rows = self.rows()
        if rows and is_page_number(rows[0]):
            rows = rows[1:]
        if rows and is_page_number(rows[-1]):
            rows = rows[:-1]
        return rows


def fold(text: str) -> str:
    """A word as compared: NFC, case-folded (a caps style prints what the file holds in lower case)."""
    return unicodedata.normalize("NFC", text).casefold()


def tokens(text: str) -> list[str]:
    """The words of a Word paragraph's text, as :func:`fold` compares them."""
    return [fold(t) for t in text.replace("\u00a0", " ").split()]


def is_page_number(row: Sequence[Word]) -> bool:
    return len(row) == 1 and row[0].text.isdigit()


def _overlap(a: Word, b: Word) -> bool:
    """True when the boxes of ``a`` and ``b`` share at least half of the lower one's height."""
    shared = min(a.y1, b.y1) - max(a.y0, b.y0)
    return shared >= 0.5 * min(a.y1 - a.y0, b.y1 - b.y0)


def same_line(words: Sequence[Word]) -> bool:
    """True when ``words`` are printed on one line of one page (a raised footnote mark included)."""
    return all(w.page == words[0].page and _overlap(w, words[0]) for w in words)


def rows_of(words: Iterable[Word]) -> list[list[Word]]:
    """Words grouped into printed lines, each left to right, top to bottom.

    A word joins a line when its box overlaps the line's tallest word by half its height, so a
    raised footnote mark stays on its line and the next line (which touches it) does not.
    """
    rows: list[list[Word]] = []
    tallest: list[Word] = []
    for w in sorted(words, key=lambda w: (w.page, w.y0, w.x0)):
        for i in range(len(rows) - 1, max(-1, len(rows) - 3), -1):
            if tallest[i].page == w.page and _overlap(tallest[i], w):
                rows[i].append(w)
                if w.y1 - w.y0 > tallest[i].y1 - tallest[i].y0:
                    tallest[i] = w
                break
        else:
            rows.append([w])
            tallest.append(w)
    return [sorted(r, key=lambda w: w.x0) for r in rows]


def find(words: Sequence[Word], wanted: Sequence[str], start: int = 0) -> int:
    """Index in ``words`` where the folded ``wanted`` words follow one another, or -1."""
    n = len(wanted)
    if n == 0:
        return -1
    keys = [w.key for w in words]
    for i in range(start, len(keys) - n + 1):
        if keys[i : i + n] == list(wanted):
            return i
    return -1


def find_all(words: Sequence[Word], wanted: Sequence[str]) -> list[int]:
    """Every index where ``wanted`` starts in ``words``."""
    found: list[int] = []
    i = find(words, wanted)
    while i >= 0:
        found.append(i)
        i = find(words, wanted, i + 1)
    return found


def parse_bbox(xhtml: bytes) -> list[Page]:
    """Pages and words of ``pdftotext -bbox`` output."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    root = etree.fromstring(xhtml, parser)
    pages: list[Page] = []
    for number, page in enumerate(root.iter(f"{_XHTML}page", "page"), start=1):
        words: list[Word] = []
        for w in page.iter(f"{_XHTML}word", "word"):
            text = unicodedata.normalize("NFC", w.text or "")
            box = [float(w.get(k, "0")) for k in ("xMin", "yMin", "xMax", "yMax")]
            for part in text.replace("\u00a0", " ").split():
                words.append(Word(part, number, *box))
        pages.append(Page(number, float(page.get("width", "0")), float(page.get("height", "0")), tuple(words)))
    return pages


def find_pdftotext() -> str | None:
    return shutil.which(PDFTOTEXT)


def require_tools() -> None:
    """Raise :class:`PrintedUnavailable`, saying what to install, when LibreOffice or poppler is missing."""
    from dispatch_gen.output import pdf

    if pdf.find_soffice() is None:
        raise PrintedUnavailable(
            _(
                "không tìm thấy LibreOffice nên không kiểm tra được bản in; cài đặt bằng lệnh: {command}",
                command=pdf.INSTALL_HINT,
            )
        )
    if find_pdftotext() is None:
        raise PrintedUnavailable(
            _(
                "không tìm thấy pdftotext (poppler) nên không đọc được bản in; cài đặt bằng lệnh: {command}",
                command=PDFTOTEXT_HINT,
            )
        )


def read_pdf(path: Path, timeout: float = 120) -> list[Page]:
    """The printed pages of ``path``; :class:`PrintedUnavailable` when poppler is missing or fails."""
    require_tools()
    binary = find_pdftotext() or PDFTOTEXT
    try:
        done = subprocess.run(
            [binary, "-bbox", "-enc", "UTF-8", str(path), "-"], capture_output=True, timeout=timeout, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PrintedUnavailable(_("không đọc được bản in {path}: {error}", path=path, error=exc)) from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip() or "-"
        raise PrintedUnavailable(_("không đọc được bản in {path}: {error}", path=path, error=detail))
    try:
        return parse_bbox(done.stdout)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise PrintedUnavailable(_("không đọc được bản in {path}: {error}", path=path, error=exc)) from None
