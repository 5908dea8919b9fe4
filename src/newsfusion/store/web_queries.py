"""Read queries for the web app: documents, contradictions, sources, relations, the overview.

Entities, events, claims and search have modules of their own
(:mod:`.web_entities`, :mod:`.web_events`, :mod:`.web_claims`, :mod:`.search`).
Every listing returns a :class:`~.paging.Page`; everything is built with
SQLAlchemy expressions and bound parameters.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.engine import Connection

from ..errors import QueryError
from . import queries as q
from . import counts
from . import schema as t
from .paging import Page, fetch
from .rows import from_json
from .views import Annotation, ContradictionInfo, DocumentFull, DocumentInfo, Overview, SourceInfo
from .web_claims import claim_items
from .web_entities import entities_page
from .web_events import events_page
from .linkrows import relation_link, relations_select
from .web_links import links

# --------------------------------------------------------------- documents

_DOC_COLS = [c for c in t.documents.c if c.name not in ("text", "record", "pipeline_version")]


def documents_page(
    conn: Connection, *, outlet: str | None = None, published_from: str | None = None, published_to: str | None = None, sort: str = "ingested", limit: int = 50, offset: int = 0
) -> Page[DocumentInfo]:
    """Documents in ingest order (``sort=ingested``) or newest publication first (``-published``)."""
    d = t.documents.c
    orders = {
        "ingested": [d.ingested_at, d.id], "-ingested": [d.ingested_at.desc(), d.id],
        "published": [d.published.is_(None), d.published, d.id], "-published": [d.published.is_(None), d.published.desc(), d.id],
        "title": [func.lower(d.title), d.id], "-title": [func.lower(d.title).desc(), d.id],
        "outlet": [d.outlet.is_(None), func.lower(d.outlet), d.id], "-outlet": [d.outlet.is_(None), func.lower(d.outlet).desc(), d.id],
    }
    if sort not in orders:
        raise QueryError("E307", f"sort={sort!r} is not a sort order", f"use one of {', '.join(orders)}")
    order = orders[sort]
    stmt = select(*_DOC_COLS).order_by(*order)
    if outlet:
        stmt = stmt.where(func.lower(d.outlet).contains(outlet.lower(), autoescape=True))
    if published_from:
        stmt = stmt.where(d.published >= published_from)
    if published_to:
        stmt = stmt.where(d.published <= published_to)
    kept = None if (outlet or published_from or published_to) else counts.total(conn, "documents")
    rows, total = fetch(conn, stmt, limit, offset, kept)
    return Page(q.with_counts(conn, [DocumentInfo(**dict(r._mapping)) for r in rows]), total, limit, offset)


def _valid(start: Any, end: Any, n: int) -> bool:
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= n


def annotations(text: str, record: dict[str, Any], mentions: list, ent_links: dict[str, str], ev_links: dict[str, str]) -> list[Annotation]:
    """The spans to highlight in an article: entity mentions, event triggers and evidence, claim parts."""
    n = len(text)
    types = {e["id"]: e.get("type") for e in record.get("entities", [])}
    out = [
        Annotation(m.start, m.end, "entity", m.type or types.get(m.entity) or "ENTITY", m.entity, ent_links.get(m.entity or ""), m.type or types.get(m.entity))
        for m in mentions
        if _valid(m.start, m.end, n)
    ]
    for ev in record.get("events", []):
        label = ev.get("acled_sub_type") or ev.get("acled_type") or "event"
        for kind, span in (("event", ev.get("trigger_span")), ("event_evidence", ev.get("evidence_span"))):
            if span and _valid(span[0], span[1], n):
                out.append(Annotation(span[0], span[1], kind, label, ev["id"], ev_links.get(ev["id"]), ev.get("status")))
    for c in record.get("claims", []):
        for kind, key in (("claim_cue", "cue_span"), ("claim_source", "source_span"), ("claim_content", "content_span")):
            span = c.get(key)
            if span and _valid(span[0], span[1], n):
                out.append(Annotation(span[0], span[1], kind, c.get("stance") or "claim", c["id"], None, c.get("stance")))
    return sorted(out, key=lambda a: (a.start, -a.end, a.kind))


def document_full(conn: Connection, ref: str) -> DocumentFull:
    """One article with its text, what was found in it, and the spans to highlight."""
    view = q.document(conn, ref)
    doc_id, rec = view.info.id, view.record
    entities = [
        {"local_id": e["id"], "name": e.get("name"), "type": e.get("type"), "kind": e.get("kind"), "country": e.get("country"), "aliases": e.get("aliases") or [],
         "entity_id": view.entity_links.get(e["id"]), "mentions": [m for m in e.get("mentions") or [] if m]}
        for e in rec.get("entities", [])
    ]
    events = [dict(ev, local_id=ev.get("id"), event_id=view.event_links.get(ev.get("id")), grade=view.grades.get(ev.get("id"))) for ev in rec.get("events", [])]
    lk = links(conn, [doc_id])
    c = t.claims.c
    keys = [(doc_id, loc) for loc in conn.execute(select(c.local_id).where(c.doc_id == doc_id).order_by(c.evidence_start, c.local_id)).scalars()]
    rels = [r.to_dict() for r in lk.relations]
    contra = contradictions_page(conn, doc=doc_id, limit=500).items
    notes = annotations(view.text, rec, view.mentions, view.entity_links, view.event_links)
    return DocumentFull(view.info, view.text, entities, events, claim_items(conn, keys, lk), rels, contra, notes)


# ---------------------------------------------------------- contradictions


def contradictions_page(conn: Connection, *, doc: str | None = None, kind: str | None = None, limit: int = 50, offset: int = 0) -> Page[ContradictionInfo]:
    x = t.contradictions.c
    stmt = select(t.contradictions).order_by(x.id)
    if doc:
        doc_id = q.find_document(conn, doc)
        stmt = stmt.where(or_(x.a_doc_id == doc_id, x.b_doc_id == doc_id))
    if kind:
        stmt = stmt.where(x.kind == kind)
    rows, total = fetch(conn, stmt, limit, offset)
    return Page([q.contradiction_info(r._mapping) for r in rows], total, limit, offset)


# ------------------------------------------------------ sources, relations


SOURCE_SORTS = ("documents", "-documents", "claims", "-claims", "name", "-name", "rating", "-rating")


def sources_page(conn: Connection, *, name: str | None = None, kind: str | None = None, sort: str = "-documents", limit: int = 50, offset: int = 0) -> Page[SourceInfo]:
    """Claim sources, outlets and authors, most documents first (or by ``sort``)."""
    if sort not in SOURCE_SORTS:
        raise QueryError("E307", f"sort={sort!r} is not a sort order", f"use one of {', '.join(SOURCE_SORTS)}")
    from . import sourcerows

    rows, total = fetch(conn, sourcerows.page_select(name=name, kind=kind, sort=sort), limit, offset)
    return Page([sourcerows.info(r) for r in rows], total, limit, offset)


def relations_page(conn: Connection, *, predicate: str | None = None, limit: int = 50, offset: int = 0) -> Page[dict[str, Any]]:
    """Relations in article order, with the KB entities on their sides (``relation_links``)."""
    stmt = relations_select()
    if predicate:
        stmt = stmt.where(t.relations.c.predicate == predicate)
    rows, total = fetch(conn, stmt, limit, offset, None if predicate else counts.total(conn, "relation_links"))
    return Page([relation_link(r).to_dict() for r in rows], total, limit, offset)


# ---------------------------------------------------------------- overview


def overview(conn: Connection, kb_stale: bool, kb_built_at: str | None, n: int = 8) -> Overview:
    """Counts, the latest events, contradictions, the most documented entities, recent documents."""
    counts = q.counts(conn)
    return Overview(
        counts,
        kb_stale,
        kb_built_at,
        events_page(conn, sort="-date", limit=n).items,
        contradictions_page(conn, limit=n).items,
        entities_page(conn, limit=n).items,
        documents_page(conn, sort="-published", limit=n).items,
    )
