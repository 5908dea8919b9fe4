"""The API over the demo corpus (examples/articles through the real pipeline), on SQLite and PostgreSQL.

What the extraction finds is being improved, so these tests check that the API
says what the store holds (computed from the KnowledgeBase API, not typed in).
"""

from __future__ import annotations

import re

from newsfusion.kb import KnowledgeBase


def all_items(client, endpoint: str, per_page: int = 7) -> list[dict]:
    out, offset = [], 0
    while True:
        page = client.get(f"{endpoint}{'&' if '?' in endpoint else '?'}limit={per_page}&offset={offset}").json()
        out += page["items"]
        offset += per_page
        if offset >= page["total"]:
            assert len(out) == page["total"]
            return out


def test_listings_match_the_knowledge_base(demo, demo_url):
    with KnowledgeBase(demo_url) as kb:
        st = kb.status()
        docs = [d.id for d in kb.documents()]
        ents = {e.id for e in kb.entities()}
        claims = {(c.doc_id, c.id) for c in kb.claims()}
        events = {e.id for e in kb.events()}
    assert demo.get("/api/status").json()["counts"] == st.counts
    assert [d["id"] for d in all_items(demo, "/api/documents")] == docs  # ingest order
    ent_ids = [e["id"] for e in all_items(demo, "/api/entities")]
    assert len(ent_ids) == len(set(ent_ids)) and set(ent_ids) == ents
    assert {(c["doc_id"], c["local_id"]) for c in all_items(demo, "/api/claims")} == claims
    assert {e["id"] for e in all_items(demo, "/api/events")} == events


def test_documents_give_their_text_and_spans(demo, demo_url):
    with KnowledgeBase(demo_url) as kb:
        views = {d.id: kb.document(d.id) for d in kb.documents()}
    for doc_id, view in views.items():
        d = demo.get(f"/api/documents/{doc_id}").json()
        assert d["text"] == view.text
        mentions = {(m.start, m.end) for m in view.mentions if m.entity}
        assert {(a["start"], a["end"]) for a in d["annotations"] if a["kind"] == "entity" and a["ref"]} == mentions
        for a in d["annotations"]:
            assert 0 <= a["start"] < a["end"] <= len(view.text)
        for c in d["claims"]:
            if c["evidence_span"]:
                s, e = c["evidence_span"]
                assert view.text[s:e] == c["evidence"]


def test_roles_add_up(demo):
    ents = all_items(demo, "/api/entities", per_page=100)
    claims = all_items(demo, "/api/claims", per_page=100)
    assert sum(e["roles"]["claim_source"] for e in ents) == sum(1 for c in claims if c["source_entity"])
    assert sum(e["roles"]["claim_subject"] for e in ents) == sum(len(c["about"]) for c in claims)
    for e in ents:
        if e["roles"]["claim_source"]:
            by = demo.get(f"/api/claims?entity={e['id']}&role=by&limit=500").json()
            assert by["total"] == e["roles"]["claim_source"]


def test_each_article_is_found_by_a_word_of_its_title(demo):
    for d in all_items(demo, "/api/documents"):
        word = max(re.findall(r"[A-Za-z]{5,}", d["title"] or ""), key=len, default=None)
        if word:
            hits = demo.get(f"/api/search?q={word}&kind=document&limit=100").json()
            assert d["id"] in {h["id"] for h in hits["items"]}, (word, d["title"])


def test_graph_nodes_are_actors_and_edges_join_nodes(demo):
    g = demo.get("/api/graph?limit=500").json()
    ids = {n["id"] for n in g["nodes"]}
    assert {n["type"] for n in g["nodes"]} <= {"PERSON", "ORG"}
    for e in g["edges"]:
        assert e["source"] in ids and e["target"] in ids and e["count"] >= 1 and e["refs"]
    mentions = [n["mentions"] for n in g["nodes"]]
    assert mentions == sorted(mentions, reverse=True)
