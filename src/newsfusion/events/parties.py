"""The parties of an event named as ACLED names them.

Arguments come out of the parse as the article words them ("24 villagers", "two
soldiers", "a police station"); ACLED names the party acted on, and so does
the knowledge base (GUIDE.md, ``targets``):

* people who are not armed ("villagers", "residents", "worshippers", "a
  Palestinian", "quarry workers") -> ``civilians``; so is their property ("houses",
  "a health centre", "vehicles") when it is what was hit;
* soldiers and troops -> the national army, police officers -> the national
  police: the article's entity of that kind and country when it has one (the
  entities stage names "the army" of a Nigerian story "Nigerian army"), else
  "<demonym> army" / "<demonym> police" for the country the phrase names
  ("Cameroonian soldiers") or the country of the event's place;
* a post, a base or a checkpoint of the army or the police -> that force;
* munitions shot down ("an Israeli drone", "missiles launched by Russia") -> the
  armed forces that fired them.

Actors that are bare force words ("troops", "soldiers") take the national army
the same way. Named parties (an entity) are left as they are.
"""

from __future__ import annotations

from ..model import Arg
from .context import DocContext

ARMY_WORDS = {"soldier", "soldiers", "troop", "troops", "serviceman", "servicemen", "personnel", "army", "military",
              "paratrooper", "paratroopers", "conscript", "conscripts", "infantry", "marine", "marines"}
RANKS = {"general", "generals", "colonel", "colonels", "brigadier", "brigadiers", "lieutenant", "lieutenants",
         "captain", "captains", "sergeant", "sergeants", "corporal", "corporals", "major", "majors"}
POLICE_WORDS = {"police", "policeman", "policemen", "policewoman", "policewomen", "gendarme", "gendarmes",
                "officer", "officers", "cop", "cops"}
ARMY_PLACES = {"base", "barracks", "camp", "post", "outpost", "garrison", "checkpoint", "position", "positions"}
POLICE_PLACES = {"station", "headquarters", "checkpoint", "post", "complex"}
PEOPLE = {"people", "person", "persons", "civilian", "civilians", "villager", "villagers", "resident", "residents",
          "worshipper", "worshippers", "worshiper", "worshipers", "child", "children", "woman", "women", "girl", "girls",
          "boy", "boys", "man", "men", "farmer", "farmers", "herder", "herders", "worker", "workers", "student",
          "students", "pupil", "pupils", "teacher", "teachers", "passenger", "passengers", "family", "families",
          "shepherd", "shepherds", "trader", "traders", "fisherman", "fishermen", "miner", "miners", "driver",
          "drivers", "pilgrim", "pilgrims", "refugee", "refugees", "inhabitant", "inhabitants", "worshippers",
          "mourner", "mourners", "guest", "guests", "shopper", "shoppers", "patient", "patients", "brother",
          "brothers", "sister", "sisters", "infant", "infants", "baby", "babies", "teenager", "teenagers",
          "villagers", "locals", "citizens", "citizen", "muslims", "christians", "non-muslims"}
# what people own and live in: hitting it is hitting civilians (public buildings keep their name)
PROPERTY = {"house", "houses", "home", "homes", "vehicle", "vehicles", "car", "cars", "shop", "shops", "store",
            "stores", "village", "villages", "hut", "huts", "property", "properties", "neighbourhood", "neighborhood",
            "farm", "farms", "crops", "granary", "granaries", "residence", "residences", "dwelling", "dwellings",
            "livestock", "cattle", "town", "towns", "city", "cities", "neighbourhoods", "neighborhoods", "hamlet",
            "hamlets", "settlement", "settlements"}
MUNITIONS = {"drone", "drones", "missile", "missiles", "rocket", "rockets", "aircraft", "jet", "jets", "helicopter",
             "plane", "warplane", "uav", "projectile", "projectiles"}
FORCE_KINDS = {"state_force", "military", "police"}


def normalise(ctx: DocContext, args: list[Arg], *, country: str | None, target: bool) -> list[Arg]:
    """ACLED's names for ``args`` (see the module docstring); duplicates removed."""
    out: list[Arg] = []
    for a in args:
        b = _party(ctx, a, country, target) if a.entity is None else a
        if all((b.entity is None or b.entity != x.entity) and b.text.lower() != x.text.lower() for x in out):
            out.append(b)
    return out


def _words(a: Arg) -> list[str]:
    return [w.strip(".,'’\"“”").lower() for w in a.text.replace("-", " ").split() if w.strip(".,'’\"“”")]


def _party(ctx: DocContext, a: Arg, country: str | None, target: bool) -> Arg:
    words = _words(a)
    if not words:
        return a
    head = words[-1]
    from .classify import is_state
    if not target:  # an actor: only what the phrase or the article makes sure ("Cameroonian soldiers", the one army named)
        own = _country_in(words) or _only_force_country(ctx)
        if head in ARMY_WORDS or (head in ("forces", "force") and set(words) & {"government", "armed", "state"} and is_state(ctx, a)):
            return _force(ctx, a, own, police=False) or a
        if head in POLICE_WORDS and ("police" in words or head not in ("officer", "officers")):
            return _force(ctx, a, own, police=True) or a
        return a
    own = _country_in(words) or country
    if head in ARMY_WORDS or (head in ("forces", "force") and set(words) & {"government", "armed", "state"} and is_state(ctx, a)):
        return _force(ctx, a, own, police=False) or a
    if head in POLICE_WORDS and ("police" in words or head not in ("officer", "officers") or _police_context(ctx, a)):
        return _force(ctx, a, own, police=True) or a
    if head in RANKS:  # "a major general was killed": his force, as ACLED names the target
        return _force(ctx, a, own, police="police" in words) or a
    if head in ARMY_PLACES | POLICE_PLACES and (set(words) & (ARMY_WORDS | POLICE_WORDS | {"security"})):
        return _force(ctx, a, own, police=bool(set(words) & POLICE_WORDS) and not set(words) & ARMY_WORDS) or a
    if head in ARMY_PLACES and head in ("base", "barracks", "garrison", "outpost"):
        return _force(ctx, a, own, police=False) or a
    owner = _owner(ctx, a)  # "a compound used by X", "missiles launched by X": X
    if owner is not None and (head in MUNITIONS or head in ARMY_PLACES or head in ("compound", "facility", "facilities", "depot", "depots", "sites", "site")):
        return owner
    if head in MUNITIONS and _country_in(words):
        return _force(ctx, a, _country_in(words), police=False, military=True) or a
    if head in PEOPLE or _people_of(ctx, a):
        return Arg("civilians", a.span, None)
    if head in PROPERTY:
        return Arg("civilians", a.span, None)
    return a


