"""Knowledge-base events as PLOVER records (the open successor of CAMEO, as POLECAT codes them).

One JSON object per line and event, with the fields of the PLOVER/POLECAT
event record:

* ``event_type`` and ``mode`` (mapped from the ACLED sub-type and refined by
  the weapon, docs/events.md) and ``context``: the PLOVER contexts the event's
  kind and actors imply (:data:`CONTEXT_BY_TYPE`, ``international`` when an
  intergovernmental body takes part);
* ``actors`` and ``recipients``: ``{raw_text, entity_name, entity_id, country,
  sector, acled_inter}`` from the reports of every article (the spokesman who
  denies an event is never its actor, ``data.py``), ``sector`` from the actor
  gazetteer (MIL, REB, GOV, COP, IGO, JRN, ...);
* ``date`` (relative dates resolved against the publication date), its range
  and precision; ``location`` with the GeoNames id, the gazetteer entry and
  ACLED's geo-precision (and ``attribution``: GeoNames, CC BY 4.0);
* ``story``: the first report's article (id, outlet, headline, date, url,
  language) and ``reports``: every reporting article with its own metadata,
  sentence, sources, figures and status;
* what neither dataset keeps: the toll counted once with every source's
  figures, the status tags and the Admiralty grade.
"""

from __future__ import annotations

import json
from typing import IO, Any

from .common import GEONAMES_ATTRIBUTION, english_admin
from .data import EventFacts, ExportData, Party, event_facts

CONTEXT_BY_TYPE = {
    "Battles": ["military"],
    "Explosions/Remote violence": ["military"],
    "Violence against civilians": ["human_rights"],
    "Protests": ["protest"],
    "Riots": ["protest"],
    "Strategic developments": [],
}
CONTEXT_BY_SUB = {
    "Government regains territory": ["territory"],
    "Non-state actor overtakes territory": ["territory"],
    "Non-violent transfer of territory": ["territory"],
    "Suicide bomb": ["terrorism"],
    "Chemical weapon": ["cbrn"],
    "Sexual violence": ["gender"],
    "Arrests": ["legal"],
    "Agreement": ["political_institutions"],
    "Excessive force against protesters": ["human_rights"],
}


def context(f: EventFacts) -> list[str]:
    ev = f.event
    out = list(CONTEXT_BY_TYPE.get(ev.acled_type or "", [])) + CONTEXT_BY_SUB.get(ev.acled_sub_type or "", [])
    parties = [p for p in (f.actor1, *f.assoc1, f.actor2, *f.assoc2) if p is not None]
    if any(p.sector == "IGO" for p in parties):
        out.append("international")
    return list(dict.fromkeys(out))


def _party(p: Party) -> dict[str, Any]:
    return {"raw_text": p.text, "entity_name": p.name, "entity_id": p.entity_id, "country": p.country, "sector": p.sector, "acled_inter": p.inter}


def _story(data: ExportData, doc_id: str) -> dict[str, Any]:
    d = data.documents.get(doc_id)
    if d is None:
        return {"story_id": doc_id}
    return {"story_id": doc_id, "name": d.name, "publisher": d.outlet, "headline": d.title, "author": d.author,
            "date": d.published, "url": d.url, "language": d.language}


def plover_record(f: EventFacts, data: ExportData) -> dict[str, Any]:
    ev = f.event
    first = f.reports[0][1] if f.reports else {}
    plover = first.get("plover") or {}
    time = (ev.summary or {}).get("time") or {}
    geo = f.geo
    return {
        "id": ev.id,
        "event_type": plover.get("type"),
        "mode": plover.get("mode"),
        "context": context(f),
        "event_text": first.get("evidence"),
        "acled": {"event_type": ev.acled_type, "sub_event_type": ev.acled_sub_type},
        "date": ev.event_date,
        "date_range": {"start": time.get("start"), "end": time.get("end")},
        "time_precision": ev.time_precision,
        "actors": [_party(p) for p in (f.actor1, *f.assoc1) if p is not None],
        "recipients": [_party(p) for p in (f.actor2, *f.assoc2) if p is not None],
        "location": {
            "name": ev.location, "country": ev.country, "country_name": f.country.name if f.country else None,
            "admin1": english_admin(ev.admin1, ev.country), "lat": ev.latitude, "lon": ev.longitude,
            "geonames_id": geo.get("geonames_id"), "place_id": geo.get("place_id"), "geo_precision": ev.geo_precision,
            "attribution": GEONAMES_ATTRIBUTION if ev.latitude is not None else None,
        },
        "fatalities": {"counted": f.fatalities, "low": f.fatalities_low, "high": f.fatalities_high,
                       "toll_counted_with": f.toll_counted_with, "disputes": f.disputes},
        "status": sorted({r.get("status") or "occurred" for _, r in f.reports}),
        "tags": f.tags,
        "denied_by": f.deniers,
        "story": _story(data, f.reports[0][0]) if f.reports else None,
        "reports": [
            {"doc_id": d, "event": r.get("id"), "story": _story(data, d), "evidence": r.get("evidence"),
             "actors": r.get("actors", []), "targets": r.get("targets", []), "sources": r.get("sources", []),
             "fatalities": r.get("fatalities"), "status": r.get("status"), "plover": r.get("plover")}
            for d, r in f.reports
        ],
        "credibility": ev.grade,
        "outlets": f.outlets,
    }


def write_plover(data: ExportData, fp: IO[str]) -> int:
    facts = event_facts(data)
    for f in facts:
        fp.write(json.dumps(plover_record(f, data), ensure_ascii=False) + "\n")
    return len(facts)
