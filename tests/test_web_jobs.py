"""The page's long work through the server (TestClient): PDF, letters with their PDFs, progress,
and what the page says when LibreOffice is missing."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from dispatch_gen import i18n
from dispatch_gen.output import pdf
from dispatch_gen.web import app, outputs, security
from tests.web_case import NAME, make_folder

PORT = 8766
TOKEN = "another-t0ken"


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    i18n.set_language("vi")
    make_folder(tmp_path)
    c = TestClient(app.build(tmp_path, TOKEN, security.allowed_hosts("127.0.0.1", PORT), PORT))
    c.base_url = f"http://127.0.0.1:{PORT}"
    c.headers["X-Dispatch-Gen-Token"] = TOKEN
    c.text = (tmp_path / NAME).read_text(encoding="utf-8")  # type: ignore[attr-defined]
    return c


def finished(c: TestClient, job: dict) -> dict:
    seen = []
    for _ in range(1200):
        seen.append((job["done"], job["total"]))
        if job["state"] != "running":
            job["seen"] = seen
            return job
        time.sleep(0.1)
        job = c.get(f"/api/jobs/{job['id']}").json()
    raise AssertionError(f"the job did not end: {job}")


def test_the_pdf_and_the_letters_with_their_pdfs(client):
    if not pdf.pdf_available():
        pytest.fail("LibreOffice is needed here: scripts/test.sh installs it")
    job = finished(client, client.post("/api/jobs", json={"kind": "pdf", "name": NAME, "text": client.text}).json())
    assert job["state"] == "done", job
    r = client.get(f"/api/jobs/{job['id']}/file")
    assert r.content.startswith(b"%PDF")
    assert 'filename="cong-van.pdf"' in r.headers["content-disposition"]
    options = {"selection": "tat_ca", "pdf": True}
    body = {"kind": "letters", "name": NAME, "text": client.text, "options": options}
    job = finished(client, client.post("/api/jobs", json=body).json())
    assert job["state"] == "done", job
    assert job["total"] == 3  # two letters, then their PDFs
    with zipfile.ZipFile(io.BytesIO(client.get(f"/api/jobs/{job['id']}/file").content)) as zf:
        names = sorted(zf.namelist())
    assert names == [
        "cong-van-01-dang-uy-xa-binh-an.docx",
        "cong-van-01-dang-uy-xa-binh-an.pdf",
        "cong-van-02-dang-uy-xa-binh-hoa.docx",
        "cong-van-02-dang-uy-xa-binh-hoa.pdf",
    ]


def test_a_job_on_a_text_with_errors_fails_with_the_located_problems(client):
    bad = client.text.replace("dat: 2}", "dat: hai}")
    job = finished(client, client.post("/api/jobs", json={"kind": "docx", "name": NAME, "text": bad}).json())
    assert job["state"] == "failed"
    assert job["message"] == "văn bản còn lỗi; sửa rồi làm lại"
    assert [p["field"] for p in job["problems"]] == ["so_lieu.don_vi[1].dat"]
    assert client.get(f"/api/jobs/{job['id']}/file").status_code == 404


def test_without_libreoffice_the_page_says_so_and_the_docx_is_still_made(client, monkeypatch):
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    assert client.get("/api/config").json()["pdf"] is False
    job = finished(client, client.post("/api/jobs", json={"kind": "preview", "name": NAME, "text": client.text}).json())
    assert job["state"] == "failed"
    assert job["no_pdf"] is True
    assert job["message"].startswith("không tìm thấy LibreOffice")
    job = finished(client, client.post("/api/jobs", json={"kind": "docx", "name": NAME, "text": client.text}).json())
    assert job["state"] == "done"
    assert client.get(f"/api/jobs/{job['id']}/file").content.startswith(b"PK")


def test_an_unknown_kind_of_work_is_refused(client):
    r = client.post("/api/jobs", json={"kind": "rm -rf", "name": NAME, "text": client.text})
    assert r.status_code == 400


def test_a_server_leaves_no_folder_in_the_temp_folder(tmp_path, monkeypatch):
    # an app made and dropped without its shutdown (TestClient outside `with`), and one whose job
    # folder was made: neither leaves its dispatch-gen-web-* folder behind once it is gone
    import gc
    import tempfile

    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    (tmp_path / "docs").mkdir()
    make_folder(tmp_path / "docs")
    built = app.build(tmp_path / "docs", TOKEN, security.allowed_hosts("127.0.0.1", PORT), PORT)
    del built
    gc.collect()
    assert list(temp.iterdir()) == []
    jobs = outputs.Jobs()
    job = jobs.start("docx", lambda job, folder: (folder / "a.txt").write_text("x"))
    for _ in range(100):
        if job.state != "running":
            break
        time.sleep(0.05)
    assert [p.name for p in temp.iterdir()] == [jobs.root.name] and (jobs.root / job.id / "a.txt").exists()
    del jobs, job
    gc.collect()
    assert list(temp.iterdir()) == []
