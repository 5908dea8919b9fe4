"""Is the event said to have happened? occurred, planned, threatened, alleged, denied.

The trigger's governing chain is walked upwards (through infinitival
complements, purpose clauses, complement clauses and the light verb of a
nominal trigger) and the first deciding word sets the status:

* "will", "plan to", "prepare to", "announce plans to"   -> planned
* "threaten to", "vow to", a plan under an "if" clause    -> threatened
* "could", "want to", "try to", "call on ... to", purpose
  infinitives ("travelled to Syria to join")              -> hypothetical
* "not", "no", "hesitated to", "refused to", "failed to" -> negated
* "denied that", "denied reports ..."                     -> denied
* "accused X of", "believed to", "reportedly"             -> alleged

Hypothetical and negated mentions are not events; threats are claims (the
claims stage records them), so the events stage drops them too. Attempted
acts ("attempted bombings", "a foiled attack") are not recorded as the act.
"""

from __future__ import annotations

from .context import DocContext

# Verbs whose infinitive complement happened ("continued to attack", "used X to pass").
IMPLICATIVE = {"continue", "begin", "start", "manage", "proceed", "resume", "go", "use", "keep", "escalate", "step", "intensify", "come"}
FUTURE_AUX = {"will", "shall", "'ll", "wo"}
MODAL_AUX = {"would", "could", "might", "may", "should", "must", "can", "ca"}
PRESUPPOSING = {"disperse", "attend", "cover", "ban", "condemn", "break", "join", "organize", "organise", "film", "storm"}
INTENT_NOUNS = {"opportunity", "chance", "attempt", "bid", "plan", "plot", "order", "call", "threat", "right", "ability",
                "capacity", "need", "effort", "way", "means", "permission", "pledge", "promise", "vow", "intention"}
INTENT_STATUS = {"vow": "threatened", "pledge": "threatened", "promise": "threatened", "threat": "threatened",
                 "plan": "planned", "intention": "planned", "decision": "planned", "call": "hypothetical",
                 "demand": "hypothetical", "bid": "hypothetical", "attempt": "negated"}
_ORDER = ["negated", "hypothetical", "threatened", "denied", "planned", "alleged", "occurred"]


def _start(ctx: DocContext, trig, participant: bool = False):
    """Where to start walking: a nominal trigger hands over to its light verb or governing verb."""
    if trig.pos_ not in ("NOUN", "PROPN"):
        return trig, True
    if participant:
        return trig, False  # "protesters", "rioters": the people exist whatever the verb says
    if trig.dep_ == "appos" and trig.head.pos_ in ("NOUN", "PROPN"):
        trig = trig.head  # "an improvised explosive device (IED)": the status of the device
    h = trig.head
    if trig.dep_ == "pobj" and h.lower_ == "of" and (h.head.pos_ == "NUM" or ctx.lex.has("vague_quantity", h.head.lower_)):
        trig, h = h.head, h.head.head  # "hundreds of protesters", "some of the attacks"
    if trig.dep_ in ("dobj", "nsubjpass") and h.lemma_ in ctx.lex.cue("light_verbs"):
        return h, True
    if trig.dep_ == "dobj" and h.lemma_ in PRESUPPOSING:
        return trig, False  # "disperse a rally": the rally took place
    while trig.dep_ == "conj" and trig.head.pos_ in ("NOUN", "PROPN"):
        trig, h = trig.head, trig.head.head  # "the repression, kidnapping and torture"
    if trig.dep_ in ("nsubj", "nsubjpass", "pobj", "dobj"):
        if trig.dep_ == "dobj" and h.lemma_ in ctx.lex.cue("light_verbs"):
            return h, True
        if trig.dep_ == "dobj" and h.lemma_ in PRESUPPOSING:
            return trig, False
        t = h
        while t.pos_ == "ADP" and t.head.i != t.i:
            t = t.head
        if t.pos_ in ("NOUN",) and t.lemma_ in ctx.lex.modality["planned"] | ctx.lex.modality["hypothetical"] | {"aim", "goal", "intention", "purpose", "plan", "threat", "risk", "fear", "possibility", "danger"}:
            return t, True
        return t, True
    return trig, False


def _own_markers(ctx: DocContext, trig) -> str | None:
    """Modifiers on the trigger word itself: "no attack", "attempted bombings", "planned rally"."""
    for c in trig.children:
        low = c.lower_
        if c.dep_ == "neg" or (c.dep_ == "det" and low == "no"):
            return "negated"
        if c.dep_ in ("amod", "compound") and low in ctx.lex.modality["attempted"]:
            if low in ("planned", "future", "possible", "potential"):
                return "planned" if low != "possible" else "hypothetical"
            if low == "threatened":
                return "threatened"
            if low == "alleged":
                return "alleged"
            return "negated"
    return None


