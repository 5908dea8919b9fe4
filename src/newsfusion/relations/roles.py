"""Roles: spokesperson_of, leader_of, member_of from a grammar of role nouns.

A role noun ("spokesman", "governor", "minister", "commander", ``ROLES``) ties
the person it describes (its holder) to a body; both are read off the
dependency parse, in any order:

| holder | example |
|---|---|
| title before the name (compound) | "army spokesman Col. X", "Defence Minister X", "Kunar governor X" |
| apposition after the name | "X, a spokesman for Y", "X, Y's military spokesman" |
| apposition before the name | "the mayor of Z, X", "spokesman for Y, X" |
| copula | "X is the leader of Y", "the three soldiers are Sgt. A, Sgt. B and C" |

| body | example |
|---|---|
| a name modifying the role | "a Hamas official", "MINUSCA spokesman" |
| a possessive | "al Shabaab's spokesman", "the country's minister of information", "his spokesman" |
| a preposition's object, through nouns that name none | "spokesman for the army", "Chief of Defence Staff of the FARDC" |
| a common noun for a national institution | "army spokesman", "police spokeswoman", "a military officer" |
| the body the role implies | a minister or president: the government; a governor or mayor: the place |

Besides role nouns: "ORG's X" (member_of), "X of ORG" after a title
("Lieutenant General X of the Indian army"), "Y, led by X" / "X, who leads Y"
(leader_of) and "Y, whose leader, X".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Relation, Span
from ..parsing import conjuncts
from .hostility import ACT_VERBS
from .common import DEPUTY_WORDS, FORMER_WORDS, GROUP_NOUNS, RANKS, ROLES, Ctx, latest_org_before, latest_person_before

TITLE_ABBREVIATIONS = {"gov.": "governor", "gov": "governor", "pres.": "president", "sen.": "senator", "rep.": "representative", "cmdr.": "commander", "cdr.": "commander"}
# Portfolios: "Defence Minister", "Interior Ministry spokesman" name a post, not the body.
PORTFOLIOS = {
    "defence", "defense", "interior", "foreign", "finance", "information", "justice", "health", "communication",
    "communications", "security", "education", "agriculture", "home", "energy", "trade", "economy", "labour", "labor",
    "transport", "culture", "tourism", "environment", "water", "oil", "mines", "petroleum", "war", "state",
}
SERVICE_WORDS = {"navy", "air", "force", "marine", "marines", "coast", "guard", "naval"}
SERVICES = {"sgt", "gen", "col", "lt", "capt", "maj", "army", "police"} | SERVICE_WORDS
LEAD_VERBS = {"lead", "head", "command", "run", "chair", "found"}
PERSON_BODY_ROLES = {"spokesperson_of"}
PERSON_BODY_NOUNS = {"aide", "adviser", "advisor", "secretary"}


def role_of(tok) -> tuple[str, str | None] | None:
    """The role a noun names, as (predicate, implied body), or None."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    low = tok.lower_
    word = TITLE_ABBREVIATIONS.get(low) or tok.lemma_.lower()
    if tok.pos_ == "PROPN" and tok.text[:1].isupper() and word not in ROLES:
        word = low
    role = ROLES.get(word)
    if role is None:
        return None
    pred, body = role
    mods = {c.lower_ for c in tok.children if c.dep_ in ("amod", "compound", "nmod", "advmod")}
    prev = tok.doc[tok.i - 1].lower_ if tok.i > 0 else ""
    after = [t.lower_ for t in tok.doc[tok.i + 1 : tok.i + 3]]
    if word in ("secretary", "director") and (after[:1] == ["general"] or after[:2] == ["-", "general"]):
        return "leader_of", None  # "Secretary-General", "Director General"
    deputy = bool(mods & DEPUTY_WORDS) or prev in DEPUTY_WORDS or prev.rstrip("-") in DEPUTY_WORDS
    if word == "minister" and ("prime" in mods or prev == "prime"):
        prev2 = tok.doc[tok.i - 2].lower_ if tok.i > 1 else ""
        deputy = deputy or prev2 in DEPUTY_WORDS
        return ("member_of" if deputy else "leader_of"), "government"
    if pred == "leader_of" and deputy:
        return "member_of", body
    if word == "chief" and ("police" in mods or prev == "police"):
        return "member_of", "police"  # police chiefs are members of the national police
    return pred, body


def _former(tok) -> bool:
    """A role the holder no longer has ("former police officer", "the late leader")."""
    for c in tok.children:
        if c.lower_ in FORMER_WORDS or (c.dep_ in ("amod", "advmod") and c.lower_.startswith("ex")):
            return True
    i = tok.i - 1
    while i >= tok.sent.start and tok.doc[i].pos_ in ("ADJ", "NOUN", "PROPN", "PUNCT", "ADV") and tok.doc[i].text not in (",", "(", ")"):
        if tok.doc[i].lower_ in FORMER_WORDS:
            return True
        i -= 1
    return False


