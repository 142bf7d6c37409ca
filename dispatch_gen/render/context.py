"""What the templates see: the dispatch and its texts, already evaluated and parsed.

The *template context* is what the Word templates print: ready strings for the header and
closing, and the body as paragraphs of runs (with real footnote references) for ``{{r doan }}``.
The texts themselves were evaluated before (:mod:`dispatch_gen.compute.texts`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from markupsafe import Markup

from dispatch_gen import vn
from dispatch_gen.compute import marks as values
from dispatch_gen.compute.markup import Run, typed, unmarked
from dispatch_gen.compute.tables import Block
from dispatch_gen.compute.texts import Texts
from dispatch_gen.input import dateline, kinds
from dispatch_gen.input.model import Dispatch
from dispatch_gen.render import geometry, textwidth
from dispatch_gen.render.footnotes import Footnotes
from dispatch_gen.render.marks import NONE, Marks
from dispatch_gen.wml import ooxml
from dispatch_gen.wml.paragraphs import Rule


class RawXml(Markup):
    """WordprocessingML produced by dispatch-gen, printed as is by ``{{r … }}``."""


def runs_to_xml(
    runs: list[Run],
    notes: Footnotes | None = None,
    note_runs: dict[str, list[Run]] | None = None,
    ref_style: str | None = "FootnoteReference",
    size_pt: float | None = None,
    marks: Marks = NONE,
) -> str:
    """Runs as WordprocessingML; ``size_pt``: a size on every run (where no paragraph style gives it).

    The runs of a value printed from the data go into its control (``marks``).
    """
    if marks.enabled and any(r.mark for r in runs):
        pieces: list[str] = []
        i = 0
        while i < len(runs):
            j = i + 1
            mark = runs[i].mark
            while mark is not None and j < len(runs) and runs[j].mark == mark:
                j += 1
            xml = runs_to_xml(runs[i:j], notes, note_runs, ref_style, size_pt)
            pieces.append(marks.value(mark.key, xml) if mark is not None else xml)
            i = j
        return "".join(pieces)
    if any(r.mark for r in runs):  # no controls: the runs as they were before values were marked
        runs = unmarked(runs)
    out = []
    for r in runs:
        if r.note:
            if notes is None or note_runs is None:
                continue
            out.append(ooxml.note_ref_xml(notes.reference(r.note, note_runs[r.note]), ref_style, size_pt))
        elif r.br:
            out.append(ooxml.break_xml(size_pt))
        else:
            out.append(ooxml.run_xml(r.text, r.bold, r.italic, size_pt))
    return "".join(out)


def _punctuate(items: list[str], sep: str, last: str, dash: bool = True) -> list[str]:
    out = []
    for i, item in enumerate(items):
        item = item.strip().rstrip(",;.")
        end = last if i == len(items) - 1 else sep
        out.append(f"{'- ' if dash else ''}{item}{end}")
    return out


def _number_fields(d: Dispatch, prof: dict[str, Any]) -> dict[str, str]:
    """The pieces the profile's number format is filled with; blank room for the number on a draft."""
    num = prof["header"]["number"]
    if d.number in (None, ""):
        so = num["blank"]
    elif isinstance(d.number, int):
        so = f"{d.number:0{num['zero_pad']}d}"
    else:
        so = str(d.number)
    unit = f"-{d.issuer.unit}" if d.issuer.unit else ""
    return {"so": so, "loai": kinds.kind_of(d, prof)["code"], "ky_hieu": d.issuer.code, "don_vi": unit}


def _number_format(d: Dispatch, prof: dict[str, Any]) -> str:
    """The kind's own number format, or the profile's."""
    return kinds.kind_of(d, prof)["number_format"] or prof["header"]["number"]["format"]


def number_line(d: Dispatch, prof: dict[str, Any]) -> str:
    """ "Số 123-CV/HU" (Party) or "Số: 05/UBND-VP" (state); blank room on a draft."""
    return _number_format(d, prof).format(**_number_fields(d, prof))


def number_code(d: Dispatch, prof: dict[str, Any]) -> str:
    """The number and code alone, as cited in a sentence: "123-CV/HU", "05/UBND-VP".

    The profile's format is "<label> <code>" ("Số {so}-{loai}/{ky_hieu}"); the code is what
    follows the label.
    """
    code = _number_format(d, prof).split(" ", 1)[-1]
    return code.format(**_number_fields(d, prof))


