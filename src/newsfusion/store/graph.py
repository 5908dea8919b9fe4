"""The actor graph: entities as nodes; relations, events and claims as edges.

* ``relation`` edges join a relation's subject to its object (label: the
  predicate, e.g. ``leader_of``);
* ``event`` edges join an event's actors to its targets, or its actors to each
  other when no target is named (label: the ACLED event type);
* ``claim`` edges join who makes a claim to the entities its content mentions
  (label: ``claims about``).

Parallel edges of one kind and label are folded into one with a ``count`` and
the ids they rest on (``refs``: relation, event or claim ids).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from . import schema as t
from .views import View
from .linkrows import relations_select

EDGE_KINDS = ("relation", "event", "claim")
MAX_REFS = 20


@dataclass
class GraphNode(View):
    id: str
    name: str
    type: str
    kind: str | None
    mentions: int
    documents: int


@dataclass
class GraphEdge(View):
    id: str
    source: str
    target: str
    kind: str  # relation | event | claim
    label: str
    count: int = 0
    refs: list[str] = field(default_factory=list)


@dataclass
class Graph(View):
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    truncated: bool = False  # more entities qualified than `limit`


def _event_pairs(conn: Connection, ids: set[str]) -> list[tuple[str, str, str, str]]:
    """(source entity, target entity, ACLED type, event id) for every event joining two of ``ids``.

    An event's actors and targets are its ``entity_links`` rows, in the order its
    articles name them (doc, then place); actor pairs are used only when it has no target."""
    x, e = t.entity_links.c, t.events.c
    by_event: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"actor": [], "target": []})
    roles = ("event_actor", "event_target")
    touching = select(x.ref).where(x.entity_id.in_(sorted(ids)), x.role.in_(roles))  # only events naming one of ids can join two
    rows = conn.execute(select(x.entity_id, x.role, x.ref).where(x.role.in_(roles), x.ref.in_(touching)).order_by(x.doc_id, x.n))
    for eid, role, key in rows:
        lst = by_event[key][role[6:]]
        if eid not in lst:
            lst.append(eid)
    wanted = [k for k, r in by_event.items() if sum(1 for v in (*r["actor"], *r["target"]) if v in ids) >= 2]
    types: dict[str, str] = {}
    for i in range(0, len(wanted), 500):
        types.update(conn.execute(select(e.id, e.acled_type).where(e.id.in_(wanted[i : i + 500]))).all())
    out = []
    for key in wanted:
        roles = by_event[key]
        label = types.get(key) or "event"
        actors, targets = roles["actor"], roles["target"]
        pairs = [(a, b) for a in actors for b in targets if a != b] if targets else list(combinations(actors, 2))
        out += [(a, b, label, key) for a, b in pairs]
    return out


def _edges(conn: Connection, ids: set[str], kinds: tuple[str, ...]) -> list[tuple[str, str, str, str, str]]:
    """(kind, label, source, target, ref) for every edge between two of ``ids`` before folding.

    Each query asks only for the rows of ``ids`` (the drawn nodes), not the whole corpus's links."""
    out: list[tuple[str, str, str, str, str]] = []
    if not ids:
        return out
    if "relation" in kinds:
        rl = t.relation_links.c
        for r in conn.execute(relations_select().where(rl.subject_id.in_(sorted(ids)), rl.object_id.in_(sorted(ids)), rl.subject_id != rl.object_id)):
            out.append(("relation", r.predicate or "related", r.subject_id, r.object_id, f"{r.doc_id}:r{r.idx}"))
    if "event" in kinds:
        out += [("event", label, a, b, ref) for a, b, label, ref in _event_pairs(conn, ids)]
    if "claim" in kinds:
        by, about = t.entity_links.alias("by_"), t.entity_links.alias("about")
        stmt = (
            select(by.c.entity_id, about.c.entity_id, by.c.doc_id, by.c.ref)
            .select_from(by.join(about, (about.c.doc_id == by.c.doc_id) & (about.c.ref == by.c.ref) & (about.c.role == "claim_subject")))
            .where(by.c.role == "claim_source", by.c.entity_id.in_(sorted(ids)), by.c.entity_id != about.c.entity_id)  # the subjects are filtered by the caller: an IN on both sides makes SQLite probe every pair
            .order_by(by.c.doc_id, by.c.ref)
        )
        out += [("claim", "claims about", a, b, f"{doc}:{local}") for a, b, doc, local in conn.execute(stmt)]
    return out


def graph(
    conn: Connection, *, types: tuple[str, ...] = ("PERSON", "ORG"), kinds: tuple[str, ...] = EDGE_KINDS, min_mentions: int = 1, limit: int = 150
) -> Graph:
    """The graph of the ``limit`` most mentioned entities of ``types`` and the edges between them."""
    e, ro = t.entities.c, t.entity_roles.c
    wanted = [x.upper() for x in types]
    mentions = func.coalesce(ro.mentions, 0).label("mentions")
    stmt = (
        select(e.id, e.name, e.type, e.kind, e.n_documents, mentions)
        .select_from(t.entities.outerjoin(t.entity_roles, ro.entity_id == e.id))
        .where(func.upper(e.type).in_(wanted), func.coalesce(ro.mentions, 0) >= min_mentions)
        .order_by(mentions.desc(), func.coalesce(e.n_documents, 0).desc(), e.name, e.id)
    )
    rows = conn.execute(stmt.limit(max(limit, 0) + 1)).all()
    chosen = rows[: max(limit, 0)]
    nodes = [GraphNode(r.id, r.name, r.type, r.kind, r.mentions, r.n_documents or 0) for r in chosen]
    ids = {n.id for n in nodes}
    folded: dict[tuple[str, str, str, str], GraphEdge] = {}
    for kind, label, a, b, ref in _edges(conn, ids, kinds):
        if a not in ids or b not in ids:
            continue
        key = (kind, label, a, b)
        edge = folded.get(key)
        if edge is None:
            edge = folded[key] = GraphEdge(f"{kind}:{label}:{a}:{b}", a, b, kind, label)
        edge.count += 1
        if len(edge.refs) < MAX_REFS and ref not in edge.refs:
            edge.refs.append(ref)
    edges = sorted(folded.values(), key=lambda x: x.id)
    return Graph(nodes, edges, len(rows) > len(chosen))


def graph_dict(g: Graph) -> dict[str, Any]:
    return {"nodes": [n.to_dict() for n in g.nodes], "edges": [x.to_dict() for x in g.edges], "truncated": g.truncated}
