"""Access control, write actions, security headers and the serve command's refusals."""

from __future__ import annotations

import socket

import pytest
from click.testing import CliRunner

from newsfusion.cli import main
from newsfusion.cli.serve import check_serve, is_loopback
from newsfusion.web.errors import ServeError
from newsfusion.web.security import COOKIE, CSP
from htmlcheck import Tags
from richkb import ENT_M23, ENT_NGOMA, build_rich_kb

TOKEN = "s3cret-token-for-tests-0123456789"


@pytest.fixture
def fresh_url(tmp_path):
    url = str(tmp_path / "rich.db")
    build_rich_kb(url)
    return url


@pytest.fixture
def guarded(fresh_url):
    from conftest import client_for

    with client_for(fresh_url, token=TOKEN) as c:
        yield c


# --------------------------------------------------------------- the token


@pytest.mark.parametrize("url", ["/api/status", "/api/entities", "/", "/entities", "/static/css/app.css", "/openapi.json"])
def test_everything_needs_the_token(guarded, url):
    r = guarded.get(url)
    assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer")
    assert "E711" in r.text


@pytest.mark.parametrize("header", [f"Bearer {TOKEN}x", "Bearer ", f"Basic {TOKEN}", TOKEN])
def test_a_wrong_token_is_refused(guarded, header):
    assert guarded.get("/api/status", headers={"Authorization": header}).status_code == 401


