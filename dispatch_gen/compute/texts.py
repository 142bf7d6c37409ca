"""The office's texts, evaluated once: the text namespace, Jinja in a sandbox, the light markup.

The *text namespace* (Vietnamese names: ``tong``, ``khen``, ``chi_so`` …) is what the office's
own texts may refer to in ``{{ … }}``. The body and the footnotes are evaluated
(:mod:`dispatch_gen.compute.textjinja`) and parsed into runs (:mod:`dispatch_gen.compute.markup`)
here, before anything is rendered, so ``check x.yaml`` finds the same errors and warnings
(an unused footnote) as ``render`` without opening a Word template.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from markupsafe import Markup

from dispatch_gen.compute import marks
from dispatch_gen.compute.figures import Figures, Tally, Unit
from dispatch_gen.compute.markup import Run, parse_inline
from dispatch_gen.compute.rows import columns_of
from dispatch_gen.compute.tables import (
    Block,
    PipeTable,
    PlacementError,
    UnitsTable,
    block_runs,
    parse_body,
    parse_table,
    placement,
)
from dispatch_gen.compute.textjinja import TextError, evaluate
from dispatch_gen.errors import InputError, Problem
from dispatch_gen.i18n import _
from dispatch_gen.input.model import Dispatch
from dispatch_gen.input.source import Located


def _tally(t: Tally) -> dict[str, Any]:
    return {"chi_tieu": t.quota, "dat": t.achieved, "ty_le": t.rate, "con_thieu": t.missing, "dat_chi_tieu": t.met}


def _unit(u: Unit) -> dict[str, Any]:
    """A unit as texts see it; its further figures (``them``) under their keys too: ``{{ u.hoc_sinh }}``."""
    figures = _tally(u.tally)
    if not u.counted:  # a unit given a rate, a status or a note only: no counts to print
        figures.update(chi_tieu=None, dat=None, con_thieu=None, dat_chi_tieu=None)
    return {
        **u.extra,
        "ten": u.name,
        "khoi": u.group,
        "ghi_chu": u.note,
        "trang_thai": u.status,
        "hang": u.rank,
        "khen": u.praised,
        "cham": u.lagging,
        **figures,
        "chi_so_phu": {k: _tally(t) for k, t in u.measures.items()},
        "them": dict(u.extra),
    }


def recipient_namespace(u: Unit) -> dict[str, Any]:
    """``don_vi_nhan``: the unit a per-unit letter is addressed to, with its own figures."""
    return {**_unit(u), "tt": u.index + 1, "kinh_gui": u.address}


def text_namespace(d: Dispatch, fig: Figures | None, recipient: Unit | None = None) -> dict[str, Any]:
    """The names the office's texts may use in ``{{ … }}``.

    ``recipient``: in a per-unit batch (``--moi-don-vi``), the unit this letter goes to, as
    ``don_vi_nhan``; elsewhere the name is absent, so ``{% if don_vi_nhan is defined %}`` tests it.
    """
    ns: dict[str, Any] = {
        "co_quan": {
            "cap_tren": d.issuer.superior,
            "ten": d.issuer.name,
            "ky_hieu": d.issuer.code,
            "chu_the": d.issuer.body,
        },
        "so": d.number,
        "dia_danh": d.place,
        "ngay": d.issued,
        "nam": d.year or (d.issued.year if d.issued else None),
        "trich_yeu": d.subject,
        "han": d.deadlines,
    }
    if fig is not None:
        ns.update(_figure_names(fig))
        ns["bang"] = {name: Markup(placement(name)) for name in d.tables}
    if recipient is not None:
        ns["don_vi_nhan"] = recipient_namespace(recipient)
    return ns


#: the names of the last figures (:func:`_figure_names`), with the figures themselves
_LAST_FIGURES: list[tuple[Figures, dict[str, Any]]] = []


def _figure_names(fig: Figures) -> dict[str, Any]:
    """The names of the computed figures, built once per Figures object: the letters of a
    per-unit batch share their figures (a hundred letters rebuilt a hundred units each time).
    The texts cannot change them (the sandbox is immutable); the caller copies the top level."""
    last = _LAST_FIGURES[0] if _LAST_FIGURES else None
    if last is not None and last[0] is fig:
        return last[1]
    names = _build_figure_names(fig)
    _LAST_FIGURES[:] = [(fig, names)]
    return names


def _build_figure_names(fig: Figures) -> dict[str, Any]:
    units = {u.index: _unit(u) for u in fig.units}
    return {
        "tinh_den": fig.as_of,
        "tong": {**fig.extra_totals, **_tally(fig.total)},
        "don_vi": list(units.values()),
        "khoi": [{"ten": g.name, **_tally(g.tally), "don_vi": [units[u.index] for u in g.units]} for g in fig.groups],
        "khen": [units[u.index] for u in fig.praised],
        "cham": [units[u.index] for u in fig.lagging],
        "nguong_cham": fig.lag_threshold,
        "chi_so": {
            k: {"ten": m.label, **_tally(m.tally), "don_vi": [units[u.index] for u in m.units]}
            for k, m in fig.measures.items()
        },
        "bang_don_vi": Markup(placement("")),  # a paragraph of its own: the units' table (compute/tables.py)
    }


@dataclass
class Texts:
    """The office's texts, evaluated and parsed, with their footnotes."""

    #: paragraphs (lists of runs) and tables (:mod:`dispatch_gen.compute.tables`)
    body: list[Block]
    notes: dict[str, list[Run]]
    #: the pipe tables of plain table appendices (``phu_luc[i].bang``), evaluated, by appendix index
    appendix_tables: dict[int, PipeTable] = field(default_factory=dict)
    #: the dispatch with its plain text fields evaluated (:func:`evaluate_texts`); None: as typed
    dispatch: Dispatch | None = None
    #: the plain fields that print a value from the data, by field path ("trich_yeu", "kinh_gui[0]"),
    #: with the value's marks (:mod:`dispatch_gen.compute.marks`); ``dispatch`` holds them unmarked
    marked: dict[str, str] = field(default_factory=dict)


