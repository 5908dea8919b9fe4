"""Hostile requests: bodies bounded however they are sent, permission before the body, NUL and control characters in queries.

The ASGI tests drive the middleware with a counting ``receive`` (no server);
one test streams a chunked body to a real uvicorn server over a socket and
gets its 413 before the body is finished.
"""

from __future__ import annotations

import asyncio
import socket
from concurrent.futures import ThreadPoolExecutor

import pytest

from newsfusion.store.search import clean_query, fts5_query
from newsfusion.web.security import MAX_BODY, Access, Guard

TOKEN = "t0ken-for-hostile-request-tests-0123456789"


class Stream:
    """A request body of ``total`` bytes sent as ``chunk``-byte messages; counts what was read."""

    def __init__(self, total: int, chunk: int = 16 * 1024):
        self.left, self.chunk, self.read = total, chunk, 0

    async def __call__(self):
        n = min(self.chunk, self.left)
        self.left -= n
        self.read += n
        return {"type": "http.request", "body": b"x" * n, "more_body": self.left > 0}


def run_guard(method: str, headers: dict[str, str], stream: Stream, *, token: str | None = TOKEN, path: str = "/api/sources/rate", query: bytes = b""):
    """(status, app_called, body bytes the app received) for one request through the Guard."""
    seen = {"called": False, "body": b""}

    async def app(scope, receive, send):
        seen["called"] = True
        while True:
            m = await receive()
            seen["body"] += m.get("body", b"")
            if not m.get("more_body"):
                break
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})

    out = {}

    async def send(message):
        if message["type"] == "http.response.start":
            out["status"] = message["status"]
            out["headers"] = dict(message["headers"])

    scope = {"type": "http", "method": method, "path": path, "query_string": query, "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()]}
    # in a thread of its own: the browser tests leave an event loop running in this one
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, Guard(app, Access(token, None))(scope, stream, send)).result()
    return out["status"], seen["called"], seen["body"], out["headers"]


AUTH = {"authorization": f"Bearer {TOKEN}"}


def test_a_chunked_10mb_body_is_refused_after_reading_little_of_it():
    stream = Stream(10 * 1024 * 1024)
    status, called, _, headers = run_guard("POST", {**AUTH, "transfer-encoding": "chunked"}, stream)
    assert status == 413 and not called
    assert stream.read <= MAX_BODY + stream.chunk  # stopped as soon as the limit was passed
    assert headers.get(b"connection") == b"close"


def test_a_declared_length_above_the_limit_is_refused_unread():
    stream = Stream(MAX_BODY + 1)
    status, called, _, _ = run_guard("POST", {**AUTH, "content-length": str(MAX_BODY + 1)}, stream)
    assert (status, called, stream.read) == (413, False, 0)


def test_a_lying_content_length_is_still_bounded():
    stream = Stream(5 * 1024 * 1024)
    status, called, _, _ = run_guard("POST", {**AUTH, "content-length": "10"}, stream)
    assert status == 413 and not called and stream.read <= MAX_BODY + stream.chunk


def test_a_small_chunked_body_reaches_the_app_whole():
    stream = Stream(3000, chunk=700)
    status, called, body, _ = run_guard("POST", {**AUTH, "transfer-encoding": "chunked"}, stream)
    assert (status, called, body) == (200, True, b"x" * 3000)


@pytest.mark.parametrize(
    "token, headers, status",
    [
        (TOKEN, {}, 401),  # no token at all
        (TOKEN, {"authorization": "Bearer wrong"}, 401),
        (TOKEN, {"cookie": f"nf_token={TOKEN}"}, 401),  # a cookie is not enough to write
        (None, {}, 403),  # a server without a token has no writes
    ],
)
def test_write_permission_is_checked_before_the_body_is_read(token, headers, status):
    stream = Stream(10 * 1024 * 1024)
    got, called, _, _ = run_guard("POST", {**headers, "transfer-encoding": "chunked"}, stream, token=token)
    assert (got, called, stream.read) == (status, False, 0)


def test_a_chunked_post_to_a_live_server_gets_413_before_it_ends(live_rich):
    """Send headers and 200 KB of chunks, never the last chunk: the answer comes anyway."""
    host, port = live_rich.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as s:
        s.sendall(b"POST /api/sources/rate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
        chunk = b"x" * 8192
        try:
            for _ in range(25):
                s.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        except OSError:
            pass  # the server may close first
        head = s.recv(4096)
    assert head.split(b"\r\n", 1)[0].split(b" ")[1] in (b"403", b"413")  # live_rich has no token: refused before reading


@pytest.mark.parametrize("q", ["a\x00b", "\x00", '\x00"', "x\x1b[31m", "\x01\x02", "tab\there", "\x7f\x85", "%"])
@pytest.mark.parametrize("path", ["/api/search", "/search", "/api/entities", "/entities", "/api/events", "/api/claims"])
def test_control_characters_in_a_query_never_give_500(rich, path, q):
    r = rich.get(path, params={"q": q})
    assert r.status_code < 500, r.text[:300]


@pytest.mark.parametrize("raw", ["q=%ED%A0%80", "q=%C0%AF", "q=%FF%FE", "q=%E2%80%AE%E2%80%AEx"])
def test_undecodable_bytes_in_a_query_never_give_500(rich, raw):
    for path in ("/api/search", "/search"):
        assert rich.get(f"{path}?{raw}").status_code < 500


def test_nul_in_a_path_is_a_400(rich):
    r = rich.get("/api/entities/abc%00def")
    assert r.status_code == 400 and r.json()["code"] == "E710"


@pytest.mark.parametrize(
    "q, expected",
    [
        ("a\x00b", "a b"),
        ("\x1b[31mred", " [31mred"),
        ("clean words", "clean words"),
        ("\x85next", " next"),
    ],
)
def test_clean_query(q, expected):
    assert clean_query(q) == expected


@pytest.mark.parametrize("q, expected", [("a\x00b", '("a" AND "b")'), ("\x00\x01", None), ('"un\x00closed', '("un closed")')])
def test_fts5_query_never_holds_a_control_character(q, expected):
    assert fts5_query(q) == expected
