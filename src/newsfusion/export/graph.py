"""The knowledge base as a graph for Gephi, networkx or yEd: GraphML and GEXF 1.3.

Nodes are knowledge-base entities (id = the stable entity id); edges are the
relations between them, one edge per (subject, predicate, object) however
many articles state it (``weight`` = how many; ``documents`` = which).
A relation's subject and object are resolved to entities through the article
that states it; a relation whose side names no entity is left out.
With ``events=True`` the events are nodes too (id = the stable event id), with
``actor1``, ``actor2`` and ``located_in`` edges to their entities.

Both files are written with the standard library. Every attribute is declared
with its type (string, int, double) and a value is never null: an attribute
with no value is simply not written for that node (GraphML and GEXF readers
then use the declared default). Ids are stable across rebuilds (entity and
event ids; an edge id is a hash of its ends and predicate). Coordinates come
from GeoNames: the graph's description carries the CC BY 4.0 attribution.
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date
from typing import IO, Any

from .common import GEONAMES_ATTRIBUTION
from .data import ExportData, event_facts, place_geos

# name -> (type, default) for node and edge attributes; types are GraphML's.
NODE_ATTRS = {
    "label": ("string", ""),
    "type": ("string", ""),
    "kind": ("string", ""),
    "kb_id": ("string", ""),
    "country": ("string", ""),
    "aliases": ("string", ""),
    "documents": ("int", "0"),
    "latitude": ("double", None),
    "longitude": ("double", None),
    "event_type": ("string", ""),
    "sub_event_type": ("string", ""),
    "event_date": ("string", ""),
    "fatalities": ("int", "0"),
    "grade": ("string", ""),
}
EDGE_ATTRS = {
    "predicate": ("string", ""),
    "weight": ("double", "1.0"),
    "documents": ("string", ""),
    "evidence": ("string", ""),
}
GEXF_TYPES = {"string": "string", "int": "integer", "double": "double"}


@dataclass
class Graph:
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    edges: dict[str, tuple[str, str, dict[str, Any]]] = field(default_factory=dict)
    description: str = ""


def _edge_id(a: str, predicate: str, b: str) -> str:
    return "rel_" + hashlib.sha1(f"{a}\x00{predicate}\x00{b}".encode()).hexdigest()[:12]


def _add_edge(g: Graph, a: str, predicate: str, b: str, doc: str | None, evidence: str | None) -> None:
    eid = _edge_id(a, predicate, b)
    if eid not in g.edges:
        g.edges[eid] = (a, b, {"predicate": predicate, "weight": 0.0, "documents": [], "evidence": evidence or ""})
    attrs = g.edges[eid][2]
    if doc and doc not in attrs["documents"]:
        attrs["documents"].append(doc)
        attrs["weight"] = float(len(attrs["documents"]))
    elif not doc:
        attrs["weight"] = max(attrs["weight"], 1.0)


def build_graph(data: ExportData, *, events: bool = False) -> Graph:
    g = Graph(description=f"newsfusion knowledge base: entities and relations{' and events' if events else ''}. {GEONAMES_ATTRIBUTION}")
    for e in data.entities.values():
        g.nodes[e.id] = {"label": e.name, "type": e.type, "kind": e.kind, "kb_id": e.kb_id, "country": e.country,
                         "aliases": "; ".join(e.aliases), "documents": e.documents}
    for eid, geo in place_geos(data).items():
        if eid in g.nodes and geo.get("lat") is not None and geo.get("lon") is not None:
            g.nodes[eid].update(latitude=float(geo["lat"]), longitude=float(geo["lon"]))
    for r in data.relations:
        a, b = data.entity_of(r.doc_id, r.subject), data.entity_of(r.doc_id, r.object)
        if a is None or b is None or not r.predicate:
            continue
        _add_edge(g, a.id, r.predicate, b.id, r.doc_id, r.evidence)
    if events:
        for f in event_facts(data):
            ev = f.event
            label = " · ".join(x for x in (ev.acled_sub_type or ev.acled_type, ev.location, ev.event_date) if x)
            node = {"label": label or ev.id, "type": "EVENT", "event_type": ev.acled_type, "sub_event_type": ev.acled_sub_type,
                    "event_date": ev.event_date, "fatalities": f.fatalities, "grade": ev.grade, "country": ev.country,
                    "documents": len({d for d, _ in f.reports})}
            if ev.latitude is not None and ev.longitude is not None:
                node.update(latitude=float(ev.latitude), longitude=float(ev.longitude))
            g.nodes[ev.id] = node
            docs = [d for d, _ in f.reports]
            for pred, party in (("actor1", f.actor1), ("actor2", f.actor2)):
                if party is not None and party.entity_id in g.nodes:
                    a, b = (party.entity_id, ev.id) if pred == "actor1" else (ev.id, party.entity_id)
                    for d in docs:
                        _add_edge(g, a, pred, b, d, None)
            place = next((e for d in docs if (e := data.entity_of(d, ev.location)) is not None), None)
            if place is not None:
                for d in docs:
                    _add_edge(g, ev.id, "located_in", place.id, d, None)
    return g


def _text(value: Any) -> str | None:
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _write(root: ET.Element, fp: IO[str]) -> None:
    ET.indent(root)
    fp.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    fp.write(ET.tostring(root, encoding="unicode"))
    fp.write("\n")


def write_graphml(data: ExportData, fp: IO[str], *, events: bool = False) -> int:
    g = build_graph(data, events=events)
    ns = "http://graphml.graphdrawing.org/xmlns"
    root = ET.Element("graphml", {"xmlns": ns})
    keys = {}
    for scope, attrs in (("node", NODE_ATTRS), ("edge", EDGE_ATTRS)):
        for i, (name, (typ, default)) in enumerate(attrs.items()):
            kid = f"{scope[0]}{i}"
            keys[(scope, name)] = kid
            k = ET.SubElement(root, "key", {"id": kid, "for": scope, "attr.name": name, "attr.type": typ})
            if default is not None:
                ET.SubElement(k, "default").text = default
    graph = ET.SubElement(root, "graph", {"id": "newsfusion", "edgedefault": "directed"})
    ET.SubElement(graph, "desc").text = g.description
    for nid, attrs in g.nodes.items():
        n = ET.SubElement(graph, "node", {"id": nid})
        for name in NODE_ATTRS:
            if (v := _text(attrs.get(name))) is not None:
                ET.SubElement(n, "data", {"key": keys[("node", name)]}).text = v
    for eid, (a, b, attrs) in g.edges.items():
        e = ET.SubElement(graph, "edge", {"id": eid, "source": a, "target": b})
        for name in EDGE_ATTRS:
            if (v := _text(attrs.get(name))) is not None:
                ET.SubElement(e, "data", {"key": keys[("edge", name)]}).text = v
    _write(root, fp)
    return len(g.nodes)


def write_gexf(data: ExportData, fp: IO[str], *, events: bool = False) -> int:
    g = build_graph(data, events=events)
    root = ET.Element("gexf", {"xmlns": "http://gexf.net/1.3", "version": "1.3"})
    built = (data.built_at or "")[:10] or date.today().isoformat()  # the build date: a re-export is identical
    meta = ET.SubElement(root, "meta", {"lastmodifieddate": built})
    ET.SubElement(meta, "creator").text = "newsfusion"
    ET.SubElement(meta, "description").text = g.description
    graph = ET.SubElement(root, "graph", {"defaultedgetype": "directed", "mode": "static"})
    ids = {}
    for scope, attrs in (("node", NODE_ATTRS), ("edge", EDGE_ATTRS)):
        block = ET.SubElement(graph, "attributes", {"class": scope, "mode": "static"})
        for i, (name, (typ, default)) in enumerate(attrs.items()):
            if scope == "edge" and name == "weight":
                continue  # GEXF has weight as an edge attribute of its own
            ids[(scope, name)] = str(i)
            a = ET.SubElement(block, "attribute", {"id": str(i), "title": name, "type": GEXF_TYPES[typ]})
            if default is not None:
                ET.SubElement(a, "default").text = default
    nodes = ET.SubElement(graph, "nodes")
    for nid, attrs in g.nodes.items():
        n = ET.SubElement(nodes, "node", {"id": nid, "label": attrs.get("label") or nid})
        vals = ET.SubElement(n, "attvalues")
        for name in NODE_ATTRS:
            if (v := _text(attrs.get(name))) is not None:
                ET.SubElement(vals, "attvalue", {"for": ids[("node", name)], "value": v})
    edges = ET.SubElement(graph, "edges")
    for eid, (a, b, attrs) in g.edges.items():
        e = ET.SubElement(edges, "edge", {"id": eid, "source": a, "target": b, "label": attrs["predicate"], "weight": repr(float(attrs["weight"]))})
        vals = ET.SubElement(e, "attvalues")
        for name in EDGE_ATTRS:
            if name != "weight" and (v := _text(attrs.get(name))) is not None:
                ET.SubElement(vals, "attvalue", {"for": ids[("edge", name)], "value": v})
    _write(root, fp)
    return len(g.nodes)
