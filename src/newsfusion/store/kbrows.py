"""Knowledge-base rows: what the corpus steps produced, flattened into table rows.

Events get ACLED-style columns (date, location, geo, actors, fatalities,
sources) computed from the reports that make them up, unless the corpus step
already put a value under the same ACLED name in ``KBEvent.summary``. A
fatality figure beyond what one incident can take is not a toll
(``resolve.base.MAX_INCIDENT_FATALITIES``; the event's summary flags it).
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from ..resolve import CorpusState, Grade, KBContradiction, KBEntity, KBEvent
from ..resolve.base import plausible_toll
from .rows import _c, _span, to_json

# Event columns a corpus step may set directly through KBEvent.summary.
ACLED_SUMMARY_KEYS = (
    "event_date",
    "time_precision",
    "location",
    "country",
    "admin1",
    "latitude",
    "longitude",
    "geo_precision",
    "actor1",
    "actor2",
    "fatalities_min",
    "fatalities_max",
)


def entity_rows(ents: list[KBEntity]) -> tuple[list[dict], list[dict], list[dict]]:
    """Rows for ``entities``, ``entity_aliases`` and ``entity_members``."""
    ent_rows, alias_rows, member_rows = [], [], []
    for e in ents:
        members = list(dict.fromkeys((d, l) for d, l in e.members))
        ent_rows.append(
            _c(
                {
                    "id": e.id,
                    "name": e.name,
                    "type": e.type,
                    "kb_id": e.kb_id,
                    "kind": e.kind,
                    "country": e.country,
                    "geo": to_json(e.geo),
                    "merges": to_json(e.merges),
                    "n_members": len(members),
                    "n_documents": len({d for d, _ in members} | {d for d, _ in e.claims}),
                    "scope": e.scope,
                }
            )
        )
        for alias in dict.fromkeys(a for a in e.aliases if a):
            alias_rows.append(_c({"entity_id": e.id, "alias": alias}))
        member_rows += [{"entity_id": e.id, "doc_id": d, "local_id": l} for d, l in members]
    return ent_rows, alias_rows, member_rows


def claim_source_rows(state: CorpusState) -> list[dict]:
    """Rows for ``claim_sources``: which entity makes each claim."""
    known = {e.id for e in state.entities}
    return [{"doc_id": d, "local_id": c, "entity_id": eid} for (d, c), eid in state.claim_sources.items() if eid in known]


def event_rows(state: CorpusState) -> tuple[list[dict], list[dict]]:
    """Rows for ``events`` and ``event_members``."""
    docs = {d["doc_id"]: d for d in state.docs}
    ev_rows, member_rows = [], []
    for ev in state.events:
        reports = list(dict.fromkeys((d, l) for d, l in ev.reports))
        found = [(docs[d], r) for d, l in reports if d in docs for r in docs[d].get("events", []) if r.get("id") == l]
        ev_rows.append(_c(event_row(ev, found, len(reports))))
        member_rows += [{"event_id": ev.id, "doc_id": d, "local_id": l} for d, l in reports]
    return ev_rows, member_rows


def event_row(ev: KBEvent, found: list[tuple[dict, dict]], n_reports: int) -> dict[str, Any]:
    """One ``events`` row; ``found`` pairs each report's document record with its event."""
    evs = [r for _, r in found]
    start, end = _dates(evs)
    mins = [v for r in evs if (v := plausible_toll((r.get("fatalities") or {}).get("min"))) is not None]
    maxs = [v for r in evs if (v := plausible_toll((r.get("fatalities") or {}).get("max"))) is not None]
    location = _most_common(r.get("location") for r in evs)
    geo = _geo_of(location, [d for d, _ in found])
    actors = _most_common(r["actors"][0] for r in evs if r.get("actors"))
    second = _most_common(r["targets"][0] for r in evs if r.get("targets")) or _most_common(
        r["actors"][1] for r in evs if len(r.get("actors") or []) > 1
    )
    row = {
        "id": ev.id,
        "acled_type": ev.acled_type,
        "acled_sub_type": ev.acled_sub_type,
        "event_date": start,
        "time_precision": _precision(start, end),
        "location": location,
        "country": geo.get("country"),
        "admin1": geo.get("admin1"),
        "latitude": geo.get("lat"),
        "longitude": geo.get("lon"),
        "geo_precision": geo.get("precision") if geo else None,
        "actor1": actors,
        "actor2": second,
        "fatalities_min": min(mins) if mins else None,
        "fatalities_max": max(maxs) if maxs else None,
        "sources": to_json(list(dict.fromkeys(s for r in evs for s in r.get("sources") or []))),
        "n_reports": n_reports,
        "summary": to_json(ev.summary),
        "merges": to_json(ev.merges),
    }
    for key in ACLED_SUMMARY_KEYS:
        if ev.summary.get(key) is not None:
            row[key] = ev.summary[key]
    return row


def _dates(evs: list[dict]) -> tuple[str | None, str | None]:
    starts = [(r.get("time") or {}).get("start") for r in evs]
    ends = [(r.get("time") or {}).get("end") or (r.get("time") or {}).get("start") for r in evs]
    starts = sorted(s for s in starts if s)
    ends = sorted(e for e in ends if e)
    return (starts[0] if starts else None), (ends[-1] if ends else None)


def _precision(start: str | None, end: str | None) -> int | None:
    """ACLED time_precision: 1 the day is known, 2 the week, 3 only the month or worse."""
    if not start:
        return None
    try:
        days = (date.fromisoformat(end or start) - date.fromisoformat(start)).days
    except ValueError:
        return 3
    return 1 if days <= 0 else 2 if days <= 7 else 3


def _most_common(values) -> Any:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None


def _geo_of(location: str | None, records: list[dict]) -> dict[str, Any]:
    """The geo of the entity named like ``location`` in the reporting documents."""
    if not location:
        return {}
    low = location.lower()
    for rec in records:
        for e in rec.get("entities", []):
            forms = [e.get("name") or "", *(e.get("aliases") or [])]
            if e.get("geo") and any(f.lower() == low for f in forms):
                return e["geo"]
    return {}


def contradiction_rows(items: list[KBContradiction]) -> list[dict[str, Any]]:
    rows = []
    for x in items:
        row: dict[str, Any] = {"id": x.id, "about": x.about, "kind": x.kind, "scope": x.scope}
        for p, side in (("a", x.a), ("b", x.b)):
            row.update(
                {
                    f"{p}_doc_id": side.get("doc_id"),
                    f"{p}_source": side.get("source"),
                    f"{p}_evidence": side.get("evidence"),
                    **_span(f"{p}_evidence", side.get("evidence_span")),
                    f"{p}_claim": side.get("claim"),
                    f"{p}_event": side.get("event"),
                    f"{p}_value": to_json(side.get("value")),
                }
            )
        rows.append(_c(row))
    return list({r["id"]: r for r in rows}.values())


def grade_rows(grades: list[Grade]) -> list[dict[str, Any]]:
    rows = {
        (g.target, g.id): {
            "target": g.target,
            "target_id": g.id,
            "reliability": g.reliability,
            "credibility": g.credibility,
            "independent_sources": g.independent_sources,
            "reasons": to_json(list(g.reasons)),
        }
        for g in grades
    }
    return [_c(r) for r in rows.values()]
