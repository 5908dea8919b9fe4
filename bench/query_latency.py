#!/usr/bin/env python3
"""List latency of the CLI readers and the busiest API endpoints at 1k .. 100k articles.

    nice python bench/query_latency.py --base KB.db [--sizes 1000,100000] [--calls 20] [--pg URL] [--keep DIR [--reuse]] [--out FILE]

**How the big knowledge bases are built.** Running the pipeline and the corpus
steps on 100,000 articles would take days on a shared 2-core machine, so the
rows of a real, fully built knowledge base (``--base``, e.g. the 2,000-article
one of ``bench/web_kb2000.py``) are replicated in the database itself
(``INSERT ... SELECT``): copy k of every per-document row (documents, mentions,
doc_entities, event_reports, claims, relations) gets the document id
``<id>~k``; entities the gazetteer knows (``kb_id`` set: countries, armies,
known groups) stay one entity and gain copy k's members, as a real stream of
news keeps naming the same armies and countries; every other entity, every
event, grade, contradiction and claim-source link is copied under
``<id>~k``. Texts, dates and names are not changed (the FTS index holds the
same words N/base times); counts (``n_documents``, ``n_members``) are brought
up to date. So the tables have the sizes and the skew (a few entities in most
articles) of a 100k knowledge base, but not its variety of values: filters on
text match N/base times as many rows.

Then each query runs ``--calls`` times (after one warm-up call) and p50/p95
are reported. CLI: ``KnowledgeBase.entities/events/claims/documents/
contradictions/sources`` with ``limit=50`` (the first page). API: the list endpoints with the sorting, filters and pages the pages
use, including a deep page (``offset=MID``: the middle of the documents), through the ASGI app in process with its result
cache emptied before every call (what a cold cache costs the server; no HTTP).
The same queries run at every size in the same run, so the smallest size is the
baseline. ``--pg URL`` repeats everything on PostgreSQL (an empty database the
script may fill; tables are created by the store's migrations).
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Per-document tables: copied with the document id suffixed (other columns as they are).
DOC_TABLES = ("documents", "doc_entities", "mentions", "event_reports", "claims", "relations")


def _sfx(expr: str, k: int) -> str:
    return f"({expr} || '~{k}')"


def _doc_part(expr: str, k: int, dialect: str) -> str:
    """``doc:local`` -> ``doc~k:local``."""
    if dialect == "sqlite":
        return f"(substr({expr}, 1, instr({expr}, ':') - 1) || '~{k}' || substr({expr}, instr({expr}, ':')))"
    return f"(split_part({expr}, ':', 1) || '~{k}:' || split_part({expr}, ':', 2))"


def copy_statements(k: int, dialect: str, columns: dict[str, list[str]], src: str = "") -> list[str]:
    """The INSERT ... SELECT statements adding copy ``k`` of the base rows (those without '~' in their id),
    read from the attached base database ``src`` ("b.") when given (SQLite), else from the growing tables."""
    base_doc = "doc_id NOT LIKE '%~%'"
    ent = lambda col: f"(CASE WHEN {col} IN (SELECT id FROM {src}entities WHERE kb_id IS NOT NULL) THEN {col} ELSE {col} || '~{k}' END)"  # noqa: E731
    special = {
        "documents": ({"id": _sfx("id", k), "name": _sfx("name", k), "run_id": "NULL"}, "id NOT LIKE '%~%'"),
        "entities": ({"id": _sfx("id", k)}, "kb_id IS NULL AND id NOT LIKE '%~%'"),
        "entity_aliases": ({"entity_id": _sfx("entity_id", k)}, f"entity_id IN (SELECT id FROM {src}entities WHERE kb_id IS NULL AND id NOT LIKE '%~%')"),
        "entity_members": ({"entity_id": ent("entity_id"), "doc_id": _sfx("doc_id", k)}, base_doc),
        "claim_sources": ({"entity_id": ent("entity_id"), "doc_id": _sfx("doc_id", k)}, base_doc),
        "events": ({"id": _sfx("id", k)}, "id NOT LIKE '%~%'"),
        "event_members": ({"event_id": _sfx("event_id", k), "doc_id": _sfx("doc_id", k)}, base_doc),
        "grades": ({"target_id": f"(CASE WHEN target = 'event' THEN {_sfx('target_id', k)} ELSE {_doc_part('target_id', k, dialect)} END)"}, "target_id NOT LIKE '%~%'"),
        "contradictions": ({"id": _sfx("id", k), "a_doc_id": _sfx("a_doc_id", k), "b_doc_id": _sfx("b_doc_id", k),
                            "a_event": f"(CASE WHEN a_event LIKE 'evt%' THEN {_sfx('a_event', k)} ELSE a_event END)",
                            "b_event": f"(CASE WHEN b_event LIKE 'evt%' THEN {_sfx('b_event', k)} ELSE b_event END)"}, "id NOT LIKE '%~%'"),
    }
    for table in DOC_TABLES[1:]:
        special[table] = ({"doc_id": _sfx("doc_id", k)}, base_doc)
    order = ("documents", "doc_entities", "mentions", "event_reports", "claims", "relations", "entities", "entity_aliases", "entity_members",
             "claim_sources", "events", "event_members", "grades", "contradictions")
    out = []
    for table in order:
        exprs, where = special[table]
        cols = [c for c in columns[table] if not (table in ("mentions", "relations") and c == "id")]
        sel = ", ".join(exprs.get(c, c) for c in cols)
        out.append(f"INSERT INTO {table} ({', '.join(cols)}) SELECT {sel} FROM {src}{table} WHERE {where}")
    return out


def fix_counts() -> list[str]:
    """n_documents and n_members of the shared (gazetteer) entities, after the copies."""
    return [
        "UPDATE entities SET n_members = (SELECT count(*) FROM entity_members m WHERE m.entity_id = entities.id) WHERE kb_id IS NOT NULL",
        "UPDATE entities SET n_documents = (SELECT count(*) FROM (SELECT doc_id FROM entity_members m WHERE m.entity_id = entities.id "
        "UNION SELECT doc_id FROM claim_sources s WHERE s.entity_id = entities.id) x) WHERE kb_id IS NOT NULL",
    ]


def grow(url: str, copies: int, log=print, base: str | None = None) -> float:
    """Add copies 1 .. copies-1 of the base rows in ``url`` (read from the SQLite file ``base`` when given); returns seconds."""
    from sqlalchemy import create_engine, inspect, text

    from newsfusion.store import schema as t

    eng = create_engine(url)
    dialect = eng.dialect.name
    insp = inspect(eng)
    columns = {name: [c["name"] for c in insp.get_columns(name)] for name in t.metadata.tables if insp.has_table(name)}
    t0 = time.perf_counter()
    with eng.begin() as conn:
        src = ""
        if base and dialect == "sqlite":
            conn.exec_driver_sql(f"ATTACH DATABASE '{base}' AS b")
            src = "b."
        for k in range(1, copies):
            for stmt in copy_statements(k, dialect, columns, src):
                conn.execute(text(stmt))
            if k % 10 == 0:
                log(f"  copy {k}/{copies - 1}: {time.perf_counter() - t0:.0f} s")
        for stmt in fix_counts():
            conn.execute(text(stmt))
        if "entity_links" in columns:  # the derived link tables, worked out by the store's own code over every copy
            from newsfusion.store import linkrows

            t1 = time.perf_counter()
            linkrows.refresh(conn)
            log(f"  derived link tables: {time.perf_counter() - t1:.0f} s")
        if "source_list" in columns:  # and the sources list (store/sourcerows.py)
            from newsfusion.store import sourcerows

            t1 = time.perf_counter()
            sourcerows.refresh(conn)
            log(f"  derived source tables: {time.perf_counter() - t1:.0f} s")
    with eng.connect() as conn:
        conn.execute(text("ANALYZE"))
        conn.commit()
    eng.dispose()
    return time.perf_counter() - t0


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[max(0, min(len(xs) - 1, math.ceil(p / 100 * len(xs)) - 1))]


def cli_calls(kb) -> dict:
    return {
        "kb.entities(limit=50)": lambda: kb.entities(limit=50),
        "kb.events(limit=50)": lambda: kb.events(limit=50),
        "kb.claims(limit=50)": lambda: kb.claims(limit=50),
        "kb.documents(limit=50)": lambda: kb.documents(limit=50),
        "kb.contradictions(limit=50)": lambda: kb.contradictions(limit=50),
        "kb.sources(limit=50)": lambda: kb.sources(limit=50),
    }


API_PATHS = (
    "/api/status",
    "/api/documents?limit=50",
    "/api/documents?sort=-published&limit=50",
    "/api/documents?sort=-published&limit=50&offset=OFFSET",
    "/api/entities?limit=50",
    "/api/entities?sort=name&limit=50&offset=OFFSET",
    "/api/entities?type=person&limit=50",
    "/api/events?limit=50",
    "/api/events?sort=-date&limit=50",
    "/api/events?sort=-date&limit=50&offset=OFFSET",
    "/api/events?type=Battles&limit=50",
    "/api/claims?limit=50",
    "/api/claims?limit=50&offset=OFFSET",
    "/api/claims?stance=deny&limit=50",
    "/api/contradictions?limit=50",
    "/api/sources?limit=50",
    "/api/relations?limit=50",
    # the other orders and one-value filters the pages offer
    "/api/documents?sort=title&limit=50",
    "/api/entities?sort=documents&limit=50",
    "/api/entities?sort=-type&limit=50",
    "/api/claims?source_kind=media&limit=50",
    "/api/sources?sort=name&limit=50",
    "/api/sources?sort=-claims&limit=50&offset=OFFSET",
)


def api_calls(url: str, n_docs: int) -> dict:
    from fastapi.testclient import TestClient

    from newsfusion.web.app import create_app

    app = create_app(url)
    client = TestClient(app)
    deep = str(max(0, n_docs // 2 // 50 * 50))  # a page in the middle of the documents

    def call(path: str):
        app.state.cache._data.clear()
        app.state.cache.forget_version()
        client.get(path).raise_for_status()

    return {f"GET {p.replace('OFFSET', 'MID')}": (lambda p=p.replace("OFFSET", deep): call(p)) for p in API_PATHS}, client


def measure(calls: dict, n: int) -> dict[str, tuple[float, float]]:
    out = {}
    for name, fn in calls.items():
        t = time.perf_counter()
        fn()
        xs = []
        first = time.perf_counter() - t
        if first > 10:  # a query over 10 s: its warm-up call says enough
            out[name] = (first * 1000, first * 1000)
            print(f"    {name}: {out[name][0]:.0f} ms (one call)", flush=True)
            continue
        for _ in range(n if first < 2 else 3):  # a query over 2 s: 3 calls are enough to say so
            t = time.perf_counter()
            fn()
            xs.append((time.perf_counter() - t) * 1000)
        out[name] = (statistics.median(xs), pct(xs, 95))
        print(f"    {name}: p50 {out[name][0]:.1f} ms, p95 {out[name][1]:.1f} ms", flush=True)
    return out


def build_sqlite(base: str, n_base: int, size: int, tmp: Path) -> str:
    path = tmp / f"kb{size}.db"
    src = sqlite3.connect(f"file:{base}?mode=ro", uri=True)
    dst = sqlite3.connect(path)
    src.backup(dst)
    src.close()
    dst.close()
    copies = max(1, math.ceil(size / n_base))
    secs = grow(f"sqlite:///{path}", copies, base=base)
    print(f"  sqlite {size:,}: {copies} copies of {n_base:,} in {secs:.0f} s", flush=True)
    return str(path)


def build_pg(base: str, n_base: int, size: int, pg: str) -> str:
    """Copy the base's tables into the PostgreSQL database ``pg`` (migrated first), then grow it."""
    from sqlalchemy import MetaData, create_engine, text

    from newsfusion.kb import KnowledgeBase
    from newsfusion.store import schema as t

    KnowledgeBase(pg).close()  # creates / migrates the schema
    eng = create_engine(pg)
    src = create_engine(f"sqlite:///{base}")
    order = ("ingest_runs", "documents", "doc_entities", "mentions", "event_reports", "claims", "relations", "entities", "entity_aliases", "entity_members",
             "claim_sources", "events", "event_members", "grades", "contradictions")  # the runs first: documents refer to them
    with eng.begin() as conn:
        conn.execute(text("TRUNCATE " + ", ".join(order) + " CASCADE"))
        from newsfusion.store import counts

        counts.fill(conn)  # TRUNCATE fires no trigger: the kept counts start from the emptied tables (store/counts.py)
        for name in order:
            table = t.metadata.tables[name]
            rows = [dict(r._mapping) for r in src.connect().execute(table.select())]
            for i in range(0, len(rows), 5000):
                conn.execute(table.insert(), rows[i : i + 5000])
        conn.execute(text("UPDATE meta SET value = '0' WHERE key = 'kb_stale'"))
        for name in ("ingest_runs", "mentions", "relations"):  # ids were copied: their sequences go past them
            conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), coalesce((SELECT max(id) FROM {name}), 0) + 1, false)"))
    src.dispose()
    eng.dispose()
    copies = max(1, math.ceil(size / n_base))
    secs = grow(pg, copies)
    print(f"  postgresql {size:,}: {copies} copies of {n_base:,} in {secs:.0f} s", flush=True)
    return pg


