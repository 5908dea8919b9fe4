"""The REST API under ``/api/``: read-only listings and details, search, the graph; three write actions.

Every listing takes ``limit`` (default 50, at most 500) and ``offset`` and
answers ``{"items": [...], "total": N, "limit": L, "offset": O}``. Ids are
stable: documents are content hashes, entities ``ent_…``, events ``evt_…``,
contradictions ``con_…``, claims ``<document id>:c3``. Errors have one shape
(:mod:`.errors`). Everything is read in one transaction per request.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path, Query, Request
from fastapi.responses import JSONResponse, Response

from ..kb import (
    MAX_LIMIT,
    ClaimItem,
    ContradictionInfo,
    Decision,
    DocumentFull,
    DocumentInfo,
    EntityFull,
    EntityItem,
    EventFull,
    EventItem,
    Graph,
    KnowledgeBase,
    SearchResult,
    SourceInfo,
    Status,
    graph_dict,
)
from . import schemas as sc
from .context import kb_of, respond
from .errors import BadRequest, Forbidden, Unauthorized

router = APIRouter(prefix="/api")

Limit = Annotated[int, Query(ge=0, le=MAX_LIMIT, description=f"rows per page (at most {MAX_LIMIT})")]
Offset = Annotated[int, Query(ge=0, description="rows to skip")]
Text = Annotated[str | None, Query(max_length=500)]


def ok(data: Any) -> JSONResponse:
    return JSONResponse(data.to_dict() if hasattr(data, "to_dict") else data)


# ------------------------------------------------------------------- status


@router.get("/status", summary="Counts per table, the last ingest, whether the KB is up to date", responses=sc.responses(sc.schema(Status)))
async def status(request: Request) -> Response:
    return await respond(request, KnowledgeBase.status)


# ---------------------------------------------------------------- documents


@router.get("/documents", summary="Stored articles", responses=sc.responses(sc.page(DocumentInfo)))
async def documents(
    request: Request,
    outlet: Text = None,
    published_from: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD")] = None,
    published_to: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD")] = None,
    sort: Annotated[str, Query(pattern="^-?(ingested|published|title|outlet)$")] = "ingested",
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    return await respond(request, KnowledgeBase.documents_page, outlet=outlet, published_from=published_from, published_to=published_to, sort=sort, limit=limit, offset=offset)


@router.get("/documents/{doc_id}", summary="One article: text, entities, events, claims, relations, highlight spans", responses=sc.responses(sc.schema(DocumentFull), 404))
async def document(request: Request, doc_id: Annotated[str, Path(description="document id, unique id prefix or name (file stem)")]) -> Response:
    return await respond(request, KnowledgeBase.document_full, doc_id)


# ----------------------------------------------------------------- entities


@router.get("/entities", summary="Entities with aliases, roles and relations", responses=sc.responses(sc.page(EntityItem)))
async def entities(
    request: Request,
    type: Annotated[str | None, Query(pattern="(?i)^(person|org|location)$")] = None,
    name: Annotated[str | None, Query(max_length=500, description="part of the name or of an alias")] = None,
    kind: Annotated[str | None, Query(max_length=100, description="gazetteer kind, e.g. militia, state_force")] = None,
    country: Annotated[str | None, Query(pattern="^[A-Za-z]{2}$", description="ISO country code")] = None,
    sort: Annotated[str, Query(pattern="^-?(documents|name|type)$")] = "-documents",
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    return await respond(request, KnowledgeBase.entities_page, type=type, name=name, kind=kind, country=country, sort=sort, limit=limit, offset=offset)


@router.get("/entities/{entity_id}", summary="One entity: names, roles, relations, events, claims by and about it", responses=sc.responses(sc.schema(EntityFull), 404))
async def entity(request: Request, entity_id: Annotated[str, Path(description="entity id, unique id prefix, name or alias")]) -> Response:
    return await respond(request, KnowledgeBase.entity_full, entity_id, heavy=True)


# ------------------------------------------------------------------- events


@router.get("/events", summary="Events, filtered", responses=sc.responses(sc.page(EventItem)))
async def events(
    request: Request,
    type: Annotated[str | None, Query(max_length=100, description="ACLED event type, e.g. Battles")] = None,
    sub_type: Annotated[str | None, Query(max_length=100, description="ACLED sub-event type, e.g. Armed clash")] = None,
    actor: Annotated[str | None, Query(max_length=500, description="an entity id or any of its names, as actor or target")] = None,
    place: Annotated[str | None, Query(max_length=500, description="part of the location or admin1 name, or an ISO country code")] = None,
    date_from: Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD")] = None,
    status: Annotated[str | None, Query(pattern="^(occurred|planned|threatened|alleged|denied)$")] = None,
    credibility: Annotated[int | None, Query(ge=1, le=6, description="Admiralty credibility: events graded this or better (1 confirmed ... 6 cannot be judged)")] = None,
    source: Annotated[str | None, Query(max_length=500, description="part of a source's name")] = None,
    sort: Annotated[str, Query(pattern="^-?date$")] = "date",
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    filters = {"type": type, "sub_type": sub_type, "actor": actor, "place": place, "date_from": date_from, "date_to": date_to, "status": status, "credibility": credibility, "source": source}
    return await respond(request, KnowledgeBase.events_page, sort=sort, limit=limit, offset=offset, **filters)


@router.get("/events/{event_id}", summary="One event: every report, sources, grade and reasons, contradictions", responses=sc.responses(sc.schema(EventFull), 404))
async def event(request: Request, event_id: Annotated[str, Path(description="event id or unique id prefix")]) -> Response:
    return await respond(request, KnowledgeBase.event_full, event_id)


# ------------------------------------------------------------------- claims


@router.get("/claims", summary="Claims by source, entity, stance or document", responses=sc.responses(sc.page(ClaimItem)))
async def claims(
    request: Request,
    source: Annotated[str | None, Query(max_length=500, description="part of the source's name")] = None,
    source_kind: Annotated[str | None, Query(pattern="^(named_person|named_org|anonymous|media|author)$")] = None,
    stance: Annotated[str | None, Query(pattern="^(assert|deny|hedge)$")] = None,
    doc: Annotated[str | None, Query(max_length=200, description="document id, prefix or name")] = None,
    entity: Annotated[str | None, Query(max_length=500, description="entity id or name: claims it makes or that mention it")] = None,
    role: Annotated[str, Query(pattern="^(any|by|about)$", description="with entity: by it, about it, or any")] = "any",
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    return await respond(request, KnowledgeBase.claims_page, source=source, source_kind=source_kind, stance=stance, doc=doc, entity=entity, role=role, limit=limit, offset=offset)


@router.get("/claims/{claim_id}", summary="One claim", responses=sc.responses(sc.schema(ClaimItem), 404))
async def claim(request: Request, claim_id: Annotated[str, Path(description="<document id>:<local id>, e.g. 3fa9c2d1e0b4a5f6:c3")]) -> Response:
    return await respond(request, KnowledgeBase.claim, claim_id)


# ------------------------------------------------ contradictions, sources


@router.get("/contradictions", summary="Pairs of statements that cannot both be true", responses=sc.responses(sc.page(ContradictionInfo)))
async def contradictions(
    request: Request,
    doc: Annotated[str | None, Query(max_length=200, description="only those with a side in this document")] = None,
    kind: Annotated[str | None, Query(pattern="^(numeric|polarity|account|blame)$")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    return await respond(request, KnowledgeBase.contradictions_page, doc=doc, kind=kind, limit=limit, offset=offset)


@router.get("/sources", summary="Claim sources, outlets and authors with counts and ratings", responses=sc.responses(sc.page(SourceInfo)))
async def sources(
    request: Request,
    name: Text = None,
    kind: Annotated[str | None, Query(pattern="^(named_person|named_org|anonymous|media|author|outlet|unknown)$")] = None,
    sort: Annotated[str, Query(pattern="^-?(documents|claims|name|rating)$")] = "-documents",
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    return await respond(request, KnowledgeBase.sources_page, name=name, kind=kind, sort=sort, limit=limit, offset=offset, heavy=True)


@router.get("/relations", summary="Relations between entities (member_of, leader_of, ...)", responses=sc.responses(sc.page(dict[str, Any])))
async def relations(request: Request, predicate: Annotated[str | None, Query(max_length=100)] = None, limit: Limit = 50, offset: Offset = 0) -> Response:
    return await respond(request, KnowledgeBase.relations_page, predicate=predicate, limit=limit, offset=offset)


# ----------------------------------------------------------- graph, search


@router.get("/graph", summary="Actors as nodes; relations, events and claims as edges", responses=sc.responses(sc.schema(Graph)))
async def graph(
    request: Request,
    types: Annotated[str, Query(pattern="(?i)^(person|org|location)(,(person|org|location))*$", description="entity types, comma-separated")] = "PERSON,ORG",
    kinds: Annotated[str, Query(pattern="^(relation|event|claim)(,(relation|event|claim))*$", description="edge kinds, comma-separated")] = "relation,event,claim",
    min_mentions: Annotated[int, Query(ge=0)] = 1,
    limit: Annotated[int, Query(ge=1, le=2000, description="at most this many nodes, most mentioned first")] = 150,
) -> JSONResponse:
    args = {"types": tuple(types.upper().split(",")), "kinds": tuple(kinds.split(",")), "min_mentions": min_mentions, "limit": limit}
    return await respond(request, KnowledgeBase.graph, shape=graph_dict, heavy=True, **args)


@router.get("/search", summary="Full-text search over documents, claims, events and entity names", responses=sc.responses(sc.schema(SearchResult)))
async def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500, description='words (all must match), "a phrase", -excluded, a or b')],
    kind: Annotated[str | None, Query(pattern="^(entity|event|document|claim)$")] = None,
    limit: Annotated[int, Query(ge=0, le=100)] = 20,
    offset: Offset = 0,
) -> Response:
    return await respond(request, KnowledgeBase.search, q, kind=kind, limit=limit, offset=offset)


# ------------------------------------------------------------------- writes


def require_writer(request: Request) -> None:
    """Write actions: the server must have a token and the request must send it in the header."""
    access = request.app.state.access
    if request.scope.get("state", {}).get("auth") == "page":
        return  # the workbench's own pages (the guard checked the page key, and the cookie when there is a token)
    if not access.writes_allowed:
        raise Forbidden("write actions are disabled: this server was started without --token", "restart it with --token, or use the CLI (newsfusion entities merge ...)")
    if request.scope.get("state", {}).get("auth") != "header":
        raise Unauthorized("write actions need the token in the Authorization header", "send 'Authorization: Bearer TOKEN'")


# The older write endpoints record the same decisions as POST /api/decisions (the pages' forms):
# the knowledge base is updated by the background worker, never inside the request.


@router.post("/entities/merge", status_code=202, dependencies=[Depends(require_writer)],
             summary="Record that two entities are one; the background worker applies it (token required)", responses=sc.responses(sc.schema(Decision), 403, 404))
def merge(request: Request, a: Annotated[str, Body(max_length=500)], b: Annotated[str, Body(max_length=500)],
          why: Annotated[str | None, Body(max_length=2000)] = None, who: Annotated[str | None, Body(max_length=100)] = None) -> JSONResponse:
    return _decide(request, "merge", "entity", a, other=b, why=why, who=who)


@router.post("/entities/{entity_id}/split", status_code=202, dependencies=[Depends(require_writer)],
             summary="Record that an entity joins different things; the background worker applies it (token required)", responses=sc.responses(sc.schema(Decision), 403, 404))
def split(request: Request, entity_id: str, why: Annotated[str | None, Body(max_length=2000)] = None, who: Annotated[str | None, Body(max_length=100)] = None) -> JSONResponse:
    return _decide(request, "split", "entity", entity_id, why=why, who=who)


@router.post("/entities/{entity_id}/rename", status_code=202, dependencies=[Depends(require_writer)],
             summary="Record the name an entity should have; the background worker applies it (token required)", responses=sc.responses(sc.schema(Decision), 403, 404))
def rename(request: Request, entity_id: str, name: Annotated[str, Body(max_length=500)],
           why: Annotated[str | None, Body(max_length=2000)] = None, who: Annotated[str | None, Body(max_length=100)] = None) -> JSONResponse:
    return _decide(request, "rename", "entity", entity_id, name=name, why=why, who=who)


@router.post("/sources/rate", status_code=202, dependencies=[Depends(require_writer)],
             summary="Rate a source's reliability A-F; the background worker applies it (token required)", responses=sc.responses(sc.schema(Decision), 403))
def rate(request: Request, name: Annotated[str, Body(max_length=500)], grade: Annotated[str, Body(pattern="^[A-Fa-f]$")],
         why: Annotated[str | None, Body(max_length=2000)] = None, who: Annotated[str | None, Body(max_length=100)] = None) -> JSONResponse:
    return _decide(request, "rate", "source", name, grade=grade, why=why, who=who)


# ---------------------------------------------------------------- decisions


@router.post(
    "/decisions", status_code=202, dependencies=[Depends(require_writer)],
    summary="Record an analyst's decision (merge, split, rename, rate, wrong, confirm, dismiss); corrections are applied in the background",
    responses=sc.responses(sc.schema(Decision), 403, 404),
)
def decide(
    request: Request,
    action: Annotated[str, Body(pattern="^(merge|split|rename|rate|wrong|confirm|dismiss)$")],
    target_id: Annotated[str, Body(min_length=1, max_length=500, description="entity id or name, source name, event id, claim id, contradiction id")],
    target: Annotated[str | None, Body(pattern="^(entity|source|event|claim|contradiction)$", description="needed for 'wrong' (event or claim)")] = None,
    other: Annotated[str | None, Body(max_length=500, description="merge: the other entity")] = None,
    name: Annotated[str | None, Body(max_length=500, description="rename: the new name")] = None,
    grade: Annotated[str | None, Body(pattern="^[A-Fa-f]$", description="rate: A..F")] = None,
    why: Annotated[str | None, Body(max_length=2000)] = None,
    who: Annotated[str | None, Body(max_length=100)] = None,
) -> JSONResponse:
    target = target or {"merge": "entity", "split": "entity", "rename": "entity", "rate": "source", "confirm": "contradiction", "dismiss": "contradiction"}.get(action)
    if target is None:
        raise BadRequest("'wrong' needs a target: event or claim", "send target: \"event\" or \"claim\"", code="E307")
    return _decide(request, action, target, target_id, other=other, name=name, grade=grade, why=why, who=who)


def _decide(request: Request, action: str, target: str, target_id: str, *, other: str | None = None, name: str | None = None, grade: str | None = None,
            why: str | None = None, who: str | None = None) -> JSONResponse:
    """Check and record a decision (202); a correction is left ``pending`` for the background worker."""
    dec = kb_of(request).record_decision(action, target, target_id, other=other, name=name, grade=grade, who=(who or "").strip() or "analyst", why=(why or "").strip() or None)
    request.app.state.cache.forget_version()
    if dec.status == "pending":
        request.app.state.worker.wake()
    return JSONResponse({"ok": True, "decision": dec.to_dict()}, status_code=202)


@router.get("/decisions", summary="The analysts' decisions, newest first", responses=sc.responses(sc.page(Decision)))
async def decisions(
    request: Request,
    status: Annotated[str | None, Query(pattern="^(pending|done|failed|undoing|undone)$")] = None,
    action: Annotated[str | None, Query(pattern="^(merge|split|rename|rate|wrong|confirm|dismiss)$")] = None,
    target: Annotated[str | None, Query(pattern="^(entity|source|event|claim|contradiction)$")] = None,
    target_id: Text = None,
    sort: Annotated[str, Query(pattern="^-?created$")] = "-created",
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    return await respond(request, KnowledgeBase.decisions_page, status=status, action=action, target=target, target_id=target_id, sort=sort, limit=limit, offset=offset)


@router.get("/decisions/{decision_id}", summary="One decision (ask again until it is no longer pending)", responses=sc.responses(sc.schema(Decision), 404))
def decision(request: Request, decision_id: int) -> JSONResponse:
    return ok(kb_of(request).decision(decision_id))  # never cached: the page polls it


@router.post("/decisions/{decision_id}/undo", status_code=202, dependencies=[Depends(require_writer)], summary="Undo a decision (a correction is reverted in the background)",
             responses=sc.responses(sc.schema(Decision), 403, 404))
def undo(request: Request, decision_id: int) -> JSONResponse:
    dec = kb_of(request).undo_decision(decision_id)
    request.app.state.cache.forget_version()
    if dec.status == "undoing":
        request.app.state.worker.wake()
    return JSONResponse({"ok": True, "decision": dec.to_dict()}, status_code=202)


@router.get("/review", summary="What awaits a decision: unreviewed contradictions, low-confidence merges, corrections being applied")
async def review(request: Request, limit: Limit = 50, offset: Offset = 0) -> Response:
    return await respond(request, KnowledgeBase.review_queue, limit=limit, offset=offset)
