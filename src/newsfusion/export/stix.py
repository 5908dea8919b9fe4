"""The knowledge base as a STIX 2.1 bundle (OpenCTI, MISP, any TAXII store), built with ``stix2``.

Objects (every id is a UUIDv5 of the knowledge-base id, so a re-export gives
the same ids; ``created``/``modified`` are the knowledge base's build time):

==================  ==============================================================
``identity``        newsfusion (the producer, ``created_by_ref`` of everything);
                    every outlet; every entity that is a person, an anonymous
                    source or an organisation other than an armed group
                    (``sectors``: defense for state forces, government-national
                    for governments and ministries)
``threat-actor``    armed groups and militias (entity kind, from the gazetteer)
``location``        places with coordinates (GeoNames; each carries the
                    GeoNames CC BY 4.0 statement marking) or a country
``incident``        every event: name, the ACLED row's notes as description,
                    labels ``acled:<type>``, ``acled:<sub-type>``, status tags,
                    ``admiralty:<grade>``; ``confidence`` from the grade
``relationship``    event -> ``attributed-to`` actor 1, ``targets`` actor 2,
                    ``located-at`` its place; and every relation between
                    entities (``member_of`` -> ``member-of`` ...), one per
                    (subject, predicate, object)
``opinion``         a claim about an event: the source's stance on it (assert
                    agree, hedge neutral, deny strongly-disagree), authors = the
                    source, explanation = what it says
``note``            any other claim: authors = the source, content = what it says
``report``          one per article: title, publication date, outlet, url, and
                    the events, entities and claims found in it
==================  ==============================================================

**Admiralty grade -> STIX confidence.** STIX 2.1 (Appendix A, "Admiralty
Credibility") maps the information-credibility digit: 1 confirmed 90,
2 probably true 70, 3 possibly true 50, 4 doubtful 30, 5 improbable 10;
6 (cannot be judged) leaves ``confidence`` unset. The source-reliability
letter (A-F) has no STIX property: it stays in the label ``admiralty:B2``.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timezone
from typing import IO, Any

from .acled import acled_row
from .common import GEONAMES_ATTRIBUTION, require
from .data import ExportData, event_facts, place_geos

NAMESPACE = uuid.UUID("4d9a3f5e-2b7c-5e8a-9f61-6e6577736675")
CONFIDENCE = {1: 90, 2: 70, 3: 50, 4: 30, 5: 10}
STANCE_OPINION = {"assert": "agree", "hedge": "neutral", "deny": "strongly-disagree"}
THREAT_KINDS = {"armed_group", "militia"}
SECTORS = {"state_force": ["defense"], "police": ["law-enforcement"], "intelligence": ["defense"], "government": ["government-national"],
           "ministry": ["government-national"], "intl_org": ["government-public-services"], "ngo": ["non-profit"], "outlet": ["communications"]}


def stix_id(kind: str, key: str) -> str:
    return f"{kind}--{uuid.uuid5(NAMESPACE, f'{kind}:{key}')}"


def confidence(grade: str | None) -> int | None:
    """An Admiralty code ("B2") as STIX confidence (None for 6 or no grade)."""
    if not grade or len(grade) < 2 or not grade[1:].isdigit():
        return None
    return CONFIDENCE.get(int(grade[1:]))


def _when(built_at: str | None) -> datetime:
    if built_at:
        try:
            return datetime.fromisoformat(built_at.replace("Z", "+00:00"))
        except ValueError:
            pass
    return datetime(2000, 1, 1, tzinfo=timezone.utc)


def build_bundle(data: ExportData):
    stix2 = require("stix2")
    when = _when(data.built_at)
    me = stix2.Identity(id=stix_id("identity", "newsfusion"), name="newsfusion", identity_class="system", created=when, modified=when,
                        description="Knowledge base built by newsfusion from news reports")
    common = {"created_by_ref": me.id, "created": when, "modified": when}
    geonames = stix2.MarkingDefinition(id=stix_id("marking-definition", "geonames"), created=when, created_by_ref=me.id,
                                       definition_type="statement", definition={"statement": GEONAMES_ATTRIBUTION})
    objects: dict[str, Any] = {me.id: me, geonames.id: geonames}
    entity_sdo: dict[str, str] = {}

    # entities
    geos = place_geos(data)
    for e in data.entities.values():
        desc = f"{e.type.lower()} named in {e.documents} article(s)"
        if e.type == "LOCATION":
            geo = geos.get(e.id) or {}
            if geo.get("lat") is not None and geo.get("lon") is not None:
                obj = stix2.Location(id=stix_id("location", e.id), name=e.name, latitude=float(geo["lat"]), longitude=float(geo["lon"]),
                                     country=e.country or geo.get("country"), administrative_area=geo.get("admin1"),
                                     object_marking_refs=[geonames.id], **common)
            elif e.country:
                obj = stix2.Location(id=stix_id("location", e.id), name=e.name, country=e.country, **common)
            else:
                continue
        elif e.type == "ORG" and e.kind in THREAT_KINDS:
            obj = stix2.ThreatActor(id=stix_id("threat-actor", e.id), name=e.name, aliases=list(e.aliases) or None, description=desc, **common)
        else:
            cls = "individual" if e.type == "PERSON" else "group" if e.type == "SOURCE" else "organization"
            obj = stix2.Identity(id=stix_id("identity", e.id), name=e.name, identity_class=cls, sectors=SECTORS.get(e.kind or ""),
                                 description=desc if not e.aliases else f"{desc}; also {', '.join(e.aliases)}", **common)
        objects[obj.id] = obj
        entity_sdo[e.id] = obj.id
    outlets: dict[str, str] = {}
    for d in data.documents.values():
        if d.outlet and d.outlet not in outlets:
            obj = stix2.Identity(id=stix_id("identity", f"outlet:{d.outlet}"), name=d.outlet, identity_class="organization", sectors=["communications"], **common)
            objects[obj.id] = obj
            outlets[d.outlet] = obj.id

    per_doc: dict[str, list[str]] = {d: [] for d in data.documents}
    for (doc_id, _), eid in data.links.items():
        if eid in entity_sdo and doc_id in per_doc:
            per_doc[doc_id].append(entity_sdo[eid])

    # events
    incident_of: dict[tuple[str, str], str] = {}
    for f in event_facts(data):
        ev = f.event
        row = acled_row(f, data)
        labels = [f"acled:{ev.acled_type}"] if ev.acled_type else []
        labels += [f"acled:{ev.acled_sub_type}"] if ev.acled_sub_type else []
        labels += [f"status:{t}" for t in f.tags if " " not in t] + ([f"admiralty:{ev.grade}"] if ev.grade else [])
        name = " · ".join(x for x in (ev.acled_sub_type or ev.acled_type, ev.location, ev.event_date) if x) or ev.id
        inc = stix2.Incident(id=stix_id("incident", ev.id), name=name, description=row["notes"] or None, labels=labels or None,
                             confidence=confidence(ev.grade), external_references=[{"source_name": "newsfusion", "external_id": ev.id}], **common)
        objects[inc.id] = inc
        for doc_id, r in f.reports:
            incident_of[(doc_id, r.get("id"))] = inc.id
            per_doc.setdefault(doc_id, []).append(inc.id)
        for rel, party in (("attributed-to", f.actor1), ("targets", f.actor2)):
            target = entity_sdo.get(party.entity_id or "") if party is not None else None
            if target:
                r = stix2.Relationship(id=stix_id("relationship", f"{ev.id}:{rel}:{target}"), relationship_type=rel, source_ref=inc.id, target_ref=target, **common)
                objects[r.id] = r
        place = next((e for d, _ in f.reports if (e := data.entity_of(d, ev.location)) is not None), None)
        if place is not None and place.id in entity_sdo:
            r = stix2.Relationship(id=stix_id("relationship", f"{ev.id}:located-at:{place.id}"), relationship_type="located-at",
                                   source_ref=inc.id, target_ref=entity_sdo[place.id], **common)
            objects[r.id] = r

    # relations between entities
    for rel in data.relations:
        a, b = data.entity_of(rel.doc_id, rel.subject), data.entity_of(rel.doc_id, rel.object)
        if a is None or b is None or a.id not in entity_sdo or b.id not in entity_sdo or not rel.predicate:
            continue
        kind = "located-at" if rel.predicate == "located_in" else rel.predicate.replace("_", "-")
        rid = stix_id("relationship", f"{a.id}:{kind}:{b.id}")
        if rid not in objects:
            objects[rid] = stix2.Relationship(id=rid, relationship_type=kind, source_ref=entity_sdo[a.id], target_ref=entity_sdo[b.id],
                                              description=rel.evidence or None, **common)

    # claims
    events_of_claim: dict[tuple[str, str], list[str]] = {}
    for doc_id, rec in data.records.items():
        for r in rec.get("events", []):
            inc = incident_of.get((doc_id, r.get("id")))
            for cid in r.get("claims") or []:
                if inc:
                    events_of_claim.setdefault((doc_id, cid), []).append(inc)
    for c in data.claims:
        key = f"{c.doc_id}:{c.id}"
        source = c.source or "unnamed source"
        text = c.content or c.evidence or ""
        incs = list(dict.fromkeys(events_of_claim.get((c.doc_id, c.id), [])))
        if incs and c.stance in STANCE_OPINION:
            obj = stix2.Opinion(id=stix_id("opinion", key), opinion=STANCE_OPINION[c.stance], explanation=text or None, authors=[source],
                                object_refs=incs, confidence=confidence(c.grade), labels=[f"admiralty:{c.grade}"] if c.grade else None, **common)
        else:
            refs = incs or [stix_id("report", c.doc_id)]
            obj = stix2.Note(id=stix_id("note", key), abstract=f"{source} ({c.stance or 'claim'})", content=text or "(no content)", authors=[source],
                             object_refs=refs, confidence=confidence(c.grade), labels=[f"admiralty:{c.grade}"] if c.grade else None, **common)
        objects[obj.id] = obj
        per_doc.setdefault(c.doc_id, []).append(obj.id)

    # one report per article
    for d in data.documents.values():
        refs = list(dict.fromkeys(per_doc.get(d.id) or []))
        if not refs:
            refs = [me.id]
        published = _when(f"{d.published}T00:00:00+00:00" if d.published else d.ingested_at)
        ext = [{"source_name": d.outlet or "article", "url": d.url}] if d.url else None
        rep = stix2.Report(id=stix_id("report", d.id), name=d.title or d.name or d.id, published=published, report_types=["threat-report"],
                           description=f"Article{' by ' + d.outlet if d.outlet else ''} (newsfusion document {d.id})", object_refs=refs,
                           external_references=ext, **common)
        objects[rep.id] = rep
    return stix2.Bundle(objects=list(objects.values()), id=stix_id("bundle", data.built_at or "kb"))


def write_stix(data: ExportData, fp: IO[str]) -> int:
    bundle = build_bundle(data)
    fp.write(bundle.serialize(pretty=True))
    fp.write("\n")
    return len(bundle.objects)


def bundle_dict(data: ExportData) -> dict[str, Any]:
    return json.loads(build_bundle(data).serialize())
