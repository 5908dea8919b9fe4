"""Who did what to whom: actors, targets, victims and objects of one event mention.

Verbal triggers: the subject of an active verb (inherited through "to"-clauses
and coordination) is the actor, its object the target; a passive's subject is
the target and its "by" phrase the actor. Nominal triggers: "by X" and "X's"
and an organisation used as modifier ("ISIS rally") give the actor; "on /
against X", "with X" (clashes), "of X" (destruction, killing, arrest) the
target; "between X and Y" both; a light verb ("carried out an attack",
"claimed responsibility for a rocket") gives its subject as actor; a
nominal in "including with clashes" takes the arguments of the verb it
qualifies. Where, when, how and the evidence live in :mod:`.setting`.
"""

from __future__ import annotations

from ..model import Arg, Span
from .context import DocContext
from .draft import Draft
from .detect import OCCUR_RULE
from .phrases import make_args
from .syntax import conjuncts, first, is_passive, kids, preps, subject_of

TARGET_PREPS = ("on", "against", "at", "upon", "toward", "towards", "targeting")
ACTOR_FRAMES_OF = ("protest", "riot", "mob")  # "a rally of farmers": 'of' names the actor
OBJECT_FRAMES_OF = ("destroy", "kill", "abduct", "arrest", "capture", "retake", "attack", "airstrike", "shelling")


def governing_verb(tok):
    """The verb a nominal trigger depends on, skipping prepositions ("including with clashes")."""
    t = tok.head
    for _ in range(4):
        if t.pos_ in ("VERB", "AUX") and t.dep_ != "prep":
            return t
        if t.head.i == t.i:
            return t if t.pos_ in ("VERB", "AUX") else None
        t = t.head
    return None


def _split_pair(args: list[Arg]) -> tuple[list[Arg], list[Arg]]:
    """"X and Y clashed": the first is the actor, the others the targets."""
    return (args[:1], args[1:]) if len(args) > 1 else (args, [])


def _purpose_verb(v):
    for c in v.children:
        if c.dep_ in ("advcl", "xcomp") and any(a.lower_ == "to" for a in c.children):
            return c
    return None


def _verbal(ctx: DocContext, d: Draft, prior: list[Arg]) -> None:
    v, frame = d.token, d.frame
    passive = is_passive(v)
    agent = next((o for p, o in preps(v) if p == "by"), None)
    if passive:
        patient = first(v, "nsubjpass")
        if patient is None and v.dep_ in ("acl", "amod") and v.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
            patient = v.head
        actor_tok = agent
    else:
        patient = first(v, "dobj")
        if patient is None and v.tag_ == "VBG" and v.dep_ == "amod":
            patient = v.head  # "of burning homes" parsed as an adjective
        actor_tok = subject_of(v)
    shooter = _fired_from(ctx, agent, v) if passive and agent is not None else None
    if shooter is not None:  # "killed by mortar fire from X": X did it
        actor_tok = shooter
    d.actors = make_args(ctx, actor_tok, actor=True, prior_actors=prior)
    if shooter is None and passive and agent is not None and (ctx.lex.has_tok("weapon", agent) or ctx.lex.has_tok("aerial", agent)):
        d.actors = _nation(ctx, agent)  # "killed by an Iranian drone": a weapon is no actor, its nationality the state
    d.arg_heads = [t for t in (actor_tok, patient) if t is not None]
    if patient is not None:
        d.objects = conjuncts(patient)
    if frame == "clash":
        other = next((o for p, o in preps(v) if p in ("with", "against")), None)
        if other is not None:
            d.targets = make_args(ctx, other, actor=True, prior_actors=prior)
        elif not passive:
            d.actors, d.targets = _split_pair(d.actors)
        return
    if frame == "allegiance":
        d.targets = _allegiance_target(ctx, v, patient, prior)
        return
    if frame in ("capture", "retake", "withdraw"):
        src = next((o for p, o in preps(v) if p == "from"), None)
        d.targets = make_args(ctx, src, actor=True, prior_actors=prior) if src is not None else []
        return
    if frame == "intel":
        to = next((o for p, o in preps(v) if p == "to"), None) or first(v, "dative")
        d.targets = make_args(ctx, to, actor=True, prior_actors=prior)
        return
    if frame in ("agreement",):
        w = next((o for p, o in preps(v) if p == "with"), None)
        d.targets = make_args(ctx, w, actor=True, prior_actors=prior)
        return
    if frame in ("protest", "riot", "mob", "base"):
        return
    if patient is not None and patient.lemma_.lower() == "fire":  # "set fire to a church", "opened fire on"
        patient = next((o for p, o in preps(v) if p in ("to", "on")), None)
    if patient is None or frame == "shelling":
        patient = patient or next((o for p, o in preps(v) if p in TARGET_PREPS), None)
    # people arrested or abducted are the persons, not their group ("arrested 15 ISIS fighters")
    d.targets = make_args(ctx, patient, actor=False, prior_actors=prior, members=frame not in ("arrest", "abduct"))