def _eval(
    src: Located,
    path: str,
    text: str,
    ns: dict[str, Any],
    problems: list[Problem],
    plain: bool = False,
    keep_marks: bool = True,
) -> str:
    try:
        return evaluate(text, ns, keep_marks=keep_marks, plain=plain)
    except TextError as err:
        line, col = src.where(path)
        if path in src.text_lines:  # a block scalar's text starts on the line after its key
            line, col = src.text_lines[path] + err.line - 1, 1
        elif err.line > 1:
            line, col = line + err.line - 1, 1
        problems.append(Problem(err.message, src.file, line, col, path))
        return ""


def _fields(d: Dispatch, ns: dict[str, Any], src: Located, problems: list[Problem], marked: dict[str, str]) -> Dispatch:
    """``d`` with ``{{ … }}`` evaluated in its plain text fields (no light markup there): the
    recipients, the copies-to, the subject, the signature lines, and each appendix's title, total
    row label and column headings; an error is located at the field's own line. A field that
    printed a value is also put in ``marked`` by its path, with the value's marks."""

    def ev(path: str, text: str) -> str:
        if "{" not in text:
            return text
        out = _eval(src, path, text, ns, problems, plain=True)
        plain = marks.strip(out)
        if plain != out:
            marked[path] = out
        return plain

    def headings(at: str, columns: Any) -> Any:
        """The columns with their headings (tieu_de, nhom) evaluated; None stays None."""
        if columns is None:
            return None
        return [
            replace(c, title=ev(f"{at}.cot[{j}].tieu_de", c.title), group=ev(f"{at}.cot[{j}].nhom", c.group))
            for j, c in enumerate(columns)
        ]

    sig = d.signature
    appendices = []
    for i, ap in enumerate(d.appendices):
        at = f"phu_luc[{i}]"
        title, total = ev(f"{at}.ten", ap.title), ev(f"{at}.dong_tong", ap.total_label)
        appendices.append(replace(ap, title=title, total_label=total, columns=headings(at, ap.columns)))
    body_tables = {}
    for name, t in d.tables.items():
        at = f"bang.{name}"
        body_tables[name] = replace(
            t, columns=headings(at, t.columns), total_label=ev(f"{at}.dong_tong", t.total_label)
        )
    return replace(
        d,
        tables=body_tables,
        recipients=[ev(f"kinh_gui[{i}]", r) for i, r in enumerate(d.recipients)],
        cc=[ev(f"noi_nhan[{i}]", r) for i, r in enumerate(d.cc)],
        subject=ev("trich_yeu", d.subject),
        signature=replace(
            sig,
            authority=ev("ky.quyen_han", sig.authority),
            title=ev("ky.chuc_vu", sig.title),
            name=ev("ky.ho_ten", sig.name),
        ),
        appendices=appendices,
    )


def fig_names(ns: dict[str, Any]) -> set[str] | None:
    """The units tables a body may place: "" for ``bang_don_vi``, the names of ``bang``; None without figures."""
    return {"", *ns["bang"]} if "bang_don_vi" in ns else None


