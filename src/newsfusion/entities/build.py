"""Candidates -> grouped entities with mentions, aliases, kinds and places."""

from __future__ import annotations

import re
from collections import Counter

from ..gazetteer import is_place_name
from ..gazetteer.normalize import name_key
from ..model import Doc, Entity, Mention, Span
from .aliases import RULES, Groups, force_country, state_forces
from .places import geocode_entities
from .lexicon import entity_lexicon
from .recognize import PRIORITY, recognize


def _name(g: Groups, members: list[int]) -> str:
    """A gazetteer actor goes by the form the article uses most; anyone else by their
    fullest name ('Mushir al Masri' over 'al-Masri')."""
    texts = [g.text(i) for i in members]
    if any(g.cands[i].actor is not None for i in members):
        counts = Counter(name_key(t) for t in texts)
        return max(texts, key=lambda t: (counts[name_key(t)], -texts.index(t)))
    full = [t for t in texts if not t.isupper() and not _CONTROL_PREFIX.match(t)] or texts
    return max(full, key=lambda t: (len(t.split()), len(t)))


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
    """Every other occurrence of an entity's name or alias is a mention of it."""
    taken = sorted((m.span.start, m.span.end) for m in doc.mentions)

    def free(s: int, e: int) -> bool:
        return not any(a < e and s < b for a, b in taken)

    for idx, ent in enumerate(doc.entities):
        for form in {ent.name, *ent.aliases}:
            if len(form) < 3 and not form.isupper():
                continue
            if not form[:1].isupper():
                continue
            for m in re.finditer(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", doc.text):
                if free(m.start(), m.end()):
                    doc.mentions.append(Mention(Span(m.start(), m.end()), form, ent.type, idx, "string"))
                    ent.mentions.append(len(doc.mentions) - 1)
                    taken.append((m.start(), m.end()))


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


def build_entities(doc: Doc) -> None:
    cands = recognize(doc)
    forces = state_forces(doc, cands)
    # a force's name may hold its country ("Egypt's general command ..."): both stay
    cands = [c for c in cands if not any(f.start < c.end and c.start < f.end and c.source == "model" for f in forces)] + forces
    cands.sort(key=lambda c: c.start)
    g = Groups(doc, cands)
    for rule in RULES:
        rule(g)
    for root, members in sorted(g.groups().items(), key=lambda kv: min(g.cands[i].start for i in kv[1])):
        first = g.cands[min(members, key=lambda i: (PRIORITY[g.cands[i].source], g.cands[i].start))]
        name = _name(g, members)
        etype = _group_type(g, members, first, name)
        actor = next((g.cands[i].actor for i in members if g.cands[i].actor is not None), None)
        ent = Entity(name=name, type=etype, evidence=list(g.why.get(root, [])))
        if actor is not None:
            ent.kb_id, ent.kind, ent.country = actor.id, actor.kind, actor.country
        force = next((iso for i in members if (iso := force_country(g.cands[i]))), None)
        if force and actor is None:
            ent.kind, ent.country, ent.kb_id = "state_force", force, None
        seen = {name_key(name)}
        idx = len(doc.entities)
        for i in sorted(members, key=lambda i: g.cands[i].start):
            c = g.cands[i]
            t = g.text(i)
            doc.mentions.append(Mention(Span(c.start, c.end), t, ent.type, idx, c.source))
            ent.mentions.append(len(doc.mentions) - 1)
            if name_key(t) not in seen:
                seen.add(name_key(t))
                ent.aliases.append(t)
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
