"""The workbench's corrections and its trace to the sentence, end to end in Chromium.

Each test serves a fresh copy of the hand-built knowledge base (richkb.py) with
a token, opens it once with ?token= (the cookie carries it after), and clicks
what an analyst clicks: dismiss a contradiction with a note, merge two
entities then split the result, rate a source, follow every "the sentence"
link to its highlighted place in the article and back. Corrections are applied
by the server's background worker: the page shows them pending, then reloads.
"""

from __future__ import annotations

import httpx
import pytest

from richkb import CON_TOLL, DOC_A, DOC_B, EVT_CLASH, build_rich_kb
from test_browser import clean, count, open_page

pytestmark = pytest.mark.browser
TOKEN = "workbench-browser-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _serve(tmp_path, rebuilt: bool):
    from conftest import serving

    from newsfusion.kb import KnowledgeBase
    from newsfusion.web import create_app

    url = str(tmp_path / "rich.db")
    build_rich_kb(url)
    if rebuilt:  # entity ids made by the corpus steps, as corrections (overrides) name them
        with KnowledgeBase(url) as kb:
            assert kb.rebuild() == []
    app = create_app(url, token=TOKEN)
    return serving(app), app


@pytest.fixture
def served(tmp_path):
    """The hand-built KB as written (its contradiction, ids like ent_m23)."""
    ctx, app = _serve(tmp_path, rebuilt=False)
    with ctx as base:
        yield base, app


@pytest.fixture
def rebuilt(tmp_path):
    """The hand-built articles rebuilt by the corpus steps (what a correction's rebuild gives)."""
    ctx, app = _serve(tmp_path, rebuilt=True)
    with ctx as base:
        yield base, app


def login(page, base: str, path: str) -> None:
    open_page(page, base, f"{path}{'&' if '?' in path else '?'}token={TOKEN}")
    assert "token=" not in page.url


def api(base: str, path: str):
    r = httpx.get(base + path, headers=AUTH, timeout=30)
    assert r.status_code == 200, r.text
    return r.json()


def settle(app) -> None:
    assert app.state.worker.wait(120), "the background worker did not finish"


def test_dismiss_a_contradiction_with_a_note_then_undo(page, served, artifacts):
    base, app = served
    login(page, base, "/review")
    assert count(page, "#review-contradictions .contradiction") == 1
    open_page(page, base, "/contradictions")
    box = page.locator(f"#con-{CON_TOLL}")
    box.locator("summary").click()
    box.locator("input[name=why]").fill("both tolls from the first day; not a conflict")
    box.locator("input[name=who]").fill("ana")
    with page.expect_navigation():
        box.locator("button[value=dismiss]").click()
    note = page.locator(f"#con-{CON_TOLL} .decision")
    assert "dismissed by ana" in note.inner_text() and "not a conflict" in note.inner_text()
    (d,) = api(base, "/api/decisions?target=contradiction")["items"]
    assert (d["action"], d["who"], d["why"], d["status"]) == ("dismiss", "ana", "both tolls from the first day; not a conflict", "done")
    assert api(base, "/api/review")["contradictions"]["total"] == 0
    page.screenshot(path=str(artifacts / "workbench-dismissed.png"), full_page=True)
    with page.expect_navigation():
        page.locator(f"#con-{CON_TOLL} button.undo").click()
    assert api(base, "/api/review")["contradictions"]["total"] == 1
    assert api(base, f"/api/decisions/{d['id']}")["status"] == "undone"
    clean(page)


def test_merge_then_split_from_the_entity_page(page, rebuilt, artifacts):
    base, app = rebuilt
    ngoma = api(base, "/api/entities/Willy%20Ngoma")["entity"]["id"]
    login(page, base, f"/entities/{ngoma}")
    form = page.locator("#merge-form")
    form.locator("input[name=other]").fill("FARDC")
    form.locator("input[name=why]").fill("same actor in these reports")
    form.locator("button").click()
    page.wait_for_selector("#merge-form .decision-status.pending")  # recorded; the worker applies it
    page.locator("#names", has_text="FARDC").wait_for(timeout=120000)  # reloaded, merged
    settle(app)
    names = page.locator("#names").inner_text()
    assert "Willy Ngoma" in names and "FARDC" in names
    assert "merge" in page.locator("#entity-decisions").inner_text()
    merged = page.url.rsplit("/", 1)[-1]
    assert api(base, "/api/entities/Willy%20Ngoma")["entity"]["id"] == api(base, "/api/entities/FARDC")["entity"]["id"] == merged
    page.screenshot(path=str(artifacts / "workbench-merged.png"), full_page=True)

    form = page.locator("#split-form")
    form.locator("input[name=why]").fill("two different actors after all")
    form.locator("button").click()
    page.locator("#entity-decisions", has_text="split by").wait_for(timeout=120000)
    settle(app)
    assert api(base, "/api/entities/Willy%20Ngoma")["entity"]["id"] != api(base, f"/api/entities?name=FARDC")["items"][0]["id"]
    kinds = [d["action"] for d in api(base, "/api/decisions?target=entity")["items"]]
    assert kinds == ["split", "merge"]
    assert all(d["status"] == "done" for d in api(base, "/api/decisions?target=entity")["items"])
    assert api(base, "/api/status")["counts"]["overrides"] == 2  # both kept for every later rebuild
    clean(page)


