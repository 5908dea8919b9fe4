"""Contradictions inside one article, each naming both sides, their sources and what is disputed.

Numeric: two sources give different casualty figures for the same kind of
victims ("17 soldiers" said by the army, "closer to 65" by security sources);
"at least 12" and "30" agree.

Polarity: a denial and what it denies. The denied claim is found, in order,
1. by a link the text states: "Asked to comment on the source's claims, X
   told ..." or "The denial came in response to a report ... according to
   which ...";
2. for a denial of presence ("There is no presence of ISIS in the Gaza
   Strip"), by a statement elsewhere that the same group operates in the same
   place;
3. by overlap: another source's assertion about the same entities with
   enough words in common.
Of several denials by one speaker answering the same claim, the one closest
to it in wording stands for them.
"""

from __future__ import annotations

import re

from ..claims.lexicon import lexicon
from ..claims.stance import is_dismissive
from ..model import Claim, Contradiction, Doc, Side, Span
from ..events.fatalities import Figure, read_figures

PRESENCE = {"presence", "present", "operating", "operate", "operates", "active", "followers", "members", "cells", "branch", "branches", "representing", "represent", "based", "fighters", "foothold", "infiltrated", "infiltrate"}
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9-]+")
_STOP = {"the", "a", "an", "of", "in", "on", "to", "and", "that", "is", "was", "were", "has", "have", "had", "for", "with", "by", "from", "as", "at", "it", "its", "this", "be", "been", "are", "their", "they", "he", "she", "his", "her", "not", "no", "any", "said", "told"}


def words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)} - _STOP


def overlap(a: str, b: str) -> float:
    wa, wb = words(a), words(b)
    return len(wa & wb) / min(len(wa), len(wb)) if wa and wb else 0.0


def _claim_of(doc: Doc, span: Span) -> int | None:
    """The innermost claim holding ``span``: '... reported the strikes, with some outlets
    saying nine had died' is the outlets' figure, not the reporter's."""
    holding = [i for i, c in enumerate(doc.claims) if c.content.contains(span) or c.evidence.contains(span)]
    return min(holding, key=lambda i: doc.claims[i].content.end - doc.claims[i].content.start) if holding else None


def _source(doc: Doc, claim: int | None) -> str:
    return doc.claims[claim].source if claim is not None else doc.author_label()


# -- numeric --------------------------------------------------------------------------


def numeric(doc: Doc) -> list[Contradiction]:
    figs = [(f, _claim_of(doc, f.span)) for f in read_figures(doc) if f.low or f.high]
    out: list[Contradiction] = []
    done = set()
    for i, (f1, c1) in enumerate(figs):
        for f2, c2 in figs[i + 1 :]:
            if (f1.side != f2.side and "people" not in (f1.side, f2.side)) or (f1.low, f1.high) == (f2.low, f2.high):
                continue
            if c1 is None or c2 is None:
                continue  # a figure the article states itself may be of another event
            if not (_disputed(doc, f2) or _disputed(doc, f1) or _same_moment(doc, f1, f2)):
                continue  # two figures for different events or periods: not a dispute
            s1, s2 = _source(doc, c1), _source(doc, c2)
            if s1 == s2 or _compatible(f1, f2):
                continue
            key = (victims_of(f1, f2), frozenset((value(f1), value(f2))))
            if key in done:
                continue
            done.add(key)
            victims = victims_of(f1, f2)
            out.append(Contradiction(
                about=f"number of {victims} killed",
                kind="numeric",
                a=Side(_with_source(doc, f1, c1), s1, c1, _event_of(doc, f1), value(f1)),
                b=Side(_with_source(doc, f2, c2), s2, c2, _event_of(doc, f2), value(f2)),
            ))
    return out


_DISPUTE = re.compile(r"\b(however|but|actual|real|true|higher|heavier|lower|lighter|put (?:the|its|their) (?:number|toll|figure)|closer to|disputed?|contradict\w*|while|whereas|differ\w*|instead|rather|only|(?:some|other) (?:outlets|reports|media|sources|accounts|residents|officials|witnesses))\b", re.I)


def _disputed(doc: Doc, f: Figure) -> bool:
    """The sentence of a figure says it disputes another ('However, ... put the actual number at ...')."""
    sent = doc.sentence_of(f.span) or f.span
    return bool(_DISPUTE.search(doc.text[sent.start : sent.end]))


def _event_of(doc: Doc, f: Figure) -> int | None:
    """The event whose fatalities the figure gives: one stated in the figure's sentence, with a toll."""
    sent = doc.sentence_of(f.span) or f.span
    hits = [i for i, e in enumerate(doc.events) if e.evidence.overlaps(sent) and (e.fatalities.min is not None or e.fatalities.max is not None)]
    if not hits:
        hits = [i for i, e in enumerate(doc.events) if (e.fatalities.min is not None) and e.fatalities.min <= value(f) <= (e.fatalities.max or value(f))]
    return hits[0] if hits else None