# Verbs that give their subject the role their complement names ("X became the leader of Y",
# "X was named its spokesman"), and those that do through "as" ("X took over as leader of Y").
BECOME_VERBS = {"be", "become", "remain", "name", "appoint", "elect", "make", "choose", "select", "install", "confirm"}
AS_VERBS = {"succeed", "take", "serve", "replace", "act", "return", "emerge", "join", "continue"}


def _person(ctx: Ctx, tok) -> int | None:
    e = ctx.ent(tok)
    if e is None or ctx.type(e) != "PERSON":
        return None
    if all(w.lower().rstrip(".") in RANKS | SERVICES for w in ctx.name(e).split()):
        return None  # "Second Sgt": a rank the recogniser took for a name
    return e


def holder(ctx: Ctx, role) -> int | None:
    """The person a role noun describes."""
    e = _person(ctx, role)
    if e is not None:
        return e  # the title is inside the person's mention ("Minister Jorge Arturo Mendez")
    # a title before the name: "army spokesman Col. X" (role -> compound -> ... -> X)
    head = role
    while head.dep_ == "compound" and head.head.i > head.i:
        head = head.head
        e = _person(ctx, head)
        if e is not None:
            return e
    # "X, a spokesman for Y": the role in apposition to the name
    if role.dep_ == "appos":
        e = _person(ctx, role.head)
        if e is not None:
            return e
    # "the mayor of Z, X" / "spokesman for Y, X": the name in apposition to the role phrase
    for t in role.subtree:
        # (the parser may take "Z, X" for a list: X a conjunct of the place or body)
        appos = t.dep_ == "appos" or (t.dep_ == "conj" and t.head.dep_ == "pobj" and t.head.head.head == role and _person(ctx, t.head) is None)
        # "army spokesman, Colonel X": the name taken for a conjunct of the role
        appos = appos or (t.dep_ == "conj" and t.head == role and not any(c.dep_ == "cc" for c in role.children))
        if appos and t.i > role.i and (ctx.sdoc[t.left_edge.i - 1].text == "," or (t.dep_ == "appos" and t.head == role and t.left_edge.i == role.i + 1)):
            e = _person(ctx, t)
            if e is not None and not _between_other_role(ctx, role, t):
                return e
    # "Director of Defence Media Operations, Major General X, said": the name after the
    # role's phrase when the parser hung it elsewhere
    end = max(t.i for t in role.subtree)
    if ctx.ent(ctx.sdoc[end]) is not None:
        e_end = ctx.ent(ctx.sdoc[end])
        while end + 1 < len(ctx.sdoc) and ctx.ent(ctx.sdoc[end + 1]) == e_end:
            end += 1
    if end + 2 < len(ctx.sdoc) and ctx.sdoc[end + 1].text == "," and role.i == role.left_edge.i and (role.i == role.sent.start or ctx.sdoc[role.i - 1].pos_ == "DET"):
        nxt = ctx.sdoc[end + 2]
        while nxt.i + 1 < len(ctx.sdoc) and nxt.lower_.rstrip(".") in RANKS and ctx.ent(nxt) is None:
            nxt = ctx.sdoc[nxt.i + 1]
        e = _person(ctx, nxt)
        if e is not None:
            return e
    # "the RSF's commander X said": the parser made the title and the name two subjects of
    # one verb; the name right after the title (ranks skipped) is its holder
    nxt = role.i + 1
    while nxt < len(ctx.sdoc) and ctx.sdoc[nxt].lower_.rstrip(".") in RANKS and ctx.ent(ctx.sdoc[nxt]) is None:
        nxt += 1
    if role.dep_ in ("nsubj", "nsubjpass", "dobj") and nxt < len(ctx.sdoc):
        e = _person(ctx, ctx.sdoc[nxt])
        name_head = ctx.sdoc[nxt]
        while name_head.dep_ in ("compound", "flat") and name_head.head.i > name_head.i and ctx.ent(name_head.head) == e:
            name_head = name_head.head
        if e is not None and name_head.head == role.head and name_head.dep_ == role.dep_:
            return e
    # "X is the leader of Y", "X became the leader of Y", "X was named (as) the new leader of
    # Y", "X succeeded his brother as leader of Y", "X serves as Y's spokesman"
    verb = None
    if role.dep_ in ("attr", "oprd", "dobj") and role.head.lemma_.lower() in BECOME_VERBS:
        verb = role.head
    elif role.dep_ == "pobj" and role.head.lower_ == "as" and role.head.head.lemma_.lower() in BECOME_VERBS | AS_VERBS:
        verb = role.head.head
    if verb is not None and (role.dep_ != "dobj" or any(c.dep_ == "nsubjpass" for c in verb.children)):
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            e = _person(ctx, subj)
            if e is not None:
                return e
    # "X (Palestinian X), an ISIS member": the person right before the comma
    i = role.left_edge.i - 1
    if i >= 0 and ctx.sdoc[i].text == "," and role.dep_ not in ("pobj", "dobj"):
        i -= 1
        if i >= 0 and ctx.sdoc[i].text in (")", "]"):
            while i >= 0 and ctx.sdoc[i].text not in ("(", "["):
                i -= 1
            i -= 1
        e = _person(ctx, ctx.sdoc[i]) if i >= 0 else None
        # a role that is a subject of its own is an apposition only when the name is a
        # subject of the same verb (the parser's reading of "X, a member, was ...")
        if e is not None and (role.dep_ not in ("nsubj", "nsubjpass") or _subject_of(ctx.sdoc[i], role.head)):
            return e
    return None


