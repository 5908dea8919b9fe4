"""The pages in a real browser (Debian's chromium, driven by Playwright) against a live uvicorn server.

Each page of the demo corpus is opened, checked against the API and saved as
a screenshot under artifacts/web/; then an analyst's path is clicked through:
actor (a node of the graph) → event → article, or actor → claim → article
while the demo corpus has no events.
"""

from __future__ import annotations

import re

import httpx
import pytest

from richkb import DOC_A, ENT_M23, EVT_CLASH

pytestmark = pytest.mark.browser

NO_EVENTS = (
    "the demo knowledge base has no events yet (the events stage is being written); "
    "actor → event → article is clicked through on the hand-built KB (test_actor_event_article_on_the_rich_kb)"
)


def api(base: str, path: str):
    r = httpx.get(base + path, timeout=30)
    assert r.status_code == 200, r.text
    return r.json()


def open_page(page, base: str, path: str):
    """Go to ``path``; record every request that leaves the server."""
    page.offsite = []
    page.on("request", lambda r: page.offsite.append(r.url) if not r.url.startswith(base) and not r.url.startswith("data:") else None)
    page.goto(base + path)
    page.wait_for_load_state("load")


def clean(page) -> None:
    """Nothing went wrong: no console error (CSP violations are errors), no dialog, nothing fetched elsewhere."""
    assert page.log.errors == [], page.log.errors
    assert page.log.dialogs == []
    assert page.offsite == []


def count(page, selector: str) -> int:
    return page.locator(selector).count()


PAGES = [
    ("overview", "/"),
    ("graph", "/graph"),
    ("timeline", "/timeline"),
    ("map", "/map"),
    ("entities", "/entities"),
    ("documents", "/documents"),
    ("claims", "/claims"),
    ("contradictions", "/contradictions"),
    ("sources", "/sources"),
    ("search", "/search?q=army"),
]


@pytest.mark.parametrize("name, path", PAGES)
def test_demo_page(page, live_demo, artifacts, name, path):
    open_page(page, live_demo, path)
    st = api(live_demo, "/api/status")["counts"]
    if name == "overview":
        assert page.inner_text("#count-documents") == str(st["documents"])
        assert page.inner_text("#count-events") == str(st["events"])
    elif name == "graph":
        page.wait_for_selector("#graph[data-ready='1']", timeout=15000)
        g = api(live_demo, "/api/graph?limit=50")  # the page draws the 50 most mentioned by default
        assert count(page, "#graph canvas") >= 1
        assert page.inner_text("#graph-status").startswith(f"{len(g['nodes'])} entities, {len(g['edges'])} links")
    elif name == "timeline":
        n = min(st["events"], 50)
        assert count(page, ".tl-event") == n
        if not n:
            assert "No events in the knowledge base yet." in page.inner_text("main")
    elif name == "map":
        assert count(page, "svg#map path.country") > 5 and count(page, "svg#map a.pt") >= 1
    elif name == "entities":
        assert count(page, "#entities tbody tr") == min(st["entities"], 50)
    elif name == "documents":
        assert count(page, "#documents tbody tr") == st["documents"]
    elif name == "claims":
        assert count(page, "#claims li.claim") == min(st["claims"], 50)
    elif name == "contradictions":
        assert count(page, ".contradiction") == min(st["contradictions"], 50)
    elif name == "sources":
        assert count(page, "#sources tbody tr") == min(api(live_demo, "/api/sources")["total"], 50)
    elif name == "search":
        res = api(live_demo, "/api/search?q=army")
        assert count(page, "#results li") == min(res["total"], 50) and count(page, "#results mark") >= 1
    page.screenshot(path=str(artifacts / f"demo-{name}.png"), full_page=True)
    clean(page)


def click_node(page, entity_id: str) -> None:
    """Click an entity's node on the graph's canvas (centred first), like a user."""
    page.wait_for_selector("#graph[data-ready='1']", timeout=15000)
    x, y = page.evaluate(
        "id => { const cy = window.newsfusionGraph; const n = cy.getElementById(id); cy.zoom(1.4); cy.center(n);"
        " const p = n.renderedPosition(); return [p.x, p.y]; }",
        entity_id,
    )
    box = page.locator("#graph").bounding_box()
    with page.expect_navigation():
        page.mouse.click(box["x"] + x, box["y"] + y)


def _graph_entity(base: str, role: str) -> dict:
    nodes = {n["id"] for n in api(base, "/api/graph?limit=150")["nodes"]}
    for e in api(base, "/api/entities?limit=500")["items"]:
        if e["id"] in nodes and e["roles"][role]:
            return e
    pytest.skip(f"no person or organisation of the graph has the role {role} in this knowledge base")


