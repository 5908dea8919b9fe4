"""What a report says that is not one event: history, habits, trends, statistics, circumstances.

A conflict report tells the incident of the day and then the context: the war's
start ("since the army seized power in 2021"), its toll ("the war has killed
thousands"), its patterns ("nightly exchanges of fire", "repeatedly
carrying out raids", "has stepped up raids"), counts ("more than 200 air
strikes last year"), and circumstances ("amid ongoing clashes", "people who fled
fighting", "towns left vulnerable to attack"). ACLED codes incidents, so each of
these is dropped here with its reason. The rules read the parse only; they hold
whatever the conflict.
"""

from __future__ import annotations

import re

from .context import DocContext
from .detect import misparsed_gerund
from .draft import Draft
from .syntax import first, kids

# modifiers that make an event noun a pattern or a state of affairs, not one incident
DURATIVE = {"ongoing", "continuing", "continued", "persistent", "escalating", "rising", "growing", "mounting",
            "increasing", "intensifying", "near-daily", "daily", "nightly", "weekly", "frequent", "repeated",
            "regular", "sporadic", "constant", "incessant", "relentless", "routine", "periodic", "occasional",
            "recurrent", "recurring", "endless", "perennial", "protracted", "years-long", "decades-long", "months-long", "weeks-long",
            "long-running", "cross-border"}
# "near-daily" is split by the tokenizer: the word before the hyphen
DURATIVE_PARTS = {"near", "almost", "nearly"}
HABIT_ADVERBS = {"repeatedly", "regularly", "frequently", "often", "routinely", "continually", "constantly",
                 "periodically", "occasionally", "sometimes", "usually", "typically", "generally",
                 "increasingly", "habitually", "systematically"}
# verbs whose object is a trend: "has stepped up raids", "intensified its offensive"
TREND_OBJECT_VERBS = {"intensify", "increase", "escalate", "redouble", "multiply", "expand", "boost", "double",
                      "accelerate", "sustain", "ramp", "step", "scale"}
UP_VERBS = {"ramp", "step", "scale"}
DISPLACEMENT = {"flee", "escape", "displace", "uproot", "evacuate", "run"}
EXPOSURE_ADJ = {"vulnerable", "prone", "susceptible", "exposed", "open"}
CIRCUMSTANCE_PREPS = {"amid", "amidst"}
STATISTIC_MIN = 4  # "four attacks this month" counts incidents; ACLED codes each one apart
_YEAR_ONLY = re.compile(r"^(?:in |since |by |during |until |from |of |the )*(?:early |mid |mid-|late )?"
                        r"(?:1[0-9]{3}|20[0-9]{2})s?$")
_PAST_YEAR = ("last year", "years ago", "a year ago", "previous year", "past decade", "last decade")


def not_a_report(ctx: DocContext, d: Draft) -> str:
    """Why the mention is context rather than an incident ('' when it reports one)."""
    tok = d.token
    if _displacement(tok):
        return "a cause of flight ('fled fighting')"
    if d.nominal and not d.rule.participant:
        reason = _nominal_context(ctx, tok, _day_level(d))
        if reason:
            return reason
    if _habit_adverb(tok):
        return "habitual ('repeatedly', 'regularly')"
    if _vague_period(d):
        return "aggregate over a period ('in recent years', 'for months')"
    own_time = d.time is not None and d.time_level <= 2 and not d.time_inherited
    if d.nominal and _perfect_subject(tok) and not own_time:
        return "aggregate ('the fighting has left 3,000 dead')"
    if d.frame == "kill" and not d.nominal and _event_subject(ctx, tok):
        return "aggregate ('the insurgency has killed thousands')"
    counted_act = d.frame in COUNTED_FRAMES and not d.nominal  # "1,000 people have been arrested since ..."
    if _running_total(tok if counted_act else _killing_verb(tok), ctx.year):
        return "a running total ('have been killed since January')"
    if _present_participle(ctx, tok, d.time_level <= 2):
        return "participle of a present-tense statement"
    return ""


_VAGUE_PERIOD = re.compile(r"^(?:in|over|during|for|throughout|within)?\s*(?:the\s+)?(?:recent|past|last|coming)?\s*"
                           r"(?:few\s+|several\s+|many\s+)?(?:years|months|weeks|decades)$"
                           r"|^(?:each|every)\s+(?:day|night|week|month|year)$")  # "kill hundreds each month": a habit


