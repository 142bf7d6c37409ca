"""Batches: one letter per unit (``render --moi-don-vi cham``), or many YAML files at once.

A provincial or district office sends the same reminder to dozens or hundreds of units, each
with its own figures. A *job* is one document to write; its output name is predictable
(``<yaml>.docx``; ``<yaml>-<NN>-<unit slug>.docx`` for a per-unit letter, NN the unit's order
in the data). Jobs run in this process when there are few, else over the CPU cores in worker
processes; each worker loads a YAML and its templates once (the engine's cache) and renders
every job it is given. Each document is saved atomically, and one that fails (its input has
problems, its folder cannot be written) does not stop the others: every outcome is returned
and the CLI reports them. Nothing here prints.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from dispatch_gen import i18n
from dispatch_gen.errors import DispatchError, InputError, OutputError, Problem
from dispatch_gen.i18n import _
from dispatch_gen.input import kinds

if TYPE_CHECKING:
    from dispatch_gen.pipeline import Loaded

#: the selections of ``--moi-don-vi``: value → the Figures attribute it names
SELECTIONS = {"cham": "lagging", "khen": "praised", "tat_ca": "units"}
#: more documents than this are spread over worker processes (starting one costs ~50 ms)
PARALLEL_ABOVE = 8


@dataclass(frozen=True)
class Job:
    """One document to write: ``input`` rendered to ``output``, for one unit when ``unit`` is set."""

    input: Path
    output: Path
    unit: int | None = None  # the unit's index in the figures (a per-unit letter)
    label: str = ""  # the unit's name, for messages
    marks: bool = True  # the values from the data in content controls (render --khong-danh-dau: False)


@dataclass
class Outcome:
    """What became of one job: written (with its warnings), or its problems."""

    job: Job
    ok: bool
    warnings: list[Problem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    error: str = ""  # an output or internal error, already translated
    internal: bool = False  # a bug, not the user's input (exit status 3)
    rule_set: str = ""  # the rule-set line of a written document (pipeline.rule_set_line), translated


def slug(text: str, limit: int = 60) -> str:
    """A file-name piece: ASCII, lowercase, Vietnamese diacritics removed, đ → d, words joined by hyphens.

    >>> slug("Đảng ủy xã Bình Châu"), slug("Chi bộ Tài chính – Kế hoạch và Thống kê")
    ('dang-uy-xa-binh-chau', 'chi-bo-tai-chinh-ke-hoach-va-thong-ke')
    >>> slug("Đảng uỷ Trường THCS & THPT Vạn Tường"), slug("***")
    ('dang-uy-truong-thcs-thpt-van-tuong', 'don-vi')
    """
    text = text.replace("đ", "d").replace("Đ", "D")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return words[:limit].rstrip("-") or "don-vi"


def file_jobs(inputs: list[Path], outdir: Path | None) -> list[Job]:
    """One job per YAML file: ``<stem>.docx`` in ``outdir`` (or next to the YAML when None)."""
    jobs = [Job(p, (outdir if outdir is not None else p.parent) / (p.stem + ".docx")) for p in inputs]
    _refuse_shared_outputs(jobs)
    return jobs


def unit_jobs(ld: Loaded, input_yaml: Path, selection: str, outdir: Path) -> list[Job]:
    """One job per selected unit of a loaded dispatch, in the units' data order.

    Raises :class:`InputError` when the dispatch has no figures or the selection is empty.
    """
    fig, src = ld.figures, ld.src
    if fig is None:
        raise InputError(
            [
                src.problem(
                    "so_lieu", _("gửi riêng từng đơn vị (--moi-don-vi) cần số liệu các đơn vị: thêm mục “so_lieu”")
                )
            ]
        )
    kind = kinds.kind_of(ld.dispatch, ld.profile)
    if kind["addressee"] == "khong":  # each letter is addressed to its unit by its Kính gửi
        message = _(
            "gửi riêng từng đơn vị (--moi-don-vi) ghi tên đơn vị ở phần Kính gửi; văn bản loại {code} ({kind})"
            " không có phần đó",
            code=kind["code"] or ld.dispatch.doc_type,
            kind=kind["name"],
        )
        raise InputError([src.problem("loai", message)])
    units = getattr(fig, SELECTIONS[selection])
    if not units:
        if selection == "tat_ca":
            message = _("không có đơn vị nào để gửi")
        elif getattr(ld.dispatch.figures, SELECTIONS[selection]) is None:  # no rule declared
            message = _("chưa khai cách chọn đơn vị “{selection}”: thêm “so_lieu.{selection}”", selection=selection)
        else:
            message = _("không có đơn vị nào thuộc nhóm “{selection}” theo số liệu", selection=selection)
        raise InputError([src.problem(f"so_lieu.{selection}" if selection != "tat_ca" else "so_lieu", message)])
    width = max(2, len(str(len(fig.units))))
    jobs = [
        Job(input_yaml, outdir / f"{input_yaml.stem}-{u.index + 1:0{width}d}-{slug(u.name)}.docx", u.index, u.name)
        for u in sorted(units, key=lambda u: u.index)
    ]
    _refuse_shared_outputs(jobs)
    return jobs


def check_outputs(jobs: list[Job], inputs: list[Path], template: Path | None, pdf: bool, force: bool) -> None:
    """Refuse a batch whose outputs (.docx, and PDF with ``pdf``) would replace one of its YAMLs
    or the template, or (without ``force``) a PDF that is not an earlier output; each job checks
    its own inputs (figures, profile) when it runs (:func:`run_job`)."""
    from dispatch_gen.output import guard

    read = [guard.Input(p, _("tệp YAML")) for p in inputs]
    read += [guard.Input(template, _("mẫu --template"))] if template else []
    pdfs = [(guard.pdf_target(j.output), "--pdf") for j in jobs] if pdf else []
    guard.check([(j.output, "-o") for j in jobs] + pdfs, read, force=True)
    guard.check(pdfs, [], force)


def _refuse_shared_outputs(jobs: list[Job]) -> None:
    seen: dict[Path, Job] = {}
    for job in jobs:
        key = job.output.resolve()
        if key in seen:
            raise OutputError(
                _(
                    "{a} và {b} sẽ ghi cùng một tệp {path}; hãy đổi tên một tệp YAML",
                    a=seen[key].input,
                    b=job.input,
                    path=job.output,
                )
            )
        seen[key] = job


@lru_cache(maxsize=4)
def _loaded(path: Path, mtime_ns: int, convert_legacy: bool) -> Loaded:
    from dispatch_gen import pipeline

    return pipeline.load(path, convert_legacy)


def load_once(path: Path, convert_legacy: bool = False) -> Loaded:
    """The YAML loaded and validated once per process (a per-unit batch renders it N times)."""
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:  # not cached: pipeline.load reports the missing file, located
        from dispatch_gen import pipeline

        return pipeline.load(path, convert_legacy)
    return _loaded(path, mtime, convert_legacy)


def run_job(job: Job, convert_legacy: bool = False, template: Path | None = None, force: bool = False) -> Outcome:
    """Render and save one job; every failure becomes an :class:`Outcome`, never an exception.

    The output is refused when it is one of the job's inputs, or (without ``force``) a file
    that is not an earlier output of the tool (:mod:`dispatch_gen.output.guard`).
    """
    from dispatch_gen import pipeline
    from dispatch_gen.output import guard, save

    try:
        ld = load_once(job.input, convert_legacy)
        guard.check([(job.output, "-o")], guard.inputs_of(ld, template), force)
        recipient = ld.figures.units[job.unit] if job.unit is not None and ld.figures else None
        doc, warnings = pipeline.build_dispatch(ld, template, recipient, marks=job.marks)
        save.save_document(doc, job.output)
        return Outcome(job, True, warnings, rule_set=pipeline.rule_set_line(ld))
    except InputError as exc:
        return Outcome(job, False, problems=exc.problems)
    except DispatchError as exc:
        return Outcome(job, False, error=str(exc))
    except Exception as exc:  # a bug: reported with this job, the other jobs go on
        return Outcome(job, False, error=f"{type(exc).__name__}: {exc}", internal=True)


def _init_worker(language: str) -> None:
    i18n.set_language(language)


def _run_chunk(jobs: list[Job], convert_legacy: bool, template: Path | None, force: bool) -> list[Outcome]:
    return [run_job(j, convert_legacy, template, force) for j in jobs]


def render_jobs(
    jobs: list[Job],
    convert_legacy: bool = False,
    template: Path | None = None,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    force: bool = False,
) -> list[Outcome]:
    """Render every job; outcomes in job order. ``progress(done, total)`` after each document.

    Up to :data:`PARALLEL_ABOVE` documents render here; more are spread over ``workers``
    processes (default: the CPU count), a few documents per task so that each worker's
    caches serve many documents and the progress still moves.
    """
    total = len(jobs)
    workers = workers or os.cpu_count() or 1
    if total <= PARALLEL_ABOVE or workers < 2:
        outcomes = []
        for i, job in enumerate(jobs, 1):
            outcomes.append(run_job(job, convert_legacy, template, force))
            if progress:
                progress(i, total)
        return outcomes
    workers = min(workers, total)
    size = max(1, min(8, total // (workers * 4)))
    chunks = [jobs[i : i + size] for i in range(0, total, size)]
    by_job: dict[Job, Outcome] = {}
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(i18n.get_language(),)) as pool:
        futures = [pool.submit(_run_chunk, chunk, convert_legacy, template, force) for chunk in chunks]
        done = 0
        for fut in as_completed(futures):
            for outcome in fut.result():
                by_job[outcome.job] = outcome
                done += 1
                if progress:
                    progress(done, total)
    return [by_job[j] for j in jobs]


def common_rule_set(outcomes: list[Outcome]) -> str | None:
    """The rule-set line shared by every written document of a batch, or None when they differ.

    >>> a, b = Job(Path("a.yaml"), Path("a.docx")), Job(Path("b.yaml"), Path("b.docx"))
    >>> common_rule_set([Outcome(a, True, rule_set="x"), Outcome(b, True, rule_set="x")])
    'x'
    >>> common_rule_set([Outcome(a, True, rule_set="x"), Outcome(b, True, rule_set="y")]) is None
    True
    """
    lines = {o.rule_set for o in outcomes if o.ok}
    return lines.pop() if len(lines) == 1 else None