def _allegiance_target(ctx: DocContext, v, obj, prior: list[Arg]) -> list[Arg]:
    """"pledged allegiance to X", "defected to X", "joined X", "left ... to fight under X"."""
    for holder in (obj, v):
        if holder is None:
            continue
        to = next((o for p, o in preps(holder) if p in ("to", "with")), None)
        if to is not None:
            return make_args(ctx, to, actor=True, prior_actors=prior)
    if v.lemma_ in ("join", "represent") and obj is not None:
        return make_args(ctx, obj, actor=True, prior_actors=prior)
    pv = _purpose_verb(v)
    if pv is not None:
        o = next((o for p, o in preps(pv) if p in ("under", "for", "with", "alongside")), None) or first(pv, "dobj")
        return make_args(ctx, o, actor=True, prior_actors=prior)
    frm = next((o for p, o in preps(v) if p == "from"), None)
    return make_args(ctx, frm, actor=True, prior_actors=prior) if frm is not None else []


def _nominal_own(ctx: DocContext, d: Draft, prior: list[Arg]) -> tuple:
    n, frame = d.token, d.frame
    actor_tok = target_tok = None
    for p, o in preps(n):
        if p == "by" and actor_tok is None:
            actor_tok = _fired_from(ctx, o) or o
        elif p == "from" and actor_tok is None and _shooter(ctx, o):
            actor_tok = o  # "came under rocket fire from militants"
        elif p == "between" and actor_tok is None:
            actor_tok = o
        elif p in TARGET_PREPS and target_tok is None:
            target_tok = o
        elif p == "with" and frame == "clash" and target_tok is None:
            target_tok = o
        elif p == "of" and frame in ACTOR_FRAMES_OF and actor_tok is None:
            actor_tok = o
        elif p == "of" and frame in OBJECT_FRAMES_OF and target_tok is None:
            target_tok = o
    if actor_tok is None:
        for c in n.children:
            if c.ent_type_ in ("DATE", "TIME"):
                continue  # "Saturday's attack"
            if c.dep_ == "poss" and c.pos_ != "PRON":
                if ctx.etype(c) == "LOCATION" and not _country(ctx, c):
                    continue  # "Kashmir's biggest attack": where, not who
                if frame in ("kill", "abduct", "arrest", "sexual") and target_tok is None:
                    target_tok = c  # "the Jesuits' murder", "his arrest": the victim
                else:
                    actor_tok = c
            elif c.dep_ in ("compound", "nmod", "amod") and ctx.etype(c) in ("ORG", "PERSON") and not ctx.is_demonym(c):
                actor_tok = c
    for acl in kids(n, "acl", "relcl"):
        if acl.lemma_.lower() in TELLING_VERBS:
            continue  # "an attack reported by the monitor": who told it, not who did it
        if actor_tok is None:
            blame = acl.lemma_ in ("blame", "attribute")  # "a roadside bomb blamed on the group"
            actor_tok = next((o for p, o in preps(acl) if p == "by" or (blame and p in ("on", "to"))), None)
            if blame and actor_tok is not None:
                continue
        if target_tok is None:
            target_tok = next((o for p, o in preps(acl) if p in TARGET_PREPS), None)
    return actor_tok, target_tok


