"""Everything the exports read, loaded once through :class:`~newsfusion.kb.KnowledgeBase`.

:func:`load` reads the stored knowledge base into an :class:`ExportData`;
:func:`event_facts` turns each knowledge-base event into the facts every
event export writes (ACLED and UCDP CSV, GeoJSON, PLOVER, STIX):

* **tolls counted once.** One sentence ("gunmen killed seven people and
  abducted three women") can give two events of one incident; when reports of
  two events in the same article carry the same figure from the same sentence,
  the toll is counted on one of them only (the most lethal kind: battles,
  explosions and attacks before abductions, riots, protests and strategic
  developments), so sums over events do not double. The other event's
  fatalities are 0 and its ``toll_counted_with`` names the event that carries
  it. An event's toll is the most conservative figure its reports give (the
  lowest minimum), ACLED's rule; the others stay in ``figures``;
* **actors.** An actor who is a source of a denial linked to the event (the
  spokesman who denied the attack) is never its actor 1; the actor on both
  sides of an event is dropped from side 2, and so are places. Actors are
  named and typed (ACLED inter code, PLOVER sector, country) through the
  knowledge-base entity and the actor gazetteer, then through general words
  ("civilians", "protesters", "gunmen");
* **status.** ``tags`` holds "alleged", "denied", "planned" ... from the
  reports' statuses and the denials linked to the event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..resolve.base import plausible_toll
from .common import CountryInfo, country_info

if TYPE_CHECKING:
    from ..kb import ClaimInfo, ContradictionInfo, DocumentInfo, EntityInfo, EventInfo, KnowledgeBase, RelationInfo


@dataclass
class ExportData:
    """The stored knowledge base, as the exports read it."""

    documents: dict[str, DocumentInfo]
    records: dict[str, dict[str, Any]]  # document id -> FORMAT.md record
    entities: dict[str, EntityInfo]
    links: dict[tuple[str, str], str]  # (document id, local entity id) -> KB entity id
    events: list[EventInfo]
    claims: list[ClaimInfo]
    relations: list[RelationInfo]
    contradictions: list[ContradictionInfo]
    built_at: str | None = None
    _names: dict[str, dict[str, str]] = field(default_factory=dict, repr=False)

    def entity_of(self, doc_id: str, name: str | None) -> EntityInfo | None:
        """The KB entity an article's name (an entity's name or alias) belongs to."""
        if not name:
            return None
        if doc_id not in self._names:
            index: dict[str, str] = {}
            for e in self.records.get(doc_id, {}).get("entities", []):
                for form in [e.get("name"), *(e.get("aliases") or [])]:
                    if form:
                        index.setdefault(form.lower(), e["id"])
            self._names[doc_id] = index
        local = self._names[doc_id].get(name.lower())
        eid = self.links.get((doc_id, local)) if local else None
        return self.entities.get(eid) if eid else None

    def doc_label(self, doc_id: str) -> str:
        d = self.documents.get(doc_id)
        return (d.name if d and d.name else None) or doc_id


def load(kb: KnowledgeBase) -> ExportData:
    st = kb.status()
    return ExportData(
        documents={d.id: d for d in kb.documents()},
        records={d: rec for d, _, rec in kb.records()},
        entities={e.id: e for e in kb.entities()},
        links=kb.entity_links(),
        events=kb.events(),
        claims=kb.claims(),
        relations=kb.relations(),
        contradictions=kb.contradictions(),
        built_at=st.kb_built_at,
    )


# --------------------------------------------------------------- actor typing

# General words for the kinds of actor ACLED types by inter code.
CIVILIAN_WORDS = {
    "civilian", "civilians", "resident", "residents", "villager", "villagers", "passenger", "passengers", "people",
    "women", "children", "farmer", "farmers", "displaced", "worshippers", "students", "pupils", "patients",
    "families", "family", "journalist", "journalists", "herders", "traders", "miners", "fishermen", "inhabitants",
}
PROTESTER_WORDS = {"protester", "protesters", "protestor", "protestors", "demonstrator", "demonstrators", "marchers"}
RIOTER_WORDS = {"rioter", "rioters", "mob"}
STATE_WORDS = {"army", "military", "soldiers", "soldier", "troops", "police", "policemen", "gendarmes", "gendarmerie", "forces", "navy", "air force"}
REBEL_WORDS = {"rebels", "rebel", "insurgents", "insurgent", "militants", "militant", "jihadists", "jihadist"}
MILITIA_WORDS = {"gunmen", "gunman", "attackers", "assailants", "militiamen", "militia", "militias", "bandits", "armed men"}
KIND_INTER = {"state_force": 1, "police": 1, "intelligence": 1, "government": 1, "ministry": 1, "armed_group": 2, "militia": 3, "intl_org": 8}
KIND_SECTOR = {"state_force": "MIL", "police": "COP", "intelligence": "SPY", "government": "GOV", "ministry": "GOV", "armed_group": "REB",
               "militia": "REB", "political_party": "PTY", "intl_org": "IGO", "ngo": "NGO", "outlet": "JRN", "company": "BUS"}
INTER_SECTOR = {1: "MIL", 2: "REB", 3: "REB", 4: "REB", 5: "CVL", 6: "CVL", 7: "CVL", 8: "IGO"}
_WORD = re.compile(r"[a-z]+(?: force)?")


@dataclass
class Party:
    """One actor of an event, named and typed."""

    text: str  # as the reports name it
    name: str  # the KB entity's name, or ACLED's "Civilians (Country)" for civilians
    entity_id: str | None = None
    entity_type: str | None = None
    country: str | None = None  # ISO alpha-2
    inter: int | None = None  # ACLED inter code
    sector: str | None = None  # PLOVER/CAMEO sector

    named: bool = False  # a KB entity or a gazetteer actor, not a description ("gunmen")

    def key(self) -> str:
        return self.entity_id or self.name.lower()


def _head_words(text: str) -> set[str]:
    low = text.lower()
    words = set(_WORD.findall(low))
    if "armed men" in low:
        words.add("armed men")
    if "air force" in low:
        words.add("air force")
    return words


def _word_inter(text: str) -> int | None:
    words = _head_words(text)
    for inter, vocab in ((6, PROTESTER_WORDS), (5, RIOTER_WORDS), (7, CIVILIAN_WORDS), (2, REBEL_WORDS), (3, MILITIA_WORDS), (1, STATE_WORDS)):
        if words & vocab:
            return inter
    return None


def _gazetteer_actor(text: str, ent: EntityInfo | None):
    from ..gazetteer import load_actors

    gaz = load_actors()
    actor = gaz.get(ent.kb_id) if ent is not None and ent.kb_id else None
    return actor or gaz.lookup(text)


def make_party(text: str, ent: EntityInfo | None, event_country: str | None) -> Party:
    actor = _gazetteer_actor(text, ent)
    inter = sector = None
    if actor is not None:
        inter, sector = actor.acled_inter, actor.plover_sector
        if inter is None or sector is None:
            from ..gazetteer import load_actors

            for parent in load_actors().parents(actor):
                inter = inter if inter is not None else parent.acled_inter
                sector = sector or parent.plover_sector
    kind = (ent.kind if ent is not None else None) or (actor.kind if actor is not None else None)
    inter = inter if inter is not None else KIND_INTER.get(kind or "")
    word = _word_inter(text) if ent is None or ent.type != "PERSON" else None
    inter = inter if inter is not None else word
    sector = sector or KIND_SECTOR.get(kind or "") or INTER_SECTOR.get(inter or 0)
    country = (ent.country if ent is not None else None) or (actor.country if actor is not None else None)
    name = ent.name if ent is not None else (actor.name if actor is not None else text)
    if ent is None and actor is None and word in (6, 7):
        c = country_info(event_country)
        label = "Protesters" if word == 6 else "Civilians"
        name, country = (f"{label} ({c.name})" if c else label), event_country
    named = (ent is not None and ent.type != "SOURCE") or actor is not None
    return Party(text, name, ent.id if ent else None, ent.type if ent else None, country, inter, sector, named)


# ------------------------------------------------------------------ events

LETHAL_RANK = {"Battles": 0, "Explosions/Remote violence": 0, "Violence against civilians": 1, "Riots": 2, "Protests": 3, "Strategic developments": 4}
LETHAL_SUB = {"Attack": 0}


def _rank(ev: EventInfo) -> int:
    return LETHAL_SUB.get(ev.acled_sub_type or "", LETHAL_RANK.get(ev.acled_type or "", 5))


@dataclass
class Figure:
    """One report's toll, as its sources give it."""

    doc_id: str
    event: str  # local event id "v0"
    min: int | None
    max: int | None
    sources: list[str]
    counted: bool = True  # False: the same toll is counted on another event


