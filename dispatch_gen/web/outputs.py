"""The page's long work, one background job each, with its progress: files to download, page images.

A job renders from the editor's text (:func:`dispatch_gen.pipeline.load` with ``text``), into a
private work folder of the server; the page polls its state (``done``/``total``, a stage name)
and then downloads the file, or shows the page images. Kinds:

``docx`` · ``pdf`` · ``appendix-docx`` · ``appendix-xlsx`` · ``letters`` (one letter per unit,
as a .zip, PDFs too on request) · ``preview`` (page images: .docx → PDF through LibreOffice →
PNG through pdftoppm) · ``check`` (an uploaded .docx against the layout rules, with its images).
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import tempfile
import threading
import uuid
import weakref
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dispatch_gen import i18n, pipeline
from dispatch_gen.errors import DispatchError, InputError, PdfUnavailable
from dispatch_gen.i18n import _
from dispatch_gen.web.analysis import problem_json

if TYPE_CHECKING:
    from dispatch_gen.output.warmpdf import WarmOffice

KINDS = ("docx", "pdf", "appendix-docx", "appendix-xlsx", "letters", "preview", "check")
MAX_JOBS = 50
PREVIEW_DPI = 60
PDFTOPPM_SECONDS = 120
#: letters of one batch at most (a larger batch belongs to the command line)
MAX_LETTERS = 2000


@dataclass
class Job:
    id: str
    kind: str
    state: str = "running"  # running, done, failed
    stage: str = ""
    done: int = 0
    total: int = 1
    file: Path | None = None
    download_name: str = ""
    #: the PDF of a preview, shown as it is where no page images can be made (no pdftoppm)
    pdf: Path | None = None
    pages: list[Path] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)
    message: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def state_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "state": self.state,
            "stage": self.stage,
            "done": self.done,
            "total": self.total,
            "download": bool(self.file),
            "name": self.download_name,
            "pages": len(self.pages),
            "pdf": bool(self.pdf),
            "problems": self.problems,
            "message": self.message,
            **self.extra,
        }


def _pages(pdf: Path, folder: Path) -> list[Path]:
    """PNG images of the PDF's pages (pdftoppm); [] when poppler is not installed."""
    binary = shutil.which("pdftoppm")
    if binary is None:
        return []
    subprocess.run(
        [binary, "-r", str(PREVIEW_DPI), "-png", str(pdf), str(folder / "trang")],
        check=True,
        capture_output=True,
        timeout=PDFTOPPM_SECONDS,
    )
    return sorted(folder.glob("trang-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


class Jobs:
    """The jobs of one server, in a private temporary folder removed when it stops.

    The folder is made at the first job or upload, and removed by :meth:`close` (the server's
    shutdown), else when the object is collected or the process ends (``weakref.finalize``): a
    server that never ran its shutdown (an app made and dropped) leaves nothing in the temp folder.
    """

    def __init__(self) -> None:
        self._root: Path | None = None
        self._remove: weakref.finalize[Any, Any] | None = None
        self.jobs: dict[str, Job] = {}
        self.lock = threading.Lock()
        self.language = i18n.get_language()

    @property
    def root(self) -> Path:
        with self.lock:
            if self._root is None:
                self._root = Path(tempfile.mkdtemp(prefix="dispatch-gen-web-"))
                self._remove = weakref.finalize(self, shutil.rmtree, self._root, True)
            return self._root

    def close(self) -> None:
        if self._remove is not None:
            self._remove()
        if _OFFICE:
            _OFFICE[0].close()

    def get(self, job_id: str) -> Job | None:
        with self.lock:
            return self.jobs.get(job_id)

    def start(self, kind: str, work: Callable[[Job, Path], None]) -> Job:
        job = Job(uuid.uuid4().hex, kind)
        root = self.root
        folder = root / job.id
        folder.mkdir()
        with self.lock:
            if len(self.jobs) >= MAX_JOBS:  # the oldest finished job goes, with its files
                for old in [j for j in self.jobs.values() if j.state != "running"][: len(self.jobs) - MAX_JOBS + 1]:
                    del self.jobs[old.id]
                    shutil.rmtree(root / old.id, ignore_errors=True)
            self.jobs[job.id] = job

        def run() -> None:
            i18n.set_language(self.language)
            try:
                work(job, folder)
                job.state = "done"
            except InputError as exc:
                job.problems = [problem_json(p) for p in exc.problems]
                job.message = _("văn bản còn lỗi; sửa rồi làm lại")
                job.state = "failed"
            except PdfUnavailable as exc:
                job.message, job.state = str(exc), "failed"
                job.extra["no_pdf"] = True
            except DispatchError as exc:
                job.message, job.state = str(exc), "failed"
            except Exception as exc:  # a bug: said on the page, the server goes on
                job.message = _("lỗi nội bộ: {error}", error=f"{type(exc).__name__}: {exc}")
                job.state = "failed"

        threading.Thread(target=run, name=f"dispatch-gen-{kind}", daemon=True).start()
        return job


def render_work(kind: str, path: Path, text: str, options: dict[str, Any]) -> Callable[[Job, Path], None]:
    """The work of a job of ``kind`` on the dispatch ``path`` holding ``text`` (unsaved)."""

    def work(job: Job, folder: Path) -> None:
        from dispatch_gen.output import save

        job.stage = _("đang kiểm tra")
        ld = pipeline.load(path, text=text)
        stem = path.stem
        if kind in ("docx", "pdf", "preview"):
            job.stage, job.total = _("đang tạo tệp Word"), 2 if kind != "docx" else 1
            doc, _warnings = pipeline.build_dispatch(ld)
            out = folder / f"{stem}.docx"
            save.save_document(doc, out)
            job.done = 1
            if kind == "docx":
                job.file, job.download_name = out, out.name
                return
            job.stage = _("đang chuyển sang PDF (LibreOffice)")
            pdf = _to_pdf(job, out)
            job.done = 2
            if kind == "pdf":
                job.file, job.download_name = pdf, pdf.name
                return
            job.stage = _("đang dựng ảnh các trang")
            job.pages = _pages(pdf, folder)
            job.file, job.download_name, job.pdf = out, out.name, pdf
        elif kind == "appendix-docx":
            job.stage = _("đang tạo phụ lục")
            out = folder / f"{stem}-phu-luc.docx"
            save.save_document(pipeline.build_appendices(ld), out)
            job.file, job.download_name = out, out.name
        elif kind == "appendix-xlsx":
            from dispatch_gen.output import spreadsheet

            job.stage = _("đang tạo bảng Excel")
            out = folder / f"{stem}-phu-luc.xlsx"
            if not ld.dispatch.appendices:
                pipeline.build_appendices(ld)  # says, located, that the dispatch has no appendix
            spreadsheet.write_xlsx(ld, out)
            job.file, job.download_name = out, out.name
        elif kind == "letters":
            _letters(job, folder, ld, path, str(options.get("selection") or "tat_ca"), bool(options.get("pdf")))

    return work


_OFFICE: list[WarmOffice] = []


def office() -> WarmOffice:
    """The server's LibreOffice, kept started between conversions (:mod:`dispatch_gen.output.warmpdf`)."""
    if not _OFFICE:
        from dispatch_gen.output.warmpdf import WarmOffice

        _OFFICE.append(WarmOffice())
    return _OFFICE[0]


def _to_pdf(job: Job, docx: Path, outdir: Path | None = None) -> Path:
    return office().convert([docx], outdir)[0]


def _letters(job: Job, folder: Path, ld: pipeline.Loaded, path: Path, selection: str, with_pdf: bool) -> None:
    from dispatch_gen import batch
    from dispatch_gen.errors import Problem
    from dispatch_gen.output import save

    if selection not in batch.SELECTIONS:
        raise InputError([Problem(_("nhóm đơn vị không hợp lệ: “{selection}”", selection=selection), str(path))])
    out_dir = folder / "thu"
    out_dir.mkdir()
    jobs = batch.unit_jobs(ld, path, selection, out_dir)[:MAX_LETTERS]
    job.total = len(jobs) + (1 if with_pdf else 0)
    assert ld.figures is not None  # unit_jobs refuses a dispatch without figures
    written = []
    for i, j in enumerate(jobs, 1):
        job.stage = _("đang tạo thư {n}/{total}", n=i, total=len(jobs))
        assert j.unit is not None
        doc, _warnings = pipeline.build_dispatch(ld, recipient=ld.figures.units[j.unit])
        save.save_document(doc, j.output)
        written.append(j.output)
        job.done = i
    pdfs: list[Path] = []
    if with_pdf:
        job.stage = _("đang chuyển {n} thư sang PDF (LibreOffice)", n=len(written))
        pdfs = office().convert(written)  # one LibreOffice process for the whole batch
        job.done = job.total
    job.stage = _("đang nén tệp .zip")
    archive = folder / f"{path.stem}-thu-tung-don-vi.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in written + pdfs:
            zf.write(f, f.name)
    job.file, job.download_name = archive, archive.name


def check_work(docx: Path, original_name: str) -> Callable[[Job, Path], None]:
    """``check`` on an uploaded Word file: the findings, then its page images when LibreOffice is there."""

    def work(job: Job, folder: Path) -> None:
        from dispatch_gen.check.rules import judge_file
        from dispatch_gen.input import profile as profiles

        job.stage, job.total = _("đang kiểm tra thể thức"), 2
        judged = judge_file(docx, profiles.names())
        job.extra["findings"] = [{"severity": f.severity, "message": str(f), "rule": f.rule} for f in judged.findings]
        job.extra["profile"] = judged.profile
        job.extra["rule_set"] = judged.rule_set.name
        job.extra["file_name"] = original_name
        job.done = 1
        job.stage = _("đang dựng ảnh các trang")
        try:
            pdf_path = _to_pdf(job, docx, folder)
            job.pages, job.pdf = _pages(pdf_path, folder), pdf_path
        except PdfUnavailable as exc:
            job.extra["no_pdf"] = True
            job.message = str(exc)
        except DispatchError as exc:
            job.message = str(exc)
        with contextlib.suppress(OSError):
            docx.unlink()
        job.done = 2

    return work


def import_text(docx: Path, original_name: str) -> tuple[str, list[str]]:
    """An uploaded Word file read as the `import` command reads it: its YAML text and the warnings,
    which name the uploaded file's own name rather than the temporary copy."""
    from dispatch_gen.web.documents import Refused
    from dispatch_gen.wordin import import_docx
    from dispatch_gen.wordin.yamlout import dump

    try:
        imported = import_docx(docx)
    except InputError as exc:
        raise Refused("; ".join(str(p).replace(str(docx), original_name) for p in exc.problems)) from None
    return dump(imported.data), [str(w).replace(str(docx), original_name) for w in imported.warnings]
