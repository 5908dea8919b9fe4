"""Hostility: hostile_to (attacker -> target) between two parties.

The pairs come from

- the article's events (``doc.events``): each actor of an attack, clash,
  raid or strike is hostile to each organisation or country it targeted;
- acts stated in a sentence, whether or not the events stage kept them:
  a verb ("X attacked / shelled / ambushed / fought Y", "Y was attacked by X",
  "X clashed with Y", "X traded fire with Y") or a noun ("X's war against Y",
  "a NATO airstrike on a Taliban hideout", "X launched an insurgency against
  Y", "X's invasion of Y", "X is at war with Y");
- fighting, a war, a conflict or a ceasefire "between X and Y" (both ways);
- declared war ("declared war on X and Y") and "X is our enemy" said by a
  speaker of a known organisation.

A party is an organisation or a country the article names, or the national
institution a common noun stands for ("soldiers", "a police station", "Israeli
jets" when the article has that army); never civilians, a town or a person.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..gazetteer import country_by_name, demonym_country
from ..model import Relation, Span
from ..parsing import conjuncts, token_indices
from .common import HOSTILE_VERBS, ORG_ANAPHORS, Ctx, capital, latest_org_before, latest_person_before, objects

# Event types whose actor acts against its target: violence, and the state's raids and arrests.
HOSTILE_EVENTS = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
HOSTILE_SUB_TYPES = {"Looting/property destruction", "Disrupted weapons use"}
NOT_PARTIES = {"outlet", "intl_org_agency", "ngo", "humanitarian"}

ACT_VERBS = {
    "attack", "strike", "raid", "ambush", "shell", "bomb", "bombard", "storm", "target", "fight", "battle", "combat",
    "invade", "besiege", "overrun", "assault", "topple", "overthrow", "oust", "defeat", "kill", "shoot", "clash",
    "engage", "rout", "repel", "repulse", "dislodge", "capture", "abduct", "kidnap", "ambush", "massacre", "behead",
    "execute", "wound", "injure", "hit", "pound", "drone", "rocket", "surround", "confront",
    "dismantle", "crush", "eliminate", "neutralize", "neutralise", "destroy", "expel", "hunt", "pursue", "retake",
    "recapture", "counter", "smash", "annihilate", "bomb", "torch", "loot", "burn", "force", "drive", "chase",
    "fire", "launch", "seize", "push", "retaliate",
}
# Verbs whose object is the weapon, not the target: the target follows "at", "on", "toward".
AIM_VERBS = {"fire", "launch", "shoot"}
# What is taken or destroyed is no party: "captured Egyptian tanks" is no attack on the army.
EQUIPMENT = {"aircraft", "jet", "jets", "warplane", "drone", "drones", "tank", "tanks", "helicopter", "weapon", "weapons", "vehicle", "vehicles", "ammunition", "equipment", "arms", "rifle", "rifles", "truck", "trucks"}
TAKE_VERBS = {"capture", "seize", "loot", "burn", "torch", "destroy", "retake", "recapture"}
MEMBER_NOUNS = {"element", "member", "fighter", "militant", "unit", "faction", "part", "remnant", "cell", "gunman", "rebel", "soldier", "troop", "officer", "commander"}
LEMMA_FIXES = {"waging": "wage", "waged": "wage", "wages": "wage"}
WITH_VERBS = {"clash", "fight", "battle", "engage", "skirmish", "exchange", "trade"}
ACT_NOUNS = {
    "attack", "offensive", "war", "insurgency", "campaign", "operation", "strike", "airstrike", "raid", "assault",
    "ambush", "invasion", "rebellion", "fight", "struggle", "crackdown", "retribution", "reprisal", "retaliation",
    "bombing", "shelling", "incursion", "onslaught", "revenge", "jihad", "uprising", "hostilities", "mission",
    "fighting",
}
# Acts against a state rather than a place: their object, when a capital, is its government.
WAR_NOUNS = {"war", "insurgency", "rebellion", "uprising", "struggle", "jihad", "fight", "hostilities", "campaign"}
AGAINST_ONLY = {"mission", "operation", "campaign", "struggle", "fight", "fighting"}
# "soldiers died / were killed in an X ambush": the ambush's author attacked the soldiers' side
SUFFER_VERBS = {"die", "kill", "wound", "injure", "perish", "hurt"}
# "troops came under fire from X": the one the fire comes from attacks the subject
UNDER_NOUNS = {"fire", "attack", "assault", "bombardment", "shelling", "gunfire", "mortar", "rocket", "siege"}
BETWEEN_NOUNS = {
    "conflict", "war", "fighting", "clash", "battle", "hostility", "confrontation", "ceasefire", "truce", "skirmish",
    "violence", "fight", "combat", "tension",
}
LAUNCH_VERBS = {"fight", "fly", "launch", "carry", "conduct", "wage", "mount", "stage", "step", "intensify", "pledge", "vow", "declare", "begin", "start", "continue", "lead", "escalate", "resume", "order", "claim", "threaten", "plan", "announce", "execute"}
# Military assets and posts: "Israeli jets", "a police station" stand for the force they belong to.
FORCE_NOUNS = {
    "aircraft", "jet", "jets", "warplane", "drone", "artillery", "tank", "helicopter", "gunship", "navy", "air", "force",
    "forces", "unit", "units", "position", "positions", "base", "post", "outpost", "headquarters", "station",
    "barracks", "checkpoint", "convoy", "patrol", "camp", "personnel", "officer", "officers", "troop", "fighter",
    "fighters", "militant", "militants", "member", "members", "commander", "commanders", "hideout", "stronghold",
    "installation", "installations", "soldier",
}
# Nouns of striving whose infinitive says what their owner acts to do ("its campaign to defeat Y").
EFFORT_NOUNS = {
    "effort", "campaign", "fight", "drive", "bid", "push", "determination", "mission", "strategy", "plan",
    "operation", "offensive", "commitment", "resolve", "quest", "struggle", "attempt", "goal", "aim", "resolution",
}
REPORT_OR_DENY = {"deny", "reject", "dismiss", "refute"}
ACCUSE_VERBS = {"accuse", "blame", "charge", "suspect"}
CENSURE_VERBS = {"punish", "condemn", "sanction", "denounce", "criticise", "criticize", "fault"}
WITHSTAND_VERBS = {"repel", "repulse", "foil", "thwart", "survive", "withstand", "resist", "fend", "beat", "face"}


def from_events(ctx: Ctx) -> Iterator[Relation]:
    """Every attack, clash or raid the events stage found between two named parties:
    each actor is hostile to each target organisation (or country)."""
    for ev in ctx.doc.events:
        if ev.acled_type not in HOSTILE_EVENTS and ev.acled_sub_type not in HOSTILE_SUB_TYPES:
            continue
        if ev.status == "denied":
            continue
        actors = [a for a in (_arg_party(ctx, arg) for arg in ev.actors if not _sympathisers(ctx, arg)) if a is not None]
        targets = [t for t in (_arg_party(ctx, arg) for arg in ev.targets) if t is not None]
        for a in dict.fromkeys(actors):
            for t in dict.fromkeys(targets):
                if a != t and not _same_side(ctx, a, t):
                    yield Relation(ctx.name(a), "hostile_to", ctx.name(t), ev.evidence, a, t, rule="event")


SYMPATHISERS = {"follower", "supporter", "sympathiser", "sympathizer", "admirer", "fan", "inspired"}


def _sympathisers(ctx: Ctx, arg) -> bool:
    """'followers of ISIS', 'ISIS supporters': people who side with a group are not the group."""
    if arg.span is None:
        return False
    idx = token_indices(ctx.sdoc, arg.span)
    if not idx:
        return False
    toks = [ctx.sdoc[i] for i in idx]
    if any(_lemma(t) in SYMPATHISERS for t in toks):
        return True
    head = next((t for t in toks if t.head.i not in idx or t.head is t), toks[-1])
    if head.dep_ in ("compound", "amod") and _lemma(head.head) in SYMPATHISERS:
        return True
    return head.dep_ == "pobj" and head.head.lower_ == "of" and _lemma(head.head.head) in SYMPATHISERS


NON_STATE = re.compile(r"\b(?:separatists?|rebels?|insurgents?|jihadists?|militants?|terrorists?|gunmen|bandits|militias?|secessionists?|extremists?)\b", re.I)


def _arg_party(ctx: Ctx, arg) -> int | None:
    """The organisation or country an event argument names."""
    e = arg.entity
    if e is not None and arg.span is not None and ctx.doc.entities[e].kind in ("state_force", "police", "government", "military"):
        if NON_STATE.search(ctx.doc.text[arg.span.start : arg.span.end]):
            return None  # "armed separatist forces" are no state force, whatever the link says
    if e is None and arg.span is not None:
        idx = token_indices(ctx.sdoc, arg.span)
        if idx:
            head = ctx.sdoc[idx[-1]]
            for i in idx:  # the phrase's syntactic head
                if ctx.sdoc[i].head.i not in idx or ctx.sdoc[i].head.i == i:
                    head = ctx.sdoc[i]
                    break
            return party(ctx, head)
    return e if e is not None and _is_party(ctx, e) else None


def _is_party(ctx: Ctx, e: int) -> bool:
    ent = ctx.doc.entities[e]
    if ent.type == "ORG":
        return ent.kind not in NOT_PARTIES
    return ent.type == "LOCATION" and country_by_name(ent.name) is not None


def party(ctx: Ctx, tok) -> int | None:
    """The party a noun phrase names: an organisation or a country ("PKK militants",
    "the army", "Israeli jets", "a police station"), or None (civilians, a town, a person)."""
    e = ctx.ent(tok)
    if e is not None:
        return e if _is_party(ctx, e) else _holder(ctx, tok)
    if tok.pos_ in ("NUM", "PRON", "DET") or tok.lower_ in ("some", "many", "most", "several", "dozens", "scores", "hundreds"):
        # "two of its fighters", "some of the rebels": the party of the whole
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                return party(ctx, pobj)
        return None
    owner = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in ("its", "their", "his", "her", "our")), None)
    if owner is not None and _lemma(tok) in FORCE_NOUNS:
        if owner.lower_ == "our":
            return _speaker_party(ctx, owner)  # "our forces": the organisation speaking
        if owner.lower_ in ("his", "her"):
            # "his forces": the body the person last named leads or speaks for
            p = latest_person_before(ctx, owner.idx)
            return ctx.speaks_for.get(p) if p is not None else None
        # "its fighters": the organisation last named
        return latest_org_before(ctx, owner.idx, kinds=("armed_group", "militia", "state_force", "police", None))
    for acl in (c for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBN" and _lemma(c) in ("use", "run", "hold", "control", "operate", "occupy", "man")):
        agent = next((c for c in acl.children if c.dep_ == "agent"), None)
        for pobj in (c for c in (agent.children if agent is not None else []) if c.dep_ == "pobj"):
            e = party(ctx, pobj)  # "a house used by the Hamas movement"
            if e is not None:
                return e
    force = _lemma(tok) in FORCE_NOUNS or tok.lower_ in FORCE_NOUNS
    # the words before the head, nearest first: "a Bogota police officer" is the police's
    mods = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "poss") and c.i < tok.i]
    prev = ctx.sdoc[tok.i - 1] if tok.i > tok.sent.start else None
    if prev is not None and prev not in mods and ctx.ent(prev) is not None and ctx.type(ctx.ent(prev)) == "ORG":
        mods.append(prev)  # "IS holdouts" with "IS" taken for a verb
    for c in sorted(mods, key=lambda c: -c.i):
        e = ctx.ent(c)
        if e is None and c.dep_ in ("compound", "amod"):
            e = ctx.institution_of(c)
        if e is None or not _is_party(ctx, e):
            continue
        # a country through a modifier is a party only for a force ("Chadian soldiers"),
        # not for a place ("an eastern DRC commune")
        if ctx.type(e) == "LOCATION" and not force:
            continue
        return e
    e = ctx.institution_of(tok)
    if e is not None:
        return e
    if _lemma(tok) in MEMBER_NOUNS:
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                e = party(ctx, pobj)  # "units of the al-Shabaab movement"
                if e is not None:
                    return e
    if tok.lemma_.lower() in ORG_ANAPHORS and any(c.lower_ in ("the", "this") for c in tok.children):
        e = latest_org_before(ctx, tok.idx)  # "the group"
        return e
    if tok.lower_ in FORCE_NOUNS or tok.lemma_.lower() in FORCE_NOUNS:
        for c in tok.children:
            if c.dep_ in ("amod", "compound", "nmod", "poss") and c.i < tok.i:
                inst = ctx.institution_of(c)
                if inst is not None:
                    return inst  # "a police station", "a military base"
                iso = demonym_country(c.text) if c.pos_ in ("ADJ", "PROPN", "NOUN") else None
                if iso is not None:
                    army = ctx.institution("army", iso)
                    return army if army is not None else ctx.country_entity(iso)  # "Israeli jets"
    return None


def _holder(ctx: Ctx, tok) -> int | None:
    """A place named with the party holding it: "El Fasher, which is held by the army",
    "a town controlled by X": the holder is the one acted against."""
    nouns = [tok, *(c for c in tok.children if c.dep_ == "appos")]  # "El Fasher, a city held by X"
    for cl in (c for n in nouns for c in n.children if c.dep_ in ("relcl", "acl") and _lemma(c) in ("hold", "control", "occupy", "seize")):
        if cl.dep_ == "relcl" and not any(c.dep_ == "auxpass" for c in cl.children):
            continue
        agent = next((c for c in cl.children if c.dep_ == "agent"), None)
        for pobj in (c for c in (agent.children if agent is not None else []) if c.dep_ == "pobj"):
            e = party(ctx, pobj)
            if e is not None:
                return e
    return None


def _lemma(tok) -> str:
    return LEMMA_FIXES.get(tok.lower_, tok.lemma_.lower())


def _same_side(ctx: Ctx, a: int, b: int) -> bool:
    """A country and its own institutions are one side ("Armenia" and "Armenian army")."""
    ea, eb = ctx.doc.entities[a], ctx.doc.entities[b]
    for x, y in ((ea, eb), (eb, ea)):
        if x.type == "LOCATION":
            c = country_by_name(x.name)
            if c is not None and y.type == "ORG" and y.country == c.iso2 and y.kind in ("state_force", "government", "police", "military"):
                return True
    return False


def _patient(ctx: Ctx, tok) -> int | None:
    """A party acted against; also a person who heads a state or body ("an offensive against
    President X")."""
    e = party(ctx, tok)
    if e is None:
        p = ctx.ent(tok)
        if p is not None and ctx.type(p) == "PERSON" and p in ctx.leaders:
            return p
    return e


def _rel(ctx: Ctx, a: int | None, b: int | None, ev: Span, rule: str) -> Iterator[Relation]:
    if a is not None and b is not None and a != b and not _same_side(ctx, a, b):
        yield Relation(ctx.name(a), "hostile_to", ctx.name(b), ev, a, b, rule=rule)


def _negated(verb) -> bool:
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    head = verb
    for _ in range(8):
        if head.dep_ == "acl" and head.head.lemma_.lower() in EFFORT_NOUNS:
            # "denied any plan to attack Y", "had no plan to attack Y": through the noun to its verb
            noun = head.head
            if any(c.lower_ in ("no", "any") for c in noun.children):
                return True
            if noun.dep_ not in ("dobj", "nsubj", "nsubjpass") or noun.head is noun:
                return False
            head = noun.head
        elif head.dep_ in ("xcomp", "ccomp", "conj", "pcomp") and head.head is not head:
            head = head.head
        else:
            return False
        if head.lemma_.lower() in REPORT_OR_DENY or any(c.dep_ == "neg" for c in head.children):
            return True
    return False


def _subject(ctx: Ctx, verb):
    """Who does what a verb says: its subject, the agent of a passive, or the subject of the
    clause it hangs on ("groups fighting X", "X ... and then attacked Y")."""
    v = verb
    for _ in range(6):
        if v.dep_ == "pcomp" and v.head.lower_ in ("of", "for"):
            # "accused the rebels of killing a police officer", "blamed X for sending troops to
            # attack ...", "vowed retribution against X for sending troops to fight ...": the one
            # accused or blamed did it
            h = v.head.head
            if _lemma(h) in ACCUSE_VERBS | CENSURE_VERBS:
                obj = next((c for c in h.children if c.dep_ == "dobj"), None)
                if obj is not None:
                    return obj
            for n in [h, *(c for c in h.children if c.dep_ == "dobj")]:
                for prep in (c for c in n.children if c.dep_ == "prep" and c.lower_ == "against"):
                    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if pobj is not None:
                        return pobj
        subj = next((c for c in v.children if c.dep_ in ("nsubj",)), None)
        if subj is not None:
            if subj.lower_ in ("who", "which", "that") and v.dep_ == "relcl":
                return v.head
            return subj
        if v.dep_ == "acl" and v.head.lemma_.lower() in EFFORT_NOUNS and ctx.ent(v.head) is None:
            # "X's campaign to defeat Y", "X will continue its efforts to degrade and defeat Y":
            # the one whose effort it is
            noun = v.head
            owner = next((c for c in noun.children if c.dep_ == "poss"), None)
            if owner is not None and owner.lower_ not in ("its", "their", "our"):
                return owner
            if noun.dep_ in ("dobj", "nsubj", "attr", "pobj") and noun.head is not noun:
                v = noun.head
                continue
            return owner
        if v.dep_ in ("acl", "relcl") and v.head.pos_ in ("NOUN", "PROPN"):
            return v.head
        # "had a central part in fighting IS": up through the preposition and its noun;
        # "remains focused on defeating Y": through the adjective
        if v.dep_ in ("xcomp", "conj", "advcl", "pcomp", "prep", "dobj", "pobj", "acomp") and v.head is not v:
            v = v.head
            continue
        return None
    return None


def _speaker_party(ctx: Ctx, tok) -> int | None:
    """The organisation whose claim holds ``tok`` (directly or through its spokesperson)."""
    for c in ctx.doc.claims:
        if c.content.start <= tok.idx < c.content.end and c.source_entity is not None:
            e = c.source_entity
            if ctx.type(e) == "PERSON":
                e = ctx.speaks_for.get(e)
            if e is not None and _is_party(ctx, e):
                return e
    return None


def _pronoun_party(ctx: Ctx, tok) -> int | None:
    """'they', 'we', 'it' as a subject: the organisation speaking (a claim's source, or the
    organisation its spokesperson speaks for), else the party the main clause's subject names."""
    if tok.lower_ not in ("they", "we", "it"):
        return None
    speaker = _speaker_party(ctx, tok)
    if speaker is not None:
        return speaker
    if tok.lower_ == "we":
        return None
    v = tok.head
    while v.head is not v and v.dep_ in ("advcl", "ccomp", "conj", "xcomp", "pcomp", "prep"):
        v = v.head
        subj = next((c for c in v.children if c.dep_ == "nsubj" and c.pos_ != "PRON"), None)
        if subj is not None:
            # "Russia has ... since it invaded Ukraine"; a description ("the group said it ...")
            # is one guess too many
            return party(ctx, subj) if subj.lemma_.lower() not in ORG_ANAPHORS | {"group"} else None
    return None


def _agent_party(ctx: Ctx, tok) -> int | None:
    """The party that acts: as ``party``, and a national capital acting for its government
    ("Moscow launched an invasion")."""
    if tok is None:
        return None
    if tok.pos_ == "PRON":
        return _pronoun_party(ctx, tok)
    e = party(ctx, tok)
    return e if e is not None else capital(ctx, tok)


def acts(ctx: Ctx) -> Iterator[Relation]:
    """Hostile acts a sentence states with a verb or a noun."""
    for tok in ctx.sdoc:
        lemma = _lemma(tok)
        if tok.lower_ == "under" and tok.dep_ == "prep" and tok.head.pos_ in ("VERB", "AUX"):
            yield from _under_fire(ctx, tok)
        if tok.pos_ == "VERB" and lemma in ACT_VERBS | WITH_VERBS and not _negated(tok):
            yield from _verb_act(ctx, tok, lemma)
        elif tok.pos_ in ("NOUN", "PROPN") and lemma in ACT_NOUNS:
            yield from _noun_act(ctx, tok, lemma)


def _verb_act(ctx: Ctx, tok, lemma: str) -> Iterator[Relation]:
    passive = any(c.dep_ == "auxpass" for c in tok.children) or (tok.tag_ == "VBN" and tok.dep_ == "acl")
    if passive:
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        agents = [p for c in (agent.children if agent is not None else []) if c.dep_ == "pobj" for p in conjuncts(c)]
        patient = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if patient is None and tok.dep_ == "acl":
            patient = tok.head
        patients = conjuncts(patient) if patient is not None else []
    else:
        subj = _subject(ctx, tok)
        agents = conjuncts(subj) if subj is not None else []
        patients = [p for c in tok.children if c.dep_ == "dobj" for p in conjuncts(c)]
        if lemma in ("force", "drive", "push", "chase") and not any(c.lower_ in ("out", "from", "back", "away") for c in tok.children):
            patients = []  # "forced the government out of the capital", not "forced them to pay"
        if lemma in AIM_VERBS:
            patients = [p for p in patients if party(ctx, p) is not None and _lemma(p) not in EQUIPMENT]
        if lemma in WITH_VERBS or not patients:
            # "clashed with X", "traded fire with X", "fired on X"
            holders = [tok] + [c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in ("fire", "blow", "shot", "gunfire")]
            for h in holders:
                for prep in (c for c in h.children if c.dep_ == "prep" and c.lower_ in ("with", "on", "at", "against", "toward", "towards", "into")):
                    if prep.lower_ == "with" and lemma not in WITH_VERBS:
                        continue
                    if prep.lower_ == "into" and lemma not in AIM_VERBS:
                        continue  # "fired rockets into Israel"; not "drove into the town"
                    patients += [p for c in prep.children if c.dep_ == "pobj" for p in conjuncts(c)]
    if lemma == "retaliate":
        # "retaliated against Israel"; not "pledged to retaliate against any military action"
        patients = [p for p in patients if ctx.ent(p) is not None or _lemma(p) in FORCE_NOUNS]
    if lemma in TAKE_VERBS:
        patients = [p for p in patients if p.lower_ not in EQUIPMENT and _lemma(p) not in EQUIPMENT]
        if not passive:
            # "seized the hospital from X": X held what was taken
            holders = [tok] + [c for c in tok.children if c.dep_ == "dobj"]  # "captured towns from X"
            patients += [p for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "from" for x in c.children if x.dep_ == "pobj" for p in conjuncts(x)]
    sent = tok.sent  # found once: asking each token for its sentence is quadratic in a long one
    ev = ctx.span([t for t in tok.subtree if sent.start <= t.i < sent.end] or [tok])
    if not passive and len(agents) >= 2 and _reciprocal(tok):
        # "X and Y have fought each other": each side against the other
        sides = [e for e in (_agent_party(ctx, a) for a in agents) if e is not None]
        for x in sides:
            for y in sides:
                yield from _rel(ctx, x, y, ev, "act")
        return
    for a in agents:
        pa = _agent_party(ctx, a)
        for p in patients:
            pp = _patient(ctx, p)
            if pp is not None and pp == pa and any(c.dep_ == "poss" and c.lower_ == "its" for c in p.children):
                # "the army said RSF fighters shelled its positions": not the attacker's own
                # positions, the speaker's
                pp = _speaker_party(ctx, p)
            yield from _rel(ctx, pa, pp, ev, "act")


def _reciprocal(verb) -> bool:
    """The verb's object is "each other" / "one another"."""
    for c in verb.children:
        if c.dep_ in ("dobj", "pobj", "prep", "npadvmod", "advmod"):
            words = " ".join(t.lower_ for t in c.subtree)
            if re.search(r"\b(?:each other|one another)\b", words):
                return True
    return False


def _under_fire(ctx: Ctx, under) -> Iterator[Relation]:
    """'troops came under fire from X', 'the base was under attack by X': X attacked the subject."""
    noun = next((c for c in under.children if c.dep_ == "pobj"), None)
    if noun is None or _lemma(noun) not in UNDER_NOUNS:
        return
    verb = under.head
    src = [c for h in (noun, verb) for c in h.children if c.dep_ == "prep" and c.lower_ in ("from", "by") and c.i > noun.i]
    agents = [p for c in src for x in c.children if x.dep_ == "pobj" for p in conjuncts(x)]
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or not agents or _negated(verb):
        return
    ev = ctx.span([t for t in verb.subtree if t.sent == verb.sent])
    for a in agents:
        for p in conjuncts(subj):
            yield from _rel(ctx, _agent_party(ctx, a), _patient(ctx, p), ev, "act")


def _noun_act(ctx: Ctx, tok, lemma: str) -> Iterator[Relation]:
    preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("against", "on", "of", "with", "upon", "targeting", "at")]
    if lemma in AGAINST_ONLY:
        preps = [p for p in preps if p.lower_ == "against"]  # "a mission against X", not "the UN mission in X"
    if lemma not in ("invasion", "bombing", "shelling") and not any(p.lower_ != "of" for p in preps):
        preps = [p for p in preps if p.lower_ != "of"]
    if lemma not in ("war", "fight", "hostilities"):
        preps = [p for p in preps if p.lower_ != "with"]  # "a raid with drones"
    by = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "by"), None)
    if lemma in AGAINST_ONLY and not preps and by is not None:
        # "fighting by X against Y": the parser hangs "against" on the agent
        preps = [c for x in by.children if x.dep_ == "pobj" for c in x.children if c.dep_ == "prep" and c.lower_ == "against"]
    patients = [p for prep in preps for c in prep.children if c.dep_ == "pobj" for p in conjuncts(c)]
    if not patients and tok.dep_ == "dobj" and _lemma(tok.head) in WITHSTAND_VERBS:
        patients = [p for p in [_subject(ctx, tok.head)] if p is not None]  # "troops repelled an attack by X"
    if not patients and tok.dep_ == "pobj" and tok.head.lower_ in ("in", "during") and _lemma(tok.head.head) in SUFFER_VERBS:
        # "four soldiers died in a X ambush", "troops were wounded in X attacks"
        v = tok.head.head
        patients = [p for c in v.children if c.dep_ in ("nsubj", "nsubjpass") for p in conjuncts(c)]
    if not patients:
        return
    agent = None
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    if owner is not None:
        agent = _owner(ctx, owner, tok)
    if agent is None:
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "nmod") and c.i < tok.i:
                e = ctx.ent(c)
                if e is not None and _is_party(ctx, e):
                    agent = e  # "a NATO airstrike on ..."
    if agent is None:
        by = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "by"), None)
        if by is not None:
            agent = next((party(ctx, c) for c in by.children if c.dep_ == "pobj"), None)
    if agent is None:
        verb = tok.head
        if tok.dep_ in ("dobj", "nsubjpass") and _lemma(verb) in LAUNCH_VERBS | {"be"}:
            agent = _agent_party(ctx, _subject(ctx, verb))
        elif tok.dep_ == "pobj" and verb.lower_ in ("for", "of") and _lemma(verb.head) in ACCUSE_VERBS | CENSURE_VERBS and not _negated(verb.head):
            # "police blamed X for the attack on Y", "accused X of the bombing of Y": the one blamed
            obj = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
            agent = _agent_party(ctx, obj) if obj is not None else None
        elif tok.dep_ == "pobj" and verb.lower_ == "at" and verb.head.lemma_ == "be":
            agent = _agent_party(ctx, _subject(ctx, verb.head))  # "X is at war with Y"
        elif tok.dep_ == "pobj" and verb.lower_ in ("in", "on", "during") and verb.head.pos_ == "VERB" and not any(c.dep_ == "auxpass" for c in verb.head.children):
            # "A NATO airstrike has killed ten ... in a raid on a Taliban hideout", "its
            # fighters died while on an operation against X"
            subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
            agent = _agent_party(ctx, subj) if subj is not None else None
    if agent is None:
        return
    sent = tok.sent  # found once: asking each token for its sentence is quadratic in a long one
    ev = ctx.span([t for t in tok.subtree if sent.start <= t.i < sent.end] or [tok])
    for p in patients:
        pp = _patient(ctx, p)
        if pp is None and lemma in WAR_NOUNS:
            pp = capital(ctx, p)  # "an insurgency against Ankara": its government, not the city
        yield from _rel(ctx, agent, pp, ev, "act")