def _subject_of(tok, verb) -> bool:
    while tok.dep_ in ("compound", "flat") and tok.head is not tok:
        tok = tok.head
    return tok.head == verb and tok.dep_ in ("nsubj", "nsubjpass")


def _between_other_role(ctx: Ctx, role, t) -> bool:
    """Another role noun between the role and the name: the name is that role's, unless it is
    the role's own body ("spokesman for the High Commissioner, X": X is the spokesman)."""
    return any(role_of(x) is not None and not _in_body(x, role) for x in ctx.sdoc[role.i + 1 : t.i])


def _in_body(x, role) -> bool:
    while x.head is not x and x != role:
        if x.dep_ not in ("pobj", "prep", "compound", "amod", "poss"):
            return False
        x = x.head
    return x == role


def body(ctx: Ctx, role, pred: str, implied: str | None, who: int) -> tuple[int | None, object]:
    """The body a role belongs to, with the token that names it."""
    allow_person = pred in PERSON_BODY_ROLES or role.lemma_.lower() in PERSON_BODY_NOUNS
    place_role = implied in ("place", "government")
    iso = None
    mods = [c for c in role.children if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < role.i]
    if role.dep_ == "compound" and role.head.i > role.i:
        # a title in the name's chain: "Lebanon's caretaker Prime Minister X" hangs "Lebanon's"
        # on the name, not on the title
        head = role
        while head.dep_ == "compound" and head.head.i > head.i:
            head = head.head
        for t in ctx.sdoc[head.left_edge.i : role.i]:
            if t not in mods and t.dep_ in ("poss", "compound", "amod", "nmod") and role_of(t) is None:
                mods.append(t)
    mods = sorted(mods, key=lambda c: -c.i)
    mods = [m for m in mods if m.lower_ not in PORTFOLIOS and m.lower_ not in RANKS and m.lower_ not in DEPUTY_WORDS]
    # a name before the role first ("al Shabaab's military spokesman": al Shabaab), then the
    # common nouns of national institutions ("army spokesman", "a military officer")
    for m in mods:
        if m.dep_ == "poss" and m.pos_ == "PRON":
            if m.lower_ in ("his", "her") and allow_person:
                p = latest_person_before(ctx, m.idx)
                if p is not None and p != who:
                    return p, m
            if m.lower_ in ("its", "their"):
                o = latest_org_before(ctx, m.idx, kinds=("armed_group", "militia", "state_force", "government", None))
                if o is not None:
                    return o, m
            continue
        if m.lower_ == "country" and implied == "government":
            iso = ctx.article_country()
            continue
        e = ctx.ent(m)
        if e is None:
            e = _owner_in_phrase(ctx, m)
        if e is None or e == who or _portfolio(ctx, e):
            continue
        t = ctx.type(e)
        if t == "ORG":
            return e, m
        if t == "PERSON" and allow_person and m.dep_ == "poss":
            return e, m
        if t == "LOCATION":
            if implied == "place":
                return e, m
            if implied == "government" and ctx.country_of(m) is None:
                # "the Kurdistan Region's Prime Minister": the region's head, no state's
                return (e if pred == "leader_of" else None), m
            iso = ctx.country_of(m) or iso
    # a name right before the role the parser left unattached ("IS leader X")
    left = ctx.sdoc[role.left_edge.i - 1] if role.left_edge.i > role.sent.start else None
    if left is not None and not mods and role.dep_ == "compound" and ctx.ent(left) is not None and ctx.ent(left) != who:
        e = ctx.ent(left)
        if ctx.type(e) == "ORG" and not _portfolio(ctx, e):
            return e, left
        if ctx.type(e) == "LOCATION" and implied == "place":
            return e, left
    for m in mods:
        if ctx.ent(m) is None:
            iso = ctx.country_of(m) or iso
    for m in mods:
        if ctx.ent(m) is None or _portfolio(ctx, ctx.ent(m)):
            inst = ctx.institution_of(m) if m.lower_ not in ("country",) else None
            if inst is not None:
                return inst, m
    # "spokesman for the army", "Chief of Defence Staff of the FARDC", "the mayor of Z"
    for prep in (c for c in role.children if c.dep_ == "prep" and c.lower_ in ("of", "for", "to", "at", "with", "in", "within", "from")):
        found = _prep_body(ctx, prep, allow_person, place_role, who, depth=0, mayor_like=implied == "place")
        if found is not None:
            return found, prep
    if implied == "government":
        gov = ctx.institution("government", iso)
        if gov is not None and iso is None and ctx._ent_country(gov) not in (None, ctx.article_country()):
            gov = None  # the only government named is a foreign one: not this title's
        if gov is not None:
            return gov, None
        if iso is not None:
            # "Russian Foreign Minister X": of the country the phrase names, when it has no
            # government entity
            return ctx.country_entity(iso), None
    elif implied in ("police", "army"):
        return ctx.institution(implied, iso), None
    return None, None