def _pg_docs(pg: str) -> int:
    from sqlalchemy import create_engine, text

    eng = create_engine(pg)
    try:
        with eng.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM documents")).scalar_one())
    except Exception:  # noqa: BLE001 - no schema yet
        return -1
    finally:
        eng.dispose()


def run(url: str, calls_n: int) -> tuple[int, dict]:
    from newsfusion.kb import KnowledgeBase

    kb = KnowledgeBase(url)
    n_docs = kb.status().counts["documents"]
    res = measure(cli_calls(kb), calls_n)
    api, client = api_calls(url, n_docs)
    with client:
        res.update(measure(api, calls_n))
    kb.close()
    return n_docs, res


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", required=True, help="a built SQLite knowledge base to replicate (not changed)")
    ap.add_argument("--sizes", default="1000,100000")
    ap.add_argument("--calls", type=int, default=20)
    ap.add_argument("--pg", help="an empty PostgreSQL database to repeat the run on (it is filled)")
    ap.add_argument("--keep", help="folder to keep the built SQLite files in")
    ap.add_argument("--reuse", action="store_true", help="use kb<SIZE>.db already in --keep (built by an earlier run; migrated when opened) instead of building it; "
                    "with --pg, the PostgreSQL database when it holds that size")
    ap.add_argument("--pg-only", action="store_true", help="with --pg: measure PostgreSQL only (the SQLite figures from another run)")
    ap.add_argument("--out", help="append the Markdown table to this file")
    a = ap.parse_args(argv)
    os.environ.setdefault("NEWSFUSION_EMBEDDINGS", "off")
    src = sqlite3.connect(f"file:{a.base}?mode=ro", uri=True)
    n_base = src.execute("SELECT count(*) FROM documents").fetchone()[0]
    src.close()
    tmp = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="querylat"))
    tmp.mkdir(parents=True, exist_ok=True)
    # the base, migrated to this checkout's schema, once
    base = tmp / "base.db"
    shutil.copy(a.base, base)
    from newsfusion.kb import KnowledgeBase

    KnowledgeBase(str(base)).close()
    sizes = [int(x) for x in a.sizes.split(",")]
    table: dict[tuple[str, int], dict] = {}
    engines = ([] if a.pg and a.pg_only else [("sqlite", None)]) + ([("postgresql", a.pg)] if a.pg else [])
    for engine, pg in engines:
        for size in sizes:
            kept = tmp / f"kb{size}.db"
            if pg and a.reuse and _pg_docs(pg) == n_base * max(1, math.ceil(size / n_base)):
                url = pg  # built by an earlier run (list the size to reuse first: a smaller one rebuilds the database)
                print(f"  postgresql {size:,}: reusing {pg}", flush=True)
            elif pg:
                url = build_pg(str(base), n_base, size, pg)
            elif a.reuse and kept.exists():
                url = f"sqlite:///{kept}"
                print(f"  sqlite {size:,}: reusing {kept}", flush=True)
            else:
                url = "sqlite:///" + build_sqlite(str(base), n_base, size, tmp)
            n_docs, res = run(url, a.calls)
            table[(engine, n_docs)] = res
            print(f"  {engine} {n_docs:,} articles measured", flush=True)
    keys = list(table)
    names = list(next(iter(table.values())))
    head = "| query | " + " | ".join(f"{e} {n:,}: p50 / p95 ms" for e, n in keys) + " |"
    lines = [f"base: {n_base:,} articles ({a.base}); {a.calls} calls each after a warm-up; API with its result cache emptied before each call", "",
             head, "|---" * (len(keys) + 1) + "|"]
    for name in names:
        lines.append(f"| `{name}` | " + " | ".join(f"{table[k][name][0]:.1f} / {table[k][name][1]:.1f}" for k in keys) + " |")
    text_ = "\n".join(lines)
    print(text_)
    if a.out:
        with open(a.out, "a", encoding="utf-8") as fh:
            fh.write(text_ + "\n\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
