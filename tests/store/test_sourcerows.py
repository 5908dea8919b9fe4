"""The sources list read from ``source_list`` (store/sourcerows.py) is the one worked out from the stored rows.

Invented reports: claim sources held by entities under several spellings, a source no
entity holds, an outlet that is also a claim source's alias, authors, ratings by any
spelling; stored in batches with the knowledge base brought up to date after each
(the incremental corpus steps after the first), then compared with the direct
computation (``sourcerows.compute``) and with a full rewrite of the derived rows.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from newsfusion.kb import KnowledgeBase
from newsfusion.model import Article
from newsfusion.store import schema as t
from newsfusion.store import sourcerows
from newsfusion.store import web_queries as wq

# (claims as (source, kind), entities as (name, type, aliases), outlet, author)
REPORTS = [
    ([("Velmar Rangers", "named_org"), ("residents", "anonymous")], [("Velmar Rangers", "ORG", ["VR"])], "Coast Ledger", "Ana Pell"),
    ([("the VR", "named_org"), ("a local official", "anonymous")], [("VR", "ORG", ["Velmar Rangers"])], "Coast Ledger", None),
    ([("Harbor Watch", "media")], [("Harbor Watch", "ORG", [])], "Harbor Watch", "Ana Pell"),
    ([("Residents", "anonymous"), ("Tobin Marsh", "named_person")], [("Tobin Marsh", "PERSON", [])], "Inland Courier", "Tobin Marsh"),
    ([("Velmar Rangers", "named_org")], [("Velmar Rangers", "ORG", [])], "Inland Courier", None),
    ([("an aid worker", "anonymous")], [], "Harbor Watch", None),
]


def _record(doc_id: str, claims, entities, outlet, author) -> dict:
    return {
        "doc_id": doc_id,
        "document": {"author": author, "outlet": outlet},
        "entities": [{"id": f"e{i}", "name": n, "type": ty, "aliases": list(a), "mentions": []} for i, (n, ty, a) in enumerate(entities)],
        "claims": [{"id": f"c{i}", "source": s, "source_kind": k, "stance": "assert", "content": f"claim {doc_id} {i}", "evidence": f"claim {doc_id} {i}",
                    "evidence_span": [0, 5]} for i, (s, k) in enumerate(claims)],
        "events": [], "relations": [], "contradictions": [],
    }


def _add(kb: KnowledgeBase, i: int) -> None:
    claims, ents, outlet, author = REPORTS[i % len(REPORTS)]
    art = Article(text=f"report number {i}", outlet=outlet, author=author, name=f"r{i}", published=f"2026-03-{i + 1:02d}")
    kb.store.add_record(art, _record(f"d{i:02d}", claims, ents, outlet, author), doc_id=f"d{i:02d}")


def _derived(kb: KnowledgeBase) -> dict[str, list[tuple]]:
    with kb.store.read() as conn:
        return {tb.name: sorted(tuple(r) for r in conn.execute(select(tb))) for tb in (t.source_docs, t.source_forms, t.source_list)}


@pytest.fixture()
def lexical(monkeypatch):
    monkeypatch.setenv("NEWSFUSION_EMBEDDINGS", "off")
    monkeypatch.setattr("newsfusion.resolve.incremental.MIN_STORED", 0)  # small corpora take the incremental path too


def test_the_derived_list_is_the_direct_computation_batch_after_batch(tmp_path, lexical):
    with KnowledgeBase(str(tmp_path / "kb.db")) as kb:
        for batch in (range(0, 4), range(4, 9), range(9, 12)):
            for i in batch:
                _add(kb, i)
            assert kb.rebuild() == []
            with kb.store.read() as conn:
                assert kb.sources() == sourcerows.compute(conn)
        rows = {s.name: s for s in kb.sources()}
        # every spelling of one source entity is one row, with its outlets' documents when it is also an outlet
        vr = rows["Velmar Rangers"]
        assert vr.id and {"VR", "the VR"} <= set(vr.aliases) and vr.claims == 6
        assert rows["Harbor Watch"].kinds == ["media", "outlet"] and rows["Harbor Watch"].documents == 4
        assert rows["Tobin Marsh"].kinds == ["named_person", "author"]
        assert rows["Ana Pell"].kinds == ["author"] and rows["Ana Pell"].documents == 4 and rows["Ana Pell"].id is None
        assert rows["Coast Ledger"].documents == 4 and rows["Coast Ledger"].claims == 0
        # what the incremental writes left is what a full rewrite gives
        before = _derived(kb)
        with kb.store.write() as conn:
            sourcerows.refresh(conn)
        assert _derived(kb) == before


def test_ratings_show_at_once_and_follow_the_spellings(tmp_path, lexical):
    with KnowledgeBase(str(tmp_path / "kb.db")) as kb:
        for i in range(6):
            _add(kb, i)
        kb.rebuild()
        kb.store.rate_source("the VR", "D")  # a spelling of a claim-source entity
        kb.store.rate_source("Nobody Known", "F")  # no such source: listed with its rating only
        rows = {s.name: s for s in kb.sources()}
        assert rows["Velmar Rangers"].rating == "D" and rows["Nobody Known"].rating == "F" and rows["Nobody Known"].kinds == []
        with kb.store.read() as conn:
            assert kb.sources() == sourcerows.compute(conn)
            page = wq.sources_page(conn, sort="rating", limit=3)
            assert [s.rating for s in page.items][:2] == ["D", "F"] and page.total == len(rows)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"name": "vr"}, ["Velmar Rangers"]),  # an alias matches
        ({"kind": "author"}, ["Ana Pell", "Tobin Marsh"]),
        ({"sort": "name", "kind": "outlet"}, ["Coast Ledger", "Harbor Watch", "Inland Courier"]),
        ({"sort": "-claims", "limit": 1}, ["Velmar Rangers"]),
    ],
)
def test_the_page_filters_and_sorts_as_the_list(tmp_path, lexical, params, expected):
    with KnowledgeBase(str(tmp_path / "kb.db")) as kb:
        for i in range(12):
            _add(kb, i)
        kb.rebuild()
        with kb.store.read() as conn:
            page = wq.sources_page(conn, **params)
            assert [s.name for s in page.items] == expected
            # the same as filtering and sorting the direct computation in Python
            items = sorted(sourcerows.compute(conn), key=lambda s: (s.name.lower(), s.name, s.id or ""))
            if "kind" in params:
                items = [s for s in items if params["kind"] in s.kinds]
            if "name" in params:
                items = [s for s in items if any(params["name"] in n.lower() for n in [s.name, *s.aliases])]
            sort = params.get("sort", "-documents")
            items.sort(key=lambda s: getattr(s, {"name": "name"}.get(sort.lstrip("-"), sort.lstrip("-"))) if sort.lstrip("-") != "name" else s.name.lower(),
                       reverse=sort.startswith("-"))
            assert page.items == items[: params.get("limit", 50)] and page.total == len(items)
