"""One JSON error shape for every API error, the status on the exception class (datasette's test_error_shape)."""

from __future__ import annotations

import pytest

from newsfusion.errors import QueryError, StoreError
from newsfusion.web.errors import STATUS_CLASS, BadRequest, Forbidden, MethodNotAllowed, NotFound, TooLarge, Unauthorized, Unavailable, WebError, as_web_error
from richkb import DOC_A

SHAPE = {"ok", "status", "code", "error", "fix"}


@pytest.mark.parametrize(
    "method, url, status, code",
    [
        ("GET", "/api/entities/no-such-entity", 404, "E305"),
        ("GET", "/api/documents/no-such-doc", 404, "E305"),
        ("GET", "/api/events/evt_nothing", 404, "E305"),
        ("GET", f"/api/claims/{DOC_A}:c99", 404, "E305"),
        ("GET", "/api/claims/not-a-claim-id", 400, "E307"),
        ("GET", "/api/events/evt_", 400, "E306"),  # an id prefix that matches two events
        ("GET", "/api/nothing-here", 404, "E713"),
        ("GET", "/api/events?limit=501", 400, "E710"),
        ("GET", "/api/events?limit=abc", 400, "E710"),
        ("GET", "/api/events?offset=-1", 400, "E710"),
        ("GET", "/api/events?credibility=9", 400, "E710"),
        ("GET", "/api/events?date_from=yesterday", 400, "E307"),
        ("GET", "/api/events?status=rumoured", 400, "E710"),
        ("GET", "/api/entities?type=animal", 400, "E710"),
        ("GET", "/api/search", 400, "E710"),
        ("GET", "/api/graph?kinds=friendship", 400, "E710"),
        ("DELETE", "/api/events", 405, "E714"),
        ("POST", "/api/entities/merge", 403, "E712"),  # writes need a server token
    ],
)
def test_error_shape(rich, method, url, status, code):
    r = rich.request(method, url)
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == SHAPE and body["ok"] is False and body["status"] == status and body["code"] == code
    assert body["error"] and "\n" not in body["error"]


def test_page_errors_are_html_with_the_same_status(rich):
    r = rich.get("/entities/no-such-entity")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "E305" in r.text and "no entity" in r.text
    r = rich.get("/no/such/page")
    assert r.status_code == 404 and "no such page" in r.text


@pytest.mark.parametrize("cls, status", [(BadRequest, 400), (Unauthorized, 401), (Forbidden, 403), (NotFound, 404), (MethodNotAllowed, 405), (TooLarge, 413), (Unavailable, 503), (WebError, 500)])
def test_status_lives_on_the_class(cls, status):
    err = cls("x")
    assert err.status == status and err.code.startswith("E7")
    if cls is not WebError:
        assert STATUS_CLASS[status] is cls


@pytest.mark.parametrize(
    "exc, status, code",
    [
        (QueryError("E305", "no entity 'x'"), 404, "E305"),
        (QueryError("E306", "'e' matches 2"), 400, "E306"),
        (QueryError("E307", "bad grade"), 400, "E307"),
        (StoreError("E302", "the database is locked"), 503, "E302"),
        (StoreError("E308", "disk full"), 500, "E308"),
        (RuntimeError("secret internals /etc/passwd"), 500, "E719"),
    ],
)
def test_store_errors_map_to_statuses(exc, status, code):
    err = as_web_error(exc)
    assert (err.status, err.code) == (status, code)
    assert "secret" not in err.message  # unexpected errors reveal nothing


def test_unexpected_errors_answer_500_in_the_shape(rich_url, monkeypatch):
    from fastapi.testclient import TestClient

    import newsfusion.store.web_queries as wq
    from newsfusion.web import create_app

    def boom(*a, **k):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(wq, "sources_page", boom)
    with TestClient(create_app(rich_url), raise_server_exceptions=False) as c:
        r = c.get("/api/sources")
    assert r.status_code == 500 and set(r.json()) == SHAPE and r.json()["code"] == "E719" and "secret" not in r.text
    assert r.headers["x-content-type-options"] == "nosniff" and "script-src 'self'" in r.headers["content-security-policy"]
