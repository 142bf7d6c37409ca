"""What keeps the page to the clerk who started it: a token, the Host header, bounded bodies.

* The server listens on 127.0.0.1 unless told otherwise (``serve --host``).
* A random token is in the address ``serve`` prints and opens; the first request that carries
  it (``?token=…``) gets it back as an HttpOnly, SameSite=Strict cookie and is sent on to the
  same page without it. Every request without the token (cookie, query or header) is refused
  (403), so another user of the machine, or a web page in another tab, cannot use the server.
* The Host header must name this server (``127.0.0.1:PORT``, ``localhost:PORT`` …): a page of
  a foreign site whose name was pointed at 127.0.0.1 (DNS rebinding) is refused (421).
* A request that changes something must come from this page (no foreign ``Origin``).
* Bodies are read up to a limit (:func:`read_limited`); past it the request is refused (413).
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from http import cookies
from typing import Any
from urllib.parse import parse_qs, urlencode

from dispatch_gen.i18n import _

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

TOKEN_PARAM = "token"
TOKEN_HEADER = "x-dispatch-gen-token"
LOCAL_NAMES = ("127.0.0.1", "localhost", "[::1]")


class TooLarge(Exception):
    """A request body over its limit."""

    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit


def new_token() -> str:
    return secrets.token_urlsafe(24)


def cookie_name(port: int) -> str:
    """One cookie per port: two servers on one machine keep their own tokens."""
    return f"dispatch_gen_{port}"


def allowed_hosts(host: str, port: int) -> set[str]:
    """The Host header values of this server: the loopback names, and ``host`` when it is another."""
    names = set(LOCAL_NAMES)
    if host in ("0.0.0.0", "::"):  # every address of the machine: its name and addresses
        names |= set(machine_names())
    elif host not in ("127.0.0.1", "localhost", "::1"):
        names.add(f"[{host}]" if ":" in host else host)
    return {f"{n}:{port}".lower() for n in names} | ({n.lower() for n in names} if port == 80 else set())


def machine_names() -> list[str]:
    """This machine's name and addresses, as a Host header names them (best effort)."""
    import socket

    found = [socket.gethostname()]
    try:
        found += socket.gethostbyname_ex(socket.gethostname())[2]
    except OSError:
        pass
    return [f"[{n}]" if ":" in n else n for n in found if n]


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return str(value.decode("latin-1"))
    return None


class Guard:
    """ASGI middleware: refuse every request without the token or with a foreign Host."""

    def __init__(self, app: ASGIApp, token: str, hosts: set[str], port: int) -> None:
        self.app, self.token, self.hosts, self.port = app, token, hosts, port

    def _has_token(self, scope: Scope, query: dict[str, list[str]]) -> tuple[bool, bool]:
        """(carries the token, in the query)."""
        jar: cookies.SimpleCookie = cookies.SimpleCookie()
        try:
            jar.load(_header(scope, b"cookie") or "")
        except cookies.CookieError:
            pass
        morsel = jar.get(cookie_name(self.port))
        candidates = [morsel.value if morsel else "", _header(scope, TOKEN_HEADER.encode()) or ""]
        if any(secrets.compare_digest(c.encode(), self.token.encode()) for c in candidates if c):
            return True, False
        given = query.get(TOKEN_PARAM, [""])[0]
        ok = bool(given) and secrets.compare_digest(given.encode(), self.token.encode())
        return ok, ok

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # lifespan: no request to judge
            await self.app(scope, receive, send)
            return
        host = (_header(scope, b"host") or "").lower()
        if host not in self.hosts:
            await _refuse(send, 421, _("địa chỉ “{host}” không phải của máy chủ này", host=host or "-"))
            return
        origin = _header(scope, b"origin")
        if origin and scope["method"] not in ("GET", "HEAD") and origin.split("://", 1)[-1].lower() not in self.hosts:
            await _refuse(send, 403, _("yêu cầu đến từ một trang khác; không thực hiện"))
            return
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        ok, in_query = self._has_token(scope, query)
        if not ok:
            await _refuse(
                send, 403, _("thiếu mã truy cập: hãy mở trang bằng địa chỉ mà lệnh “dispatch-gen serve” in ra")
            )
            return
        if in_query and scope["method"] == "GET":  # set the cookie, then the same address without the token
            rest = {k: v for k, v in query.items() if k != TOKEN_PARAM}
            target = scope.get("path", "/") + (("?" + urlencode(rest, doseq=True)) if rest else "")
            value = f"{cookie_name(self.port)}={self.token}; Path=/; HttpOnly; SameSite=Strict"
            await send(
                {
                    "type": "http.response.start",
                    "status": 303,
                    "headers": [(b"location", target.encode()), (b"set-cookie", value.encode()), *_NO_CACHE],
                }
            )
            await send({"type": "http.response.body", "body": b""})
            return
        await self.app(scope, receive, send)


_NO_CACHE = [(b"cache-control", b"no-store"), (b"referrer-policy", b"no-referrer")]


async def _refuse(send: Send, status: int, message: str) -> None:
    body = message.encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                *_NO_CACHE,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def read_limited(request: Any, limit: int) -> bytes:
    """The request's body, refused (:class:`TooLarge`) past ``limit`` bytes, read as it comes."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise TooLarge(limit)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge(limit)
        chunks.append(chunk)
    return b"".join(chunks)
