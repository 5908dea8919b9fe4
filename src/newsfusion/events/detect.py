"""Find the words that state an event: lexicon triggers checked against the parse.

A token is a trigger when its lemma and part of speech are in the lexicon and
the entry's conditions hold (particle, object, modifier, preposition, purpose
clause, subject). A trigger is not an event mention when it is part of a name
("the Rocket Force"), a date ("March"), a modifier of another noun ("battle
cry", "rocket launcher"), the idiom "in protest", the topic of a non-event
noun ("the threat of attacks", "the story of the battle"), or a bare plural
with no anchor in time ("Israel holds Hamas responsible for rockets fired by
Gazan groups": a generalisation, not a report). A definite nominal without
arguments of its own ("the attack", "the rally") is kept as a *reference*: it
points back to an event already told and is merged with it later.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .context import DocContext
from .draft import Draft
from .lexicon import TriggerRule
from .phrases import counted, resolve_pronoun
from .syntax import PRONOUNS, first, kids, preps, subject_of

WEAPON_FRAMES = ("airstrike", "shelling", "ied", "suicide", "grenade", "chemical")
TOPIC_NOUNS = {"story", "history", "anniversary", "memory", "commemoration", "threat", "risk", "fear", "possibility",
               "danger", "film", "movie", "song", "book", "cry", "rumour", "rumor", "myth", "legend", "lesson",
               "reminder", "prospect", "spectre", "specter", "wave", "culture", "tactic", "tactics", "kind", "type",
               "ban", "count", "charge", "charges", "call", "calls", "demand", "right", "law", "plan", "plans",
               "investigation", "probe", "trial", "wake", "aftermath", "victim", "victims", "survivor", "survivors",
               "complicity", "involvement", "role", "participation", "weapon", "weapons"}
NOT_EXPLODED = {"defuse", "dismantle", "find", "discover", "seize", "plant", "recover", "detect", "carry", "make", "build",
                "deactivate", "remove", "place", "hide", "transport", "smuggle", "store", "neutralize", "neutralise"}
TREND_VERBS = {"accelerate", "increase", "rise", "grow", "mount", "spread", "intensify", "decline", "decrease", "drop",
               "fall", "escalate", "continue", "persist", "surge", "multiply", "become", "remain"}
VAGUE_MANY = {"numerous", "many", "several", "countless", "frequent", "regular", "multiple", "various", "occasional", "periodic"}
NON_PROTEST = {"campaign", "election", "electoral", "presidential", "party"}
LABOUR = {"hunger", "general", "labour", "labor", "worker", "workers", "teacher", "teachers", "doctors", "nationwide",
          "national", "transport", "student", "students", "sit-down", "wildcat"}
NOT_WEAPONS = {"call", "communication", "message", "conversation", "signal", "email", "letter", "migrant", "smuggler",
               "phone", "transmission", "radio"}
RIOT_CONTROL = {"stun", "flash", "smoke", "gas", "tear", "tear-gas", "teargas", "concussion", "sound"}
TEMPORAL_PREPS = {"after", "before", "since", "following", "until", "till", "ahead", "prior"}
# verbs that act on protesters / participants and so report the gathering
ON_PARTICIPANTS = {"disperse", "shoot", "kill", "arrest", "detain", "beat", "attack", "fire", "injure", "wound", "clash",
                   "confront", "block", "storm", "teargas", "tear-gas", "scatter", "charge", "join", "lead", "face"}
ANCHOR_ADJ = {"recent", "latest", "last", "ongoing", "renewed", "continued", "continuing", "fresh", "new", "heavy",
              "deadly", "fierce", "intense", "overnight", "weekend",
              "violent", "bloody", "separate", "coordinated", "simultaneous"}
DEFINITE = {"the", "this", "that", "these", "those", "such"}
OTHER_KIND = {"similar", "such"}  # a plural of these counts incidents of a kind, not the one the article tells
ARG_PREPS = {"by", "on", "against", "of", "between", "in", "at", "near", "with", "from", "toward", "towards", "outside"}


def _child_word(tok, deps: tuple[str, ...], words) -> object | None:
    for c in tok.children:
        if c.dep_ in deps and (c.lower_ in words or c.lemma_.lower() in words):
            return c
    return None


def misparsed_gerund(tok) -> bool:
    """"accused the army of burning homes": a verb the parser hung on its object as a modifier."""
    return tok.tag_ == "VBG" and tok.dep_ == "amod" and tok.head.pos_ == "NOUN" and tok.head.dep_ == "pobj"


def _object(ctx: DocContext, tok):
    if misparsed_gerund(tok):
        return tok.head
    obj = first(tok, "dobj", "nsubjpass")
    if obj is None and tok.pos_ == "NOUN":
        obj = next((o for p, o in preps(tok) if p == "of"), None)
    return counted(ctx, obj) if obj is not None else None  # "dozens of houses" -> houses


def _in_class(ctx: DocContext, tok, cls: str) -> bool:
    if tok is None:
        return False
    if ctx.lex.has_tok(cls, tok):
        return True
    if cls == "armed" and any(c.dep_ == "amod" and c.lower_ in ("armed", "masked") for c in tok.children):
        return True  # "armed men"
    et = ctx.etype(tok)
    if cls in ("territory", "settlement") and et == "LOCATION":
        return True
    if cls == "group" and et == "ORG" and not ctx.is_demonym(tok):
        return True
    return False


def _check(ctx: DocContext, tok, rule: TriggerRule) -> list | None:
    """The extra trigger words when ``rule`` holds at ``tok``, else None."""
    extra = []
    if rule.particle:
        c = _child_word(tok, ("prt", "advmod", "prep"), {rule.particle})
        if c is None:
            return None
        extra.append(c)
    if rule.objects is not None or rule.object_class:
        obj = _object(ctx, tok)
        if obj is None:
            return None
        ok = (rule.objects is not None and (obj.lower_ in rule.objects or obj.lemma_.lower() in rule.objects)) or (
            rule.object_class is not None and _in_class(ctx, obj, rule.object_class))
        if not ok:
            return None
        extra.append(obj)
    if rule.compound is not None:
        c = _child_word(tok, ("compound", "amod", "nmod", "npadvmod"), rule.compound)
        if c is None and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "-" and tok.i > 1:
            c = tok.doc[tok.i - 2] if tok.doc[tok.i - 2].lower_ in rule.compound else None
        if c is None:
            return None
        extra.append(c)
    if rule.prep:
        hit = None
        for p, o in preps(tok):
            for name, words, cls in rule.prep:
                if p == name and (words is None and cls is None or (words and (o.lower_ in words or o.lemma_ in words)) or (cls and _in_class(ctx, o, cls))):
                    hit = o
        if hit is None:
            return None
    if rule.purpose is not None:
        pv = next((c for c in tok.children if c.dep_ in ("advcl", "xcomp") and c.lemma_ in rule.purpose
                   and any(a.lower_ == "to" for a in c.children)), None)
        if pv is None:
            return None
    if rule.subject_class:
        s = subject_of(tok)
        if s is not None and s.lower_ in PRONOUNS:
            s = resolve_pronoun(ctx, s)
        if s is None:
            return None
        named = ctx.etype(s) in ("ORG", "PERSON") or any(ctx.etype(c) in ("ORG", "PERSON") for c in s.children if c.dep_ == "poss")
        if not (_in_class(ctx, s, rule.subject_class) or (named and not rule.subject_strict)):
            return None
    if rule.object_entity:
        obj = first(tok, "dobj")
        if obj is None or ctx.etype(obj) != rule.object_entity or ctx.is_demonym(obj):
            return None
    if rule.advmod:
        c = _child_word(tok, ("advmod", "acomp", "oprd", "xcomp", "prt", "amod", "dobj", "ccomp"), {rule.advmod})
        obj = first(tok, "dobj")
        if c is None and obj is not None:  # "shot dead two protesters": "dead" read as the object's adjective
            c = _child_word(obj, ("amod",), {rule.advmod})
        if c is None:
            return None
        extra.append(c)
    if rule.intransitive and first(tok, "dobj") is not None:
        return None
    if rule.nationality and not any(c.dep_ in ("amod", "compound") and c.ent_type_ == "NORP" for c in tok.children):
        return None
    if rule.head_verb is not None and not (tok.dep_ == "nsubj" and tok.head.lemma_.lower() in rule.head_verb) and not any(
            c.dep_ == "relcl" and c.lemma_.lower() in rule.head_verb and any(x.dep_ == "nsubj" and x.lower_ in ("which", "that") for x in c.children)
            for c in tok.children):  # "the insurgency, which erupted in 2009"
        return None
    if rule.infinitive and not any(c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in tok.children):
        return None
    if rule.object_of is not None and not (tok.dep_ == "dobj" and tok.head.lemma_.lower() in rule.object_of):
        return None
    if rule.nominal_use and tok.pos_ == "VERB" and tok.dep_ not in ("nsubj", "nsubjpass", "pobj", "dobj"):
        return None
    return extra


@lru_cache(maxsize=16384)
def _stems(word: str) -> tuple[str, ...]:
    """Crude de-inflections, for lemmas the lemmatizer gets wrong ("installed" -> "instal")."""
    out = []
    for suf, rep in (("ied", "y"), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("es", ""), ("s", "")):
        if word.endswith(suf) and len(word) - len(suf) >= 3:
            out.append(word[: len(word) - len(suf)] + rep)
    return tuple(out)


def match(ctx: DocContext, tok) -> tuple[TriggerRule, list] | None:
    """The most specific lexicon rule that holds at ``tok``."""
    if tok.is_punct or tok.like_num or tok.ent_type_ in ("DATE", "TIME"):
        return None
    pos = "NOUN" if tok.pos_ == "PROPN" else tok.pos_
    best = None
    for rule in ctx.lex.rules_for(tok.lemma_, tok.lower_, *_stems(tok.lower_)):
        if rule.subject_strict and tok.dep_ in ("acl", "amod"):
            continue
        if pos not in rule.pos:
            continue
        extra = _check(ctx, tok, rule)
        if extra is not None and (best is None or rule.specificity > best[0].specificity):
            best = (rule, extra)
    return best


def _weapon_modifier(ctx: DocContext, tok) -> tuple[TriggerRule, object] | None:
    """A weapon word modifying a trigger ("rocket attack", "drone strike") names the means."""
    for c in tok.children:
        if c.dep_ in ("compound", "amod", "nmod"):
            m = match(ctx, c)
            if m is not None and m[0].frame in WEAPON_FRAMES:
                return m[0], c
    return None


INSTRUMENT_FRAMES = ("attack", "kill")
AIR_WORDS = {"air", "drone", "aerial", "airstrike", "airstrikes"}
AERIAL_RULE = TriggerRule(frozenset({"drone"}), frozenset({"NOUN"}), "airstrike")
STRIKE_BACK_RULE = TriggerRule(frozenset({"strike"}), frozenset({"NOUN"}), "airstrike")
REMOTE_FRAMES = ("airstrike", "shelling")
VIOLENT_FRAMES = ("attack", "kill", "clash", *WEAPON_FRAMES)


def strike_back(tok, drafts: list[Draft]) -> tuple[TriggerRule, list] | None:
    """"The strike occurred in the village of X": a definite bare "strike" after the article told
    an air strike or a shelling points back to it (alone, "the strike" may be a labour strike)."""
    if tok.lemma_.lower() != "strike" or tok.pos_ != "NOUN" or tok.tag_ != "NN":
        return None
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
        return None
    if not any(d.frame in REMOTE_FRAMES and not d.drop for d in drafts):
        return None
    if not _says_where_or_when(tok):  # "The strike came a day after rebels seized X": X is the seizure's
        return None
    return STRIKE_BACK_RULE, []


def _says_where_or_when(tok) -> bool:
    """The noun is the subject of a verb of occurrence ("occurred", "took place", "was carried out")
    or of a bare "be" ("The strike was near X"), so what follows in the clause places or dates it."""
    head = tok.head
    if tok.dep_ not in ("nsubj", "nsubjpass") or head.i == tok.i:
        return False
    lemma = head.lemma_.lower()
    if lemma in OCCUR_VERBS and (lemma != "carry" or any(c.dep_ == "prt" and c.lower_ == "out" for c in head.children)):
        return True
    if lemma == "take" and any(c.dep_ == "dobj" and c.lower_ == "place" for c in head.children):
        return True
    return lemma == "be" and head.pos_ in ("AUX", "VERB") and any(c.dep_ == "prep" for c in head.children)


OCCUR_RULE = TriggerRule(frozenset({"occur"}), frozenset({"VERB"}), "attack")
OCCUR_VERBS = {"occur", "happen", "perpetrate", "commit", "unfold", "carry"}
POINTING = {"it", "this", "that"}


def told_again(tok, drafts: list[Draft]) -> tuple[TriggerRule, list] | None:
    """"It was perpetrated near X", "It happened in the village of Y", "This took place at dawn":
    a pronoun standing for the incident just told, with a verb of occurrence, says where and when
    it happened (after a violent mention that was kept)."""
    lemma = tok.lemma_.lower()
    if tok.pos_ != "VERB" or not (lemma in OCCUR_VERBS or (lemma == "take" and any(
            c.dep_ == "dobj" and c.lower_ == "place" for c in tok.children))):
        return None
    if lemma == "carry" and not any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children):
        return None
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.lower_ not in POINTING or subj.pos_ not in ("PRON", "DET"):
        return None
    if not any(d.frame in VIOLENT_FRAMES and not d.drop for d in drafts):
        return None
    return OCCUR_RULE, []


def _means_of(ctx: DocContext, tok) -> tuple[TriggerRule, object] | None:
    """The frame a weapon noun stands for: "drones" an air strike, "missiles" shelling."""
    near = [c for c in tok.subtree if c.dep_ in ("conj", "compound", "amod") and c.i != tok.i]
    near += [o for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]
    for t in [tok, *near]:  # "ballistic missiles", "rifles and car bombs", "a swarm of drones"
        if ctx.lex.has_tok("aerial", t):
            return AERIAL_RULE, t
        m = match(ctx, t)
        if m is not None and m[0].frame in WEAPON_FRAMES:
            return m[0], t
    return None


def weapon_instrument(ctx: DocContext, tok) -> tuple[TriggerRule, object] | None:
    """"attacked the port with ballistic missiles", "targeted two frigates with drones", "launched
    an attack using drones": the instrument names the means, and ACLED types by the means."""
    holders = [tok]
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "pobj") and tok.head.pos_ in ("VERB", "AUX"):
        holders.append(tok.head)  # "carried out an attack with drones"
    if tok.pos_ == "VERB":
        holders.extend(kids(tok, "dobj"))  # "targeted destroyers with drones": the parser hangs it on the object
    for h in holders:
        for c in h.children:
            if c.dep_ in ("prep", "agent") and c.lower_ in ("with", "using", "by"):  # "killed by a drone": the agent
                o = next((x for x in c.children if x.dep_ == "pobj"), None)
                got = _means_of(ctx, o) if o is not None else None
                if got is not None:
                    return got
            if c.dep_ in ("advcl", "acl", "xcomp") and c.lemma_.lower() in ("use", "employ", "fire", "launch"):
                o = first(c, "dobj")
                got = _means_of(ctx, o) if o is not None else None
                if got is not None:
                    return got
    return None


