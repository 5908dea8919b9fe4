"""The corpus index in the store: lookups for the incremental corpus steps, and their writes.

``CorpusIndex`` answers ``resolve.incremental.Index`` on one read connection;
:func:`write_full` replaces the index after a full rebuild; :func:`apply_plan`
writes an incremental plan (only the rows it names) in the writer's transaction.
"""

from __future__ import annotations

import json
from sqlalchemy import and_, bindparam, delete, func, insert, or_, select, tuple_, update
from sqlalchemy.engine import Connection

from ..resolve import CorpusState
from ..resolve.base import Grade
from ..resolve.incremental import INDEX_VERSION, SEP, Plan
from . import kbrows, rows
from . import schema as t

CHUNK = 400
KEY_COUNT_CAP = 1000


def _chunks(xs: list) -> list[list]:
    return [xs[i : i + CHUNK] for i in range(0, len(xs), CHUNK)]


class CorpusIndex:
    def __init__(self, conn: Connection):
        self.conn = conn
        self.k = t.corpus_keys

    def _keys(self, where_col, kind: str, values: list[str]):
        out = []
        k = self.k
        for part in _chunks(sorted(set(values))):
            q = select(k.c.key, k.c.ref, k.c.doc_id, k.c.n, k.c.extra).where(k.c.kind == kind, where_col.in_(part))
            out += [tuple(r) for r in self.conn.execute(q)]
        return out

    def refs(self, kind, keys):
        return self._keys(self.k.c.key, kind, keys)

    def by_ref(self, kind, refs):
        return self._keys(self.k.c.ref, kind, refs)

    def by_docs(self, kind, doc_ids):
        return self._keys(self.k.c.doc_id, kind, doc_ids)

    def counts(self, kind, keys):
        k = self.k
        keys = sorted(set(keys))
        if not keys:
            return []
        # counted here, not by GROUP BY: SQLite would walk the (kind, ref) index in ref order
        # over every row of the kind instead of the keys' postings
        seen: dict[tuple, int] = {}
        for part in _chunks(keys):
            for r in self.conn.execute(select(k.c.ref, k.c.doc_id, k.c.n).where(k.c.kind == kind, k.c.key.in_(part))):
                seen[tuple(r)] = seen.get(tuple(r), 0) + 1
        return [(*r, c) for r, c in seen.items()]

    def counts_x(self, kind, keys):
        k = self.k
        seen: dict[tuple, int] = {}
        for part in _chunks(sorted(set(keys))):
            for r in self.conn.execute(select(k.c.ref, k.c.doc_id, k.c.n, k.c.extra).where(k.c.kind == kind, k.c.key.in_(part))):
                seen[tuple(r)] = seen.get(tuple(r), 0) + 1
        return [(*r, c) for r, c in seen.items()]

    def counts_upto(self, kind, keys, max_n):
        k = self.k
        seen: dict[tuple, int] = {}
        for part in _chunks(sorted(set(keys))):
            for r in self.conn.execute(select(k.c.ref, k.c.doc_id, k.c.n).where(k.c.kind == kind, k.c.key.in_(part), k.c.n <= max_n)):
                seen[tuple(r)] = seen.get(tuple(r), 0) + 1
        return [(*r, c) for r, c in seen.items()]

    def key_counts(self, kind, keys, cap=KEY_COUNT_CAP):
        # capped: the counts only order the keys rarest first, and a common key's rows are
        # not counted to the end
        k = self.k
        inner = select(k.c.ref).where(k.c.kind == kind, k.c.key == bindparam("key")).limit(cap).subquery()
        q = select(func.count()).select_from(inner)
        return {key: self.conn.execute(q, {"key": key}).scalar() or 0 for key in sorted(set(keys))}

    def _members(self, col, values):
        m = t.corpus_members
        out = {}
        for part in _chunks(sorted(set(values))):
            for r, order, facts in self.conn.execute(select(m.c.ref, m.c.ord, m.c.facts).where(col.in_(part))):
                out[r] = (order, json.loads(facts))
        return out

    def members(self, refs):
        return self._members(t.corpus_members.c.ref, refs)

    def members_of_docs(self, doc_ids):
        return self._members(t.corpus_members.c.doc_id, doc_ids)

    def member_ids(self, doc_ids):
        m = t.entity_members
        out = {}
        for part in _chunks(sorted(set(doc_ids))):
            out.update({(d, l): e for d, l, e in self.conn.execute(select(m.c.doc_id, m.c.local_id, m.c.entity_id).where(m.c.doc_id.in_(part)))})
        return out

    def records(self, doc_ids):
        d = t.documents
        out = {}
        for part in _chunks(sorted(set(doc_ids))):
            for doc_id, rec, at in self.conn.execute(select(d.c.id, d.c.record, d.c.ingested_at).where(d.c.id.in_(part))):
                out[doc_id] = (dict(rows.from_json(rec), doc_id=doc_id), (at or "")[:10])
        return out

    def doc_order(self, doc_ids):
        c = t.corpus_docs
        out = {}
        for part in _chunks(sorted(set(doc_ids))):
            out.update(dict(self.conn.execute(select(c.c.doc_id, c.c.ord).where(c.c.doc_id.in_(part))).all()))
        return out

    def entity_rows(self, ids):
        e = t.entities
        out = {}
        for part in _chunks(sorted(set(ids))):
            q = select(e.c.id, e.c.name, e.c.type, e.c.kind, e.c.scope, e.c.n_members, e.c.n_documents).where(e.c.id.in_(part))
            out.update({r.id: dict(r._mapping) for r in self.conn.execute(q)})
        return out

    def source_votes(self, ids):
        k = self.k
        out: dict[str, dict[str, int]] = {}
        q = (select(k.c.extra, func.count()).where(k.c.kind == "src", k.c.key == bindparam("key"), k.c.n == 1, k.c.extra.is_not(None))
             .group_by(k.c.extra))
        for eid in sorted(set(ids)):
            out[eid] = dict(self.conn.execute(q, {"key": eid}).all())
        return out

    def relation_sources(self, key, srcs):
        # the number of sources is on every stored instance's grade (grading.grade_relations)
        k, g = self.k, t.grades
        first = select(k.c.ref).where(k.c.kind == "rel", k.c.key == key).limit(1).scalar_subquery()
        n = self.conn.execute(select(g.c.independent_sources).where(g.c.target == "relation", g.c.target_id == first)).scalar() or 0
        known = set(self.conn.execute(select(k.c.extra).where(k.c.kind == "rel", k.c.key == key, k.c.extra.in_(srcs)).distinct()).scalars()) if n else set()
        return n, known

    def entity_merges(self, ids):
        e = t.entities
        out = {}
        for part in _chunks(sorted(set(ids))):
            q = select(e.c.id, e.c.name, e.c.type, e.c.kind, e.c.kb_id, e.c.country, e.c.geo, e.c.merges, e.c.n_members, e.c.n_documents).where(e.c.id.in_(part))
            for r in self.conn.execute(q):
                row = dict(r._mapping)
                row["geo"] = rows.from_json(row["geo"])
                out[r.id] = row
        return out

    def entity_aliases(self, ids):
        a = t.entity_aliases
        out: dict[str, list[str]] = {}
        for part in _chunks(sorted(set(ids))):
            for eid, alias in self.conn.execute(select(a.c.entity_id, a.c.alias).where(a.c.entity_id.in_(part))):
                out.setdefault(eid, []).append(alias)
        return out

    def entity_member_docs(self, ids):
        m = t.entity_members
        out: dict[str, set[str]] = {}
        for part in _chunks(sorted(set(ids))):
            for eid, doc in self.conn.execute(select(m.c.entity_id, m.c.doc_id).where(m.c.entity_id.in_(part)).distinct()):
                out.setdefault(eid, set()).add(doc)
        return out

    def events_of_reports(self, refs):
        m = t.event_members
        out = {}
        pairs = [tuple(r.rsplit(SEP, 1)) for r in refs]
        for part in _chunks(sorted(set(pairs))):
            q = select(m.c.doc_id, m.c.local_id, m.c.event_id).where(tuple_(m.c.doc_id, m.c.local_id).in_(part))
            out.update({f"{d}{SEP}{l}": e for d, l, e in self.conn.execute(q)})
        return out

    def event_members(self, ids):
        m = t.event_members
        out: dict[str, list[str]] = {}
        for part in _chunks(sorted(set(ids))):
            for eid, d, l in self.conn.execute(select(m.c.event_id, m.c.doc_id, m.c.local_id).where(m.c.event_id.in_(part))):
                out.setdefault(eid, []).append(f"{d}{SEP}{l}")
        return out

    def grades(self, keys):
        g = t.grades.c
        out = {}
        for part in _chunks(sorted(set(keys))):
            for r in self.conn.execute(select(t.grades).where(tuple_(g.target, g.target_id).in_(part))):
                out[(r.target, r.target_id)] = Grade(r.target, r.target_id, r.reliability, r.credibility, r.independent_sources, json.loads(r.reasons or "[]"))
        return out

    def override_names(self):
        from ..gazetteer.normalize import name_key

        o = t.overrides.c
        return {name_key(v) for row in self.conn.execute(select(o.a, o.b, o.entity)) for v in row if v}

    def ratings(self):
        r = t.source_ratings.c
        return dict(self.conn.execute(select(r.source, r.reliability)).all())

    def _contradictions(self, where) -> list[dict]:
        return [dict(r._mapping) for r in self.conn.execute(select(t.contradictions).where(where))]

    def contradictions_of_claims(self, refs):
        x = t.contradictions
        pairs = sorted({tuple(r.rsplit(SEP, 1)) for r in refs})
        out: dict[str, dict] = {}
        for part in _chunks(pairs):
            for r in self._contradictions(or_(tuple_(x.c.a_doc_id, x.c.a_claim).in_(part), tuple_(x.c.b_doc_id, x.c.b_claim).in_(part))):
                out[r["id"]] = r
        return list(out.values())

    def contradictions_of_reports(self, refs, kind):
        x = t.contradictions
        pairs = sorted({tuple(r.rsplit(SEP, 1)) for r in refs})
        out: dict[str, dict] = {}
        for part in _chunks(pairs):
            for r in self._contradictions(and_(x.c.kind == kind, x.c.scope == "corpus", tuple_(x.c.a_doc_id, x.c.a_event).in_(part))):
                out[r["id"]] = r
        return list(out.values())