def _nominal(ctx: DocContext, d: Draft, prior: list[Arg]) -> None:
    n = d.token
    actor_tok, target_tok = _nominal_own(ctx, d, prior)
    gov = governing_verb(n)
    if gov is not None and n.dep_ == "dobj" and gov.lemma_.lower() in BLAME_VERBS:
        # "blamed the attack on the militia": the "on" phrase names who did it, not what was hit
        blamed = next((o for p, o in [*preps(n), *preps(gov)] if p in ("on", "to")), None)
        if blamed is not None:
            actor_tok, target_tok = blamed, None if target_tok is not None and target_tok.i == blamed.i else target_tok
    if gov is not None:
        judged = any(c.dep_ in ("oprd", "acomp", "xcomp") for c in gov.children)  # "called the attack cowardly"
        if actor_tok is None and n.dep_ in ("dobj", "pobj") and ((gov.lemma_ in ctx.lex.cue("light_verbs") and not judged) or _responsibility(n)):
            actor_tok = subject_of(gov)
            d.claim_actor = _responsibility(n)
            if target_tok is None and n.dep_ == "dobj":  # "fired two missiles at the ship", "launched an attack on X"
                target_tok = next((o for p, o in preps(gov) if p in TARGET_PREPS), None)
        elif actor_tok is None and n.dep_ == "nsubjpass" and gov.lemma_ in ctx.lex.cue("light_verbs"):
            actor_tok = next((o for p, o in preps(gov) if p == "by"), None)  # "the attack was led by X"
        elif actor_tok is None and _instrument_of(n, gov) and not is_passive(gov) and gov.lemma_.lower() not in ("die", "perish", "be") \
                and _agent(ctx, subject_of(gov)):
            actor_tok = subject_of(gov)
            target_tok = target_tok or first(gov, "dobj")
        if target_tok is None and n.dep_ == "nsubj":
            target_tok = first(gov, "dobj")
    d.actors = make_args(ctx, actor_tok, actor=True, prior_actors=prior)
    if not d.actors and d.frame in NATION_FRAMES:
        d.actors = [_armed_forces(ctx, a, named_only=True) for a in _nation(ctx, n)]  # "an Israeli strike": its army
    d.arg_heads = [t for t in (actor_tok, target_tok) if t is not None]
    if actor_tok is not None and actor_tok.head.lower_ == "between":
        d.actors, d.targets = _split_pair(d.actors)
    if target_tok is not None:
        d.targets = make_args(ctx, target_tok, actor=d.frame == "clash", prior_actors=prior)
        d.objects = conjuncts(target_tok)


TELLING_VERBS = {"report", "document", "record", "verify", "confirm", "cite", "monitor", "tally", "count", "announce",
                 "describe", "condemn", "denounce", "investigate", "film", "publish", "photograph", "see", "witness"}
NATION_FRAMES = ("airstrike", "shelling", "attack", "chemical")
BLAME_VERBS = {"blame", "attribute", "pin"}


FIRE_WORDS = {"fire", "gunfire", "shelling", "shot", "shots", "barrage", "salvo", "volley", "bombardment", "attack", "strike"}


def _shooter(ctx: DocContext, tok) -> bool:
    """Who fire comes from: a named group or person, or armed people -- not a place
    ("rocket fire from Gaza" says where the rockets came from, not who fired them)."""
    if tok is None or ctx.etype(tok) == "LOCATION":
        return False
    return _agent(ctx, tok) and tok.pos_ != "PRON"


def _fired_from(ctx: DocContext, tok, verb=None):
    """"by mortar fire from X", "by a rocket from X": the means' "from" phrase (or the verb's, as
    parsed) names who used it."""
    if tok is None or not (tok.lemma_.lower() in FIRE_WORDS or ctx.lex.has_tok("weapon", tok) or ctx.lex.has_tok("aerial", tok)):
        return None
    holders = [tok] if verb is None else [tok, verb]
    return next((o for h in holders for p, o in preps(h) if p == "from" and _shooter(ctx, o)), None)


def _country(ctx: DocContext, tok) -> bool:
    """The place is a whole country (a state that can act: "Russia's strikes")."""
    e = ctx.entity_of(tok)
    geo = ctx.doc.entities[e].geo if e is not None else None
    return geo is not None and geo.precision == 3 and geo.admin1 is None and bool(geo.country)


def _agent(ctx: DocContext, tok) -> bool:
    """Someone who can act: a named group or person, or armed people ("the rebels"), not the
    victims or a toll ("ten civilians died during an attack", "the death toll rose after ...")."""
    if tok is None or tok.head.lemma_.lower() in ("die", "perish"):
        return False  # "three guards who died in a raid"
    from .phrases import counted
    tok = counted(ctx, tok)
    if tok.pos_ == "PRON":
        return True
    if ctx.etype(tok) in ("ORG", "PERSON") and not ctx.is_demonym(tok):
        return True
    if ctx.etype(tok) == "LOCATION":
        return _country(ctx, tok)
    return (ctx.lex.has_tok("armed", tok) or ctx.lex.has_tok("group", tok)) and not ctx.lex.has_tok("civilian", tok)


def _nation(ctx: DocContext, n) -> list[Arg]:
    """"a Turkish strike", "an Israeli raid": the nationality of a strike or an attack names the
    state that carried it out (not so for a people's protest or a "Palestinian gunman")."""
    from ..gazetteer.countries import country_by_iso, demonym_country

    for c in n.children:
        if c.dep_ not in ("amod", "compound", "nmod") or c.ent_type_ != "NORP":
            continue
        iso = demonym_country(c.text)
        country = country_by_iso(iso) if iso else None
        if country is None:
            continue
        ent = next((i for i, e in enumerate(ctx.doc.entities) if e.type == "LOCATION" and e.name == country.name), None)
        return [Arg(country.name, Span(c.idx, c.idx + len(c.text)), ent)]
    return []


