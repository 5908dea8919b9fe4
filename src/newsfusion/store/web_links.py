"""Who does what: claims, event reports and relations tied to knowledge-base entities.

Per-document rows name entities by the text an article used ("CODECO", "the
army"); the knowledge base groups those per-document entities into KB
entities (``entity_members``). :class:`EntityIndex` maps a document's surface
forms and mention spans back to KB entity ids, and :func:`links` uses it to
say, for a set of documents,

* which entity made each claim (its source entity in ``claim_sources``; for a
  knowledge base built before that table, the entity named like the source in
  that article, else a person or organisation mentioned in its source span) and which
  entities the claim is about (a mention inside the claim's content span);
* which entities each event report names as actor, target or location;
* which entities each relation joins.

Everything is read with bound parameters; spans are character offsets into
``documents.text``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from . import schema as t
from .rows import from_json

CHUNK = 500


def _chunks(ids: list[str]) -> Iterable[list[str]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


def _in_docs(conn: Connection, stmt, col, docs: list[str] | None):
    """Run ``stmt`` over all documents, or chunk by chunk over ``docs``."""
    if docs is None:
        yield from conn.execute(stmt)
        return
    for chunk in _chunks(docs):
        yield from conn.execute(stmt.where(col.in_(chunk)))


class EntityIndex:
    """The KB entities of some documents: their names there and their mention spans."""

    def __init__(self, conn: Connection, docs: Iterable[str] | None = None):
        self.docs = None if docs is None else sorted(set(docs))
        em, de, m = t.entity_members.c, t.doc_entities.c, t.mentions.c
        q = select(em.entity_id, em.doc_id, em.local_id, de.name, de.aliases, de.type).select_from(
            t.entity_members.join(t.doc_entities, (de.doc_id == em.doc_id) & (de.local_id == em.local_id))
        )
        self.local: dict[tuple[str, str], str] = {}
        self.forms: dict[tuple[str, str], str] = {}
        self.types: dict[str, str] = {}
        for eid, doc, local, name, aliases, type_ in _in_docs(conn, q.order_by(em.doc_id, em.local_id), em.doc_id, self.docs):
            self.local[(doc, local)] = eid
            self.types.setdefault(eid, (type_ or "").upper())
            for form in [name, *from_json(aliases, [])]:
                if form:
                    self.forms.setdefault((doc, form.lower()), eid)
        self.spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        q = select(m.doc_id, m.entity_local_id, m.span_start, m.span_end).where(m.entity_local_id.is_not(None), m.span_start.is_not(None))
        for doc, local, start, end in _in_docs(conn, q.order_by(m.doc_id, m.span_start), m.doc_id, self.docs):
            eid = self.local.get((doc, local))
            if eid:
                self.spans[doc].append((start, end, eid))

    def by_form(self, doc: str, name: str | None) -> str | None:
        return self.forms.get((doc, name.lower())) if name else None

    def overlapping(self, doc: str, start: int | None, end: int | None) -> list[str]:
        if start is None or end is None:
            return []
        return list(dict.fromkeys(e for s, en, e in self.spans.get(doc, ()) if s < end and start < en))

    def speaker(self, doc: str, source: str | None, start: int | None, end: int | None) -> str | None:
        """Who makes a claim: the entity named like its source, else a person or organisation in its source span."""
        named = self.by_form(doc, source)
        if named:
            return named
        return next((e for e in self.overlapping(doc, start, end) if self.types.get(e) != "LOCATION"), None)

    def inside(self, doc: str, start: int | None, end: int | None) -> list[str]:
        if start is None or end is None:
            return []
        return list(dict.fromkeys(e for s, en, e in self.spans.get(doc, ()) if start <= s and en <= end))


@dataclass
class ClaimLink:
    doc_id: str
    local_id: str
    by: str | None  # KB entity that made the claim
    about: list[str]  # KB entities mentioned in its content


@dataclass
class EventLink:
    event_id: str | None  # KB event the report belongs to
    doc_id: str
    local_id: str
    role: str  # actor | target | location
    entity_id: str
    name: str


@dataclass
class RelationLink:
    id: str  # "<doc_id>:r<n>", n = order of the relation in its article
    doc_id: str
    subject: str | None
    predicate: str | None
    object: str | None
    subject_id: str | None
    object_id: str | None
    evidence: str | None
    evidence_span: list[int] | None

    def to_dict(self) -> dict[str, Any]:
        return dict(vars(self))


@dataclass
class Links:
    index: EntityIndex
    claims: list[ClaimLink] = field(default_factory=list)
    events: list[EventLink] = field(default_factory=list)
    relations: list[RelationLink] = field(default_factory=list)


def claim_links(conn: Connection, idx: EntityIndex) -> list[ClaimLink]:
    c, cs = t.claims.c, t.claim_sources.c
    q = select(c.doc_id, c.local_id, c.source, c.source_start, c.source_end, c.content_start, c.content_end).order_by(c.doc_id, c.local_id)
    made_by = {(d, l): e for d, l, e in _in_docs(conn, select(cs.doc_id, cs.local_id, cs.entity_id), cs.doc_id, idx.docs)}
    out = []
    for r in _in_docs(conn, q, c.doc_id, idx.docs):
        by = made_by.get((r.doc_id, r.local_id)) or idx.speaker(r.doc_id, r.source, r.source_start, r.source_end)
        about = [e for e in idx.inside(r.doc_id, r.content_start, r.content_end) if e != by]
        out.append(ClaimLink(r.doc_id, r.local_id, by, about))
    return out


def event_links(conn: Connection, idx: EntityIndex) -> list[EventLink]:
    r_, vm = t.event_reports.c, t.event_members.c
    kb = {(d, l): e for e, d, l in _in_docs(conn, select(vm.event_id, vm.doc_id, vm.local_id), vm.doc_id, idx.docs)}
    q = select(r_.doc_id, r_.local_id, r_.actors, r_.targets, r_.location).order_by(r_.doc_id, r_.local_id)
    out = []
    for r in _in_docs(conn, q, r_.doc_id, idx.docs):
        named = [("actor", n) for n in from_json(r.actors, [])] + [("target", n) for n in from_json(r.targets, [])]
        named += [("location", r.location)] if r.location else []
        seen = set()
        for role, name in named:
            eid = idx.by_form(r.doc_id, name)
            if eid and (role, eid) not in seen:
                seen.add((role, eid))
                out.append(EventLink(kb.get((r.doc_id, r.local_id)), r.doc_id, r.local_id, role, eid, name))
    return out


def relation_links(conn: Connection, idx: EntityIndex) -> list[RelationLink]:
    r_ = t.relations.c
    q = select(t.relations).order_by(r_.doc_id, r_.id)
    out, n = [], defaultdict(int)
    for r in _in_docs(conn, q, r_.doc_id, idx.docs):
        i = n[r.doc_id]
        n[r.doc_id] += 1
        span = None if r.evidence_start is None or r.evidence_end is None else [r.evidence_start, r.evidence_end]
        s_id, o_id = idx.by_form(r.doc_id, r.subject), idx.by_form(r.doc_id, r.object)
        out.append(RelationLink(f"{r.doc_id}:r{i}", r.doc_id, r.subject, r.predicate, r.object, s_id, o_id, r.evidence, span))
    return out


def links(conn: Connection, docs: Iterable[str] | None = None) -> Links:
    """Claims, event reports and relations of ``docs`` (all documents when None), tied to KB entities."""
    idx = EntityIndex(conn, docs)
    return Links(idx, claim_links(conn, idx), event_links(conn, idx), relation_links(conn, idx))


ROLES = ("mentions", "claim_source", "claim_subject", "event_actor", "event_target", "event_location", "relation_subject", "relation_object")


def roles(lk: Links, entity_ids: Iterable[str]) -> dict[str, dict[str, int]]:
    """Per entity: how often it is mentioned, makes a claim, is claimed about, acts in events..."""
    out = {e: dict.fromkeys(ROLES, 0) for e in entity_ids}
    for spans in lk.index.spans.values():
        for _, _, e in spans:
            if e in out:
                out[e]["mentions"] += 1
    for c in lk.claims:
        if c.by in out:
            out[c.by]["claim_source"] += 1
        for e in c.about:
            if e in out:
                out[e]["claim_subject"] += 1
    seen = set()
    for v in lk.events:
        key = (v.entity_id, v.role, v.event_id or (v.doc_id, v.local_id))  # a KB event counts once
        if v.entity_id in out and key not in seen:
            seen.add(key)
            out[v.entity_id][f"event_{v.role}"] += 1
    for r in lk.relations:
        for side, e in (("subject", r.subject_id), ("object", r.object_id)):
            if e in out:
                out[e][f"relation_{side}"] += 1
    return out