# ------------------------------------------------------- ratings: grades to work out again

REGRADE = "regrade_sources"  # meta: the sources rated (or unrated) since the grades were written (JSON list)


def mark_regrade(conn: Connection, source: str) -> None:
    """Remember that the grades of what ``source`` says must be worked out again."""
    from .store import Store

    pending = pending_regrade(conn)
    if source not in pending:
        Store.set_meta(conn, REGRADE, json.dumps([*pending, source]))


def pending_regrade(conn: Connection) -> list[str]:
    raw = conn.execute(select(t.meta.c.value).where(t.meta.c.key == REGRADE)).scalar()
    return json.loads(raw) if raw else []


def clear_regrade(conn: Connection) -> None:
    conn.execute(delete(t.meta).where(t.meta.c.key == REGRADE))


def rated_docs(conn: Connection, sources: list[str]) -> list[str]:
    """The documents whose claim or event grades a rating of one of ``sources`` can change
    (``grading.rating_of``: a rating holds for an entity given by id, or by its name or an
    alias, and for a source of that name; a spokesperson's claims take their body's): the
    documents of the entities so named (their members, the claims they are the source of)
    and of the claims whose source has that name. The names are compared by ``name_key``
    over the entities' names and aliases and the distinct claim-source spellings (one read
    of each); only the grades of these documents are written."""
    from ..gazetteer.normalize import name_key

    keys = {name_key(s) for s in sources}
    ids = set(conn.execute(select(t.entities.c.id).where(t.entities.c.id.in_(sorted(sources)))).scalars())
    ids |= {i for i, n in conn.execute(select(t.entities.c.id, t.entities.c.name)) if name_key(n or "") in keys}
    ids |= {i for i, n in conn.execute(select(t.entity_aliases.c.entity_id, t.entity_aliases.c.alias)) if name_key(n or "") in keys}
    docs: set[str] = set()
    for part in _chunks(sorted(ids)):
        docs |= set(conn.execute(select(t.entity_members.c.doc_id).where(t.entity_members.c.entity_id.in_(part))).scalars())
        docs |= set(conn.execute(select(t.claim_sources.c.doc_id).where(t.claim_sources.c.entity_id.in_(part))).scalars())
    named = [n for n in conn.execute(select(t.claims.c.source).where(t.claims.c.source.is_not(None)).distinct()).scalars() if name_key(n) in keys]
    for part in _chunks(named):
        docs |= set(conn.execute(select(t.claims.c.doc_id).where(t.claims.c.source.in_(part))).scalars())
    return sorted(docs)


