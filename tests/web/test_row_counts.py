"""The counts kept by triggers (store/counts.py) are what counting the tables gives, and the
list totals read from them are the totals counting the filtered list gives."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import delete, func, select, update

from newsfusion.store import Store
from newsfusion.store import counts
from newsfusion.store import schema as t
from newsfusion.store import web_queries as wq
from newsfusion.store.paging import count
from newsfusion.store.web_claims import claims_page
from newsfusion.store.web_entities import entities_page
from newsfusion.store.web_events import events_page

from conftest import ENGINES, _url
from richkb import build_rich_kb


def _counted(conn) -> dict[tuple[str, str, str], int]:
    """Every count worked out with count(*) (zeros left out)."""
    out = {}
    for tbl, facets in counts.FACETS.items():
        out[(tbl, "", "")] = conn.execute(select(func.count()).select_from(t.metadata.tables[tbl])).scalar_one()
        for facet, expr in facets.items():
            e = f"coalesce({expr.format(r=tbl)}, '')"
            for value, n in conn.exec_driver_sql(f"SELECT {e}, count(*) FROM {tbl} GROUP BY {e}"):
                out[(tbl, facet, value)] = n
    return out


def _kept(conn) -> dict[tuple[str, str, str], int]:
    rc = t.row_counts.c
    return {(a, b, c): n for a, b, c, n in conn.execute(select(rc.tbl, rc.facet, rc.value, rc.n)) if n or not b}


@pytest.mark.parametrize("engine", ENGINES)
def test_the_kept_counts_follow_every_write(engine, tmp_path_factory, pg_schemas):
    url = _url(engine, tmp_path_factory, pg_schemas, "counted")
    build_rich_kb(url)  # the articles stored and the knowledge base written
    with Store(url) as s:
        with s.read() as conn:
            assert _kept(conn) == _counted(conn)
            assert _counted(conn)[("claims", "", "")] > 0
        doc = None
        with s.write() as conn:  # an analyst's kind of change, an update of a facet column, and a removed article (cascades)
            conn.execute(update(t.entities).where(t.entities.c.type == "PERSON").values(type="ORG"))
            conn.execute(update(t.claims).values(stance="deny").where(t.claims.c.local_id == "c0"))
            doc = conn.execute(select(t.documents.c.id).order_by(t.documents.c.id).limit(1)).scalar_one()
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql("PRAGMA foreign_keys = ON")
            conn.execute(delete(t.documents).where(t.documents.c.id == doc))
        with s.read() as conn:
            assert conn.execute(select(func.count()).select_from(t.claims).where(t.claims.c.doc_id == doc)).scalar_one() == 0
            assert _kept(conn) == _counted(conn)


@pytest.mark.parametrize(
    ("reader", "params"),
    [
        (claims_page, {}),
        (claims_page, {"stance": "DENY"}),
        (claims_page, {"stance": "assert"}),
        (claims_page, {"source_kind": "named_person"}),
        (claims_page, {"stance": "hedge", "source_kind": "anonymous"}),  # two filters: counted
        (entities_page, {}),
        (entities_page, {"type": "person"}),
        (entities_page, {"type": "no-such-type"}),
        (events_page, {}),
        (events_page, {"type": "battles"}),
        (events_page, {"type": "Violence against civilians", "place": "a"}),
        (wq.documents_page, {}),
        (wq.relations_page, {}),
    ],
)
def test_totals_from_the_kept_counts_are_the_counted_totals(rich_sqlite, reader, params):
    with Store(rich_sqlite) as s, s.read() as conn:
        page = reader(conn, limit=5, **params)
        assert page.total == _count_of(conn, reader, params)


def _count_of(conn, reader, params) -> int:
    """The same reader with the kept counts hidden: it counts the filtered list."""
    real = counts.total
    try:
        counts.total = lambda *a, **k: None
        return reader(conn, limit=0, **params).total
    finally:
        counts.total = real


def test_a_database_without_counts_counts(rich_sqlite, tmp_path):
    url = str(tmp_path / "kb.db")
    shutil.copy(rich_sqlite, url)
    with Store(url) as s, s.write() as conn:
        conn.execute(delete(t.row_counts))
    with Store(url) as s, s.read() as conn:
        assert counts.total(conn, "claims") is None and counts.total(conn, "claims", "stance", "deny") is None
        assert claims_page(conn, limit=1).total == count(conn, select(t.claims))


@pytest.mark.parametrize("engine", ENGINES)
def test_the_kept_counts_follow_an_analysts_decisions_and_a_rewrite(engine, tmp_path_factory, pg_schemas):
    """Merging, renaming and splitting entities rewrite the knowledge base (deletes and bulk inserts):
    the kept counts stay the counted ones on either engine."""
    from newsfusion.kb import KnowledgeBase

    url = _url(engine, tmp_path_factory, pg_schemas, "decided")
    build_rich_kb(url)
    with KnowledgeBase(url) as kb:
        people = [e for e in kb.entities(limit=None) if (e.type or "").upper() in ("PERSON", "ORG")]
        assert len(people) >= 2
        kb.merge_entities(people[0].id, people[1].id)
        with kb.store.read() as conn:
            assert _kept(conn) == _counted(conn)
        kb.rename_entity(kb.entities(limit=1)[0].id, "Someone Renamed")
    with Store(url) as s, s.read() as conn:
        assert _kept(conn) == _counted(conn)
        assert counts.total(conn, "entities") == _counted(conn)[("entities", "", "")]


@pytest.mark.postgres
def test_postgres_totals_read_the_kept_counts(tmp_path_factory, pg_schemas):
    """On PostgreSQL (migration 0012) the totals come from ``row_counts`` too, and are the counted totals."""
    url = _url("postgres", tmp_path_factory, pg_schemas, "pgtotals")
    build_rich_kb(url)
    with Store(url) as s, s.read() as conn:
        assert counts.total(conn, "claims") == conn.execute(select(func.count()).select_from(t.claims)).scalar_one()
        for reader, params in ((claims_page, {"stance": "deny"}), (entities_page, {"type": "person"}), (events_page, {}), (wq.documents_page, {})):
            assert reader(conn, limit=5, **params).total == _count_of(conn, reader, params)
