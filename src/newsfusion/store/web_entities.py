"""Entities for the web API: with every name, their roles and their relations.

Roles are counted from the per-document rows through :mod:`.web_links`: how
often an entity is mentioned, makes claims, is the subject of others' claims,
acts in, is targeted by or hosts events, and stands on either side of a
relation. They are worked out when the knowledge base is written
(:mod:`.linkrows`: ``entity_roles``, ``entity_links``, ``relation_links``), so a
page of entities or one entity reads them instead of every row of its articles.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache
from typing import Any

from sqlalchemy import TextClause, func, or_, select, text
from sqlalchemy.engine import Connection

from ..errors import QueryError
from . import queries as q
from . import counts
from . import schema as t
from .paging import Page, fetch
from .rows import from_json
from .web_claims import claim_items, in_listing_order
from .linkrows import EVENT_ROLES, relation_link, relations_select, roles_of
from .web_links import EntityIndex, Links, RelationLink, claim_links, event_links
from .views import EntityEvent, EntityFull, EntityItem


# Lists in one entity's detail are cut at this length; ``totals`` gives the full counts and the
# listings (/api/claims?entity=..., /api/events?actor=...) page through all of them.
DETAIL_LIMIT = 100
# An entity as listed carries its first relations only (the entity's page has up to DETAIL_LIMIT and their
# count; roles.relation_subject/relation_object count them all): a country in 30,000 articles has thousands.
LIST_RELATIONS = 10



def relation_view(r: RelationLink, eid: str, names: dict[str, str]) -> dict[str, Any]:
    """A relation as seen from entity ``eid``: out (it is the subject) or in."""
    out = r.subject_id == eid
    other_id = r.object_id if out else r.subject_id
    other = r.object if out else r.subject
    return {
        "id": r.id,
        "predicate": r.predicate,
        "direction": "out" if out else "in",
        "other": names.get(other_id or "", other),
        "other_id": other_id,
        "doc_id": r.doc_id,
        "evidence": r.evidence,
    }


def _names(conn: Connection, ids: set[str]) -> dict[str, str]:
    e = t.entities.c
    ids_l = sorted(i for i in ids if i)
    return dict(conn.execute(select(e.id, e.name).where(e.id.in_(ids_l))).all()) if ids_l else {}


def entity_relations(conn: Connection, eid: str, limit: int | None = DETAIL_LIMIT) -> list[RelationLink]:
    """The relations with entity ``eid`` on a side, in article order (``relation_links``), at most ``limit``."""
    rl = t.relation_links.c
    return [relation_link(r) for r in conn.execute(relations_select().where(or_(rl.subject_id == eid, rl.object_id == eid)).limit(limit))]


@lru_cache(maxsize=64)
def _first_relations_sql(n: int, limit: int) -> TextClause:
    """The bounded reads of :func:`first_relations` for ``n`` entities, one statement (``:e0`` .. ``:e<n-1>``).

    Written as text, once per page size: :func:`.linkrows.relations_select`'s columns, join and order (its
    index ix_relation_links_subject/_object gives the order); building the 2n arms with the expression
    language cost more than running them."""
    cols = ("rl.doc_id, rl.idx, rl.subject_id, rl.object_id, r.subject, r.predicate, r.object, r.evidence, r.evidence_start, r.evidence_end "
            "FROM relation_links rl JOIN relations r ON r.id = rl.relation_id")
    arms = [f"SELECT * FROM (SELECT {cols} WHERE rl.{side} = :e{i} ORDER BY rl.doc_id, rl.idx LIMIT {int(limit)}) AS a{i}_{side[0]}"
            for i in range(n) for side in ("subject_id", "object_id")]
    return text(" UNION ALL ".join(arms))


def first_relations(conn: Connection, ids: list[str], limit: int) -> dict[str, list[RelationLink]]:
    """The first ``limit`` relations (article order) of each entity in ``ids``: the first ``limit`` on each side, merged."""
    found: dict[str, dict[tuple[str, int], Any]] = {e: {} for e in ids}
    # one statement of bounded reads, one per entity and side in the index's order: ranking every relation of
    # the entities read all of a country's thousands of relations, and a statement per entity and side (100 a
    # page) cost more in round trips than in reading
    uniq = list(found)
    if uniq:
        # a row read for one entity is also a relation of its other side's entity when that one is listed: the
        # first ``limit`` of a superset of an entity's first ``limit`` per side (and of its relations only) are the same
        for r in conn.execute(_first_relations_sql(len(uniq), limit), {f"e{i}": e for i, e in enumerate(uniq)}):
            for eid in {r.subject_id, r.object_id}:
                if eid in found:
                    found[eid][(r.doc_id, r.idx)] = r
    return {e: [relation_link(rows[k]) for k in sorted(rows)[:limit]] for e, rows in found.items()}


def entity_items(conn: Connection, rows: list[Any], max_relations: int | None = DETAIL_LIMIT) -> list[EntityItem]:
    """EntityItems for ``entities`` rows, with roles (``entity_roles``) and their first ``max_relations`` relations."""
    ids = [r.id for r in rows]
    rl = roles_of(conn, ids)
    aliases = q._aliases(conn, ids) if ids else {}
    if max_relations is not None and len(ids) > 1:
        rels = first_relations(conn, ids, max_relations)
    else:
        rels = {eid: entity_relations(conn, eid, max_relations) for eid in ids}
    names = _names(conn, {x for rs in rels.values() for r in rs for x in (r.subject_id, r.object_id) if x})
    return [
        EntityItem(
            r.id, r.name, r.type, r.kind, r.country, r.kb_id, aliases.get(r.id, []), r.n_documents or 0, rl[r.id]["mentions"], rl[r.id],
            [relation_view(x, r.id, names) for x in rels[r.id]],
        )
        for r in rows
    ]


def entities_page(
    conn: Connection, *, type: str | None = None, name: str | None = None, kind: str | None = None, country: str | None = None, sort: str = "-documents",
    limit: int = 50, offset: int = 0,
) -> Page[EntityItem]:
    """Entities, most documents first (``sort``: ``[-]documents``, ``[-]name``, ``[-]type``); ``name`` matches part of the name or of an alias."""
    stmt = q.entity_select(type=type, name=name, kind=kind, country=country, sort=sort)
    kept = None
    if not (name or kind or country):  # the total from the kept counts (store/counts.py)
        kept = counts.total(conn, "entities", "type", type.upper()) if type else counts.total(conn, "entities")
    rows, total = fetch(conn, stmt, limit, offset, kept)
    return Page(entity_items(conn, rows, LIST_RELATIONS), total, limit, offset)


def _self_relations(conn: Connection, eid: str) -> int:
    rl = t.relation_links.c
    return int(conn.execute(select(func.count()).select_from(t.relation_links).where(rl.subject_id == eid, rl.object_id == eid)).scalar_one())


def _event_docs(conn: Connection, eid: str) -> list[str]:
    """The articles where each of entity ``eid``'s (event, role) pairs first occurs (``entity_links``)."""
    x = t.entity_links.c
    first: dict[tuple[str, str], str] = {}
    for role, ref, doc in conn.execute(select(x.role, x.ref, x.doc_id).where(x.entity_id == eid, x.role.in_(EVENT_ROLES)).order_by(x.doc_id, x.n)):
        first.setdefault((ref, role), doc)
    return sorted(set(first.values()))


