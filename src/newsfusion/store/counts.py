"""Row counts kept by the database on every write: ``row_counts``.

A page's ``total`` and ``status``'s counts were a ``count(*)`` per request over
tables of 100,000s to millions of rows at 100,000 articles (1M entities, 2.7M
mentions: ``/api/status`` 0.9 s, a list's total 0.1-0.5 s). On SQLite, triggers
(migration 0010, :func:`ddl`) add and subtract one in ``row_counts`` for each
row inserted into or deleted from the counted tables, whoever writes them (the
ingest, the knowledge-base writers, cascades when a document is removed), so
the counts are exact; and per value of the facets the lists filter on alone
(a claim's stance or source kind, an entity's type, an event's type).

``row_counts``: (``tbl``, ``facet``, ``value``, ``n``); ``facet`` = '' and
``value`` = '' is the table's row count; a facet's ``value`` is the filter's
normalised form (the expression in :data:`FACETS`, '' for NULL).

PostgreSQL keeps no counts here (:func:`total` answers None and the readers
count, as before).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.engine import Connection

from . import schema as t

# Counted tables -> {facet: the SQL expression of the row's value, as the list filters compare it}.
FACETS: dict[str, dict[str, str]] = {
    "documents": {},
    "doc_entities": {},
    "mentions": {},
    "event_reports": {},
    "claims": {"stance": "lower({r}.stance)", "source_kind": "lower({r}.source_kind)"},
    "relations": {},
    "relation_links": {},
    "entities": {"type": "upper({r}.type)"},
    "entity_aliases": {},
    "events": {"type": "lower({r}.acled_type)"},
    "contradictions": {},
    "grades": {},
}


def _col(facet_expr: str) -> str:
    """The column a facet expression reads (``lower(NEW.stance)`` -> ``stance``)."""
    return facet_expr.split(".", 1)[1].rstrip(")")


def ddl(tbl: str) -> list[str]:
    """The triggers keeping ``tbl``'s counts (SQLite)."""
    inc, dec = [], []
    for facet, expr in FACETS[tbl].items():
        new, old = f"coalesce({expr.format(r='NEW')}, '')", f"coalesce({expr.format(r='OLD')}, '')"
        inc.append(f"INSERT INTO row_counts (tbl, facet, value, n) VALUES ('{tbl}', '{facet}', {new}, 1) "
                   "ON CONFLICT (tbl, facet, value) DO UPDATE SET n = n + 1;")
        dec.append(f"UPDATE row_counts SET n = n - 1 WHERE tbl = '{tbl}' AND facet = '{facet}' AND value = {old};")
    out = [
        f"CREATE TRIGGER rc_{tbl}_ai AFTER INSERT ON {tbl} BEGIN "
        f"UPDATE row_counts SET n = n + 1 WHERE tbl = '{tbl}' AND facet = '' AND value = ''; {' '.join(inc)} END",
        f"CREATE TRIGGER rc_{tbl}_ad AFTER DELETE ON {tbl} BEGIN "
        f"UPDATE row_counts SET n = n - 1 WHERE tbl = '{tbl}' AND facet = '' AND value = ''; {' '.join(dec)} END",
    ]
    if FACETS[tbl]:
        cols = ", ".join(sorted({_col(e) for e in FACETS[tbl].values()}))
        out.append(f"CREATE TRIGGER rc_{tbl}_au AFTER UPDATE OF {cols} ON {tbl} BEGIN {' '.join(dec)} {' '.join(inc)} END")
    return out


def trigger_names() -> list[str]:
    """Every trigger :func:`ddl` creates (to drop them)."""
    return [f"rc_{tbl}_{op}" for tbl in FACETS for op in ("ai", "ad", "au") if op != "au" or FACETS[tbl]]


def fill(conn: Connection) -> None:
    """Count what is stored (the migration; and :func:`install`)."""
    conn.exec_driver_sql("DELETE FROM row_counts")
    for tbl, facets in FACETS.items():
        conn.exec_driver_sql(f"INSERT INTO row_counts (tbl, facet, value, n) SELECT '{tbl}', '', '', count(*) FROM {tbl}")
        for facet, expr in facets.items():
            e = f"coalesce({expr.format(r=tbl)}, '')"
            conn.exec_driver_sql(f"INSERT INTO row_counts (tbl, facet, value, n) SELECT '{tbl}', '{facet}', {e}, count(*) FROM {tbl} GROUP BY {e}")


def install(conn: Connection) -> None:
    """Create the triggers and fill the counts (SQLite; nothing on another database)."""
    if conn.dialect.name != "sqlite":
        return
    for tbl in FACETS:
        for stmt in ddl(tbl):
            conn.exec_driver_sql(stmt)
    fill(conn)


def total(conn: Connection, tbl: str, facet: str = "", value: str = "") -> int | None:
    """The rows of ``tbl`` (with ``facet`` = ``value``, normalised as the filter compares it), or None
    when the database keeps no counts (PostgreSQL)."""
    if conn.dialect.name != "sqlite":
        return None
    rc = t.row_counts.c
    n = conn.execute(select(rc.n).where(rc.tbl == tbl, rc.facet == facet, rc.value == value)).scalar_one_or_none()
    if n is None and facet and tbl in FACETS and facet in FACETS[tbl] and total(conn, tbl) is not None:
        return 0  # a value no row has
    return None if n is None else int(n)


def totals(conn: Connection, tables: list[str]) -> dict[str, int] | None:
    """The row counts of ``tables`` in one read, or None when the database keeps none for one of them."""
    if conn.dialect.name != "sqlite":
        return None
    rc = t.row_counts.c
    got = dict(conn.execute(select(rc.tbl, rc.n).where(rc.facet == "", rc.value == "", rc.tbl.in_(tables))).all())
    return {k: int(got[k]) for k in tables} if all(k in got for k in tables) else None
