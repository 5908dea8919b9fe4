"""When and how: the time, weapon and evidence of one event mention (where: :mod:`.place`).

Time: the ``doc.times`` expression attached to the trigger, else one in the
clause, else in the sentence (not one that dates a statement: "told X last
week", "residents said on Friday", "in a statement issued on Friday"; nor one
inside another noun: "the 1973 war"; nor a "since" phrase), else the previous
sentence's of the same paragraph. A time in an older year than ten years before
the article (or "CE", "century") makes it historical.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import replace

from ..model import Span, TimeExpr
from .context import DocContext
from .draft import Draft
from .syntax import clause_head, kids, span_chars

SPEECH = {"say", "tell", "report", "state", "add", "announce", "confirm", "deny", "describe", "divulge", "concede", "reveal", "quote", "write", "note", "insist", "explain"}
MAX_EVIDENCE_WORDS = 45


def cluster(ctx: DocContext, d: Draft) -> list:
    """The trigger and the words that carry its arguments: light verb, participles, particle,
    and the verb an infinitive depends on ("using Egypt as a middle man to pass ...")."""
    toks = [d.token, *d.extra]
    n = d.token
    if d.nominal:
        toks.extend(kids(n, "acl", "relcl"))
        h = n.head
        if n.dep_ in ("dobj", "nsubjpass", "nsubj") and h.pos_ in ("VERB", "AUX"):
            toks.append(h)
        elif n.dep_ == "pobj":
            up = h.head
            if up.pos_ == "NOUN" and up.lemma_ in ("responsibility", "credit") and up.head.pos_ == "VERB":
                up = up.head
            if up.pos_ in ("VERB", "AUX"):
                toks.append(up)
    elif any(c.dep_ == "aux" and c.lower_ == "to" for c in n.children):
        up = n.head
        if up.pos_ == "NOUN" and up.head.dep_ == "prep" and up.head.lower_ == "as":
            up = up.head.head  # "use X as a middle man to pass"
        if up.pos_ in ("VERB", "AUX") and up.lemma_ in ("use", "send", "deploy", "dispatch", "employ"):
            toks.append(up)
    elif n.dep_ == "advcl" and n.tag_ == "VBG" and n.head.pos_ == "VERB" and n.head.lemma_.lower() in ARRIVAL \
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in n.children):
        toks.append(n.head)  # "arrived at the village on Saturday, shooting dead ...": where and when they came
    return toks


# verbs of coming to a place: a participle hanging on one acts where and when they came
ARRIVAL = {"arrive", "come", "enter", "storm", "descend", "invade", "raid", "swoop", "burst", "return", "sneak", "ride",
           "drive", "infiltrate"}


# --- time -------------------------------------------------------------------------------

def _time_head(ctx: DocContext, te: TimeExpr):
    span = ctx.sdoc.char_span(te.span.start, te.span.end, alignment_mode="expand")
    return None if span is None else span.root


def _attached_to(head, targets: set[int], hops: int = 4) -> bool:
    t = head
    for _ in range(hops):
        if t.i in targets:
            return True
        if t.head.i == t.i:
            return False
        if t.head.pos_ in ("NOUN", "PROPN") and t.head.i not in targets and t.dep_ in ("nummod", "compound", "amod", "npadvmod", "nmod"):
            return False
        if t.head.pos_ == "VERB" and t.head.lemma_ in SPEECH and t.head.i not in targets:
            return False  # "..., residents said on Friday": the time of the statement
        t = t.head
    return t.i in targets


_DURATION_ADJ = re.compile(r"^\S+-(?:year|month|week|day|hour)s?(?:-old|-long)?$|\b(?:years?|months?) old$")


def _since_clause(head) -> bool:
    """The time sits in a "since ..." clause ("since insurgents began operating here years ago")."""
    return any(a.pos_ in ("VERB", "AUX") and any(c.dep_ == "mark" and c.lower_ == "since" for c in a.children)
               for a in head.ancestors)


_COMPARISON = re.compile(r"^(?:in|for|since)\s+(?:a|one|nearly a|almost a|more than a|over a|the past|the last)?\s*(?:year|decade|month|week)s?$")


def _comparison(head) -> bool:
    """"the biggest attack in a year": the span of a comparison, not a date."""
    phrase = head.doc[head.left_edge.i:head.right_edge.i + 1].text.lower()
    if head.head.lower_ in ("in", "for", "since"):
        phrase = head.head.lower_ + " " + phrase
    return bool(_COMPARISON.match(phrase))


def _length(head) -> bool:
    """A length or an age, not a date: "a three-year war", "8 and 14 years old"."""
    phrase = head.doc[head.left_edge.i:head.right_edge.i + 1].text.lower()
    return bool(_DURATION_ADJ.search(phrase)) or head.lower_ == "old" or head.head.lower_ == "old"


def _bad_time(head) -> bool:
    """A "since" phrase, a time inside another noun, one that dates a statement, or a length
    or an age ("a three-year war", "8 and 14 years old")."""
    if head.head.lower_ == "since" or head.lower_ == "since":
        return True
    if _length(head) or _comparison(head):
        return True
    if head.dep_ in ("nummod", "compound", "amod", "nmod") and head.head.pos_ == "NOUN":
        return True  # "the 1973 war", "the December 27 election": the time of another thing
    for anc in head.ancestors:
        if anc.pos_ in ("NOUN", "PROPN") and anc.lemma_.lower() in STATEMENT_NOUNS:
            return True  # "in a statement issued on Friday"
        if anc.pos_ == "VERB" and anc.lemma_ in SPEECH:
            return True
        if anc.pos_ in ("VERB", "AUX") and any(c.dep_ == "mark" and c.lower_ == "since" for c in anc.children):
            return True  # "since insurgents began operating here several years ago": the start of a period
        if anc.pos_ == "VERB" and anc.dep_ not in ("acl", "relcl", "xcomp"):
            return False  # "began operating ... years ago": the infinitive's time is the verb's
    return False


STATEMENT_NOUNS = {"statement", "video", "post", "interview", "report", "communique", "communiqué", "message", "tweet",
                   "broadcast", "briefing", "conference", "release", "bulletin", "announcement"}


def find_time(ctx: DocContext, d: Draft, prev_sentence_time: TimeExpr | None) -> None:
    sent = d.token.sent
    para = ctx.para_of(d.token.idx)
    in_sent = [te for te in ctx.times_from(sent.start_char, sent.end_char)
               if ctx.para_of(te.span.start) == para and not _inside_name(ctx, te)]
    targets = {t.i for t in cluster(ctx, d)}
    clause = clause_head(d.token)
    heads = [(te, _time_head(ctx, te)) for te in in_sent]
    heads = [(te, h) for te, h in heads if h is not None]
    if _before_clause(d.token):
        own = {d.token.i, *(t.i for t in d.extra)}
        tests = (lambda h: _attached_to(h, own),)  # "took the town on Wednesday, after a day of fighting"
        prev_sentence_time = None
    else:
        tests = (lambda h: _attached_to(h, targets) and not _length(h) and not _since_clause(h) and not _comparison(h),
                 lambda h: clause.left_edge.i <= h.i <= clause.right_edge.i and not _bad_time(h),
                 lambda h: not _bad_time(h))
    for level, test in enumerate(tests, start=1):
        for te, h in heads:
            if test(h):
                d.time, d.time_level = _with_preposition(ctx, te, h), level
                d.time_claimed = _dates_a_claim(h, d.token)
                return
    if prev_sentence_time is not None:
        d.time, d.time_inherited, d.time_level = prev_sentence_time, True, 4


def _dates_a_claim(head, trigger) -> bool:
    """"X on Sunday claimed a car bombing": the time is when it was claimed, which may
    not be when it happened."""
    for anc in head.ancestors:
        if anc.i == trigger.i:
            return False
        if anc.pos_ == "VERB":
            return anc.lemma_.lower() in ("claim", "admit", "announce") and trigger in anc.subtree
    return False


def _inside_name(ctx: DocContext, te: TimeExpr) -> bool:
    """A "time" that is part of a name ("the March 23 Movement")."""
    return ctx.in_name(te.span)


def _before_clause(tok) -> bool:
    """A nominal event in "after / before / following X": it is not dated by the clause's time."""
    t = tok
    for _ in range(4):
        if t.dep_ == "pobj" and t.head.lower_ in ("after", "before", "following", "since", "prior"):
            return True
        if t.dep_ not in ("pobj", "prep") or t.head.i == t.i:
            return False
        t = t.head
    return False


