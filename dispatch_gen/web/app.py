"""The routes of the clerk's page: a Starlette application behind :class:`security.Guard`.

``/`` is the page (static HTML, script and style shipped in ``static/``); ``/api/…`` answers it
in JSON: the folder's dispatches, one opened with its version, the live analysis of the
editor's text (:mod:`analysis`), the form's edits applied to the text (:mod:`yamledit`), saves
(:mod:`documents`), uploads, and the long work (:mod:`outputs`) with its progress and files.
"""

from __future__ import annotations

import contextlib
import json
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from dispatch_gen import i18n, scaffold
from dispatch_gen.i18n import _
from dispatch_gen.input import schema, sheets, source
from dispatch_gen.web import analysis, outputs, security, strings, yamledit
from dispatch_gen.web.documents import Conflict, Folder, Refused

STATIC = Path(__file__).parent / "static"
#: a JSON request: the YAML text (2 MB at most) and a little more
MAX_JSON_BYTES = 2 * source.MAX_YAML_BYTES + 65536
MAX_DOCX_BYTES = 20 * 1024 * 1024


def _error(message: str, status: int = 400, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": message, **extra}, status_code=status)


class Page:
    """The state of one server: its folder and its jobs."""

    def __init__(self, folder: Path) -> None:
        self.folder = Folder(folder)
        self.jobs = outputs.Jobs()

    async def json_body(self, request: Request) -> dict[str, Any]:
        raw = await security.read_limited(request, MAX_JSON_BYTES)
        try:
            body = json.loads(raw or b"{}")
        except (ValueError, UnicodeDecodeError):
            raise Refused(_("yêu cầu không đọc được")) from None
        if not isinstance(body, dict):
            raise Refused(_("yêu cầu không đọc được"))
        return body

    def _text(self, body: dict[str, Any]) -> tuple[Path, str]:
        name, text = body.get("name"), body.get("text")
        if not isinstance(name, str) or not isinstance(text, str):
            raise Refused(_("yêu cầu không đọc được"))
        if len(text.encode("utf-8")) > source.MAX_YAML_BYTES:
            raise Refused(_("tệp quá lớn (tối đa {limit} MB)", limit=source.MAX_YAML_BYTES // 1048576), 413)
        return self.folder.resolve(name, (".yaml", ".yml")), text

    # --- the routes ------------------------------------------------------------------------

    async def index(self, request: Request) -> Response:
        page = (STATIC / "index.html").read_text(encoding="utf-8").replace("{{lang}}", i18n.get_language())
        return Response(page, media_type="text/html; charset=utf-8", headers=_PAGE_HEADERS)

    async def config(self, request: Request) -> Response:
        from dispatch_gen.output import pdf

        return JSONResponse(
            {
                "lang": i18n.get_language(),
                "strings": strings.page_strings(),
                "schema": schema.build_schema(),
                "folder": str(self.folder.root),
                "pdf": pdf.pdf_available(),
                "selections": ["cham", "khen", "tat_ca"],
            }
        )

    async def list_files(self, request: Request) -> Response:
        return JSONResponse({"files": await run_in_threadpool(self.folder.list)})

    async def open_file(self, request: Request) -> Response:
        name = request.query_params.get("name", "")
        opened = await run_in_threadpool(self.folder.open, name)
        path = self.folder.resolve(name, (".yaml", ".yml"))
        result = await run_in_threadpool(analysis.analyze, path, opened.text)
        return JSONResponse({"name": opened.name, "text": opened.text, "version": opened.version, **result})

    async def analyze(self, request: Request) -> Response:
        path, text = self._text(await self.json_body(request))
        return JSONResponse(await run_in_threadpool(analysis.analyze, path, text))

    async def edit(self, request: Request) -> Response:
        body = await self.json_body(request)
        path, text = self._text(body)
        ops = body.get("ops")
        if not isinstance(ops, list) or not all(isinstance(o, dict) and "op" in o and "path" in o for o in ops):
            raise Refused(_("yêu cầu không đọc được"))
        try:
            new, kept = await run_in_threadpool(yamledit.apply, text, ops)
        except ValueError:
            raise Refused(_("sửa lỗi cú pháp trong ô YAML trước, rồi sửa bằng biểu mẫu"), 409) from None
        result = await run_in_threadpool(analysis.analyze, path, new)
        return JSONResponse({"text": new, "kept_comments": kept, **result})

    async def save(self, request: Request) -> Response:
        body = await self.json_body(request)
        path, text = self._text(body)
        version = body.get("version")
        try:
            new = await run_in_threadpool(self.folder.save, self.folder.name_of(path), text, version or None)
        except Conflict as exc:
            return _error(
                _("tệp đã được sửa ở nơi khác từ khi mở trang; mở lại tệp, hoặc lưu đè lên bản đó"),
                409,
                conflict=True,
                version=exc.version,
            )
        return JSONResponse({"version": new})

    async def new_file(self, request: Request) -> Response:
        body = await self.json_body(request)
        name = body.get("name")
        if not isinstance(name, str):
            raise Refused(_("yêu cầu không đọc được"))
        if not name.lower().endswith((".yaml", ".yml")):
            name += ".yaml"
        version = await run_in_threadpool(self.folder.create, name, scaffold.EXAMPLE_YAML)
        path = self.folder.resolve(name, (".yaml", ".yml"))
        from dispatch_gen.output.save import write_bytes

        for extra, content in (
            (scaffold.SHEET_NAME, scaffold.workbook_bytes),
            (schema.SCHEMA_FILE, lambda: schema.schema_text().encode("utf-8")),
        ):
            if not (path.parent / extra).exists():  # what the example names, beside it
                await run_in_threadpool(write_bytes, path.parent / extra, content())
        return JSONResponse({"name": self.folder.name_of(path), "version": version})

    async def upload_sheet(self, request: Request) -> Response:
        name = request.query_params.get("name", "")
        filename = request.query_params.get("filename", "")
        data = await security.read_limited(request, sheets.MAX_SHEET_BYTES)
        saved = await run_in_threadpool(self.folder.save_sheet, name, filename, data)
        return JSONResponse({"tep": saved})

    async def start_job(self, request: Request) -> Response:
        body = await self.json_body(request)
        kind = body.get("kind")
        if kind not in outputs.KINDS or kind == "check":
            raise Refused(_("yêu cầu không đọc được"))
        path, text = self._text(body)
        options = body.get("options") if isinstance(body.get("options"), dict) else {}
        job = self.jobs.start(str(kind), outputs.render_work(str(kind), path, text, options or {}))
        return JSONResponse(job.state_json())

    async def check_docx(self, request: Request) -> Response:
        filename = Path(request.query_params.get("filename", "van-ban.docx").replace("\\", "/")).name
        data = await security.read_limited(request, MAX_DOCX_BYTES)
        fd, tmp = tempfile.mkstemp(suffix=".docx", prefix="kiem-tra-", dir=self.jobs.root)
        with open(fd, "wb") as fh:
            fh.write(data)
        job = self.jobs.start("check", outputs.check_work(Path(tmp), filename))
        return JSONResponse(job.state_json())

    async def import_docx(self, request: Request) -> Response:
        """A new dispatch read from an uploaded Word file (the `import` command's reader)."""
        filename = Path(request.query_params.get("filename", "van-ban.docx").replace("\\", "/")).name
        name = request.query_params.get("name", "") or Path(filename).stem + ".yaml"
        if not name.lower().endswith((".yaml", ".yml")):
            name += ".yaml"
        data = await security.read_limited(request, MAX_DOCX_BYTES)
        fd, tmp = tempfile.mkstemp(suffix=".docx", prefix="nhap-", dir=self.jobs.root)
        with open(fd, "wb") as fh:
            fh.write(data)
        try:
            text, warnings = await run_in_threadpool(outputs.import_text, Path(tmp), filename)
        finally:
            Path(tmp).unlink(missing_ok=True)
        version = await run_in_threadpool(self.folder.create, name, text)
        return JSONResponse(
            {
                "name": self.folder.name_of(self.folder.resolve(name, (".yaml", ".yml"))),
                "version": version,
                "warnings": warnings,
            }
        )

    def _job(self, request: Request) -> outputs.Job:
        job = self.jobs.get(request.path_params["job"])
        if job is None:
            raise Refused(_("không có việc này (máy chủ đã khởi động lại?)"), 404)
        return job

    async def job_state(self, request: Request) -> Response:
        return JSONResponse(self._job(request).state_json())

    async def job_file(self, request: Request) -> Response:
        job = self._job(request)
        if job.file is None:
            raise Refused(_("việc này chưa có tệp để tải về"), 404)
        return FileResponse(job.file, filename=job.download_name)

    async def job_pdf(self, request: Request) -> Response:
        job = self._job(request)
        if job.pdf is None:
            raise Refused(_("việc này chưa có tệp để tải về"), 404)
        return FileResponse(job.pdf, media_type="application/pdf", content_disposition_type="inline")

    async def job_page(self, request: Request) -> Response:
        job = self._job(request)
        n = request.path_params["n"]
        if not 1 <= n <= len(job.pages):
            raise Refused(_("không có trang {n}", n=n), 404)
        return FileResponse(job.pages[n - 1], media_type="image/png")


_PAGE_HEADERS = {
    "content-security-policy": "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; "
    "script-src 'self'; frame-ancestors 'none'",
    "x-frame-options": "DENY",
    "cache-control": "no-store",
}


def build(folder: Path, token: str, hosts: set[str], port: int) -> Any:
    """The ASGI application serving ``folder``, behind the token and Host checks."""
    page = Page(folder)

    async def on_error(request: Request, exc: Exception) -> Response:
        if isinstance(exc, Refused):
            return _error(exc.message, exc.status)
        if isinstance(exc, security.TooLarge):
            return _error(_("tệp gửi lên quá lớn (tối đa {limit} MB)", limit=exc.limit // 1048576), 413)
        raise exc

    routes = [
        Route("/", page.index),
        Route("/api/config", page.config),
        Route("/api/files", page.list_files),
        Route("/api/open", page.open_file),
        Route("/api/analyze", page.analyze, methods=["POST"]),
        Route("/api/edit", page.edit, methods=["POST"]),
        Route("/api/save", page.save, methods=["POST"]),
        Route("/api/new", page.new_file, methods=["POST"]),
        Route("/api/sheet", page.upload_sheet, methods=["PUT"]),
        Route("/api/jobs", page.start_job, methods=["POST"]),
        Route("/api/check", page.check_docx, methods=["PUT"]),
        Route("/api/import", page.import_docx, methods=["PUT"]),
        Route("/api/jobs/{job}", page.job_state),
        Route("/api/jobs/{job}/file", page.job_file),
        Route("/api/jobs/{job}/page/{n:int}", page.job_page),
        Route("/api/jobs/{job}/pdf", page.job_pdf),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        from dispatch_gen.output import pdf

        if pdf.pdf_available():  # the first preview finds LibreOffice started
            outputs.office().start()
        yield
        page.jobs.close()

    app = Starlette(
        routes=routes,
        exception_handlers={Refused: on_error, security.TooLarge: on_error},
        lifespan=lifespan,
        max_body_size=MAX_DOCX_BYTES + 65536,
    )
    app.state.page = page
    return security.Guard(app, token, hosts, port)