def test_actor_claim_article_on_the_demo(page, live_demo, artifacts):
    actor = _graph_entity(live_demo, "claim_source")
    open_page(page, live_demo, "/graph")
    click_node(page, actor["id"])
    assert page.url.endswith(f"/entities/{actor['id']}")
    assert page.inner_text("h1").startswith(actor["name"])
    claims = api(live_demo, f"/api/claims?entity={actor['id']}&role=by")["items"]
    assert count(page, "#claims-by li.claim") == len(claims) >= 1
    page.screenshot(path=str(artifacts / "click-1-actor.png"), full_page=True)
    first = claims[0]
    with page.expect_navigation():
        page.locator("#claims-by li.claim").first.locator("div.muted a").click()
    assert page.url.endswith(f"/documents/{first['doc_id']}#at-claim-{first['local_id']}")  # on the sentence, not the card
    assert page.locator(f"#at-claim-{first['local_id']}").is_visible() and page.locator(f"#claim-{first['local_id']}").count() == 1
    text = api(live_demo, f"/api/documents/{first['doc_id']}")["text"]
    shown = page.evaluate("() => { const a = document.getElementById('article-text').cloneNode(true); a.querySelectorAll('.hl-label').forEach(x => x.remove()); return a.textContent; }")
    assert shown == text
    page.screenshot(path=str(artifacts / "click-2-article.png"), full_page=True)
    clean(page)


def test_actor_event_article_on_the_demo(page, live_demo, artifacts):
    if api(live_demo, "/api/status")["counts"]["events"] == 0:
        pytest.skip(NO_EVENTS)
    actor = _graph_entity(live_demo, "event_actor")
    _actor_event_article(page, live_demo, actor["id"], artifacts, "demo")


def _actor_event_article(page, base: str, entity_id: str, artifacts, tag: str) -> tuple[str, str]:
    open_page(page, base, "/graph")
    click_node(page, entity_id)
    assert page.url.endswith(f"/entities/{entity_id}")
    link = page.locator("#entity-events a[href^='/events/']").first
    event_id = link.get_attribute("href").rsplit("/", 1)[1]
    page.screenshot(path=str(artifacts / f"{tag}-event-1-actor.png"), full_page=True)
    with page.expect_navigation():
        link.click()
    assert page.url.endswith(f"/events/{event_id}")
    ev = api(base, f"/api/events/{event_id}")
    assert count(page, "#reports .report") == len(ev["reports"])
    page.screenshot(path=str(artifacts / f"{tag}-event-2-event.png"), full_page=True)
    report = ev["reports"][0]
    with page.expect_navigation():
        page.locator("#reports .report h3 a").first.click()
    assert page.url.endswith(f"/documents/{report['doc_id']}")
    assert page.locator(f"#doc-events a[href='/events/{event_id}']").count() >= 1  # the article lists the event
    page.screenshot(path=str(artifacts / f"{tag}-event-3-article.png"), full_page=True)
    clean(page)
    return event_id, report["doc_id"]


def test_actor_event_article_on_the_rich_kb(page, live_rich, artifacts):
    event_id, doc_id = _actor_event_article(page, live_rich, ENT_M23, artifacts, "rich")
    assert (event_id, doc_id) == (EVT_CLASH, DOC_A)
    assert "12 soldiers" in page.inner_text("#article-text")
    assert page.locator(f"#article-text a[href='/events/{EVT_CLASH}']").inner_text() == "clashes"  # the trigger, linked back


def test_rich_pages_for_the_record(page, live_rich, artifacts):
    """Screenshots of the pages that need events, relations and contradictions."""
    for name, path in [("event", f"/events/{EVT_CLASH}"), ("timeline", "/timeline"), ("map", "/map"), ("graph", "/graph"), ("overview", "/"), ("article", f"/documents/{DOC_A}")]:
        open_page(page, live_rich, path)
        if name == "graph":
            page.wait_for_selector("#graph[data-ready='1']", timeout=15000)
            assert re.match(r"3 entities, 3 links", page.inner_text("#graph-status"))
        page.screenshot(path=str(artifacts / f"rich-{name}.png"), full_page=True)
        clean(page)


def test_map_point_and_search_box_lead_somewhere(page, live_rich):
    open_page(page, live_rich, "/map?layer=events")
    circle = page.locator("svg#map a[href='/timeline?place=Kirumba'] circle")  # both events are in Kirumba: one marker
    box = circle.bounding_box()
    with page.expect_navigation():
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert page.url.endswith("/timeline?place=Kirumba") and count(page, ".tl-event") == 2
    page.fill("header input[name=q]", "fled")
    with page.expect_navigation():
        page.press("header input[name=q]", "Enter")
    assert "/search?q=fled" in page.url and count(page, "#results li") == 2
    clean(page)


def test_a_token_server_in_the_browser(page, rich_sqlite, artifacts):
    """?token= once: the address loses it, the cookie carries it, the graph's own API call works."""
    from conftest import serving

    from newsfusion.web import create_app

    token = "browser-test-token-0123456789"
    with serving(create_app(rich_sqlite, token=token)) as base:
        open_page(page, base, "/graph")
        assert "this server needs a token" in page.inner_text("body")
        open_page(page, base, f"/graph?token={token}")
        assert page.url == base + "/graph"  # the token left the address bar and the history
        page.wait_for_selector("#graph[data-ready='1']", timeout=15000)
        assert page.inner_text("#graph-status").startswith("3 entities, 3 links")
        page.log.errors = [e for e in page.log.errors if "401" not in e]  # the first, token-less visit
        clean(page)