def _vague_period(d: Draft) -> bool:
    """The mention's own time is a stretch of unnumbered years, months or weeks ("in recent years",
    "for months"): what went on over a period, not an incident."""
    if d.time is None or d.time_inherited or d.time_level > 3:
        return False
    return bool(_VAGUE_PERIOD.match(" ".join(d.time.text.lower().split())))


def _perfect_subject(tok) -> bool:
    """The event noun is the subject of a verb in the present perfect ("clashes ... have left
    over 2,500 dead", "the conflict has displaced thousands"): what it has done so far."""
    t = tok
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    if t.dep_ != "nsubj" or t.head.pos_ not in ("VERB", "AUX"):
        return False
    if t.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in t.children):
        return False  # "An air strike has killed ten people", "A car bomb has killed four": one incident
    v = t.head
    return v.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in v.children)


AGGREGATE_NOUNS = {"violence", "conflict", "war", "insurgency", "fighting", "unrest", "crisis", "rebellion", "uprising",
                   "campaign", "attacks", "clashes", "bombings", "strikes", "raids"}


def _event_subject(ctx: DocContext, tok) -> bool:
    """A killing verb in the present perfect whose subject is a war, an insurgency or violence
    ("the insurgency has killed over 40,000 people"): a running toll."""
    perfect = any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in tok.children)
    subj = first(tok, "nsubj")
    return perfect and subj is not None and subj.lemma_.lower() in AGGREGATE_NOUNS | {s.rstrip("s") for s in AGGREGATE_NOUNS}


def told_as_background(ctx: DocContext, d: Draft) -> bool:
    """The mention tells an earlier event as the story's background: it starts a period
    ("since the army seized power"), or its own time is an earlier year ("captured the town
    in 2016", "last year", "four years ago"). Such events are kept, flagged ``background``."""
    return _in_since(d.token) or past_year(ctx, d)


def _nominal_context(ctx: DocContext, tok, one_day: bool) -> str:
    mods = {c.lower_ for c in tok.children if c.dep_ in ("amod", "compound", "advmod", "nmod")}
    if mods & DURATIVE or _hyphen_durative(tok):
        return "a pattern ('nightly exchanges of fire', 'frequent attacks')"
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ in CIRCUMSTANCE_PREPS:
        return "a circumstance ('amid clashes')"
    if tok.dep_ == "dobj" and _trend_verb(head):
        return "a trend ('has stepped up raids')"
    if tok.dep_ == "pobj" and head.lower_ == "to" and head.head.lemma_.lower() in EXPOSURE_ADJ:
        return "an exposure ('vulnerable to attack')"
    if not one_day and _statistic(ctx, tok) and _over_a_period(tok):
        return "a count of incidents, not one incident"
    return ""


_DAY_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today",
              "tonight", "overnight", "morning", "afternoon", "evening", "night", "dawn", "noon", "midnight"}


def _day_level(d: Draft) -> bool:
    """The mention is dated to a day ("on Sunday", "on 3 May"): ACLED's unit of one event."""
    if d.time is None:
        return False
    if d.time.start and d.time.end:
        return d.time.start == d.time.end
    words = {w.strip(".,'’s").lower() for w in d.time.text.split()}
    return bool(words & _DAY_WORDS) or any(w.isdigit() and len(w) <= 2 for w in words)


def _hyphen_durative(tok) -> bool:
    """"almost-daily fire": the tokenizer splits the hyphenated modifier."""
    doc = tok.doc
    for c in tok.children:
        if c.dep_ in ("amod", "advmod", "compound") and c.i + 2 < len(doc) and doc[c.i + 1].text == "-":
            if f"{c.lower_}-{doc[c.i + 2].lower_}" in DURATIVE:
                return True
        if c.lower_ in ("daily", "weekly", "nightly") and any(g.lower_ in DURATIVE_PARTS for g in c.children):
            return True
    return False


def _trend_verb(v) -> bool:
    lemma = v.lemma_.lower()
    if lemma not in TREND_OBJECT_VERBS:
        return False
    return lemma not in UP_VERBS or any(c.dep_ == "prt" and c.lower_ == "up" for c in v.children)


