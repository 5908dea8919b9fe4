"""The derived link tables (store/linkrows.py) hold what tying every row to its entities at read time gives."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import delete, insert, select

from newsfusion.store import Store
from newsfusion.store import schema as t
from newsfusion.store.linkrows import _roles, refresh, roles_of
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


def _recount(conn):
    """entity_roles counted over the stored entity_links (the full recount)."""
    conn.execute(delete(t.entity_roles))
    if rows := _roles(conn, None):
        conn.execute(insert(t.entity_roles), rows)


def test_refreshing_some_documents_gives_what_refreshing_all_gives(tmp_path, demo_sqlite, rich_sqlite):
    """refresh(docs) moves the stored roles by the links it rewrites (a delta, not a recount):
    from a consistent state in which the documents' links are missing, or stale (extra mentions,
    an extra event link shared with another document, a link to an entity nowhere else), it gives
    what the full refresh gives, every table and every entity."""
    import shutil

    for n, src in enumerate((demo_sqlite, rich_sqlite)):
        url = str(tmp_path / f"kb{n}.db")
        shutil.copy(src, url)
        with Store(url) as s, s.write() as conn:
            refresh(conn)
            full = {tb.name: sorted(map(tuple, conn.execute(select(tb)))) for tb in t.DERIVED_TABLES}
            all_docs = sorted(conn.execute(select(t.documents.c.id)).scalars())
            for docs in (all_docs[:3], all_docs[1::2], all_docs[-1:]):
                # missing: the documents' links gone, roles counted without them
                conn.execute(delete(t.entity_links).where(t.entity_links.c.doc_id.in_(docs)))
                conn.execute(delete(t.relation_links))
                _recount(conn)
                refresh(conn, docs)
                assert {tb.name: sorted(map(tuple, conn.execute(select(tb)))) for tb in t.DERIVED_TABLES if tb.name != "relation_links"} == {
                    k: v for k, v in full.items() if k != "relation_links"}
                # stale: links the documents no longer have, counted in the roles
                ev = [r for r in full["entity_links"] if r[1] == "event_actor" and r[2] not in docs]
                extra = [{"entity_id": "ent_gone", "role": "event_actor", "doc_id": docs[0], "ref": "ev_gone", "n": 1},
                         {"entity_id": "ent_gone", "role": "mentions", "doc_id": docs[0], "ref": "", "n": 4}]
                if ev:  # the same event as another document's link: counted once before and after
                    extra.append({"entity_id": ev[0][0], "role": "event_actor", "doc_id": docs[0], "ref": ev[0][3], "n": 9})
                    extra.append({"entity_id": ev[0][0], "role": "event_target", "doc_id": docs[0], "ref": ev[0][3], "n": 1})
                have = {(r[0], r[1], r[2], r[3]) for r in full["entity_links"]}
                conn.execute(insert(t.entity_links), [x for x in extra if (x["entity_id"], x["role"], x["doc_id"], x["ref"]) not in have])
                _recount(conn)
                refresh(conn, docs)
                assert {tb.name: sorted(map(tuple, conn.execute(select(tb)))) for tb in t.DERIVED_TABLES if tb.name != "relation_links"} == {
                    k: v for k, v in full.items() if k != "relation_links"}
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