def clear(conn: Connection) -> None:
    for table in t.CORPUS_INDEX:
        conn.execute(delete(table))


def write_full(conn: Connection, index: tuple[list, list, list] | None) -> None:
    """Replace the index with a full rebuild's (None: drop it; the next ingest rebuilds)."""
    from .store import Store

    clear(conn)
    clear_regrade(conn)
    if index is None:
        Store.set_meta(conn, "corpus_index", "0")
        return
    docs, members, keys = index
    for table, items in ((t.corpus_docs, docs), (t.corpus_members, members), (t.corpus_keys, keys)):
        for part in [items[i : i + 5000] for i in range(0, len(items), 5000)]:
            conn.execute(insert(table), part)
    Store.set_meta(conn, "corpus_index", INDEX_VERSION)


def _cleaned(appended: dict) -> str:
    """The spliced ``merges`` text made storable (``rows.clean``): its stored part already is,
    so only the new records are searched (the text of a hub is megabytes)."""
    text = appended["merges_json"]
    return rows.clean(text) if any(rows._UNSTORABLE.search(r) for r in appended.get("new_records", [])) else text


def apply_plan(conn: Connection, plan: Plan) -> dict[str, int]:
    """Write an incremental plan: the rows it names are deleted and written again."""
    written: dict[str, int] = {}

    def count(name: str, n: int) -> None:
        written[name] = written.get(name, 0) + n

    new_docs = set(plan.new_docs)
    linked = set(new_docs)  # the documents whose entity or event links change (store/linkrows.py)
    ent_ids = plan.delete.get("entities", [])
    ev_ids = plan.delete.get("events", [])
    ents, aliases, members = kbrows.entity_rows(plan.insert.get("entities", []))
    from .store import _unique, refresh_derived

    ents = _unique(ents, "id")
    kept = {e["id"] for e in ents}
    for part in _chunks(ent_ids):
        count("entity_aliases", conn.execute(delete(t.entity_aliases).where(t.entity_aliases.c.entity_id.in_(part))).rowcount)
        # an entity written again is updated, not deleted: its claim_sources rows stay, and
        # so do its members (a stored member never changes entity on this path)
        gone = [i for i in part if i not in kept]
        if gone:
            linked.update(conn.execute(select(t.entity_members.c.doc_id).where(t.entity_members.c.entity_id.in_(gone))).scalars())
            count("entity_members", conn.execute(delete(t.entity_members).where(t.entity_members.c.entity_id.in_(gone))).rowcount)
            count("entities", conn.execute(delete(t.entities).where(t.entities.c.id.in_(gone))).rowcount)
    members = [m for m in members if m["doc_id"] in new_docs]
    # entities that gained members and nothing else (resolve.incremental: _Run.appends)
    for eid, a in sorted(plan.appended.items()):
        conn.execute(update(t.entities).where(t.entities.c.id == eid).values(merges=_cleaned(a), n_members=a["n_members"]))
        count("entities", 1)
        members += [{"entity_id": eid, "doc_id": d, "local_id": l} for d, l in a["members"]]
    existing: set[str] = set()
    for part in _chunks(sorted(kept)):
        existing |= set(conn.execute(select(t.entities.c.id).where(t.entities.c.id.in_(part))).scalars())
    e = t.entities
    for row in ents:
        if row["id"] in existing:
            conn.execute(update(e).where(e.c.id == row["id"]).values(**{k: v for k, v in row.items() if k != "id"}))
            count("entities", 1)
    ents = [r for r in ents if r["id"] not in existing]
    for part in _chunks(ev_ids):
        linked.update(conn.execute(select(t.event_members.c.doc_id).where(t.event_members.c.event_id.in_(part))).scalars())
        count("event_members", conn.execute(delete(t.event_members).where(t.event_members.c.event_id.in_(part))).rowcount)
        count("events", conn.execute(delete(t.events).where(t.events.c.id.in_(part))).rowcount)
    for part in _chunks(plan.delete.get("contradictions", [])):
        count("contradictions", conn.execute(delete(t.contradictions).where(t.contradictions.c.id.in_(part))).rowcount)
    g = t.grades
    for part in _chunks(plan.delete.get("grades", [])):
        count("grades", conn.execute(delete(g).where(tuple_(g.c.target, g.c.target_id).in_(part))).rowcount)
    # the stored instances of relation keys whose number of sources changed (their grade
    # rows differ only by it): updated in place, found by the index (before its new rows)
    k = t.corpus_keys
    for key, grade in sorted(plan.relation_grades.items()):
        row = kbrows.grade_rows([grade])[0]
        ids = select(k.c.ref).where(k.c.kind == "rel", k.c.key == key)
        values = {c: row[c] for c in ("reliability", "credibility", "independent_sources", "reasons")}
        count("grades", conn.execute(update(g).where(g.c.target == "relation", g.c.target_id.in_(ids)).values(**values)).rowcount)
    state = CorpusState(docs=plan.insert.get("event_docs", []), events=plan.insert.get("events", []))
    events, ev_members = kbrows.event_rows(state)

    batches = [
        (t.entities, _unique(ents, "id")),
        (t.entity_aliases, _unique(aliases, "entity_id", "alias")),
        (t.entity_members, _unique(members, "entity_id", "doc_id", "local_id")),
        (t.claim_sources, _unique(plan.insert.get("claim_sources", []), "doc_id", "local_id")),
        (t.events, _unique(events, "id")),
        (t.event_members, _unique(ev_members, "event_id", "doc_id", "local_id")),
        (t.contradictions, _unique(kbrows.contradiction_rows(plan.insert.get("contradictions", [])), "id")),
        (t.grades, _unique(kbrows.grade_rows(plan.insert.get("grades", [])), "target", "target_id")),
    ]
    for table, items in batches:
        if items:
            conn.execute(insert(table), items)
            count(table.name, len(items))
            if table.name in ("entity_members", "claim_sources", "event_members"):
                linked.update(r["doc_id"] for r in items)
    for eid, n in plan.update_docs.items():
        conn.execute(update(t.entities).where(t.entities.c.id == eid).values(n_documents=n))
        count("entities", 1)
    refresh_derived(conn, linked, {*ent_ids, *kept})
    k = t.corpus_keys
    for part in _chunks(plan.drop_forms):
        conn.execute(delete(k).where(k.c.kind == "form", k.c.ref.in_(part)))
    for table, items in ((t.corpus_docs, plan.index_docs), (t.corpus_members, plan.index_members), (t.corpus_keys, plan.index_keys)):
        if items:
            conn.execute(insert(table), items)
    return written
