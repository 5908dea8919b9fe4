"""A hostile article (script tags, event handlers, javascript: links, template syntax in its title,
author and body) goes through the real pipeline, then through the API and every page in a browser:
no script of it ever runs, and it is shown as written."""

from __future__ import annotations

import pytest

from newsfusion.kb import KnowledgeBase
from newsfusion.model import Article

TITLE = '<script>window.__xss="title"</script>Attack on Beni {{ 7*7 }} <img src=x onerror="window.__xss=\'title-img\'">'
AUTHOR = '"><svg onload="window.__xss=\'author\'"></svg>{% raw %} Jean <b onmouseover=alert(1)>Kabila</b>'
OUTLET = "Kivu <iframe src=javascript:alert(1)> Post"
BODY = (
    "Fighters of the Allied Democratic Forces attacked Beni on Monday, killing 12 people, officials said. "
    '<script>window.__xss = "body"; alert("xss")</script>\n\n'
    'A spokesman, <b onmouseover="window.__xss=\'hover\'">Antoine Mbala</b>, said the army would respond '
    '<a href="javascript:window.__xss=\'link\'">here</a> and <a href=" JaVaScRiPt:alert(2)">there</a>.\n\n'
    "{{ config }} {% for x in range(3) %}{{ x }}{% endfor %} ${7*7} #{7*7} <iframe src=\"https://evil.example/\"></iframe>\n\n"
    '<style>body{display:none}</style> <meta http-equiv="refresh" content="0;url=https://evil.example/"> '
    '<img src="https://evil.example/pixel.gif"> <link rel=stylesheet href="https://evil.example/x.css">\n\n'
    "Local officials in Beni said the Allied Democratic Forces had denied the attack."
)
DANGER = "script:not([src]):not([type='application/json']), img, iframe, object, embed, style, link[href*='evil'], meta[http-equiv], [onerror], [onload], [onmouseover], a[href^='javascript' i], a[href*='javascript:' i]"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, demo_pipeline):
    url = str(tmp_path_factory.mktemp("xss") / "xss.db")
    with KnowledgeBase(url) as kb:
        kb._pipeline = demo_pipeline
        report = kb.ingest([Article(BODY, title=TITLE, author=AUTHOR, outlet=OUTLET, published="2025-10-20", name="hostile")])
        assert len(report.added) == 1, report.summary()
        doc_id = report.added[0]
    return url, doc_id


def test_api_returns_the_article_verbatim(hostile):
    from conftest import client_for

    url, doc_id = hostile
    with client_for(url) as c:
        d = c.get(f"/api/documents/{doc_id}").json()
        assert (d["document"]["title"], d["document"]["author"], d["document"]["outlet"], d["text"]) == (TITLE, AUTHOR, OUTLET, BODY)
        listed = c.get("/api/documents").json()["items"][0]
        assert listed["title"] == TITLE and listed["author"] == AUTHOR
        assert c.get(f"/api/documents/{doc_id}").headers["content-type"] == "application/json"
        for claim in d["claims"]:  # every claim's evidence is the text at its span, whatever it holds
            if claim["evidence_span"]:
                s, e = claim["evidence_span"]
                assert BODY[s:e] == claim["evidence"]


@pytest.mark.browser
def test_no_script_runs_and_the_text_shows_as_written(hostile, browser, artifacts):
    from conftest import serving

    from newsfusion.web import create_app

    url, doc_id = hostile
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    dialogs, offsite, errors = [], [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    with serving(create_app(url)) as base:
        page.on("request", lambda r: offsite.append(r.url) if not r.url.startswith(base) and not r.url.startswith("data:") else None)
        entity_pages = [f"/entities/{e['entity_id']}" for e in page.request.get(f"{base}/api/documents/{doc_id}").json()["entities"] if e["entity_id"]]
        for path in [f"/documents/{doc_id}", "/", "/documents", "/claims", "/entities", "/sources", "/graph", "/timeline", "/map", "/search?q=script", "/search?q=beni", *entity_pages]:
            page.goto(base + path)
            page.wait_for_load_state("load")
            if path == "/graph":
                page.wait_for_selector("#graph[data-ready='1']", timeout=15000)
            if path.startswith("/documents/"):
                page.hover("text=Antoine Mbala")
                assert page.inner_text("#doc-title") == TITLE
                assert page.inner_text("#doc-author") == AUTHOR
                shown = page.evaluate("() => { const a = document.getElementById('article-text').cloneNode(true); a.querySelectorAll('.hl-label').forEach(x => x.remove()); return a.textContent; }")
                assert shown == BODY
                page.screenshot(path=str(artifacts / "xss-article.png"), full_page=True)
            assert page.evaluate("() => window.__xss") is None, path
            assert page.locator(DANGER).count() == 0, path
            assert page.evaluate("() => [...document.scripts].every(s => s.src.startsWith(location.origin + '/static/') || (s.type === 'application/json' && !s.src))"), path
    ctx.close()
    assert dialogs == [] and offsite == [] and errors == []


def test_the_graph_data_in_the_page_cannot_close_its_element():
    """/graph carries its first drawing as a JSON block (never run); a name holding </script> stays inside it as text."""
    import json
    import re

    from newsfusion.store.graph import Graph, GraphNode
    from newsfusion.web.render import environment

    env = environment()
    env.globals["can_write"] = False
    name = '</script><script>window.__xss=1</script><!--'
    html = env.get_template("graph.html").render(g=Graph([GraphNode("ent_x", name, "PERSON", None, 3, 1)], []), request_path="/graph", kb_stale=False, page_key="", n_open=0)
    blocks = re.findall(r'<script type="application/json" id="graph-data"[^>]*>(.*?)</script>', html, re.S)
    assert len(blocks) == 1 and "<" not in blocks[0]
    assert json.loads(blocks[0])["nodes"][0]["name"] == name
    assert html.count("<script") == 3  # the data block, cytoscape, graph.js: nothing injected
