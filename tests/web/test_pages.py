"""The server-rendered pages: what each shows, on the hand-built KB, the demo corpus and an empty KB."""

from __future__ import annotations

import re

import pytest

from htmlcheck import Tags
from richkb import DOC_A, DOC_B, ENT_FARDC, ENT_M23, ENT_NGOMA, EVT_ATTACK, EVT_CLASH, TEXT_B


def html(client, url: str, status: int = 200) -> str:
    r = client.get(url)
    assert r.status_code == status, (url, r.text[:300])
    assert r.headers["content-type"].startswith("text/html")
    return r.text


def text_of(page: str) -> str:
    return " ".join("".join(Tags(page).text).split())


def links(page: str) -> set[str]:
    return {a.get("href") for tag, a in Tags(page).tags if tag == "a" and a.get("href")}


def test_overview(rich):
    page = html(rich, "/")
    assert re.search(r'id="count-events">2<', page) and re.search(r'id="count-contradictions">1<', page)
    assert {f"/events/{EVT_CLASH}", f"/events/{EVT_ATTACK}", f"/entities/{ENT_FARDC}", f"/documents/{DOC_A}"} <= links(page)
    assert "soldiers killed in Kirumba" in text_of(page)


def test_event_page_shows_every_report_side_by_side(rich):
    page = html(rich, f"/events/{EVT_CLASH}")
    t = text_of(page)
    assert "Armed clash in Kirumba" in t and "12–30" in t and "B2" in t
    assert "two independent outlets report it" in t and "death tolls differ (12 vs 30)" in t
    assert page.count('class="report"') == 2 and "Kivu Dispatch" in t and "Great Lakes Monitor" in t
    assert {f"/documents/{DOC_A}", f"/documents/{DOC_B}", f"/entities/{ENT_M23}", f"/entities/{ENT_FARDC}"} <= links(page)
    assert page.count('class="contradiction"') == 1 and "same place, same day, same actors" in t


def test_entity_page(rich):
    t = text_of(html(rich, f"/entities/{ENT_FARDC}"))
    for part in ("FARDC 2", "army 1", "4 mentions", "1 claims made", "3 claimed about", "What it claimed", "its troops had attacked civilians", "What others claim about it", "the FARDC had fled the town"):
        assert part in t, part
    t = text_of(html(rich, f"/entities/{ENT_NGOMA}"))
    assert "Willy Ngoma spokesperson_of M23" in t


def test_article_page_highlights_and_links(rich):
    page = html(rich, f"/documents/{DOC_B}")
    body = page[page.index('id="article-text"') : page.index("</article>")]
    assert f'href="/entities/{ENT_FARDC}"' in body and f'href="/events/{EVT_ATTACK}"' in body and 'href="#claim-c1"' in body
    assert 'id="claim-c1"' in page and "hl-claim-content hl-deny" in body
    plain = re.sub(r'<span class="hl-label"[^>]*>[^<]*</span>', "", body)
    assert "".join(Tags(plain[plain.index(">") + 1 :]).text) == TEXT_B  # the text, whole and in order


def test_timeline_filters(rich):
    t = text_of(html(rich, "/timeline"))
    assert "Attack" in t and "Armed clash" in t and "C5" in t and "B2" in t and "denied" in t
    t = text_of(html(rich, "/timeline?credibility=2"))
    assert "Armed clash" in t and "Attack in Kirumba" not in t
    assert "No event matches these filters." in text_of(html(rich, "/timeline?place=Goma"))


def test_map_places_events(rich):
    page = html(rich, "/map")
    # both events are in Kirumba: one marker for the two, leading to them on the timeline; the list links each
    assert 'href="/timeline?place=Kirumba" class="pt pt-event"' in page and "2 events · Kirumba" in page and 'class="pt pt-place"' in page
    assert f'href="/events/{EVT_CLASH}"' in page
    assert "<title>Dem. Rep. Congo</title>" in page
    assert 'class="pt pt-place"' not in html(rich, "/map?layer=events")


def test_graph_page_lists_the_actors_without_script(rich):
    page = html(rich, "/graph")
    assert '<script src="/static/vendor/cytoscape.min.js"></script>' in page
    assert {f"/entities/{ENT_FARDC}", f"/entities/{ENT_M23}", f"/entities/{ENT_NGOMA}"} <= links(page)


@pytest.mark.parametrize(
    "url, present",
    [
        ("/claims?stance=deny", ["FARDC", "that its troops had attacked civilians in Kirumba"]),
        (f"/claims?entity={ENT_NGOMA}", ["Willy Ngoma", "the FARDC had fled the town"]),
        ("/contradictions", ["soldiers killed in Kirumba", "residents 12", "local security source 30"]),
        ("/sources", ["Kivu Dispatch", "Great Lakes Monitor", "local security source"]),
        ("/documents", ["M23 seizes Kirumba", "Thirty soldiers dead in Kirumba"]),
        ("/entities?type=person", ["Willy Ngoma"]),
        ("/search?q=fled", ["Willy Ngoma (assert)", "M23 seizes Kirumba"]),
        ("/search?q=zzznothing", ["Nothing matches “zzznothing”."]),
    ],
)
def test_listing_pages(rich, url, present):
    t = text_of(html(rich, url))
    for part in present:
        assert part in t, (url, part)


def test_search_page_marks_words(rich):
    page = html(rich, "/search?q=soldiers&kind=document")
    assert page.count("<mark>soldiers</mark>") == 2


# ------------------------------------------------------ demo and empty KBs


PAGES = ["/", "/graph", "/timeline", "/map", "/entities", "/documents", "/claims", "/contradictions", "/sources", "/search?q=army"]


@pytest.mark.parametrize("url", PAGES)
def test_demo_pages_render(demo, url):
    page = html(demo, url)
    assert Tags(page).problems() == []


def test_demo_pages_say_when_there_are_no_events(demo):
    n = demo.get("/api/status").json()["counts"]["events"]
    t = text_of(html(demo, "/"))
    if n == 0:
        assert "No events in the knowledge base yet." in t
        assert "No events in the knowledge base yet." in text_of(html(demo, "/timeline"))
    else:
        assert "Latest events" in t and "the timeline →" in t


def test_every_demo_article_and_entity_page_renders(demo):
    docs = demo.get("/api/documents?limit=500").json()["items"]
    assert len(docs) >= 8
    for d in docs:
        assert Tags(html(demo, f"/documents/{d['id']}")).problems() == []
    for e in demo.get("/api/entities?limit=500").json()["items"]:
        page = html(demo, f"/entities/{e['id']}")
        assert e["name"] in text_of(page)


def test_empty_kb_pages(tmp_path):
    from conftest import client_for

    with client_for(str(tmp_path / "empty.db")) as c:
        for url in PAGES:
            page = html(c, url)
            assert Tags(page).problems() == []
        assert "No articles stored." in text_of(html(c, "/"))
        assert "Nothing to show yet: the whole world is drawn." in text_of(html(c, "/map"))
