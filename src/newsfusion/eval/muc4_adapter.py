"""newsfusion events -> MUC-4 templates.

* Incident type: the event's ACLED sub-type through ``acled_muc4.tsv``; a
  trigger word can refine it (``muc4_roles.json`` ``trigger_types``) for the
  sub-types listed as refinable. Events with no MUC-4 type are dropped.
* One template per incident type per document: MUC-4 documents mostly report
  one incident of each type, and newsfusion emits one event per mention.
* Actors: an ORG entity, or a phrase whose last word names an organisation
  (``perp_org_nouns``: "front", "army", "cartel") -> PerpOrg; people ("guerrillas",
  "men", ``perp_ind_nouns`` and ``person_nouns``) and anything else -> PerpInd. The
  benchmark's text is lower-cased, so entity types are rare: the words decide.
* Targets: a person named (a PERSON entity, a proper-noun head in the parse) ->
  Victim, written as the article first gives the name in full ("jaramillo" ->
  "bernardo jaramillo ossa", titles left out); people only described ("civilians",
  a phrase ending in a person noun) fill no slot, as the benchmark's Victim slot holds
  names; anything else (buildings, vehicles, lines) -> Target.
* Weapon -> Weapon. Each filler is one entity with one mention: the argument
  text as written (the GTT scorer wants every predicted mention to be a gold
  mention, so adding aliases can only cost).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from ..model import Arg, Doc, Event
from .context import load_mapping
from .muc4_keys import PredIncident
from .muc4_scorer import ROLES, Template, normalize


@dataclass(frozen=True)
class Muc4Mapping:
    types: dict[str, str]  # ACLED sub-type -> MUC-4 type ("" = none)
    perp_org_types: frozenset[str]
    perp_org_nouns: frozenset[str]
    perp_ind_nouns: frozenset[str]
    titles: frozenset[str]
    victim_types: frozenset[str]
    person_nouns: frozenset[str]
    refinable: frozenset[str]
    trigger_types: tuple[tuple[str, tuple[str, ...]], ...] = field(default_factory=tuple)


@lru_cache(maxsize=1)
def mapping() -> Muc4Mapping:
    types = {k: ("" if v.strip() == "-" else v.strip()) for k, v in load_mapping("acled_muc4.tsv").items()}
    cfg = load_mapping("muc4_roles.json")
    return Muc4Mapping(
        types=types,
        perp_org_types=frozenset(cfg["perp_org_types"]),
        perp_org_nouns=frozenset(cfg["perp_org_nouns"]),
        perp_ind_nouns=frozenset(cfg["perp_ind_nouns"]),
        titles=frozenset(cfg["titles"]),
        victim_types=frozenset(cfg["victim_types"]),
        person_nouns=frozenset(cfg["person_nouns"]),
        refinable=frozenset(cfg["refinable_sub_types"]),
        trigger_types=tuple((t, tuple(ws)) for t, ws in cfg["trigger_types"].items()),
    )


def incident_type(doc: Doc, ev: Event, m: Muc4Mapping | None = None) -> str:
    """The MUC-4 incident type of an event, or "" when it has none."""
    m = m or mapping()
    typ = m.types.get(ev.acled_sub_type, "")
    if ev.acled_sub_type in m.refinable:
        trig = doc.span_text(ev.trigger).lower()
        for t, words in m.trigger_types:
            if any(trig.startswith(w) or f" {w}" in f" {trig}" for w in words):
                return t
    return typ


def _entity_type(doc: Doc, a: Arg) -> str | None:
    if a.entity is not None and 0 <= a.entity < len(doc.entities):
        return doc.entities[a.entity].type
    if a.span is not None:
        idx = doc.entity_at(a.span)
        if idx is not None:
            return doc.entities[idx].type
    return None


def actor_role(doc: Doc, a: Arg, m: Muc4Mapping | None = None) -> str:
    """PerpOrg for an organisation (an ORG entity, or its words: "armed forces", "medellin
    cartel"), PerpInd for people ("guerrillas", "unidentified men") and anything else."""
    m = m or mapping()
    if _entity_type(doc, a) in m.perp_org_types:
        return "PerpOrg"
    words = normalize(a.text).split()
    if not words or words[-1] in m.perp_ind_nouns or words[-1] in m.person_nouns:
        return "PerpInd"
    return "PerpOrg" if words[-1] in m.perp_org_nouns else "PerpInd"


def target_role(doc: Doc, a: Arg, m: Muc4Mapping | None = None) -> str:
    """Victim for a person named (a PERSON entity, a proper-noun head), "" for people described
    ("civilians", "three peasants": MUC-4's Victim slot holds names), Target for things."""
    m = m or mapping()
    if _entity_type(doc, a) in m.victim_types or _name_head(doc, a) is not None:
        return "Victim"
    words = normalize(a.text).split()
    if words and words[-1] in m.person_nouns:
        return ""
    return "Target"


def _name_head(doc: Doc, a: Arg):
    """The proper-noun head of the phrase in the parse ("dr jose antonio rodriguez porth"), or None."""
    if a.span is None or doc.nlp is None:
        return None
    span = doc.nlp.char_span(a.span.start, a.span.end, alignment_mode="expand")
    return span.root if span is not None and span.root.pos_ == "PROPN" else None


def full_name(doc: Doc, a: Arg, m: Muc4Mapping | None = None) -> str:
    """A person's name as the article first gives it in full: the longest run of proper nouns
    holding the head's word ("jaramillo" -> "bernardo jaramillo ossa"), titles left out."""
    m = m or mapping()
    head = _name_head(doc, a)
    if head is None:
        return a.text
    best = ""
    for t in doc.nlp:
        if t.lower_ != head.lower_:
            continue
        lo, hi = t.i, t.i
        while lo > 0 and doc.nlp[lo - 1].pos_ == "PROPN":
            lo -= 1
        while hi + 1 < len(doc.nlp) and doc.nlp[hi + 1].pos_ == "PROPN":
            hi += 1
        words = [w.text for w in doc.nlp[lo:hi + 1]]
        while len(words) > 1 and normalize(words[0]) in m.titles:
            words = words[1:]
        if len(words) > len(best.split()):
            best = " ".join(words)
    return best or a.text


def _add(t: Template, role: str, text: str) -> None:
    text = text.strip()
    if text and normalize(text) not in {normalize(e[0]) for e in t[role]}:
        t[role].append([text])


def doc_templates(doc: Doc) -> tuple[list[Template], list[PredIncident]]:
    """MUC-4 templates of one document, and the same incidents' date/location/deaths."""
    m = mapping()
    templates: dict[str, Template] = {}
    extras: dict[str, PredIncident] = {}
    for ev in doc.events:
        typ = incident_type(doc, ev, m)
        if not typ:
            continue
        t = templates.setdefault(typ, {"incident_type": typ, **{r: [] for r in ROLES}})
        x = extras.setdefault(typ, PredIncident(typ))
        for a in ev.actors:
            _add(t, actor_role(doc, a, m), a.text)
        for a in ev.targets:
            role = target_role(doc, a, m)
            if role:
                _add(t, role, full_name(doc, a, m) if role == "Victim" else a.text)
        if ev.weapon:
            _add(t, "Weapon", ev.weapon)
        if ev.location is not None:
            x.locations.append(ev.location.text)
        if ev.time is not None and ev.time.start:
            d = _iso(ev.time.start), _iso(ev.time.end or ev.time.start)
            if d[0] and d[1]:
                x.dates.append(d)  # type: ignore[arg-type]
        if ev.fatalities.min is not None:
            x.deaths.append((ev.fatalities.min, ev.fatalities.max))
    return list(templates.values()), list(extras.values())


def _iso(s: str | None) -> date | None:
    try:
        return date.fromisoformat(s[:10]) if s else None
    except ValueError:
        return None