CONFRONT = {"challenge", "attack", "target", "hit", "strike", "respond", "retaliate", "fight", "confront", "engage",
            "pound", "harass", "resist", "oppose", "counter", "punish"}


def _instrument_of(n, gov) -> bool:
    """"challenging Hamas, including with clashes": the nominal is how the verb's subject acts;
    "took the town after a day of fighting": what the subject did before."""
    if n.dep_ == "pobj" and n.head.lower_ == "of" and n.head.head.dep_ == "pobj":
        n = n.head.head  # "after a day of fighting"
    if n.dep_ != "pobj":
        return False
    if n.head.lower_ in ("after", "following", "amid", "during", "before") and gov.pos_ == "VERB":
        return True
    if n.head.lower_ not in ("with", "through", "including", "by"):
        return False
    path = {t.lower_ for t in n.ancestors if t.i < n.i and gov.i < t.i}
    return "including" in path or gov.lemma_ in CONFRONT


def _for_head(n):
    """The token "for" that governs ``n``, through a quantity ("some of the attacks")."""
    if n.dep_ == "pobj" and n.head.lower_ == "of" and n.head.head.pos_ in ("NOUN", "PRON", "NUM", "DET", "ADJ"):
        q = n.head.head
        if q.dep_ == "pobj":
            return q.head
    return n.head if n.dep_ == "pobj" else None


def _responsibility(n) -> bool:
    """"claimed responsibility for <n>", "is responsible for (some of) <n>", "was (believed to
    be) behind <n>"."""
    h = _for_head(n)
    if h is not None and h.lower_ == "behind":
        return h.head.lemma_ == "be" and h.head.pos_ in ("AUX", "VERB")
    if h is None or h.lower_ != "for":
        return False
    return h.head.lemma_ in ("responsibility", "responsible", "credit")


def fill_roles(ctx: DocContext, d: Draft, prior: list[Arg]) -> None:
    """Set ``d.actors``, ``d.targets`` and ``d.objects`` from the parse."""
    if d.nominal:
        _nominal(ctx, d, prior)
        if d.claim_actor or not d.actors:
            tok = _responsible_subject(d)
            resp = make_args(ctx, tok, actor=True, prior_actors=prior) if tok is not None else []
            if resp:
                d.actors, d.claim_actor = resp, True
                d.arg_heads.insert(0, tok)
    else:
        _verbal(ctx, d, prior)
    # a weapon or an event noun as subject ("a roadside bomb exploded", "fighting killed") acts for no one;
    # a definite one ("the drone had struck only military targets") points back to an event told
    subj = d.arg_heads[0] if d.arg_heads and not d.nominal else None
    if subj is not None and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in subj.children) \
            and (ctx.lex.has("weapon", subj.lemma_) or ctx.lex.rules_for(subj.lemma_)):
        d.reference = True
    if d.actors and all(_means(ctx, a) for a in d.actors):  # "Iraqi aircraft carried out a strike": Iraq's forces
        d.actors = [_armed_forces(ctx, x) for a in d.actors for x in _nation(ctx, _head_of(ctx, a))] if all(a.span for a in d.actors) else []
    d.actors = [a for a in d.actors if not _means(ctx, a) and not _is_time(ctx, a) and a.text.lower() not in NOBODY
                and not _outlet(ctx, a)]
    d.targets = [a for a in d.targets if a.text.lower() not in REFLEXIVE and not _is_time(ctx, a)]
    if not d.targets and d.frame not in ("protest", "riot", "clash", "allegiance", "agreement", "intel"):
        d.targets = _purpose_target(ctx, d, prior)  # "a strike on the location to target X"
    if d.rule.participant and d.frame in ("protest", "riot"):
        d.targets = []
    if not d.actors and d.rule.participant:  # "protesters gathered", "a mob lynched"
        d.actors = make_args(ctx, d.token, actor=True, prior_actors=prior)
    if not d.actors:
        d.actors = _accused(ctx, d, prior)
    if d.rule is OCCUR_RULE:  # "it was perpetrated by X": "it" is the incident
        d.actors = [a for a in d.actors if a.entity is not None]
        d.targets = []
    heads = [h for h in d.arg_heads if h.pos_ in ("NOUN", "PRON")]
    d.anaphoric = bool(heads) and all(
        h.pos_ == "PRON" or any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "these", "those", "its", "their") for c in h.children)
        for h in heads) and all(a.entity is None for a in d.participants())


