"""Polarity: a denial and what it denies.

The denied claim is found, in order,
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
from collections.abc import Iterator

from ..claims.lexicon import lexicon
from ..claims.stance import is_dismissive
from ..model import Claim, Contradiction, Doc, Side, Span
from .common import (claim_of as _claim_of, entities_in as _entities_in, memo, overlap, same_speaker, sentence_in_paragraph,
                     source_of as _source, speaker_at, statement, words)

PRESENCE = {"presence", "present", "operating", "operate", "operates", "active", "followers", "members", "cells", "branch", "branches", "representing", "represent", "based", "fighters", "foothold", "infiltrated", "infiltrate"}


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


_ANAPHORIC = re.compile(r"\b(?:these|those|the|such|this|that|an?|[A-Z][\w-]+['’]s?)\s+(?:\w+\s+)?(?:accusations?|allegations?|claims?|reports?|charges?|assertions?|accounts?|information|figures?|version|statements?)\b", re.I)
ACCUSING_CUES = ("accus", "alleg", "charg", "blam", "hold", "responsib")


def _anaphoric_target(doc: Doc, d: int) -> int | None:
    """'the army rejected these accusations', 'that information was not correct': the nearest
    accusation of another speaker before it; one made by or for a party it names ('Ukraine's
    claim'); else that speaker's nearest claim."""
    deny = doc.claims[d]
    content = _content(doc, deny)
    m = _ANAPHORIC.search(content)
    if m is None or len(content.split()) > 25 or deny.cue is None:
        return None
    denial = memo(doc, "denials", _denials)
    owner = re.match(r"([A-Z][\w-]+)['’]", m.group(0))
    who = owner.group(1).lower() if owner else None  # "Ukraine's claim": a claim made by or for Ukraine

    def before() -> Iterator[int]:
        """The claims told before the denial that it may answer, the nearest first."""
        for i in range(len(doc.claims) - 1, -1, -1):
            c = doc.claims[i]
            if (i != d and c.cue and c.cue.start < deny.cue.start and c.source_kind != "author" and not denial[i]
                    and (who is None or who in (c.source + " " + doc.span_text(c.source_span)).lower())
                    and not same_speaker(doc, c, deny) and not part_of_denial(doc, i)):
                yield i

    if not re.search(r"accus|alleg|charge", m.group(0), re.I):
        return next(before(), None)  # "that information", "the claim", "these reports": what was just said
    best, chosen = 0, None
    for i in before():  # the nearest of the most accusing
        score = _accusing(doc, doc.claims[i])
        if score > best:
            best, chosen = score, i
            if best == MOST_ACCUSING:
                break
    return chosen  # None: "denied the accusations" with no accusation told


_VIOLENT = re.compile(r"\b(kill\w*|attack\w*|strik\w*|execut\w*|abduct\w*|kidnap\w*|massacr\w*|shell\w*|bomb\w*|tortur\w*|rap\w+|burn\w*|loot\w*|hir\w+|back\w*|arm\w*|train\w*|infiltrat\w*|support\w*|fund\w*|carried out|behind)\b", re.I)


MOST_ACCUSING = 3  # an accusing cue (2) and a violent act (1)


def _accusing(doc: Doc, c: Claim) -> int:
    cue = doc.span_text(c.cue).lower() if c.cue else ""
    score = 2 if any(w in cue for w in ACCUSING_CUES) else 0
    return score + (1 if _VIOLENT.search(_content(doc, c)) else 0)


def _overlap_target(doc: Doc, d: int) -> int | None:
    deny = doc.claims[d]
    ents = _entities_in(doc, deny.content)
    if len(ents) < 2:
        return None
    denial = memo(doc, "denials", _denials)
    best, best_score = None, 0.0
    for i, c in enumerate(doc.claims):
        if i == d or denial[i] or c.source == deny.source:
            continue
        if len(ents & _entities_in(doc, c.content)) < 2 or part_of_denial(doc, i):
            continue
        score = overlap(_content(doc, deny), _content(doc, c))
        if score >= 0.3 and score > best_score:
            best, best_score = i, score
    return best


# what a denial may deny doing, by the means ("denied firing live rounds", "denies carrying out air strikes")
ACTS = [re.compile(p, re.I) for p in (
    r"\b(?:live (?:rounds?|ammunition|fire|bullets)|bullets?|gunfire|gunshots?|firearms?|shot (?:dead|and killed)|opened fire|firing|shooting)\b",
    r"\b(?:air ?strikes?|air raids?|warplanes?|drones? strikes?|bomb(?:ed|ing|ings)?|aircraft)\b",
    r"\b(?:shell(?:ed|ing)|artillery|mortars?)\b",
    r"\b(?:abduct\w*|kidnap\w*)\b",
    r"\b(?:tortur\w+)\b",
    r"\b(?:burn(?:ed|t|ing) (?:down )?(?:the |their )?(?:houses|homes|villages?|market)|torched|set (?:ablaze|on fire))\b",
)]
_HARM = re.compile(r"\b(?:kill\w*|dead|died|wounded|injur\w+|hit|struck|destroy\w*|damag\w*|abduct\w*|kidnap\w*|tortur\w*|burn\w*)\b", re.I)


_RESPONSIBLE = re.compile(r"\b(?:involvement|involved|responsib\w*|role|behind|part in|hand in|links?|connection|"
                         r"carried out|perpetrat\w*|culpab\w*|complicit\w*)\b", re.I)
_NAME_STOP = {"group", "association", "movement", "party", "council", "union", "forces", "front", "army", "spokesman",
              "spokesperson", "official", "officials", "leader", "leaders", "statement", "members"}


def _responsibility_target(doc: Doc, d: int) -> int | None:
    """'A herders' association denied any involvement': the nearest claim before it, by
    another speaker, that blames the denier ('Police blamed Fulani herders for the attack')."""
    deny = doc.claims[d]
    if deny.cue is None or not _RESPONSIBLE.search(_content(doc, deny)):
        return None
    me = {deny.source_entity} if deny.source_entity is not None else set()
    if deny.source_span is not None:
        me |= _entities_in(doc, deny.source_span)
    names = words(deny.source) - _NAME_STOP
    k = next((i for i, s in enumerate(doc.sentences) if s.contains(deny.cue)), len(doc.sentences))
    for i in range(d - 1, -1, -1):
        c = doc.claims[i]
        if c.cue is None or c.cue.start >= deny.cue.start:
            continue
        if doc.sentence_of(c.cue) in doc.sentences[:max(0, k - 6)]:
            break
        if denies(doc, c) or same_speaker(doc, c, deny) or c.source_kind == "author" or part_of_denial(doc, i):
            continue
        named = bool(me & _entities_in(doc, c.content)) or bool(names & words(_content(doc, c)))
        if named and _accusing(doc, c):
            return i
    return None


def _act_target(doc: Doc, d: int) -> Span | None:
    """'They denied firing live rounds': the nearest statement before it, by another speaker,
    that someone was shot ('four were shot dead'); likewise air strikes, shelling, abductions."""
    deny = doc.claims[d]
    content = _content(doc, deny)
    families = [a for a in ACTS if a.search(content)]
    if not families or deny.cue is None:
        return None
    k = next((i for i, s in enumerate(doc.sentences) if s.contains(deny.cue)), None)
    if k is None:
        return None
    for sent in reversed(doc.sentences[max(0, k - 6):k]):
        text = doc.span_text(sent)
        if not any(a.search(text) for a in families) or not _HARM.search(text) or _NEGATIVE.search(text):
            continue
        who = speaker_at(doc, sent)
        if who is None or same_speaker(doc, doc.claims[who], deny) or denies(doc, doc.claims[who]):
            continue
        return sentence_in_paragraph(doc, sent)
    return None


_REJECTS = re.compile(r"\b(?:not|n['’]t|never) (?:been )?(?:correct|accurate|true|right)\b|\b(?:incorrect|inaccurate|misleading|untrue)\b", re.I)


def denies(doc: Doc, c: Claim) -> bool:
    """A denial: the claims stage's stance, or a statement that something said is wrong
    ("that report was untrue", "they were misleading")."""
    return c.stance == "deny" or (c.source_kind != "author" and bool(_REJECTS.search(_content(doc, c))))


def _denials(doc: Doc) -> list[bool]:
    return [denies(doc, c) for c in doc.claims]


def _denials_by_sentence(doc: Doc) -> dict[tuple[str, Span], list[int]]:
    """(source, sentence) -> the denials by that source whose cue lies in that sentence."""
    out: dict[tuple[str, Span], list[int]] = {}
    for j, (o, deny) in enumerate(zip(doc.claims, memo(doc, "denials", _denials))):
        sent = doc.sentence_of(o.cue) if deny and o.cue is not None else None
        if sent is not None and sent.contains(o.cue):
            out.setdefault((o.source, sent), []).append(j)
    return out


def part_of_denial(doc: Doc, i: int) -> bool:
    """'said the allegation was false, adding that the officers are safe': what a denier adds in
    the denial's sentence is part of the denial, never a claim it answers."""
    c = doc.claims[i]
    sent = doc.sentence_of(c.cue) if c.cue is not None else None
    if sent is None:
        return False
    return any(j != i for j in memo(doc, "denials_by_sentence", _denials_by_sentence).get((c.source, sent), ()))


def polarity(doc: Doc) -> list[Contradiction]:
    out: list[Contradiction] = []
    linked = _response_link(doc)
    chosen: dict[tuple[str, object], tuple[int, float, list[int]]] = {}
    answered: dict[int, int] = {}  # deny claim -> the claim it answers
    for d, c in enumerate(doc.claims):
        if not denies(doc, c):
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
        if target is None:
            target = _responsibility_target(doc, d)
        if target is None:
            act = _act_target(doc, d)
            if act is not None:
                _keep(chosen, doc, d, ("span", act), 0.5)
                continue
        if target is not None:
            _keep(chosen, doc, d, ("claim", target), _rank(doc, d, target))
    for (_, (what, ref)), (d, _, group) in sorted(chosen.items(), key=lambda kv: kv[1][0]):
        source = doc.claims[d].source
        if what == "claim":
            t = doc.claims[ref]
            a = Side(statement(doc, ref, _focus(doc, ref, d)), t.source, ref, None, None)
        else:
            a = Side(ref, _source(doc, speaker_at(doc, ref)), speaker_at(doc, ref), None, None)
        b = Side(_denial_span(doc, d, group, a.evidence), source, d, None, None)
        if a.evidence.overlaps(b.evidence):
            continue  # "X denies Y's claims, according to Z": the denial is no claim it answers
        out.append(Contradiction(about=_about(doc, a.evidence), kind="polarity", a=a, b=b))
    return out


_NEGATIVE = re.compile(r"\b(no|not|never|nothing|none|deny|denied|denies|lies?|false|untrue|fake|baseless|unfounded)\b|n['’]t\b", re.I)


def _focus(doc: Doc, claim: int, other: int | None = None, against: Span | None = None) -> Span:
    """The sentence of a claim that carries the dispute, when the claim runs over several
    (a quote of three sentences): for a denial the one that negates and shares most words with
    what it denies; else the one sharing most words with the other side."""
    c = doc.claims[claim]
    hull = Span(min(c.content.start, c.evidence.start), max(c.content.end, c.evidence.end))
    sents = [s for s in doc.sentences if s.overlaps(hull)]
    if len(sents) <= 1:
        return c.content
    ref = doc.span_text(against) if against is not None else (_content(doc, doc.claims[other]) if other is not None else "")
    def score(s: Span) -> float:
        text = doc.span_text(Span(max(s.start, hull.start), min(s.end, hull.end)))
        neg = 0.5 if (c.stance == "deny" and _NEGATIVE.search(text)) else 0.0
        return overlap(text, ref) + neg
    best = max(sents, key=score)
    return Span(max(best.start, hull.start), min(best.end, hull.end))


def _denial_span(doc: Doc, d: int, group: list[int], against: Span) -> Span:
    """The denial's own statement: its claim's evidence, one sentence ('..., which Rwanda
    denies': the relative clause)."""
    claim = doc.claims[d]
    if claim.rule == "verb:relative" and claim.cue is not None:
        which = doc.text.rfind("which", 0, claim.cue.start)
        return Span(which if which >= 0 and claim.cue.start - which < 60 else claim.cue.start, claim.cue.end)
    return statement(doc, d, _focus(doc, d, against=against))


def _old_denial_span(doc: Doc, d: int, group: list[int]) -> Span:
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
    return score + (0.5 if is_dismissive(_content(doc, deny)) else 0.0)  # "lies and fabrications" over "denied reports"


def _keep(chosen: dict, doc: Doc, d: int, target, score: float) -> None:
    """Per denied claim: the best-matching denial, with all the denials of it (one dispute,
    one contradiction, however many deny it)."""
    key = (None, target)
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
