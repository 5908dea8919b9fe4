"""Between groups: part_of (wings, units, controlled bodies), allied_with, pledged_allegiance_to."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Relation, Span
from .common import ALLY_LEMMAS, GROUP_NOUNS, ORG_ANAPHORS, UNIT_NOUNS, Ctx, describe, latest_org_before, objects

_WING = re.compile(r"['’]s?\s+(?:so-called\s+)?(?:[\w-]+\s+){0,2}(?:" + "|".join(sorted(UNIT_NOUNS)) + r")\s*,\s+(?:the\s+)?$", re.I)


def wings(ctx: Ctx) -> Iterator[Relation]:
    """'X's (so-called) military wing, the Y': Y is part of X."""
    doc = ctx.doc
    for m in doc.mentions:
        if m.entity is None or ctx.type(m.entity) != "ORG":
            continue
        window_start = max(0, m.span.start - 80)
        w = _WING.search(doc.text[window_start : m.span.start])
        if w is None:
            continue
        pos = window_start + w.start()
        owner = next((x.entity for x in doc.mentions if x.span.end == pos and x.entity is not None), None)
        if owner is None or owner == m.entity:
            continue
        start = next(x.span.start for x in doc.mentions if x.span.end == pos)
        yield Relation(ctx.name(m.entity), "part_of", ctx.name(owner), Span(start, m.span.end), m.entity, owner, rule="wing")


_HYPHEN = re.compile(r"\b((?!(?:The|A|An) )(?:[Aa]l[- ])?[A-Z]\w*(?: [A-Z]\w*)?)-(controlled|run|led|backed|allied|linked|tied|affiliated|aligned|supported|sponsored|funded)\b")
_PART = {"controlled", "run", "led"}


def hyphenated(ctx: Ctx) -> Iterator[Relation]:
    text = ctx.doc.text
    for m in _HYPHEN.finditer(text):
        owner = next((x.entity for x in ctx.doc.mentions if x.entity is not None and m.start(1) <= x.span.start and x.span.end <= m.end(1)), None)
        if owner is None:
            owner = next((e for e in range(len(ctx.doc.entities)) if m.group(1) in ctx.doc.entities[e].forms()), None)
        owner_name = ctx.name(owner) if owner is not None else _actor_name(m.group(1))
        if owner_name is None:
            continue
        # what the modified noun phrase names
        tok = ctx.sdoc.char_span(m.end(2) + 1, m.end(2) + 2, alignment_mode="expand")
        if tok is None or len(tok) == 0:
            continue
        head = tok[0]
        while head.dep_ in ("compound", "amod") and head.head.i > head.i:
            head = head.head
        subject = ctx.ent(head)
        if subject is None:
            # "a ISIS-tied jihadist, 27-year-old Younis Hunnar"
            ap = next((c for c in head.children if c.dep_ == "appos"), None)
            if ap is not None and ctx.ent(ap) is not None:
                subject = ctx.ent(ap)
        if subject is None and head.lemma_.lower() in ORG_ANAPHORS:
            subject = latest_org_before(ctx, m.start())  # "the Iran-backed group": the group last named
        if subject is None or subject == owner:
            continue
        pred = "part_of" if m.group(2) in _PART and ctx.type(subject) == "ORG" else "allied_with"
        if m.group(2) in _PART and (ctx.type(subject) != "ORG" or (owner is not None and ctx.type(owner) != "ORG")):
            continue  # "a Tutsi-led group" is not part of a people
        end = max(t.idx + len(t) for t in head.subtree)
        name = ctx.name(subject)
        if owner is None and name.startswith(m.group(0)):
            name = name[len(m.group(0)) :].strip() or name  # the gazetteer's "Hamas-run Health Ministry"
        yield Relation(name, pred, owner_name, Span(m.start(), end), subject, owner, rule="hyphenated")


def _actor_name(text: str) -> str | None:
    from ..gazetteer import load_actors

    actor = load_actors().lookup(text)
    return text if actor is not None else None