def _portfolio(ctx: Ctx, e: int) -> bool:
    """An 'organisation' that is a minister's portfolio ("Communication Minister")."""
    words = ctx.name(e).lower().split()
    if ctx.doc.entities[e].kb_id is not None:
        return False  # a gazetteer actor ("Islamic State") is no portfolio
    return bool(words) and ctx.type(e) == "ORG" and any(w in PORTFOLIOS for w in words) and len(words) <= 2 and "ministry" not in words


def _owner_in_phrase(ctx: Ctx, m) -> int | None:
    """A name inside a modifier phrase: "the al Shabaab militant group's spokesman"."""
    for c in m.children:
        if c.dep_ in ("compound", "poss", "nmod") and c.i < m.i:
            e = ctx.ent(c)
            if e is not None:
                return e
    return None


def _prep_body(ctx: Ctx, prep, allow_person: bool, place_role: bool, who: int, depth: int, mayor_like: bool = False) -> int | None:
    for pobj in (c for c in prep.children if c.dep_ == "pobj"):
        e = ctx.resolve(pobj)
        if e is not None and e != who:
            t = ctx.type(e)
            if t == "ORG" and prep.lower_ in ("in", "at", "within") and ctx.doc.entities[e].kind is None:
                continue  # "fighters in Puncak": a place the recogniser took for a body
            if t == "ORG" and prep.lower_ != "from":
                return e
            if t == "PERSON" and allow_person and prep.lower_ in ("for", "to", "of"):
                return e
            if t == "LOCATION" and place_role and prep.lower_ in ("of", "for"):
                if not mayor_like and ctx.country_of(pobj) is None:
                    continue  # "Minister for the Middle East": a portfolio, not a state
                return e
            continue
        # "of the Allied Democratic Forces (ADF)": the acronym the name is given
        for t in pobj.subtree:
            if t.dep_ == "appos" and ctx.ent(t) is not None and ctx.type(ctx.ent(t)) == "ORG" and ctx.ent(t) != who:
                return ctx.ent(t)
        if depth < 1 and pobj.pos_ in ("NOUN", "PROPN"):
            for p2 in (c for c in pobj.children if c.dep_ == "prep" and c.lower_ in ("of", "for", "in")):
                found = _prep_body(ctx, p2, allow_person, place_role, who, depth + 1, mayor_like)
                if found is not None:
                    return found
    return None


def _evidence(ctx: Ctx, toks) -> Span:
    toks = [t for t in toks if t is not None]
    sent = toks[0].sent
    toks = [t for t in toks if t.sent == sent] or toks[:1]
    return ctx.span(toks)


def roles(ctx: Ctx) -> Iterator[Relation]:
    groups: dict[int, str] = {}  # a person -> "X's group", the unnamed group X leads
    aides = []
    for tok in ctx.sdoc:
        role = role_of(tok)
        if role is None or _former(tok):
            continue
        if tok.dep_ == "pobj" and role_of(tok.head.head) is not None and tok.head.head.i < tok.i:
            continue  # "spokesman for the High Commissioner, X": X is the spokesman
        who = holder(ctx, tok)
        if who is None:
            continue
        holders = [who]
        if tok.tag_ in ("NNS", "NNPS"):
            # "Y commanders A and B", "A and B, both senior Y commanders": each holds the role
            holders = _coordinated_persons(ctx, who, tok)
            if len(holders) < 2:
                continue
        for who in holders:
            yield from _one_role(ctx, tok, role, who, groups, aides)
    for who, boss, ev in aides:
        # "an aide to X": a member of X's group when X leads one, else of X
        yield Relation(ctx.name(who), "member_of", groups.get(boss, ctx.name(boss)), ev, who, None if boss in groups else boss, rule="role")
    yield from _copula_lists(ctx)
    yield from _possessed(ctx)
    yield from _led_by(ctx)
    yield from claimed_operatives(ctx)
    yield from represents(ctx)
    yield from belongs(ctx)
    yield from force_ranks(ctx)


def _coordinated_persons(ctx: Ctx, who: int, role) -> list[int]:
    """The persons coordinated with ``who``'s mention nearest the role ("A and B")."""
    near = ctx.mention_tokens(who, role)
    if not near:
        return [who]
    head = ctx.sdoc[near[0]]
    while head.dep_ in ("compound", "flat") and head.head is not head and ctx.ent(head.head) == who:
        head = head.head
    out = []
    for t in conjuncts(head):
        e = _person(ctx, t)
        if e is not None and e not in out:
            out.append(e)
    return out if who in out else [who]


