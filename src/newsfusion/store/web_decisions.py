"""The workbench's analyst decisions (table ``decisions``): record, list, apply, undo.

A decision is what an analyst decides in the web pages, recorded with who took
it, when and why:

* **corrections** change the knowledge base: ``merge`` / ``split`` /
  ``rename`` an entity, ``rate`` a source. They are recorded ``pending`` by the
  request and applied by the web server's background worker
  (:mod:`newsfusion.web.worker`), which calls the knowledge base's own
  ``merge_entities`` / ``split_entity`` / ``rename_entity`` / ``rate_source``
  (they store the override or rating every later rebuild reads) and marks the
  decision ``done`` (or ``failed`` with the error);
* **reviews** only judge what is there: ``wrong`` (an event or a claim),
  ``confirm`` / ``dismiss`` (a contradiction). They change nothing the corpus
  steps compute, are keyed by stable ids (``evt_…``, ``<doc>:c3``, ``con_…``)
  and so hold across rebuilds; they are ``done`` as soon as recorded.

Undo: a review is marked ``undone`` at once; a correction goes ``undoing`` and
the worker removes its override (or puts back the source's previous rating),
rebuilds, and marks it ``undone``.

Kept when ids change: entity, event and contradiction ids are made by the
corpus steps from what they join, so a rebuild after more articles can
renumber them (an earlier report of the same event, an earlier spelling of the
same entity). Each decision therefore also records **stable references**
(``params["refs"]``, :func:`refs_of`): an entity's members and an event's
reports as ``(document, local id)``, the two sides of a contradiction
(document, claim or report, evidence). :func:`reattach`, run by the worker
after every rebuild it sees, moves a decision whose id no longer exists onto
whatever now holds those references (keeping the old ids in
``params["was"]``). Claims (``<document>:c3``) and sources (names) are stable
already. The corrections themselves live in the overrides, which the corpus
steps resolve by member (``resolve/entities.py: _resolve_ref``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, delete, insert, or_, select, update
from sqlalchemy.engine import Connection

from ..errors import QueryError
from . import rows
from . import schema as t
from .paging import Page, fetch
from .views import View

CORRECTIONS = {"merge": "entity", "split": "entity", "rename": "entity", "rate": "source"}
REVIEWS = {"wrong": ("event", "claim"), "confirm": ("contradiction",), "dismiss": ("contradiction",)}
ACTIONS = (*CORRECTIONS, *REVIEWS)
STATUSES = ("pending", "done", "failed", "undoing", "undone")
OPEN = ("pending", "undoing")  # the worker has something to do


@dataclass
class Decision(View):
    id: int
    action: str
    target: str
    target_id: str
    params: dict[str, Any]
    who: str
    why: str | None
    created_at: str
    status: str
    done_at: str | None = None
    result: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    undone_at: str | None = None

    @property
    def correction(self) -> bool:
        return self.action in CORRECTIONS


def _loads(value: Any) -> dict[str, Any]:
    if not value:
        return {}
    try:
        out = json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return {}
    return out if isinstance(out, dict) else {}


def decision(row: Any) -> Decision:
    m = dict(row._mapping if hasattr(row, "_mapping") else row)
    return Decision(
        m["id"], m["action"], m["target"], m["target_id"], _loads(m.get("params")), m["who"], m.get("why"), m["created_at"], m["status"],
        m.get("done_at"), _loads(m.get("result")), m.get("error"), m.get("undone_at"),
    )


def check(action: str, target: str) -> None:
    """Refuse an action on a target it does not apply to (E307)."""
    if action in CORRECTIONS and CORRECTIONS[action] == target:
        return
    if action in REVIEWS and target in REVIEWS[action]:
        return
    raise QueryError("E307", f"{action!r} does not apply to a {target}", f"actions: {', '.join(ACTIONS)}; see docs/web.md")


def record(conn: Connection, action: str, target: str, target_id: str, *, who: str, why: str | None = None, params: dict[str, Any] | None = None) -> Decision:
    """Store a decision: a correction ``pending`` (the worker applies it), a review ``done``.

    The stable references of the target (and of a merge's other entity) go into ``params["refs"]``."""
    check(action, target)
    params = dict(params or {})
    refs = refs_of(conn, target, target_id)
    if action == "merge" and params.get("other"):
        refs["other_members"] = refs_of(conn, "entity", str(params["other"])).get("members", [])
    if refs:
        params["refs"] = refs
    now = rows.now()
    status = "pending" if action in CORRECTIONS else "done"
    row = rows._c({
        "action": action, "target": target, "target_id": target_id, "params": json.dumps(params or {}, ensure_ascii=False), "who": who, "why": why,
        "created_at": now, "status": status, "done_at": None if status == "pending" else now,
    })
    did = conn.execute(insert(t.decisions).values(**row)).inserted_primary_key[0]
    return get(conn, int(did))


def get(conn: Connection, did: int) -> Decision:
    row = conn.execute(select(t.decisions).where(t.decisions.c.id == did)).first()
    if row is None:
        raise QueryError("E305", f"no decision {did}", "list them with GET /api/decisions")
    return decision(row)


def page(conn: Connection, *, status: str | None = None, action: str | None = None, target: str | None = None, target_id: str | None = None,
         sort: str = "-created", limit: int = 50, offset: int = 0) -> Page[Decision]:
    d = t.decisions.c
    stmt = select(t.decisions)
    for col, value in ((d.status, status), (d.action, action), (d.target, target), (d.target_id, target_id)):
        if value:
            stmt = stmt.where(col == value)
    stmt = stmt.order_by(d.created_at.desc(), d.id.desc()) if sort == "-created" else stmt.order_by(d.created_at, d.id)
    found, total = fetch(conn, stmt, limit, offset)
    return Page([decision(r) for r in found], total, limit, offset)


def latest(conn: Connection, target: str, ids: "list[str] | tuple[str, ...]") -> dict[str, Decision]:
    """The latest standing (not undone, not failed) decision on each of ``ids``."""
    if not ids:
        return {}
    d = t.decisions.c
    out: dict[str, Decision] = {}
    for i in range(0, len(ids), 500):
        stmt = select(t.decisions).where(d.target == target, d.target_id.in_(list(ids[i : i + 500])), d.status.in_(("pending", "done", "undoing"))).order_by(d.id)
        for r in conn.execute(stmt):
            out[r.target_id] = decision(r)
    return out


def reviewed_ids(conn: Connection, target: str) -> set[str]:
    d = t.decisions.c
    stmt = select(d.target_id).where(d.target == target, d.status.in_(("pending", "done", "undoing"))).distinct()
    return set(conn.execute(stmt).scalars())


def next_open(conn: Connection) -> Decision | None:
    """The oldest decision the worker has to apply or undo."""
    d = t.decisions.c
    row = conn.execute(select(t.decisions).where(d.status.in_(OPEN)).order_by(d.id).limit(1)).first()
    return decision(row) if row is not None else None


def finish(conn: Connection, did: int, status: str, *, result: dict[str, Any] | None = None, error: str | None = None) -> None:
    now = rows.now()
    values: dict[str, Any] = {"status": status, "error": error}
    if result is not None:
        values["result"] = json.dumps(result, ensure_ascii=False)
    values["undone_at" if status == "undone" else "done_at"] = now
    conn.execute(update(t.decisions).where(t.decisions.c.id == did).values(**rows._c(values)))


def ask_undo(conn: Connection, did: int) -> Decision:
    """Undo: a review at once; a correction is handed to the worker (``undoing``)."""
    dec = get(conn, did)
    if dec.status not in ("done", "pending"):
        raise QueryError("E307", f"decision {did} is {dec.status}: nothing to undo", "only a pending or done decision can be undone")
    if dec.status == "pending" or not dec.correction:
        finish(conn, did, "undone")  # a pending correction never reaches the knowledge base
    else:
        conn.execute(update(t.decisions).where(t.decisions.c.id == did).values(status="undoing"))
    return get(conn, did)


# ------------------------------------------------------- reverting what a correction stored


def remove_override(conn: Connection, override_id: int) -> None:
    conn.execute(delete(t.overrides).where(t.overrides.c.id == override_id))
    _stale(conn)


def previous_rating(conn: Connection, source: str) -> str | None:
    r = t.source_ratings.c
    return conn.execute(select(r.reliability).where(r.source == source)).scalar_one_or_none()


def restore_rating(conn: Connection, source: str, previous: str | None, rated_at: str | None = None) -> None:
    r = t.source_ratings.c
    conn.execute(delete(t.source_ratings).where(r.source == source))
    if previous:
        conn.execute(insert(t.source_ratings).values(source=source, reliability=previous, rated_at=rated_at or rows.now()))
    from . import sourcerows
    from .corpusindex import mark_regrade

    sourcerows.refresh_ratings(conn)
    mark_regrade(conn, source)
    _stale(conn)


def _stale(conn: Connection) -> None:
    m = t.meta.c
    if conn.execute(update(t.meta).where(m.key == "kb_stale").values(value="1")).rowcount == 0:
        conn.execute(insert(t.meta).values(key="kb_stale", value="1"))


GUESS_RULES = ("alias", "fuzzy_name")  # joins inferred from a resemblance, not an identity (resolve/entities.py)


def low_confidence_merges(conn: Connection, *, below: float = 0.96, limit: int = 50) -> list[dict[str, Any]]:
    """Entities joined by a guess (an alias or a near-identical spelling, or any rule scored under ``below``), not yet reviewed."""
    e = t.entities.c
    reviewed = reviewed_ids(conn, "entity")
    out = []
    for r in conn.execute(select(e.id, e.name, e.type, e.merges).where(e.merges.is_not(None), or_(e.n_members > 1)).order_by(e.id)):
        if r.id in reviewed:
            continue
        merges = r.merges if isinstance(r.merges, list) else json.loads(r.merges or "[]")
        for m in merges if isinstance(merges, list) else []:
            score = m.get("score") if isinstance(m, dict) else None
            rule = (m.get("rule") if isinstance(m, dict) else None) or ""
            if rule in GUESS_RULES or (isinstance(score, int | float) and score < below):
                out.append({"entity_id": r.id, "name": r.name, "type": r.type, "a": m.get("a"), "b": m.get("b"), "rule": m.get("rule") or m.get("reason"), "score": score})
                break
        if len(out) >= limit:
            break
    return out


def resolve_target(conn: Connection, target: str, ref: str) -> str:
    """The stable id a decision is recorded on (E305 when there is no such thing)."""
    from . import queries as q
    from . import web_claims, web_events

    if target == "entity":
        return q.find_entity(conn, ref)
    if target == "event":
        return web_events.find_event(conn, ref)
    if target == "claim":
        return web_claims.claim(conn, ref).id
    if target == "contradiction":
        x = t.contradictions.c
        found = conn.execute(select(x.id).where(x.id == ref)).scalar_one_or_none()
        if found is None:
            raise QueryError("E305", f"no contradiction {ref!r}", "list them with /api/contradictions")
        return found
    if target == "source":
        name = " ".join(ref.split())
        if not name:
            raise QueryError("E307", "the source name is empty", "give the name as /api/sources lists it")
        return name
    raise QueryError("E307", f"unknown target {target!r}", "entity, source, event, claim or contradiction")


def unreviewed_contradictions(conn: Connection, *, limit: int = 50, offset: int = 0) -> Page[Any]:
    from .queries import contradiction_info

    reviewed = reviewed_ids(conn, "contradiction")
    x = t.contradictions.c
    stmt = select(t.contradictions).order_by(x.id)
    if reviewed:
        stmt = stmt.where(x.id.not_in(sorted(reviewed)))
    found, total = fetch(conn, stmt, limit, offset)
    return Page([contradiction_info(r._mapping) for r in found], total, limit, offset)


def review_queue(conn: Connection, *, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """Unreviewed contradictions (a page), unreviewed low-confidence merges, open corrections."""
    cons = unreviewed_contradictions(conn, limit=limit, offset=offset)
    open_ = [d for s in OPEN for d in page(conn, status=s, limit=100).items]
    failed = page(conn, status="failed", limit=20).items
    return {"contradictions": cons.to_dict(), "merges": low_confidence_merges(conn), "open": [d.to_dict() for d in open_], "failed": [d.to_dict() for d in failed]}


def members(conn: Connection, entity_id: str) -> list[tuple[str, str]]:
    """The (document, local id) pairs an entity joins."""
    m = t.entity_members.c
    return [tuple(r) for r in conn.execute(select(m.doc_id, m.local_id).where(m.entity_id == entity_id).order_by(m.doc_id, m.local_id))]  # type: ignore[misc]


def holders(conn: Connection, pairs: list[tuple[str, str]]) -> list[str]:
    """The entities that hold these members now (after a rebuild), the one holding the first first."""
    m = t.entity_members.c
    out: list[str] = []
    for doc_id, local_id in pairs[:200]:
        eid = conn.execute(select(m.entity_id).where(m.doc_id == doc_id, m.local_id == local_id)).scalar_one_or_none()
        if eid and eid not in out:
            out.append(eid)
    return out


def _named(dec: Decision) -> tuple[str, ...]:
    """The entity ids a decision names: its target, a merge's other side, and the ids they had before a rebuild renumbered them."""
    p = dec.params
    return (dec.target_id, *([str(p["other"])] if p.get("other") else []), *(p.get("was") or []), *(p.get("was_other") or []))


def moved_to(conn: Connection, entity_id: str) -> str | None:
    """Where an entity id a correction replaced went: the first entity now holding its members."""
    d = t.decisions.c
    stmt = select(t.decisions).where(d.target == "entity", d.status.in_(("done", "undone"))).order_by(d.id.desc()).limit(200)
    for r in conn.execute(stmt):
        dec = decision(r)
        if entity_id in _named(dec) and dec.result.get("entities"):
            return str(dec.result["entities"][0])
    return None


def for_entity(conn: Connection, entity_id: str, limit: int = 20) -> list[Decision]:
    """Decisions about an entity: on it, naming it as the other side of a merge, or that made it."""
    d = t.decisions.c
    out = []
    for r in conn.execute(select(t.decisions).where(d.target == "entity").order_by(d.id.desc()).limit(500)):
        dec = decision(r)
        if entity_id in _named(dec) or entity_id in (dec.result.get("entities") or []):
            out.append(dec)
            if len(out) >= limit:
                break
    return out


# ------------------------------------------------- stable references: kept when ids change

MAX_REFS = 50


def refs_of(conn: Connection, target: str, target_id: str) -> dict[str, Any]:
    """What a KB id stands for, in terms no rebuild renumbers (empty for claims and sources: stable already)."""
    if target == "entity":
        return {"members": [list(m) for m in members(conn, target_id)[:MAX_REFS]]}
    if target == "event":
        em = t.event_members.c
        found = conn.execute(select(em.doc_id, em.local_id).where(em.event_id == target_id).order_by(em.doc_id, em.local_id).limit(MAX_REFS))
        return {"reports": [list(r) for r in found]}
    if target == "contradiction":
        x = t.contradictions.c
        r = conn.execute(select(t.contradictions).where(x.id == target_id)).first()
        if r is None:
            return {}
        m = r._mapping
        return {"kind": m["kind"], "sides": [[m[f"{p}_doc_id"], m[f"{p}_claim"], m[f"{p}_event"], m[f"{p}_evidence"]] for p in ("a", "b")]}
    return {}


def _existing(conn: Connection, table: Any, ids: set[str]) -> set[str]:
    out: set[str] = set()
    ids_ = sorted(i for i in ids if i)
    for i in range(0, len(ids_), 500):
        out.update(conn.execute(select(table.c.id).where(table.c.id.in_(ids_[i : i + 500]))).scalars())
    return out


def _event_holding(conn: Connection, reports: list[list[str]]) -> str | None:
    em = t.event_members.c
    for doc_id, local_id in reports:
        eid = conn.execute(select(em.event_id).where(em.doc_id == doc_id, em.local_id == local_id)).scalar_one_or_none()
        if eid:
            return eid
    return None


def _contradiction_matching(conn: Connection, refs: dict[str, Any]) -> str | None:
    """The contradiction between the same two statements (either way round)."""
    sides = refs.get("sides") or []
    if len(sides) != 2:
        return None
    x = t.contradictions.c

    def same(p: str, side: list[Any]) -> Any:
        doc_id, claim, event, evidence = (list(side) + [None] * 4)[:4]
        conds = [x[f"{p}_doc_id"] == doc_id]
        for col, value in ((f"{p}_claim", claim), (f"{p}_event", event), (f"{p}_evidence", evidence)):
            conds.append(x[col].is_(None) if value is None else x[col] == value)
        return and_(*conds)

    a, b = sides
    stmt = select(x.id).where(or_(and_(same("a", a), same("b", b)), and_(same("a", b), same("b", a))))
    if refs.get("kind"):
        stmt = stmt.where(x.kind == refs["kind"])
    return conn.execute(stmt.order_by(x.id).limit(1)).scalar_one_or_none()


def has_renumberable(conn: Connection) -> bool:
    """Whether any decision is on an entity, event or contradiction (what a rebuild can renumber)."""
    d = t.decisions.c
    return conn.execute(select(d.id).where(d.target.in_(("entity", "event", "contradiction"))).limit(1)).first() is not None


def reattach(conn: Connection) -> list[tuple[int, str, str]]:
    """Move decisions whose entity, event or contradiction id a rebuild replaced onto what now holds their references.

    Returns ``(decision, old id, new id)`` for every id moved. A decision whose references are
    all gone (the articles were removed) stays on its old id."""
    d = t.decisions.c
    decs = [decision(r) for r in conn.execute(select(t.decisions).where(d.target.in_(("entity", "event", "contradiction")), d.status != "failed").order_by(d.id))]
    if not decs:
        return []
    tables = {"entity": t.entities, "event": t.events, "contradiction": t.contradictions}
    wanted: dict[str, set[str]] = {k: set() for k in tables}
    for dec in decs:
        wanted[dec.target].add(dec.target_id)
        if dec.action == "merge" and dec.params.get("other"):
            wanted["entity"].add(str(dec.params["other"]))
        wanted["entity"].update(str(e) for e in dec.result.get("entities") or [])
    alive = {k: _existing(conn, tables[k], ids) for k, ids in wanted.items()}
    moved: list[tuple[int, str, str]] = []
    for dec in decs:
        refs = dec.params.get("refs") or {}
        params, result = dict(dec.params), dict(dec.result)
        changed = False
        if dec.target_id not in alive[dec.target]:
            if dec.target == "entity":
                now = next(iter(holders(conn, [tuple(m) for m in refs.get("members") or []])), None)
            elif dec.target == "event":
                now = _event_holding(conn, refs.get("reports") or [])
            else:
                now = _contradiction_matching(conn, refs)
            if now and now != dec.target_id:
                params["was"] = [*params.get("was", []), dec.target_id]
                moved.append((dec.id, dec.target_id, now))
                dec.target_id, changed = now, True
        other = params.get("other")
        if dec.action == "merge" and dec.status == "pending" and other and other not in alive["entity"]:  # applied: gone into the target
            now = next(iter(holders(conn, [tuple(m) for m in refs.get("other_members") or []])), None)
            if now and now != other:
                params["other"] = now
                params["was_other"] = [*params.get("was_other", []), other]
                changed = True
        if result.get("entities") and result.get("members") and any(e not in alive["entity"] for e in result["entities"]):
            now_held = holders(conn, [tuple(m) for m in result["members"]])
            if now_held and now_held != result["entities"]:
                result["entities"], changed = now_held, True
        if changed:
            conn.execute(update(t.decisions).where(d.id == dec.id).values(
                target_id=dec.target_id, params=json.dumps(params, ensure_ascii=False), result=json.dumps(result, ensure_ascii=False)))
    return moved


def event_moved(conn: Connection, event_id: str) -> str | None:
    """Where an event id a rebuild replaced went: the event now holding the report it was made from.

    An event's id is ``stable_id("evt", document, report)`` of its earliest report
    (``resolve/events.py``); when an earlier report joins, the id changes. The old id
    is found again among the reports' own ids (a few thousand hashes at 2,000 articles)."""
    from ..resolve.base import stable_id

    if not event_id.startswith("evt_") or len(event_id) != 16:
        return None
    em = t.event_members.c
    for eid, doc_id, local_id in conn.execute(select(em.event_id, em.doc_id, em.local_id)):
        if stable_id("evt", doc_id, local_id) == event_id:
            return eid if eid != event_id else None
    return None
