"""Results are cached until the data changes; another process's change shows once the version is read again."""

from __future__ import annotations

import pytest

import newsfusion.web.context as context
from newsfusion.store import Store
from richkb import build_rich_kb

TOKEN = "cache-test-token-0123456789"


@pytest.fixture
def kb_url(tmp_path):
    url = str(tmp_path / "kb.db")
    build_rich_kb(url)
    return url


def _rating(client, name: str, **kw):
    items = client.get("/api/sources?limit=100", **kw).json()["items"]
    return {s["name"]: s["rating"] for s in items}[name]


def test_an_external_change_shows_once_the_version_is_read_again(kb_url, monkeypatch):
    from conftest import client_for

    monkeypatch.setattr(context, "VERSION_TTL", 3600.0)
    with client_for(kb_url) as c:
        assert _rating(c, "Kivu Dispatch") is None
        with Store(kb_url) as s:  # another process rates it and rebuilds (a new KB version)
            s.rate_source("Kivu Dispatch", "B")
            s.replace_kb(s.load_state())
        assert _rating(c, "Kivu Dispatch") is None  # within the TTL: the cached answer
        c.app.state.cache.version_until = 0.0  # the TTL runs out
        assert _rating(c, "Kivu Dispatch") == "B"
        assert len(c.app.state.cache) >= 2  # both versions' answers were kept (LRU)


def test_own_writes_show_at_once(kb_url, monkeypatch):
    from conftest import client_for

    monkeypatch.setattr(context, "VERSION_TTL", 3600.0)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with client_for(kb_url, token=TOKEN) as c:
        assert _rating(c, "Kivu Dispatch", headers=auth) is None
        assert c.post("/api/sources/rate", json={"name": "Kivu Dispatch", "grade": "C"}, headers=auth).status_code == 202
        assert c.app.state.worker.wait(120)  # the background worker applied it
        assert _rating(c, "Kivu Dispatch", headers=auth) == "C"


def test_the_cache_is_bounded():
    cache = context.ResultCache(size=3)
    for i in range(5):
        cache.put(i, i * i)
    assert len(cache) == 3 and cache.get(0) == (False, None) and cache.get(4) == (True, 16)
    cache.get(2)  # recently used: kept
    cache.put(5, 25)
    assert cache.get(2) == (True, 4) and cache.get(3) == (False, None)


def test_identical_cold_reads_are_coalesced(tmp_path):
    """Twenty threads asking the same uncached thing at once: it is computed once, all get it."""
    import threading
    import time

    from richkb import build_rich_kb
    from starlette.requests import Request

    from newsfusion.web import create_app
    from newsfusion.web.context import read

    url = str(tmp_path / "rich.db")
    build_rich_kb(url)
    app = create_app(url)
    request = Request({"type": "http", "app": app, "method": "GET", "path": "/", "headers": []})
    calls = []

    def slow(conn, x):
        calls.append(x)
        time.sleep(0.3)
        return {"x": x}

    out = []
    threads = [threading.Thread(target=lambda: out.append(read(request, slow, 7))) for _ in range(20)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert out == [{"x": 7}] * 20 and calls == [7] and app.state.cache.coalesced == 19


def _run(make):
    """asyncio.run(make()) in a thread of its own (a browser test's event loop may run in this one)."""
    import asyncio
    import threading

    out: list = []
    th = threading.Thread(target=lambda: out.append(asyncio.run(make())))
    th.start()
    th.join()
    assert out, "the event loop failed (see the thread's traceback)"
    return out[0]


def _app_and_request(tmp_path):
    from starlette.requests import Request

    from newsfusion.web import create_app

    url = str(tmp_path / "rich.db")
    build_rich_kb(url)
    app = create_app(url)
    return app, Request({"type": "http", "app": app, "method": "GET", "path": "/api/x", "headers": []})


def test_identical_cold_api_answers_are_computed_once_and_waiters_hold_no_thread(tmp_path):
    """Twenty identical requests on the event loop: one computation in one worker thread, the others await it."""
    import asyncio
    import threading
    import time

    from newsfusion.web.context import respond

    app, request = _app_and_request(tmp_path)
    calls, threads = [], set()

    def slow(conn, x):
        calls.append(x)
        threads.add(threading.get_ident())
        time.sleep(0.3)
        return {"x": x, "word": "é"}

    async def main():
        return await asyncio.gather(*(respond(request, slow, 7) for _ in range(20)))

    out = _run(main)
    assert calls == [7] and len(threads) == 1 and app.state.cache.coalesced == 19
    assert {r.body for r in out} == {'{"x":7,"word":"é"}'.encode()} and {r.media_type for r in out} == {"application/json"}

    async def again():  # cached: the encoded body, no thread and no computation
        return await respond(request, slow, 7)

    assert _run(again).body == out[0].body and calls == [7]


def test_a_failed_computation_fails_every_waiter_and_is_not_cached(tmp_path):
    import asyncio
    import time

    from newsfusion.errors import QueryError
    from newsfusion.web.context import respond

    app, request = _app_and_request(tmp_path)
    calls = []

    def missing(conn):
        calls.append(1)
        time.sleep(0.2)
        raise QueryError("E305", "no such thing", "look elsewhere")

    async def main():
        return await asyncio.gather(*(respond(request, missing) for _ in range(5)), return_exceptions=True)

    out = _run(main)
    assert len(calls) == 1 and all(isinstance(x, QueryError) for x in out)
    _run(main)
    assert len(calls) == 2  # errors are not remembered


def test_heavy_reads_take_turns_and_cheap_ones_do_not_wait_for_them(tmp_path, monkeypatch):
    """Four different heavy reads at once run at most HEAVY_THREADS at a time; a cheap read meanwhile is answered at once."""
    import asyncio
    import threading
    import time

    from newsfusion.web.context import respond

    monkeypatch.setattr(context, "HEAVY_THREADS", 2)
    app, request = _app_and_request(tmp_path)
    running, most, lock = [0], [0], threading.Lock()
    done_at: dict[str, float] = {}

    def heavy(conn, i):
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        time.sleep(0.3)
        with lock:
            running[0] -= 1
        return i

    def cheap(conn):
        return 0

    async def main():
        t0 = time.perf_counter()

        async def timed(name, coro):
            await coro
            done_at[name] = time.perf_counter() - t0

        await asyncio.gather(*(timed(f"h{i}", respond(request, heavy, i, heavy=True)) for i in range(4)), timed("cheap", respond(request, cheap)))

    _run(main)
    assert most[0] == 2
    assert done_at["cheap"] < min(v for k, v in done_at.items() if k != "cheap")