def value(f: Figure) -> int:
    """The number a figure states: its low bound, or its high one for 'up to N'."""
    return f.low if f.low is not None else f.high


def victims_of(f1: Figure, f2: Figure) -> str:
    return f1.side if f1.side != "people" else f2.side


def _same_moment(doc: Doc, f1: Figure, f2: Figure) -> bool:
    """Figures a sentence or two apart, neither dated differently from the other."""
    s1, s2 = doc.sentence_of(f1.span), doc.sentence_of(f2.span)
    if s1 is None or s2 is None:
        return False
    i1, i2 = doc.sentences.index(s1), doc.sentences.index(s2)
    if abs(i1 - i2) > 2:
        return False
    t1 = {t.text.lower() for t in doc.times if s1.contains(t.span)}
    t2 = {t.text.lower() for t in doc.times if s2.contains(t.span)}
    return not (t1 and t2 and t1 != t2) and not (bool(t1) != bool(t2) and _PERIOD.search(doc.span_text(s1) + doc.span_text(s2)))


_PERIOD = re.compile(r"\b(since|over the past|in the past|so far|total|overall|in all|cumulative)\b", re.I)


def clause_of(doc: Doc, span: Span) -> Span:
    """The clause that states ``span``: the subtree of the nearest verb above it
    ('put the actual number of dead soldiers at closer to 65' for the figure '65')."""
    toks = doc.nlp.char_span(span.start, span.end, alignment_mode="expand") if doc.nlp is not None else None
    if toks is None or not len(toks):
        return span
    root = toks.root
    v = root
    while v.pos_ not in ("VERB", "AUX") and v.head.i != v.i:
        v = v.head
    if v.pos_ not in ("VERB", "AUX"):
        v = root
    sub = [t for t in v.subtree if t.sent == v.sent and not t.is_punct] or list(toks)
    return Span(min(span.start, sub[0].idx), max(span.end, sub[-1].idx + len(sub[-1].text)))


def _with_source(doc: Doc, f: Figure, claim: int) -> Span:
    """The figure's clause with who gives it, when the source stands right before it
    ('al Shabaab said 21 were killed'); the clause alone otherwise."""
    c = doc.claims[claim]
    src = c.source_span
    f = Figure(f.side, f.low, f.high, f.text, clause_of(doc, f.span), f.sentence)
    between = doc.text[src.end : f.span.start] if src is not None else ""
    if src is not None and src.end <= f.span.start and len(between.split()) <= 10 and "\n" not in between:
        return Span(src.start, f.span.end)
    sent = doc.sentence_of(f.span)
    if c.cue is not None and c.cue.start >= f.span.end and sent is not None and sent.contains(c.cue):
        return Span(f.span.start, max(c.cue.end, src.end if src is not None and src.start >= f.span.end else 0))  # "Ten people were killed ..., he said"
    return f.span


def _compatible(f1: Figure, f2: Figure) -> bool:
    """Figures whose ranges meet do not contradict: 'at least 12' and '30' agree, '12' and
    'at least 30' do not, nor 'between 10 and 12' and 'at least 15'."""
    inf = float("inf")
    lo1, hi1 = (f1.low or 0), (f1.high if f1.high is not None else inf)
    lo2, hi2 = (f2.low or 0), (f2.high if f2.high is not None else inf)
    return lo1 <= hi2 and lo2 <= hi1


# -- polarity -------------------------------------------------------------------------


def _content(doc: Doc, c: Claim) -> str:
    return doc.span_text(c.content)


def _linked_target(doc: Doc, d: int) -> int | None:
    """'Asked to comment on the X's claims, ...': the first claim of X."""
    deny = doc.claims[d]
    if deny.cue is None:
        return None
    sent = doc.sentence_of(deny.cue) or deny.evidence
    context = doc.text[sent.start : deny.cue.start]
    low = context.lower()
    if not any(m in low for m in lexicon().response_markers):
        return None
    said = words(context)
    for i, c in enumerate(doc.claims[:d]):
        named = {w for w in words(c.source) if not _NUMBERISH.match(w)}
        if c.source != deny.source and c.source_kind != "author" and named and named <= said:
            return i
    return None


_NUMBERISH = re.compile(r"^(\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|some|many)$")