def affiliation(ctx: Ctx) -> Iterator[Relation]:
    for tok in ctx.sdoc:
        if tok.lemma_.lower() not in ALLY_LEMMAS or tok.pos_ not in ("VERB", "ADJ"):
            continue
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("with", "to")), None)
        if prep is None:
            continue
        objs = objects(ctx, prep, ("ORG", "PERSON"), head_only=True)
        if not objs:
            continue
        subj_tok = _affiliated_subject(ctx, tok)
        if subj_tok is None:
            continue
        subj_ent = ctx.resolve(subj_tok, ("ORG", "PERSON"))
        if subj_ent is None and (subj_tok.pos_ == "PROPN" or subj_tok.lower_ not in GROUP_NOUNS):
            continue  # "fighters linked to X", "people affiliated with X": people, not a body
        subj = ctx.name(subj_ent) if subj_ent is not None else describe(subj_tok)
        if tok.lemma_.lower() == "loyal" and subj_ent is not None and ctx.type(subj_ent) == "ORG":
            # "SPLA forces loyal to President Kiir": the person leads the body
            for o in objs:
                if ctx.type(o) == "PERSON":
                    yield Relation(ctx.name(o), "leader_of", subj, ctx.span(list(tok.subtree) + [subj_tok]), o, subj_ent, rule="affiliation")
            continue
        unit = subj_tok.lemma_.lower() in UNIT_NOUNS or (subj_ent is not None and _unit_name(ctx.name(subj_ent)))
        pred = "part_of" if unit and tok.lemma_.lower() == "affiliate" else "allied_with"
        ev = ctx.span(list(tok.subtree) + [subj_tok] + [t for t in subj_tok.lefts])
        for o in objs:
            if o != subj_ent:
                yield Relation(subj, pred, ctx.name(o), ev, subj_ent, o, rule="affiliation")


def _unit_name(name: str) -> bool:
    return any(w.lower() in UNIT_NOUNS for w in name.split()[:3])


QUANTIFIERS = {"some", "many", "most", "several", "others", "one", "all", "both", "few"}


