"""Between groups: part_of (wings, units, missions, controlled bodies), allied_with (allies,
affiliates, backers, "pro-X", support received), pledged_allegiance_to."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..gazetteer import country_by_name, demonym_country, load_actors
from ..model import Relation, Span
from ..parsing import conjuncts
from .common import ALLY_LEMMAS, GROUP_NOUNS, ORG_ANAPHORS, UNIT_NOUNS, Ctx, coordinated, describe, latest_org_before, objects

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
_PART = {"controlled", "run"}


def hyphenated(ctx: Ctx) -> Iterator[Relation]:
    text = ctx.doc.text
    for m in _HYPHEN.finditer(text):
        owner = next((x.entity for x in ctx.doc.mentions if x.entity is not None and m.start(1) <= x.span.start and x.span.end <= m.end(1)), None)
        if owner is None:
            owner = next((e for e in range(len(ctx.doc.entities)) if m.group(1) in ctx.doc.entities[e].forms()), None)
        if owner is None:
            iso = demonym_country(m.group(1))
            owner = ctx.country_entity(iso) if iso else None  # "Saudi-backed": Saudi Arabia, when the article names it
        # the owner is one of the article's entities, or an organisation the gazetteer knows named
        # inside another's name ("the Hamas-run Health Ministry")
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
        if m.group(2) in _PART | {"led"} and (ctx.type(subject) != "ORG" or (owner is not None and ctx.type(owner) not in ("ORG", "LOCATION"))):
            continue  # "a Tutsi-led group" is not part of a people
        if m.group(2) in _PART and owner is not None and ctx.type(owner) != "ORG":
            continue
        if m.group(2) == "led":
            if owner is None:
                continue
            # "the Saudi-led coalition": the leader leads it
            yield Relation(owner_name, "leader_of", ctx.name(subject), Span(m.start(), max(t.idx + len(t) for t in head.subtree)), owner, subject, rule="hyphenated")
            continue
        end = max(t.idx + len(t) for t in head.subtree)
        name = ctx.name(subject)
        if name.startswith(m.group(0)):
            name = name[len(m.group(0)) :].strip() or name  # the gazetteer's "Hamas-run Health Ministry"
        yield Relation(name, pred, owner_name, Span(m.start(), end), subject, owner, rule="hyphenated")


def _first_mention(doc, i: int) -> Span:
    m = next((doc.mentions[k] for k in doc.entities[i].mentions), None)
    return m.span if m is not None else Span(0, 0)


def _actor_name(text: str) -> str | None:
    actor = load_actors().lookup(text)
    return actor.name if actor is not None else None


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
            # "LNA forces loyal to General Haftar": the person leads the body
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


UNIT_WORDS = r"agency|body|unit|arm|wing|branch|division|command|office|force|committee|commission|mission|council|ministry|department|bureau|programme|program|fund|court|battalion|brigade|regiment|corps|directorate|service"
NOT_PARTS = {"outlet"}


def backs(ctx: Ctx) -> Iterator[Relation]:
    """'Egypt and Saudi Arabia, which back the army': the body backed is allied with its backers
    (as with 'backed by')."""
    for tok in ctx.sdoc:
        if tok.lemma_.lower() not in _BACKED or tok.pos_ != "VERB" or any(c.dep_ in ("auxpass", "neg") for c in tok.children):
            continue
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if obj is None or subj is None:
            continue
        if subj.lower_ in ("which", "who", "that") and tok.dep_ == "relcl":
            subj = tok.head
        backed = ctx.resolve(obj, ("ORG", "PERSON"))
        if backed is None:
            continue
        ev = ctx.span([tok, *obj.subtree, subj])
        for b in coordinated(subj):
            e = ctx.resolve(b, ("ORG", "LOCATION"))
            if e is not None and e != backed:
                yield Relation(ctx.name(backed), "allied_with", ctx.name(e), ev, backed, e, rule="backed_by")


def units(ctx: Ctx) -> Iterator[Relation]:
    """'the Sudanese Armed Forces' 6th Infantry Division', 'NATO's ISAF', 'the UN's MINUSCA
    mission', 'the U.N. humanitarian agency OCHA', 'the UN migration agency': part_of."""
    doc = ctx.doc
    ms = sorted((m for m in doc.mentions if m.entity is not None and ctx.type(m.entity) == "ORG"), key=lambda m: m.span.start)
    for a, b in zip(ms, ms[1:]):
        if a.entity == b.entity or {doc.entities[a.entity].kind, doc.entities[b.entity].kind} & NOT_PARTS:
            continue
        gap = doc.text[a.span.end : b.span.start]
        after = doc.text[b.span.end : b.span.end + 20]
        # a possessive owner right before the unit, or "<owner> <descriptive noun(s)> <unit>"
        if re.fullmatch(r"['’]s?[ \t]*(?:\([^)]{0,12}\)[ \t]*)?", gap):
            if re.match(r"\s+(?:rulers|leaders|fighters|militants|members|officials|supporters|commanders|chief|leader|spokes\w+)\b", after):
                continue  # "Hamas's Qassam commanders" are people
        elif not (re.fullmatch(r"[ \t]+(?:[a-z]+[ \t]+){1,3}", gap) and re.search(r"\b(?:" + UNIT_WORDS + r")[ \t]+$", gap)):
            continue
        yield Relation(ctx.name(b.entity), "part_of", ctx.name(a.entity), Span(a.span.start, b.span.end), b.entity, a.entity, rule="unit")
    # "the UN human rights office": a body named after the organisation it belongs to
    for i, e in enumerate(doc.entities):
        # the entity's longest form that is a unit's name ("OCHA" is "the UN Office for ...")
        unit = next((f for f in sorted(e.forms(), key=len, reverse=True) if re.search(r"\b(?:" + UNIT_WORDS + r")$", f, re.I) or re.search(r"\b(?:" + UNIT_WORDS + r") (?:in|for|to|on|of) ", f, re.I)), None)
        if e.type != "ORG" or unit is None or not unit.split():
            continue
        first = unit.split()[0]
        known = load_actors().lookup(first) if first.isupper() else None  # "UN ...": the gazetteer's UN
        for j, o in enumerate(doc.entities):
            if j == i or o.type != "ORG" or o.kind in NOT_PARTS:
                continue
            form = next((f for f in o.forms() if len(f) >= 2 and unit.startswith(f + " ") and len(unit) > len(f) + 4), None)
            if form is None and known is not None and o.kb_id == known.id:
                form = first
            if form is not None and not re.match(r"(?:" + UNIT_WORDS + r")$", unit[len(form) + 1 :], re.I):
                yield Relation(e.name, "part_of", o.name, _first_mention(doc, i), i, j, rule="unit")
                break
        else:
            # the organisation is named only inside the body's name ("the UN Mission in South
            # Sudan"): the gazetteer's name for it
            if known is not None and known.kind in ("intl_org", "government", "armed_group", "state_force") and len(unit) > len(first) + 4 and known.name != e.name:
                yield Relation(e.name, "part_of", known.name, _first_mention(doc, i), i, None, rule="unit")