def sentence_time(ctx: DocContext, sent) -> TimeExpr | None:
    """The time a sentence is set in: one attached to its main verb, else its first time."""
    for te in ctx.times_from(sent.start_char, sent.end_char):
        if not _inside_name(ctx, te):
            h = _time_head(ctx, te)
            if h is not None and not _bad_time(h):
                return _with_preposition(ctx, te, h)
    return None


def _with_preposition(ctx: DocContext, te: TimeExpr, head) -> TimeExpr:
    """The time as written: with the preposition that introduces it ("In recent weeks", "over
    the past year") and the words that place it within its span ("early on Sunday", "late on
    Thursday night", "early last Tuesday", "earlier today", "In late 2021", "in the early 1990s")."""
    span = ctx.sdoc.char_span(te.span.start, te.span.end, alignment_mode="expand")
    if span is None or span.start == 0:
        return te
    toks, i = ctx.sdoc, span.start
    para = ctx.para_of(te.span.start)

    def prev(k):
        t = toks[k - 1] if k > 0 else None
        return t if t is not None and t.sent.start == span.sent.start and ctx.para_of(t.idx) == para else None

    def preposition(t) -> bool:
        return t.lower_ in ctx.lex.cue("time_prepositions") and t.lower_ not in ("since", "until", "by") \
            and t.lower_ not in TIME_EDGES and t.pos_ == "ADP"

    p = prev(i)
    if p is not None and p.lower_ in TIME_EDGES:
        i -= 1  # "late 2021", "early last Tuesday", "earlier today"
    elif p is not None and p.lower_ == "the" and prev(i - 1) is not None and preposition(prev(i - 1)):
        i -= 1  # "in the early 1990s"
    p = prev(i)
    if p is not None and preposition(p) and (i < span.start or head.head.i == p.i):
        i -= 1
        p = prev(i)
        if p is not None and p.lower_ in TIME_EDGES and p.dep_ == "advmod":
            i -= 1  # "early on Sunday", "late on Thursday night"
    if i == span.start:
        return te
    start = toks[i].idx
    return replace(te, span=Span(start, te.span.end), text=ctx.doc.text[start:te.span.end])