def _displacement(tok) -> bool:
    """"thousands who fled the fighting", "displaced by the fighting", "fled from the attacks"."""
    h = tok.head
    if tok.dep_ in ("dobj", "xcomp") and h.lemma_.lower() in DISPLACEMENT and (tok.pos_ == "NOUN" or tok.tag_ == "VBG"):
        return True
    if tok.dep_ == "pobj" and h.lower_ in ("from", "by") and h.head.lemma_.lower() in DISPLACEMENT:
        return True
    return False


def _statistic(ctx: DocContext, tok) -> bool:
    """"more than 200 air strikes", "dozens of attacks": a count of incidents (on one day and
    in one place ACLED would code them as one event: the caller checks the day)."""
    from .fatalities import word_number

    if tok.tag_ not in ("NNS", "NNPS") or ctx.lex.has_tok("weapon", tok) or ctx.lex.has_tok("heavy_weapon", tok):
        return False  # "20 projectiles", "30 drones": munitions of one salvo, not incidents
    for c in tok.children:
        if c.dep_ == "nummod":
            n = word_number(c.text)
            if n is not None and n >= STATISTIC_MIN:
                return True
    h = tok.head
    if tok.dep_ == "pobj" and h.lower_ == "of":
        q = h.head
        n = word_number(q.text) if q.pos_ == "NUM" else None
        if (n is not None and n >= STATISTIC_MIN) or (q.lower_ in ("dozens", "hundreds", "scores", "thousands", "tens")):
            return True
    return False


RECORDING = {"record", "register", "document", "count", "log", "tally", "verify", "report"}


def _over_a_period(tok) -> bool:
    """The count covers a period ("in the last year", "since January", "have carried out"), or is
    a record kept ("were recorded"): not the salvo of the day's story ("warplanes carried out
    dozens of air strikes on the town")."""
    sent = " " + " ".join(t.lower_ for t in tok.sent) + " "
    if any(f" {m} " in sent for m in PERIOD_MARKERS | {"last year", "last month", "in the past", "over the past", "in the last"}):
        return True
    v = tok.head
    while v.pos_ in ("ADP", "NOUN", "NUM") and v.head.i != v.i:
        v = v.head
    if v.pos_ not in ("VERB", "AUX"):
        return True
    perfect = any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("has", "have") for c in v.children)
    return perfect or v.lemma_.lower() in RECORDING


def _in_since(tok) -> bool:
    """The mention sits in a "since ..." phrase or clause: the start of a period, told as context."""
    for t in [tok, *tok.ancestors]:
        if t.dep_ == "pobj" and t.head.lower_ == "since":
            return True
        if t.pos_ in ("VERB", "AUX") and any(c.dep_ == "mark" and c.lower_ == "since" for c in t.children):
            return True
        if t.dep_ in ("ccomp", "ROOT"):
            return False
    return False


COUNTED_FRAMES = ("kill", "arrest", "abduct")  # acts on people a report keeps a running count of
PERIOD_MARKERS = {"since", "so far", "to date", "this year", "this month", "in recent months", "in recent years",
                  "over the past", "over the last", "in the past", "throughout"}


def _killing_verb(tok):
    """The kill / die verb a nominal hangs on ("killed in the fighting"), or None."""
    h = tok.head
    if tok.dep_ == "pobj" and h.pos_ == "ADP":
        h = h.head
    return h if h.pos_ == "VERB" and h.lemma_.lower() in ("kill", "die") else None


def _running_total(tok, year: int | None = None) -> bool:
    """"At least 2,000 people have been killed since January", "the violence has killed 300 so
    far this year": a present-perfect toll over a period is a running total, not an incident."""
    if tok is None:
        return False
    perfect = any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("has", "have") for c in tok.children)
    if not perfect:
        return False
    text = " " + " ".join(t.lower_ for t in tok.subtree) + " "
    if any(f" {m} " in text for m in PERIOD_MARKERS):
        return True
    return bool(year) and f" in {year} " in text  # "have killed 420 civilians in 2021" (the year of the report)


def _habit_adverb(tok) -> bool:
    """An adverb of habit on the trigger or the verbs above it in its clause."""
    for t in [tok, *tok.ancestors]:
        if any(c.dep_ == "advmod" and c.lower_ in HABIT_ADVERBS for c in t.children):
            return True
        if t.dep_ in ("ccomp", "ROOT", "relcl", "parataxis") or (t.pos_ in ("VERB", "AUX") and first(t, "nsubj", "nsubjpass")):
            return False
    return False


