"""The knowledge base: the Python API the CLI and the web app use.

Example::

    from newsfusion.kb import KnowledgeBase

    kb = KnowledgeBase("newsfusion.db")          # or "postgresql://user@host/db"
    report = kb.ingest(["examples/articles/"])
    print(report.summary())
    for ev in kb.events(type="Battles"):
        print(ev.event_date, ev.location, ev.fatalities_min, ev.sources)

``ingest`` reads files (``newsfusion.ingest.read_paths``) lazily, a batch at a
time, runs the document pipeline on each batch and stores it before reading the
next (memory bounded by the batch, not the input), then runs the
corpus steps (``newsfusion.resolve``) over everything stored and replaces the
knowledge-base tables. Analyst decisions (``merge_entities``, ``split_entity``,
``rename_entity``, ``rate_source``) are stored forever and handed to the corpus
steps on every later run.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any

from .errors import InputError, NewsfusionError, PipelineError, QueryError, SkippedInput
from .model import Article
from .pipeline import too_long
from .resolve import run_steps
from .store import Store
from .store.store import Stored
from .export.record import doc_record
from .store import migrate
from .store import queries as q
from .store.rows import clean
from .export.acled import ACLED_COLUMNS  # noqa: F401 - re-exported: the column list users import from here
from .store import graph as _graph
from .store import search as _search
from .store import web_claims, web_entities, web_events, web_geo, web_queries
from .store import web_decisions as _decisions
from .store.graph import Graph, graph_dict  # noqa: F401 - re-exported: the graph's type and its JSON form
from .store.paging import MAX_LIMIT, Page  # noqa: F401 - re-exported: a page of a listing, the largest page
from .store.search import SearchResult  # noqa: F401 - re-exported
from .store.views import (  # noqa: F401 - re-exported: the read path's types, one module (store/views.py)
    Annotation,
    ClaimInfo,
    ClaimItem,
    ContradictionInfo,
    DocumentFull,
    DocumentInfo,
    DocumentView,
    EntityDetail,
    EntityFull,
    EntityInfo,
    EntityItem,
    EventFull,
    EventInfo,
    EventItem,
    Overview,
    RelationInfo,
    SourceInfo,
    Status,
)
from .store.web_decisions import Decision  # noqa: F401 - re-exported
from .store.web_geo import MapEvent, Place  # noqa: F401 - re-exported

Progress = Callable[[int, int | None], None]  # (inputs done, inputs in all or None when not known)
GRADES = "ABCDEF"


@dataclass
class IngestReport:
    """What one ``ingest`` did."""

    run_id: int | None = None
    added: list[str] = field(default_factory=list)  # stored document ids
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (input label, document id) already stored
    skipped: list[InputError] = field(default_factory=list)  # readable, deliberately not ingested
    failed: list[NewsfusionError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # e.g. a corpus step that failed
    seconds: float = 0.0
    interrupted: bool = False
    kb_rebuilt: bool = False

    @property
    def ok(self) -> bool:
        """Something was ingested, or everything given was already stored."""
        return bool(self.added) or (bool(self.duplicates) and not self.failed and not self.skipped)

    def counts(self) -> dict[str, int]:
        return {"added": len(self.added), "duplicates": len(self.duplicates), "skipped": len(self.skipped), "failed": len(self.failed)}

    def summary(self) -> str:
        rate = f" ({len(self.added) / self.seconds:.1f} articles/s)" if self.added and self.seconds > 0 else ""
        head = "interrupted: " if self.interrupted else ""
        c = self.counts()
        return f"{head}added {c['added']}, already stored {c['duplicates']}, skipped {c['skipped']}, failed {c['failed']} in {self.seconds:.1f} s{rate}"


class IngestInterrupted(KeyboardInterrupt):
    """Ctrl-C or SIGTERM during ``ingest``; ``report`` says what was committed before it."""

    def __init__(self, report: IngestReport):
        super().__init__("interrupted")
        self.report = report


@dataclass
class Change:
    """The result of an analyst decision: what was stored and what the rebuild reported."""

    override: dict[str, Any]
    warnings: list[str] = field(default_factory=list)


class KnowledgeBase:
    """A newsfusion knowledge base in a SQLite file or a PostgreSQL database."""

    def __init__(self, url: str | None = None, *, busy_timeout: float | None = None):
        self.store = Store(url, busy_timeout=busy_timeout)
        self._pipeline = None
        self.last_steps: list = []  # the corpus steps' results of the last rebuild (name, ok, seconds)
        self.last_written: dict[str, int] = {}  # knowledge-base rows the last rebuild wrote, per table
        self.last_fallback = ""  # why the last rebuild ran the full corpus steps ("" when incremental or asked)
        self._local = threading.local()  # this thread's snapshot (``snapshot``), if one is open

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "KnowledgeBase":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def pipeline(self):
        if self._pipeline is None:
            from .pipeline import Pipeline

            self._pipeline = Pipeline()
        return self._pipeline

    # ------------------------------------------------------------------ ingest

    def ingest(
        self,
        items: Iterable[str | Path | Article],
        *,
        published: str | None = None,
        outlet: str | None = None,
        progress: Progress | None = None,
        workers: int = 1,
        engine: str = "local",
        ray_address: str | None = None,
    ) -> IngestReport:
        """Read, process and store articles (paths, ``-`` for stdin, or Article objects).

        ``items`` may be any iterable (a generator of Articles): it is read lazily, a
        batch at a time, each batch processed and stored in one transaction before
        the next is read, so memory is bounded by the batch, not by the input.
        ``progress(done, total)`` counts inputs; ``total`` is None when it is not
        known before reading (a generator, stdin, JSON records and feeds).

        ``workers`` > 1 runs the document stages on that many processes
        (``newsfusion.workers``); this process stays the one writer and stores the
        articles in input order, so the knowledge base is the same. ``engine="ray"``
        runs them as Ray tasks instead (a local Ray with ``workers`` CPUs, or the
        cluster at ``ray_address``; the extra ``newsfusion[ray]``, E105 without it)."""
        if workers < 1:
            raise QueryError("E307", f"{workers} workers", "give --workers 1 or more")
        from .workers import ENGINES, _import_ray

        if engine not in ENGINES:
            raise QueryError("E307", f"unknown engine {engine!r}", f"give one of {', '.join(ENGINES)}")
        if engine == "ray":
            _import_ray()  # E105 before anything is read
        if published is not None:
            published = check_date(published)
        t0 = time.perf_counter()
        report = IngestReport()
        pipe = self.pipeline
        listed = isinstance(items, (list, tuple))
        inputs: list[str] = [str(x) for x in items if not isinstance(x, Article)] if listed else []
        total = count_inputs(items) if listed else None
        if not listed:  # a stream: the paths in it are recorded as they are read
            items = _recording(items, inputs)
        report.run_id = self.store.start_run(pipe.version, inputs)
        status = "failed"
        try:
            batches = self._batches(items, published, outlet, report)
            if engine == "ray" or workers > 1:  # no Ray or pool for an input of one batch with nothing (or one article) to do
                head = [next(batches), next(batches, None)]
                if head[1] is None and len(head[0].articles) <= (0 if engine == "ray" else 1):
                    engine, workers = "local", 1
                batches = itertools.chain(filter(None, head), batches)
            if engine == "ray":
                self._process_parallel(batches, report, progress, total, workers, engine="ray", address=ray_address)
            elif workers > 1:
                self._process_parallel(batches, report, progress, total, workers)
            else:
                self._process(batches, report, progress, total)
            if report.added or self.store.kb_stale():
                report.warnings += self.rebuild()
                report.kb_rebuilt = True
            status = "done"
        except KeyboardInterrupt:
            status = "interrupted"
            report.interrupted = True
            raise IngestInterrupted(report) from None
        finally:
            report.seconds = time.perf_counter() - t0
            self._finish_run(report, status, None if listed else inputs)
        return report

    def _finish_run(self, report: IngestReport, status: str, inputs: list[str] | None = None) -> None:
        try:
            self.store.finish_run(report.run_id, status, report.counts(), report.warnings, inputs=inputs)
        except (NewsfusionError, KeyboardInterrupt):  # the run row stays "running"; nothing else is lost
            pass

    def _read(self, items: Iterable[str | Path | Article]):
        from .ingest import read_paths

        for item in items:
            if isinstance(item, Article):
                yield item
            else:
                yield from read_paths([str(item)])

    def _batches(self, items, published, outlet, report: IngestReport) -> Iterator[Batch]:
        """The articles to process, read lazily, a batch at a time: overrides applied, duplicates
        (stored, or repeated in this run) and unreadable inputs reported as they are met.

        A batch holds at most ``pipeline.batch_size`` articles, so memory is bounded by the
        batch, not by the input: nothing is read ahead of the batch being filled. The ids seen
        in this run (16-character hashes) are the one thing kept for the whole run."""
        size = self.pipeline.batch_size
        seen: set[str] = set()
        pending: dict[str, tuple[str, Article]] = {}
        read = 0

        def flush() -> Batch:
            stored = self.store.stored_ids(pending)
            report.duplicates.extend((label, i) for i, (label, _) in pending.items() if i in stored)
            batch = Batch([v for i, v in pending.items() if i not in stored], read)
            pending.clear()
            return batch

        for item in self._read(items):
            read += 1
            if isinstance(item, SkippedInput):
                report.skipped.append(item)
                continue
            if isinstance(item, InputError):
                report.failed.append(item)
                continue
            art = prepare(item, published=published, outlet=outlet)
            label = art.source_path or art.name or "article"
            error = too_long(art, label)
            if error is not None:
                report.failed.append(error)
                continue
            doc_id = art.content_hash
            if doc_id in seen:
                report.duplicates.append((label, doc_id))
                continue
            seen.add(doc_id)
            pending[doc_id] = (label, art)
            if len(pending) >= size:
                yield flush()
        yield flush()  # the last one may be empty: it carries the count of inputs read

    def _process(self, batches: Iterable[Batch], report: IngestReport, progress: Progress | None, total: int | None) -> None:
        def chunks():
            for batch in batches:
                docs = self._run_chunk(batch.articles, report) if batch.articles else []  # failures are reported there
                yield batch.read, [Stored(doc.article, doc_record(doc), doc.doc_id, list(doc.mentions), label=label) for label, doc in docs]

        self._store_chunks(chunks(), total, report, progress)

    def _process_parallel(
        self, batches: Iterable[Batch], report: IngestReport, progress: Progress | None, total: int | None, workers: int,
        *, engine: str = "local", address: str | None = None,
    ) -> None:
        from collections import deque

        from .workers import run_parallel, run_ray

        sent: deque[int] = deque()  # inputs read when each chunk in flight was cut, in order

        def work():
            last = 0
            for batch in batches:
                if batch.articles:
                    sent.append(batch.read)
                    yield batch.articles
                last = batch.read
            sent.append(last)  # a marker for the inputs read after the last chunk
        stream = work()
        if engine == "ray":
            runs = run_ray(stream, workers, address)
        else:
            runs = run_parallel(stream, workers)

        def chunks():
            for results in runs:
                stored = []
                for r in results:
                    if r.error:
                        report.failed.append(PipelineError("E104", r.error, "report this with the file", path=r.label))
                    else:
                        stored.append(Stored(r.article, r.record, r.doc_id, r.mentions, label=r.label))
                yield sent.popleft(), stored
            if sent:
                yield sent[-1], []

        self._store_chunks(chunks(), total, report, progress)

    def _store_chunks(self, chunks, total: int | None, report: IngestReport, progress: Progress | None) -> None:
        """The one writer: store the processed articles of each chunk (``(inputs read, [Stored])``) in
        one transaction (``Store.add_batch``: multi-row inserts; one by one if that fails, so what
        came before a bad article is kept), reporting progress per chunk: the inputs (articles and
        unreadable ones) dealt with out of ``total``, the inputs counted before reading (None when
        that is not cheap: stdin, records and feed files, a stream)."""
        version = self.pipeline.version
        if progress:
            progress(0, total)
        for read, stored in chunks:
            for item, new in self.store.add_batch(stored, run_id=report.run_id, pipeline_version=version):
                if new:
                    report.added.append(item.doc_id)
                else:  # stored meanwhile by another process
                    report.duplicates.append((item.label, item.doc_id))
            if progress:
                progress(read, None if total is None else max(total, read))

    def _run_chunk(self, chunk: list[tuple[str, Article]], report: IngestReport):
        """Process a batch; when one article breaks a stage, retry one by one and report it."""
        pipe = self.pipeline
        try:
            return list(zip((label for label, _ in chunk), pipe.pipe([a for _, a in chunk])))
        except NewsfusionError:
            raise  # misconfiguration: no point going on
        except Exception:
            pass
        out = []
        for label, art in chunk:
            try:
                out.append((label, pipe(art)))
            except NewsfusionError:
                raise
            except Exception as exc:  # noqa: BLE001 - reported per article, the run goes on
                msg = f"processing failed: {type(exc).__name__}: {exc}".splitlines()[0]
                report.failed.append(PipelineError("E104", msg, "report this with the file", path=label))
        return out

    # ---------------------------------------------------------- knowledge base

    def rebuild(self, *, incremental: bool = True) -> list[str]:
        """Bring the knowledge base up to date; returns warnings.

        With ``incremental`` (what ``ingest`` does) only what the new documents reach is
        recomputed (``resolve/incremental.py``) when the store's corpus index allows it;
        otherwise, and with ``incremental=False``, the corpus steps run over every stored
        document. Both give the same knowledge base."""
        from .resolve.base import StepResult
        from .store.vectors import VectorCache

        self.last_fallback = ""
        if incremental:
            t = time.perf_counter()
            regraded = self.store.regrade_rated()  # the grades a new source rating changes
            if isinstance(regraded, str):
                start: Any = regraded
            else:
                start = self.store.incremental_inputs()
                if regraded is not None and start == "no new documents":
                    self.store.mark_fresh()
                    self.last_steps = [StepResult("regrade", True, time.perf_counter() - t)]
                    self.last_written = regraded
                    return []
            if isinstance(start, str):
                self.last_fallback = start
            else:
                from .resolve.incremental import index_rows, plan  # noqa: F401

                new, ingested, first_doc, first_member = start
                vectors = VectorCache(self.store)
                written = self.store.update_incremental(lambda ix: plan(ix, new, ingested, first_doc, first_member, vectors))
                if isinstance(written, dict):
                    vectors.save()
                    self.last_steps = [StepResult("incremental", True, time.perf_counter() - t)]
                    self.last_written = written
                    return []
                self.last_fallback = written
        state = self.store.load_state()
        state.vectors = VectorCache(self.store)
        state, results = run_steps(state)
        warnings = [f"corpus step {r.name!r} failed: {r.error} (the knowledge base is incomplete)" for r in results if not r.ok]
        self.last_steps = results
        index = None
        if not warnings:
            from .resolve.incremental import index_rows

            index = index_rows(state)
        self.last_written = self.store.update_kb(state, complete=not warnings, index=index)
        state.vectors.save()
        return warnings

    def merge_entities(self, a: str, b: str) -> Change:
        """Remember that entities ``a`` and ``b`` (ids, names or aliases) are one; rebuild."""
        with self.store.read() as conn:
            ea, eb = q.find_entity(conn, a), q.find_entity(conn, b)
            if ea == eb:
                raise QueryError("E307", f"{a!r} and {b!r} are already the same entity ({ea})", "nothing to merge")
            na, nb = (q.entity(conn, x).entity.name for x in (ea, eb))
        override = self.store.add_override("merge", a=ea, b=eb, note=f"merge {na!r} and {nb!r}")
        return Change(override, self.rebuild())

    def split_entity(self, ref: str) -> Change:
        """Remember that entity ``ref`` must be split into its members; rebuild."""
        with self.store.read() as conn:
            eid = q.find_entity(conn, ref)
            name = q.entity(conn, eid).entity.name
        override = self.store.add_override("split", entity=eid, note=f"split {name!r}")
        return Change(override, self.rebuild())

    def rename_entity(self, ref: str, name: str) -> Change:
        """Remember the name an analyst gives entity ``ref`` (id, name or alias); rebuild.

        The name stays on every later rebuild; the entity's other names stay its aliases."""
        name = " ".join((name or "").split())
        if not name:
            raise QueryError("E307", "the new name is empty", "give the name the entity should have, e.g. \"Islamic State\"")
        with self.store.read() as conn:
            eid = q.find_entity(conn, ref)
            old = q.entity(conn, eid).entity.name
        override = self.store.add_override("rename", entity=eid, name=clean(name), note=f"rename {old!r} to {name!r}")
        return Change(override, self.rebuild())

    def rate_source(self, name: str, grade: str) -> Change:
        """Rate a source's reliability (Admiralty A..F); the grades it can change are worked
        out again (only those: ``resolve.incremental.regrade``)."""
        name = (name or "").strip()
        code = (grade or "").strip().upper()
        if not name:
            raise QueryError("E307", "the source name is empty", "give the name as 'newsfusion sources' lists it")
        if len(code) != 1 or code not in GRADES:
            raise QueryError("E307", f"{grade!r} is not a reliability grade", "use one letter A-F: A reliable ... E unreliable, F cannot be judged")
        known = any(name in (s.name, s.id, *s.aliases) for s in self.sources())
        self.store.rate_source(name, code)
        return Change({"source": name, "reliability": code, "known": known}, self.rebuild())

    # ------------------------------------------------------------------- reads
    #
    # The one read path: the CLI, the web pages, the REST API, the downloads and the exports
    # read through these methods (tests/test_read_path.py keeps it so). Each runs in one read
    # transaction, or in the caller's ``snapshot`` when one is open on this thread.

    @contextmanager
    def snapshot(self) -> Iterator[Any]:
        """One read transaction that every read of this knowledge base on this thread shares
        until it closes (the web reads a page's data version and the data in one snapshot);
        nested calls reuse it. Yields the connection."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            yield conn
            return
        with self.store.read() as conn:
            self._local.conn = conn
            try:
                yield conn
            finally:
                self._local.conn = None

    def data_version(self) -> tuple[Any, ...]:
        """Changes whenever the knowledge base, the stored articles or the analysts' decisions change."""
        with self.snapshot() as conn:
            return q.data_version(conn)

    def status(self) -> Status:
        with self.snapshot() as conn:
            counts = q.counts(conn)
            run = q.last_run(conn)
            stale = self.store.get_meta("kb_stale", conn) == "1"
            built = self.store.get_meta("kb_built_at", conn)
            revision = migrate.current(conn)  # Store.revision, in this snapshot
        return Status(self.store.label, self.store.dialect, revision, counts, stale, built, run)

    def documents(self, limit: int | None = None) -> list[DocumentInfo]:
        with self.snapshot() as conn:
            return q.documents(conn, limit)

    def document(self, ref: str) -> DocumentView:
        """One document by id, id prefix or name, with what was found in it."""
        with self.snapshot() as conn:
            return q.document(conn, ref)

    def entities(self, *, type: str | None = None, name: str | None = None, limit: int | None = None) -> list[EntityInfo]:
        with self.snapshot() as conn:
            return q.entities(conn, type=type, name=name, limit=limit)

    def entity(self, ref: str) -> EntityDetail:
        with self.snapshot() as conn:
            return q.entity(conn, ref)

    def events(self, *, type: str | None = None, source: str | None = None, limit: int | None = None) -> list[EventInfo]:
        with self.snapshot() as conn:
            return q.events(conn, type=type, source=source, limit=limit)

    def claims(self, *, source_kind: str | None = None, source: str | None = None, stance: str | None = None, doc: str | None = None, limit: int | None = None) -> list[ClaimInfo]:
        with self.snapshot() as conn:
            doc_id = q.find_document(conn, doc) if doc else None
            return q.claims(conn, source_kind=source_kind, source=source, stance=stance, doc_id=doc_id, limit=limit)

    def relations(self, *, predicate: str | None = None, limit: int | None = None) -> list[RelationInfo]:
        with self.snapshot() as conn:
            return q.relations(conn, predicate=predicate, limit=limit)

    def contradictions(self, limit: int | None = None) -> list[ContradictionInfo]:
        with self.snapshot() as conn:
            return q.contradictions(conn, limit)

    def sources(self, limit: int | None = None) -> list[SourceInfo]:
        """Claim sources, outlets and authors, most documents first (as of the last knowledge-base write)."""
        with self.snapshot() as conn:
            return q.sources(conn, limit)

    def records(self) -> list[tuple[str, str | None, dict[str, Any]]]:
        """(document id, name, FORMAT.md record) for every stored document, in ingest order."""
        with self.snapshot() as conn:
            return q.records(conn)

    def entity_links(self) -> dict[tuple[str, str], str]:
        """(document id, local entity id "e0") -> the knowledge-base entity it belongs to."""
        from sqlalchemy import select

        from .store import schema as t

        m = t.entity_members.c
        with self.snapshot() as conn:
            return {(d, l): e for e, d, l in conn.execute(select(m.entity_id, m.doc_id, m.local_id))}

    # ------------------------------------------------ the workbench's reads
    #
    # Pages with totals, details, the overview, search, the graph and the map, the decisions:
    # what the web pages, the REST API and the downloads show (thin: the queries are in
    # store/web_*.py, store/graph.py and store/search.py).

    def documents_page(self, **filters: Any) -> Page[DocumentInfo]:
        """Stored articles: outlet, published_from, published_to, sort, limit, offset."""
        with self.snapshot() as conn:
            return web_queries.documents_page(conn, **filters)

    def document_full(self, ref: str) -> DocumentFull:
        """One article with its text, entities, events, claims, relations and highlight spans."""
        with self.snapshot() as conn:
            return web_queries.document_full(conn, ref)

    def entities_page(self, **filters: Any) -> Page[EntityItem]:
        """Entities with aliases, roles and relations: type, name, kind, country, sort, limit, offset."""
        with self.snapshot() as conn:
            return web_entities.entities_page(conn, **filters)

    def entity_full(self, ref: str) -> EntityFull:
        with self.snapshot() as conn:
            return web_entities.entity_full(conn, ref)

    def events_page(self, **filters: Any) -> Page[EventItem]:
        """Events: type, sub_type, actor, place, date_from, date_to, status, credibility, source, sort, limit, offset."""
        with self.snapshot() as conn:
            return web_events.events_page(conn, **filters)

    def event_full(self, ref: str) -> EventFull:
        with self.snapshot() as conn:
            return web_events.event_full(conn, ref)

    def event_types(self) -> list[str]:
        with self.snapshot() as conn:
            return q.event_types(conn)

    def claims_page(self, **filters: Any) -> Page[ClaimItem]:
        """Claims: source, source_kind, stance, doc, entity, role, limit, offset."""
        with self.snapshot() as conn:
            return web_claims.claims_page(conn, **filters)

    def claim(self, ref: str) -> ClaimItem:
        """One claim by ``<document id>:<local id>``."""
        with self.snapshot() as conn:
            return web_claims.claim(conn, ref)

    def grade_reasons(self, target: str, ids: list[str] | tuple[str, ...]) -> dict[str, list[str]]:
        """Why each claim or event (``target``) has its grade."""
        with self.snapshot() as conn:
            return web_claims.grade_reasons(conn, target, ids)

    def contradictions_page(self, **filters: Any) -> Page[ContradictionInfo]:
        with self.snapshot() as conn:
            return web_queries.contradictions_page(conn, **filters)

    def sources_page(self, **filters: Any) -> Page[SourceInfo]:
        with self.snapshot() as conn:
            return web_queries.sources_page(conn, **filters)

    def relations_page(self, **filters: Any) -> Page[dict[str, Any]]:
        with self.snapshot() as conn:
            return web_queries.relations_page(conn, **filters)

    def overview(self, kb_stale: bool, kb_built_at: str | None) -> Overview:
        with self.snapshot() as conn:
            return web_queries.overview(conn, kb_stale, kb_built_at)

    def graph(self, **options: Any) -> Graph:
        """Actors as nodes; relations, events and claims as edges (types, kinds, min_mentions, limit)."""
        with self.snapshot() as conn:
            return _graph.graph(conn, **options)

    def search(self, text: str, **options: Any) -> SearchResult:
        """Full-text search over documents, claims, events and entity names (kind, limit, offset)."""
        with self.snapshot() as conn:
            return _search.search(conn, text, **options)

    def map_events(self) -> list[MapEvent]:
        with self.snapshot() as conn:
            return web_geo.map_events(conn)

    def places(self) -> list[Place]:
        with self.snapshot() as conn:
            return web_geo.places(conn)

    # ------------------------------------------------------ the decisions

    def decisions_page(self, **filters: Any) -> Page[Decision]:
        """The analysts' decisions, newest first: status, action, target, target_id, sort, limit, offset."""
        with self.snapshot() as conn:
            return _decisions.page(conn, **filters)

    def decision(self, decision_id: int) -> Decision:
        with self.snapshot() as conn:
            return _decisions.get(conn, decision_id)

    def latest_decisions(self, target: str, ids: list[str] | tuple[str, ...]) -> dict[str, Decision]:
        """The latest decision on each of ``ids`` (of kind ``target``)."""
        with self.snapshot() as conn:
            return _decisions.latest(conn, target, ids)

    def entity_decisions(self, entity_id: str) -> list[Decision]:
        with self.snapshot() as conn:
            return _decisions.for_entity(conn, entity_id)

    def review_queue(self, **paging: Any) -> dict[str, Any]:
        """What awaits a decision: unreviewed contradictions, low-confidence merges, corrections being applied."""
        with self.snapshot() as conn:
            return _decisions.review_queue(conn, **paging)

    def entity_moved_to(self, entity_id: str) -> str | None:
        """Where the members of an entity id a merge or split replaced are now."""
        with self.snapshot() as conn:
            return _decisions.moved_to(conn, entity_id)

    def event_moved_to(self, event_id: str) -> str | None:
        """The event holding the report of an event id a rebuild replaced."""
        with self.snapshot() as conn:
            return _decisions.event_moved(conn, event_id)

    def record_decision(self, action: str, target: str, target_id: str, *, other: str | None = None, name: str | None = None,
                        grade: str | None = None, who: str = "analyst", why: str | None = None) -> Decision:
        """Check and record an analyst's decision in one write transaction; a correction
        (merge, split, rename, rate) is left ``pending`` for the web's background worker.
        E305 for a target that does not exist, E307 for a decision that cannot be made."""
        params: dict[str, Any] = {}
        with self.store.write() as conn:
            tid = _decisions.resolve_target(conn, target, target_id)
            if action == "merge":
                if not other:
                    raise QueryError("E307", "a merge needs the other entity", "send other: its id or name")
                params["other"] = _decisions.resolve_target(conn, "entity", other)
                if params["other"] == tid:
                    raise QueryError("E307", f"{target_id!r} and {other!r} are already the same entity", "nothing to merge")
            elif action == "rename":
                if not (name or "").strip():
                    raise QueryError("E307", "the new name is empty", "send name: the name the entity should have")
                params["name"] = " ".join(name.split())  # type: ignore[union-attr]
            elif action == "rate":
                if not grade:
                    raise QueryError("E307", "a rating needs a grade A-F", "send grade: one letter A-F")
                params["grade"] = grade.upper()
            return _decisions.record(conn, action, target, tid, who=who, why=why, params=params)

    def undo_decision(self, decision_id: int) -> Decision:
        """Ask for a decision to be undone (a correction is reverted by the background worker)."""
        with self.store.write() as conn:
            return _decisions.ask_undo(conn, decision_id)

    # ----------------------------------------------------------------- exports

    def export_jsonl(self, fp: IO[str]) -> int:
        """One FORMAT.md object per stored document (doc_id = document name when known)."""
        with self.store.read() as conn:
            recs = q.records(conn)
        for doc_id, name, rec in recs:
            out = dict(rec, doc_id=name or doc_id, document_id=doc_id)
            fp.write(json.dumps(out, ensure_ascii=False) + "\n")
        return len(recs)

    def export_data(self):
        """Everything the exports read, in one typed snapshot (export/data.py)."""
        from .export.data import load

        return load(self)

    def export_acled_csv(self, fp: IO[str]) -> int:
        """One row per knowledge-base event in ACLED's 31 columns and conventions (export/acled.py)."""
        from .export.acled import write_acled_csv

        return write_acled_csv(self.export_data(), fp)

    def export_ucdp_csv(self, fp: IO[str]) -> int:
        """One UCDP GED-style row per political-violence event, deaths as low/best/high (export/ucdp.py)."""
        from .export.ucdp import write_ucdp_csv

        return write_ucdp_csv(self.export_data(), fp)

    def export_plover(self, fp: IO[str]) -> int:
        """One PLOVER JSON object per knowledge-base event (export/plover.py)."""
        from .export.plover import write_plover

        return write_plover(self.export_data(), fp)

    def export_graphml(self, fp: IO[str], *, events: bool = False) -> int:
        """Entities and relations (and events with ``events=True``) as GraphML; returns the node count."""
        from .export.graph import write_graphml

        return write_graphml(self.export_data(), fp, events=events)

    def export_gexf(self, fp: IO[str], *, events: bool = False) -> int:
        """Entities and relations (and events with ``events=True``) as GEXF 1.3 for Gephi; returns the node count."""
        from .export.graph import write_gexf

        return write_gexf(self.export_data(), fp, events=events)

    def export_stix(self, fp: IO[str]) -> int:
        """A STIX 2.1 bundle (needs the ``exports`` extra); returns the object count (export/stix.py)."""
        from .export.stix import write_stix

        return write_stix(self.export_data(), fp)

    def export_geojson(self, fp: IO[str]) -> int:
        """Events as a GeoJSON FeatureCollection, properties as in the ACLED CSV (export/geojson.py)."""
        from .export.geojson import write_geojson

        return write_geojson(self.export_data(), fp)

    def export_table_csv(self, table: str, fp: IO[str]) -> int:
        """One table (entities, claims, events, relations, contradictions) as CSV (export/tables.py)."""
        from .export.tables import write_csv

        return write_csv(self.export_data(), table, fp)

    def export_table_parquet(self, table: str, fp: IO[bytes]) -> int:
        """One table as Parquet (needs the ``exports`` extra)."""
        from .export.tables import write_parquet

        return write_parquet(self.export_data(), table, fp)

    def export_datasette_metadata(self, fp: IO[str]) -> int:
        """Datasette's metadata.json for this database (store/datasette.py); returns the tables and views described."""
        from .store.datasette import datasette_metadata

        meta = datasette_metadata(str(self.store.target.path) if self.store.target.path else None)
        json.dump(meta, fp, ensure_ascii=False, indent=1)
        fp.write("\n")
        return sum(1 for t in next(iter(meta["databases"].values()))["tables"].values() if not t.get("hidden"))

    def table_df(self, table: str):
        """One table as a pandas DataFrame with typed columns (needs the ``exports`` extra)."""
        from .export.tables import dataframe

        return dataframe(self.export_data(), table)

    def events_df(self):
        """Events as a DataFrame: the ACLED columns plus fatality range, reports and grade."""
        return self.table_df("events")

    def entities_df(self):
        return self.table_df("entities")

    def claims_df(self):
        return self.table_df("claims")

    def relations_df(self):
        return self.table_df("relations")

    def contradictions_df(self):
        return self.table_df("contradictions")