@dataclass
class EventFacts:
    """One KB event as every event export writes it."""

    event: EventInfo
    reports: list[tuple[str, dict[str, Any]]]  # (document id, the report's FORMAT.md event record)
    actor1: Party | None
    assoc1: list[Party]
    actor2: Party | None
    assoc2: list[Party]
    country: CountryInfo | None
    outlets: list[str]
    figures: list[Figure]
    fatalities: int  # counted once; 0 when none stated
    fatalities_low: int | None
    fatalities_high: int | None
    tags: list[str]  # alleged, denied, planned, disputed ...
    deniers: list[str]
    disputes: list[str]  # readable figure disputes
    toll_counted_with: str | None = None
    geo: dict[str, Any] = field(default_factory=dict)  # geonames_id, method, precision of the place

    @property
    def year(self) -> int | None:
        return int(self.event.event_date[:4]) if self.event.event_date and self.event.event_date[:4].isdigit() else None


def _report_records(data: ExportData, ev: EventInfo) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for doc_id, local in ev.reports:
        for r in data.records.get(doc_id, {}).get("events", []):
            if r.get("id") == local:
                out.append((doc_id, r))
    return out


def _claims_by_key(data: ExportData) -> dict[tuple[str, str], ClaimInfo]:
    return {(c.doc_id, c.id): c for c in data.claims}


