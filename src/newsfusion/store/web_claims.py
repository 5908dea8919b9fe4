"""Claims for the web API: listed by source, entity, stance or document, with stable ids.

A claim's id is ``<doc_id>:<local id>`` (``3fa9c2d1e0b4a5f6:c3``): the document
id is a content hash and the local id is the claim's place in the article, so
the id survives re-ingests and rebuilds.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any
from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from ..errors import QueryError
from . import queries as q
from . import counts
from . import schema as t
from .paging import Page, fetch
from .web_links import EntityIndex, Links, claim_links, links
from .views import ClaimItem

CLAIM_ROLES = ("any", "by", "about")


def split_claim_id(ref: str) -> tuple[str, str]:
    doc, sep, local = (ref or "").rpartition(":")
    if not sep or not doc or not local:
        raise QueryError("E307", f"{ref!r} is not a claim id", "claim ids look like <document id>:c3")
    return doc, local


def _order(c):
    return (t.documents.c.ingested_at, t.documents.c.id, c.evidence_start, c.local_id)  # documents' order first: index ix_documents_ingested


def in_listing_order(conn: Connection, keys: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``keys`` in the order /api/claims lists them (ingest order, then place in the article)."""
    wanted = set(keys)
    c = t.claims.c
    docs = sorted({doc for doc, _ in keys})
    stmt = select(c.doc_id, c.local_id).join(t.documents, t.documents.c.id == c.doc_id).where(c.doc_id.in_(docs)).order_by(*_order(c))
    return [(r.doc_id, r.local_id) for r in conn.execute(stmt) if (r.doc_id, r.local_id) in wanted] if docs else []


def claim_items(conn: Connection, keys: Iterable[tuple[str, str]], lk: Links | None = None) -> list[ClaimItem]:
    """The claims with these (doc_id, local id) keys, in the order given."""
    keys = list(dict.fromkeys(keys))
    if not keys:
        return []
    c, d = t.claims.c, t.documents.c
    wanted = set(keys)
    docs = sorted({doc for doc, _ in keys})
    rows = {}
    for i in range(0, len(docs), 200):
        stmt = select(t.claims, d.name.label("doc_name"), d.title.label("doc_title"), d.published).join(t.documents, d.id == c.doc_id).where(c.doc_id.in_(docs[i : i + 200]))
        rows.update({(r.doc_id, r.local_id): r for r in conn.execute(stmt) if (r.doc_id, r.local_id) in wanted})
    # who makes each claim and whom it is about: the claims' links only (not the articles' events and relations)
    tied = lk.claims if lk is not None else claim_links(conn, EntityIndex(conn, {doc for doc, _ in keys}))
    by = {(x.doc_id, x.local_id): x for x in tied}
    grades = _claim_grades(conn, [f"{doc}:{loc}" for doc, loc in keys])
    out = []
    for key in keys:
        r = rows.get(key)
        if r is None:
            continue
        link = by.get(key)
        span = None if r.evidence_start is None or r.evidence_end is None else [r.evidence_start, r.evidence_end]
        out.append(
            ClaimItem(
                f"{r.doc_id}:{r.local_id}", r.doc_id, r.local_id, r.doc_name, r.doc_title, r.published, r.source, r.source_kind, r.stance,
                r.cue, r.content, r.evidence, span, grades.get(f"{r.doc_id}:{r.local_id}"), link.by if link else None, link.about if link else [],
            )
        )
    return out


def _claim_grades(conn: Connection, ids: list[str]) -> dict[str, str]:
    g = t.grades.c
    out = {}
    for i in range(0, len(ids), 500):
        stmt = select(g.target_id, g.reliability, g.credibility).where(g.target == "claim", g.target_id.in_(list(ids[i : i + 500])))
        out.update({tid: f"{rel}{cred}" for tid, rel, cred in conn.execute(stmt)})
    return out


def claim(conn: Connection, ref: str) -> ClaimItem:
    doc, local = split_claim_id(ref)
    doc_id = q.find_document(conn, doc)
    items = claim_items(conn, [(doc_id, local)])
    if not items:
        raise QueryError("E305", f"no claim {ref!r}", "list claims with /api/claims")
    return items[0]


