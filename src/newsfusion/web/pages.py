"""The pages: server-rendered HTML over the same queries as the API.

overview ``/``, actor graph ``/graph``, timeline ``/timeline``, map ``/map``,
entities ``/entities`` and ``/entities/{id}``, event ``/events/{id}``,
documents ``/documents`` and the highlighted article ``/documents/{id}``,
claims, contradictions, sources and search. Every page renders sensibly with
an empty knowledge base.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from ..errors import QueryError
from ..kb import KnowledgeBase, Page
from .basemap import MapPoint, render_map
from .context import current_version, read
from .highlight import anchors_for, highlight
from .render import path, qs

router = APIRouter(include_in_schema=False)
PER_PAGE = 50
Offset = Annotated[int, Query(ge=0)]
Opt = Annotated[str | None, Query(max_length=500)]


def render(request: Request, name: str, status_code: int = 200, **ctx: Any) -> HTMLResponse:
    env = request.app.state.templates
    version = current_version(request)
    stale = version[1] == "1"
    access = request.app.state.access
    page_key = access.page_key if access.page_writes else ""
    n_open = int((version[3][3] if len(version) > 3 else 0) or 0)
    html = env.get_template(name).render(request_path=request.url.path, kb_stale=stale, page_key=page_key, n_open=n_open, **ctx)
    return HTMLResponse(html, status_code=status_code)


def _clean(params: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in params.items() if v not in (None, "")}


@router.get("/", response_class=HTMLResponse)
def overview(request: Request) -> HTMLResponse:
    built, stale = current_version(request)[:2]
    data = read(request, KnowledgeBase.overview, stale == "1", built)
    return render(request, "overview.html", o=data)


@router.get("/graph", response_class=HTMLResponse)
def graph_page(request: Request) -> HTMLResponse:
    g = read(request, KnowledgeBase.graph, limit=40)
    return render(request, "graph.html", g=g)


@router.get("/timeline", response_class=HTMLResponse)
def timeline(
    request: Request,
    type: Opt = None,
    actor: Opt = None,
    place: Opt = None,
    date_from: Opt = None,
    date_to: Opt = None,
    status: Annotated[str | None, Query(pattern="^(occurred|planned|threatened|alleged|denied)?$")] = None,
    credibility: Annotated[str | None, Query(pattern="^[1-6]?$")] = None,
    source: Opt = None,
    sort: Annotated[str, Query(pattern="^-?date$")] = "date",
    offset: Offset = 0,
) -> HTMLResponse:
    params = _clean({"type": type, "actor": actor, "place": place, "date_from": date_from, "date_to": date_to, "status": status, "credibility": credibility, "source": source})
    page = read(request, KnowledgeBase.events_page, sort=sort, limit=PER_PAGE, offset=offset, **{**params, "credibility": int(credibility) if credibility else None})
    params = {**params, **({"sort": sort} if sort != "date" else {})}
    types = read(request, KnowledgeBase.event_types)
    months: dict[str, list[Any]] = {}
    for ev in page.items:
        months.setdefault((ev.event_date or "undated")[:7], []).append(ev)
    return render(request, "timeline.html", page=page, months=months, params=params, types=types, sort=sort)


MAX_MARKERS = 400  # per layer: the biggest; the rest stay in the list below the map
CLUSTER_DEG = 0.05  # events this close (about 5 km) are one marker


def _event_markers(events: list[Any]) -> list[MapPoint]:
    """Events at (nearly) the same place become one marker: its count, the deaths summed, a link to them on the timeline."""
    groups: dict[tuple[int, int], list[Any]] = {}
    for e in events:
        groups.setdefault((round(e.lat / CLUSTER_DEG), round(e.lon / CLUSTER_DEG)), []).append(e)
    out = []
    for evs in groups.values():
        e = evs[0]
        deaths = sum(x.fatalities_max or 0 for x in evs)
        if len(evs) == 1:
            label = " · ".join(x for x in (e.event_date, e.acled_sub_type or e.acled_type, e.location) if x)
            out.append(MapPoint(e.lon, e.lat, label, "/events/" + e.id, "event", deaths))
        else:
            place = e.location or f"{e.lat:.2f}, {e.lon:.2f}"
            href = "/timeline" + qs({}, place=e.location) if e.location else "/events/" + e.id
            out.append(MapPoint(e.lon, e.lat, f"{len(evs)} events · {place} · {deaths} killed", href, "event", deaths))
    return out


def _map_points(kb: KnowledgeBase) -> tuple[list[MapPoint], list[Any], int]:
    events = kb.map_events()
    ev_pts = sorted(_event_markers(events), key=lambda p: -p.size)
    places = [MapPoint(p.lon, p.lat, f"{p.name} ({p.mentions} mention{'s' if p.mentions != 1 else ''})", "/entities/" + p.id, "place", p.mentions) for p in kb.places()]
    places.sort(key=lambda p: -p.size)
    hidden = max(len(ev_pts) - MAX_MARKERS, 0) + max(len(places) - MAX_MARKERS, 0)
    return ev_pts[:MAX_MARKERS] + places[:MAX_MARKERS], events, hidden


def _map(kb: KnowledgeBase, layer: str) -> dict[str, Any]:
    pts, events, hidden = _map_points(kb)
    shown = [p for p in pts if layer == "all" or p.kind == layer.rstrip("s")]
    return {"svg": render_map(shown), "points": shown, "events": events, "n_places": sum(p.kind == "place" for p in pts), "hidden": hidden}


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, layer: Annotated[str, Query(pattern="^(all|events|places)$")] = "all", offset: Offset = 0) -> HTMLResponse:
    data = read(request, _map, layer)
    events = data["events"]
    page = Page(events[offset : offset + PER_PAGE], len(events), PER_PAGE, offset)
    return render(request, "map.html", layer=layer, page=page, params=_clean({"layer": layer if layer != "all" else None}), **data)


@router.get("/entities", response_class=HTMLResponse)
def entities(
    request: Request,
    name: Opt = None,
    type: Annotated[str | None, Query(pattern="(?i)^(person|org|location)?$")] = None,
    country: Annotated[str | None, Query(pattern="^([A-Za-z]{2})?$")] = None,
    kind: Annotated[str | None, Query(max_length=100)] = None,
    sort: Annotated[str, Query(pattern="^-?(documents|name|type)$")] = "-documents",
    offset: Offset = 0,
) -> HTMLResponse:
    params = _clean({"name": name, "type": type, "country": country, "kind": kind})
    page = read(request, KnowledgeBase.entities_page, sort=sort, limit=PER_PAGE, offset=offset, **params)
    return render(request, "entities.html", page=page, params={**params, **({"sort": sort} if sort != "-documents" else {})}, sort=sort)


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity(request: Request, entity_id: str) -> Response:
    try:
        e = read(request, KnowledgeBase.entity_full, entity_id)
    except QueryError as exc:  # an id a merge or split replaced: go where its members are now
        moved = read(request, KnowledgeBase.entity_moved_to, entity_id) if exc.code == "E305" else None
        if not moved or moved == entity_id:
            raise
        return RedirectResponse(path(moved, "/entities/"), status_code=303)
    decisions = read(request, KnowledgeBase.entity_decisions, e.entity.id)
    reasons = read(request, KnowledgeBase.grade_reasons, "claim", tuple(c.id for c in [*e.claims_by, *e.claims_about]))
    return render(request, "entity.html", e=e, decisions=decisions, reasons=reasons)


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event(request: Request, event_id: str) -> Response:
    try:
        ev = read(request, KnowledgeBase.event_full, event_id)
    except QueryError as exc:  # an id a rebuild replaced (an earlier report joined): go to the event holding its report
        moved = read(request, KnowledgeBase.event_moved_to, event_id) if exc.code == "E305" else None
        if not moved:
            raise
        return RedirectResponse(path(moved, "/events/"), status_code=303)
    decided = read(request, KnowledgeBase.latest_decisions, "event", (ev.event.id,))
    decided_con = read(request, KnowledgeBase.latest_decisions, "contradiction", tuple(x.id for x in ev.contradictions))
    return render(request, "event.html", ev=ev, decided=decided, decided_con=decided_con)


@router.get("/documents", response_class=HTMLResponse)
def documents(
    request: Request,
    outlet: Opt = None,
    published_from: Annotated[str | None, Query(pattern=r"^(\d{4}-\d{2}-\d{2})?$")] = None,
    published_to: Annotated[str | None, Query(pattern=r"^(\d{4}-\d{2}-\d{2})?$")] = None,
    sort: Annotated[str, Query(pattern="^-?(ingested|published|title|outlet)$")] = "-published",
    offset: Offset = 0,
) -> HTMLResponse:
    params = _clean({"outlet": outlet, "published_from": published_from, "published_to": published_to})
    page = read(request, KnowledgeBase.documents_page, sort=sort, limit=PER_PAGE, offset=offset, **params)
    return render(request, "documents.html", page=page, params={**params, **({"sort": sort} if sort != "-published" else {})}, sort=sort)


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document(request: Request, doc_id: str) -> HTMLResponse:
    d = read(request, KnowledgeBase.document_full, doc_id)
    anchors = anchors_for(d.claims, d.events, d.relations, d.contradictions, d.document.id)
    claim_ids = tuple(c.id for c in d.claims)
    reasons = {**read(request, KnowledgeBase.grade_reasons, "claim", claim_ids), **read(request, KnowledgeBase.grade_reasons, "event", tuple(v.get("event_id") for v in d.events if v.get("event_id")))}
    decided = read(request, KnowledgeBase.latest_decisions, "claim", claim_ids)
    decided_con = read(request, KnowledgeBase.latest_decisions, "contradiction", tuple(x.id for x in d.contradictions))
    return render(request, "document.html", d=d, body=highlight(d.text, d.annotations, anchors), reasons=reasons, decided=decided, decided_con=decided_con)


@router.get("/claims", response_class=HTMLResponse)
def claims(
    request: Request,
    source: Opt = None,
    stance: Annotated[str | None, Query(pattern="^(assert|deny|hedge)?$")] = None,
    source_kind: Annotated[str | None, Query(pattern="^(named_person|named_org|anonymous|media|author)?$")] = None,
    entity: Opt = None,
    doc: Annotated[str | None, Query(max_length=200)] = None,
    role: Annotated[str, Query(pattern="^(any|by|about)$")] = "any",
    offset: Offset = 0,
) -> HTMLResponse:
    params = _clean({"source": source, "stance": stance, "source_kind": source_kind, "entity": entity, "doc": doc})
    page = read(request, KnowledgeBase.claims_page, limit=PER_PAGE, offset=offset, role=role, **params)
    ids = tuple(c.id for c in page.items)
    decided, reasons = read(request, KnowledgeBase.latest_decisions, "claim", ids), read(request, KnowledgeBase.grade_reasons, "claim", ids)
    return render(request, "claims.html", page=page, params={**params, **({"role": role} if role != "any" else {})}, decided=decided, reasons=reasons)


@router.get("/contradictions", response_class=HTMLResponse)
def contradictions(request: Request, kind: Annotated[str | None, Query(pattern="^(numeric|polarity|account|blame)?$")] = None, offset: Offset = 0) -> HTMLResponse:
    params = _clean({"kind": kind})
    page = read(request, KnowledgeBase.contradictions_page, limit=PER_PAGE, offset=offset, **params)
    decided = read(request, KnowledgeBase.latest_decisions, "contradiction", tuple(x.id for x in page.items))
    return render(request, "contradictions.html", page=page, params=params, decided=decided)


@router.get("/sources", response_class=HTMLResponse)
def sources(
    request: Request,
    name: Opt = None,
    kind: Annotated[str | None, Query(pattern="^(named_person|named_org|anonymous|media|author|outlet|unknown)?$")] = None,
    sort: Annotated[str, Query(pattern="^-?(documents|claims|name|rating)$")] = "-documents",
    offset: Offset = 0,
) -> HTMLResponse:
    params = _clean({"name": name, "kind": kind})
    page = read(request, KnowledgeBase.sources_page, sort=sort, limit=PER_PAGE, offset=offset, **params)
    params = {**params, **({"sort": sort} if sort != "-documents" else {})}
    decided = read(request, KnowledgeBase.latest_decisions, "source", tuple(s.name for s in page.items))
    return render(request, "sources.html", page=page, params=params, decided=decided, sort=sort)


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: Annotated[str, Query(max_length=500)] = "", kind: Annotated[str | None, Query(pattern="^(entity|event|document|claim)?$")] = None, offset: Offset = 0) -> HTMLResponse:
    res = read(request, KnowledgeBase.search, q, kind=kind or None, limit=PER_PAGE, offset=offset) if q.strip() else None
    return render(request, "search.html", q=q, kind=kind or "", res=res, params=_clean({"q": q, "kind": kind}), offset=offset, per_page=PER_PAGE)


@router.get("/review", response_class=HTMLResponse)
def review(request: Request, offset: Offset = 0) -> HTMLResponse:
    q = read(request, KnowledgeBase.review_queue, limit=PER_PAGE, offset=offset)
    cons = Page(**{k: q["contradictions"][k] for k in ("total", "limit", "offset")}, items=q["contradictions"]["items"])
    recent = read(request, KnowledgeBase.decisions_page, limit=PER_PAGE)
    return render(request, "review.html", q=q, cons=cons, recent=recent)