def _duplicate_tolls(data: ExportData, reports: dict[str, list[tuple[str, dict]]]) -> dict[tuple[str, str], str]:
    """(doc id, local event id) of a report whose toll is counted on another event -> that event's id."""
    by_key: dict[tuple, list[tuple[EventInfo, str, str]]] = {}
    events = {e.id: e for e in data.events}
    for ev_id, reps in reports.items():
        for doc_id, r in reps:
            fat = r.get("fatalities") or {}
            lo, hi = plausible_toll(fat.get("min")), plausible_toll(fat.get("max"))
            if not (lo or hi) or not r.get("evidence_span"):
                continue
            key = (doc_id, tuple(r["evidence_span"]), lo, hi)
            by_key.setdefault(key, []).append((events[ev_id], doc_id, r["id"]))
    out = {}
    for group in by_key.values():
        if len({ev.id for ev, _, _ in group}) < 2:
            continue
        keep = min(group, key=lambda g: (_rank(g[0]), g[2]))
        for ev, doc_id, local in group:
            if ev.id != keep[0].id:
                out[(doc_id, local)] = keep[0].id
    return out


def _parties(data: ExportData, ev: EventInfo, reps: list[tuple[str, dict]], names: list[str], country: str | None) -> list[Party]:
    out: list[Party] = []
    seen: set[str] = set()
    for name in names:
        if not name:
            continue
        ent = next((e for d, _ in reps if (e := data.entity_of(d, name)) is not None), None)
        p = make_party(name, ent, country)
        if p.key() not in seen and p.name.lower() not in seen:
            seen.update((p.key(), p.name.lower()))
            out.append(p)
    return out


def event_facts(data: ExportData) -> list[EventFacts]:
    reports = {ev.id: _report_records(data, ev) for ev in data.events}
    dup = _duplicate_tolls(data, reports)
    claims = _claims_by_key(data)
    out = []
    for ev in data.events:
        reps = reports[ev.id]
        summary = ev.summary or {}
        # who denies it: the sources of denials linked to the event's reports
        deniers: list[str] = []
        for doc_id, r in reps:
            for cid in r.get("claims") or []:
                c = claims.get((doc_id, cid))
                if c is not None and c.stance == "deny" and c.source and c.source not in deniers:
                    deniers.append(c.source)
        for doc_id, r in reps:  # "X denied carrying out the attack": a denied report's source is no actor of it
            if r.get("status") == "denied":
                deniers += [s for s in r.get("sources") or [] if s not in deniers and s in (r.get("actors") or [])]
        denier_keys = {d.lower() for d in deniers}
        for doc_id, _ in reps:
            for d in deniers:
                if (e := data.entity_of(doc_id, d)) is not None:
                    denier_keys.add(e.id)
        side1 = _parties(data, ev, reps, [ev.actor1, *(summary.get("actors") or [])], ev.country)
        targets = summary.get("targets") or []
        side2_names = [ev.actor2, *targets] if targets else [ev.actor2, *(summary.get("actors") or [])[1:]]
        side1 = [p for p in side1 if p.key() not in denier_keys and p.text.lower() not in denier_keys and p.name.lower() not in denier_keys]
        side2 = [p for p in _parties(data, ev, reps, side2_names, ev.country) if p.entity_type != "LOCATION" and (p.named or p.inter is not None)]
        one = {p.key() for p in side1}
        side2 = [p for p in side2 if p.key() not in one]
        if not targets:  # side 2 came from the actors: it is not also side 1's associate
            two = {p.key() for p in side2}
            side1 = [p for p in side1 if p.key() not in two] or side1
        # associated actors are named actors, not descriptions ("rebels" beside "M23")
        side1 = side1[:1] + [p for p in side1[1:] if p.named]
        side2 = side2[:1] + [p for p in side2[1:] if p.named]
        # tolls: counted once, the most conservative figure
        figures = []
        for doc_id, r in reps:
            fat = r.get("fatalities") or {}
            figures.append(Figure(doc_id, r.get("id"), plausible_toll(fat.get("min")), plausible_toll(fat.get("max")), list(r.get("sources") or []),
                                  (doc_id, r.get("id")) not in dup))
        counted = [f for f in figures if f.counted]
        lows = [f.min if f.min is not None else f.max for f in counted if f.min is not None or f.max is not None]
        highs = [f.max if f.max is not None else f.min for f in counted if f.min is not None or f.max is not None]
        fatalities = min(lows) if lows else 0
        # every report's toll is counted on another event: name it (a report of this event counted here: None)
        counted_with = None if counted else next((dup[(f.doc_id, f.event)] for f in figures if (f.doc_id, f.event) in dup), None)
        statuses = [s for s in (summary.get("statuses") or []) if s and s != "occurred"]
        tags = list(dict.fromkeys(statuses + (["denied"] if deniers else [])))
        disputes = _disputes(data, ev, reps, figures)
        if disputes:
            tags.append("fatalities disputed")
        if counted_with:
            tags.append(f"toll counted with {counted_with}")
        outlets = list(dict.fromkeys(o for d, _ in reps if (o := _outlet(data, d))))
        geo = _place_geo(data, ev, reps)
        out.append(EventFacts(
            ev, reps, side1[0] if side1 else None, side1[1:], side2[0] if side2 else None, side2[1:],
            country_info(ev.country), outlets, figures, fatalities,
            min(lows) if lows else None, max(highs) if highs else None, tags, deniers, disputes, counted_with, geo,
        ))
    return out