# A noun that makes one body another's part or ally: "Hezbollah, a Hamas ally", "X, the
# backbone of Y", "WFP, the United Nations' food agency", "X is the main ally of Y".
BODY_NOUNS = {
    "wing": "part_of", "arm": "part_of", "branch": "part_of", "unit": "part_of", "agency": "part_of",
    "mission": "part_of", "office": "part_of", "backbone": "part_of", "core": "part_of", "division": "part_of",
    "department": "part_of", "ministry": "part_of", "organ": "part_of", "subsidiary": "part_of", "battalion": "part_of",
    "brigade": "part_of", "command": "part_of", "component": "part_of", "affiliate": "allied_with", "ally": "allied_with",
    "partner": "allied_with", "proxy": "allied_with", "backer": "allied_with", "sponsor": "allied_with",
    "force": "part_of", "operation": "part_of", "part": "part_of", "member": "member_of",
}


def body_nouns(ctx: Ctx) -> Iterator[Relation]:
    for tok in ctx.sdoc:
        pred = BODY_NOUNS.get(tok.lemma_.lower())
        if pred is None or tok.pos_ != "NOUN" or tok.tag_ == "NNS" or ctx.ent(tok) is not None:
            continue  # (a noun inside a name, "the Military Wing", is no description of another)
        holder = _org_holder(ctx, tok)
        if holder is None or (pred == "part_of" and ctx.type(holder) != "ORG"):
            continue
        other = None
        for t in reversed(list(ctx.sdoc[tok.left_edge.i : tok.i])):
            e = ctx.ent(t)
            if e is not None and e != holder and ctx.type(e) in ("ORG", "LOCATION"):
                other = e  # "a Hamas ally", "the United Nations' food agency"
                break
        if other is None:
            for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "to", "for")):
                objs = [o for o in objects(ctx, prep, ("ORG", "LOCATION")) if o != holder]
                if objs:
                    other = objs[0]
                    break
        if other is None or (pred in ("part_of", "member_of") and ctx.type(other) != "ORG"):
            continue
        ev = ctx.span([t for t in tok.subtree] + [ctx.sdoc[i] for i in ctx.mention_tokens(holder, tok)])
        yield Relation(ctx.name(holder), pred, ctx.name(other), ev, holder, other, rule="body")