@dataclass
class Batch:
    """Articles to process (``(label, article)``, at most a pipeline batch) and the inputs read so far."""

    articles: list[tuple[str, Article]]
    read: int


def count_inputs(items: Iterable[str | Path | Article]) -> int | None:
    """How many inputs ``items`` hold, counted without reading any: an Article or a one-article
    file is one, a folder its files; None when a count needs the contents (stdin, JSON
    records and feeds hold any number of articles)."""
    from .ingest.readers import FORMATS, walk

    n = 0
    for item in items:
        if isinstance(item, Article):
            n += 1
            continue
        path = Path(str(item))
        files = [f for f in walk(path) if isinstance(f, Path)] if path.is_dir() else [path]
        if str(item) == "-" or any(FORMATS.get(f.suffix.lower()) in ("records", "feed") for f in files):
            return None
        n += len(files)
    return n


def _recording(items: Iterable[str | Path | Article], inputs: list[str]) -> Iterator[str | Path | Article]:
    for item in items:
        if not isinstance(item, Article):
            inputs.append(str(item))
        yield item


def check_date(value: str) -> str:
    """An ISO date (YYYY-MM-DD) or E307."""
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except (ValueError, AttributeError):
        raise QueryError("E307", f"{value!r} is not a date", "write it as YYYY-MM-DD, e.g. 2024-03-15") from None


def prepare(art: Article, *, published: str | None = None, outlet: str | None = None) -> Article:
    """Apply the command-line overrides and make every field storable (same lengths)."""
    if published is not None:
        art.published = published
    if outlet is not None:
        art.outlet = outlet
    for f in ("text", "title", "author", "outlet", "published", "url", "source_path", "name", "language"):
        setattr(art, f, clean(getattr(art, f)))
    return art
