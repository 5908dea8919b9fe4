"""The workbench's decisions API, who may write from a page, exports, page numbers and sorting.

On a fresh copy of the hand-built knowledge base (richkb.py). Corrections that
rebuild (merge, split, rate) are clicked through in a browser in
test_browser_workbench.py; here: recording, reviews, undo, refusals, the
worker's bookkeeping, the CSV/JSON exports and the list pages' controls.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from richkb import CON_TOLL, DOC_A, EVT_ATTACK, build_rich_kb

TOKEN = "workbench-api-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def fresh_url(tmp_path):
    url = str(tmp_path / "rich.db")
    build_rich_kb(url)
    return url


@pytest.fixture
def tokened(fresh_url):
    from conftest import client_for

    with client_for(fresh_url, token=TOKEN) as c:
        yield c


@pytest.fixture
def rebuilt(fresh_url):
    """Entity ids made by the corpus steps (as overrides name them), not the hand-built ones."""
    from conftest import client_for

    from newsfusion.kb import KnowledgeBase

    with KnowledgeBase(fresh_url) as kb:
        assert kb.rebuild() == []
    with client_for(fresh_url, token=TOKEN) as c:
        yield c


def page_key(client) -> str:
    return client.app.state.access.page_key


def test_a_review_is_recorded_with_who_when_why_and_undone(tokened):
    r = tokened.post("/api/decisions", json={"action": "dismiss", "target_id": CON_TOLL, "why": "same day, two counts", "who": "ana"}, headers=AUTH)
    assert r.status_code == 202
    d = r.json()["decision"]
    assert (d["action"], d["target"], d["target_id"], d["who"], d["why"], d["status"]) == ("dismiss", "contradiction", CON_TOLL, "ana", "same day, two counts", "done")
    assert d["created_at"] and d["done_at"]
    assert tokened.get("/api/review", headers=AUTH).json()["contradictions"]["total"] == 0
    page = tokened.get("/contradictions", headers=AUTH).text
    assert "dismissed by ana" in page and "same day, two counts" in page
    u = tokened.post(f"/api/decisions/{d['id']}/undo", headers=AUTH).json()["decision"]
    assert u["status"] == "undone" and u["undone_at"]
    assert tokened.get("/api/review", headers=AUTH).json()["contradictions"]["total"] == 1
    again = tokened.post(f"/api/decisions/{d['id']}/undo", headers=AUTH)
    assert again.status_code == 400 and again.json()["code"] == "E307"


@pytest.mark.parametrize(
    "body, status, code",
    [
        ({"action": "wrong", "target": "event", "target_id": EVT_ATTACK}, 202, None),
        ({"action": "wrong", "target": "claim", "target_id": f"{DOC_A}:c0"}, 202, None),
        ({"action": "wrong", "target_id": EVT_ATTACK}, 400, "E307"),  # wrong what?
        ({"action": "confirm", "target_id": "con_nothing"}, 404, "E305"),
        ({"action": "merge", "target_id": "M23"}, 400, "E307"),  # with what?
        ({"action": "merge", "target_id": "M23", "other": "March 23 Movement"}, 400, "E307"),  # already one
        ({"action": "rate", "target_id": "Kivu Dispatch", "grade": "Z"}, 400, "E710"),
        ({"action": "rename", "target_id": "M23", "name": "   "}, 400, "E307"),
        ({"action": "explode", "target_id": "M23"}, 400, "E710"),
        ({"action": "wrong", "target": "source", "target_id": "residents"}, 400, "E307"),  # a source is rated, not marked wrong
    ],
)
def test_decisions_are_checked_before_they_are_recorded(tokened, body, status, code):
    r = tokened.post("/api/decisions", json=body, headers=AUTH)
    assert r.status_code == status, r.text
    if code:
        assert r.json()["code"] == code
        assert tokened.get("/api/decisions", headers=AUTH).json()["total"] == 0


def test_a_correction_is_pending_until_the_worker_applies_it(rebuilt):
    tokened = rebuilt
    app = tokened.app
    r = tokened.post("/api/decisions", json={"action": "rename", "target_id": "Willy Ngoma", "name": "W. Ngoma", "why": "house style"}, headers=AUTH)
    d = r.json()["decision"]
    assert r.status_code == 202 and d["status"] == "pending" and d["params"] == {"name": "W. Ngoma"}
    assert app.state.worker.wait(120)
    done = tokened.get(f"/api/decisions/{d['id']}", headers=AUTH).json()
    assert done["status"] == "done" and done["result"]["override_id"] and done["result"]["entities"]
    assert tokened.get("/api/entities/W.%20Ngoma", headers=AUTH).json()["entity"]["name"] == "W. Ngoma"
    assert tokened.get("/api/status", headers=AUTH).json()["counts"]["overrides"] == 1
    tokened.post(f"/api/decisions/{d['id']}/undo", headers=AUTH)
    assert app.state.worker.wait(120)
    assert tokened.get(f"/api/decisions/{d['id']}", headers=AUTH).json()["status"] == "undone"
    assert tokened.get("/api/status", headers=AUTH).json()["counts"]["overrides"] == 0  # the override is gone
    assert tokened.get("/api/entities/Willy%20Ngoma", headers=AUTH).json()["entity"]["name"] == "Willy Ngoma"


def test_pages_write_with_the_page_key_and_the_cookie(fresh_url):
    from conftest import client_for

    body = {"action": "wrong", "target": "event", "target_id": EVT_ATTACK}
    with client_for(fresh_url, token=TOKEN) as c:
        c.cookies.set("nf_token", TOKEN)
        key = page_key(c)
        assert f'<meta name="nf-page" content="{key}">' in c.get("/").text
        assert c.post("/api/decisions", json=body).status_code == 401  # the cookie alone: no
        assert c.post("/api/decisions", json=body, headers={"X-Newsfusion-Page": "guess"}).status_code == 401
        assert c.post("/api/decisions", json=body, headers={"X-Newsfusion-Page": key, "Sec-Fetch-Site": "cross-site"}).status_code == 401
        assert c.post("/api/decisions", json=body, headers={"X-Newsfusion-Page": key}).status_code == 202
        c.cookies.clear()
        assert c.post("/api/decisions", json=body, headers={"X-Newsfusion-Page": key}).status_code == 401  # the key alone: no
    with client_for(fresh_url, allowed_hosts=("127.0.0.1",)) as c:  # loopback only, no token: the pages may write
        key = page_key(c)
        h = {"Host": "127.0.0.1"}
        assert c.post("/api/decisions", json=body, headers={**h, "X-Newsfusion-Page": key}).status_code == 202
        assert c.post("/api/decisions", json=body, headers=h).status_code == 403
    with client_for(fresh_url) as c:  # any Host, no token: read-only, no key in the pages
        assert 'name="nf-page"' not in c.get("/").text
        assert c.post("/api/decisions", json=body, headers={"X-Newsfusion-Page": page_key(c)}).status_code == 403


def test_export_gives_what_the_list_shows(tokened):
    r = tokened.get("/export/claims.csv?stance=deny", headers=AUTH)
    assert r.status_code == 200 and r.headers["content-disposition"] == 'attachment; filename="newsfusion-claims.csv"'
    rows = list(csv.DictReader(io.StringIO(r.text)))
    api = tokened.get("/api/claims?stance=deny", headers=AUTH).json()
    assert [x["id"] for x in rows] == [x["id"] for x in api["items"]] and len(rows) == api["total"] >= 1
    j = json.loads(tokened.get("/export/entities.json?sort=name", headers=AUTH).text)
    assert [e["name"].lower() for e in j["items"]] == sorted(e["name"].lower() for e in j["items"]) and j["total"] == len(j["items"])
    assert tokened.get("/export/nothing.csv", headers=AUTH).status_code == 404


@pytest.mark.parametrize(
    "value, expected",
    [("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1", "'+1"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"), ("plain", "plain"), (["a", "b"], "a; b"), (None, "")],
)
def test_csv_cells_never_become_formulas(value, expected):
    from newsfusion.web.downloads import cell

    assert cell(value) == expected


def test_lists_have_page_numbers_and_sort_links(tokened):
    from newsfusion.web.render import environment

    env = environment()
    env.globals["can_write"] = False
    tpl = env.from_string('{% from "macros.html" import pager %}{{ pager(page, {"name": "x"}, "/entities") }}')

    class P:
        total, limit, offset = 1000, 50, 500

    html = tpl.render(page=P())
    for n in ("1", "2", "9", "10", "11", "12", "13", "19", "20"):
        assert f">{n}<" in html, n
    assert 'aria-current="page">11<' in html and "…" in html and ">5<" not in html
    assert 'href="/entities?name=x&amp;offset=950"' in html  # page 20
    page = tokened.get("/entities?sort=name", headers=AUTH).text
    assert 'aria-sort="ascending"' in page and 'href="/entities?sort=-name"' in page
    names = [e["name"] for e in tokened.get("/api/entities?sort=-name", headers=AUTH).json()["items"]]
    assert names == sorted(names, key=str.lower, reverse=True)


def test_a_hostile_note_is_shown_as_text(tokened):
    from htmlcheck import Tags

    why, who = '<script>alert(1)</script>"><img src=x onerror=alert(2)>', "<b onmouseover=alert(3)>ana"
    r = tokened.post("/api/decisions", json={"action": "confirm", "target_id": CON_TOLL, "why": why, "who": who}, headers=AUTH)
    assert r.status_code == 202 and r.json()["decision"]["why"] == why  # stored verbatim
    for path in ("/contradictions", "/review", "/"):
        page = tokened.get(path, headers=AUTH).text
        assert Tags(page).problems() == [], path
        assert "<script>alert(1)" not in page and "<b onmouseover" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in tokened.get("/contradictions", headers=AUTH).text


def test_the_review_queue_lists_guessed_merges_until_reviewed(fresh_url):
    """An entity joined by the alias rule awaits a decision; one joined by an identity rule does not."""
    import json as _json

    from conftest import client_for
    from sqlalchemy import update

    from newsfusion.kb import KnowledgeBase
    from newsfusion.store import schema as t

    with KnowledgeBase(fresh_url) as kb, kb.store.write() as conn:
        conn.execute(update(t.entities).where(t.entities.c.id == "ent_fardc").values(
            n_members=2, merges=_json.dumps([{"a": "FARDC", "b": "army", "rule": "alias", "score": 0.95}])))
    with client_for(fresh_url, token=TOKEN) as c:
        merges = c.get("/api/review", headers=AUTH).json()["merges"]
        assert [m["entity_id"] for m in merges] == ["ent_fardc"]  # M23's acronym join (score 1.0) is not a guess
        assert "review-merges" in c.get("/review", headers=AUTH).text
        c.post("/api/decisions", json={"action": "rename", "target_id": "ent_fardc", "name": "FARDC"}, headers=AUTH)
        assert c.get("/api/review", headers=AUTH).json()["merges"] == []
        assert c.app.state.worker.wait(120)


def test_reviews_survive_a_rebuild(fresh_url):
    """Reviews are keyed by stable ids in their own table: a rebuild keeps them on what they judged."""
    from conftest import client_for

    from newsfusion.kb import KnowledgeBase

    claim = f"{DOC_A}:c0"
    with client_for(fresh_url, token=TOKEN) as c:
        r = c.post("/api/decisions", json={"action": "wrong", "target": "claim", "target_id": claim, "why": "misattributed", "who": "ana"}, headers=AUTH)
        assert r.status_code == 202
    with KnowledgeBase(fresh_url) as kb:
        assert kb.rebuild() == []
    with client_for(fresh_url, token=TOKEN) as c:
        (d,) = c.get("/api/decisions", headers=AUTH).json()["items"]
        assert (d["target_id"], d["status"], d["why"]) == (claim, "done", "misattributed")
        page = c.get("/claims?source=residents", headers=AUTH).text
        assert "marked wrong by ana" in page
