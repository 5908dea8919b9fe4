"""Relation patterns on the dependency parse and the article's entities.

Each function reads one construction and yields ``Relation`` objects:

- ``roles``        "Mushir al Masri, a spokesman for Hamas" (spokesperson_of),
                   "X, a leader of a Salafi group" (leader_of), "X, an aide to Y",
                   "X, an ISIS member" (member_of);
- ``wings``        "Hamas's so-called military wing, the Al Qassam Brigades" (part_of);
- ``hyphenated``   "the Hamas-controlled Ministry of Interior" (part_of),
                   "a ISIS-tied jihadist, Younis Hunnar" (allied_with);
- ``affiliation``  "Salafist groups allied with ISIS", "some linked to Al-Qaeda and
                   ISIS" (allied_with), "the Information Bureau ..., affiliated with
                   ISIS" (part_of, a unit of it);
- ``allegiance``   "they declared their allegiance to ISIS" (pledged_allegiance_to);
- ``hostility``    "declared war on Israel and Hamas", "“Israel is our enemy,” said
                   X" (hostile_to, for the speaker's organisation);
- ``located``      "Aleppo, the second largest city of Syria", "Aleppo, Syria", "the
                   Egyptian newspaper Al-Masry Al-Youm" (located_in).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..gazetteer import country_by_iso, country_by_name, demonym_country
from ..model import Doc, Relation, Span

ROLE_PREDICATE = {
    "spokesman": "spokesperson_of", "spokeswoman": "spokesperson_of", "spokesperson": "spokesperson_of",
    "leader": "leader_of", "head": "leader_of", "chief": "leader_of", "commander": "leader_of", "founder": "leader_of",
    "emir": "leader_of", "chairman": "leader_of", "ringleader": "leader_of", "boss": "leader_of",
    "member": "member_of", "fighter": "member_of", "militant": "member_of", "aide": "member_of", "adviser": "member_of",
    "advisor": "member_of", "deputy": "member_of", "official": "member_of", "operative": "member_of", "officer": "member_of",
    "soldier": "member_of", "activist": "member_of", "loyalist": "member_of", "recruit": "member_of",
}
UNIT_NOUNS = {"wing", "arm", "branch", "unit", "division", "faction", "offshoot", "bureau", "office", "cell", "battalion", "brigade", "province", "department", "ministry", "agency", "media"}
ALLY_LEMMAS = {"ally", "link", "affiliate", "tie", "align", "associate", "connect", "loyal"}
HOSTILE_VERBS = {"declare": "war", "wage": "war"}
NON_CLASSIFYING = {"rival", "other", "various", "several", "many", "some", "new", "old", "former", "small", "large", "big", "main", "major", "minor", "certain", "different", "numerous", "few", "such", "dozens", "most", "local", "both", "all", "more", "fellow"}
GROUP_NOUNS = {"group", "groups", "faction", "factions", "organization", "organizations", "organisation", "organisations", "movement", "militia", "militias", "network", "cell", "cells", "outfit", "brigade", "brigades"}
SETTLEMENT_NOUNS = {"city", "town", "village", "capital", "province", "region", "district", "state", "governorate", "port", "area", "oasis", "suburb", "neighbourhood", "neighborhood", "camp"}


class Ctx:
    """What the patterns share: the doc, entity look-ups by token."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.sdoc = doc.nlp
        self.tok_ent: dict[int, int] = {}
        for m in doc.mentions:
            if m.entity is None:
                continue
            span = self.sdoc.char_span(m.span.start, m.span.end, alignment_mode="expand")
            if span is not None:
                for t in span:
                    self.tok_ent.setdefault(t.i, m.entity)

    def ent(self, tok) -> int | None:
        return self.tok_ent.get(tok.i)

    def name(self, idx: int) -> str:
        return self.doc.entities[idx].name

    def type(self, idx: int) -> str:
        return self.doc.entities[idx].type

    def ent_in(self, tok, types=("ORG", "PERSON", "LOCATION")) -> int | None:
        """The entity a phrase names: its head, else a compound/possessive inside it."""
        e = self.ent(tok)
        if e is not None and self.type(e) in types:
            return e
        for c in tok.children:
            if c.dep_ in ("compound", "poss", "nmod", "amod") and c.i < tok.i:
                e = self.ent(c)
                if e is not None and self.type(e) in types:
                    return e
        return None

    def span(self, toks) -> Span:
        toks = list(toks)
        return Span(min(t.idx for t in toks), max(t.idx + len(t) for t in toks))

    def sentence_span(self, tok) -> Span:
        return Span(tok.sent.start_char, tok.sent.end_char)


def describe(tok) -> str:
    """A short description of an unnamed group: the classifying words before the head
    ('rival Salafist groups' -> 'Salafist groups', 'masked militiamen')."""
    words = [tok.text]
    i = tok.i - 1
    while i >= tok.sent.start:
        t = tok.doc[i]
        if t.is_punct or t.pos_ in ("DET", "PRON", "ADP", "NUM", "CCONJ") or t.lower_ in NON_CLASSIFYING or t.like_num:
            break
        if t.pos_ not in ("ADJ", "NOUN", "PROPN", "VERB") or (t.pos_ == "VERB" and t.tag_ not in ("VBN", "VBD")):
            break
        words.insert(0, t.text)
        i -= 1
        if i - 1 >= tok.sent.start and tok.doc[i].text == "-" and not tok.doc[i].whitespace_:
            words.insert(0, tok.doc[i - 1].text + "-")  # "Gaza-based"
            words[0:2] = [words[0] + words[1]]
            i -= 2
    return " ".join(words)


