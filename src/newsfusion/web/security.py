"""Access control and security headers: one pure ASGI middleware in front of the app.

* **Token.** With a token, every request must carry it: ``Authorization:
  Bearer TOKEN`` (API clients), or ``?token=TOKEN`` once in a page address,
  answered by a redirect to the same address without it and a cookie
  (HttpOnly, SameSite=Strict) for the pages and the API calls they make.
* **Write actions** (merge/split entities, rate sources, the workbench's
  decisions) need the token in the ``Authorization`` header: never from a
  cookie or the query string alone, so another web site cannot make a browser
  send one (no CSRF). The pages write with ``fetch`` and the header
  ``X-Newsfusion-Page: <the page key>`` (a random secret of this server,
  written into each page; another site can neither read it nor send a custom
  header without a CORS preflight, which is never granted), together with the
  token cookie on a server with a token, or on a loopback-only server without
  a token (its Host check keeps DNS rebinding out). A server without a token
  and without the loopback Host check has no writes.
* **Host header.** Without a token (loopback only) requests must name a
  loopback host, so a web page cannot reach the server through DNS rebinding.
* **Request bodies** are read here, before the app sees them, at most
  :data:`MAX_BODY` bytes however they are sent: a ``Content-Length`` above it
  is refused at once, a chunked body as soon as its bytes pass it (413, the
  connection closed; the rest is never read). A POST is checked for write
  permission *before* its body is read.
* **NUL** in the address (path or ``%00`` in the query) is a 400: it is never
  part of a name, and PostgreSQL refuses it in any string.
* **Headers** on every response: a Content-Security-Policy that allows
  scripts, styles, images and fetches from this server only (no inline
  script), ``X-Content-Type-Options: nosniff``, no referrer, no framing.
"""

from __future__ import annotations

import hmac
import json
import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from html import escape
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode

from .errors import BadRequest, Forbidden, TooLarge, Unauthorized, WebError, as_web_error, error_body

log = logging.getLogger("newsfusion.web")

COOKIE = "nf_token"
PAGE_HEADER = "x-newsfusion-page"
MAX_BODY = 64 * 1024
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")

CSP = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]

Scope = dict[str, Any]
Send = Callable[[dict[str, Any]], Awaitable[None]]


@dataclass(frozen=True)
class Access:
    token: str | None = None
    allowed_hosts: tuple[str, ...] | None = None  # None: any Host header
    page_key: str = field(default_factory=lambda: secrets.token_urlsafe(24))  # the pages' write header

    @property
    def writes_allowed(self) -> bool:
        return self.token is not None

    @property
    def page_writes(self) -> bool:
        """Whether the pages may write: with a token (cookie + page key), or loopback-only without one."""
        return self.token is not None or (self.allowed_hosts is not None and all(h in LOOPBACK_HOSTS for h in self.allowed_hosts))

    def page_key_ok(self, value: str | None) -> bool:
        return bool(value) and hmac.compare_digest(value.encode(), self.page_key.encode())  # type: ignore[union-attr]


def is_api(path: str) -> bool:
    return path.startswith("/api/") or path == "/api" or path == "/openapi.json"


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}


def _host(value: str) -> str:
    value = value.strip().lower()
    if value.startswith("["):
        return value[: value.find("]") + 1] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def error_response(path: str, err: WebError) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    """(status, headers, body): JSON under /api/, a small HTML page elsewhere."""
    if is_api(path):
        body = json.dumps(error_body(err), ensure_ascii=False).encode()
        return err.status, [(b"content-type", b"application/json")], body
    page = (
        "<!doctype html><html lang=en><meta charset=utf-8><title>newsfusion: error</title>"
        '<main class="error-page">'  # no stylesheet: without the token it could not load either
        f"<h1>{err.status}</h1><p>{escape(err.message)}</p><p class=fix>{escape(err.fix)}</p><p class=code>{escape(err.code)}</p></main>"
    )
    return err.status, [(b"content-type", b"text/html; charset=utf-8")], page.encode()