def place_geos(data: ExportData) -> dict[str, dict[str, Any]]:
    """KB entity id -> the geo (lat, lon, admin1, GeoNames id ...) of one of its members, for geocoded entities."""
    out: dict[str, dict[str, Any]] = {}
    for doc_id, rec in data.records.items():
        for e in rec.get("entities", []):
            kb = data.links.get((doc_id, e.get("id")))
            if kb and e.get("geo") and kb not in out:
                out[kb] = e["geo"]
    return out


def _outlet(data: ExportData, doc_id: str) -> str | None:
    d = data.documents.get(doc_id)
    return (d.outlet if d else None) or None


def _place_geo(data: ExportData, ev: EventInfo, reps: list[tuple[str, dict]]) -> dict[str, Any]:
    for doc_id, _ in reps:
        for e in data.records.get(doc_id, {}).get("entities", []):
            forms = {(f or "").lower() for f in [e.get("name"), *(e.get("aliases") or [])]}
            if e.get("geo") and (ev.location or "").lower() in forms:
                return dict(e["geo"])
    return {}


def _figure_text(f: Figure) -> str:
    if f.min is not None and f.max is not None and f.min != f.max:
        return f"{f.min}-{f.max}"
    if f.min is not None and f.max is None:
        return f"at least {f.min}"
    if f.min is None and f.max is not None:
        return f"up to {f.max}"
    return str(f.min)


def _disputes(data: ExportData, ev: EventInfo, reps: list[tuple[str, dict]], figures: list[Figure]) -> list[str]:
    """Readable disagreements over the toll: the numeric contradictions touching the event's
    reports, and reports giving different figures."""
    keys = {(d, r.get("id")) for d, r in reps}
    claim_keys = {(d, c) for d, r in reps for c in r.get("claims") or []}
    out = []
    for x in data.contradictions:
        if x.kind != "numeric":
            continue
        sides = [x.a, x.b]
        if any((s.get("doc_id"), s.get("event")) in keys or (s.get("doc_id"), s.get("claim")) in claim_keys for s in sides):
            parts = [f"{_value_text(s.get('value'))} per {s.get('source') or 'a source'}" for s in sides]
            out.append(" vs ".join(parts))
    shown = [f for f in figures if f.counted and (f.min is not None or f.max is not None)]
    if len({(f.min, f.max) for f in shown}) > 1:
        out.append("; ".join(f"{_figure_text(f)} per {data.doc_label(f.doc_id) if not _outlet(data, f.doc_id) else _outlet(data, f.doc_id)}" for f in shown))
    return list(dict.fromkeys(out))


def _value_text(v: Any) -> str:
    if isinstance(v, dict):
        lo, hi = v.get("min"), v.get("max")
        if lo is not None or hi is not None:
            return _figure_text(Figure("", "", lo, hi, []))
        return ", ".join(f"{k} {val}" for k, val in v.items())
    return "?" if v is None else str(v)


def timestamp(built_at: str | None) -> int | None:
    """ACLED's ``timestamp``: when the row was last built, as Unix seconds."""
    if not built_at:
        return None
    try:
        return int(datetime.fromisoformat(built_at.replace("Z", "+00:00")).timestamp())
    except ValueError:
        return None