def _one_role(ctx: Ctx, tok, role, who: int, groups: dict, aides: list) -> Iterator[Relation]:
    """The relation a role noun ``tok`` gives its holder ``who``."""
    ctx.described.add(who)
    pred, implied = role
    org, by = body(ctx, tok, pred, implied, who)
    near = [ctx.sdoc[i] for i in ctx.mention_tokens(who, tok)]
    ev = _evidence(ctx, [tok, *near, by])
    if org is None and pred == "leader_of":
        group = _unnamed_group(tok)
        if group is not None:
            # "X, a leader of a Salafi group": the group is known only as X's
            groups[who] = f"{ctx.name(who)}'s {group.lower_}"
            yield Relation(ctx.name(who), pred, groups[who], ev, who, None, rule="role")
        return
    if org is None or org == who:
        return
    if ctx.type(org) == "LOCATION" and implied not in ("place", "government"):
        return
    if ctx.type(org) == "PERSON" and pred != "spokesperson_of":
        if pred == "member_of":
            aides.append((who, org, ev))  # "an aide to X"
        return
    yield Relation(ctx.name(who), pred, ctx.name(org), ev, who, org, rule="role")


def _named_near(ctx: Ctx, ent: int, tok) -> bool:
    """``ent`` is mentioned in ``tok``'s sentence (mended where a rank's abbreviation, "Sgt.",
    cut it short)."""
    start = tok.sent.start
    while start > 1 and ctx.sdoc[start - 1].text == "." and ctx.sdoc[start - 2].lower_ in MILITARY_RANKS | SERVICES:
        start = ctx.sdoc[start - 2].sent.start
    lo, hi = ctx.sdoc[start].idx, tok.sent.end_char
    return any(lo <= ctx.doc.mentions[m].span.start < hi for m in ctx.doc.entities[ent].mentions)


def _own_phrase(ctx: Ctx, first, last) -> list:
    """The words of a name's own phrase: back from ``first`` and on from ``last`` to the
    nearest punctuation or verb ("a rebel commander known as General X")."""
    out = [first, last]
    i = first.i - 1
    while i >= first.sent.start and first.i - i <= 6:
        t = ctx.sdoc[i]
        if t.is_quote or t.lower_ in ("known", "dubbed", "nicknamed", "styled", "called"):
            out.append(t)  # "a commander known as “General X”" reads on through the quote
        elif t.is_punct or t.pos_ in ("VERB", "AUX"):
            break
        else:
            out.append(t)
        i -= 1
    i = last.i + 1
    while i < last.sent.end and i - last.i <= 4 and not ctx.sdoc[i].is_punct and ctx.sdoc[i].pos_ not in ("VERB", "AUX"):
        out.append(ctx.sdoc[i])
        i += 1
    return out


MILITARY_RANKS = {"general", "gen", "lieutenant", "lt", "colonel", "col", "major", "maj", "captain", "capt", "sergeant", "sgt", "corporal", "cpl", "brigadier", "brig", "admiral", "adm", "marshal"}
NON_STATE = re.compile(r"\b(?:separatists?|rebels?|insurgents?|jihadists?|militants?|terrorists?|militias?|secessionists?|gangs?|opposition|known as|nicknamed|dubbed|self-styled)\b", re.I)


def ranks(ctx: Ctx, held: set[int]) -> Iterator[Relation]:
    """'senior general X', 'Sgt. X': an officer with a military rank and no other role the text
    gives is a member of the army (of the country the phrase names, else the article's only
    army); never in a sentence about rebels or a nickname ("a rebel commander known as General X")."""
    done: set[int] = set()
    for tok in ctx.entity_tokens():  # a person's token is a mention's
        who = _person(ctx, tok)
        if who is None or who in held or who in done or who in ctx.described:
            continue  # (a person the text gives a role is that role's, found or not)
        first = tok
        while first.i > 0 and ctx.ent(ctx.sdoc[first.i - 1]) == who:
            first = ctx.sdoc[first.i - 1]  # the mention's first word
        rank = ctx.sdoc[first.i - 1] if first.i > 0 else None
        if rank is not None and rank.text == "." and rank.i > 0:
            rank = ctx.sdoc[rank.i - 1]  # "Sgt." split from its stop
        if rank is None or rank.lower_.rstrip(".") not in MILITARY_RANKS:
            continue
        if NON_STATE.search(" ".join(t.text for t in _own_phrase(ctx, rank, tok))):
            continue
        iso = next((ctx.country_of(t) for t in ctx.sdoc[max(tok.sent.start, rank.i - 3) : rank.i] if ctx.country_of(t)), None)
        army = ctx.institution("army", iso)
        if army is None or (iso is None and not _named_near(ctx, army, tok)):
            continue  # without a country, only the army the sentence names ("Lt Gen X said" in a
            # story quoting a foreign officer is not the local army's)
        if any(t.lower_ in SERVICE_WORDS for t in ctx.sdoc[max(rank.sent.start, rank.i - 2) : rank.i]):
            continue  # "Navy Capt. X", "Air Force Col. X": a service of a country not named
        done.add(who)
        yield Relation(ctx.name(who), "member_of", ctx.name(army), ctx.span([rank, tok]), who, army, rule="rank")