TIME_EDGES = {"early", "late", "mid", "earlier", "later"}  # words that place a time within its span


def is_historical(ctx: DocContext, d: Draft) -> bool:
    if d.time is None:
        return False
    text = d.time.text.lower()
    if any(w in text.split() for w in ctx.lex.cue("historical_words")):
        return True
    ref = ctx.year or datetime.date.today().year
    years = ctx.years_in(text)
    return bool(years) and max(years) < ref - 10


# --- weapon and evidence -------------------------------------------------------------------

def find_weapon(ctx: DocContext, d: Draft) -> None:
    if d.rule.weapon:
        d.weapon = d.rule.weapon
    words = " " + " ".join(t.lower_ for t in ctx.sent_tokens(d.token)) + " "
    for mode, terms in ctx.lex.weapons.items():
        for term in terms:
            if f" {term} " in words or f" {term}s " in words:
                d.weapon = term
                return


def evidence_span(ctx: DocContext, d: Draft) -> Span:
    """The sentence that states the event; its clause when the sentence is very long."""
    sent = d.token.sent
    para = ctx.para_of(d.token.idx)
    toks = [t for t in sent if not t.is_space and ctx.para_of(t.idx) == para]
    if sum(1 for t in toks if not t.is_punct) <= MAX_EVIDENCE_WORDS:
        return Span(*span_chars(toks))
    head = clause_head(d.token)
    sub = [t for t in head.subtree if not t.is_space]
    if len(sub) > MAX_EVIDENCE_WORDS:
        lo = max(0, d.token.i - sent.start - 15)
        sub = toks[lo:lo + 30]
    return Span(*span_chars(sub))
