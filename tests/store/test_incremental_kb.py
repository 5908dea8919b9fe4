"""A knowledge base grown batch by batch is the one a full rebuild gives.

Invented records (no model needed) are stored in a shuffled order, in several
batches, with the knowledge base brought up to date after each batch
(``KnowledgeBase.rebuild``, which ``ingest`` runs: only changed rows are
written). A second database gets the same documents in the same order and one
rebuild at the end; the knowledge-base tables must be identical, row for row.
"""

from __future__ import annotations

import random

import pytest

from newsfusion.kb import KnowledgeBase
from newsfusion.model import Article

PLACES = [("Alvera", "North", 11.0, 21.0), ("Brisco", "North", 11.05, 21.05), ("Coldane", "South", 9.0, 22.0)]
PEOPLE = ["Tomas Erlund", "Tomas Erlundh", "Mira Kovet", "Jan Sadro"]


def record(i: int, rnd: random.Random) -> tuple[Article, dict]:
    place, region, lat, lon = rnd.choice(PLACES)
    person = rnd.choice(PEOPLE)
    day = rnd.choice([None, 3, 4, 12])
    text = f"Report {i}. Gunmen attacked {place}. {person} said {i % 4 + 2} people died."
    ents = [
        {"id": "e0", "name": place, "type": "LOCATION", "aliases": [], "mentions": [[0, 1]],
         "geo": {"name": place, "admin1": region, "country": "XX", "lat": lat, "lon": lon}},
        {"id": "e1", "name": person, "type": "PERSON", "aliases": [], "mentions": [[2, 3]]},
        {"id": "e2", "name": "Northern Front", "type": "ORG", "aliases": ["NF"], "mentions": [[4, 5]], "kind": "armed_group"},
    ]
    claim = {"id": "c0", "source": person, "source_kind": "named_person", "source_entity": "e1", "stance": rnd.choice(["assert", "deny"]),
             "content": f"{i % 4 + 2} people died in {place}", "content_span": [0, 10], "evidence": text, "evidence_span": [0, 10]}
    event = {"id": "v0", "acled_type": "Violence against civilians", "acled_sub_type": "Attack", "location": place,
             "time": {"start": f"2026-02-{day:02d}", "end": f"2026-02-{day:02d}"} if day else {}, "actors": ["Northern Front"],
             "targets": ["civilians"], "fatalities": {"min": i % 4 + 2, "max": i % 4 + 2}, "evidence": text, "sources": [person], "claims": ["c0"]}
    rec = {"document": {"outlet": rnd.choice(["Outlet One", "Outlet Two"]), "published": f"2026-02-{rnd.randint(3, 14):02d}"},
           "entities": ents, "claims": [claim], "events": [event], "relations": [], "contradictions": [], "times": []}
    return Article(text=text, published=rec["document"]["published"], outlet=rec["document"]["outlet"], name=f"r{i}"), rec


@pytest.fixture()
def lexical(monkeypatch):
    monkeypatch.setenv("NEWSFUSION_EMBEDDINGS", "off")


def test_batches_in_a_shuffled_order_give_the_rebuilt_knowledge_base(tmp_path, lexical):
    rnd = random.Random(7)
    docs = [record(i, rnd) for i in range(24)]
    rnd.shuffle(docs)
    grown, whole = KnowledgeBase(str(tmp_path / "grown.db")), KnowledgeBase(str(tmp_path / "whole.db"))
    written = []
    for batch in (docs[:10], docs[10:17], docs[17:23], docs[23:]):
        for art, rec in batch:
            assert grown.store.add_record(art, rec, doc_id=art.content_hash)
            assert whole.store.add_record(art, rec, doc_id=art.content_hash)
        assert grown.rebuild() == []
        written.append(sum(grown.last_written.values()))
    assert whole.rebuild() == []
    a, b = grown.store.kb_snapshot(), whole.store.kb_snapshot()
    assert a == b
    assert len(a["events"]) < 24 and len(a["entities"]) < 24 * 3  # fused and resolved: there was something to grow
    # the last batch (one article) rewrote what it touched, not the knowledge base
    assert 0 < written[-1] < sum(len(rows) for rows in a.values()) / 3
    # writing only the changes gives what replacing every table gives
    state = grown.store.load_state()
    from newsfusion.resolve import run_steps

    state, _ = run_steps(state)
    grown.store.replace_kb(state)
    assert grown.store.kb_snapshot() == a
    grown.close()
    whole.close()


def test_an_unchanged_corpus_writes_nothing(tmp_path, lexical):
    rnd = random.Random(3)
    with KnowledgeBase(str(tmp_path / "kb.db")) as kb:
        for art, rec in (record(i, rnd) for i in range(6)):
            kb.store.add_record(art, rec, doc_id=art.content_hash)
        kb.rebuild()
        assert sum(kb.last_written.values()) > 0
        kb.rebuild()
        assert sum(kb.last_written.values()) == 0