# words of a rank that follow a force's name: "Division General", "Brigade General", "Staff Sgt."
RANK_PARTS = MILITARY_RANKS | {"brigade", "division", "staff", "first", "second", "private", "pvt", "specialist", "spc", "warrant", "officer", "general", "chief", "master"}
FORCE_KINDS = ("state_force", "armed_group", "militia", "police", None)


def force_ranks(ctx: Ctx) -> Iterator[Relation]:
    """'US Army Col. X', 'the National Guard Division General X': a rank right after a force's
    name makes the person a member of that force (whatever other role the text gives him)."""
    done: set[int] = set()
    for tok in ctx.sdoc:
        who = _person(ctx, tok)
        if who is None or who in done or (tok.i > 0 and ctx.ent(ctx.sdoc[tok.i - 1]) == who):
            continue  # from the mention's first word
        i, seen = tok.i - 1, []
        while i >= tok.sent.start and (ctx.sdoc[i].text == "." or ctx.sdoc[i].lower_.rstrip(".") in RANK_PARTS) and ctx.ent(ctx.sdoc[i]) is None:
            if ctx.sdoc[i].text != ".":
                seen.append(ctx.sdoc[i].lower_.rstrip("."))
            i -= 1
        if i < tok.sent.start or not set(seen) & MILITARY_RANKS:
            continue
        j = i
        if ctx.sdoc[j].text == ")":  # "the National Guard (NG) Division General X"
            while j > tok.sent.start and ctx.sdoc[j].text != "(":
                j -= 1
            j -= 1
        org = ctx.ent(ctx.sdoc[j]) if j >= tok.sent.start else None
        if org is None or org == who or ctx.type(org) != "ORG" or ctx.doc.entities[org].kind not in FORCE_KINDS:
            continue
        done.add(who)
        yield Relation(ctx.name(who), "member_of", ctx.name(org), ctx.span([ctx.sdoc[j], tok]), who, org, rule="rank")


PERPETRATE_VERBS = {"carry", "conduct", "execute", "perform", "launch", "detonate", "stage", "mount", "commit"}
ATTACK_NOUNS = {"attack", "operation", "bombing", "raid", "assault", "strike", "explosion", "ambush", "killing", "blast", "mission"}


def claimed_operatives(ctx: Ctx) -> Iterator[Relation]:
    """'IS said that X carried out the attack': a person an armed group names as the one who
    carried out its attack is its member."""
    for c in ctx.doc.claims:
        org = c.source_entity
        if org is None or ctx.type(org) != "ORG" or ctx.doc.entities[org].kind not in ("armed_group", "militia", None):
            continue
        for tok in ctx.sdoc.char_span(c.content.start, c.content.end, alignment_mode="expand") or []:
            if tok.lemma_.lower() not in PERPETRATE_VERBS or tok.pos_ != "VERB":
                continue
            obj = next((x for x in tok.children if x.dep_ == "dobj"), None)
            subj = next((x for x in tok.children if x.dep_ == "nsubj"), None)
            if obj is None or subj is None or obj.lemma_.lower() not in ATTACK_NOUNS:
                continue
            who = _person(ctx, subj)
            if who is not None:
                yield Relation(ctx.name(who), "member_of", ctx.name(org), ctx.span([subj, tok, obj]), who, org, rule="claimed")


REPRESENT_PREPS = ("at", "in")


