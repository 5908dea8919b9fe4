"""Fatality figures: who died and how many, as the text words it.

Wording (each rule has a row in tests/events/test_fatalities.py):

* "at least / more than / over N" -> min N, max open (None);
* "N", "nearly / about / some / closer to N" -> N exactly;
* "between N and M", "N to M", "N-M" -> min N, max M; "up to N" -> max N only;
* number words and digits ("seventeen", "1,200", "twenty-five"); "a dozen" = 12;
* "dozens", "scores", "hundreds", "many", "several" are not numbers -> nothing;
* "a Palestinian was killed" / a named person killed / "he was killed" = 1;
* "N soldiers, including four officers" counts N (the "including" part is a subset);
* wounded and injured people are not counted (only kill / die / dead / death words).

Several figures for one event are combined by :func:`combine` (see its docstring).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Fatalities, Span
from .context import DocContext
from .syntax import conjuncts, first, is_passive, preps

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
OPEN_LOW = {"least", "more", "over", "above", "exceeding", "upwards", "plus"}
UP_TO = {"up", "as"}  # "up to N", "as many as N"
KILL_VERBS = {"kill", "slay", "murder", "execute", "behead", "massacre", "slaughter", "assassinate", "lynch", "gun", "shoot",
              "martyr"}
DIE_VERBS = {"die", "perish"}
DEATH_NOUNS = {"death", "deaths", "toll", "fatality", "fatalities", "killing", "killings", "life", "lives", "body", "bodies"}
GENERIC_SIDES = {"people", "person", "persons", "individual", "individuals", "toll", "deaths", "death", "life", "lives", "bodies", "body", "victim", "victims", "total", "others", "other"}


@dataclass
class Figure:
    """One stated count of dead: ``low``..``high`` people on ``side`` (``high`` None = open)."""

    side: str
    low: int | None
    high: int | None
    text: str
    span: Span
    sentence: int = -1
    victims: Span | None = None  # the noun phrase of who died ("two of its fighters")


MAX_DIGITS = 15  # longer digit strings are not counts (and int() refuses over 4,300 digits)


def word_number(text: str) -> int | None:
    """"17", "1,200", "seventeen", "twenty-five", "a hundred" -> int; anything else None."""
    s = text.lower().replace(",", "").strip()
    if re.fullmatch(r"\d+", s):
        return int(s) if len(s) <= MAX_DIGITS else None  # a 5,000-digit "number" is no count
    parts = [p for p in re.split(r"[\s-]+", s) if p and p not in ("and", "a", "an")]
    if not parts:
        return 1 if s in ("a", "an") else None
    total, current = 0, 0
    for p in parts:
        if p in UNITS:
            current += UNITS[p]
        elif p in SCALES:
            current = max(current, 1) * SCALES[p]
            if SCALES[p] >= 1000:
                total, current = total + current, 0
        elif re.fullmatch(r"\d+", p) and len(p) <= MAX_DIGITS:
            current += int(p)
        else:
            return None
    return total + current


def _num_tokens(tok) -> list:
    """The number token and its compound parts ("twenty - five", "1,200")."""
    toks = [tok] + [c for c in tok.children if c.dep_ in ("compound", "nummod", "quantmod") and c.pos_ == "NUM"]
    return sorted(toks, key=lambda t: t.i)


def quantity(num) -> tuple[int | None, int | None] | None:
    """(low, high) for a number token with its modifiers, or None when it is not a number."""
    toks = _num_tokens(num)
    if num.lemma_.lower() == "dozen":  # "two dozen" = 24, "a dozen" = 12
        n = next((c for c in num.children if c.pos_ == "NUM" or c.lower_ in ("a", "one")), None)
        value = 12 * (word_number(n.text) or 1) if n is not None else None
        toks = sorted([num, n], key=lambda t: t.i) if n is not None else [num]
    else:
        value = word_number(" ".join(t.text for t in toks))
        scale = next((c for c in num.children if c.i > num.i and c.lemma_.lower() in ("dozen", "hundred", "thousand", "million")), None)
        if value is not None and scale is not None:  # "two dozen" = 24 (parsed as 'two' <- 'dozen')
            value *= {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000}[scale.lemma_.lower()]
    mods = {c.lower_ for c in num.subtree if c.i < num.i and c.dep_ in ("advmod", "quantmod", "amod", "advcl", "prep", "cc")}
    left = num.doc[max(num.sent.start, toks[0].i - 3):toks[0].i]
    left_words = [t.lower_ for t in left]
    # "between 10 and 15" / "10 to 15" / "10-15"
    for c in num.children:
        if c.dep_ in ("quantmod", "conj", "prep") and c.i > num.i:
            other = c if c.pos_ == "NUM" else next((x for x in c.children if x.pos_ == "NUM"), None)
            if other is not None and word_number(other.text) is not None:
                return value, word_number(other.text)
    if "between" in left_words:
        nxt = [t for t in num.doc[num.i + 1:num.i + 4] if t.pos_ == "NUM"]
        if nxt and word_number(nxt[0].text) is not None:
            return value, word_number(nxt[0].text)
    if mods & OPEN_LOW or (left_words[-2:] in (["at", "least"], ["more", "than"])) or left_words[-1:] == ["over"]:
        return value, None
    if left_words[-2:] in (["up", "to"], ["as", "many"]) or left_words[-3:] == ["as", "many", "as"]:
        return None, value
    return value, value


def _count_head(ctx: DocContext, head) -> tuple[int | None, int | None, str] | None:
    """How many dead one victim noun phrase states; None when it states no number."""
    lex = ctx.lex
    if head.lemma_.lower() == "total":  # "a total of 11 people": the people counted
        of = next((o for p, o in preps(head) if p == "of"), None)
        return None if of is None else _count_head(ctx, of)
    if head.pos_ == "NUM":  # "17 of its own soldiers"
        q = quantity(head)
        side = next((o for p, o in preps(head) if p == "of"), None)
        return None if q is None else (q[0], q[1], _side(side) if side is not None else "people")
    if lex.has("vague_quantity", head.lower_) or head.lemma_ in ("dozen",) and head.tag_ == "NNS":
        return None
    if head.lemma_ == "dozen" and any(c.lower_ in ("a", "one") for c in head.children):
        side = next((o for p, o in preps(head) if p == "of"), head)
        return 12, 12, _side(side)
    num = next((c for c in head.children if c.dep_ == "nummod" or (c.dep_ in ("amod", "compound") and c.lemma_ == "dozen")), None)
    if num is not None:
        q = quantity(num)
        return None if q is None else (q[0], q[1], _side(head))
    person_appos = any(c.dep_ == "appos" and ctx.lex.has_tok("person_noun", c) for c in head.children)
    if ctx.etype(head) == "PERSON" or (head.pos_ == "PROPN" and head.tag_ == "NNP" and (ctx.etype(head) is None or person_appos)):
        return 1, 1, "people"  # a named person
    if head.lower_ in ("he", "she", "him", "her"):
        return 1, 1, "people"
    if head.tag_ in ("NN", "NNP") and any(c.lower_ in ("a", "an", "one") for c in head.children if c.dep_ in ("det", "nummod")):
        return 1, 1, _side(head)  # "a Palestinian was killed"
    if head.tag_ == "NN" and lex.has("person_noun", head.lemma_) and any(c.dep_ == "det" and c.lower_ in ("the", "its", "his", "their") for c in head.children):
        return 1, 1, _side(head)  # "killing the driver"
    if head.tag_ == "NN" and lex.has("person_noun", head.lemma_) and any(c.dep_ == "appos" and ctx.etype(c) == "PERSON" for c in head.children):
        return 1, 1, _side(head)
    return None


SIDE_SYNONYMS = {"troop": "soldiers", "troops": "soldiers", "serviceman": "soldiers", "servicemen": "soldiers",
                 "soldier": "soldiers", "policeman": "police", "policemen": "police", "police": "police",
                 "policewoman": "police", "gendarme": "police", "militiaman": "militias", "militiamen": "militias",
                 "militia": "militias", "civilian": "civilians", "villager": "civilians", "resident": "civilians",
                 "person": "people", "people": "people", "individual": "people"}


def _side(tok) -> str:
    """Who died, in one word per side: "troops" and "soldiers" are one side."""
    word = tok.lemma_.lower()
    if word in SIDE_SYNONYMS:
        return SIDE_SYNONYMS[word]
    if word == "officer" and any(c.lower_ == "police" for c in tok.children):
        return "police"
    if tok.tag_ in ("NNS", "NNPS") and tok.lower_.isalpha():
        return tok.lower_  # "children", "fishermen"
    return word if word.endswith("s") else word + "s"


def _lost_lives(tok) -> bool:
    """"five troops lost their lives": a die verb in two words."""
    return tok.lemma_.lower() == "lose" and any(c.dep_ == "dobj" and c.lemma_.lower() == "life" for c in tok.children)


def victims_of(tok) -> list:
    """Victim head tokens of a kill / die / dead / death word."""
    lemma = tok.lemma_.lower()
    if lemma in ("shoot", "gun") and not any(c.lower_ in ("dead", "down") for c in tok.children):
        return []  # "shot three protesters": wounded, not killed
    if tok.pos_ == "VERB" and lemma in KILL_VERBS:
        if tok.tag_ == "VBN":  # "there were at least 17 killed": the number hangs on the participle
            num = next((c for c in tok.children if c.dep_ in ("nummod", "npadvmod") and c.pos_ == "NUM"), None)
            if num is not None:
                return [num]
        counted = first(tok, "dobj") or next((o for p, o in preps(tok) if p == "between" and any(c.pos_ == "NUM" for c in o.children)), None)
        if is_passive(tok) and (counted is None or first(tok, "nsubjpass") is not None):
            # (a passive has no object: "the shelling killed between 10 and 12 people" read as
            # a reduced relative is active)
            subj = first(tok, "nsubjpass")
            if subj is not None:
                return [subj]
            return [tok.head] if tok.dep_ in ("acl", "amod") and tok.head.pos_ in ("NOUN", "PROPN", "NUM") else []
        obj = first(tok, "dobj") or next((o for p, o in preps(tok) if p == "between"), None)
        return [obj] if obj is not None else []  # "killed (between 10 and 15) civilians"
    if lemma in DIE_VERBS or _lost_lives(tok):
        subj = first(tok, "nsubj")
        return [subj] if subj is not None else []
    if lemma == "dead" and tok.pos_ == "ADJ":
        if tok.dep_ == "amod":  # "dead soldiers"
            return [tok.head]
        for c in tok.children:
            if c.pos_ == "NUM" or c.dep_ in ("nummod", "npadvmod"):
                return [c]
        if tok.dep_ in ("oprd", "acomp", "xcomp") and tok.head.pos_ == "VERB":
            obj = first(tok.head, "dobj", "nsubj", "nsubjpass")
            return [obj] if obj is not None else []
    if lemma in ("death", "killing", "execution", "murder", "massacre"):
        return [o for p, o in preps(tok) if p == "of"][:1]
    return []


def _figure_for(ctx: DocContext, head, anchor) -> list[Figure]:
    out = []
    heads = conjuncts(head)
    counts = [_count_head(ctx, h) for h in heads]
    listed = _listed_members(ctx, head, heads, counts)
    if listed:  # "the peacekeepers, a Gabonese and a Moroccan, died": two peacekeepers, not two more dead
        last = listed[-1]
        start, end = min(anchor.idx, head.idx), max(anchor.idx + len(anchor.text), last.idx + len(last.text))
        n = len(listed)
        return [Figure(_side(head), n, n, ctx.doc.text[start:end], Span(start, end), victims=noun_phrase(head))]
    shared = len(heads) > 1 and counts[0] is not None and all(c is None for c in counts[1:])
    for h, got in zip(heads, counts):
        if got is None:
            continue
        low, high, side = got
        if shared:  # "killed 9 troops and police": one number for all of them
            side = "people"
        start, end = min(anchor.idx, h.idx), max(anchor.idx + len(anchor.text), h.idx + len(h.text))
        out.append(Figure(side, low, high, ctx.doc.text[start:end], Span(start, end), victims=noun_phrase(h)))
    return out


def _listed_members(ctx: DocContext, head, heads: list, counts: list) -> list:
    """The people an uncounted plural lists one by one, in apposition ("the peacekeepers, a
    Gabonese and a Moroccan"; the parser may read the list as coordinated with the plural)."""
    if head.tag_ not in ("NNS", "NNPS") or counts[0] is not None:
        return []
    appos = next((c for c in head.children if c.dep_ == "appos"), None)
    if appos is not None:
        members = conjuncts(appos)
        got = [_count_head(ctx, m) for m in members]
    elif len(heads) > 1 and head.i + 1 < len(head.doc) and head.doc[head.i + 1].text == ",":
        members, got = heads[1:], counts[1:]
    else:
        return []
    return members if all(g is not None and g[0] == g[1] == 1 for g in got) else []


def noun_phrase(h) -> Span:
    """``h`` with its modifiers, without relative clauses or appositions: "two of its fighters"."""
    cut = {t.i for c in h.subtree if c.i != h.i and (c.dep_ in ("relcl", "acl", "appos", "cc", "conj")
           or (c.dep_ == "prep" and c.lower_ != "of")) for t in c.subtree}
    keep = {t.i for t in h.subtree} - cut
    lo = hi = h.i
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    doc = h.doc
    while hi > h.i and doc[hi].is_punct and doc[hi].text not in ")]":
        hi -= 1
    while lo < h.i and doc[lo].is_punct and doc[lo].text not in "([":
        lo += 1
    return Span(doc[lo].idx, doc[hi].idx + len(doc[hi].text))


TOLL_WORDS = {"toll", "number", "figure", "tally", "count", "total"}
TOLL_VERBS = {"put", "rise", "stand", "reach", "climb", "increase", "jump", "hit", "estimate", "place"}


def toll_figures(ctx: DocContext, sent) -> list[Figure]:  # sent: a sequence of tokens
    """"death toll rose to N", "put the number of dead soldiers at N", "N dead", "claimed N lives"."""
    out = []
    for t in sent:
        if t.pos_ != "NUM":
            continue
        # "N dead" / "N people dead"
        if any(c.lemma_ == "dead" for c in t.children) or (t.head.lemma_ == "dead" and t.dep_ in ("npadvmod", "nummod")):
            q = quantity(t)
            if q is not None:
                out.append(Figure("people", q[0], q[1], t.text, Span(t.idx, t.idx + len(t.text))))
            continue
        slot = t.head if t.dep_ == "nummod" and t.head.lemma_.lower() in ("people", "person") else t  # "rose to 109 people"
        if slot.dep_ != "pobj" or slot.head.lower_ not in ("at", "to", "of"):
            continue
        # climb to the verb (or toll noun) the number completes
        v = slot.head
        while v.head.i != v.i and v.pos_ not in ("VERB",) and v.lemma_.lower() not in TOLL_WORDS:
            v = v.head
        phrase = list(v.subtree)
        dead = [x for x in phrase if x.lemma_.lower() in DEATH_NOUNS | {"dead"} and x.i < t.i]
        tollish = any(x.lemma_.lower() in TOLL_WORDS for x in phrase) or v.lemma_.lower() in TOLL_VERBS
        if not dead or not tollish:
            continue
        q = quantity(t)
        if q is None:
            continue
        side = next((x.head for x in dead if x.lemma_ == "dead" and x.dep_ == "amod"), None)
        out.append(Figure(_side(side) if side is not None else "people", q[0], q[1], t.text, Span(t.idx, t.idx + len(t.text)),
                          victims=noun_phrase(side) if side is not None else None))
    return out


ZERO_NOUNS = {"injury", "injuries", "casualty", "casualties", "death", "deaths", "fatality", "fatalities", "victim",
              "victims", "loss", "losses"}
HARM_WORDS = {"kill", "hurt", "injure", "wound", "harm", "die"}


def zero_toll(ctx: DocContext, sent) -> Figure | None:
    """"No injuries were reported", "there were no casualties", "no one was hurt": nobody died."""
    for t in sent:
        no = any(c.dep_ == "det" and c.lower_ == "no" for c in t.children)
        if no and t.lemma_.lower() in ZERO_NOUNS | {"injury", "casualty", "fatality"}:
            return Figure("people", 0, 0, t.text, Span(t.idx, t.idx + len(t.text)))
        if t.lower_ in ("nobody", "no-one") or (t.lower_ == "one" and t.i > 0 and t.nbor(-1).lower_ == "no"):
            if t.head.lemma_.lower() in HARM_WORDS:
                return Figure("people", 0, 0, t.text, Span(t.idx, t.idx + len(t.text)))
    return None


NOT_DEAD = {"wound", "injure", "arrest", "detain", "abduct", "kidnap", "hurt", "capture", "displace", "torture",
            "rape", "beat", "disappear"}


def _mixed_count(tok) -> bool:
    """"30 men were killed and detained": one number for the dead and the living is no toll."""
    verbs = [c for c in tok.children if c.dep_ == "conj"] + ([tok.head] if tok.dep_ == "conj" else [])
    return any(v.pos_ == "VERB" and v.lemma_.lower() in NOT_DEAD and not any(c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in v.children)
               for v in verbs)


def figures_near(ctx: DocContext, tok) -> list[Figure]:
    """The figures a kill/die/dead/death word states."""
    if _mixed_count(tok):
        return []
    out = []
    for v in victims_of(tok):
        out.extend(_figure_for(ctx, v, tok))
    return out


def is_fatality_word(tok) -> bool:
    lemma = tok.lemma_.lower()
    if lemma in ("shoot", "gun") and not any(c.lower_ in ("dead", "down") for c in tok.children):
        return False
    return ((tok.pos_ == "VERB" and (lemma in KILL_VERBS or lemma in DIE_VERBS or _lost_lives(tok)))
            or (lemma == "dead" and tok.pos_ == "ADJ")
            or (tok.pos_ == "NOUN" and lemma in ("death", "killing")))


# ACLED sub types that are no lethal act: an agreement, an arrest, looting or
# burning property, a peaceful protest, a handover or a new base. ACLED codes
# their fatalities 0 when the report gives no toll for them.
NON_LETHAL_SUB_TYPES = frozenset({
    "Agreement", "Arrests", "Looting/property destruction", "Peaceful protest",
    "Non-violent transfer of territory", "Headquarters or base established",
})


def toll_of(sub_type: str | None, figs: list[Figure]) -> Fatalities:
    """The event's fatalities: :func:`combine` of its figures, and 0/0 for a
    non-lethal sub type no figure is stated for ("police arrested two suspects")."""
    fat = combine(figs)
    if fat.min is None and fat.max is None and sub_type in NON_LETHAL_SUB_TYPES:
        return Fatalities(0, 0)
    return fat


def combine(figs: list[Figure]) -> Fatalities:
    """One event's fatalities from all the figures stated for it.

    Figures are grouped by side (who died: soldiers, militants, people). The
    same value stated twice counts once. When no side has two different
    figures, min is the sum of the sides' lows and max the sum of their highs
    (None when a side is open-ended: "at least 100" -> 100/None). When a side
    has different figures (reports disagree), the event's range runs from the
    sum of the lowest figure per side to the sum of the highest figure per side,
    an open "at least N" counting as N: "killed at least 100 militants ... 17 of
    its soldiers were killed ... put the number of dead soldiers at 65" ->
    militants 100, soldiers 17 or 65 -> min 117, max 165. Generic totals
    ("30 people", "the death toll") are one more side unless specific sides are
    also stated: sides that fit in the total are counted in it ("three people" ...
    "a guard" -> 3/3); sides beyond it make the total another figure for the whole.
    """
    figs = [f for f in figs if f.low is not None or f.high is not None]
    if not figs:
        return Fatalities()
    sides: dict[str, list[Figure]] = {}
    seen = set()
    for f in figs:
        key = (f.side, f.low, f.high)
        if key in seen:
            continue
        seen.add(key)
        sides.setdefault(f.side, []).append(f)
    specific = {s: v for s, v in sides.items() if s not in GENERIC_SIDES}
    generic = [f for s, v in sides.items() if s in GENERIC_SIDES for f in v]
    groups = list(specific.values()) if specific else [generic]
    disputed = any(len(g) > 1 for g in groups) or (bool(specific) and bool(generic))
    text = "; ".join(f.text for g in sides.values() for f in g)
    breakdown = {}
    for s, v in sides.items():
        for i, f in enumerate(v):
            val = f.low if f.low is not None else f.high
            breakdown[s if i == 0 else f"{s} (other figure {i})"] = val
    lows = [min((f.low if f.low is not None else 0) for f in g) for g in groups]
    if specific and generic and not any(len(g) > 1 for g in groups) and all(g[0].high is not None for g in groups) \
            and all(f.low is not None and f.low >= sum(g[0].high for g in groups) for f in generic):
        # "killed three people" ... "a guard was among the dead": the sides are counted in the total
        tlo = min(f.low for f in generic)
        thi = None if any(f.high is None for f in generic) else max(f.high for f in generic)
        return Fatalities(tlo, thi, text, breakdown)
    if not disputed:
        highs = [g[0].high for g in groups]
        lo = sum(lows) if all(g[0].low is not None for g in groups) else None
        hi = None if any(h is None for h in highs) else sum(highs)
        return Fatalities(lo, hi, text, breakdown)
    highs = [max((f.high if f.high is not None else f.low or 0) for f in g) for g in groups]
    lo, hi = sum(lows), sum(highs)
    if generic and specific:
        totals_lo = [f.low for f in generic if f.low is not None]
        totals_hi = [f.high if f.high is not None else f.low for f in generic if (f.high or f.low) is not None]
        lo = min([lo, *totals_lo])
        hi = max([hi, *totals_hi])
    return Fatalities(lo, hi, text, breakdown)


FOUND_VERBS = {"find", "retrieve", "recover", "discover", "pull", "exhume", "unearth", "collect", "bring"}


def body_counts(ctx: DocContext, sent) -> list[Figure]:
    """"eight bodies were retrieved", "the bodies of 12 people were found": a count of the dead."""
    out = []
    for t in sent:
        if t.lemma_.lower() != "body" or t.tag_ != "NNS":
            continue
        v = t.head
        if not (v.pos_ == "VERB" and v.lemma_.lower() in FOUND_VERBS):
            continue
        num = next((c for c in t.children if c.dep_ == "nummod"), None)
        if num is not None:
            q, side, head = quantity(num), "people", t
        else:
            head = next((o for p, o in preps(t) if p == "of"), None)
            got = _count_head(ctx, head) if head is not None else None
            if got is None:
                continue
            q, side = got[:2], got[2]
        if q is None:
            continue
        start, end = min(t.idx, head.idx), max(v.idx + len(v.text), head.idx + len(head.text))
        out.append(Figure(side, q[0], q[1], ctx.doc.text[start:end], Span(start, end), victims=noun_phrase(head)))
    return out


DENY_VERBS = {"deny", "reject", "dismiss", "refute"}


def zero_figures(ctx: DocContext, sent, counted: bool = False) -> list[Figure]:
    """Nobody died, as stated: "no casualties were reported", "no one was killed" (unless the
    sentence ``counted`` dead: "killed four; no one else was hurt"), "denied any casualties",
    "all the rebels survived" (nobody on that side)."""
    out = []
    zero = None if counted else zero_toll(ctx, sent)
    other = any(t.lower_ in ("else", "other", "further", "more") for t in sent)  # "no one else was hurt"
    if zero is not None and not other and zero.text.lower() not in ("injury", "injuries"):
        out.append(zero)
    for t in sent:
        if (t.lemma_.lower() in ZERO_NOUNS - {"injury", "injuries", "loss", "losses"} and t.dep_ in ("dobj", "pobj")
                and any(c.dep_ == "det" and c.lower_ == "any" for c in t.children) and t.head.lemma_.lower() in DENY_VERBS):
            out.append(Figure("people", 0, 0, t.text, Span(t.idx, t.idx + len(t.text))))
        if t.lemma_.lower() == "survive" and t.pos_ == "VERB":
            subj = first(t, "nsubj")
            if subj is not None and any(c.lower_ == "all" for c in subj.children):
                out.append(Figure(_side(subj), 0, 0, ctx.doc.text[subj.left_edge.idx:t.idx + len(t.text)],
                                  Span(subj.left_edge.idx, t.idx + len(t.text)), victims=noun_phrase(subj)))
    return out


def read_figures(doc, ctx: DocContext | None = None) -> list[Figure]:
    """Every casualty figure ``doc`` states, in text order, each with its sentence index.

    The one figure reader of the project: events take their fatalities from the
    same calls (:func:`figures_near`, :func:`toll_figures`, :func:`zero_toll`),
    contradictions compare the figures this returns, so the two cannot read a
    number differently. Besides, it reads bodies found (:func:`body_counts`)
    and stated zeros (:func:`zero_figures`). Needs the parse (``doc.nlp``) and
    the entity mentions.
    """
    if doc.nlp is None:
        return []
    ctx = ctx or DocContext.build(doc)
    out: list[Figure] = []
    for sent in ctx.sdoc.sents:
        toks = list(sent)
        found = [f for t in toks if is_fatality_word(t) for f in figures_near(ctx, t)]
        found += toll_figures(ctx, toks) + body_counts(ctx, toks)
        found += zero_figures(ctx, toks, counted=bool(found))
        for f in found:
            if any(g.span.overlaps(f.span) and (g.low, g.high) == (f.low, f.high) for g in out):
                continue  # one number read twice (a kill word and a toll phrase)
            f.sentence = ctx.sent_index_at(f.span.start)
            out.append(f)
    return sorted(out, key=lambda f: f.span.start)
