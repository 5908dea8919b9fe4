"""Hostility: hostile_to from declared war, fighting and 'X is our enemy'."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Relation, Span
from .common import HOSTILE_VERBS, Ctx, objects

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