def _word_status(ctx: DocContext, t, came_from, result: bool = False) -> str | None:
    lemma = t.lemma_.lower()
    mod = ctx.lex.modality
    if t.pos_ in ("VERB", "AUX") and any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in t.children):
        return "hypothetical"  # "if there were an attack", "whether the Americans were killed"
    if t.lower_ == "going" and any(c.dep_ == "xcomp" for c in t.children):
        return "planned"  # "were going to explode"
    for c in t.children:
        low = c.lower_
        if c.dep_ == "aux" and low in FUTURE_AUX:
            return "planned"
        if c.dep_ == "aux" and low in MODAL_AUX:
            return "hypothetical"
        if c.dep_ == "neg" and lemma not in mod["denied"]:
            return "negated"
        if c.dep_ == "advmod" and low in ctx.lex.cue("hedges"):
            return "alleged"
    if came_from is None:
        return None
    rel = came_from.dep_
    if rel == "xcomp" and any(c.lower_ == "to" for c in came_from.children):
        noun = next((c for c in t.children if c.dep_ == "dobj" and c.lemma_.lower() in INTENT_STATUS), None)
        if noun is not None:  # "repeated his pledge to press on with the offensive" (the parser hangs "to" on the verb)
            return INTENT_STATUS[noun.lemma_.lower()]
    if rel in ("xcomp", "ccomp", "dobj", "pobj", "pcomp", "advcl", "prep", "acomp", "oprd"):
        if lemma in mod["negated"]:
            return "negated"
        if lemma in mod["threatened"]:
            return "threatened"
        if lemma in mod["planned"] and lemma not in ("announce", "agree") and rel in ("xcomp", "pobj", "pcomp", "prep", "dobj"):
            return "planned"
        if lemma == "announce" and rel == "dobj" and came_from.pos_ == "NOUN":
            return "planned"  # "announced a new march"
        if lemma in mod["directive"] and rel in ("xcomp", "advcl") and any(c.lower_ == "to" for c in came_from.children):
            return "hypothetical"  # "instructed to explode", "hired mercenaries to assassinate"
        if lemma in mod["hypothetical"] and rel in ("xcomp", "prep", "pobj", "pcomp", "advcl", "dobj", "ccomp"):
            if lemma in ("target", "draw") and rel != "xcomp":
                return None
            return "hypothetical"
        if lemma in mod["denied"] and rel != "advcl":
            return "denied"  # "rejected the claims, saying its troops had beaten back the assault": the saying asserts
        if rel == "ccomp" and lemma in CLAIM_VERBS and _called_false(t):
            return "negated"  # "fake news circulating online claiming that 9 soldiers were killed"
        if lemma in mod["alleged"] or lemma in ctx.lex.cue("hedges"):
            return "alleged"
    # an infinitive on a noun of intent: "the opportunity to attack", "a bid to seize"
    if rel in ("acl", "relcl") and lemma in INTENT_NOUNS and any(c.dep_ == "aux" and c.lower_ == "to" for c in came_from.children):
        return "hypothetical"
    # a purpose infinitive: "travelled to Syria to join ..." (not its result: "to break up a protest, killing one")
    if not result and rel in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in came_from.children):
        if lemma not in IMPLICATIVE and rel == "advcl":
            return "hypothetical"
    return None


CLAIM_VERBS = {"claim", "say", "allege", "report", "suggest", "assert", "state"}
FALSITY_WORDS = {"fake", "false", "baseless", "unfounded", "fabricated", "untrue", "bogus", "rumour", "rumor", "hoax",
                 "lie", "disinformation", "misinformation"}


def _called_false(verb) -> bool:
    """Who makes the claim is called false: its subject, or, up to three steps up, the noun it
    hangs on and the subjects of the verbs above ("Fake news is circulating on social media
    claiming that ...", "False reports are spreading claiming ...")."""
    holders = [c for c in verb.children if c.dep_ == "nsubj"]
    t = verb
    for _ in range(3):
        if t.head.i == t.i:
            break
        t = t.head
        if t.pos_ in ("NOUN", "PROPN"):
            holders.append(t)
        elif t.pos_ in ("VERB", "AUX"):
            holders.extend(c for c in t.children if c.dep_ == "nsubj")
    return any(h.lemma_.lower() in FALSITY_WORDS or any(c.dep_ == "amod" and c.lower_ in FALSITY_WORDS for c in h.children)
               for h in holders)


def _conditional(t) -> bool:
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children) for c in t.children)


def modality(ctx: DocContext, trig, participant: bool = False) -> str:
    """The status of the event ``trig`` names: one of occurred, planned, threatened,
    alleged, denied, or "hypothetical" / "negated" (not an event)."""
    own = _own_markers(ctx, trig)
    if own in ("negated", "hypothetical", "threatened"):
        return own
    if trig.dep_ in ("pcomp", "pobj") and trig.head.lower_ == "without":
        return "negated"  # "without giving details", "taken without a fight"
    found: list[str] = [own] if own else []
    t, walk = _start(ctx, trig, participant)
    came_from = None if t.i == trig.i else trig
    conditional = False
    result = False  # passed a participle of result ("..., killing one demonstrator")
    for _ in range(12):
        if came_from is not None and came_from.dep_ == "advcl" and came_from.tag_ == "VBG" and not any(c.dep_ in ("aux", "mark") for c in came_from.children):
            result = True
        st = _word_status(ctx, t, came_from, result)
        if st:
            found.append(st)
            if st in ("negated", "hypothetical", "threatened", "denied"):
                break
        conditional = conditional or _conditional(t)
        if not walk or t.head.i == t.i or t.dep_ in ("ROOT",):
            break
        if t.dep_ in ("relcl", "appos", "parataxis"):
            break
        if t.pos_ in ("NOUN", "PROPN") and came_from is not None and came_from.dep_ in ("acl", "relcl"):
            break  # "the number of terrorists killed": the noun's verb does not govern the killing
        came_from, t = t, t.head
        while t.dep_ == "conj" and came_from.dep_ == "conj":
            t = t.head  # coordinated verbs share the status of the first
    if conditional and ("planned" in found or not found):
        found.append("threatened" if "planned" in found else "hypothetical")
    if not found:
        return "occurred"
    return min(found, key=_ORDER.index)


def drops(status: str) -> bool:
    """Statuses that are not events: hypothetical, negated, threatened."""
    return status in ("hypothetical", "negated", "threatened")


__all__ = ["modality", "drops"]