def date_line(d: Dispatch, prof: dict[str, Any]) -> str:
    return dateline.text(d.place, d.issued, d.year, prof)


def issuer_rule(d: Dispatch, prof: dict[str, Any], hdr: geometry.Header | None = None) -> Rule | RawXml:
    """The rule under the issuing body's name, ``issuer_rule_ratio`` of the name's longest line (NĐ 30: 1/3–1/2).

    The name is measured as laid out (``hdr``), or as Word will wrap it in the template's left
    column. The rule is centred in the template's column; :func:`dispatch_gen.render.layout.fit_header`
    moves it with the column.
    """
    h = prof["header"]
    ratio = h.get("issuer_rule_ratio")
    if not ratio:
        return RawXml("")
    box = h["left_width_mm"]
    if hdr is not None:
        return Rule(ratio * hdr.issuer_line_mm, box)
    name = textwidth.wrapped_width_mm(d.issuer.name, h["issuer"]["size"], h["issuer"]["bold"], box)
    return Rule(ratio * name, box)


def subject_text(d: Dispatch, prof: dict[str, Any]) -> str:
    """The trích yếu as printed: the kind's (or the profile's, or the YAML's) prefix, then the text."""
    kind = kinds.kind_of(d, prof)
    prefix = kind["subject_prefix"] if kind["subject_prefix"] is not None else prof["header"]["subject"]["prefix"]
    if d.subject_prefix is not None:
        prefix = d.subject_prefix
    return f"{prefix}{d.subject}"


def header_layout(
    d: Dispatch, prof: dict[str, Any], columns: tuple[float, float | None] | None = None, breaks: bool = True
) -> geometry.Header:
    """The header's column widths and line breaks for this dispatch (:mod:`dispatch_gen.render.geometry`).

    ``columns``: a user's template's widths, the breaks chosen for them; ``breaks=False``: none at all.
    """
    if not breaks:
        return geometry.as_typed(prof, d.issuer.superior, d.issuer.name, date_line(d, prof), subject_text(d, prof))
    title = bool(kinds.kind_of(d, prof)["title"])
    return geometry.layout(
        prof, d.issuer.superior, d.issuer.name, number_line(d, prof), date_line(d, prof), list(d.marks),
        subject_text(d, prof), title, columns,
    )  # fmt: skip


def title_rule(d: Dispatch, prof: dict[str, Any], subject: str) -> Rule | RawXml:
    """The solid rule under a title block's trích yếu, ``rule_ratio`` of its length (NĐ 30: 1/3–1/2)."""
    tb = prof["title_block"]
    if not tb["rule_ratio"] or not kinds.kind_of(d, prof)["title"]:
        return RawXml("")
    page = prof["page"]
    box = page["width_mm"] - page["left_mm"] - page["right_mm"]
    width = textwidth.wrapped_width_mm(subject, tb["subject_size"], tb["subject_bold"], box)
    return Rule(tb["rule_ratio"] * width, box)


def _kind_context(d: Dispatch, prof: dict[str, Any]) -> dict[str, Any]:
    kind = kinds.kind_of(d, prof)
    return {
        "co_tieu_de": kind["title"],
        "ten": kind["name"].upper(),
        "ten_thuong": kind["name"],
        "tac_gia": kinds.author_line(d, kind),
    }


def _marked_fields(d: Dispatch, prof: dict[str, Any], texts: Texts, subject: str) -> dict[str, Any]:
    """The plain fields as the template prints them: with the marks of the values they print
    (:attr:`Texts.marked`; the controls are put in by :meth:`Marks.in_runs` after rendering);
    ``subject``: the trích yếu laid out, whose line breaks the marked one takes."""
    m = texts.marked
    sig = d.signature
    trich_yeu = subject
    if "trich_yeu" in m:
        trich_yeu = values.with_breaks(subject_text(replace(d, subject=m["trich_yeu"]), prof), subject)
    return {
        "kinh_gui": [m.get(f"kinh_gui[{i}]", r) for i, r in enumerate(d.recipients)],
        "noi_nhan": [m.get(f"noi_nhan[{i}]", c) for i, c in enumerate(d.cc)],
        "trich_yeu": trich_yeu,
        "ky": {
            "quyen_han": m.get("ky.quyen_han", sig.authority),
            "chuc_vu": m.get("ky.chuc_vu", sig.title),
            "ho_ten": m.get("ky.ho_ten", sig.name),
        },
    }


