"""Events for the web API: filtered listings and every report of one event.

Filters: ACLED type and sub-type (exact, any case), actor (a KB entity, by id
or any of its names, or plain text), place (part of the location or admin1
name, or the ISO country code), date range, report status, credibility (the
Admiralty credibility digit or better) and source.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from sqlalchemy import exists, func, or_, select
from sqlalchemy.engine import Connection

from ..errors import QueryError
from . import queries as q
from . import counts
from . import schema as t
from .paging import Page, fetch
from .rows import from_json
from .views import ContradictionInfo, EventFull, EventInfo, EventItem, GradeInfo, Report
from .web_links import EntityIndex



def find_event(conn: Connection, ref: str) -> str:
    e = t.events.c
    ref = (ref or "").strip()
    if ref and conn.execute(select(e.id).where(e.id == ref)).first():
        return ref
    found = list(conn.execute(select(e.id).where(e.id.startswith(ref, autoescape=True)).limit(6)).scalars()) if ref else []
    return q._pick("event", ref, found, "list events with /api/events")


def _actor_forms(conn: Connection, actor: str) -> list[str]:
    """Every name of the entity ``actor`` names (id or name), or ``actor`` itself."""
    try:
        eid = q.find_entity(conn, actor)
    except QueryError as exc:
        if exc.code != "E305":
            raise
        return [actor.strip().lower()]
    de, em = t.doc_entities.c, t.entity_members.c
    forms = {actor.strip().lower()}
    stmt = select(de.name, de.aliases).select_from(t.entity_members.join(t.doc_entities, (de.doc_id == em.doc_id) & (de.local_id == em.local_id))).where(em.entity_id == eid)
    for name, aliases in conn.execute(stmt):
        forms.update(f.lower() for f in [name, *from_json(aliases, [])] if f)
    detail = q.entity(conn, eid).entity
    forms.update(f.lower() for f in [detail.name, *detail.aliases])
    return sorted(forms)


def _actor_filter(conn: Connection, actor: str):
    e, vm, r = t.events.c, t.event_members.c, t.event_reports.c
    forms = _actor_forms(conn, actor)
    quoted = [json.dumps(f, ensure_ascii=False) for f in forms]
    in_reports = [q.contains(r.actors, x) for x in quoted] + [q.contains(r.targets, x) for x in quoted]
    reported = select(vm.event_id).select_from(t.event_members.join(t.event_reports, (r.doc_id == vm.doc_id) & (r.local_id == vm.local_id))).where(or_(*in_reports))
    return or_(func.lower(e.actor1).in_(forms), func.lower(e.actor2).in_(forms), e.id.in_(reported))


def _check_date(value: str, name: str) -> str:
    from datetime import date

    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise QueryError("E307", f"{name}={value!r} is not a date", "write it as YYYY-MM-DD, e.g. 2024-03-15") from None


def event_filters(conn: Connection, f: dict[str, Any]) -> list[Any]:
    """SQL conditions for the filters in ``f`` (keys as in :func:`events_page`)."""
    e, g, vm, r = t.events.c, t.grades.c, t.event_members.c, t.event_reports.c
    conds = []
    if f.get("type"):
        conds.append(func.lower(e.acled_type) == f["type"].lower())
    if f.get("sub_type"):
        conds.append(func.lower(e.acled_sub_type) == f["sub_type"].lower())
    if f.get("actor"):
        conds.append(_actor_filter(conn, f["actor"]))
    if f.get("place"):
        p = f["place"].strip()
        conds.append(or_(q.contains(e.location, p), q.contains(e.admin1, p), func.upper(e.country) == p.upper()))
    if f.get("date_from"):
        conds.append(e.event_date >= _check_date(f["date_from"], "date_from"))
    if f.get("date_to"):
        conds.append(e.event_date <= _check_date(f["date_to"], "date_to"))
    if f.get("status"):
        joined = t.event_members.join(t.event_reports, (r.doc_id == vm.doc_id) & (r.local_id == vm.local_id))
        conds.append(exists(select(vm.event_id).select_from(joined).where(vm.event_id == e.id, func.lower(r.status) == f["status"].lower())))
    if f.get("credibility") is not None:
        n = int(f["credibility"])
        if not 1 <= n <= 6:
            raise QueryError("E307", f"credibility={n} is out of range", "give 1 (confirmed) to 6 (cannot be judged): events graded this or better")
        conds.append(e.id.in_(select(g.target_id).where(g.target == "event", g.credibility <= n)))
    if f.get("source"):
        conds.append(q.contains(e.sources, f["source"]))
    return conds


def event_infos(conn: Connection, rows: list[Any]) -> list[EventItem]:
    ids = [r.id for r in rows]
    if not ids:
        return []
    vm, rep, g = t.event_members.c, t.event_reports.c, t.grades.c
    reports: dict[str, list[tuple[str, str]]] = defaultdict(list)
    notes: dict[str, str] = {}
    statuses: dict[str, list[str]] = defaultdict(list)
    joined = t.event_members.join(t.event_reports, (rep.doc_id == vm.doc_id) & (rep.local_id == vm.local_id), isouter=True)
    for eid, doc, local, ev, st in conn.execute(select(vm.event_id, vm.doc_id, vm.local_id, rep.evidence, rep.status).select_from(joined).where(vm.event_id.in_(ids)).order_by(vm.doc_id, vm.local_id)):
        reports[eid].append((doc, local))
        if ev and eid not in notes:
            notes[eid] = ev
        if st and st not in statuses[eid]:
            statuses[eid].append(st)
    grades = {tid: (rel, cred) for tid, rel, cred in conn.execute(select(g.target_id, g.reliability, g.credibility).where(g.target == "event", g.target_id.in_(ids)))}
    out = []
    for r in rows:
        d = {k: getattr(r, k) for k in EventInfo.__dataclass_fields__ if hasattr(r, k) and k not in ("sources", "summary")}
        rel, cred = grades.get(r.id, (None, None))
        out.append(
            EventItem(**d, sources=from_json(r.sources, []), reports=reports.get(r.id, []), grade=f"{rel}{cred}" if rel else None, notes=notes.get(r.id),
                      summary=from_json(r.summary, {}), statuses=statuses.get(r.id, []), reliability=rel, credibility=cred)
        )
    return out


def events_page(conn: Connection, *, sort: str = "date", limit: int = 50, offset: int = 0, **filters: Any) -> Page[EventItem]:
    """Events matching ``filters`` (type, sub_type, actor, place, date_from, date_to, status, credibility, source)."""
    e = t.events.c
    if sort not in ("date", "-date"):
        raise QueryError("E307", f"sort={sort!r} is not a sort order", "use date (oldest first) or -date (newest first)")
    order = [e.event_date.is_(None), e.event_date.desc() if sort == "-date" else e.event_date, e.id]
    stmt = select(t.events).where(*event_filters(conn, filters)).order_by(*order)
    active = {k: v for k, v in filters.items() if v is not None and v != ""}
    kept = None  # the total from the kept counts (store/counts.py): no filter, or the type alone
    if not active:
        kept = counts.total(conn, "events")
    elif set(active) == {"type"}:
        kept = counts.total(conn, "events", "type", active["type"].lower())
    rows, total = fetch(conn, stmt, limit, offset, kept)
    return Page(event_infos(conn, rows), total, limit, offset)


def _reports(conn: Connection, keys: list[tuple[str, str]]) -> list[Report]:
    rep, d = t.event_reports.c, t.documents.c
    out = []
    for doc, local in keys:
        stmt = select(t.event_reports, d.name, d.title, d.outlet, d.author, d.published).join(t.documents, d.id == rep.doc_id).where(rep.doc_id == doc, rep.local_id == local)
        r = conn.execute(stmt).first()
        if r is None:
            continue
        span = None if r.evidence_start is None or r.evidence_end is None else [r.evidence_start, r.evidence_end]
        out.append(
            Report(doc, local, r.name, r.title, r.outlet, r.author, r.published, r.acled_type, r.acled_sub_type, from_json(r.actors, []), from_json(r.targets, []),
                   r.location, r.time_text, r.time_start, r.time_end, r.fatalities_min, r.fatalities_max, r.status, r.weapon, from_json(r.sources, []), r.evidence, span)
        )
    return sorted(out, key=lambda x: (x.published or "9999", x.doc_id, x.local_id))


def _grade(conn: Connection, eid: str) -> GradeInfo | None:
    g = t.grades.c
    r = conn.execute(select(t.grades).where(g.target == "event", g.target_id == eid)).first()
    return None if r is None else GradeInfo(f"{r.reliability}{r.credibility}", r.reliability, r.credibility, r.independent_sources, from_json(r.reasons, []))


def event_contradictions(conn: Connection, eid: str, keys: list[tuple[str, str]]) -> list[ContradictionInfo]:
    """Contradictions one of whose sides is this event or one of its reports."""
    mine = set(keys)
    out = []
    for x in q.contradictions(conn):
        if any(s.get("event") == eid or (s.get("doc_id"), s.get("event")) in mine for s in (x.a, x.b)):
            out.append(x)
    return out


def event_full(conn: Connection, ref: str) -> EventFull:
    """One event: every report side by side, its grade and reasons, corroboration, contradictions."""
    eid = find_event(conn, ref)
    (ev,) = event_infos(conn, [conn.execute(select(t.events).where(t.events.c.id == eid)).one()])
    reports = _reports(conn, ev.reports)
    grade = _grade(conn, eid)
    corro = {
        "reports": len(reports),
        "documents": len({r.doc_id for r in reports}),
        "outlets": sorted({r.outlet for r in reports if r.outlet}),
        "sources": ev.sources,
        "independent_sources": grade.independent_sources if grade else None,
    }
    idx = EntityIndex(conn, {r.doc_id for r in reports})
    actors, seen = [], set()
    for r in reports:
        for role, names in (("actor", r.actors), ("target", r.targets), ("location", [r.location] if r.location else [])):
            for n in names:
                eid_ = idx.by_form(r.doc_id, n)
                key = (role, eid_ or n.lower())
                if key not in seen:
                    seen.add(key)
                    actors.append({"name": n, "role": role, "entity_id": eid_})
    merges = from_json(conn.execute(select(t.events.c.merges).where(t.events.c.id == eid)).scalar(), [])
    return EventFull(ev, reports, grade, corro, event_contradictions(conn, eid, ev.reports), merges, actors)
