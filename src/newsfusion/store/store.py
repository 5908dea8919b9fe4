"""The store: opening, migrating and writing a newsfusion database.

Every write goes through one :meth:`Store.write` context (one lock per
process, ``BEGIN IMMEDIATE`` on SQLite, a transaction-scoped advisory lock on
PostgreSQL), so there is one writer at a time. Articles are added one per
transaction (:meth:`Store.add_record`) or a batch per transaction
(:meth:`Store.add_records`, multi-row inserts or COPY: what ``ingest`` does):
an interrupt loses no committed article and leaves no half-written one. The
knowledge-base tables are brought up to date in one transaction.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, text, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from ..config import settings
from ..errors import StoreError
from ..model import Article, Doc, Mention
from ..resolve import CorpusState
from . import kbrows, linkrows, migrate, rows, runs, sourcerows
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
            except Exception as exc:
                interrupt = _interrupt_behind(exc)
                if interrupt is not None:  # Ctrl-C/SIGTERM mid-statement (a COPY): the rollback failed on the busy
                    self.engine.dispose()  # connection; drop it and let the interruption through, not the rollback's error
                    raise interrupt from None
                if isinstance(exc, DBAPIError):
                    raise translate(exc, self.label) from None
                raise

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

    def mark_fresh(self) -> None:
        """The knowledge base holds every stored document (a regrade was all there was to do)."""
        with self.write() as conn:
            self.set_meta(conn, "kb_stale", "0")
            self.set_meta(conn, "kb_built_at", rows.now())

    # -------------------------------------------------------------------- runs

    def start_run(self, pipeline_version: str, inputs: Iterable[str] = ()) -> int:
        """A new ``running`` row owned by this process; earlier runs whose process died become ``interrupted``."""
        row = {"pipeline_version": pipeline_version, "started_at": rows.now(), "status": "running", "added": 0, "duplicates": 0, "failed": 0, "skipped": 0, "inputs": rows.to_json(list(inputs))}
        with self.write() as conn:
            runs.close_dead_runs(conn)
            run_id = int(conn.execute(insert(t.ingest_runs).values(**row)).inserted_primary_key[0])
            self.set_meta(conn, runs.owner_key(run_id), runs.this_owner())
            return run_id

    def finish_run(self, run_id: int, status: str, counts: dict[str, int], warnings: list[str], *, inputs: Iterable[str] | None = None) -> None:
        """Close run ``run_id``; ``inputs`` (the paths read) when they were not known at its start (a stream)."""
        values = {"status": status, "finished_at": rows.now(), "warnings": rows.to_json(warnings), **counts}
        if inputs is not None:
            values["inputs"] = rows.to_json(list(inputs))
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
        doc_row, children = _document_rows(article, record, doc_id, mentions, run_id=run_id, pipeline_version=pipeline_version, ingested_at=ingested_at)
        with self.write() as conn:
            if conn.execute(select(t.documents.c.id).where(t.documents.c.id == doc_id)).first():
                return False
            conn.execute(insert(t.documents), [doc_row])
            for table, items in children:
                if items:
                    conn.execute(insert(table), items)
            self.set_meta(conn, "kb_stale", "1")
        return True

    def add_records(
        self,
        items: Iterable[Stored],
        *,
        run_id: int | None = None,
        pipeline_version: str | None = None,
    ) -> list[bool]:
        """Store many articles in one transaction, so a large load does not pay a
        transaction, a lock and a commit per article: per table one multi-row insert
        (``executemany``), or on PostgreSQL one COPY per table (``Store.copy``, on by
        default; ``bench/pg_bulk.py`` compares). Returns, per item, whether it was new
        (False: already stored).

        All or nothing: on failure none of ``items`` is stored and what earlier calls
        stored stays. :meth:`add_batch` falls back to one transaction per article then."""
        items = list(items)
        if not items:
            return []
        with self.write() as conn:
            ids = [i.doc_id for i in items]
            stored = set(conn.execute(select(t.documents.c.id).where(t.documents.c.id.in_(ids))).scalars())
            new: list[bool] = []
            docs: list[dict[str, Any]] = []
            children: dict[Any, list[dict[str, Any]]] = {}
            for i in items:
                fresh = i.doc_id not in stored
                new.append(fresh)
                if not fresh:
                    continue
                stored.add(i.doc_id)  # the same content twice in one call: stored once
                doc_row, kids = _document_rows(i.article, i.record, i.doc_id, i.mentions, run_id=run_id, pipeline_version=pipeline_version, ingested_at=i.ingested_at)
                docs.append(doc_row)
                for table, rows_ in kids:
                    children.setdefault(table, []).extend(rows_)
            if docs:
                self._insert_many(conn, t.documents, docs)
                for table, rows_ in children.items():
                    if rows_:
                        self._insert_many(conn, table, rows_)
                self.set_meta(conn, "kb_stale", "1")
        return new

    def add_batch(self, items: list[Stored], *, run_id: int | None = None, pipeline_version: str | None = None) -> Iterator[tuple[Stored, bool]]:
        """Store ``items`` in one transaction (:meth:`add_records`); when that fails, one
        transaction per article in order, so the articles before a bad one are kept and
        the bad one raises its own error, as storing them one by one does.
        Yields ``(item, new)`` once each is committed."""
        try:
            done = self.add_records(items, run_id=run_id, pipeline_version=pipeline_version)
        except StoreError:
            if len(items) == 1:
                raise
            for i in items:
                yield i, self.add_record(i.article, i.record, doc_id=i.doc_id, mentions=i.mentions, run_id=run_id,
                                         pipeline_version=pipeline_version, ingested_at=i.ingested_at)
            return
        yield from zip(items, done)

    copy: bool = True  # add_records uses COPY on PostgreSQL (False: multi-row inserts)

    def _insert_many(self, conn: Connection, table, items: list[dict[str, Any]]) -> None:
        """Insert ``items`` (dicts with the same keys) into ``table``: COPY on PostgreSQL, else executemany."""
        if self.copy and self.dialect == "postgresql":
            cols = [c.name for c in table.columns if c.name in items[0]]
            names = ", ".join('"' + c + '"' for c in cols)
            import psycopg

            try:
                with conn.connection.driver_connection.cursor() as cur, cur.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as cp:
                    for r in items:
                        cp.write_row([r.get(c) for c in cols])
            except psycopg.Error as exc:  # the driver's own error (not wrapped by SQLAlchemy): coded here
                raise translate(exc, self.label) from None
            return
        conn.execute(insert(table), items)

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

    def incremental_inputs(self) -> tuple[list[dict[str, Any]], dict[str, str], int, int] | str:
        """What the incremental corpus steps start from: the new documents' records (in
        corpus order), their ingest days, the order of the first new document and of its
        first entity; or why only a full rebuild will do."""
        from sqlalchemy import exists

        with self.read() as conn:
            from ..resolve.incremental import INDEX_VERSION

            if self.get_meta("corpus_index", conn) != INDEX_VERSION:
                return "no corpus index (or one of an older version)"
            d, c = t.documents, t.corpus_docs
            new = conn.execute(select(d.c.id, d.c.record, d.c.ingested_at).where(~exists().where(c.c.doc_id == d.c.id))
                               .order_by(d.c.ingested_at, d.c.id)).all()
            n_docs = conn.execute(select(func.count()).select_from(c)).scalar_one()
            if not new:
                removed = n_docs != conn.execute(select(func.count()).select_from(d)).scalar_one()
                return "documents were removed" if removed else "no new documents"
            from ..resolve.incremental import MIN_STORED

            if n_docs < MIN_STORED:
                return f"fewer than {MIN_STORED} stored documents: the full steps are cheaper"
            if n_docs + len(new) != conn.execute(select(func.count()).select_from(d)).scalar_one():
                return "documents were removed"
            last = conn.execute(select(d.c.id, d.c.ingested_at).join(c, c.c.doc_id == d.c.id).order_by(c.c.ord.desc()).limit(1)).first()
            if last is not None and ((last.ingested_at or ""), last.id) > ((new[0].ingested_at or ""), new[0].id):
                return "a new document comes before a stored one"
            first_doc = (conn.execute(select(func.max(c.c.ord))).scalar() or 0) + 1 if n_docs else 0
            first_member = (conn.execute(select(func.max(t.corpus_members.c.ord))).scalar() or 0) + 1 if n_docs else 0
        recs = [dict(rows.from_json(rec), doc_id=doc_id) for doc_id, rec, _ in new]
        return recs, {doc_id: (at or "")[:10] for doc_id, _, at in new}, first_doc, first_member

    def update_incremental(self, build) -> dict[str, int] | str:
        """Run ``build(index)`` (``resolve.incremental.plan`` on the store's lookups) and
        write its plan in one transaction; returns the rows written, or why it fell back."""
        from ..resolve.incremental import Fallback
        from .corpusindex import CorpusIndex, apply_plan

        with self.read() as conn:
            try:
                plan = build(CorpusIndex(conn))
            except Fallback as exc:
                return str(exc)
            except Exception as exc:  # noqa: BLE001 - the full run follows and reports what fails
                return f"the incremental steps failed ({type(exc).__name__}: {exc})"
        import time

        t = time.perf_counter()
        with self.write() as conn:
            written = apply_plan(conn, plan)
            self.set_meta(conn, "kb_stale", "0")
            self.set_meta(conn, "kb_built_at", rows.now())
        plan.seconds["write"] = time.perf_counter() - t
        self.last_plan_seconds, self.last_plan_sizes = dict(plan.seconds), dict(plan.sizes)
        return written

    def regrade_rated(self) -> dict[str, int] | str | None:
        """Work out again the grades that the sources rated since the last write can change
        (``corpusindex.rated_docs``, ``resolve.incremental.regrade``), and write only them, in
        one transaction; None when no rating is pending, else the rows written, or why a full
        rebuild is needed."""
        from ..resolve.incremental import INDEX_VERSION, regrade
        from .corpusindex import CorpusIndex, apply_plan, clear_regrade, pending_regrade, rated_docs

        with self.read() as conn:
            pending = pending_regrade(conn)
            if not pending:
                return None
            if self.get_meta("corpus_index", conn) != INDEX_VERSION:
                return "no corpus index (or one of an older version)"
            try:
                plan = regrade(CorpusIndex(conn), rated_docs(conn, pending))
            except Exception as exc:  # noqa: BLE001 - the full run follows and reports what fails
                return f"the regrading failed ({type(exc).__name__}: {exc})"
        with self.write() as conn:
            if pending_regrade(conn) != pending:  # rated again meanwhile: the next rebuild takes it
                return "a source was rated while its grades were worked out"
            written = apply_plan(conn, plan)
            clear_regrade(conn)
        self.last_plan_seconds, self.last_plan_sizes = dict(plan.seconds), dict(plan.sizes)
        return written

    def update_kb(self, state: CorpusState, *, complete: bool = True, index: Any = False) -> dict[str, int]:
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
            if index is not False:
                from .corpusindex import write_full

                write_full(conn, index if complete else None)
            refresh_derived(conn, _linked_docs(plans), _changed_entities(plans))
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
            refresh_derived(conn)
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
            self.set_meta(conn, "corpus_index", "0")
        return override_dict(dict(row, id=oid))

    def rate_source(self, source: str, reliability: str) -> None:
        with self.write() as conn:
            conn.execute(delete(t.source_ratings).where(t.source_ratings.c.source == source))
            conn.execute(insert(t.source_ratings).values(source=rows.clean(source), reliability=reliability, rated_at=rows.now()))
            sourcerows.refresh_ratings(conn)
            self.set_meta(conn, "kb_stale", "1")
            from .corpusindex import mark_regrade

            mark_regrade(conn, rows.clean(source))  # the grades it changes are worked out on the next rebuild

    # ------------------------------------------------------------------- reads

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        with self.read() as conn:
            return {tb.name: int(conn.execute(select(func.count()).select_from(tb)).scalar_one()) for tb in t.metadata.sorted_tables if tb.name not in ("meta", "row_counts")}


@dataclass
class Stored:
    """One processed article to store: its FORMAT.md record and mentions."""

    article: Article
    record: dict[str, Any]
    doc_id: str
    mentions: list[Mention] | None = None
    ingested_at: str | None = None
    label: str = ""


def _document_rows(article: Article, record: dict[str, Any], doc_id: str, mentions: list[Mention] | None, *, run_id: int | None,
                   pipeline_version: str | None, ingested_at: str | None) -> tuple[dict[str, Any], list[tuple[Any, list[dict[str, Any]]]]]:
    """The ``documents`` row of an article and its rows in the per-document tables."""
    record = dict(record, doc_id=doc_id)
    doc_row = rows.document_row(doc_id, article, record, pipeline_version=pipeline_version, ingested_at=ingested_at or rows.now(), run_id=run_id)
    return doc_row, [
        (t.doc_entities, rows.entity_rows(doc_id, record)),
        (t.mentions, rows.mention_rows(doc_id, record, article.text, mentions)),
        (t.event_reports, rows.event_rows(doc_id, record)),
        (t.claims, rows.claim_rows(doc_id, record)),
        (t.relations, rows.relation_rows(doc_id, record)),
    ]


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


def refresh_derived(conn: Connection, docs: Iterable[str] | None = None, entities: Iterable[str] = ()) -> None:
    """After a knowledge-base write (full, row-level or incremental): the derived tables the readers
    page through, for the documents whose links changed and the entities whose names may have
    (everything when ``docs`` is None): who does what (linkrows), then the sources list (sourcerows)."""
    if docs is None:
        linkrows.refresh(conn)
        sourcerows.refresh(conn)
        return
    linked = linkrows.docs_to_refresh(conn, docs)
    linkrows.refresh(conn, linked)
    sourcerows.refresh(conn, sourcerows.docs_to_refresh(conn, linked), entities)


def _interrupt_behind(exc: BaseException) -> KeyboardInterrupt | None:
    """The KeyboardInterrupt that ``exc`` was raised while handling, if any."""
    seen = set()
    cur = exc.__context__
    while cur is not None and id(cur) not in seen:
        if isinstance(cur, KeyboardInterrupt):
            return cur
        seen.add(id(cur))
        cur = cur.__context__
    return None


def _linked_docs(plans: list[tuple[Any, list[str], list[tuple], list[dict], list[dict]]]) -> set[str]:
    """The documents whose entity, claim-source or event links an update_kb plan changes."""
    out: set[str] = set()
    for table, pk, gone, changed, added in plans:
        if table.name in ("entity_members", "claim_sources", "event_members"):
            at = pk.index("doc_id")
            out.update(key[at] for key in gone)
            out.update(r["doc_id"] for r in (*changed, *added))
    return out


def _changed_entities(plans: list[tuple[Any, list[str], list[tuple], list[dict], list[dict]]]) -> set[str]:
    """The entities whose row or aliases an update_kb plan changes (their names feed the sources list)."""
    out: set[str] = set()
    for table, pk, gone, changed, added in plans:
        if table.name in ("entities", "entity_aliases"):
            at = pk.index("id" if table.name == "entities" else "entity_id")
            out.update(key[at] for key in gone)
            out.update(r[pk[at]] for r in (*changed, *added))
    return out


def _unique(items: list[dict[str, Any]], *keys: str) -> list[dict[str, Any]]:
    seen: dict[tuple, dict[str, Any]] = {}
    for r in items:
        seen.setdefault(tuple(r[k] for k in keys), r)
    return list(seen.values())