def _fired_from_the_air(ctx: DocContext, tok) -> bool:
    """A missile or rocket whose launcher is an aircraft, a jet, a helicopter or a drone."""
    v = tok.head if tok.dep_ in ("dobj", "nsubjpass") else tok
    s = subject_of(v) if v.pos_ in ("VERB", "AUX") else None
    if s is None:
        s = next((o for p, o in preps(v) if p in ("by", "from")), None)
    return s is not None and ctx.lex.has_tok("aerial", s)


def skip_reason(ctx: DocContext, tok, rule: TriggerRule) -> str:
    """Why a matched trigger is not an event mention ('' when it is one)."""
    if ctx.mention_of(tok) is not None and ctx.etype(tok) in ("ORG", "PERSON", "LOCATION") and tok.pos_ == "PROPN":
        return "part of a name"
    if tok.dep_ in ("compound", "amod", "nmod") and tok.head.pos_ in ("NOUN", "PROPN") and not misparsed_gerund(tok):
        if match(ctx, tok.head) is not None:
            return "modifier of another trigger"
        return "modifier of a non-event noun"
    if tok.pos_ in ("NOUN", "PROPN"):
        h = tok.head
        if tok.dep_ == "pobj" and h.lower_ == "in" and tok.lemma_ == "protest" and not kids(tok, "det"):
            return "idiom 'in protest'"
        top = tok
        while top.dep_ == "conj" and top.head.i != top.i:
            top = top.head  # "a ban on gatherings and protests"
        th = top.head
        if top.dep_ == "pobj" and th.lower_ in ("of", "about", "for", "on", "against", "in") and th.head.lemma_.lower() in TOPIC_NOUNS:
            return f"topic of '{th.head.text}'"
        if rule.frame == "destroy" and not any(p == "of" for p, _ in preps(tok)) and not kids(tok, "poss"):
            return "destruction of nothing named"
        if tok.dep_ == "poss":
            return "possessor"
        if any(c.dep_ in ("compound", "amod") and c.lower_ in NON_PROTEST for c in tok.children) and rule.frame == "protest":
            return "campaign rally"
        if tok.dep_ == "pobj" and h.lower_ in TEMPORAL_PREPS and (
                is_reference(tok) or any(c.lower_ in ("each", "every") for c in tok.children)):
            return "time anchor ('after the attack', 'before each explosion')"
    if rule.frame == "ied" and tok.pos_ in ("NOUN", "PROPN") and (
            (tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in NOT_EXPLODED)
            or any(c.dep_ == "acl" and c.lemma_.lower() in NOT_EXPLODED for c in tok.children)):
        return "device found, not exploded ('the third device found on this road')"
    if tok.lemma_.lower() == "strike" and any(c.lower_ in LABOUR for c in tok.children if c.dep_ in ("compound", "amod", "nmod")):
        return "a labour strike"
    if rule.frame == "attack" and tok.lemma_.lower() == "target" and tok.pos_ == "VERB" and not _armed_act(ctx, tok):
        return "not an armed act ('targeted officials with sanctions')"
    if rule.frame == "grenade" and any(c.lower_ in RIOT_CONTROL for c in tok.children if c.dep_ in ("compound", "amod", "nmod")):
        return "a riot-control device ('stun grenades')"
    if rule.frame == "capture" and tok.lemma_.lower() == "take" and any(c.dep_ == "prt" and c.lower_ in ("up", "part", "off", "on") for c in tok.children):
        return "idiom ('took up arms')"
    if rule.frame == "disrupt" and any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in NOT_WEAPONS for c in tok.children):
        return "not a weapon ('intercepted calls')"
    if rule.frame == "arrest" and any(p == "in" and o.lemma_.lower() in ("hospital", "clinic", "care") for p, o in preps(tok)):
        return "kept in hospital"
    if tok.tag_ == "VBG" and tok.dep_ in ("csubj", "nsubj", "csubjpass") and not rule.nominal_use:
        return "gerund subject: a general statement"
    if (tok.pos_ in ("NOUN", "PROPN") or tok.tag_ == "VBG") and tok.dep_ == "nsubj" and tok.head.lemma_.lower() in TREND_VERBS:
        return "a trend ('arrests have accelerated')"
    if rule.frame == "protest" and tok.pos_ in ("NOUN", "PROPN") and _setting_of_violence(ctx, tok):
        return "the setting of another event ('a bombing at a rally')"
    if rule.participant and not _participant_acts(ctx, tok):
        return "participants mentioned, no gathering reported"
    if tok.lemma_.lower() == "bomber" and tok.dep_ not in ("nsubj", "nsubjpass", "pobj", "conj") and not (tok.dep_ == "pobj" and tok.head.lower_ == "by"):
        return "bomber named, no bombing reported"
    if rule.frame == "destroy" and not tok.pos_ in ("NOUN", "PROPN"):
        obj = first(tok, "dobj", "nsubjpass")
        obj = counted(ctx, obj) if obj is not None else None
        if obj is not None and obj.lemma_.lower() != "fire" and not (_in_class(ctx, obj, "property") or _in_class(ctx, obj, "territory") or ctx.etype(obj) == "LOCATION" or obj.pos_ == "PRON" or obj.lower_ in ("most", "some", "all", "many")):
            return "not property"
    return ""