def test_rate_a_source_from_the_sources_page(page, rebuilt, artifacts):
    base, app = rebuilt
    login(page, base, "/sources")
    row = page.locator("#sources tr", has=page.locator("input[name=target_id][value='Kivu Dispatch']"))
    row.locator("select[name=grade]").select_option("B")
    row.locator("input[name=why]").fill("long record of accurate reporting")
    row.locator("button").click()
    page.locator("#sources tr", has_text="rated B").wait_for(timeout=120000)
    settle(app)
    rated = {s["name"]: s["rating"] for s in api(base, "/api/sources?limit=100")["items"]}
    assert rated["Kivu Dispatch"] == "B"
    (d,) = api(base, "/api/decisions?action=rate")["items"]
    assert d["status"] == "done" and d["why"] == "long record of accurate reporting" and d["result"]["previous"] is None
    page.screenshot(path=str(artifacts / "workbench-rated.png"), full_page=True)
    clean(page)


def _at_target(page, anchor_id: str) -> None:
    """The address ends on the anchor and the browser shows it (it is the :target)."""
    assert page.url.endswith("#" + anchor_id), page.url
    assert page.evaluate("document.querySelector(':target') && document.querySelector(':target').id") == anchor_id
    assert page.locator("#" + anchor_id).is_visible() or page.locator("#" + anchor_id).count() == 1


def test_every_kind_links_to_its_sentence_and_back(page, served):
    base, app = served
    # a claim → its sentence → back to the claim card
    login(page, base, "/claims?source=residents")
    page.locator("#claims .claim a.trace").first.click()
    page.wait_for_load_state("load")
    _at_target(page, "at-claim-c0")
    assert f"/documents/{DOC_A}" in page.url
    page.locator("#at-claim-c0").click()
    assert page.url.endswith("#claim-c0")
    page.locator("#claim-c0 a.trace").click()
    assert page.url.endswith("#at-claim-c0")
    # an event report → its sentence
    open_page(page, base, f"/events/{EVT_CLASH}")
    page.locator("#reports a.trace").nth(1).click()
    page.wait_for_load_state("load")
    _at_target(page, "at-report-v0")
    assert f"/documents/{DOC_B}" in page.url
    page.locator("#at-report-v0").click()
    assert page.url.endswith("#report-v0")
    # a contradiction's side → its sentence
    open_page(page, base, "/contradictions")
    page.locator(f"#con-{CON_TOLL} a.trace").first.click()
    page.wait_for_load_state("load")
    _at_target(page, f"at-con-{CON_TOLL}-a")
    # a relation → its sentence
    open_page(page, base, "/entities/Willy%20Ngoma")
    page.locator("a.trace", has_text="the sentence").first.click()
    page.wait_for_load_state("load")
    _at_target(page, "at-relation-r0")
    page.locator("#at-relation-r0").click()
    assert page.url.endswith("#relation-r0")
    clean(page)


def test_graph_controls_limit_minimum_and_focus(page, served):
    base, app = served
    login(page, base, "/graph")
    page.wait_for_selector("#graph[data-ready='1']", timeout=15000)
    assert page.inner_text("#graph-status").startswith("3 entities")
    page.evaluate("document.getElementById('graph').removeAttribute('data-ready')")
    page.select_option("#graph-limit", "25")
    page.fill("#graph-min", "3")  # only what is mentioned three times or more
    page.press("#graph-min", "Tab")
    page.wait_for_selector("#graph[data-ready='1']", timeout=15000)
    g = api(base, "/api/graph?limit=25&min_mentions=3")
    assert page.inner_text("#graph-status").startswith(f"{len(g['nodes'])} entities")
    page.fill("#graph-min", "1")
    page.press("#graph-min", "Tab")
    page.wait_for_selector("#graph[data-ready='1']", timeout=15000)
    page.fill("#graph-focus", "willy")
    page.press("#graph-focus", "Enter")
    page.wait_for_selector("#graph[data-focus]")
    assert "Willy Ngoma and its" in page.inner_text("#graph-status")
    page.click("#graph-unfocus")
    assert page.get_attribute("#graph", "data-focus") is None
    clean(page)


def test_every_page_at_1440_and_390_px(browser, live_rich, artifacts):
    """scripts/web_screenshots.py's capture: screenshots of every page at both widths, no console error,
    nothing wider than a 390-px phone (tables scroll inside themselves), small DOMs."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "scripts" / "web_screenshots.py"
    spec = importlib.util.spec_from_file_location("web_screenshots", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    out = artifacts / "pages-test"  # artifacts/web/pages/ holds the committed ones, made by the script
    out.mkdir(exist_ok=True)
    rows = mod.capture(live_rich, out, browser=browser)
    assert {r["page"] for r in rows} >= {"overview", "graph", "timeline", "map", "entities", "documents", "claims", "contradictions", "sources", "review", "entity", "event", "document"}
    for r in rows:
        assert r["errors"] == [], r
        assert r["nodes"] < 5000, r
        if r["width"] == 390:
            assert r["overflow_px"] <= 0, r
    assert all((out / f"{r['page']}-{r['width']}.jpg").exists() for r in rows)