def _response_link(doc: Doc) -> dict[int, int]:
    """'The denial came in response to a report ... according to which ...': deny claims
    before that sentence answer the claim made in it."""
    out = {}
    for m in re.finditer(r"\b(?:denial|denials|statement|remarks)\s+came\s+in\s+response\s+to\b", doc.text, re.I):
        target = next((i for i, c in enumerate(doc.claims) if c.cue and c.cue.start > m.start() and doc.sentence_of(c.cue) == doc.sentence_of(Span(m.start(), m.end()))), None)
        if target is None:
            continue
        denials = [i for i, c in enumerate(doc.claims) if c.stance == "deny" and c.cue and c.cue.end <= m.start()]
        if denials:
            last_source = doc.claims[denials[-1]].source
            for i in denials:
                if doc.claims[i].source == last_source:
                    out[i] = target
    return out


def _presence_target(doc: Doc, d: int) -> Span | None:
    """A denial of presence answered by a statement that the group operates there."""
    deny = doc.claims[d]
    content = _content(doc, deny)
    if not re.search(r"\b(no|not any|never)\b", content, re.I) or not (words(content) & PRESENCE):
        return None
    ents = _entities_in(doc, deny.content)
    if len(ents) < 2:
        return None
    for sent in doc.sentences:
        if sent.overlaps(deny.evidence) or sent.overlaps(deny.content):
            continue
        text = doc.span_text(sent)
        if re.search(r"\b(no|not|never|denied|deny|denies|denials?)\b", text, re.I) and not re.search(r"\bdespite denials?\b", text, re.I):
            continue
        if ents <= _entities_in(doc, sent) and words(text) & PRESENCE:
            return _clause_around(doc, sent)
    return None


def _clause_around(doc: Doc, sent: Span) -> Span:
    text = doc.span_text(sent)
    m = re.match(r"\s*despite denials?[^,]*,\s*", text, re.I)
    return Span(sent.start + m.end(), sent.end) if m else sent


def _entities_in(doc: Doc, span: Span) -> set[int]:
    return {m.entity for m in doc.mentions if m.entity is not None and span.contains(m.span)}


def _same_sentence_target(doc: Doc, d: int) -> int | None:
    """'While the RSF claimed control ..., the Joint Force denied any RSF gains': the other
    source's claim in the denial's own sentence."""
    deny = doc.claims[d]
    sent = doc.sentence_of(deny.cue) if deny.cue else None
    if sent is None:
        return None
    for i, c in enumerate(doc.claims):
        if i != d and c.stance != "deny" and c.source != deny.source and c.cue and sent.start <= c.cue.start < sent.end:
            return i
    return None


_ANAPHORIC = re.compile(r"\b(?:these|those|the|such|this|that|an?|[A-Z][\w-]+['’]s?)\s+(?:\w+\s+)?(?:accusations?|allegations?|claims?|reports?|charges?|assertions?|accounts?)\b", re.I)


def _anaphoric_target(doc: Doc, d: int) -> int | None:
    """'the army rejected these accusations': the latest claim of another source before it."""
    deny = doc.claims[d]
    content = _content(doc, deny)
    if len(content.split()) > 12 or not _ANAPHORIC.search(content):
        return None
    m = _ANAPHORIC.search(content)
    before = [i for i, c in enumerate(doc.claims) if i != d and c.cue and deny.cue and c.cue.start < deny.cue.start
              and c.source != deny.source and c.stance != "deny" and c.source_kind != "author"]
    owner = re.match(r"([A-Z][\w-]+)['’]", m.group(0))
    if owner:  # "Ukraine's claim": a claim made by or for Ukraine
        who = owner.group(1).lower()
        before = [i for i in before if who in (doc.claims[i].source + " " + doc.span_text(doc.claims[i].source_span)).lower()]
    accusations = [i for i in before if _accusing(doc, doc.claims[i])]
    pool = accusations or before
    if not pool:
        return None
    # "these accusations" answer the set, led by the first; "Ukraine's claim" that party's
    # main claim, its first; a bare "the claim" the latest
    return pool[0] if owner or re.search(r"s\b", m.group(0).split()[-1]) else pool[-1]


_VIOLENT = re.compile(r"\b(kill\w*|attack\w*|strik\w*|execut\w*|abduct\w*|massacr\w*|shell\w*|bomb\w*|tortur\w*|rap\w+|burn\w*|loot\w*|hir\w+|back\w*|arm\w*)\b", re.I)


def _accusing(doc: Doc, c: Claim) -> int:
    cue = doc.span_text(c.cue).lower() if c.cue else ""
    score = 2 if any(w in cue for w in ("accus", "alleg", "charg", "blam", "claim")) else 0
    return score + (1 if _VIOLENT.search(_content(doc, c)) else 0)


def _overlap_target(doc: Doc, d: int) -> int | None:
    deny = doc.claims[d]
    ents = _entities_in(doc, deny.content)
    best, best_score = None, 0.0
    for i, c in enumerate(doc.claims):
        if i == d or c.stance == "deny" or c.source == deny.source:
            continue
        shared = ents & _entities_in(doc, c.content)
        score = overlap(_content(doc, deny), _content(doc, c))
        if len(shared) >= 2 and score >= 0.3 and score > best_score:
            best, best_score = i, score
    return best


