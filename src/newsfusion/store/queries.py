"""Read queries over a store connection, returning the dataclasses of :mod:`.views`.

Ids may be given in full, as a unique prefix, or (documents, entities) by name.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import case, func, or_, select
from sqlalchemy.engine import Connection

from ..errors import QueryError
from ..gazetteer.normalize import name_key
from . import runs
from . import schema as t
from .rows import from_json
from .store import override_dict
from .views import (
    ClaimInfo,
    ContradictionInfo,
    DocumentInfo,
    DocumentView,
    EntityDetail,
    EntityInfo,
    EventInfo,
    Member,
    MentionInfo,
    RelationInfo,
    RunInfo,
    SourceInfo,
)

# Tables shown by ``status``, in this order.
STATUS_TABLES = (
    "documents",
    "doc_entities",
    "mentions",
    "event_reports",
    "claims",
    "relations",
    "entities",
    "entity_aliases",
    "events",
    "contradictions",
    "grades",
    "overrides",
    "source_ratings",
    "ingest_runs",
)


def contains(col, value: str):
    """``value`` anywhere in ``col``, any case (LIKE with its wildcards escaped)."""
    return func.lower(col).contains(value.lower(), autoescape=True)


def _span(start: Any, end: Any) -> list[int] | None:
    return None if start is None or end is None else [start, end]


def _pick(kind: str, ref: str, matches: list[str], hint: str) -> str:
    uniq = list(dict.fromkeys(matches))
    if len(uniq) == 1:
        return uniq[0]
    if not uniq:
        raise QueryError("E305", f"no {kind} {ref!r}", hint)
    shown = ", ".join(uniq[:5]) + (", ..." if len(uniq) > 5 else "")
    raise QueryError("E306", f"{ref!r} matches {len(uniq)} {kind}s ({shown})", "give more characters of the id")


# ---------------------------------------------------------------- documents


def counts(conn: Connection) -> dict[str, int]:
    """Rows per table of :data:`STATUS_TABLES`: kept by the database where it keeps them (store/counts.py)."""
    from . import counts as rc

    kept = rc.totals(conn, [n for n in STATUS_TABLES if n in rc.FACETS]) or {}
    return {name: kept[name] if name in kept else int(conn.execute(select(func.count()).select_from(t.metadata.tables[name])).scalar_one()) for name in STATUS_TABLES}


def last_run(conn: Connection) -> RunInfo | None:
    r = conn.execute(select(t.ingest_runs).order_by(t.ingest_runs.c.id.desc()).limit(1)).mappings().first()
    if r is None:
        return None
    d = runs.as_seen(conn, dict(r))  # a run whose process died shows as interrupted
    d.pop("inputs", None)
    d["warnings"] = from_json(d.get("warnings"), [])
    return RunInfo(**d)


def find_document(conn: Connection, ref: str) -> str:
    """A document id from a full id, a document name (file stem) or an id prefix."""
    d = t.documents.c
    ref = ref.strip()
    if conn.execute(select(d.id).where(d.id == ref)).first():
        return ref
    named = list(conn.execute(select(d.id).where(d.name == ref)).scalars())
    if named:
        return _pick("document", ref, named, "")
    prefixed = list(conn.execute(select(d.id).where(d.id.startswith(ref, autoescape=True)).limit(6)).scalars()) if ref else []
    return _pick("document", ref, prefixed, "list them with 'newsfusion documents'")


def documents(conn: Connection, limit: int | None = None) -> list[DocumentInfo]:
    cols = [c for c in t.documents.c if c.name not in ("text", "record", "pipeline_version")]
    q = select(*cols).order_by(t.documents.c.ingested_at, t.documents.c.id).limit(limit)
    return with_counts(conn, [DocumentInfo(**dict(r)) for r in conn.execute(q).mappings()])


def with_counts(conn: Connection, docs: list[DocumentInfo]) -> list[DocumentInfo]:
    """``docs`` with their numbers of entities, event reports and claims (counted for them only)."""
    for i in range(0, len(docs), 500):
        chunk = docs[i : i + 500]
        ids = [d.id for d in chunk]
        for table, attr in ((t.doc_entities, "entities"), (t.event_reports, "events"), (t.claims, "claims")):
            n = dict(conn.execute(select(table.c.doc_id, func.count()).where(table.c.doc_id.in_(ids)).group_by(table.c.doc_id)).all())
            for d in chunk:
                setattr(d, attr, int(n.get(d.id, 0)))
    return docs


def document(conn: Connection, ref: str) -> DocumentView:
    doc_id = find_document(conn, ref)
    row = dict(conn.execute(select(t.documents).where(t.documents.c.id == doc_id)).mappings().one())
    record = from_json(row.pop("record"))
    text = row.pop("text")
    row.pop("pipeline_version")
    info = DocumentInfo(**row, entities=len(record.get("entities", [])), events=len(record.get("events", [])), claims=len(record.get("claims", [])))
    m = t.mentions.c
    mentions = [
        MentionInfo(r.span_start, r.span_end, r.text, r.type, r.entity_local_id, r.source)
        for r in conn.execute(select(t.mentions).where(m.doc_id == doc_id).order_by(m.span_start, m.id))
    ]
    em, vm = t.entity_members.c, t.event_members.c
    ent_links = dict(conn.execute(select(em.local_id, em.entity_id).where(em.doc_id == doc_id)).all())
    ev_links = dict(conn.execute(select(vm.local_id, vm.event_id).where(vm.doc_id == doc_id)).all())
    g = t.grades.c
    grades = {}
    for target, tid, rel, cred in conn.execute(select(g.target, g.target_id, g.reliability, g.credibility).where(g.target_id.startswith(doc_id + ":"))):
        grades[tid.split(":", 1)[1]] = f"{rel}{cred}"
    ev_ids = {v: k for k, v in ev_links.items()}
    if ev_ids:
        for tid, rel, cred in conn.execute(select(g.target_id, g.reliability, g.credibility).where(g.target == "event", g.target_id.in_(list(ev_ids)))):
            grades.setdefault(ev_ids[tid], f"{rel}{cred}")
    return DocumentView(info, text, record, mentions, ent_links, ev_links, grades)


def doc_names(conn: Connection) -> dict[str, str | None]:
    return dict(conn.execute(select(t.documents.c.id, t.documents.c.name)).all())


# ----------------------------------------------------------------- entities


def find_entity(conn: Connection, ref: str) -> str:
    """A KB entity id from a full id, a name or alias (any case) or an id prefix."""
    e, a = t.entities.c, t.entity_aliases.c
    ref = ref.strip()
    if conn.execute(select(e.id).where(e.id == ref)).first():
        return ref
    low = ref.lower()
    named = list(conn.execute(select(e.id).where(func.lower(e.name) == low)).scalars())
    named += list(conn.execute(select(a.entity_id).where(func.lower(a.alias) == low)).scalars())
    if named:
        return _pick("entity", ref, named, "")
    prefixed = list(conn.execute(select(e.id).where(e.id.startswith(ref, autoescape=True)).limit(6)).scalars()) if ref else []
    return _pick("entity", ref, prefixed, "list them with 'newsfusion entities'")


def _aliases(conn: Connection, ids: list[str] | None = None) -> dict[str, list[str]]:
    a = t.entity_aliases.c
    q = select(a.entity_id, a.alias).order_by(a.entity_id, a.alias)
    out: dict[str, list[str]] = defaultdict(list)
    chunks = [None] if ids is None else [ids[i : i + 500] for i in range(0, len(ids), 500)]  # SQLite caps bound parameters
    for chunk in chunks:
        for eid, alias in conn.execute(q if chunk is None else q.where(a.entity_id.in_(chunk))):
            out[eid].append(alias)
    return out


def _entity_info(r: Any, aliases: dict[str, list[str]]) -> EntityInfo:
    return EntityInfo(r.id, r.name, r.type, r.kb_id, r.kind, r.country, aliases.get(r.id, []), r.n_members or 0, r.n_documents or 0)


def entity_select(*, type: str | None = None, name: str | None = None, kind: str | None = None, country: str | None = None, sort: str = "-documents"):
    """``entities`` rows filtered and ordered as the CLI and the web list them (``sort``: ``[-]documents|name|type``,
    ties by name and id); ``name`` matches part of the name or of an alias."""
    e = t.entities.c
    cols = {"documents": e.n_documents, "name": func.lower(e.name), "type": e.type}
    key = sort.lstrip("-")
    if key not in cols:
        raise QueryError("E307", f"sort={sort!r} is not a sort order", "use documents, name or type, with - for descending")
    col = cols[key].desc() if sort.startswith("-") else cols[key]
    stmt = select(t.entities).order_by(col, e.name, e.id)
    if country:
        stmt = stmt.where(func.upper(e.country) == country.upper())
    if type:
        stmt = stmt.where(func.upper(e.type) == type.upper())
    if kind:
        stmt = stmt.where(func.lower(e.kind) == kind.lower())
    if name:
        stmt = stmt.where(or_(contains(e.name, name), e.id.in_(select(t.entity_aliases.c.entity_id).where(contains(t.entity_aliases.c.alias, name)))))
    return stmt


def entities(conn: Connection, *, type: str | None = None, name: str | None = None, limit: int | None = None) -> list[EntityInfo]:
    rows = conn.execute(entity_select(type=type, name=name).limit(limit)).all()
    aliases = _aliases(conn, [r.id for r in rows]) if rows else {}
    return [_entity_info(r, aliases) for r in rows]


def entity(conn: Connection, ref: str) -> EntityDetail:
    eid = find_entity(conn, ref)
    r = conn.execute(select(t.entities).where(t.entities.c.id == eid)).one()
    em, de = t.entity_members.c, t.doc_entities.c
    q = (
        select(em.doc_id, t.documents.c.name.label("doc_name"), em.local_id, de.name)
        .select_from(t.entity_members.join(t.documents, t.documents.c.id == em.doc_id).outerjoin(t.doc_entities, (de.doc_id == em.doc_id) & (de.local_id == em.local_id)))
        .where(em.entity_id == eid)
        .order_by(t.documents.c.ingested_at, em.doc_id, em.local_id)
    )
    members = [Member(*row) for row in conn.execute(q)]
    o = t.overrides.c
    names = [eid, r.name, *_aliases(conn, [eid]).get(eid, [])]
    ovs = [override_dict(x) for x in conn.execute(select(t.overrides).where(or_(o.a.in_(names), o.b.in_(names), o.entity.in_(names))).order_by(o.id)).mappings()]
    return EntityDetail(_entity_info(r, _aliases(conn, [eid])), from_json(r.geo), members, from_json(r.merges, []), ovs)


# ------------------------------------------------------------------- events


def events(conn: Connection, *, type: str | None = None, source: str | None = None, limit: int | None = None) -> list[EventInfo]:
    from .web_events import event_infos  # the one mapping of an events row (web_events reads this module)

    e = t.events.c
    q = select(t.events).order_by(e.event_date.is_(None), e.event_date, e.id)
    if type:
        q = q.where(or_(contains(e.acled_type, type), contains(e.acled_sub_type, type)))
    if source:
        q = q.where(contains(e.sources, source))
    rows = conn.execute(q.limit(limit)).all()
    out = []
    for i in range(0, len(rows), 500):
        for item in event_infos(conn, rows[i : i + 500]):
            out.append(EventInfo(**{k: getattr(item, k) for k in EventInfo.__dataclass_fields__}))
    return out


# ------------------------------------------------------------ claims, others


def claims(
    conn: Connection, *, source_kind: str | None = None, source: str | None = None, stance: str | None = None, doc_id: str | None = None, limit: int | None = None
) -> list[ClaimInfo]:
    c = t.claims.c
    q = select(t.claims, t.documents.c.name.label("doc_name")).join(t.documents, t.documents.c.id == c.doc_id).order_by(t.documents.c.ingested_at, t.documents.c.id, c.evidence_start, c.local_id)
    if source_kind:
        q = q.where(func.lower(c.source_kind) == source_kind.lower())
    if source:
        q = q.where(contains(c.source, source))
    if stance:
        q = q.where(func.lower(c.stance) == stance.lower())
    if doc_id:
        q = q.where(c.doc_id == doc_id)
    rows = conn.execute(q.limit(limit)).all()
    g = t.grades.c
    grades: dict[str, str] = {}
    ids = [f"{r.doc_id}:{r.local_id}" for r in rows]
    for i in range(0, len(ids), 500):
        grades.update({tid: f"{rel}{cred}" for tid, rel, cred in conn.execute(
            select(g.target_id, g.reliability, g.credibility).where(g.target == "claim", g.target_id.in_(ids[i : i + 500]))
        )})
    return [
        ClaimInfo(
            r.doc_id, r.doc_name, r.local_id, r.source, r.source_kind, r.stance, r.cue, r.content, r.evidence,
            _span(r.evidence_start, r.evidence_end), grades.get(f"{r.doc_id}:{r.local_id}"),
        )
        for r in rows
    ]


def relations(conn: Connection, *, predicate: str | None = None, limit: int | None = None) -> list[RelationInfo]:
    r = t.relations.c
    q = select(t.relations).order_by(r.doc_id, r.evidence_start, r.id)
    if predicate:
        q = q.where(r.predicate == predicate)
    return [RelationInfo(x.doc_id, x.subject, x.predicate, x.object, x.evidence, _span(x.evidence_start, x.evidence_end)) for x in conn.execute(q.limit(limit))]


def contradiction_info(x: Any) -> ContradictionInfo:
    """A ``contradictions`` row (a mapping) as the CLI and the web show it."""
    sides = []
    for p in ("a", "b"):
        sides.append(
            {
                "doc_id": x[f"{p}_doc_id"],
                "source": x[f"{p}_source"],
                "evidence": x[f"{p}_evidence"],
                "evidence_span": _span(x[f"{p}_evidence_start"], x[f"{p}_evidence_end"]),
                "claim": x[f"{p}_claim"],
                "event": x[f"{p}_event"],
                "value": from_json(x[f"{p}_value"]),
            }
        )
    return ContradictionInfo(x["id"], x["about"], x["kind"], x["scope"], *sides)


def contradictions(conn: Connection, limit: int | None = None) -> list[ContradictionInfo]:
    return [contradiction_info(x) for x in conn.execute(select(t.contradictions).order_by(t.contradictions.c.id).limit(limit)).mappings()]


def sources(conn: Connection, limit: int | None = None) -> list[SourceInfo]:
    """Everyone who says something, once: the source entity of every claim (all its
    spellings), and the outlets and authors of the documents, with counts and ratings;
    most documents first (``source_list``, written with the knowledge base: store/sourcerows.py)."""
    from . import sourcerows

    return sourcerows.read_all(conn, limit)


def records(conn: Connection) -> list[tuple[str, str | None, dict[str, Any]]]:
    """(id, name, record) for every document, in ingest order."""
    d = t.documents.c
    return [(i, n, from_json(r)) for i, n, r in conn.execute(select(d.id, d.name, d.record).order_by(d.ingested_at, d.id))]


def event_types(conn: Connection) -> list[str]:
    """The ACLED event types the knowledge base's events have, sorted (the timeline's type filter)."""
    e = t.events.c
    return sorted(x for x in conn.execute(select(e.acled_type).distinct()).scalars() if x)


def data_version(conn: Connection) -> tuple[Any, ...]:
    """Changes whenever the knowledge base or the stored articles change (the web's cache key):
    the build time, the stale flag, the number of stored articles and the state of the analysts' decisions."""
    m = t.meta.c
    meta = dict(conn.execute(select(m.key, m.value).where(m.key.in_(["kb_built_at", "kb_stale"]))).all())
    docs = conn.execute(select(func.count()).select_from(t.documents)).scalar_one()
    d = t.decisions.c  # the analysts' decisions show at once (reviews change no KB table)
    decided = tuple(conn.execute(select(func.count(), func.max(d.done_at), func.max(d.undone_at), func.sum(case((d.status.in_(("pending", "undoing")), 1), else_=0)))).one())
    return meta.get("kb_built_at"), meta.get("kb_stale"), docs, decided
