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

from sqlalchemy import select
from sqlalchemy.engine import Connection

from . import schema as t
from .views import View
from .web_links import Links, links

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


def _event_pairs(conn: Connection, lk: Links) -> list[tuple[str, str, str, str]]:
    """(source entity, target entity, ACLED type, event id) for every event."""
    e = t.events.c
    types = dict(conn.execute(select(e.id, e.acled_type)).all())
    by_event: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"actor": [], "target": []})
    for v in lk.events:
        if v.role in ("actor", "target"):
            key = v.event_id or f"{v.doc_id}:{v.local_id}"
            if v.entity_id not in by_event[key][v.role]:
                by_event[key][v.role].append(v.entity_id)
    out = []
    for key, roles in by_event.items():
        label = types.get(key) or "event"
        actors, targets = roles["actor"], roles["target"]
        pairs = [(a, b) for a in actors for b in targets if a != b] if targets else list(combinations(actors, 2))
        out += [(a, b, label, key) for a, b in pairs]
    return out


def _edges(conn: Connection, lk: Links, kinds: tuple[str, ...]) -> list[tuple[str, str, str, str, str]]:
    """(kind, label, source, target, ref) for every edge before folding."""
    out = []
    if "relation" in kinds:
        out += [("relation", r.predicate or "related", r.subject_id, r.object_id, r.id) for r in lk.relations if r.subject_id and r.object_id and r.subject_id != r.object_id]
    if "event" in kinds:
        out += [("event", label, a, b, ref) for a, b, label, ref in _event_pairs(conn, lk)]
    if "claim" in kinds:
        out += [("claim", "claims about", c.by, e, f"{c.doc_id}:{c.local_id}") for c in lk.claims if c.by for e in c.about if e != c.by]
    return out


def graph(
    conn: Connection, *, types: tuple[str, ...] = ("PERSON", "ORG"), kinds: tuple[str, ...] = EDGE_KINDS, min_mentions: int = 1, limit: int = 150
) -> Graph:
    """The graph of the ``limit`` most mentioned entities of ``types`` and the edges between them."""
    lk = links(conn)
    mentions: dict[str, int] = defaultdict(int)
    for spans in lk.index.spans.values():
        for _, _, eid in spans:
            mentions[eid] += 1
    e = t.entities.c
    wanted = {x.upper() for x in types}
    rows = [r for r in conn.execute(select(e.id, e.name, e.type, e.kind, e.n_documents)) if (r.type or "").upper() in wanted and mentions.get(r.id, 0) >= min_mentions]
    rows.sort(key=lambda r: (-mentions.get(r.id, 0), -(r.n_documents or 0), r.name, r.id))
    chosen = rows[: max(limit, 0)]
    nodes = [GraphNode(r.id, r.name, r.type, r.kind, mentions.get(r.id, 0), r.n_documents or 0) for r in chosen]
    ids = {n.id for n in nodes}
    folded: dict[tuple[str, str, str, str], GraphEdge] = {}
    for kind, label, a, b, ref in _edges(conn, lk, kinds):
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