def _event_links_of(conn: Connection, eid: str, idx: EntityIndex | None = None) -> list[Any]:
    """The event reports naming entity ``eid`` (web_links.EventLink), read in the articles where each of its
    (event, role) pairs first occurs (or in ``idx``'s, which must include them): what ``links`` gives over all
    its articles, once deduplicated by :func:`_entity_events` (the first article of each pair comes first)."""
    if idx is None:
        docs = _event_docs(conn, eid)
        if not docs:
            return []
        idx = EntityIndex(conn, docs)
    return [v for v in event_links(conn, idx) if v.entity_id == eid]


def _entity_events(conn: Connection, eid: str, idx: EntityIndex | None = None) -> list[EntityEvent]:
    mine = _event_links_of(conn, eid, idx)
    ev_ids = sorted({v.event_id for v in mine if v.event_id})
    e, g = t.events.c, t.grades.c
    info = {r.id: r for r in conn.execute(select(e.id, e.acled_type, e.acled_sub_type, e.event_date, e.location).where(e.id.in_(ev_ids)))} if ev_ids else {}
    grades = {tid: f"{rel}{cr}" for tid, rel, cr in conn.execute(select(g.target_id, g.reliability, g.credibility).where(g.target == "event", g.target_id.in_(ev_ids)))} if ev_ids else {}
    out, seen = [], set()
    for v in mine:
        key = (v.event_id or f"{v.doc_id}:{v.local_id}", v.role)
        if key in seen:
            continue
        seen.add(key)
        r = info.get(v.event_id or "")
        out.append(
            EntityEvent(v.event_id, v.role, v.name, v.doc_id, v.local_id, r.acled_type if r else None, r.acled_sub_type if r else None,
                        r.event_date if r else None, r.location if r else None, grades.get(v.event_id or ""))
        )
    return sorted(out, key=lambda x: (x.event_date or "9999", x.event_id or ""))