def _org_holder(ctx: Ctx, tok) -> int | None:
    """The organisation a noun describes: in apposition ("X, a Y ally"), as a copula's
    subject ("X is the main ally of Y"), or named right before the comma."""
    def org(t):
        e = ctx.ent(t)
        return e if e is not None and ctx.type(e) in ("ORG", "LOCATION") else None

    if tok.dep_ == "appos" and org(tok.head) is not None:
        return org(tok.head)
    # "the UN peacekeeping force in southern Lebanon, UNIFIL": the name in apposition after it
    for c in tok.children:
        if c.dep_ == "appos" and c.i > tok.i and org(c) is not None and ctx.sdoc[c.left_edge.i - 1].text == ",":
            return org(c)
    if tok.dep_ == "attr" and tok.head.lemma_ == "be":
        subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
        if subj is not None and org(subj) is not None:
            return org(subj)
    i = tok.left_edge.i - 1
    if i > tok.sent.start and ctx.sdoc[i].text == "," and _np_start(ctx, tok):
        i -= 1
        if ctx.sdoc[i].text == ")":
            while i > tok.sent.start and ctx.sdoc[i].text != "(":
                i -= 1
            i -= 1
        e = org(ctx.sdoc[i])
        if e is not None and tok.dep_ not in ("dobj", "pobj"):
            return e
    return None


def _np_start(ctx: Ctx, tok) -> bool:
    """The phrase before ``tok`` is a plain description ("a Hamas ally", "the main ally"),
    not a clause of its own."""
    first = ctx.sdoc[tok.left_edge.i]
    return first.pos_ == "DET" or ctx.ent(first) is not None or first.dep_ in ("amod", "compound", "poss")


_PRO = re.compile(r"\bpro-([A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*|government|regime)\b")


def pro(ctx: Ctx) -> Iterator[Relation]:
    """'the pro-Iran group', 'pro-government militias': the body named sides with X."""
    for m in _PRO.finditer(ctx.doc.text):
        word = m.group(1)
        if word in ("government", "regime"):
            ally = ctx.institution("government")
        else:
            ally = next((i for i, e in enumerate(ctx.doc.entities) if word in e.forms() and e.type in ("ORG", "LOCATION", "PERSON")), None)
            if ally is None and demonym_country(word):
                ally = ctx.country_entity(demonym_country(word))
        if ally is None:
            continue
        head = next((t for t in ctx.sdoc if t.idx > m.end() and not t.is_punct), None)
        if head is None:
            continue
        while head.dep_ in ("compound", "amod") and head.head.i > head.i:
            head = head.head
        who = ctx.ent(head)
        if who is None and head.dep_ == "appos":
            who = ctx.resolve(head.head, ("ORG",))  # "X, a pro-government militia"
        if who is None and head.lemma_.lower() in ORG_ANAPHORS | {"group"} and any(c.lower_ in ("the", "this") for c in head.children):
            who = latest_org_before(ctx, m.start(), topic=True)  # "the pro-Iran group": the group the text is about
        if who is None or who == ally:
            continue
        yield Relation(ctx.name(who), "allied_with", ctx.name(ally), Span(m.start(), head.idx + len(head)), who, ally, rule="pro")


_SUPPORT_NOUNS = {"support", "backing", "aid", "assistance", "help", "protection"}
_RECEIVE_VERBS = {"rely", "receive", "get", "enjoy", "depend", "count", "have", "win", "secure"}


