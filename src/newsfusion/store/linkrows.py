"""Who does what, written down once: ``entity_links``, ``entity_roles`` and ``relation_links``.

:func:`.web_links.links` ties claims, event reports and relations to KB
entities by reading every row of the documents asked for. Asked per request
for the most documented entities (the overview, the entity list) it read most
of the corpus each time (16 s for a page of entities at 10,000 articles). The
links of a document depend only on its own rows and on which KB entities and
events its entities and reports belong to, so they are worked out when the
knowledge base is written (:func:`refresh`, from ``Store.update_kb`` and
``Store.replace_kb``) for the documents whose KB links changed, and the
readers read the result:

* ``entity_links``: per entity, role and document, how often it is mentioned
  or a relation's side there (``ref`` = ''); one row per claim (``ref`` = its
  local id) it makes or is the subject of; one row per KB event (``ref``) it is
  an actor, target or location of (``n`` = the link's place in the article,
  so the graph keeps the order of actors), so an event reported by several
  articles counts once;
* ``entity_roles``: the sums per entity (:data:`.web_links.ROLES`), what
  :func:`.web_links.roles` gives over all documents;
* ``relation_links``: each relation (``doc:r<idx>``) with the KB entities on its sides.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from sqlalchemy import delete, distinct, func, insert, select
from sqlalchemy.engine import Connection

from . import schema as t
from .web_links import ROLES, EntityIndex, RelationLink, claim_links, event_links

CHUNK = 400  # documents worked out at once (bounds memory)
EVENT_ROLES = ("event_actor", "event_target", "event_location")


def _doc_rows(conn: Connection, docs: list[str]) -> tuple[list[dict], list[dict]]:
    """``entity_links`` and ``relation_links`` rows of these documents."""
    idx = EntityIndex(conn, docs)
    n: Counter[tuple[str, str, str, str]] = Counter()
    for doc, spans in idx.spans.items():
        for _, _, eid in spans:
            n[(eid, "mentions", doc, "")] += 1
    for c in claim_links(conn, idx):
        if c.by:
            n[(c.by, "claim_source", c.doc_id, c.local_id)] += 1
        for e in c.about:
            n[(e, "claim_subject", c.doc_id, c.local_id)] += 1
    at: Counter[str] = Counter()
    for v in event_links(conn, idx):  # n: the link's place among its article's (the graph keeps the actors' order)
        at[v.doc_id] += 1
        n.setdefault((v.entity_id, f"event_{v.role}", v.doc_id, v.event_id or f"{v.doc_id}:{v.local_id}"), at[v.doc_id])
    rel_rows = []
    r_ = t.relations.c
    pos: dict[str, int] = defaultdict(int)
    for chunk in (docs[i : i + 500] for i in range(0, len(docs), 500)):
        for r in conn.execute(select(r_.id, r_.doc_id, r_.subject, r_.object).where(r_.doc_id.in_(chunk)).order_by(r_.doc_id, r_.id)):
            i = pos[r.doc_id]
            pos[r.doc_id] += 1
            s_id, o_id = idx.by_form(r.doc_id, r.subject), idx.by_form(r.doc_id, r.object)
            rel_rows.append({"doc_id": r.doc_id, "idx": i, "relation_id": r.id, "subject_id": s_id, "object_id": o_id})
            if s_id:
                n[(s_id, "relation_subject", r.doc_id, "")] += 1
            if o_id:
                n[(o_id, "relation_object", r.doc_id, "")] += 1
    links = [{"entity_id": e, "role": role, "doc_id": d, "ref": ref, "n": k} for (e, role, d, ref), k in n.items()]
    return links, rel_rows


def _roles(conn: Connection, ids: list[str] | None) -> list[dict]:
    """``entity_roles`` rows from ``entity_links``, for ``ids`` (all entities when None)."""
    x = t.entity_links.c
    out: dict[str, dict[str, int]] = {}
    stmt = select(x.entity_id, x.role, func.sum(x.n), func.count(distinct(x.ref))).group_by(x.entity_id, x.role)
    chunks = [None] if ids is None else [ids[i : i + 500] for i in range(0, len(ids), 500)]
    for chunk in chunks:
        for eid, role, total, refs in conn.execute(stmt if chunk is None else stmt.where(x.entity_id.in_(chunk))):
            row = out.setdefault(eid, {"entity_id": eid, **dict.fromkeys(ROLES, 0)})
            row[role] = int(refs if role in EVENT_ROLES else total)  # claims: one row per claim, n = 1
    return list(out.values())


def refresh(conn: Connection, docs: Iterable[str] | None = None) -> None:
    """Rewrite the derived rows of ``docs`` (every document when None) and the roles they change.

    For ``docs`` the stored ``entity_roles`` are moved by the links rewritten (:func:`_add_roles`),
    not recounted over each entity's links: a hub's roles cost what its changed links cost."""
    x, rl = t.entity_links.c, t.relation_links.c
    if docs is None:
        conn.execute(delete(t.entity_links))
        conn.execute(delete(t.relation_links))
        conn.execute(delete(t.entity_roles))
        todo = list(conn.execute(select(t.documents.c.id).order_by(t.documents.c.id)).scalars())
        old: list[tuple[str, str, str, int]] | None = None
    else:
        todo = sorted(set(docs))
        old = []
        for chunk in (todo[i : i + 500] for i in range(0, len(todo), 500)):
            old.extend(tuple(r) for r in conn.execute(select(x.entity_id, x.role, x.ref, x.n).where(x.doc_id.in_(chunk))))
            conn.execute(delete(t.entity_links).where(x.doc_id.in_(chunk)))
            conn.execute(delete(t.relation_links).where(rl.doc_id.in_(chunk)))
    new: list[tuple[str, str, str, int]] = []
    for i in range(0, len(todo), CHUNK):
        links, rels = _doc_rows(conn, todo[i : i + CHUNK])
        if links:
            conn.execute(insert(t.entity_links), links)
        if rels:
            conn.execute(insert(t.relation_links), rels)
        if old is not None:
            new.extend((r["entity_id"], r["role"], r["ref"], r["n"]) for r in links)
    if conn.dialect.name == "sqlite":  # keep the planner's statistics fresh (approximate, cheap): the listings'
        conn.exec_driver_sql("PRAGMA analysis_limit = 400")  # orders need it to read documents in ingest order first
        conn.exec_driver_sql("PRAGMA optimize")
    if old is None:
        roles = _roles(conn, None)
        if roles:
            conn.execute(insert(t.entity_roles), roles)
    elif old or new:
        _add_roles(conn, old, new)


def _add_roles(conn: Connection, old: list[tuple[str, str, str, int]], new: list[tuple[str, str, str, int]]) -> None:
    """Move the stored ``entity_roles`` from the links ``old`` (removed) to ``new`` (written).

    A sum role (mentions, claims, relation sides) adds ``n``; an event role counts an event
    (``ref``) once over all documents, so it changes by the (entity, role, event) links that
    now exist and did not, or no longer exist and did: after the write, the rows of such a link
    in any document are counted (``ix_entity_links_ref``), and before = after - new + old.
    An entity left with no link has no row, as in the full recount (:func:`_roles`)."""
    x, ro = t.entity_links.c, t.entity_roles.c
    delta: Counter[tuple[str, str]] = Counter()
    moved: Counter[tuple[str, str, str]] = Counter()  # event links: rows written - rows removed (in these documents)
    for sign, links in ((-1, old), (1, new)):
        for eid, role, ref, n in links:
            if role in EVENT_ROLES:
                moved[(eid, role, ref)] += sign
            else:
                delta[(eid, role)] += sign * n
    triples = [k for k, v in moved.items() if v]
    refs = sorted({ref for _, _, ref in triples})
    after: Counter[tuple[str, str, str]] = Counter()
    for chunk in (refs[i : i + 500] for i in range(0, len(refs), 500)):
        stmt = select(x.entity_id, x.role, x.ref, func.count()).where(x.ref.in_(chunk), x.role.in_(EVENT_ROLES)).group_by(x.ref, x.entity_id, x.role)
        for eid, role, ref, k in conn.execute(stmt):
            after[(eid, role, ref)] = int(k)
    for key in triples:
        now = after[key] > 0
        before = after[key] - moved[key] > 0
        if now != before:
            delta[key[:2]] += 1 if now else -1
    ids = sorted({e for (e, _), v in delta.items() if v})
    if not ids:
        return
    stored = roles_of(conn, ids)
    for (eid, role), v in delta.items():
        if v:
            stored[eid][role] += v
    for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):
        conn.execute(delete(t.entity_roles).where(ro.entity_id.in_(chunk)))
    rows = [{"entity_id": e, **stored[e]} for e in ids if any(stored[e].values())]
    if rows:
        conn.execute(insert(t.entity_roles), rows)


def docs_to_refresh(conn: Connection, touched: Iterable[str]) -> set[str]:
    """``touched`` and the documents whose relations were never linked (new articles without KB links)."""
    r, rl = t.relations.c, t.relation_links.c
    out = set(touched)
    out.update(conn.execute(select(r.doc_id).where(r.doc_id.not_in(select(rl.doc_id))).distinct()).scalars())
    return out


def roles_of(conn: Connection, ids: list[str]) -> dict[str, dict[str, int]]:
    """Per entity: the counts of :data:`.web_links.ROLES` (zeros for an entity with none)."""
    ro = t.entity_roles.c
    out = {e: dict.fromkeys(ROLES, 0) for e in ids}
    for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):
        for r in conn.execute(select(t.entity_roles).where(ro.entity_id.in_(chunk))).mappings():
            out[r["entity_id"]] = {k: int(r[k]) for k in ROLES}
    return out


def relations_select():
    """The relations with the KB entities on their sides, in article order (``doc:r<idx>``)."""
    rl, r_ = t.relation_links.c, t.relations.c
    return (
        select(rl.doc_id, rl.idx, rl.subject_id, rl.object_id, r_.subject, r_.predicate, r_.object, r_.evidence, r_.evidence_start, r_.evidence_end)
        .select_from(t.relation_links.join(t.relations, r_.id == rl.relation_id))
        .order_by(rl.doc_id, rl.idx)
    )


def relation_link(r) -> RelationLink:
    """A row of :func:`relations_select` as web_links gives it."""
    span = None if r.evidence_start is None or r.evidence_end is None else [r.evidence_start, r.evidence_end]
    return RelationLink(f"{r.doc_id}:r{r.idx}", r.doc_id, r.subject, r.predicate, r.object, r.subject_id, r.object_id, r.evidence, span)