def _subject(verb):
    """The verb's subject; for a relative clause's 'who'/'that', the noun it relates to."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is not None and subj.lower_ in ("who", "that") and verb.dep_ == "relcl":
        return verb.head
    return subj


def represents(ctx: Ctx) -> Iterator[Relation]:
    """'X, who represents the district at the Senate': a member of the body he sits in."""
    for tok in ctx.tokens(lemmas=("represent",)):
        if tok.lemma_.lower() != "represent" or tok.pos_ != "VERB":
            continue
        subj = _subject(tok)
        who = _person(ctx, subj) if subj is not None else None
        if who is None:
            continue
        for prep in (x for x in tok.children if x.dep_ == "prep" and x.lower_ in REPRESENT_PREPS):
            for pobj in (x for x in prep.children if x.dep_ == "pobj"):
                org = ctx.resolve(pobj, ("ORG",))
                if org is not None and ctx.type(org) == "ORG":
                    yield Relation(ctx.name(who), "member_of", ctx.name(org), ctx.span([subj, tok, *prep.subtree]), who, org, rule="role")


JOIN_VERBS = {"join", "belong", "defect", "enlist"}
# Words that make a name an organisation's: "X of Y" ties a person to Y only when Y is surely a
# body (a place the recogniser took for one, "X of Qarya", is a person's home).
BODY_WORDS = {
    "agency", "alliance", "army", "association", "brigade", "brigades", "bureau", "centre", "center", "coalition",
    "command", "commission", "committee", "corps", "council", "court", "cross", "crescent", "department", "federation",
    "force", "forces", "foundation", "front", "fund", "group", "guard", "institute", "international", "league",
    "militia", "ministry", "mission", "movement", "network", "observatory", "office", "organisation", "organization",
    "party", "police", "programme", "program", "service", "services", "union", "university", "watch",
}


def _body_like(ctx: Ctx, org: int) -> bool:
    e = ctx.doc.entities[org]
    if e.kind is not None:
        return True  # known to the gazetteer, or typed by the recogniser's rules
    return any(f.isupper() and len(f) >= 2 or set(f.lower().split()) & BODY_WORDS for f in e.forms())


def belongs(ctx: Ctx) -> Iterator[Relation]:
    """A person tied to a body with no role noun: "said X of the Y", "X, from the Y, said",
    "X, with the Y, said"; "X joined the Y", "X, who belongs to the Y", "defected to the Y":
    a member of it."""
    for tok in ctx.tokens(lemmas=JOIN_VERBS, forms=("of", "from", "with")):
        if tok.dep_ == "prep" and tok.lower_ in ("of", "from", "with") and tok.head.i < tok.i:
            who = _person(ctx, tok.head)
            if who is None or any(_former(c) for c in tok.head.children):
                continue
            if any(w.lower().rstrip(".") in RANKS or w.lower() in ROLES for w in ctx.name(who).split()):
                continue  # "Sukma Superintendent of Police": a title the recogniser took for a name
            if tok.head.i + 1 != tok.i and ctx.sdoc[tok.i - 1].text != ",":
                continue  # "X of the Y" right after the name, or "X, from the Y"
            for pobj in (c for c in tok.children if c.dep_ == "pobj"):
                org = ctx.ent(pobj)
                if org is not None and ctx.type(org) == "ORG" and _body_like(ctx, org):
                    yield Relation(ctx.name(who), "member_of", ctx.name(org), ctx.span([tok.head, tok, *pobj.subtree]), who, org, rule="role")
        elif tok.pos_ == "VERB" and tok.lemma_.lower() in JOIN_VERBS and not any(c.dep_ == "neg" for c in tok.children):
            subj = _subject(tok)
            who = _person(ctx, subj) if subj is not None else None
            if who is None:
                continue
            objs = [c for c in tok.children if c.dep_ == "dobj"] if tok.lemma_.lower() == "join" else []
            objs += [x for p in tok.children if p.dep_ == "prep" and p.lower_ in ("to", "in") for x in p.children if x.dep_ == "pobj"]
            for o in objs:
                org = ctx.ent(o)
                if org is not None and ctx.type(org) == "ORG":
                    yield Relation(ctx.name(who), "member_of", ctx.name(org), ctx.span([subj, tok, *o.subtree]), who, org, rule="role")


def _unnamed_group(role):
    for prep in (c for c in role.children if c.dep_ == "prep" and c.lower_ in ("of", "for")):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            if pobj.lower_ in GROUP_NOUNS and pobj.tag_ == "NN":
                return pobj
    return None


def _copula_lists(ctx: Ctx) -> Iterator[Relation]:
    """'The three soldiers are Sgt. A, Sgt. B and C': each named person holds the subject's role."""
    for tok in ctx.sdoc:
        if tok.lemma_ != "be" or tok.pos_ not in ("AUX", "VERB"):
            continue
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        attr = next((c for c in tok.children if c.dep_ == "attr"), None)
        if subj is None or attr is None or subj.tag_ not in ("NNS", "NNPS"):
            continue
        role = role_of(subj)
        if role is None or role[0] != "member_of":
            continue
        org, by = body(ctx, subj, role[0], role[1], -1)
        if org is None:
            org = ctx.institution_of(subj)
        if org is None or ctx.type(org) != "ORG":
            continue
        for t in conjuncts(attr):
            p = _person(ctx, t)
            if p is not None:
                yield Relation(ctx.name(p), "member_of", ctx.name(org), ctx.span([subj, t]), p, org, rule="role")


def _possessed(ctx: Ctx) -> Iterator[Relation]:
    """"Al Jazeera's X", "the ministry's X": a person an organisation owns is its member;
    "Lieutenant General X of the Indian army": a titled person of an organisation."""
    for tok in ctx.sdoc:
        who = _person(ctx, tok)
        if who is None:
            continue
        if tok.i + 1 < len(ctx.sdoc) and ctx.ent(ctx.sdoc[tok.i + 1]) == who:
            continue  # not the mention's head
        for c in tok.children:
            org = None
            if c.dep_ == "poss":
                org = ctx.resolve(c, ("ORG",))
                if org is None and c.lower_ in ("ministry", "agency", "office", "department", "mission"):
                    org = _latest_named(ctx, c)
            elif c.dep_ == "prep" and c.lower_ == "of" and _titled(ctx, tok, who):
                pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
                org = ctx.resolve(pobj, ("ORG",)) if pobj is not None else None
            if org is not None and org != who and ctx.type(org) == "ORG":
                yield Relation(ctx.name(who), "member_of", ctx.name(org), ctx.span([c, tok]), who, org, rule="role")