def support_from(ctx: Ctx) -> Iterator[Relation]:
    """'X relies on military support from Y as well as Z': X is allied with Y and Z."""
    for tok in ctx.sdoc:
        if tok.lemma_.lower() not in _SUPPORT_NOUNS or tok.pos_ != "NOUN":
            continue
        frm = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "from"), None)
        if frm is None:
            continue
        verb = tok.head.head if tok.dep_ == "pobj" else tok.head
        if verb.lemma_.lower() not in _RECEIVE_VERBS:
            continue
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        who = ctx.resolve(subj, ("ORG", "PERSON", "LOCATION")) if subj is not None else None
        if who is None:
            continue
        givers = []
        for pobj in (c for c in frm.children if c.dep_ == "pobj"):
            givers.extend(coordinated(pobj))
        ev = ctx.span([verb, *tok.subtree])
        for g in givers:
            e = ctx.resolve(g, ("ORG", "LOCATION", "PERSON"))
            if e is not None and e != who:
                yield Relation(ctx.name(who), "allied_with", ctx.name(e), ev, who, e, rule="support")


def in_support_of(ctx: Ctx) -> Iterator[Relation]:
    """'In support of X, Y aircraft struck ...', 'Y deployed troops in support of X': Y sides with X."""
    for tok in ctx.sdoc:
        if tok.lemma_.lower() not in ("support", "backing") or tok.dep_ != "pobj" or tok.head.lower_ != "in":
            continue
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        verb = tok.head.head
        if of is None or verb.pos_ != "VERB":
            continue
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        who = ctx.resolve(subj, ("ORG", "LOCATION")) if subj is not None else None
        if who is None:
            continue
        ev = ctx.span([t for t in verb.subtree if t.sent == verb.sent])
        for pobj in (c for c in of.children if c.dep_ == "pobj"):
            for g in coordinated(pobj):
                e = ctx.resolve(g, ("ORG", "LOCATION"))
                if e is not None and e != who and ctx.type(e) == "ORG":
                    yield Relation(ctx.name(who), "allied_with", ctx.name(e), ev, who, e, rule="support")


_WITH_SUPPORT = {"support", "backing", "help", "assistance", "aid", "cover"}
_PARTY = ("ORG", "LOCATION")


def _party_of(ctx: Ctx, tok) -> int | None:
    """An organisation or a country a phrase names ("Wagner fighters", "the army", "Chad")."""
    e = ctx.resolve(tok, _PARTY)
    if e is not None and ctx.type(e) == "LOCATION" and country_by_name(ctx.name(e)) is None:
        return None  # a town is no side
    if e is None and tok.lemma_.lower() in ORG_ANAPHORS and any(c.lower_ in ("the", "this") for c in tok.children):
        e = latest_org_before(ctx, tok.idx)
    return e


def alongside(ctx: Ctx) -> Iterator[Relation]:
    """Sides that act together: 'X fought alongside Y', 'X, with the support of Y, retook the
    town', 'X retook the town with support from Y' / 'with Y's backing': X is allied with Y."""
    for tok in ctx.sdoc:
        if tok.dep_ != "prep" or tok.head.pos_ not in ("VERB", "NOUN", "PROPN"):
            continue
        verb = tok.head
        givers = []
        if tok.lower_ == "alongside":
            givers = [g for c in tok.children if c.dep_ == "pobj" for g in coordinated(c)]
        elif tok.lower_ == "with":
            for noun in (c for c in tok.children if c.dep_ == "pobj" and c.lemma_.lower() in _WITH_SUPPORT):
                givers += [c for c in noun.children if c.dep_ == "poss"]
                for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "from")):
                    givers += [g for c in prep.children if c.dep_ == "pobj" for g in coordinated(c)]
        if not givers:
            continue
        if verb.pos_ in ("NOUN", "PROPN") and verb.dep_ in ("nsubj", "nsubjpass") and verb.head.pos_ == "VERB":
            subj, verb = verb, verb.head  # "X, with the support of Y, retook ...": "with" hangs on X
        else:
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.pos_ == "PRON" or any(c.dep_ == "neg" for c in verb.children):
            continue
        ev = ctx.span([t for t in verb.subtree if t.sent == verb.sent])
        for s in coordinated(subj):
            who = _party_of(ctx, s)
            if who is None:
                continue
            for g in givers:
                e = _party_of(ctx, g)
                if e is not None and e != who:
                    yield Relation(ctx.name(who), "allied_with", ctx.name(e), ev, who, e, rule="alongside")