def _present_participle(ctx: DocContext, tok, dated: bool) -> bool:
    """"Facing stiff resistance, the army is turning to ...", "accuse the army of razing
    villages": a participle that hangs on a statement in the present describes a habit."""
    if dated or tok.tag_ != "VBG" or ctx.is_title(ctx.sent_index(tok)):
        return False
    if misparsed_gerund(tok):  # "accuse the militia of burning villages" read as an adjective
        tok = tok.head
    elif tok.dep_ not in ("advcl", "pcomp", "xcomp") or first(tok, "nsubj") is not None:
        return False
    v = tok.head
    if tok.dep_ in ("pcomp", "pobj"):
        if v.lower_ != "of":
            return False  # "after capturing them": a step of the story, not a habit
        for _ in range(3):  # "accuse the militia of burning": up to the verb
            if v.pos_ in ("VERB", "AUX") or v.head.i == v.i:
                break
            v = v.head
    if v.pos_ not in ("VERB", "AUX"):
        return False
    if v.tag_ in ("VBZ", "VBP") and not kids(v, "aux", "auxpass"):
        return True
    return v.tag_ == "VBG" and any(a.lower_ in ("is", "are", "am") for a in kids(v, "aux"))


def past_year(ctx: DocContext, d: Draft) -> bool:
    """The mention's own time is a year before the article's ("in 2016", "since mid 2018",
    "last year"): the report's background, not its news."""
    if d.time is None or d.time_level > 3 or d.time_inherited:
        return False
    text = " ".join(d.time.text.lower().replace(",", " ").split())
    after = ctx.doc.text[d.time.span.end:d.time.span.end + 20].lower()
    if any(p in text for p in _PAST_YEAR) or re.match(r"\s*,?\s*(of )?last year", after):
        return True  # "on 12 May last year"
    if not _YEAR_ONLY.match(text):
        return False
    years = ctx.years_in(text)
    ref = ctx.year or _today_year()
    return bool(years) and max(years) < ref


def _today_year() -> int:
    import datetime

    return datetime.date.today().year


# --- characterisations, running totals and habits (checked before the filters above) ---

def background(tok, dated: bool) -> bool:
    """A relative clause in the present perfect, undated, describing someone ("an armed group
    that has pledged allegiance to X"): a characterisation, not a report."""
    if dated or tok.pos_ != "VERB" or tok.dep_ != "relcl":
        return False
    return any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in tok.children)


def tally(ctx: DocContext, tok, victims: list, dated: bool) -> bool:
    """A running total, not an event: "they have killed many people", "the number of terrorists
    killed" (present perfect with a vague count and no date of its own, or a count to come), "more
    than 40,000 people have been killed in the conflict" (a toll over a whole war)."""
    if tok.dep_ == "acl" and tok.head.dep_ == "pobj" and tok.head.head.lower_ == "of" and tok.head.head.head.lemma_ == "number":
        return True
    perfect = any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in tok.children)
    if (perfect or not dated) and _in_a_war(tok):
        return True  # "more than 40,000 people have been killed in the conflict": the war's toll
    vague = any(ctx.lex.has("vague_quantity", v.lower_) or any(ctx.lex.has("vague_quantity", c.lower_) for c in v.children)
                for v in victims)
    return perfect and vague and not dated


WAR_NOUNS = {"conflict", "war", "insurgency", "rebellion", "uprising", "crisis", "civil", "wars", "conflicts"}


def _in_a_war(tok) -> bool:
    """The killing is counted over a whole war ("killed in the conflict", "during the insurgency")."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "during", "throughout", "over", "since"):
            for o in c.children:
                if o.dep_ == "pobj" and o.lemma_.lower() in WAR_NOUNS and any(
                        d.dep_ in ("det", "poss") for d in o.children):
                    return True
    return False


def habitual(ctx: DocContext, tok, dated: bool) -> bool:
    """A verb in the simple present with no time of its own ("insurgents who continue to
    ambush forces"): what usually happens, not a report (headlines excepted)."""
    if tok.pos_ not in ("VERB",) or dated or ctx.is_title(ctx.sent_index(tok)):
        return False
    v = tok
    while v.dep_ == "xcomp" and v.head.i != v.i:
        v = v.head
    return v.tag_ in ("VBZ", "VBP") and not any(c.dep_ in ("aux", "auxpass") for c in v.children)


__all__ = ["background", "habitual", "not_a_report", "past_year", "tally", "told_as_background"]
