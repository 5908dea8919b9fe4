"""Knowledge-base events as PLOVER-style records (the open successor of CAMEO, as POLECAT codes).

One JSON object per event: PLOVER ``event_type`` and ``mode`` (mapped from the
ACLED sub-type, docs/events.md), actors and recipients as
``{raw_text, entity_name, country}``, the place with coordinates and
ACLED geo-precision, the date range, fatalities as a range and, what neither
dataset keeps, every report with its sources and the Admiralty grade.
"""

from __future__ import annotations

from typing import Any

from ..store.views import EventInfo


def _party(text: str | None, entities: dict[str, dict]) -> dict[str, Any] | None:
    if not text:
        return None
    ent = entities.get(text) or {}
    return {"raw_text": text, "entity_name": ent.get("name", text), "country": ent.get("country")}


def plover_record(ev: EventInfo, reports: list[dict], grade: tuple | None) -> dict[str, Any]:
    """``reports``: the per-document event records (FORMAT.md) of the event, with their doc ids."""
    first = reports[0] if reports else {}
    ents: dict[str, dict] = {}
    for r in reports:
        for e in r.get("_entities", []):
            for form in [e["name"], *e.get("aliases", [])]:
                ents.setdefault(form, e)
    actors = [p for p in (_party(a, ents) for r in reports[:1] for a in r.get("actors", [])) if p]
    recipients = [p for p in (_party(t, ents) for r in reports[:1] for t in r.get("targets", [])) if p]
    plover = first.get("plover") or {}
    time = first.get("time") or {}
    return {
        "id": ev.id,
        "event_type": plover.get("type"),
        "mode": plover.get("mode"),
        "acled": {"event_type": ev.acled_type, "sub_event_type": ev.acled_sub_type},
        "date": ev.event_date,
        "date_range": {"start": time.get("start"), "end": time.get("end")} if time else None,
        "actors": actors,
        "recipients": recipients,
        "location": {
            "name": ev.location, "country": ev.country, "admin1": ev.admin1,
            "lat": ev.latitude, "lon": ev.longitude, "geo_precision": ev.geo_precision,
        },
        "fatalities": {"min": ev.fatalities_min, "max": ev.fatalities_max},
        "status": first.get("status"),
        "reports": [
            {"doc_id": r.get("_doc_id"), "event": r.get("id"), "evidence": r.get("evidence"),
             "sources": r.get("sources", []), "fatalities": r.get("fatalities")}
            for r in reports
        ],
        "credibility": f"{grade[0]}{grade[1]}" if grade else None,
        "independent_sources": grade[2] if grade else None,
    }