OWNER_VERBS = {"use", "launch", "fire", "hold", "belong", "run", "operate", "own", "control", "occupy", "man"}


def _owner(ctx: DocContext, a: Arg) -> Arg | None:
    """Who a thing belongs to, as the phrase says: "a compound used by X", "missiles launched by X"."""
    span = ctx.arg_span(a)
    if span is None:
        return None
    root = span.root
    for acl in (c for c in root.children if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in OWNER_VERBS):
        for p in acl.children:
            if p.dep_ in ("prep", "agent") and p.lower_ in ("by", "to"):
                for o in p.children:
                    ent = _named_owner(ctx, o)
                    if ent is not None:
                        return Arg(ctx.doc.entities[ent].name, a.span, ent)
    return None


def _named_owner(ctx: DocContext, tok) -> int | None:
    for t in [tok, *tok.subtree]:
        e = ctx.entity_of(t)
        if e is not None and ctx.doc.entities[e].type in ("ORG", "LOCATION"):
            ent = ctx.doc.entities[e]
            if ent.type == "LOCATION":  # "launched by Russia": its armed forces
                forces = _force(ctx, Arg(ent.name, None, None), (ent.geo.country if ent.geo else ent.country), police=False, military=True)
                return forces.entity if forces is not None and forces.entity is not None else e
            return e
    return None


def _only_force_country(ctx: DocContext) -> str | None:
    """The country of the article's armed forces when the article names those of one country only."""
    countries = {(e.country or "").upper() for e in ctx.doc.entities if e.type == "ORG" and e.kind in FORCE_KINDS and e.country}
    return countries.pop() if len(countries) == 1 else None


def _police_context(ctx: DocContext, a: Arg) -> bool:
    """"officers" are police officers when the article speaks of the police."""
    return any(e.kind == "police" or "police" in e.name.lower() for e in ctx.doc.entities if e.type == "ORG")


def _people_of(ctx: DocContext, a: Arg) -> bool:
    """"a third Palestinian", "two Christians": a people or creed named as the victims."""
    span = ctx.arg_span(a)
    if span is None or ctx.lex.has_tok("armed", span.root):
        return False  # "two Islamists", "jihadists": not civilians
    return span.root.ent_type_ == "NORP" and span.root.pos_ in ("NOUN", "PROPN")


def _country_in(words: list[str]) -> str | None:
    """The country a demonym or a country name in the phrase stands for ("Cameroonian soldiers")."""
    from ..gazetteer.countries import country_by_name, demonym_country
    for w in words:
        iso = demonym_country(w)
        if iso:
            return iso
        c = country_by_name(w) if w[:1].isalpha() and len(w) > 3 else None
        if c is not None:
            return c.iso2
    return None


def _force(ctx: DocContext, a: Arg, country: str | None, *, police: bool, military: bool = False) -> Arg | None:
    """The article's entity for the army (or police) of ``country``, else its conventional name."""
    from ..gazetteer.countries import country_by_iso
    if country is None:
        return None
    want = ("police", "gendarm") if police else ("army", "military", "armed forces", "defence forces", "defense forces", "forces", "troops")
    best = None
    for i, e in enumerate(ctx.doc.entities):
        if e.type != "ORG" or e.kind not in FORCE_KINDS or (e.country or "").upper() != country.upper():
            continue
        forms = " | ".join([e.name, *e.aliases]).lower()
        if police != ("police" in forms or "gendarm" in forms or e.kind == "police"):
            continue
        score = any(w in forms for w in want) + ("army" in forms or "military" in forms) + (" army" in e.name.lower() or "military" in e.name.lower())
        if best is None or score > best[0]:
            best = (score, i)
    if best is not None:
        e = ctx.doc.entities[best[1]]
        return Arg(e.name, a.span, best[1])
    c = country_by_iso(country)
    if c is None or not c.demonyms:
        return None
    noun = "police" if police else ("military" if military else "army")
    return Arg(f"{c.demonyms[0]} {noun}", a.span, None)


def event_country(ctx: DocContext, location: Arg | None) -> str | None:
    """The country an event happened in: its place's, else the article's place's; the country
    the gazetteer guessed for a place it lacks (from the places named with it) comes last."""
    guess = None
    for ent_id in (location.entity if location is not None else None, ctx.dominant_place()):
        if ent_id is None:
            continue
        e = ctx.doc.entities[ent_id]
        if e.geo is not None and e.geo.country:
            if e.geo.place_id is None and e.geo.lat is None:
                guess = guess or e.geo.country
                continue
            return e.geo.country
        if e.country:
            return e.country
    return guess
