"""Candidates -> grouped entities with mentions, aliases, kinds and places."""

from __future__ import annotations

import re
from collections import Counter

from ..gazetteer import country_by_name, is_place_name
from ..gazetteer.normalize import name_key
from ..model import Doc, Entity, Mention, Span
from .aliases import RULES, Groups
from .descriptions import add_described
from .institutions import generic_cand, countries_inside, group_name, institution_candidates, kind_of, main_actor
from .places import geocode_entities
from .lexicon import entity_lexicon
from .occurrences import occurrences
from .recognize import PRIORITY, Cand, recognize


def _name(g: Groups, members: list[int]) -> str:
    """The canonical name: a gazetteer actor goes by the gazetteer's name ('Islamic State'
    for an article's 'IS'; a disambiguator such as '(Lebanon)' dropped), a country by the
    country table's ('United States' for 'US'); anyone else by the fullest form of the
    article ('Mushir al Masri' over 'al-Masri', 'Harmal province' over 'Harmal'), then the
    spelling written most, then the one with its accents ('Kaboré' over 'Kabore') - never
    simply the first seen."""
    texts = [g.text(i) for i in members]
    actors = Counter(g.cands[i].actor for i in members if g.cands[i].actor is not None)
    if actors:
        actor = max(actors, key=lambda a: actors[a])
        name = _DISAMBIGUATOR.sub("", actor.name)
        stems = [re.sub(r"\s+(?:" + "|".join(_DESCRIPTOR_WORDS) + r")$", "", t) for t in texts]
        written = [t for t in stems if name_key(t) == name_key(name)]
        known = {name_key(f) for f in actor.forms()}
        if name.replace(".", "").isupper() and any(name_key(t) in known and len(t.split()) > 1 for t in texts):
            written = []  # an acronym ('UNMISS') when the article writes the name in full
        if written:  # written here, maybe with a descriptor ("Islamic State group"), as the article spells it
            return name if name in written else Counter(written).most_common(1)[0][0]
        # the gazetteer's name is not written here: the fullest of its forms the article uses
        plain = [t for t in texts if not _CONTROL_PREFIX.match(t) and t.split()[-1] not in _DESCRIPTOR_WORDS] or texts
        forms = [t for t in plain if name_key(t) in known and not t.isupper()] or [t for t in plain if name_key(t) in known] or plain
        counts = Counter(name_key(t) for t in texts)
        return max(forms, key=lambda t: (len(t.split()), counts[name_key(t)], len(t)))
    if g.cands[members[0]].type == "LOCATION" or all(g.cands[i].type == "LOCATION" for i in members):
        country = next((c for t in texts if (c := country_by_name(t)) is not None), None)
        if country is not None and all(country_by_name(t) in (country, None) for t in texts):
            return country.name
    counts = Counter(texts)
    full = [t for t in texts if not t.isupper() and not _CONTROL_PREFIX.match(t)] or texts
    return max(full, key=lambda t: (len(t.split()), counts[t], _accents(t), len(t)))


def _accents(text: str) -> int:
    return sum(1 for ch in text if ord(ch) > 127 and ch.isalpha())


_DESCRIPTOR_WORDS = {"group", "militia", "militants", "fighters", "rebels", "jihadists", "movement", "organisation", "organization"}  # lower case: "Islamic State group", not "Islamic Resistance Movement"
_DISAMBIGUATOR = re.compile(r"\s*\([^()]*\)$")


_CONTROL_PREFIX = re.compile(r"[\w'’]+-(?:controlled|run|led|backed)\s")


def _group_type(g: Groups, members: list[int], first, name: str) -> str:
    """The strongest source decides; among model readings the majority, a known place winning ties."""
    if first.source != "model":
        return first.type
    if any(g.cands[i].label == "PLACE_CONTEXT" for i in members):
        return "LOCATION"  # "the town of Nyanzale" settles what the model hesitated on
    votes = Counter(g.cands[i].type for i in members)
    best = max(votes.values())
    tied = [t for t, n in votes.items() if n == best]
    if len(tied) > 1 and "LOCATION" in tied and is_place_name(name):
        return "LOCATION"
    return tied[0] if len(tied) == 1 else first.type


def _link_more(doc: Doc) -> None:
    """Every other occurrence of an entity's name or alias is a mention of it (a longer form
    before a shorter one). A character map says which spans are taken."""
    text = doc.text
    taken = bytearray(len(text))
    for m in doc.mentions:
        taken[m.span.start : m.span.end] = b"\1" * (m.span.end - m.span.start)
    for idx, ent in enumerate(doc.entities):
        for form in sorted({ent.name, *ent.aliases}, key=lambda f: (-len(f), f)):
            if len(form) < 3 and not form.isupper():
                continue
            if not form[:1].isupper():
                continue
            for s, e in occurrences(text, form):
                if taken.find(1, s, e) == -1:
                    doc.mentions.append(Mention(Span(s, e), form, ent.type, idx, "string"))
                    ent.mentions.append(len(doc.mentions) - 1)
                    taken[s:e] = b"\1" * (e - s)


