"""The store: opening, migrating and writing a newsfusion database.

Every write goes through one :meth:`Store.write` context (one lock per
process, ``BEGIN IMMEDIATE`` on SQLite, a transaction-scoped advisory lock on
PostgreSQL), so there is one writer at a time. Each article is added in its
own transaction: an interrupt loses no committed article and leaves no
half-written one. The knowledge-base tables are replaced in one transaction.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, text, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from ..config import settings
from ..errors import StoreError
from ..model import Article, Doc, Mention
from ..resolve import CorpusState
from . import kbrows, linkrows, migrate, rows, runs
from . import schema as t
from .connect import Target, check_sqlite_file, make_engine, postgres_state, resolve, translate

# Key of the PostgreSQL advisory lock that serialises newsfusion writers.
_PG_LOCK_KEY = 0x6E657773  # "news"


class Store:
    """A newsfusion database (SQLite file or PostgreSQL), created or migrated on open.

    Example::

        store = Store("newsfusion.db")
        store.add_document(doc, run_id=None)
        print(store.counts())
    """

    def __init__(self, db: str | None = None, *, busy_timeout: float | None = None):
        self.target: Target = resolve(db if db is not None else settings().db)
        self.label = self.target.label
        self.busy_timeout = settings().busy_timeout if busy_timeout is None else busy_timeout
        new = check_sqlite_file(self.target, self.busy_timeout) if self.target.dialect == "sqlite" else False
        self.engine = make_engine(self.target, self.busy_timeout)
        self._lock = threading.RLock()
        try:
            if self.target.dialect == "postgresql":
                new = self._guard(lambda: postgres_state(self.engine, self.label))
            self._migrate(new)
        except BaseException:
            self.engine.dispose()
            raise

    @property
    def dialect(self) -> str:
        return self.target.dialect

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ transactions

    def _guard(self, fn):
        try:
            return fn()
        except StoreError:
            raise
        except DBAPIError as exc:
            raise translate(exc, self.label) from None

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read transaction (one consistent snapshot)."""
        try:
            with self.engine.connect() as conn, conn.begin():
                yield conn
        except DBAPIError as exc:
            raise translate(exc, self.label) from None

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """The one write transaction: committed on success, rolled back on any exception."""
        with self._lock:
            try:
                with self.engine.connect() as conn:
                    conn.execution_options(newsfusion_write=True)
                    with conn.begin():
                        if self.dialect == "postgresql":
                            ms = int(self.busy_timeout * 1000)
                            conn.execute(text(f"SET LOCAL lock_timeout = {ms}"))
                            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
                        yield conn
            except DBAPIError as exc:
                raise translate(exc, self.label) from None

    def _migrate(self, new: bool) -> None:
        with self.read() as conn:
            rev = migrate.current(conn)
        migrate.check_not_newer(rev, self.label)
        if rev == migrate.head():
            return
        if rev is None and not new:
            raise StoreError("E301", "has the newsfusion marker but no schema version", "restore it from a backup or start a new database", path=self.label)
        with self.write() as conn:
            rev = migrate.current(conn)  # another process may have migrated meanwhile
            migrate.check_not_newer(rev, self.label)
            if rev != migrate.head():
                migrate.upgrade(conn)

    def revision(self) -> str | None:
        with self.read() as conn:
            return migrate.current(conn)

    # -------------------------------------------------------------------- meta

    def get_meta(self, key: str, conn: Connection | None = None) -> str | None:
        if conn is None:
            with self.read() as c:
                return self.get_meta(key, c)
        return conn.execute(select(t.meta.c.value).where(t.meta.c.key == key)).scalar()

    @staticmethod
    def set_meta(conn: Connection, key: str, value: str) -> None:
        done = conn.execute(update(t.meta).where(t.meta.c.key == key).values(value=value)).rowcount
        if not done:
            conn.execute(insert(t.meta).values(key=key, value=value))

    def kb_stale(self) -> bool:
        return self.get_meta("kb_stale") == "1"

    def mark_stale(self) -> None:
        with self.write() as conn:
            self.set_meta(conn, "kb_stale", "1")

    # -------------------------------------------------------------------- runs

    def start_run(self, pipeline_version: str, inputs: Iterable[str] = ()) -> int:
        """A new ``running`` row owned by this process; earlier runs whose process died become ``interrupted``."""
        row = {"pipeline_version": pipeline_version, "started_at": rows.now(), "status": "running", "added": 0, "duplicates": 0, "failed": 0, "skipped": 0, "inputs": rows.to_json(list(inputs))}
        with self.write() as conn:
            runs.close_dead_runs(conn)
            run_id = int(conn.execute(insert(t.ingest_runs).values(**row)).inserted_primary_key[0])
            self.set_meta(conn, runs.owner_key(run_id), runs.this_owner())
            return run_id

    def finish_run(self, run_id: int, status: str, counts: dict[str, int], warnings: list[str]) -> None:
        values = {"status": status, "finished_at": rows.now(), "warnings": rows.to_json(warnings), **counts}
        with self.write() as conn:
            conn.execute(update(t.ingest_runs).where(t.ingest_runs.c.id == run_id).values(**values))
            conn.execute(delete(t.meta).where(t.meta.c.key == runs.owner_key(run_id)))

    # --------------------------------------------------------------- documents

    def stored_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of ``ids`` are already stored."""
        ids = list(dict.fromkeys(ids))
        found: set[str] = set()
        with self.read() as conn:
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                found.update(conn.execute(select(t.documents.c.id).where(t.documents.c.id.in_(chunk))).scalars())
        return found

    def add_document(self, doc: Doc, *, run_id: int | None = None, pipeline_version: str | None = None) -> bool:
        """Store one processed article in its own transaction; False if it was already stored."""
        from ..export.record import doc_record

        return self.add_record(doc.article, doc_record(doc), doc_id=doc.doc_id, mentions=doc.mentions, run_id=run_id, pipeline_version=pipeline_version)

    def add_record(
        self,
        article: Article,
        record: dict[str, Any],
        *,
        doc_id: str,
        mentions: list[Mention] | None = None,
        run_id: int | None = None,
        pipeline_version: str | None = None,
        ingested_at: str | None = None,
    ) -> bool:
        """Store an article with its FORMAT.md record (all rows in one transaction).

        ``ingested_at`` (ISO time, default now) lets a replay or a benchmark store a stream as it came."""
        record = dict(record, doc_id=doc_id)
        doc_row = rows.document_row(doc_id, article, record, pipeline_version=pipeline_version, ingested_at=ingested_at or rows.now(), run_id=run_id)
        children = [
            (t.doc_entities, rows.entity_rows(doc_id, record)),
            (t.mentions, rows.mention_rows(doc_id, record, article.text, mentions)),
            (t.event_reports, rows.event_rows(doc_id, record)),
            (t.claims, rows.claim_rows(doc_id, record)),
            (t.relations, rows.relation_rows(doc_id, record)),
        ]
        with self.write() as conn:
            if conn.execute(select(t.documents.c.id).where(t.documents.c.id == doc_id)).first():
                return False
            conn.execute(insert(t.documents), [doc_row])
            for table, items in children:
                if items:
                    conn.execute(insert(table), items)
            self.set_meta(conn, "kb_stale", "1")
        return True

    def record(self, doc_id: str) -> dict[str, Any] | None:
        with self.read() as conn:
            s = conn.execute(select(t.documents.c.record).where(t.documents.c.id == doc_id)).scalar()
        return rows.from_json(s)

    # ---------------------------------------------------------- knowledge base

    def load_state(self) -> CorpusState:
        """What the corpus steps need: every stored record, the overrides, the source ratings."""
        with self.read() as conn:
            recs = conn.execute(select(t.documents.c.id, t.documents.c.record, t.documents.c.ingested_at).order_by(t.documents.c.ingested_at, t.documents.c.id)).all()
            ovs = conn.execute(select(t.overrides).order_by(t.overrides.c.id)).mappings().all()
            ratings = conn.execute(select(t.source_ratings.c.source, t.source_ratings.c.reliability)).all()
        docs = [dict(rows.from_json(rec), doc_id=doc_id) for doc_id, rec, _ in recs]
        ingested = {doc_id: (at or "")[:10] for doc_id, _, at in recs}
        return CorpusState(docs=docs, overrides=[override_dict(o) for o in ovs], source_ratings=dict(ratings), ingested=ingested)

    def _kb_batches(self, state: CorpusState) -> list[tuple[Any, list[dict[str, Any]]]]:
        ents, aliases, members = kbrows.entity_rows(state.entities)
        events, ev_members = kbrows.event_rows(state)
        return [
            (t.entities, _unique(ents, "id")),
            (t.entity_aliases, _unique(aliases, "entity_id", "alias")),
            (t.entity_members, _unique(members, "entity_id", "doc_id", "local_id")),
            (t.claim_sources, _unique(kbrows.claim_source_rows(state), "doc_id", "local_id")),
            (t.events, _unique(events, "id")),
            (t.event_members, _unique(ev_members, "event_id", "doc_id", "local_id")),
            (t.contradictions, _unique(kbrows.contradiction_rows(state.contradictions), "id")),
            (t.grades, _unique(kbrows.grade_rows(state.grades), "target", "target_id")),
        ]

    def update_kb(self, state: CorpusState, *, complete: bool = True) -> dict[str, int]:
        """Bring the knowledge-base tables to what ``state`` holds, writing only what changed.

        The same tables as :meth:`replace_kb` gives, in one transaction; rows that did
        not change are not touched (an article added to a large knowledge base rewrites
        the entities, events and grades it touched, not all of them). Returns the rows
        written (deleted, updated, inserted) per table."""
        batches = self._kb_batches(state)
        written: dict[str, int] = {}
        with self.write() as conn:
            plans = []
            for table, items in batches:
                pk = [c.name for c in table.primary_key.columns]
                cols = [c.name for c in table.columns]
                old = {tuple(r[k] for k in pk): dict(r) for r in conn.execute(select(table)).mappings()}
                new = {tuple(r[k] for k in pk): {c: r.get(c) for c in cols} for r in items}
                gone = [k for k in old if k not in new]
                changed = [new[k] for k in new if k in old and old[k] != new[k]]
                added = [new[k] for k in new if k not in old]
                plans.append((table, pk, gone, changed, added))
                written[table.name] = len(gone) + len(changed) + len(added)
            for table, pk, gone, _, _ in reversed(plans):  # children first
                if gone:
                    where = [table.c[k] == bindparam(f"k_{k}") for k in pk]
                    conn.execute(delete(table).where(*where), [{f"k_{k}": v for k, v in zip(pk, key)} for key in gone])
            for table, pk, _, changed, added in plans:  # parents first
                if changed:
                    where = [table.c[k] == bindparam(f"k_{k}") for k in pk]
                    values = {c.name: bindparam(f"v_{c.name}") for c in table.columns if c.name not in pk}
                    params = [{**{f"k_{k}": r[k] for k in pk}, **{f"v_{c}": v for c, v in r.items() if c not in pk}} for r in changed]
                    conn.execute(update(table).where(*where).values(**values), params)
                if added:
                    conn.execute(insert(table), added)
            linkrows.refresh(conn, linkrows.docs_to_refresh(conn, _linked_docs(plans)))
            self.set_meta(conn, "kb_stale", "0" if complete else "1")
            self.set_meta(conn, "kb_built_at", rows.now())
        return written

    def replace_kb(self, state: CorpusState, *, complete: bool = True) -> None:
        """Replace every knowledge-base table with what ``state`` holds, in one transaction.

        ``complete=False`` (a corpus step failed) keeps the knowledge base marked stale.
        """
        batches = self._kb_batches(state)
        with self.write() as conn:
            for table in t.KB_TABLES:
                conn.execute(delete(table))
            for table, items in batches:
                if items:
                    conn.execute(insert(table), items)
            linkrows.refresh(conn)
            self.set_meta(conn, "kb_stale", "0" if complete else "1")
            self.set_meta(conn, "kb_built_at", rows.now())

    def kb_snapshot(self) -> dict[str, list[tuple]]:
        """The knowledge-base tables in a canonical form: per table, its rows (every
        column, ids included: they are stable by design) sorted. Two knowledge bases
        are the same when their snapshots are equal."""
        with self.read() as conn:
            return {table.name: sorted((tuple(r) for r in conn.execute(select(table))), key=repr) for table in (*t.KB_TABLES, *t.DERIVED_TABLES)}

    # ----------------------------------------------------------------- analyst

    def add_override(self, action: str, *, a: str | None = None, b: str | None = None, entity: str | None = None, name: str | None = None,
                     note: str | None = None) -> dict[str, Any]:
        row = rows._c({"action": action, "a": a, "b": b, "entity": entity, "name": name, "created_at": rows.now(), "note": note})
        with self.write() as conn:
            oid = conn.execute(insert(t.overrides).values(**row)).inserted_primary_key[0]
            self.set_meta(conn, "kb_stale", "1")
        return override_dict(dict(row, id=oid))

    def rate_source(self, source: str, reliability: str) -> None:
        with self.write() as conn:
            conn.execute(delete(t.source_ratings).where(t.source_ratings.c.source == source))
            conn.execute(insert(t.source_ratings).values(source=rows.clean(source), reliability=reliability, rated_at=rows.now()))
            self.set_meta(conn, "kb_stale", "1")

    # ------------------------------------------------------------------- reads

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        with self.read() as conn:
            return {tb.name: int(conn.execute(select(func.count()).select_from(tb)).scalar_one()) for tb in t.metadata.sorted_tables if tb.name != "meta"}


def override_dict(o: Any) -> dict[str, Any]:
    """An override row as the dict the corpus steps read (``CorpusState.overrides``)."""
    o = dict(o)
    if o["action"] == "split":
        d = {"action": "split", "entity": o["entity"]}
    elif o["action"] == "rename":
        d = {"action": "rename", "entity": o["entity"], "name": o.get("name")}
    else:
        d = {"action": o["action"], "a": o["a"], "b": o["b"]}
    return {**d, "id": o.get("id"), "created_at": o.get("created_at")}


def _linked_docs(plans: list[tuple[Any, list[str], list[tuple], list[dict], list[dict]]]) -> set[str]:
    """The documents whose entity, claim-source or event links an update_kb plan changes."""
    out: set[str] = set()
    for table, pk, gone, changed, added in plans:
        if table.name in ("entity_members", "claim_sources", "event_members"):
            at = pk.index("doc_id")
            out.update(key[at] for key in gone)
            out.update(r["doc_id"] for r in (*changed, *added))
    return out


def _unique(items: list[dict[str, Any]], *keys: str) -> list[dict[str, Any]]:
    seen: dict[tuple, dict[str, Any]] = {}
    for r in items:
        seen.setdefault(tuple(r[k] for k in keys), r)
    return list(seen.values())
