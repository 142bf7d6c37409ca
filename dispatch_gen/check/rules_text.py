"""Rules of the text's own forms: dates written in figures in the body and the footnotes.

The date line of the header is ``header.date``'s. A date inside the text ("ngày 05/8/2024",
a citation "Công văn số 123-CV/HU, ngày 05/8/2024") is written dd/m/yyyy with "/": the form
HD 36 and NĐ 30 use in their own citations and captions (HD 36's "ngày 03/4/2018", Phụ lục 1),
with the zeros of the date line (HD 36 1.4.2: a day below 10 and a month below 3 take a 0;
NĐ 30 Phụ lục I II.4.b the same). No primary text states it for the body: a convention, so
a departure is a warning, and only what departs from both sources is reported: a day below
10 or a month below 3 without its 0 ("5/6/2026", "15/2/2024"). Other separators ("05.8.2024")
are left alone, as is a 0 before a later month ("30/07/2025") is common and not reported; dates in tables (lists of
people, dates of birth) are data, not text, and are left alone. One finding per paragraph.
"""

from __future__ import annotations

import re

from dispatch_gen.check.common import E_NUMBERS, Finding, Out, Profile
from dispatch_gen.check.locate import Layout
from dispatch_gen.check.reader import Para
from dispatch_gen.check.registry import rule
from dispatch_gen.i18n import _

# d/m/yyyy; not a part of a longer number or code ("30/2020/NĐ-CP")
TEXT_DATE_RE = re.compile(r"(?<![\w/.\-])(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})(?![\w/])")


def date_form(day: int, month: int, year: int) -> str:
    """A date in the text's form: "05/8/2024", "15/02/2024".

    >>> date_form(5, 8, 2024), date_form(15, 2, 2024), date_form(1, 12, 2026)
    ('05/8/2024', '15/02/2024', '01/12/2026')
    """
    return f"{day:02d}/{month:02d}/{year}" if month < 3 else f"{day:02d}/{month}/{year}"


def _paras(lay: Layout) -> list[Para]:
    body = [p for p in lay.main if p.index >= lay.header_stop and p.table is None]
    for fid, story in (lay.doc.footnotes or {}).items():
        ref = {f: i for f, i in lay.doc.footnote_refs}.get(fid, len(lay.doc.paragraphs))
        body += [Para(ref, p.element, p.runs, p.props) for p in story]
    return body


@rule("body.dates", "body", "warning", appendix=True)
def check_dates(lay: Layout, profile: Profile) -> list[Finding]:
    """Dates in figures in the text (dd/m/yyyy): a 0 before a day below 10 and months 1–2."""
    out = Out()
    for para in _paras(lay):
        for m in TEXT_DATE_RE.finditer(para.text):
            day, month, year = int(m["d"]), int(m["m"]), int(m["y"])
            if not (1 <= day <= 31 and 1 <= month <= 12):
                continue
            expected = date_form(day, month, year)
            month_zero = month >= 3 and m["m"] == f"{month:02d}"  # "30/07/2025": common, not reported
            shown = f"{m['d']}/{m['m']}/{m['y']}"
            if shown != (f"{day:02d}/{m['m']}/{year}" if month_zero else expected):
                out.add(
                    E_NUMBERS,
                    _("ngày “{actual}” nên viết “{expected}”", actual=m.group(), expected=expected),
                    para.index,
                    "warning",
                )
                break  # one finding per paragraph
    return out.findings
