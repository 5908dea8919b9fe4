"""The derived link tables (store/linkrows.py) hold what tying every row to its entities at read time gives."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import delete, select

from newsfusion.store import Store
from newsfusion.store import schema as t
from newsfusion.store.linkrows import refresh, roles_of
from newsfusion.store.web_entities import entity_relations
from newsfusion.store.web_links import links, roles


def _expected(conn):
    lk = links(conn)
    ids = list(conn.execute(select(t.entities.c.id)).scalars())
    rels = defaultdict(list)
    for r in lk.relations:
        for e in {r.subject_id, r.object_id}:
            if e:
                rels[e].append(r.to_dict())
    return ids, roles(lk, ids), rels


def _check(url):
    with Store(url) as s, s.read() as conn:
        ids, want_roles, want_rels = _expected(conn)
        assert ids, "the knowledge base has entities"
        assert roles_of(conn, ids) == want_roles
        for eid in ids:
            assert [r.to_dict() for r in entity_relations(conn, eid, None)] == want_rels.get(eid, [])
    return want_roles


def test_roles_and_relations_equal_the_links_computed_at_read_time(rich_sqlite, demo_sqlite):
    for url in (rich_sqlite, demo_sqlite):
        got = _check(url)
        assert any(r["mentions"] for r in got.values()) and any(r["claim_source"] for r in got.values())
    assert any(r["relation_subject"] for r in _check(rich_sqlite).values())
    assert any(r["event_actor"] for r in _check(rich_sqlite).values())


def test_refreshing_some_documents_gives_what_refreshing_all_gives(tmp_path, demo_sqlite):
    import shutil

    url = str(tmp_path / "kb.db")
    shutil.copy(demo_sqlite, url)
    with Store(url) as s, s.write() as conn:
        full = {tb.name: sorted(map(tuple, conn.execute(select(tb)))) for tb in t.DERIVED_TABLES}
        docs = sorted(conn.execute(select(t.documents.c.id)).scalars())[:3]
        conn.execute(delete(t.entity_links).where(t.entity_links.c.doc_id.in_(docs)))
        conn.execute(delete(t.relation_links))
        conn.execute(delete(t.entity_roles))
        refresh(conn, docs)  # the roles of every entity of these documents come back, from all their documents' rows
        part = {tb.name: sorted(map(tuple, conn.execute(select(tb)))) for tb in t.DERIVED_TABLES}
        assert part["entity_links"] == full["entity_links"]
        touched = {r[0] for r in full["entity_links"] if r[2] in docs}
        assert part["entity_roles"] == [r for r in full["entity_roles"] if r[0] in touched]
        refresh(conn)
        assert {tb.name: sorted(map(tuple, conn.execute(select(tb)))) for tb in t.DERIVED_TABLES} == full


def test_the_first_relations_of_a_page_are_each_entitys_first(rich_sqlite, demo_sqlite):
    """The entity list's bounded read per entity and side gives the first relations in article order."""
    from newsfusion.store.web_entities import first_relations

    most = 0
    for url in (rich_sqlite, demo_sqlite):
        with Store(url) as s, s.read() as conn:
            ids = sorted(conn.execute(select(t.entities.c.id)).scalars())
            for n in (1, 2, 10):
                got = first_relations(conn, ids, n)
                assert {e: [r.to_dict() for r in rs] for e, rs in got.items()} == {e: [r.to_dict() for r in entity_relations(conn, e, None)[:n]] for e in ids}
            most = max(most, *(len(rs) for rs in first_relations(conn, ids, 10).values()))
    assert most > 1  # an entity with several relations: the cut and the merge of both sides were exercised
