"""A served folder for the web tests: one dispatch with its units written in the YAML."""

from __future__ import annotations

from pathlib import Path

VALID = Path(__file__).parent / "bad" / "hop-le.yaml"
#: the valid dispatch's units, as it writes them (2 units: 10/8 and 6/2 → 10/16, 62,50%)
UNITS = (
    "  don_vi:\n    - {ten: Đảng ủy xã Bình An, khoi: Xã, chi_tieu: 10, dat: 8}\n"
    "    - {ten: Đảng ủy xã Bình Hòa, khoi: Xã, chi_tieu: 6, dat: 2}\n"
)
NAME = "cong-van.yaml"


def make_folder(folder: Path) -> Path:
    text = VALID.read_text(encoding="utf-8")
    assert UNITS in text
    (folder / NAME).write_text(text, encoding="utf-8")
    (folder / "khac").mkdir()
    (folder / "khac" / "thu-hai.yaml").write_text(text, encoding="utf-8")
    return folder / NAME


class Server:
    """The page's server on a free port of 127.0.0.1, in a thread (uvicorn), for one test module."""

    def __init__(self, folder: Path, lang: str = "vi") -> None:
        import socket
        import threading
        import time

        import uvicorn

        from dispatch_gen import i18n
        from dispatch_gen.web import app, security

        i18n.set_language(lang)
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.token = security.new_token()
        application = app.build(folder, self.token, security.allowed_hosts("127.0.0.1", self.port), self.port)
        self.server = uvicorn.Server(uvicorn.Config(application, log_level="warning", lifespan="on"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)
        self.thread.start()
        for _ in range(200):
            if self.server.started:
                break
            time.sleep(0.05)
        assert self.server.started
        self.base = f"http://127.0.0.1:{self.port}"
        self.url = f"{self.base}/?token={self.token}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.sock.close()
