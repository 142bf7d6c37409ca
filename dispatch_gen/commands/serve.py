"""`serve` (alias `mo`): the clerk's page in the browser, on this machine only by default."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dispatch_gen.commands.common import EXIT_INPUT, EXIT_OK
from dispatch_gen.i18n import _

if TYPE_CHECKING:  # imported where used: every command builds this one's parser
    import socket

DEFAULT_PORT = 8765
#: ports tried after the default one when it is taken (another page already open)
PORTS_TRIED = 20


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``: ``port``, or (0) the default port or the next free one."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    candidates = [port] if port else [*range(DEFAULT_PORT, DEFAULT_PORT + PORTS_TRIED), 0]
    last: OSError | None = None
    for p in candidates:
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            sock.bind((host, p))
        except OSError as exc:
            sock.close()
            last = exc
            continue
        sock.listen(64)
        return sock
    raise last or OSError(_("không mở được cổng"))


def serve(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from dispatch_gen.web import app, security
    except ImportError as exc:
        print(
            _(
                'thiếu thư viện cho trang soạn thảo ({module}); cài bằng lệnh: pip install "dispatch-gen[web]"',
                module=exc.name,
            ),
            file=sys.stderr,
        )
        return EXIT_INPUT
    folder: Path = args.folder
    if not folder.is_dir():
        print(_("{path}: không phải một thư mục", path=folder), file=sys.stderr)
        return EXIT_INPUT
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(
            _(
                "cảnh báo: trang mở cho cả các máy khác trong mạng ({host}); ai biết địa chỉ có mã truy cập "
                "đều sửa được các tệp trong {path}",
                host=args.host,
                path=folder,
            ),
            file=sys.stderr,
        )
    try:
        sock = bind(args.host, args.port)
    except OSError as exc:
        print(_("không mở được cổng {port}: {error}", port=args.port, error=exc.strerror or exc), file=sys.stderr)
        return EXIT_INPUT
    port = sock.getsockname()[1]
    token = security.new_token()
    shown = "127.0.0.1" if args.host in ("0.0.0.0", "::") else (f"[{args.host}]" if ":" in args.host else args.host)
    url = f"http://{shown}:{port}/?{security.TOKEN_PARAM}={token}"
    application = app.build(folder, token, security.allowed_hosts(args.host, port), port)
    print(_("Trang soạn thảo: {url}", url=url))
    print(_("Thư mục: {path}. Đóng trang bằng Ctrl+C ở cửa sổ này.", path=folder.resolve()))
    sys.stdout.flush()
    if not args.no_browser:
        import webbrowser

        webbrowser.open(url)
    config = uvicorn.Config(application, log_level="warning", access_log=False, lifespan="on")
    uvicorn.Server(config).run(sockets=[sock])
    return EXIT_OK


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "serve",
        aliases=["mo"],
        parents=[common],
        help=_("mở trang soạn thảo công văn trên trình duyệt (trên máy này)"),
        description=_(
            "Mở trang soạn thảo trên trình duyệt: danh sách công văn trong THƯ_MỤC, biểu mẫu và ô YAML,\n"
            "lỗi hiện ngay khi gõ, số liệu tính được, xem trước các trang, tải về .docx, PDF, phụ lục\n"
            "và thư từng đơn vị, kiểm tra thể thức một tệp Word. Chỉ máy này mở được trang (127.0.0.1)."
        ),
        epilog=_("Ví dụ: dispatch-gen serve cong-van-moi\n       dispatch-gen mo . --port 8800 --no-browser"),
    )
    p.add_argument(
        "folder",
        type=Path,
        nargs="?",
        default=Path("."),
        metavar=_("THƯ_MỤC"),
        help=_("thư mục công văn (mặc định: .)"),
    )
    p.add_argument("--port", type=int, default=0, metavar="N", help=_("cổng (mặc định: 8765 hoặc cổng trống kế tiếp)"))
    p.add_argument(
        "--host",
        default="127.0.0.1",
        metavar="H",
        help=_("địa chỉ lắng nghe (mặc định 127.0.0.1: chỉ máy này; địa chỉ khác thì máy khác cũng mở được)"),
    )
    p.add_argument(
        "--khong-mo-trinh-duyet",
        "--no-browser",
        dest="no_browser",
        action="store_true",
        help=_("không tự mở trình duyệt, chỉ in địa chỉ"),
    )
    p.set_defaults(func=serve)