REFLEXIVE = {"himself", "herself", "itself", "themselves", "ourselves"}


def _outlet(ctx: DocContext, a: Arg) -> bool:
    """A news outlet reports the event; it is no party to it ("(Reuters) - ... its forces")."""
    return a.entity is not None and ctx.doc.entities[a.entity].kind == "outlet"


def _is_time(ctx: DocContext, a: Arg) -> bool:
    if a.entity is not None:
        return False
    span = ctx.arg_span(a)
    return span is not None and all(t.ent_type_ in ("DATE", "TIME") or t.is_punct or t.lower_ in TIME_WORDS for t in span)


TIME_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
              "tonight", "morning", "evening", "night", "weekend", "week", "month", "year", "day", "dawn", "dusk",
              "midnight", "afternoon", "january", "february", "march", "april", "june", "july", "august",
              "september", "october", "november", "december", "last", "this", "early", "late", "on"}
NOBODY = {"people", "person", "persons", "someone", "anyone"}  # a bare "people" names no actor


def _armed_forces(ctx: DocContext, nation: Arg, named_only: bool = False) -> Arg:
    """The army of a state that used a weapon ("Israeli aircraft" -> the article's Israeli army);
    ``named_only``: only when the article names that army, else the state."""
    from ..gazetteer.countries import country_by_name
    from .parties import _force
    c = country_by_name(nation.text)
    f = _force(ctx, nation, c.iso2, police=False) if c is not None else None
    if f is None or _means(ctx, f) or (f.entity is None and named_only):
        return nation
    return f


def _purpose_target(ctx: DocContext, d: Draft, prior: list[Arg]) -> list[Arg]:
    """What a strike was meant to hit, as its purpose clause says: "... to target / hit X"."""
    holders = [d.token] + ([governing_verb(d.token)] if d.nominal and governing_verb(d.token) is not None else [])
    for h in holders:
        for c in h.subtree:
            if c.dep_ in ("advcl", "xcomp", "acl", "relcl") and c.lemma_.lower() in PURPOSE_HITS \
                    and any(a.lower_ == "to" for a in c.children):
                obj = first(c, "dobj")
                if obj is not None:
                    return make_args(ctx, obj, actor=False, prior_actors=prior)
    return []


PURPOSE_HITS = {"target", "hit", "strike", "destroy", "kill", "eliminate", "neutralise", "neutralize"}


def _head_of(ctx: DocContext, a: Arg):
    span = ctx.arg_span(a)
    return span.root if span is not None else ctx.sdoc[0]


def _means(ctx: DocContext, a: Arg) -> bool:
    """A weapon or an event noun, not an actor ("a roadside bomb", "fighting", "a drone strike")."""
    if a.entity is not None:
        last = ctx.doc.entities[a.entity].name.split()[-1:]  # "Russian warplanes" taken for a name: still a weapon
        if not last or not last[0].islower() or not (ctx.lex.has("aerial", last[0]) or ctx.lex.has("weapon", last[0].rstrip("s"))):
            return False
    words = a.text.lower().replace("-", " ").split()
    if not words:
        return True
    head, stem = words[-1], words[-1].rstrip("s")
    if ctx.lex.has("weapon", head) or ctx.lex.has("weapon", stem) or ctx.lex.has("aerial", head) or ctx.lex.has("aerial", stem):
        return not (stem == "bomber" and "suicide" in words)  # an aircraft, not a suicide bomber
    rules = ctx.lex.rules_for(head, stem)
    return bool(rules) and not any(r.participant for r in rules)


def _responsible_subject(d: Draft):
    """The subject of "X claimed responsibility for / X is responsible for" the event."""
    n = d.token
    if not _responsibility(n):
        return None
    holder = _for_head(n).head  # responsibility / responsible
    v = holder.head if holder.dep_ in ("dobj", "acomp", "attr") else holder
    return subject_of(v)


def _accused(ctx: DocContext, d: Draft, prior: list[Arg]) -> list[Arg]:
    """"accused X of <event>", "blamed <event> on X": X is the actor the accusation names."""
    for anc in [d.token, *d.token.ancestors]:
        if anc.lemma_ == "accuse" and anc.pos_ == "VERB":
            obj = first(anc, "dobj")
            return make_args(ctx, obj, actor=True, prior_actors=prior) if obj is not None else []
        if anc.lemma_ == "blame" and anc.pos_ == "VERB":
            on = next((o for p, o in preps(anc) if p == "on"), None) or next((o for p, o in preps(d.token) if p == "on"), None)
            return make_args(ctx, on, actor=True, prior_actors=prior) if on is not None else []
    return []
