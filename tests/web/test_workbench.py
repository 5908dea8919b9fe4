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
    assert r.status_code == 202 and d["status"] == "pending" and d["params"]["name"] == "W. Ngoma"
    assert d["params"]["refs"] == {"members": [[DOC_A, "e3"]]}  # what the id stands for, should a rebuild renumber it
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


# ------------------------------------------------- corrections survive renumbering rebuilds


def _clash_report(name: str, published: str, killed: int, source: str, *, bridge: bool = False):
    """An invented report of the Kirumba clash, published ``published`` (an earlier one renumbers the event);
    ``bridge``: it spells out M23 as the March 23 Movement, which joins the two entities the first reports made."""
    from richkb import KIRUMBA_GEO, _claim, _ent, _event

    from newsfusion.model import Article

    text = (f"Government forces and M23 fighters clashed in Kirumba on Tuesday, killing {killed} soldiers, a {source} said. "
            + ("M23, the March 23 Movement, said it held the town." if bridge else "M23 said it held the town."))
    ev = f"Government forces and M23 fighters clashed in Kirumba on Tuesday, killing {killed} soldiers"
    art = Article(text, title=f"{killed} soldiers killed in Kirumba", outlet=f"{name.title()} Wire", published=published, name=name)
    rec = {
        "document": {"author": None, "outlet": art.outlet, "published": published, "title": art.title, "url": None},
        "entities": [
            _ent(0, "M23", "ORG", text, [("M23", 0), ("M23", 1), *([("March 23 Movement", 0)] if bridge else [])], aliases=["March 23 Movement"] if bridge else []),
            _ent(1, "Kirumba", "LOCATION", text, [("Kirumba", 0)], geo=KIRUMBA_GEO),
            _ent(2, "FARDC", "ORG", text, [("Government forces", 0)], aliases=["Government forces"]),
        ],
        "events": [_event(0, "Battles", "Armed clash", ["M23"], ["FARDC"], "Kirumba", text, ev, "clashed", killed, [source])],
        "claims": [_claim(0, text, source, "anonymous", "assert", "said", ev, f"{ev}, a {source} said", f"a {source}")],
        "relations": [], "contradictions": [],
    }
    return art, rec


def _ingest(url: str, *reports) -> None:
    from newsfusion.kb import KnowledgeBase
    from newsfusion.store import Store

    with Store(url) as s:
        for art, rec in reports:
            s.add_record(art, rec, doc_id=art.content_hash)
    with KnowledgeBase(url) as kb:
        assert kb.rebuild() == []


def test_decisions_follow_their_targets_when_a_rebuild_renumbers_them(fresh_url):
    """Record corrections and reviews, ingest an earlier report that renumbers the event, its contradiction and an
    entity, rebuild in another process: every decision is on the new id, holds, and shows on the pages."""
    from conftest import client_for

    _ingest(fresh_url, _clash_report("first", "2025-10-14", 20, "hospital official"))
    with client_for(fresh_url, token=TOKEN) as c:
        get = lambda path: c.get(path, headers=AUTH)  # noqa: E731
        (con,) = get("/api/contradictions?kind=numeric").json()["items"]
        pair = {con["a"]["doc_id"], con["b"]["doc_id"]}
        (event,) = [e["id"] for e in get("/api/events?type=Battles").json()["items"] if [DOC_A, "v0"] in e["reports"]]
        assert con["id"] in [x["id"] for x in get(f"/api/events/{event}").json()["contradictions"]]
        march, m23 = (get(f"/api/entities/{n}").json()["entity"]["id"] for n in ("March%2023%20Movement", "M23"))
        assert march != m23
        for body in ({"action": "wrong", "target": "event", "target_id": event, "why": "two clashes, not one"},
                     {"action": "dismiss", "target_id": con["id"], "why": "different days"},
                     {"action": "rename", "target_id": march, "name": "Mouvement du 23 mars"}):
            assert c.post("/api/decisions", json={**body, "who": "ana"}, headers=AUTH).status_code == 202
        assert c.app.state.worker.wait(120)
        assert get(f"/api/entities/{march}").json()["entity"]["name"] == "Mouvement du 23 mars"
    _ingest(fresh_url, _clash_report("earlier", "2025-10-13", 25, "police officer", bridge=True))  # another process, while no server runs
    with client_for(fresh_url, token=TOKEN) as c:
        get = lambda path: c.get(path, headers=AUTH)  # noqa: E731
        assert get(f"/api/events/{event}").status_code == 404  # the premise: the ids changed
        assert con["id"] not in [x["id"] for x in get("/api/contradictions?limit=100").json()["items"]]
        assert get(f"/api/entities/{march}").status_code == 404  # joined into M23's entity
        import time

        deadline = time.monotonic() + 30  # the worker re-attaches on start and after every rebuild it sees
        while time.monotonic() < deadline and any(d["target_id"] in (event, con["id"], march) for d in get("/api/decisions").json()["items"]):
            time.sleep(0.2)
        decs = {d["action"]: d for d in get("/api/decisions").json()["items"]}
        new_event, new_con, new_ent = (decs[a]["target_id"] for a in ("wrong", "dismiss", "rename"))
        assert (decs["wrong"]["params"]["was"], decs["dismiss"]["params"]["was"], decs["rename"]["params"]["was"]) == ([event], [con["id"]], [march])
        assert len(get(f"/api/events/{new_event}").json()["reports"]) == 4
        sides = get(f"/api/contradictions?doc={DOC_A}&limit=100").json()["items"]
        assert {new_con} == {x["id"] for x in sides if {x["a"]["doc_id"], x["b"]["doc_id"]} == pair}
        renamed = get(f"/api/entities/{new_ent}").json()["entity"]
        assert new_ent == m23 and renamed["name"] == "Mouvement du 23 mars" and "March 23 Movement" in renamed["aliases"]  # the rename holds
        # the UI: the event page, the contradictions page, the entity page and the review queue
        assert "marked wrong by ana" in get(f"/events/{new_event}").text
        page = get("/contradictions?kind=numeric").text
        assert "dismissed by ana" in page and "different days" in page
        assert new_con not in [x["id"] for x in get("/api/review?limit=100").json()["contradictions"]["items"]]  # reviewed
        assert "rename to “Mouvement du 23 mars” by ana" in get(f"/entities/{new_ent}").text
        r = c.get(f"/entities/{march}", headers=AUTH, follow_redirects=False)  # the old address leads to the entity now holding it
        assert r.status_code == 303 and r.headers["location"] == f"/entities/{m23}"
        r = c.get(f"/events/{event}", headers=AUTH, follow_redirects=False)  # and the event's old address to the event now
        assert r.status_code == 303 and r.headers["location"] == f"/events/{new_event}"
        assert c.get("/events/evt_000000000000", headers=AUTH, follow_redirects=False).status_code == 404