def conj_expand(tok) -> list:
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj":
            out.extend(conj_expand(c))
    return out


def _objects(ctx: Ctx, prep, types=("ORG", "PERSON", "LOCATION"), head_only: bool = False) -> list[int]:
    """Entities a preposition's objects name ('to Al-Qaeda and ISIS'); with ``head_only``
    'with ISIS ideology' names none (ISIS only modifies the noun)."""
    out = []
    for pobj in (c for c in prep.children if c.dep_ == "pobj"):
        for t in conj_expand(pobj):
            e = ctx.ent(t) if head_only else ctx.ent_in(t, types)
            if e is not None and ctx.type(e) not in types:
                e = None
            if e is not None and e not in out:
                out.append(e)
    return out


# -- roles ---------------------------------------------------------------------


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
            objs = _objects(ctx, prep, ("ORG", "PERSON"))
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


# -- units and hyphenated modifiers -------------------------------------------------


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


def _mention_start(ctx: Ctx, ent: int, near) -> int:
    toks = _mention_tokens(ctx, ent, near)
    return ctx.sdoc[toks[0]].idx if toks else near.idx


_HYPHEN = re.compile(r"\b((?!(?:The|A|An) )(?:[Aa]l-)?[A-Z][\w'’]*(?: [A-Z][\w'’]*)?)-(controlled|run|led|backed|allied|linked|tied|affiliated|aligned|supported|sponsored|funded)\b")
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
        if subject is None or subject == owner:
            continue
        pred = "part_of" if m.group(2) in _PART and ctx.type(subject) == "ORG" else "allied_with"
        if m.group(2) in _PART and ctx.type(subject) != "ORG":
            continue
        end = max(t.idx + len(t) for t in head.subtree)
        name = ctx.name(subject)
        if owner is None and name.startswith(m.group(0)):
            name = name[len(m.group(0)) :].strip() or name  # the gazetteer's "Hamas-run Health Ministry"
        yield Relation(name, pred, owner_name, Span(m.start(), end), subject, owner, rule="hyphenated")


def _actor_name(text: str) -> str | None:
    from ..gazetteer import load_actors

    actor = load_actors().lookup(text)
    return text if actor is not None else None


# -- affiliation, allegiance, hostility --------------------------------------------------


def affiliation(ctx: Ctx) -> Iterator[Relation]:
    for tok in ctx.sdoc:
        if tok.lemma_.lower() not in ALLY_LEMMAS or tok.pos_ not in ("VERB", "ADJ"):
            continue
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("with", "to")), None)
        if prep is None:
            continue
        objs = _objects(ctx, prep, ("ORG", "PERSON"), head_only=True)
        if not objs:
            continue
        subj_tok = _affiliated_subject(ctx, tok)
        if subj_tok is None:
            continue
        subj_ent = ctx.ent(subj_tok)
        subj = ctx.name(subj_ent) if subj_ent is not None else describe(subj_tok)
        if subj_ent is None and subj_tok.pos_ == "PROPN":
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
    return head if head is not None and head.pos_ in ("NOUN", "PROPN") else None


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
        objs = _objects(ctx, prep, ("ORG", "PERSON"))
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
            objs = _objects(ctx, c, ("ORG",))
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
            for o in _objects(ctx, prep, ("ORG", "LOCATION")):
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


# -- places ------------------------------------------------------------------------


def located(ctx: Ctx) -> Iterator[Relation]:
    doc = ctx.doc
    locs = {i for i, e in enumerate(doc.entities) if e.type == "LOCATION"}
    for m in doc.mentions:
        if m.entity not in locs:
            continue
        after = doc.text[m.span.end : m.span.end + 80]
        # "Aleppo, Syria" / "Aleppo, the second largest city of Syria"
        mm = re.match(r",\s+(?:the\s+(?:[\w-]+\s+){0,3}?(?:" + "|".join(SETTLEMENT_NOUNS) + r")\s+(?:of|in)\s+)?", after)
        if not mm or mm.end() == 0:
            continue
        pos = m.span.end + mm.end()
        outer = doc.entity_at(Span(pos, pos + 3))
        if outer is None or outer not in locs or outer == m.entity:
            continue
        if not mm.group(0).strip(", ") and not _is_country(doc.entities[outer].name, doc.entities[outer]):
            continue
        om = next(x for x in doc.mentions if x.entity == outer and x.span.start >= pos)
        yield Relation(ctx.name(m.entity), "located_in", ctx.name(outer), Span(m.span.start, om.span.end), m.entity, outer, rule="located")
    # "the Egyptian newspaper Al-Masry Al-Youm": an organisation of that country
    for m in re.finditer(r"\bthe ([A-Z][a-z]+) (newspaper|daily|broadcaster|channel|agency|news agency|outlet|television|radio|weekly|group|militia|movement|party)\s+", doc.text):
        iso = demonym_country(m.group(1))
        org = doc.entity_at(Span(m.end(), m.end() + 3))
        if iso is None or org is None or doc.entities[org].type != "ORG":
            continue
        country = country_by_iso(iso)
        if country is None:
            continue
        om = next(x for x in doc.mentions if x.entity == org and x.span.start >= m.end())
        name = next((e.name for e in doc.entities if e.type == "LOCATION" and e.geo and e.geo.country == iso and e.geo.precision == 3 and country_by_name(e.name)), country.name)
        yield Relation(ctx.name(org), "located_in", name, Span(m.start(), om.span.end), org, None, rule="located")


def _is_country(name: str, ent) -> bool:
    return country_by_name(name) is not None or (ent.geo is not None and ent.geo.precision == 3)
