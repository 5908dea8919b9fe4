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

On PostgreSQL (migration 0012, :func:`pg_ddl`) statement-level PL/pgSQL
triggers do the same with the statement's transition tables: one upsert per
counted facet and statement (a bulk ``INSERT ... SELECT`` or COPY of 100,000s of
rows adds its ``count(*)`` once, not one row at a time). ``TRUNCATE`` fires no
such trigger: whoever truncates calls :func:`fill` after.
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


def _pg_upsert(tbl: str, facet: str, value: str, n: str, src: str) -> str:
    return (f"INSERT INTO row_counts (tbl, facet, value, n) SELECT '{tbl}', '{facet}', {value}, {n} FROM {src} "
            f"{'GROUP BY 3' if facet else ''} ON CONFLICT (tbl, facet, value) DO UPDATE SET n = row_counts.n + EXCLUDED.n;")


def pg_ddl(tbl: str) -> list[str]:
    """The functions and statement-level triggers keeping ``tbl``'s counts (PostgreSQL)."""
    out = []
    for op, verb, sign, rows in (("ai", "INSERT", "", "NEW TABLE AS nf_rows"), ("ad", "DELETE", "-", "OLD TABLE AS nf_rows")):
        body = [_pg_upsert(tbl, "", "''", f"{sign}count(*)", "nf_rows")]
        body += [_pg_upsert(tbl, f, f"coalesce({e.format(r='nf_rows')}, '')", f"{sign}count(*)", "nf_rows") for f, e in FACETS[tbl].items()]
        out.append(f"CREATE OR REPLACE FUNCTION rc_{tbl}_{op}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {' '.join(body)} RETURN NULL; END $$")
        out.append(f"DROP TRIGGER IF EXISTS rc_{tbl}_{op} ON {tbl}")
        out.append(f"CREATE TRIGGER rc_{tbl}_{op} AFTER {verb} ON {tbl} REFERENCING {rows} FOR EACH STATEMENT EXECUTE FUNCTION rc_{tbl}_{op}()")
    if FACETS[tbl]:  # an update moves rows between a facet's values (transition tables allow no column list: every UPDATE)
        body = []
        for f, e in FACETS[tbl].items():
            moved = (f"(SELECT coalesce({e.format(r='n')}, '') AS v, 1 AS d FROM nf_new n UNION ALL "
                     f"SELECT coalesce({e.format(r='o')}, '') AS v, -1 AS d FROM nf_old o) x")
            body.append(f"INSERT INTO row_counts (tbl, facet, value, n) SELECT '{tbl}', '{f}', v, sum(d) FROM {moved} GROUP BY v HAVING sum(d) <> 0 "
                        "ON CONFLICT (tbl, facet, value) DO UPDATE SET n = row_counts.n + EXCLUDED.n;")
        out.append(f"CREATE OR REPLACE FUNCTION rc_{tbl}_au() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {' '.join(body)} RETURN NULL; END $$")
        out.append(f"DROP TRIGGER IF EXISTS rc_{tbl}_au ON {tbl}")
        out.append(f"CREATE TRIGGER rc_{tbl}_au AFTER UPDATE ON {tbl} REFERENCING OLD TABLE AS nf_old NEW TABLE AS nf_new "
                   f"FOR EACH STATEMENT EXECUTE FUNCTION rc_{tbl}_au()")
    return out


def fill(conn: Connection) -> None:
    """Count what is stored (the migration; and :func:`install`)."""
    conn.exec_driver_sql("DELETE FROM row_counts")
    for tbl, facets in FACETS.items():
        conn.exec_driver_sql(f"INSERT INTO row_counts (tbl, facet, value, n) SELECT '{tbl}', '', '', count(*) FROM {tbl}")
        for facet, expr in facets.items():
            e = f"coalesce({expr.format(r=tbl)}, '')"
            conn.exec_driver_sql(f"INSERT INTO row_counts (tbl, facet, value, n) SELECT '{tbl}', '{facet}', {e}, count(*) FROM {tbl} GROUP BY {e}")


def kept(conn: Connection) -> bool:
    """Whether this database keeps the counts (SQLite; PostgreSQL from migration 0012)."""
    return conn.dialect.name in ("sqlite", "postgresql")


def install(conn: Connection) -> None:
    """Create the triggers and fill the counts (SQLite, PostgreSQL; nothing on another database)."""
    name = conn.dialect.name
    if name not in ("sqlite", "postgresql"):
        return
    for tbl in FACETS:
        for stmt in (ddl if name == "sqlite" else pg_ddl)(tbl):
            conn.exec_driver_sql(stmt)
    fill(conn)


def uninstall(conn: Connection) -> None:
    """Drop what :func:`install` created on PostgreSQL (migration 0012's downgrade)."""
    if conn.dialect.name != "postgresql":
        return
    for name in trigger_names():
        tbl = name[3:-3]
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON {tbl}")
        conn.exec_driver_sql(f"DROP FUNCTION IF EXISTS {name}()")


def total(conn: Connection, tbl: str, facet: str = "", value: str = "") -> int | None:
    """The rows of ``tbl`` (with ``facet`` = ``value``, normalised as the filter compares it), or None
    when the database keeps no counts."""
    if not kept(conn):
        return None
    rc = t.row_counts.c
    n = conn.execute(select(rc.n).where(rc.tbl == tbl, rc.facet == facet, rc.value == value)).scalar_one_or_none()
    if n is None and facet and tbl in FACETS and facet in FACETS[tbl] and total(conn, tbl) is not None:
        return 0  # a value no row has
    return None if n is None else int(n)


def totals(conn: Connection, tables: list[str]) -> dict[str, int] | None:
    """The row counts of ``tables`` in one read, or None when the database keeps none for one of them."""
    if not kept(conn):
        return None
    rc = t.row_counts.c
    got = dict(conn.execute(select(rc.tbl, rc.n).where(rc.facet == "", rc.value == "", rc.tbl.in_(tables))).all())
    return {k: int(got[k]) for k in tables} if all(k in got for k in tables) else None
