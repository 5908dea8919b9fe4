"""The knowledge base: the Python API the CLI and the web app use.

Example::

    from newsfusion.kb import KnowledgeBase

    kb = KnowledgeBase("newsfusion.db")          # or "postgresql://user@host/db"
    report = kb.ingest(["examples/articles/"])
    print(report.summary())
    for ev in kb.events(type="Battles"):
        print(ev.event_date, ev.location, ev.fatalities_min, ev.sources)

``ingest`` reads files (``newsfusion.ingest.read_paths``), runs the document
pipeline in batches, stores each article in its own transaction, then runs the
corpus steps (``newsfusion.resolve``) over everything stored and replaces the
knowledge-base tables. Analyst decisions (``merge_entities``, ``split_entity``,
``rename_entity``, ``rate_source``) are stored forever and handed to the corpus
steps on every later run.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import IO, Any

from .errors import InputError, NewsfusionError, PipelineError, QueryError, SkippedInput
from .model import Article
from .pipeline import too_long
from .resolve import run_steps
from .store import Store
from .store import queries as q
from .store.rows import clean
from .export.acled import ACLED_COLUMNS  # noqa: F401 - re-exported: the column list users import from here
from .store.views import ClaimInfo, ContradictionInfo, DocumentInfo, DocumentView, EntityDetail, EntityInfo, EventInfo, RelationInfo, SourceInfo, Status

Progress = Callable[[int, int], None]
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
        items = list(items)
        t0 = time.perf_counter()
        report = IngestReport()
        pipe = self.pipeline
        report.run_id = self.store.start_run(pipe.version, [str(x) for x in items if not isinstance(x, Article)])
        status = "failed"
        try:
            todo = self._collect(items, published, outlet, report)
            if engine == "ray" and todo:
                self._process_parallel(todo, report, progress, workers, engine="ray", address=ray_address)
            elif workers > 1 and len(todo) > 1:
                self._process_parallel(todo, report, progress, workers)
            else:
                self._process(todo, report, progress)
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
            self._finish_run(report, status)
        return report

    def _finish_run(self, report: IngestReport, status: str) -> None:
        try:
            self.store.finish_run(report.run_id, status, report.counts(), report.warnings)
        except (NewsfusionError, KeyboardInterrupt):  # the run row stays "running"; nothing else is lost
            pass

    def _read(self, items: list[str | Path | Article]):
        from .ingest import read_paths

        for item in items:
            if isinstance(item, Article):
                yield item
            else:
                yield from read_paths([str(item)])

    def _collect(self, items, published, outlet, report: IngestReport) -> list[tuple[str, Article]]:
        """The articles to process: overrides applied, duplicates (stored or repeated) set aside."""
        pending: dict[str, tuple[str, Article]] = {}
        for item in self._read(items):
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
            if doc_id in pending:
                report.duplicates.append((label, doc_id))
            else:
                pending[doc_id] = (label, art)
        stored = self.store.stored_ids(pending)
        report.duplicates += [(label, i) for i, (label, _) in pending.items() if i in stored]
        return [v for i, v in pending.items() if i not in stored]

    def _process(self, todo: list[tuple[str, Article]], report: IngestReport, progress: Progress | None) -> None:
        pipe = self.pipeline

        def chunks():
            for i in range(0, len(todo), pipe.batch_size):
                chunk = todo[i : i + pipe.batch_size]
                docs = self._run_chunk(chunk, report)  # failures are reported there
                yield len(chunk), [(label, doc.doc_id, partial(self.store.add_document, doc)) for label, doc in docs]

        self._store_chunks(chunks(), len(todo), report, progress)

    def _process_parallel(
        self, todo: list[tuple[str, Article]], report: IngestReport, progress: Progress | None, workers: int,
        *, engine: str = "local", address: str | None = None,
    ) -> None:
        from .workers import run_parallel, run_ray

        pipe = self.pipeline
        runs = run_ray(todo, workers, pipe.batch_size, address) if engine == "ray" else run_parallel(todo, workers, pipe.batch_size)

        def chunks():
            for results in runs:
                stored = []
                for r in results:
                    if r.error:
                        report.failed.append(PipelineError("E104", r.error, "report this with the file", path=r.label))
                    else:
                        stored.append((r.label, r.doc_id, partial(self.store.add_record, r.article, r.record, doc_id=r.doc_id, mentions=r.mentions)))
                yield len(results), stored

        self._store_chunks(chunks(), len(todo), report, progress)

    def _store_chunks(self, chunks, total: int, report: IngestReport, progress: Progress | None) -> None:
        """The one writer: store each processed article of each chunk (``(n processed, [(label, doc id,
        add)])``, ``add`` storing it and saying whether it was new), reporting progress per chunk."""
        version = self.pipeline.version
        done = 0
        if progress:
            progress(0, total)
        for n, stored in chunks:
            for label, doc_id, add in stored:
                if add(run_id=report.run_id, pipeline_version=version):
                    report.added.append(doc_id)
                else:  # stored meanwhile by another process
                    report.duplicates.append((label, doc_id))
            done += n
            if progress:
                progress(done, total)

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
            start = self.store.incremental_inputs()
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
        if not warnings and not state.overrides and not state.source_ratings:
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
        """Rate a source's reliability (Admiralty A..F); rebuild so grades use it."""
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

    def status(self) -> Status:
        with self.store.read() as conn:
            counts = q.counts(conn)
            run = q.last_run(conn)
            stale = self.store.get_meta("kb_stale", conn) == "1"
            built = self.store.get_meta("kb_built_at", conn)
        return Status(self.store.label, self.store.dialect, self.store.revision(), counts, stale, built, run)

    def documents(self, limit: int | None = None) -> list[DocumentInfo]:
        with self.store.read() as conn:
            return q.documents(conn, limit)

    def document(self, ref: str) -> DocumentView:
        """One document by id, id prefix or name, with what was found in it."""
        with self.store.read() as conn:
            return q.document(conn, ref)

    def entities(self, *, type: str | None = None, name: str | None = None, limit: int | None = None) -> list[EntityInfo]:
        with self.store.read() as conn:
            return q.entities(conn, type=type, name=name, limit=limit)

    def entity(self, ref: str) -> EntityDetail:
        with self.store.read() as conn:
            return q.entity(conn, ref)

    def events(self, *, type: str | None = None, source: str | None = None, limit: int | None = None) -> list[EventInfo]:
        with self.store.read() as conn:
            return q.events(conn, type=type, source=source, limit=limit)

    def claims(self, *, source_kind: str | None = None, source: str | None = None, stance: str | None = None, doc: str | None = None, limit: int | None = None) -> list[ClaimInfo]:
        with self.store.read() as conn:
            doc_id = q.find_document(conn, doc) if doc else None
            return q.claims(conn, source_kind=source_kind, source=source, stance=stance, doc_id=doc_id, limit=limit)

    def relations(self, *, predicate: str | None = None, limit: int | None = None) -> list[RelationInfo]:
        with self.store.read() as conn:
            return q.relations(conn, predicate=predicate, limit=limit)

    def contradictions(self, limit: int | None = None) -> list[ContradictionInfo]:
        with self.store.read() as conn:
            return q.contradictions(conn, limit)

    def sources(self) -> list[SourceInfo]:
        with self.store.read() as conn:
            return q.sources(conn)

    def records(self) -> list[tuple[str, str | None, dict[str, Any]]]:
        """(document id, name, FORMAT.md record) for every stored document, in ingest order."""
        with self.store.read() as conn:
            return q.records(conn)

    def entity_links(self) -> dict[tuple[str, str], str]:
        """(document id, local entity id "e0") -> the knowledge-base entity it belongs to."""
        from sqlalchemy import select

        from .store import schema as t

        m = t.entity_members.c
        with self.store.read() as conn:
            return {(d, l): e for e, d, l in conn.execute(select(m.entity_id, m.doc_id, m.local_id))}

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