def _entity_keys(conn: Connection, entity: str, role: str) -> list[tuple[str, str]]:
    eid = q.find_entity(conn, entity)
    em = t.entity_members.c
    cs = t.claim_sources.c
    docs = list(conn.execute(select(em.doc_id).where(em.entity_id == eid).distinct()).scalars())
    docs += [d for d in conn.execute(select(cs.doc_id).where(cs.entity_id == eid).distinct()).scalars() if d not in docs]  # quoted there as a source
    lk = links(conn, docs)
    keys = []
    for c in lk.claims:
        if (role in ("any", "by") and c.by == eid) or (role in ("any", "about") and eid in c.about):
            keys.append((c.doc_id, c.local_id))
    return keys


def claims_page(
    conn: Connection,
    *,
    source: str | None = None,
    source_kind: str | None = None,
    stance: str | None = None,
    doc: str | None = None,
    entity: str | None = None,
    role: str = "any",
    limit: int = 50,
    offset: int = 0,
) -> Page[ClaimItem]:
    """Claims filtered by source name (part of it), kind, stance, document, or an entity (by/about it)."""
    c = t.claims.c
    stmt = select(c.doc_id, c.local_id).join(t.documents, t.documents.c.id == c.doc_id).order_by(*_order(c))
    if source:
        stmt = stmt.where(func.lower(c.source).contains(source.lower(), autoescape=True))
    kept = _kept_total(conn, source=source, doc=doc, entity=entity, source_kind=source_kind, stance=stance)
    # a common value is found soonest by reading the claims in listing order (its index would sort them all):
    # the index on lower(stance) is left out (``|| ''``) when the kept counts say the page is found in
    # under ten times the claims that match
    scan = kept is not None and (source_kind or stance) and (offset + limit) * (counts.total(conn, "claims") or 0) < 10 * kept * max(kept, 1)
    if source_kind:
        stmt = stmt.where(func.lower(c.source_kind.concat("") if scan else c.source_kind) == source_kind.lower())
    if stance:
        stmt = stmt.where(func.lower(c.stance.concat("") if scan else c.stance) == stance.lower())
    if doc:
        stmt = stmt.where(c.doc_id == q.find_document(conn, doc))
    if entity:
        if role not in CLAIM_ROLES:
            raise QueryError("E307", f"{role!r} is not a claim role", "use any, by or about")
        wanted = set(_entity_keys(conn, entity, role))
        keys = [(r.doc_id, r.local_id) for r in conn.execute(stmt) if (r.doc_id, r.local_id) in wanted]
        return Page(claim_items(conn, keys[offset : offset + limit]) if limit > 0 else [], len(keys), limit, offset)
    rows, total = fetch(conn, stmt, limit, offset, kept)
    return Page(claim_items(conn, [(r.doc_id, r.local_id) for r in rows]), total, limit, offset)


def _kept_total(conn: Connection, *, source_kind: str | None, stance: str | None, **others: Any) -> int | None:
    """The page's total from the kept counts (store/counts.py): no filter, or stance or source kind alone."""
    if any(others.values()) or (source_kind and stance):
        return None
    if stance:
        return counts.total(conn, "claims", "stance", stance.lower())
    if source_kind:
        return counts.total(conn, "claims", "source_kind", source_kind.lower())
    return counts.total(conn, "claims")


def grade_reasons(conn: Connection, target: str, ids: "list[str] | tuple[str, ...]") -> dict[str, list[str]]:
    """Why each claim (``target="claim"``, ids ``<doc>:c3``) or event got its grade."""
    g = t.grades.c
    out: dict[str, list[str]] = {}
    for i in range(0, len(ids), 500):
        for tid, reasons in conn.execute(select(g.target_id, g.reasons).where(g.target == target, g.target_id.in_(list(ids[i : i + 500])))):
            try:
                val = json.loads(reasons) if isinstance(reasons, str) else reasons
            except ValueError:
                val = None
            out[tid] = [str(r) for r in val] if isinstance(val, list) else []
    return out