def template_context(
    d: Dispatch,
    prof: dict[str, Any],
    texts: Texts,
    notes: Footnotes,
    table: Callable[[Block], RawXml] | None = None,
    marks: Marks = NONE,
    hdr: geometry.Header | None = None,
) -> dict[str, Any]:
    """The context the main template prints; ``table``: the marker run of a body table's paragraph
    (:meth:`dispatch_gen.render.bodytable.BodyTables.marker`; without it, a table is left out);
    ``marks``: the controls around values from the data; ``hdr``: the header's layout
    (:func:`header_layout` when not given)."""
    hdr = hdr or header_layout(d, prof)
    rec = prof["recipients"]
    kind = kinds.kind_of(d, prof)
    fields = _marked_fields(d, prof, texts, hdr.subject)
    recipients = fields["kinh_gui"]
    if not recipients:
        first, rest = "", list[str]()
    elif len(recipients) == 1:
        first, rest = recipients[0].strip().rstrip(",;.") + rec["last"], []
    else:
        lines = _punctuate(recipients, rec["separator"], rec["last"])
        first, rest = lines[0], lines[1:]
    nn = prof["noi_nhan"]
    ref_style = "FootnoteReference"
    body = []
    for b in texts.body:
        if isinstance(b, list):
            body.append(RawXml(runs_to_xml(b, notes, texts.notes, ref_style, marks=marks)))
        elif table is not None:
            body.append(table(b))
    end_mark = prof["body"].get("end_mark") or ""
    if end_mark and body and isinstance(texts.body[-1], list):  # after a table: no end mark of its own
        last = texts.body[-1]
        text_end = "".join(r.text for r in last).rstrip()
        if not text_end.endswith(end_mark) and not text_end.endswith(":"):  # "…như sau:" takes no "./."
            tail = end_mark[1:] if text_end.endswith(".") and end_mark.startswith(".") else end_mark
            body[-1] = RawXml(str(body[-1]) + ooxml.run_xml(tail))
    ctx = {
        "co_quan": {"cap_tren": hdr.superior, "ten": hdr.issuer, "gach_duoi": issuer_rule(d, prof, hdr)},
        "so_ky_hieu": number_line(d, prof),
        "trich_yeu_in": fields["trich_yeu"],  # with the line breaks of a balanced trích yếu
        "loai_vb": _kind_context(d, prof),
        "tieu_de": {"gach_duoi": title_rule(d, prof, hdr.subject)},
        "dia_danh_ngay": hdr.date,
        "dau_muc_do": d.marks,
        "kinh_gui_nhan": kind["addressee_label"] or rec["label"],
        "kinh_gui_dau": first,
        "kinh_gui_sau": rest,
        "noi_dung": body,
        "noi_nhan": _punctuate(fields["noi_nhan"], nn["separator"], nn["last"]),
        "ky": fields["ky"],
    }
    return typed(ctx)  # what the user typed prints as typed, whatever docxtpl's clean-up does to tags


def reference_line(d: Dispatch, prof: dict[str, Any]) -> str:
    """The appendix's "(kèm theo Công văn số …-CV/HU, ngày … của …)"; blanks on a draft."""
    a = prof["appendix"]
    so_ky_hieu = number_code(d, prof)
    loai_ten = kinds.kind_of(d, prof)["name"]
    ngay = vn.text_date(d.issued) if d.issued else a["blank"]
    ngay_chu = vn.header_date(d.issued, d.year, a["blank"])  # "ngày 05 tháng 3 năm 2024" (NĐ 30 caption)
    chu_the = d.issuer.body or vn.name_in_sentence(d.issuer.name)
    return a["caption"].format(loai_ten=loai_ten, so_ky_hieu=so_ky_hieu, ngay=ngay, ngay_chu=ngay_chu, chu_the=chu_the)


def appendix_heading(prof: dict[str, Any], index: int, count: int) -> str:
    a = prof["appendix"]
    if count == 1 and not a.get("number_single"):
        return a["heading"]
    return f"{a['heading']} {vn.roman(index) if a['numbering'] == 'roman' else index}"
