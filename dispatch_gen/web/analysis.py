"""The page's live view of a dispatch: the same input stage as ``check x.yaml``, as JSON.

:func:`analyze` runs :func:`dispatch_gen.pipeline.load` and :func:`~dispatch_gen.pipeline.validate`
on the editor's unsaved text (read in place of the file, so a figures sheet named in it is
found beside the file and every problem names the file, line, column and field as ``check``
prints them); no second validator. It returns the located problems, the values the form
shows, the computed figures and the body text as evaluated, in HTML.
"""

from __future__ import annotations

import datetime as dt
import html
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from dispatch_gen import pipeline, vn
from dispatch_gen.compute import tables, texts
from dispatch_gen.compute.figures import Figures, Tally
from dispatch_gen.compute.markup import Run
from dispatch_gen.errors import DispatchError, InputError, Problem


def problem_json(p: Problem) -> dict[str, Any]:
    return {
        "message": p.message,
        "line": p.line,
        "column": p.column,
        "field": p.field,
        "severity": p.severity,
        "text": str(p),
    }


def plain(value: Any) -> Any:
    """The YAML's values as JSON holds them (a date as the office writes it: 05/8/2024)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dt.date):
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    if isinstance(value, Decimal):
        return float(value)
    return value


def form_data(text: str) -> Any:
    """The values of the text for the form, or None when it is not a YAML mapping (yet)."""
    try:
        data = yaml.safe_load(text)
    except (yaml.YAMLError, RecursionError, ValueError):
        return None
    return plain(data) if isinstance(data, dict) else None


def _tally(t: Tally) -> dict[str, Any]:
    return {
        "quota": t.quota,
        "achieved": t.achieved,
        "rate": vn.format_percent(t.rate) if t.rate is not None else "",
    }


def figures_json(fig: Figures) -> dict[str, Any]:
    return {
        "as_of": vn.text_date(fig.as_of),
        "total": _tally(fig.total),
        "praised": [u.name for u in fig.praised],
        "lagging": [u.name for u in fig.lagging],
        "units": [
            {"name": u.name, "group": u.group, **_tally(u.tally), "praised": u.praised, "lagging": u.lagging}
            for u in fig.units
        ],
        "measures": {k: {"label": m.label, **_tally(m.tally)} for k, m in fig.measures.items()},
    }


def runs_html(runs: list[Run]) -> str:
    out = []
    for r in runs:
        if r.br:
            out.append("<br>")
            continue
        if r.note:
            out.append(f"<sup>[{html.escape(r.note)}]</sup>")
            continue
        piece = html.escape(r.text)
        if r.bold:
            piece = f"<b>{piece}</b>"
        if r.italic:
            piece = f"<i>{piece}</i>"
        out.append(piece)
    return "".join(out)


def block_html(block: list[Run] | tables.PipeTable | tables.UnitsTable) -> str:
    """One block of the body: a paragraph's runs, a typed table, or the place of the units' table."""
    if isinstance(block, tables.UnitsTable):
        return f"<em>[{html.escape(block.name or 'bang_don_vi')}]</em>"
    if isinstance(block, tables.PipeTable):
        head = "".join(f"<th>{runs_html(c)}</th>" for c in block.header)
        rows = "".join("<tr>" + "".join(f"<td>{runs_html(c)}</td>" for c in row) + "</tr>" for row in block.rows)
        return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    return runs_html(block)


def analyze(path: Path, text: str) -> dict[str, Any]:
    """What the page shows of ``text`` (the unsaved content of ``path``)."""
    result: dict[str, Any] = {"data": form_data(text), "problems": [], "figures": None, "body": [], "rule_set": ""}
    try:
        ld = pipeline.load(path, text=text)
        warnings = pipeline.validate(ld)
    except InputError as exc:
        result["problems"] = [problem_json(p) for p in exc.problems]
        return result
    except DispatchError as exc:
        result["problems"] = [problem_json(Problem(str(exc), str(path)))]
        return result
    result["problems"] = [problem_json(p) for p in warnings]
    result["rule_set"] = pipeline.rule_set_line(ld)
    if ld.figures is not None:
        result["figures"] = figures_json(ld.figures)
    evaluated = texts.evaluate_texts(ld.dispatch, texts.text_namespace(ld.dispatch, ld.figures), ld.src)
    result["body"] = [block_html(p) for p in evaluated.body]
    return result