def _armed_act(ctx: DocContext, v) -> bool:
    """"targeted": an attack when armed men do it, or when what is targeted is a post, people,
    a place or property (a government "targets officials" with sanctions)."""
    s = subject_of(v)
    if s is not None and (_in_class(ctx, s, "armed") or ctx.lex.has_tok("aerial", s)):
        return True
    if weapon_instrument(ctx, v) is not None:
        return True
    obj = first(v, "dobj", "nsubjpass")
    obj = counted(ctx, obj) if obj is not None else None
    return obj is not None and (any(_in_class(ctx, obj, c) for c in ("armed", "civilian", "territory", "property"))
                                or ctx.etype(obj) == "LOCATION")


def _setting_of_violence(ctx: DocContext, tok) -> bool:
    """"a bombing at a rally", "an attack on a march": the gathering is where violence struck."""
    h = tok.head
    if tok.dep_ != "pobj" or h.lower_ not in ("at", "on", "during", "near", "against", "targeting"):
        return False
    m = match(ctx, h.head)
    return m is not None and m[0].frame in ("attack", "kill", *WEAPON_FRAMES)


def _participant_acts(ctx: DocContext, tok) -> bool:
    """"protesters gathered", "police dispersed thousands of protesters", "tear gas against
    protesters demanding ...": the gathering is reported."""
    if any(c.dep_ == "acl" and c.tag_ == "VBG" for c in tok.children):
        return True  # "protesters demanding the president's resignation"
    if tok.dep_ == "pobj" and tok.head.lower_ in ("against", "at", "on", "upon"):
        return True  # something was done to them
    t = tok
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.pos_ in ("NOUN", "NUM"):
        t = t.head.head  # "thousands of protesters"
    v = t.head
    if t.dep_ in ("nsubj", "nsubjpass") and v.pos_ in ("VERB", "AUX"):
        return v.tag_ in ("VBD", "VBN") or any(c.dep_ == "aux" for c in v.children)
    while v.pos_ == "ADP" and v.head.i != v.i:
        v = v.head
    return t.dep_ in ("dobj", "pobj", "nsubjpass") and v.lemma_.lower() in ON_PARTICIPANTS


