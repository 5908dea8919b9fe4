"""Roles: spokesperson_of, leader_of, member_of from titles and appositions."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Relation, Span
from .common import GROUP_NOUNS, ROLE_PREDICATE, Ctx, objects

def whose_leader(ctx: Ctx) -> Iterator[Relation]:
    """'the Viv Ansanm group, whose leader, former police officer Jimmy Chérizier, ...'."""
    for m in _WHOSE.finditer(ctx.doc.text):
        org = next((x.entity for x in ctx.doc.mentions if x.entity is not None and x.span.end <= m.start() and m.start() - x.span.end <= 12 and ctx.type(x.entity) == "ORG"), None)
        person = next((x for x in ctx.doc.mentions if x.entity is not None and x.span.start >= m.end() and ctx.type(x.entity) == "PERSON" and x.span.start - m.end() <= 60), None)
        if org is None or person is None:
            continue
        pred = ROLE_PREDICATE.get(m.group(1).lower(), "leader_of")
        start = next(x.span.start for x in ctx.doc.mentions if x.entity == org and x.span.end <= m.start())
        yield Relation(ctx.name(person.entity), pred, ctx.name(org), Span(start, person.span.end), person.entity, org, rule="role")


_WHOSE = re.compile(r",?\s+whose\s+(leader|head|chief|founder|commander|spokesman|spokesperson|spokeswoman)\b,?\s+", re.I)


def roles(ctx: Ctx) -> Iterator[Relation]:
    leaders: dict[int, str] = {}
    pending_aides = []
    for tok in ctx.sdoc:
        pred = ROLE_PREDICATE.get(tok.lemma_.lower())
        if pred is None or tok.pos_ != "NOUN":
            continue
        person = _role_holder(ctx, tok)
        if person is None:
            continue
        ev = ctx.span([t for t in tok.subtree] + [ctx.sdoc[i] for i in _mention_tokens(ctx, person, tok)])
        org = ctx.ent_in(tok, ("ORG",))
        target = ctx.name(org) if org is not None and org != person else None
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("for", "of", "to", "with", "in", "at")), None)
        if target is None and prep is not None:
            objs = objects(ctx, prep, ("ORG", "PERSON"))
            if objs:
                if ctx.type(objs[0]) == "PERSON":
                    pending_aides.append((person, pred, objs[0], ev))
                    continue
                target = ctx.name(objs[0])
            else:
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if pobj is not None and pobj.lower_ in GROUP_NOUNS and pred == "leader_of":
                    target = f"{ctx.name(person)}'s {pobj.lower_}"
                    leaders[person] = target
        if target is None:
            continue
        yield Relation(ctx.name(person), pred, target, ev, person, org, rule="role")
    for person, pred, boss, ev in pending_aides:
        # "an aide to X": a member of X's group when X leads one, else of X
        yield Relation(ctx.name(person), "member_of", leaders.get(boss, ctx.name(boss)), ev, person, None, rule="role")


def _mention_tokens(ctx: Ctx, ent: int, near) -> list[int]:
    best = None
    for i, e in ctx.tok_ent.items():
        if e == ent and (best is None or abs(i - near.i) < abs(best - near.i)):
            best = i
    return [best] if best is not None else []


def _role_holder(ctx: Ctx, role):
    """The person a role noun describes: 'X, a spokesman for ...' (apposition), 'spokesman X' (compound)."""
    if role.dep_ == "appos":
        e = ctx.ent(role.head)
        if e is not None and ctx.type(e) == "PERSON":
            return e
    if role.dep_ in ("compound", "appos") or role.head.dep_ == "appos":
        e = ctx.ent(role.head)
        if e is not None and ctx.type(e) == "PERSON" and role.head.i > role.i:
            return e
    # "Abu Qatadah ... (Palestinian Abu Qatadah), an ISIS member": apposition attached one level up
    for c in role.children:
        if c.dep_ == "appos":
            e = ctx.ent(c)
            if e is not None and ctx.type(e) == "PERSON":
                return e
    # "X (Palestinian X), an ISIS member": the person right before the comma
    i = role.left_edge.i - 1
    if i >= 0 and ctx.sdoc[i].text == ",":
        i -= 1
        if i >= 0 and ctx.sdoc[i].text in (")", "]"):
            while i >= 0 and ctx.sdoc[i].text not in ("(", "["):
                i -= 1
            i -= 1
        e = ctx.ent(ctx.sdoc[i]) if i >= 0 else None
        if e is not None and ctx.type(e) == "PERSON":
            return e
    return None
