"""Hostility: hostile_to from declared war, fighting and 'X is our enemy'."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Relation, Span
from .common import HOSTILE_VERBS, ORG_ANAPHORS, Ctx, latest_org_before, objects

def hostility(ctx: Ctx, speakers: list[tuple[Span, str | None]]) -> Iterator[Relation]:
    """'declared war on X and Y'; '“X is our enemy,” said <spokesman of Z>'."""
    for tok in ctx.sdoc:
        low = tok.lemma_.lower()
        if low == "war" and tok.head.lemma_.lower() in HOSTILE_VERBS:
            verb = tok.head
            prep = next((c for c in list(tok.children) + list(verb.children) if c.dep_ == "prep" and c.lower_ in ("on", "against", "with")), None)
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if prep is None or subj is None:
                continue
            actor = ctx.ent_in(subj, ("ORG", "LOCATION"))
            if actor is None:
                continue
            ev = ctx.span([verb, tok] + list(prep.subtree))
            for o in objects(ctx, prep, ("ORG", "LOCATION")):
                if o != actor:
                    yield Relation(ctx.name(actor), "hostile_to", ctx.name(o), ev, actor, o, rule="hostility")
        elif low == "enemy" and any(c.lower_ in ("our", "my") for c in tok.children if c.dep_ == "poss"):
            cop = tok.head
            subj = next((c for c in cop.children if c.dep_ == "nsubj"), None)
            if subj is None or ctx.ent(subj) is None:
                continue
            org = next((o for sp, o in speakers if sp.start <= tok.idx < sp.end), None)
            if org is None:
                continue
            ev = ctx.sentence_span(tok)
            yield Relation(org, "hostile_to", ctx.name(ctx.ent(subj)), ev, None, ctx.ent(subj), rule="hostility")


_BETWEEN = re.compile(r"\b(?:conflict|war|fighting|clashes|battles?|hostilities|confrontation)\s+between\s+", re.I)
_AGAINST_VERBS = {"fight", "battle", "topple", "overthrow", "invade", "combat", "oust", "defeat"}
_AGAINST_NOUNS = {"invasion", "offensive", "war", "insurgency", "campaign"}


def conflicts(ctx: Ctx) -> Iterator[Relation]:
    """'the conflict between the SAF and RSF', 'fighting the government', 'its invasion of
    Ukraine', 'trading fire with Israeli forces': hostile_to between the named sides."""
    doc = ctx.doc
    for m in _BETWEEN.finditer(doc.text):
        sides = [x for x in sorted(doc.mentions, key=lambda x: x.span.start) if x.entity is not None and m.end() <= x.span.start <= m.end() + 60 and ctx.type(x.entity) in ("ORG", "LOCATION")]
        if len(sides) >= 2 and sides[0].entity != sides[1].entity and " and " in doc.text[sides[0].span.end : sides[1].span.start + 1]:
            a, b = sides[0].entity, sides[1].entity
            ev = Span(m.start(), sides[1].span.end)
            # "between X and Y" says nothing of who started it: both directions
            yield Relation(ctx.name(a), "hostile_to", ctx.name(b), ev, a, b, rule="conflict")
            yield Relation(ctx.name(b), "hostile_to", ctx.name(a), ev, b, a, rule="conflict")
    for tok in ctx.sdoc:
        lemma = tok.lemma_.lower()
        if lemma in _AGAINST_VERBS and tok.pos_ == "VERB" and not any(c.dep_ in ("auxpass", "neg") for c in tok.children):
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            subj = _agent_of(ctx, tok)
        elif lemma in _AGAINST_NOUNS and tok.pos_ == "NOUN":
            prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "against", "on")), None)
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
            owner = next((c for c in tok.children if c.dep_ == "poss"), None)
            subj = _owner(ctx, owner, tok) if owner is not None else None
        elif lemma == "fire" and tok.head.lemma_.lower() in ("trade", "exchange"):
            prep = next((c for c in list(tok.children) + list(tok.head.children) if c.dep_ == "prep" and c.lower_ == "with"), None)
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
            subj = _agent_of(ctx, tok.head)
        else:
            continue
        if obj is None or subj is None:
            continue
        target = ctx.ent_in(obj, ("ORG", "LOCATION"))
        if target is None or target == subj:
            continue
        ev = ctx.span([tok] + list(obj.subtree))
        yield Relation(ctx.name(subj), "hostile_to", ctx.name(target), ev, subj, target, rule="conflict")


def _agent_of(ctx: Ctx, verb) -> int | None:
    """The named side doing it: the subject, or the noun a participle qualifies ("groups fighting X")."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None and verb.dep_ in ("acl", "relcl", "advcl", "xcomp"):
        subj = verb.head if verb.head.pos_ in ("NOUN", "PROPN") else next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return None
    e = ctx.ent_in(subj, ("ORG", "LOCATION"))
    if e is None and subj.lemma_.lower() in ORG_ANAPHORS:
        e = latest_org_before(ctx, subj.idx)
    return e


def _owner(ctx: Ctx, owner, noun) -> int | None:
    if owner.lower_ in ("its", "their"):
        verb = noun.head
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb.pos_ in ("VERB", "AUX") else None
        if subj is not None and ctx.ent_in(subj, ("ORG", "LOCATION")) is not None:
            return ctx.ent_in(subj, ("ORG", "LOCATION"))  # "Russia launched its invasion of Ukraine"
        return latest_org_before(ctx, owner.idx, kinds=("armed_group", "militia", "state_force", "government", None)) or _latest_place(ctx, owner.idx)
    return ctx.ent_in(owner, ("ORG", "LOCATION"))


def _latest_place(ctx: Ctx, pos: int) -> int | None:
    best, best_pos = None, -1
    for m in ctx.doc.mentions:
        if m.entity is not None and m.span.end <= pos and ctx.type(m.entity) == "LOCATION" and m.span.start > best_pos:
            best, best_pos = m.entity, m.span.start
    return best