def _title_aliases(doc: Doc) -> None:
    """'the Prophet Mohamed', 'President X': the titled name is a form of the person."""
    titles = entity_lexicon().titles
    for m in doc.mentions:
        if m.type != "PERSON" or m.entity is None:
            continue
        before = doc.text[max(0, m.span.start - 25) : m.span.start]
        title = next((t for t in titles if before.endswith(t + " ")), None)
        ent = doc.entities[m.entity]
        if title is not None:
            form = f"{title} {m.text}"
            if form not in ent.aliases and form != ent.name:
                ent.aliases.append(form)
                ent.evidence.append(f"title: {form!r}")


def _with_institutions(doc: Doc, cands: list) -> list:
    """Add the national institutions named by common nouns (institutions.py). The model's
    reading of the same words ("Israeli forces" as an ORG) and the gazetteer's generic forms
    ("Kenyan police") give way; a country named in the phrase stays a place mention."""
    insts = institution_candidates(doc, cands)
    kept, dropped = [], []
    for c in cands:
        over = [x for x in insts if x.start < c.end and c.start < x.end]
        if over and not (c.type == "LOCATION" and all(c.end <= x.inst_head_start for x in over)):
            if c.source == "model" or generic_cand(doc, c):
                dropped.append(c)
                continue
        kept.append(c)
    for c in dropped:  # "government of Burundi": Burundi stays a place mention
        for s, e in countries_inside(doc, c.start, c.end):
            if not any(k.start < e and s < k.end for k in kept):
                kept.append(Cand(s, e, "LOCATION", "place"))
    return sorted(kept + insts, key=lambda c: c.start)


def _inst_name(g: Groups, members: list[int], inst: tuple[str, str]) -> str:
    """A named force keeps its name ('FARDC'); otherwise the country and the institution."""
    proper = [i for i in members if g.cands[i].inst is None and g.cands[i].actor is not None]
    if proper:
        return _name(g, proper)
    insts = sorted((i for i in members if g.cands[i].inst), key=lambda i: g.cands[i].start)
    heads = [g.cands[i].inst_head for i in insts]
    dems = [g.cands[i].inst_demonym for i in insts]
    return group_name(inst[0], inst[1], heads, dems, [g.text(i) for i in insts])


def build_entities(doc: Doc) -> None:
    cands = _with_institutions(doc, recognize(doc))
    g = Groups(doc, cands)
    for rule in (*RULES, add_described):
        rule(g)
    for root, members in sorted(g.groups().items(), key=lambda kv: min(g.cands[i].start for i in kv[1])):
        first = g.cands[min(members, key=lambda i: (PRIORITY[g.cands[i].source], g.cands[i].start))]
        inst = next((g.cands[i].inst for i in members if g.cands[i].inst), None)
        name = _inst_name(g, members, inst) if inst else _name(g, members)
        etype = _group_type(g, members, first, name)
        actor = next((g.cands[i].actor for i in members if g.cands[i].actor is not None), None)
        ent = Entity(name=name, type=etype, evidence=list(g.why.get(root, [])))
        if actor is not None:
            ent.kb_id, ent.kind, ent.country = actor.id, actor.kind, actor.country
        elif inst is not None:
            known = main_actor(*inst)
            ent.kind, ent.country, ent.kb_id = kind_of(inst[1]), inst[0], known.id if known is not None else None
        seen = {name_key(name)}
        idx = len(doc.entities)
        for i in sorted(members, key=lambda i: g.cands[i].start):
            c = g.cands[i]
            t = g.text(i)
            doc.mentions.append(Mention(Span(c.start, c.end), t, ent.type, idx, c.source))
            ent.mentions.append(len(doc.mentions) - 1)
            forms = c.forms if c.label == "INST_PART" else [t, *c.forms]
            for form in forms:
                if name_key(form) not in seen:
                    seen.add(name_key(form))
                    ent.aliases.append(form)
        for form, span in g.extra.get(root, []):
            if span is not None and not any(doc.mentions[m].span.overlaps(span) for m in ent.mentions):
                doc.mentions.append(Mention(span, form, ent.type, idx, "rule"))
                ent.mentions.append(len(doc.mentions) - 1)
            if name_key(form) not in seen:
                seen.add(name_key(form))
                ent.aliases.append(form)
        doc.entities.append(ent)
    _link_more(doc)
    _title_aliases(doc)
    for ent in doc.entities:
        ent.mentions.sort(key=lambda m: doc.mentions[m].span.start)
    geocode_entities(doc)