def _line_of(src: Located, path: str, line: int) -> tuple[int, int]:
    """The YAML line and column of a text's ``line`` (1-based within the text)."""
    if path in src.text_lines:
        return src.text_lines[path] + line - 1, 1
    at, col = src.where(path)
    return (at + line - 1, 1) if line > 1 else (at, col)


def _typed_line(d: Dispatch, name: str) -> int:
    """The line of the body that names the units table ``name`` (the evaluated text's lines are
    not the typed ones: a ``{% for %}`` adds some)."""
    expr = f"bang.{name}" if name else "bang_don_vi"
    return next((i for i, ln in enumerate(d.body.splitlines(), 1) if expr in ln), 1)


def _body(
    src: Located,
    d: Dispatch,
    text: str,
    tables: set[str] | None,
    headings: list[dict[str, Any]] | None,
    problems: list[Problem],
) -> list[Block]:
    try:
        blocks = parse_body(text, headings)
    except PlacementError as err:
        name = f"bang.{err.name}" if err.name else "bang_don_vi"
        line, col = _line_of(src, "noi_dung", _typed_line(d, err.name))
        message = _(
            "bảng số liệu “{name}” phải đứng riêng một đoạn (cách đoạn trước và sau một dòng trống)",
            name="{{ " + name + " }}",
        )
        problems.append(Problem(message, src.file, line, col, "noi_dung"))
        return []
    for b in blocks:
        if isinstance(b, UnitsTable) and (tables is None or b.name not in tables):
            line, col = _line_of(src, "noi_dung", _typed_line(d, b.name))
            problems.append(Problem(_("văn bản chưa có “so_lieu” để in bảng số liệu"), src.file, line, col, "noi_dung"))
    return blocks


def _appendix_tables(d: Dispatch, ns: dict[str, Any], src: Located, problems: list[Problem]) -> dict[int, PipeTable]:
    out = {}
    for i, ap in enumerate(d.appendices):
        if not ap.table:
            continue
        path = f"phu_luc[{i}].bang"
        text = _eval(src, path, ap.table, ns, problems)
        found = parse_table(text) if text else None
        if found is None:
            if text:
                message = _(
                    "“bang” không có bảng nào: viết dòng tiêu đề “| Cột 1 | Cột 2 |”, dòng “|---|---|”, rồi các dòng"
                )
                problems.append(src.problem(path, message))
        else:
            out[i] = found
    return out


def evaluate_texts(
    d: Dispatch, ns: dict[str, Any], src: Located, headings: list[dict[str, Any]] | None = None
) -> Texts:
    """Evaluate and parse the body and the footnotes; check every footnote mark has a note.

    ``headings``: the profile's ``body.headings``; ``#`` lines of the body are section headings.
    """
    problems: list[Problem] = []
    notes = {k: parse_inline(_eval(src, f"chu_thich.{k}", v, ns, problems)) for k, v in d.notes.items()}
    body = _body(src, d, _eval(src, "noi_dung", d.body, ns, problems), fig_names(ns), headings, problems)
    appendix_tables = _appendix_tables(d, ns, src, problems)
    for label in {r.note for r in block_runs([*body, *appendix_tables.values()]) if r.note}:
        if label not in notes:
            problems.append(
                src.problem("noi_dung", _("chú thích [^{label}] chưa có nội dung trong “chu_thich”", label=label))
            )
    for label, runs in notes.items():
        if any(r.note for r in runs):
            problems.append(src.problem(f"chu_thich.{label}", _("chú thích không được chứa chú thích khác")))
    marked: dict[str, str] = {}
    fields = _fields(d, ns, src, problems, marked)
    if problems:
        raise InputError(problems)
    return Texts(body, notes, appendix_tables, fields, marked)


def used_notes(d: Dispatch, texts: Texts, fig: Figures | None) -> set[str]:
    """The footnotes the document will print: marked in the body, or in a unit's note of an
    appendix that has a "Ghi chú" column (every unit is a row of every appendix)."""
    used = {r.note for r in block_runs([*texts.body, *texts.appendix_tables.values()]) if r.note}
    if fig is not None and any(c.source == "ghi_chu" for spec in d.appendices for c in columns_of(spec, "")):
        used |= {r.note for u in fig.units if u.note for r in parse_inline(u.note) if r.note}
    return used


def unused_notes(d: Dispatch, texts: Texts, fig: Figures | None, src: Located) -> list[Problem]:
    """A warning for each note of ``chu_thich`` that nothing marks (``render`` and ``check`` alike)."""
    used = used_notes(d, texts, fig)
    return [
        src.problem(f"chu_thich.{k}", _("chú thích “{label}” không được dùng ở đâu", label=k), "warning")
        for k in d.notes
        if k not in used
    ]
