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