def polarity(doc: Doc) -> list[Contradiction]:
    out: list[Contradiction] = []
    linked = _response_link(doc)
    chosen: dict[tuple[str, object], tuple[int, float, list[int]]] = {}
    answered: dict[int, int] = {}  # deny claim -> the claim it answers
    for d, c in enumerate(doc.claims):
        if c.stance != "deny":
            if c.source_kind != "author":
                span = _presence_target(doc, d)  # "There is no presence of X in Y", said as a fact
                if span is not None:
                    _keep(chosen, doc, d, ("span", span), 1.0)
            continue
        span = _presence_target(doc, d)
        if span is not None:
            _keep(chosen, doc, d, ("span", span), 1.0)
            continue
        target = _linked_target(doc, d)
        if target is None and d - 1 in answered and doc.claims[d - 1].source == c.source:
            target = answered[d - 1]  # the same speaker goes on denying
        if target is None:
            target = linked.get(d)
        if target is None:
            target = _same_sentence_target(doc, d)
        if target is None:
            target = _anaphoric_target(doc, d)
        if target is not None:
            answered[d] = target
        if target is None:
            target = _overlap_target(doc, d)
        if target is not None:
            _keep(chosen, doc, d, ("claim", target), _rank(doc, d, target))
    for (source, (what, ref)), (d, _, group) in sorted(chosen.items(), key=lambda kv: kv[1][0]):
        if what == "claim":
            t = doc.claims[ref]
            a = Side(t.content, t.source, ref, None, None)
        else:
            a = Side(ref, _source(doc, _claim_of(doc, ref)), _claim_of(doc, ref), None, None)
        b = Side(_denial_span(doc, d, group), source, d, None, None)
        out.append(Contradiction(about=_about(doc, a.evidence), kind="polarity", a=a, b=b))
    return out


def _denial_span(doc: Doc, d: int, group: list[int]) -> Span:
    """One speaker's consecutive denials of the same claim read as one statement."""
    run = [d]
    for i in sorted(group):
        if any(abs(i - r) == 1 for r in run):
            run.append(i)
    run = sorted(set(run))
    claim = doc.claims[d]
    last = doc.claims[run[-1]]
    nxt = run[-1] + 1
    if nxt < len(doc.claims) and doc.claims[nxt].source == last.source and last.cue and doc.claims[nxt].cue:
        sent = doc.sentence_of(last.cue)
        if sent is not None and sent.contains(doc.claims[nxt].cue):
            run.append(nxt)  # "has denied the claim and says the Russians are instructors": one answer
    if len(run) == 1 and claim.rule == "verb:relative" and claim.cue is not None:
        # "..., which Rwanda denies": the denial is the relative clause itself
        which = doc.text.rfind("which", 0, claim.cue.start)
        return Span(which if which >= 0 and claim.cue.start - which < 60 else claim.cue.start, claim.cue.end)
    if len(run) == 1:
        return _quoted(doc, claim.content)
    spans = [doc.claims[i].content for i in run]
    return Span(min(s.start for s in spans), max(s.end for s in spans))


def _rank(doc: Doc, d: int, target: int) -> float:
    """How well a denial answers a claim: shared words, dismissive wording."""
    deny = doc.claims[d]
    score = overlap(_content(doc, deny), _content(doc, doc.claims[target]))
    return score + (0.05 if is_dismissive(_content(doc, deny)) else 0.0)


def _keep(chosen: dict, doc: Doc, d: int, target, score: float) -> None:
    """Per speaker and denied claim: the best-matching denial, with all of that speaker's denials of it."""
    key = (doc.claims[d].source, target)
    best, best_score, group = chosen.get(key, (d, -1.0, []))
    group = group + [d]
    if score > best_score:
        best, best_score = d, score
    chosen[key] = (best, best_score, group)


def _quoted(doc: Doc, span: Span) -> Span:
    """Take a quote's own marks and a last sentence of its own when the denial spans several."""
    text = doc.span_text(span)
    parts = re.split(r"(?<=[.!?])[”\"]?\s+(?=[“\"A-Z])", text)
    if len(parts) > 1:
        tail = parts[-1]
        start = span.end - len(tail)
        return Span(start, span.end)
    return span


def _about(doc: Doc, span: Span) -> str:
    text = " ".join(doc.span_text(span).split())
    return "whether " + (text[:120] + ("…" if len(text) > 120 else ""))


def find_contradictions(doc: Doc) -> list[Contradiction]:
    return numeric(doc) + polarity(doc)
