"""The page's server, through Starlette's TestClient: the token, the Host header, confinement,
size limits, atomic saves with a conflict notice, and the live analysis of unsaved text."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from dispatch_gen import i18n
from dispatch_gen.web import app, security
from tests.web_case import NAME, make_folder

PORT = 8765
TOKEN = "t0ken-for-the-tests"
BASE = f"http://127.0.0.1:{PORT}"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    i18n.set_language("vi")
    make_folder(tmp_path)
    return tmp_path


def client(folder: Path, host: str = "127.0.0.1", base: str = BASE) -> TestClient:
    return TestClient(app.build(folder, TOKEN, security.allowed_hosts(host, PORT), PORT), base_url=base)


def opened(folder: Path) -> TestClient:
    c = client(folder)
    r = c.get(f"/?token={TOKEN}", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == "/"
    cookie = r.headers["set-cookie"]
    assert f"dispatch_gen_{PORT}={TOKEN}" in cookie
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    c.cookies.set(f"dispatch_gen_{PORT}", TOKEN)
    return c


@pytest.mark.parametrize("path", ["/", "/api/files", "/api/config", "/static/app.js", f"/api/open?name={NAME}"])
def test_every_request_without_the_token_is_refused(folder, path):
    c = client(folder)
    r = c.get(path)
    assert r.status_code == 403
    assert "mã truy cập" in r.text
    assert c.get(path + ("&" if "?" in path else "?") + "token=wrong").status_code == 403
    r = c.post("/api/save", json={"name": NAME, "text": "x: 1\n", "version": None})
    assert r.status_code == 403
    assert (folder / NAME).read_text(encoding="utf-8").startswith("# Công văn hợp lệ")


def test_the_token_opens_the_page_and_stays_in_a_cookie(folder):
    c = opened(folder)
    r = c.get("/")
    assert r.status_code == 200
    assert '<html lang="vi">' in r.text
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert c.get("/static/app.js").status_code == 200
    assert c.get("/api/files").json() == {"files": [NAME, "khac/thu-hai.yaml"]}
    # a header carries it too (what a script of the page may send)
    bare = client(folder)
    assert bare.get("/api/files", headers={"X-Dispatch-Gen-Token": TOKEN}).status_code == 200


@pytest.mark.parametrize(
    "host", ["evil.example", f"evil.example:{PORT}", "127.0.0.1:9999", f"attacker.localhost:{PORT}"]
)
def test_a_foreign_host_header_is_refused_even_with_the_token(folder, host):
    c = opened(folder)
    r = c.get("/api/files", headers={"Host": host})
    assert r.status_code == 421
    r = c.get(f"/?token={TOKEN}", headers={"Host": host}, follow_redirects=False)
    assert r.status_code == 421
    assert "set-cookie" not in r.headers


def test_the_loopback_names_are_accepted(folder):
    c = opened(folder)
    for host in (f"localhost:{PORT}", f"[::1]:{PORT}", f"127.0.0.1:{PORT}"):
        assert c.get("/api/files", headers={"Host": host}).status_code == 200


def test_another_host_given_with_host_is_accepted_too(folder):
    c = client(folder, host="192.0.2.7", base=f"http://192.0.2.7:{PORT}")
    assert c.get(f"/api/files?token={TOKEN}").status_code == 200


def test_a_change_from_a_foreign_page_is_refused(folder):
    c = opened(folder)
    r = c.post(
        "/api/save", json={"name": NAME, "text": "x: 1\n", "version": None}, headers={"Origin": "http://evil.example"}
    )
    assert r.status_code == 403
    assert (folder / NAME).read_text(encoding="utf-8").startswith("# Công văn hợp lệ")


@pytest.mark.parametrize("name", ["../ngoai.yaml", "/etc/passwd.yaml", "khac/../../ngoai.yaml", "..\\ngoai.yaml"])
def test_paths_stay_inside_the_folder(folder, name):
    (folder.parent / "ngoai.yaml").write_text("bi_mat: 1\n", encoding="utf-8")
    c = opened(folder)
    r = c.get("/api/open", params={"name": name})
    assert r.status_code in (400, 403)
    assert "bi_mat" not in r.text
    r = c.post("/api/save", json={"name": name, "text": "x: 1\n", "version": None})
    assert r.status_code in (400, 403)
    assert (folder.parent / "ngoai.yaml").read_text(encoding="utf-8") == "bi_mat: 1\n"


def test_only_yaml_files_are_opened_or_saved(folder):
    (folder / "ghi-chu.txt").write_text("riêng\n", encoding="utf-8")
    c = opened(folder)
    assert c.get("/api/open", params={"name": "ghi-chu.txt"}).status_code == 400
    r = c.post("/api/save", json={"name": "ghi-chu.txt", "text": "x: 1\n", "version": None})
    assert r.status_code == 400
    assert (folder / "ghi-chu.txt").read_text(encoding="utf-8") == "riêng\n"


def test_uploads_are_limited_in_size(folder):
    c = opened(folder)
    r = c.put("/api/check?filename=a.docx", content=b"x" * (app.MAX_DOCX_BYTES + 1))
    assert r.status_code == 413
    r = c.post(
        "/api/analyze", content=b"{" + b" " * app.MAX_JSON_BYTES + b"}", headers={"content-type": "application/json"}
    )
    assert r.status_code == 413


def test_a_save_is_refused_when_the_file_changed_on_disk_since_it_was_opened(folder):
    c = opened(folder)
    doc = c.get("/api/open", params={"name": NAME}).json()
    original = (folder / NAME).read_bytes()
    assert doc["version"] == hashlib.sha256(original).hexdigest()
    edited = doc["text"].replace("so: 12", "so: 13")
    (folder / NAME).write_text(doc["text"].replace("so: 12", "so: 99"), encoding="utf-8")  # someone else, meanwhile
    r = c.post("/api/save", json={"name": NAME, "text": edited, "version": doc["version"]})
    assert r.status_code == 409
    assert r.json()["conflict"] is True
    assert "so: 99" in (folder / NAME).read_text(encoding="utf-8")
    # saving over the disk's version, once the clerk chose to
    r = c.post("/api/save", json={"name": NAME, "text": edited, "version": r.json()["version"]})
    assert r.status_code == 200
    assert "so: 13" in (folder / NAME).read_text(encoding="utf-8")
    assert r.json()["version"] == hashlib.sha256((folder / NAME).read_bytes()).hexdigest()
    assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_the_analysis_is_the_check_stage_located_as_check_prints_it(folder):
    c = opened(folder)
    text = (folder / NAME).read_text(encoding="utf-8")
    r = c.post("/api/analyze", json={"name": NAME, "text": text}).json()
    assert r["figures"]["total"] == {"quota": 16, "achieved": 10, "rate": "62,50%"}
    assert r["figures"]["praised"] == ["Đảng ủy xã Bình An"]
    assert r["figures"]["lagging"] == ["Đảng ủy xã Bình Hòa"]
    assert "có 10/16 đảng viên mới." in r["body"][0]
    bad = text.replace("chi_tieu: 6, dat: 2}", "chi_tieu: 6, dat: hai}")
    r = c.post("/api/analyze", json={"name": NAME, "text": bad}).json()
    [p] = [p for p in r["problems"] if p["severity"] == "error"]
    assert p["field"] == "so_lieu.don_vi[1].dat"
    assert p["line"] == 32
    assert p["text"].startswith(f"{folder / NAME}:32:")
    assert (folder / NAME).read_text(encoding="utf-8") == text  # nothing was written


def test_a_form_edit_changes_the_text_in_place_and_the_figures(folder):
    c = opened(folder)
    text = (folder / NAME).read_text(encoding="utf-8")
    ops = [{"op": "set", "path": ["so_lieu", "don_vi", 1, "dat"], "value": 5}]
    r = c.post("/api/edit", json={"name": NAME, "text": text, "ops": ops}).json()
    assert r["kept_comments"] is True
    assert r["text"] == text.replace("chi_tieu: 6, dat: 2}", "chi_tieu: 6, dat: 5}")
    assert r["figures"]["total"] == {"quota": 16, "achieved": 13, "rate": "81,25%"}
    assert "có 13/16 đảng viên mới." in r["body"][0]


def test_a_new_dispatch_is_the_example_of_init(folder):
    from dispatch_gen import scaffold

    c = opened(folder)
    r = c.post("/api/new", json={"name": "moi"})
    assert r.status_code == 200
    assert r.json()["name"] == "moi.yaml"
    assert (folder / "moi.yaml").read_text(encoding="utf-8") == scaffold.EXAMPLE_YAML
    assert (folder / scaffold.SHEET_NAME).is_file()
    r = c.post("/api/new", json={"name": "moi.yaml"})
    assert r.status_code == 409


def test_the_page_speaks_english_with_lang_en(folder):
    i18n.set_language("en")
    try:
        c = opened(folder)
        assert '<html lang="en">' in c.get("/").text
        config = c.get("/api/config").json()
        assert config["lang"] == "en"
        assert config["strings"]["title"] == "Write a dispatch"
        assert config["strings"]["no_libreoffice"].startswith("LibreOffice is not installed")
        r = c.get("/api/open", params={"name": "../x.yaml"})
        assert r.json() == {"error": "“../x.yaml” is outside the open folder"}
    finally:
        i18n.set_language("vi")


def test_a_wildcard_host_accepts_the_machines_own_names_only():
    import socket

    hosts = security.allowed_hosts("0.0.0.0", PORT)
    assert f"{socket.gethostname()}:{PORT}".lower() in hosts
    assert f"127.0.0.1:{PORT}" in hosts
    assert f"evil.example:{PORT}" not in hosts


def test_a_new_dispatch_from_an_old_word_file(folder, rendered):
    """The page's "from a Word file" button: the `import` reader on the upload, a new YAML beside."""
    import yaml

    c = opened(folder)
    assert client(folder).put("/api/import?filename=cu.docx", content=rendered.read_bytes()).status_code == 403
    r = c.put("/api/import?filename=cu.docx", content=rendered.read_bytes())
    assert r.status_code == 200, r.text
    assert r.json()["name"] == "cu.yaml"
    data = yaml.safe_load((folder / "cu.yaml").read_text(encoding="utf-8"))
    assert data["trich_yeu"] == "Tiếp tục tăng cường lãnh đạo công tác kết nạp đảng viên"
    assert c.get("/api/open?name=cu.yaml").status_code == 200
    assert c.put("/api/import?filename=cu.docx", content=rendered.read_bytes()).status_code == 409  # it exists
    r = c.put("/api/import?filename=hong.docx&name=hong.yaml", content=b"PK\x03\x04 not a zip")
    assert r.status_code == 400
    assert "hong.docx" in r.text and "nhap-" not in r.text  # the upload's name, not the temporary copy's
    assert not (folder / "hong.yaml").exists()