def test_bearer_header_opens_the_api(guarded):
    r = guarded.get("/api/status", headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200 and r.json()["counts"]["documents"] == 2


def test_token_in_a_page_address_becomes_a_cookie(guarded):
    r = guarded.get(f"/entities?name=m&token={TOKEN}", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/entities?name=m"  # the token leaves the address
    cookie = r.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}={TOKEN}") and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    guarded.cookies.set(COOKIE, TOKEN)
    page = guarded.get("/entities?name=m")
    assert page.status_code == 200 and "M23" in page.text
    assert guarded.get("/api/entities").status_code == 200  # the pages' own API calls


def test_query_token_is_not_accepted_for_writes(guarded):
    r = guarded.post(f"/api/sources/rate?token={TOKEN}", json={"name": "Kivu Dispatch", "grade": "B"})
    assert r.status_code == 401 and r.json()["code"] == "E711"


# ------------------------------------------------------------ write actions


def test_writes_are_off_without_a_server_token(rich):
    for url, body in (("/api/entities/merge", {"a": "M23", "b": "FARDC"}), (f"/api/entities/{ENT_M23}/split", None), ("/api/sources/rate", {"name": "x", "grade": "A"})):
        r = rich.post(url, json=body)
        assert r.status_code == 403 and r.json()["code"] == "E712"


def test_writes_need_the_header_not_the_cookie(guarded):
    guarded.cookies.set(COOKIE, TOKEN)
    assert guarded.get("/api/status").status_code == 200  # reads are fine with the cookie
    r = guarded.post("/api/sources/rate", json={"name": "Kivu Dispatch", "grade": "B"})
    assert r.status_code == 401 and "Authorization header" in r.json()["error"]


def test_rate_merge_split_rename_with_the_token_are_recorded_and_applied_off_the_request(guarded):
    """The older write endpoints answer 202 with a pending decision; the background worker updates the KB."""
    auth = {"Authorization": f"Bearer {TOKEN}"}
    worker = guarded.app.state.worker

    def applied(r) -> dict:
        assert r.status_code == 202, r.text
        d = r.json()["decision"]
        assert d["status"] == "pending" and d["id"]  # recorded; nothing rebuilt inside the request
        assert worker.wait(120)
        done = guarded.get(f"/api/decisions/{d['id']}", headers=auth).json()
        assert done["status"] == "done", done
        return done

    d = applied(guarded.post("/api/sources/rate", json={"name": "Kivu Dispatch", "grade": "b", "who": "ana", "why": "checked"}, headers=auth))
    assert (d["action"], d["target"], d["target_id"], d["params"], d["who"], d["why"]) == ("rate", "source", "Kivu Dispatch", {"grade": "B"}, "ana", "checked")
    rated = {s["name"]: s["rating"] for s in guarded.get("/api/sources?limit=100", headers=auth).json()["items"]}
    assert rated["Kivu Dispatch"] == "B"
    bad = guarded.post("/api/sources/rate", json={"name": "Kivu Dispatch", "grade": "Z"}, headers=auth)
    assert bad.status_code == 400 and bad.json()["code"] == "E710"
    # the rating rebuilt the KB with the corpus steps: look the ids up again
    ngoma, m23 = (guarded.get(f"/api/entities/{n}", headers=auth).json()["entity"]["id"] for n in ("Willy Ngoma", "M23"))
    d = applied(guarded.post("/api/entities/merge", json={"a": "Willy Ngoma", "b": "M23"}, headers=auth))
    assert (d["target_id"], d["params"]["other"]) == (ngoma, m23)  # names resolved to ids
    assert (d["result"]["change"]["a"], d["result"]["change"]["b"]) == (ngoma, m23)
    assert guarded.get("/api/status", headers=auth).json()["counts"]["overrides"] == 1  # kept for every later rebuild
    merged = guarded.get(f"/api/entities/{ngoma}", headers=auth).json()["entity"]  # "merge A B" keeps A's id
    assert "M23" in merged["aliases"]
    d = applied(guarded.post(f"/api/entities/{ngoma}/split", headers=auth))
    assert d["action"] == "split" and len(d["result"]["entities"]) >= 2
    m23 = guarded.get("/api/entities/M23", headers=auth).json()["entity"]["id"]
    d = applied(guarded.post(f"/api/entities/{m23}/rename", json={"name": "  Mouvement du 23 mars "}, headers=auth))
    assert guarded.get(f"/api/entities/{m23}", headers=auth).json()["entity"]["name"] == "Mouvement du 23 mars"
    assert guarded.get("/api/status", headers=auth).json()["counts"]["overrides"] == 3
    r = guarded.post("/api/entities/merge", json={"a": "nobody-here", "b": "M23"}, headers=auth)
    assert r.status_code == 404 and r.json()["code"] == "E305"
    assert guarded.post(f"/api/entities/{m23}/rename", json={"name": " "}, headers=auth).json()["code"] == "E307"


def test_write_body_size_is_bounded(guarded):
    r = guarded.post("/api/sources/rate", content=b"x" * 70000, headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    assert r.status_code == 413 and r.json()["code"] == "E715"


# ------------------------------------------------------------ host header


def test_loopback_server_answers_loopback_hosts_only(fresh_url):
    from conftest import client_for

    with client_for(fresh_url, allowed_hosts=("127.0.0.1", "localhost")) as c:
        assert c.get("/api/status", headers={"Host": "127.0.0.1:8000"}).status_code == 200
        assert c.get("/api/status", headers={"Host": "localhost"}).status_code == 200
        r = c.get("/api/status", headers={"Host": "attacker.example:8000"})  # DNS rebinding
        assert r.status_code == 400 and r.json()["error"] == "unexpected Host header"


# ---------------------------------------------------------------- headers


@pytest.mark.parametrize("url", ["/", "/graph", "/api/status", "/static/js/graph.js", "/api/nothing", f"/entities/{ENT_NGOMA}"])
def test_security_headers_everywhere(rich, url):
    r = rich.get(url)
    assert r.headers["content-security-policy"] == CSP
    assert "script-src 'self'" in CSP and "unsafe-inline" not in CSP and "default-src 'none'" in CSP
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY" and r.headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize("url", ["/", "/graph", "/timeline", "/map", "/entities", "/documents", "/claims", "/contradictions", "/sources", "/search?q=kirumba", f"/entities/{ENT_M23}"])
def test_pages_run_and_load_nothing_from_elsewhere(rich, url):
    """No inline script, no event handler attribute, no style attribute, no URL off this server."""
    r = rich.get(url)
    assert r.status_code == 200
    assert Tags(r.text).problems() == []


# ------------------------------------------------------------- the command


@pytest.mark.parametrize("host, loop", [("127.0.0.1", True), ("127.5.6.7", True), ("localhost", True), ("::1", True), ("[::1]", True), ("0.0.0.0", False), ("::", False), ("192.168.1.10", False), ("example.org", False)])
def test_loopback_detection(host, loop):
    assert is_loopback(host) is loop


@pytest.mark.parametrize(
    "args, code",
    [
        (["--host", "0.0.0.0"], "E701"),
        (["--host", "192.168.1.10", "--port", "9"], "E701"),
        (["--token", "short"], "E702"),
        (["--token", "has spaces in it but long enough"], "E702"),
    ],
)
def test_serve_refuses_on_one_line(tmp_path, args, code):
    db = tmp_path / "kb.db"
    build_rich_kb(str(db))
    res = CliRunner().invoke(main, ["serve", "--db", str(db), *args])
    assert res.exit_code == 2, res.output
    lines = [x for x in res.output.splitlines() if x.strip()]
    assert len(lines) == 1 and lines[0].startswith("newsfusion: ") and lines[0].endswith(f"[{code}]")


def test_serve_refuses_a_missing_database(tmp_path):
    res = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "typo.db")])
    assert res.exit_code == 2 and "[E704]" in res.output and not (tmp_path / "typo.db").exists()


def test_serve_refuses_a_busy_port(tmp_path):
    db = tmp_path / "kb.db"
    build_rich_kb(str(db))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        port = s.getsockname()[1]
        res = CliRunner().invoke(main, ["serve", "--db", str(db), "--port", str(port)])
    assert res.exit_code == 2 and "[E703]" in res.output and len(res.output.strip().splitlines()) == 1


def test_check_serve_accepts_a_token_beyond_loopback():
    check_serve("0.0.0.0", TOKEN)
    check_serve("127.0.0.1", None)
    with pytest.raises(ServeError):
        check_serve("0.0.0.0", None)


@pytest.mark.parametrize("url", ["/", "/api/status", "/static/css/app.css"])
def test_head_is_answered_like_get_without_a_body(rich, url):
    get, head = rich.get(url), rich.head(url)
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == get.headers["content-length"]
    assert head.headers["content-security-policy"] == CSP