def _latest_named(ctx: Ctx, tok) -> int | None:
    """'the ministry': the latest organisation named with that word."""
    word = tok.lower_
    best, best_pos = None, -1
    for m in ctx.doc.mentions:
        if m.entity is None or m.span.end > tok.idx or ctx.type(m.entity) != "ORG":
            continue
        if any(word in f.lower().split() for f in ctx.doc.entities[m.entity].forms()) and m.span.start > best_pos:
            best, best_pos = m.entity, m.span.start
    return best


def _titled(ctx: Ctx, tok, who: int) -> bool:
    """The person is named with a rank or title ("Lieutenant General X", "Sheikh X")."""
    left = [c for c in tok.children if c.dep_ == "compound" and c.i < tok.i]
    if any(c.lower_ in RANKS or role_of(c) is not None for c in left):
        return True
    return any(f.split()[0].lower() in RANKS for f in ctx.doc.entities[who].aliases if f.split())


def _led_by(ctx: Ctx) -> Iterator[Relation]:
    """'Y, led by X', 'Y is led by X', 'X, who leads Y': X is Y's leader."""
    for tok in ctx.sdoc:
        if tok.lemma_.lower() not in LEAD_VERBS or tok.pos_ != "VERB":
            continue
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        if agent is not None:
            leaders = [ctx.resolve(p, ("PERSON", "ORG")) for c in agent.children if c.dep_ == "pobj" for p in conjuncts(c)]
            subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
            clause = tok
            while clause.dep_ == "conj" and subj is None:  # "which claimed the raid and is headed by X"
                clause = clause.head
                subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None and clause.dep_ in ("acl", "relcl", "advcl") and clause.head.pos_ in ("NOUN", "PROPN"):
                subj = clause.head
            if subj is not None and subj.lower_ in ("which", "that", "who") and clause.dep_ == "relcl":
                subj = clause.head
            led = _org_of(ctx, subj) if subj is not None else None
            if led is not None and _acting_part(subj):
                # "the attacking group was led by X": X led the party that acted, a part of the
                # organisation the phrase refers back to, so a member of it, not its leader
                for who in leaders:
                    if who is not None and who != led and ctx.type(who) == "PERSON":
                        yield Relation(ctx.name(who), "member_of", ctx.name(led), ctx.span([tok, *subj.subtree]), who, led, rule="led_by")
                continue
        else:
            subj = _subject(tok)
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            if subj is None or obj is None or tok.lemma_.lower() == "run":
                continue
            leaders = [_person(ctx, subj)]
            led = _org_of(ctx, obj)
        if led is None:
            continue
        for who in leaders:
            if who is None or who == led or tok.tag_ == "VBG":
                continue
            yield Relation(ctx.name(who), "leader_of", ctx.name(led), ctx.span([tok, *(subj.subtree if subj is not None else [])]), who, led, rule="led_by")


def _acting_part(tok) -> bool:
    """A common noun restricted to those who carried out an act: "the attacking group",
    "the unit that ambushed the convoy" (not "the armed group", "the ruling party")."""
    if tok.pos_ != "NOUN":
        return False
    for c in tok.children:
        if c.dep_ in ("amod", "compound") and c.i < tok.i and c.lower_.endswith("ing"):
            stem = c.lower_[:-3]  # the parser often takes "attacking" for a noun
            if {stem, stem + "e", stem[:-1]} & ACT_VERBS:
                return True
        if c.dep_ == "relcl" and c.lemma_.lower() in ACT_VERBS:
            return True
    return False


def _org_of(ctx: Ctx, tok) -> int | None:
    e = ctx.resolve(tok, ("ORG",))
    if e is None and tok.lemma_.lower() in GROUP_NOUNS | {"gang", "mission", "force", "coalition", "operation"}:
        for c in tok.children:
            if c.dep_ == "appos":
                e = ctx.resolve(c, ("ORG",))
    return e


def whose_leader(ctx: Ctx) -> Iterator[Relation]:
    """'the Viv Ansanm group, whose leader, former police officer Jimmy Chérizier, ...'."""
    for m in _WHOSE.finditer(ctx.doc.text):
        org = next((x.entity for x in ctx.doc.mentions if x.entity is not None and x.span.end <= m.start() and m.start() - x.span.end <= 12 and ctx.type(x.entity) == "ORG"), None)
        person = next((x for x in ctx.doc.mentions if x.entity is not None and x.span.start >= m.end() and ctx.type(x.entity) == "PERSON" and x.span.start - m.end() <= 60), None)
        if org is None or person is None:
            continue
        pred = ROLES.get(m.group(1).lower(), ("leader_of", None))[0]
        start = next(x.span.start for x in ctx.doc.mentions if x.entity == org and x.span.end <= m.start())
        yield Relation(ctx.name(person.entity), pred, ctx.name(org), Span(start, person.span.end), person.entity, org, rule="role")


_WHOSE = re.compile(r"(?:,|(?<![\s,]))\s+whose\s+(leader|head|chief|founder|commander|spokesman|spokesperson|spokeswoman)\b,?\s+", re.I)