class Guard:
    """The middleware: host check, body size, token, security headers."""

    def __init__(self, app: Any, access: Access):
        self.app = app
        self.access = access

    async def __call__(self, scope: Scope, receive: Any, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        started = False
        head = scope["method"] == "HEAD"
        if head:  # answered as GET without the body (FastAPI routes are GET only)
            scope = dict(scope, method="GET")

        async def send_secure(message: dict[str, Any]) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), *HEADERS]
            elif head and message["type"] == "http.response.body":
                message = dict(message, body=b"")
            await send(message)

        headers = _headers(scope)
        err = self._check_host(headers) or self._check_address(scope) or self._check_size(headers)
        auth = None
        if err is None and self.access.token is not None:
            auth = self._auth(scope, headers)
            if auth is None:
                err = Unauthorized("this server needs a token", "send 'Authorization: Bearer TOKEN', or open the page once with ?token=TOKEN")
            elif auth == "query" and scope["method"] == "GET" and not is_api(scope["path"]):
                await self._redirect_with_cookie(scope, send_secure)
                return
        if err is None and scope["method"] == "POST":
            if self._page_writer(auth, headers):
                auth = "page"
            else:
                err = self._check_writer(auth)
        if err is None and _has_body(headers):
            body, err = await _read_body(receive)
            receive = _replay(body, receive)
        if err is not None:
            await self._respond(scope["path"], err, send_secure, close=True)
            return
        scope.setdefault("state", {})["auth"] = auth
        try:
            await self.app(scope, receive, send_secure)
        except Exception as exc:  # an error no handler answered: a 500 that reveals nothing
            log.exception("%s %s failed", scope.get("method"), scope.get("path"))
            if started:
                raise
            await self._respond(scope["path"], as_web_error(exc), send_secure)

    def _check_host(self, headers: dict[str, str]) -> WebError | None:
        allowed = self.access.allowed_hosts
        if allowed is None or _host(headers.get("host", "")) in allowed:
            return None
        return BadRequest("unexpected Host header", "open the server by its loopback address, e.g. http://127.0.0.1:8000/", code="E710")

    @staticmethod
    def _check_address(scope: Scope) -> WebError | None:
        if "\x00" in scope.get("path", "") or b"%00" in scope.get("query_string", b"").lower():
            return BadRequest("the address holds a NUL character", "remove %00 from the address")
        return None

    def _page_writer(self, auth: str | None, headers: dict[str, str]) -> bool:
        """A page's own write: the page key in its header, and the cookie when the server has a token."""
        if not self.access.page_writes or not self.access.page_key_ok(headers.get(PAGE_HEADER)):
            return False
        if headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
            return False
        return self.access.token is None or auth in ("cookie", "header")

    def _check_writer(self, auth: str | None) -> WebError | None:
        """POST is the write method: refused before its body is read (the routes check again)."""
        if not self.access.writes_allowed:
            return Forbidden("write actions are disabled: this server was started without --token", "restart it with --token, or use the CLI (newsfusion entities merge ...)")
        if auth != "header":
            return Unauthorized("write actions need the token in the Authorization header", "send 'Authorization: Bearer TOKEN'")
        return None

    def _check_size(self, headers: dict[str, str]) -> WebError | None:
        try:
            n = int(headers.get("content-length", "0") or 0)
        except ValueError:
            return BadRequest("bad Content-Length header")
        return TooLarge(f"the request body has {n} bytes; at most {MAX_BODY} are accepted") if n > MAX_BODY else None

    def _auth(self, scope: Scope, headers: dict[str, str]) -> str | None:
        """How the request proved it has the token: header, cookie, query; None if it did not."""
        token = self.access.token or ""
        scheme, _, value = headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer" and hmac.compare_digest(value.strip().encode(), token.encode()):
            return "header"
        cookie = SimpleCookie()
        try:
            cookie.load(headers.get("cookie", ""))
        except Exception:  # noqa: BLE001 - a malformed cookie header is just no cookie
            cookie = SimpleCookie()
        if COOKIE in cookie and hmac.compare_digest(cookie[COOKIE].value.encode(), token.encode()):
            return "cookie"
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True))
        if "token" in query and hmac.compare_digest(query["token"].encode(), token.encode()):
            return "query"
        return None

    async def _redirect_with_cookie(self, scope: Scope, send: Send) -> None:
        """Drop ?token= from the address (it would stay in history) and set the cookie instead."""
        pairs = [(k, v) for k, v in parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True) if k != "token"]
        location = scope.get("raw_path") or scope["path"].encode()
        if pairs:
            location += b"?" + urlencode(pairs).encode("latin-1")
        cookie = f"{COOKIE}={self.access.token}; Path=/; HttpOnly; SameSite=Strict"
        headers = [(b"location", location), (b"set-cookie", cookie.encode("latin-1")), (b"cache-control", b"no-store"), (b"content-length", b"0")]
        await send({"type": "http.response.start", "status": 303, "headers": headers})
        await send({"type": "http.response.body", "body": b""})

    @staticmethod
    async def _respond(path: str, err: WebError, send: Send, *, close: bool = False) -> None:
        """Answer ``err``; ``close``: the request body may be left unread, so end the connection."""
        status, headers, body = error_response(path, err)
        headers = [*headers, (b"content-length", str(len(body)).encode())]
        if close:
            headers.append((b"connection", b"close"))
        if status == 401:
            headers.append((b"www-authenticate", b'Bearer realm="newsfusion"'))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _has_body(headers: dict[str, str]) -> bool:
    return "transfer-encoding" in headers or (headers.get("content-length", "0") or "0").strip() not in ("0", "")


async def _read_body(receive: Any, limit: int | None = None) -> tuple[bytes, WebError | None]:
    """The request body, read message by message; stops as soon as it passes ``limit`` bytes."""
    limit = MAX_BODY if limit is None else limit
    parts, size = [], 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return b"", BadRequest("the client went away before sending the whole request")
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return b"", TooLarge(f"the request body has more than {limit} bytes; at most {limit} are accepted")
        parts.append(chunk)
        if not message.get("more_body", False):
            return b"".join(parts), None


def _replay(body: bytes, receive: Any) -> Any:
    """A ``receive`` that gives the app the body already read, then the server's own messages."""
    sent = False

    async def replay() -> dict[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