def _owner(ctx: Ctx, owner, noun) -> int | None:
    if owner.lower_ in ("its", "their"):
        verb = noun.head
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb.pos_ in ("VERB", "AUX") else None
        if subj is not None and party(ctx, subj) is not None:
            return party(ctx, subj)  # "Russia launched its invasion of Ukraine"
        return latest_org_before(ctx, owner.idx, kinds=("armed_group", "militia", "state_force", "government", None))
    return party(ctx, owner)


def between(ctx: Ctx) -> Iterator[Relation]:
    """'fighting between X and Y', 'clashes between Azerbaijani and Armenian troops',
    'a ceasefire between X and Y': each side hostile to the other."""
    for tok in ctx.sdoc:
        if tok.lemma_.lower() not in BETWEEN_NOUNS or tok.pos_ not in ("NOUN", "VERB"):
            continue
        if tok.lemma_.lower() in TRUCE_NOUNS and tok.pos_ == "NOUN":
            yield from _truce_with(ctx, tok)
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "between"), None)
        if prep is None and tok.dep_ == "nsubj" and tok.head.pos_ == "VERB":
            # "clashes broke out between X and Y": the parser hangs "between" on the verb
            prep = next((c for c in tok.head.children if c.dep_ == "prep" and c.lower_ == "between"), None)
        if prep is None:
            continue
        sides: list[int] = []
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            for t in conjuncts(pobj):
                demonyms = [c for c in t.children if c.dep_ in ("amod", "compound") and demonym_country(c.text)]
                more = [x for c in demonyms for x in conjuncts(c)[1:] if demonym_country(x.text)]
                if ctx.ent_in(t, ("ORG", "LOCATION")) is None and len(demonyms) + len(more) >= 2:
                    # "between Eritrean and Ethiopian troops": one side per country
                    for d in demonyms + more:
                        iso = demonym_country(d.text)
                        e = ctx.institution("army", iso) if t.lemma_.lower() in ("troop", "force", "soldier", "army") else None
                        e = e if e is not None else ctx.country_entity(iso)
                        if e is not None and e not in sides:
                            sides.append(e)
                    continue
                e = party(ctx, t)
                e = e if e is not None else capital(ctx, t)
                if e is not None and e not in sides:
                    sides.append(e)
        if len(sides) < 2:
            sides = _sides_in_text(ctx, prep)  # the parser lost the coordination
        if len(sides) != 2:
            continue
        a, b = sides
        ev = ctx.span([tok, *prep.subtree])
        # "between X and Y" says nothing of who started it: both directions
        yield from _rel(ctx, a, b, ev, "conflict")
        yield from _rel(ctx, b, a, ev, "conflict")