def _affiliated_subject(ctx: Ctx, tok):
    """Who is allied: the noun the participle modifies, the named group before a
    comma ("the Bureau of X, affiliated with Y"), or, after "some"/"many", the
    plural noun those stand for."""
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    head = subj if subj is not None else (tok.head if tok.dep_ in ("acl", "amod", "relcl", "appos") else None)
    prev = ctx.sdoc[tok.i - 1] if tok.i > tok.sent.start else None
    if head is None and prev is not None and prev.text == ",":
        before = ctx.sdoc[tok.i - 2] if tok.i - 2 >= tok.sent.start else None
        if before is not None and ctx.ent(before) is not None:
            return before
        head = before
    if head is not None and (head.pos_ == "PRON" or head.lower_ in QUANTIFIERS):
        for t in reversed(list(tok.doc[tok.sent.start : head.i])):
            if t.tag_ in ("NNS", "NNPS") and t.pos_ == "NOUN":
                return t
        return None
    if head is not None and (head.pos_ in ("NOUN", "PROPN") or head.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")):
        return head  # (the tagger may take a plural noun for a verb: "SPLA forces loyal to ...")
    return None


def allegiance(ctx: Ctx, claim_sources: dict[int, str]) -> Iterator[Relation]:
    for tok in ctx.sdoc:
        if tok.lemma_.lower() not in ("allegiance", "loyalty", "fealty", "bay'ah", "bayah"):
            continue
        verb = tok.head
        if verb.lemma_.lower() not in ("pledge", "swear", "declare", "announce", "give", "offer", "renew", "vow"):
            continue
        prep = next((c for c in list(tok.children) + list(verb.children) if c.dep_ == "prep" and c.lower_ == "to"), None)
        if prep is None:
            continue
        objs = objects(ctx, prep, ("ORG", "PERSON"))
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None and verb.dep_ in ("xcomp", "advcl", "conj"):
            subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        if subj is None or not objs:
            continue
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ("plan", "intend", "want", "threaten", "expect", "hope", "prepare", "consider", "refuse", "hesitate"):
            continue  # a planned or refused pledge is not a pledge
        if subj.pos_ == "PRON":
            ante = next((t for t in reversed(list(ctx.sdoc[verb.sent.start : subj.i])) if t.tag_ in ("NNS", "NNPS") and t.pos_ == "NOUN"), None)
            name = describe(ante) if ante is not None else claim_sources.get(verb.i)
            if name is None:
                continue
        else:
            e = ctx.ent(subj) if ctx.ent(subj) is not None else _group_of_members(ctx, subj)
            name = ctx.name(e) if e is not None else describe(subj)
        ev = ctx.span([verb, tok] + list(prep.subtree))
        for o in objs:
            if name != ctx.name(o):
                yield Relation(name, "pledged_allegiance_to", ctx.name(o), ev, ctx.ent(subj), o, rule="allegiance")


MEMBER_NOUNS = {"member", "fighter", "militant", "commander", "leader", "loyalist", "supporter", "unit", "faction", "cell"}


def _group_of_members(ctx: Ctx, tok) -> int | None:
    """'members of the ADF', 'ADF members', 'the ADF, whose members ...': the group."""
    if tok.lemma_.lower() not in MEMBER_NOUNS:
        return None
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            objs = objects(ctx, c, ("ORG",))
            if objs:
                return objs[0]
        if c.dep_ in ("compound", "poss", "nmod"):
            e = ctx.ent(c)
            if e is not None and ctx.type(e) == "ORG":
                return e
            if c.lower_ == "whose":
                # the noun the relative clause hangs on
                rel = tok.head
                while rel.dep_ != "relcl" and rel.head is not rel:
                    rel = rel.head
                if rel.dep_ == "relcl":
                    e = ctx.ent(rel.head)
                    if e is not None and ctx.type(e) == "ORG":
                        return e
    return None


_BACKED = {"back", "support", "arm", "fund", "finance", "sponsor", "train", "equip"}


def backed_by(ctx: Ctx) -> Iterator[Relation]:
    """'the group is backed by Rwanda', 'Iran-backed' is done by ``hyphenated``."""
    for tok in ctx.sdoc:
        if tok.lemma_.lower() not in _BACKED or tok.pos_ != "VERB":
            continue
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        if agent is None:
            continue
        objs = objects(ctx, agent, ("ORG", "LOCATION"))
        subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if subj is None and tok.dep_ in ("acl", "amod") and tok.head.pos_ in ("NOUN", "PROPN"):
            subj = tok.head
        if subj is None or not objs:
            continue
        who = ctx.ent(subj)
        if who is None and subj.lemma_.lower() in ORG_ANAPHORS:
            who = latest_org_before(ctx, subj.idx)
        if who is None:
            continue
        ev = ctx.span(list(subj.subtree) + list(agent.subtree) + [tok])
        for o in objs:
            if o != who:
                yield Relation(ctx.name(who), "allied_with", ctx.name(o), ev, who, o, rule="backed_by")


def units(ctx: Ctx) -> Iterator[Relation]:
    """'the Sudanese Armed Forces' 6th Infantry Division', 'the U.N. humanitarian agency OCHA': part_of."""
    doc = ctx.doc
    ms = sorted((m for m in doc.mentions if m.entity is not None and ctx.type(m.entity) == "ORG"), key=lambda m: m.span.start)
    for a, b in zip(ms, ms[1:]):
        if a.entity == b.entity:
            continue
        gap = doc.text[a.span.end : b.span.start]
        # a possessive owner right before the unit, or "<owner> <descriptive noun(s)> <unit>"
        if re.fullmatch(r"['’]s?\s*(?:\([^)]{0,12}\)\s*)?", gap) or re.fullmatch(r"\s+(?:[a-z]+\s+){1,3}", gap) and re.search(r"\b(agency|body|unit|arm|wing|branch|division|command|office|force|committee|commission|mission)\s+$", gap):
            unit_name = doc.entities[b.entity].name
            if not (_unit_name(unit_name) or re.search(r"\b(agency|body|unit|arm|wing|branch|command|office|mission)\s+$", gap)):
                continue
            yield Relation(unit_name, "part_of", ctx.name(a.entity), Span(a.span.start, b.span.end), b.entity, a.entity, rule="unit")