def _reported_verb(tok) -> bool:
    """The nominal is an argument of a verb in the simple past: a report of one occasion
    ("There was shooting and arrests": through the coordination)."""
    while tok.dep_ == "conj" and tok.head.i != tok.i and tok.head.pos_ in ("NOUN", "PROPN"):
        tok = tok.head
    v = tok.head
    while v.head.i != v.i and (v.pos_ == "ADP" or (v.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass") and _quantity(v))):
        v = v.head  # "carried out dozens of air strikes"
    if v.pos_ not in ("VERB", "AUX"):
        return False
    auxes = [c.lower_ for c in v.children if c.dep_ == "aux"]
    return (v.tag_ == "VBD" and not auxes) or (v.tag_ == "VBN" and auxes == ["had"])  # "fired", "had fired"


def _quantity(tok) -> bool:
    return tok.pos_ == "NUM" or tok.lower_ in ("dozens", "hundreds", "scores", "thousands", "number", "handful", "couple")


def is_generic(ctx: DocContext, tok, anchored: bool) -> bool:
    """A bare plural nominal with no time anchor, not reported as having happened:
    a generalisation ("responsible for rockets fired by Gazan groups"), not a report."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.tag_ not in ("NNS", "NNPS"):
        return False
    if any(p == "in" and o.lower_ == "past" for p, o in preps(tok.head if tok.dep_ == "dobj" else tok)):
        return True  # "has claimed several bombings in the past"
    if any(c.lower_ in VAGUE_MANY or (c.dep_ == "det" and c.lower_ == "some") for c in tok.children) or (tok.dep_ == "pobj" and tok.head.head.lower_ in ("series", "spate", "string", "wave")):
        return True  # "numerous bombings", "a series of attacks": several events, none told
    if any(c.dep_ == "amod" and c.lower_ in OTHER_KIND for c in tok.children):
        return True  # "blamed X for similar attacks", "such raids": incidents of the kind, not the one told
    h = tok.head
    if tok.dep_ == "nsubj" and h.lemma_ == "be" and h.tag_ in ("VBZ", "VBP") and any(c.dep_ == "acomp" for c in h.children):
        return True  # "Arrests are rare", "attacks are common": a statement about a kind of event
    if _reported_verb(tok):
        return False
    if any(c.dep_ in ("det", "nummod", "poss", "predet") for c in tok.children):
        return False
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.tag_ == "NN" and kids(tok.head.head, "det"):
        return False  # "a barrage of rockets", "a volley of shells": one salvo
    if any(c.lower_ in ANCHOR_ADJ for c in tok.children):
        return False
    if tok.dep_ == "conj" and any(c.dep_ in ("det", "nummod", "poss") for c in tok.head.children):
        return False
    return not anchored


def is_reference(tok) -> bool:
    """A definite nominal trigger without arguments of its own: "the attack", "At the rally"."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    dated = any(c.dep_ == "poss" and c.ent_type_ in ("DATE", "TIME") for c in tok.children)  # "Saturday's attack"
    if any(c.dep_ == "det" and c.lower_ in ("this", "that", "these", "those") for c in tok.children):
        return True  # a demonstrative points back whatever follows: "this cowardly attack on X"
    if not dated and not any(c.dep_ == "det" and c.lower_ in DEFINITE for c in tok.children):
        return False
    if any(p in ARG_PREPS for p, _ in preps(tok)):
        return False
    if any(c.dep_ in ("nummod",) or (c.dep_ == "poss" and c.ent_type_ not in ("DATE", "TIME")) for c in tok.children):
        return False
    return not any(c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" for c in tok.children)


_CAPTION = re.compile(r"^\s*(FILE|PHOTO|IMAGE|VIDEO)\s*[-–—:]|\((AP|AFP|Reuters|EPA|Getty)[^)]*(Photo|Images|/)|"
                      r"\b(Photo|Image|Picture) (credit|source)?\s*:|via Getty Images|\bPhotograph: ")


CAPTION_WORDS = 60  # a caption is a short paragraph of its own


@lru_cache(maxsize=4096)
def caption(text: str) -> bool:
    """"FILE - ...", "... (AP Photo/X)", "Image source: ...": a picture's caption, not the report
    (checked on the paragraph, a caption being its own paragraph)."""
    return bool(_CAPTION.search(text))


def find_drafts(ctx: DocContext, anchored_sentences: set[int]) -> list[Draft]:
    """Every event mention in the article, in text order (dropped ones carry a reason)."""
    drafts: list[Draft] = []
    claimed: set[int] = set()  # words that belong to another trigger ("dropped three bombs")
    for si, sent in enumerate(ctx.sdoc.sents):
        para = ctx.para_of(sent.start_char)
        end = ctx.para_starts[para + 1] if para + 1 < len(ctx.para_starts) else len(ctx.doc.text)
        para_text = ctx.doc.text[ctx.para_starts[para]:end]
        if caption(sent.text) or (len(para_text.split()) <= CAPTION_WORDS and caption(para_text)):
            continue  # a photo caption shows, it does not report
        for tok in sent:
            m = match(ctx, tok) if tok.i not in claimed else None
            if m is None and tok.i not in claimed:
                m = strike_back(tok, drafts) or told_again(tok, drafts)
            if m is None:
                continue
            rule, extra = m
            if rule.frame in WEAPON_FRAMES:
                claimed.update(t.i for t in extra)
            gerund = tok.tag_ == "VBG" and tok.dep_ in ("nsubj", "nsubjpass", "pobj") and not kids(tok, "nsubj", "dobj")
            nominal = tok.pos_ in ("NOUN", "PROPN") or gerund  # "after weeks of fighting with X"
            d = Draft(rule.frame, rule, tok, extra, sent=ctx.sent_index(tok), para=ctx.para_of(tok.idx), nominal=nominal)
            wm = _weapon_modifier(ctx, tok)
            if wm is None and rule.frame in INSTRUMENT_FRAMES:
                wm = weapon_instrument(ctx, tok)
            if wm is not None and rule.frame not in WEAPON_FRAMES:
                d.frame, d.rule = wm[0].frame, wm[0]
                d.extra.append(wm[1])
                claimed.add(wm[1].i)
            if d.frame == "shelling" and _fired_from_the_air(ctx, tok):
                d.frame, d.rule = "airstrike", AERIAL_RULE  # "aircraft fired missiles at gunmen": an air strike
            d.drop = skip_reason(ctx, tok, rule)
            if not d.drop and d.nominal and is_generic(ctx, tok, d.sent in anchored_sentences):
                d.drop = "generic plural"
            d.reference = (d.nominal and not rule.participant and is_reference(tok)) or rule is OCCUR_RULE
            d.means_unknown = d.frame == "airstrike" and tok.lemma_.lower() == "strike" and not any(
                c.lower_ in AIR_WORDS for c in tok.children)
            drafts.append(d)
    return drafts