TRUCE_NOUNS = {"ceasefire", "truce", "armistice"}


def _truce_with(ctx: Ctx, tok) -> Iterator[Relation]:
    """'X signed / agreed (to) a ceasefire with Y': a ceasefire is between two warring sides."""
    withs = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "with"]
    verb = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "to" else tok.head
    if tok.dep_ not in ("dobj", "pobj") or verb.pos_ != "VERB" or _negated(verb):
        return
    withs += [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"]
    subj = _subject(ctx, verb)
    a = _agent_party(ctx, subj) if subj is not None else None
    if a is None:
        return
    ev = ctx.span([t for t in verb.subtree if t.sent == verb.sent])
    for prep in withs:
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            for t in conjuncts(pobj):
                b = party(ctx, t)
                yield from _rel(ctx, a, b, ev, "conflict")
                yield from _rel(ctx, b, a, ev, "conflict")


def _sides_in_text(ctx: Ctx, prep) -> list[int]:
    """'between the X and the Y' read off the text: the next two parties, joined by 'and'."""
    start = prep.idx + len(prep.text)
    ms = sorted((m for m in ctx.doc.mentions if m.entity is not None and start <= m.span.start <= start + 80), key=lambda m: m.span.start)
    ms = [m for m in ms if _is_party(ctx, m.entity)]
    if len(ms) < 2 or ms[0].entity == ms[1].entity:
        return []
    if not re.fullmatch(r"\s+(?:the\s+)?", ctx.doc.text[start : ms[0].span.start]):
        return []
    if not re.fullmatch(r"\s+and\s+(?:the\s+)?(?:[a-z-]+\s+)?", ctx.doc.text[ms[0].span.end : ms[1].span.start]):
        return []
    return [ms[0].entity, ms[1].entity]


REGARD_VERBS = {"see", "view", "regard", "consider", "perceive", "deem", "treat", "brand", "label", "designate"}
ENEMY_NOUNS = {"threat", "enemy", "challenge", "danger", "adversary", "foe", "menace", "rival", "target"}


def regards(ctx: Ctx) -> Iterator[Relation]:
    """'X sees Y as a direct challenge to its rule', 'X considers Y an enemy': X is hostile to Y."""
    for tok in ctx.sdoc:
        if _lemma(tok) not in REGARD_VERBS or tok.pos_ != "VERB" or _negated(tok):
            continue
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        as_noun = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children if p.dep_ == "pobj"), None)
        if as_noun is None:
            as_noun = next((c for c in tok.children if c.dep_ in ("oprd", "xcomp", "attr", "ccomp") and c.pos_ == "NOUN"), None)
        if obj is None and as_noun is not None:
            obj = next((c for c in as_noun.children if c.dep_ == "nsubj"), None)  # "considers X a threat"
        if obj is None or as_noun is None or _lemma(as_noun) not in ENEMY_NOUNS:
            continue
        who = _agent_party(ctx, _subject(ctx, tok))
        other = _antecedent(ctx, obj, who) if obj.pos_ == "PRON" else party(ctx, obj)
        yield from _rel(ctx, who, other, ctx.span([tok, *as_noun.subtree, obj]), "regards")


def _antecedent(ctx: Ctx, pron, other_than: int | None) -> int | None:
    """'them', 'it': the party named last before the pronoun in its sentence."""
    for t in reversed(list(ctx.sdoc[pron.sent.start : pron.i])):
        e = party(ctx, t) if t.pos_ in ("NOUN", "PROPN") else None
        if e is not None and e != other_than:
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