def entity_full(conn: Connection, ref: str) -> EntityFull:
    """One entity with every name it goes by, its roles, relations, events and claims."""
    detail = q.entity(conn, ref)
    eid = detail.entity.id
    row = conn.execute(select(t.entities).where(t.entities.c.id == eid)).one()
    (item,) = entity_items(conn, [row])
    de, em = t.doc_entities.c, t.entity_members.c
    used: Counter[str] = Counter()
    stmt = select(de.doc_id, de.name, de.aliases).select_from(
        t.entity_members.join(t.doc_entities, (de.doc_id == em.doc_id) & (de.local_id == em.local_id))
    ).where(em.entity_id == eid)
    for doc, name, aliases in conn.execute(stmt):
        for form in dict.fromkeys([name, *from_json(aliases, [])]):
            if form:
                used[form] += 1
    for form in [item.name, *item.aliases]:
        used.setdefault(form, 0)
    names = [{"name": n, "documents": c} for n, c in sorted(used.items(), key=lambda kv: (-kv[1], kv[0]))]
    x = t.entity_links.c  # the claims it makes and those about it (never the same claim: a claim is not about who makes it)
    by = in_listing_order(conn, [(d, r) for d, r in conn.execute(select(x.doc_id, x.ref).where(x.entity_id == eid, x.role == "claim_source"))])
    about = in_listing_order(conn, [(d, r) for d, r in conn.execute(select(x.doc_id, x.ref).where(x.entity_id == eid, x.role == "claim_subject"))])
    n = DETAIL_LIMIT
    # one index of the articles needed (the shown claims', and where each of its events is first named) serves
    # the events and both claim lists, rather than one index each
    idx = EntityIndex(conn, {d for d, _ in by[:n]} | {d for d, _ in about[:n]} | set(_event_docs(conn, eid)))
    events = _entity_events(conn, eid, idx)
    lk = Links(idx, claim_links(conn, idx))
    totals = {"members": len(detail.members), "relations": item.roles["relation_subject"] + item.roles["relation_object"] - _self_relations(conn, eid), "events": len(events), "claims_by": len(by), "claims_about": len(about)}
    return EntityFull(
        item, detail.geo, names, detail.members[:n], detail.merges[:n], detail.overrides, item.relations[:n], events[:n],
        claim_items(conn, by[:n], lk), claim_items(conn, about[:n], lk), totals,
    )
