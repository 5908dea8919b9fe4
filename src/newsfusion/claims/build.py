"""Turn attributions into :class:`~newsfusion.model.Claim` objects.

Steps: find attributions (``detect``), drop reported speech nested inside
another claim's content, let a cue-less quotation continue the previous
quoted claim of its paragraph, resolve each source in document order
(``sources``), then decide the stance (``stance``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ..model import Claim, Doc, Span
from .detect import Attribution, Finder, one_per_source
from .learned import combine
from .lexicon import lexicon
from .quotes import find_quotes
from .sources import Source, SourceResolver
from .stance import stance_of


_GAP = re.compile(r"[\s”\"\'.,;:]*")


def _strip(text: str, span: Span) -> Span:
    """No leading or trailing white space in a span."""
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def _in_headline(doc: Doc, a: Attribution) -> bool:
    """A headline ('X says three killed in strike') restates the lede's claim: not a claim of its own."""
    title = (doc.article.title or "").strip()
    if not title or len(title) < 15:
        return False
    start = doc.text.find(title)
    return 0 <= start <= 5 and a.cue.start < start + len(title)


_AUTHOR_RULES = ("passive_hedge", "hedge_adverb", "author_hedge")


def _nested(a: Attribution, others: list[Attribution], quotes) -> bool:
    """Reported speech inside another claim that is no claim of its own: an
    attribution inside a direct quotation ("“... they said they would not
    shoot,” said one protester"), or a hedge inside a source's quoted words.
    Other reported speech inside a claim's content is a claim of its own ("X
    said hours after the court confirmed that ..."), and so is the author's
    hedge in indirect speech ("the suspected air strike hit the camp, the
    group said")."""
    for b in others:
        if b is a or not b.content.contains(a.cue) or a.content.contains(b.cue):
            continue
        if a.rule in _AUTHOR_RULES and b.rule not in _AUTHOR_RULES and any(q.inner.contains(a.cue) for q in quotes):
            return True  # the speaker's own hedge, in their quoted words
        if b.rule in _AUTHOR_RULES:
            continue  # a named attribution is never swallowed by the author's hedge around it
        if any(q.inner.contains(a.cue) and b.content.overlaps(q.inner) for q in quotes):
            return True
    return False


def _holding(atts: list[Attribution]):
    """A function giving, for an attribution, those of ``atts`` whose content holds its cue
    (in the order of ``atts``): a binary search over the contents' starts, so that asking
    it of every attribution does not compare every pair of a long article's claims."""
    order = sorted(range(len(atts)), key=lambda i: atts[i].content.start)
    starts = [atts[i].content.start for i in order]
    longest = max((b.content.end - b.content.start for b in atts), default=0)

    def holders(a: Attribution) -> list[Attribution]:
        near = order[bisect_left(starts, a.cue.end - longest) : bisect_right(starts, a.cue.start)]
        return [atts[i] for i in sorted(near) if atts[i].content.contains(a.cue)]

    return holders


def _dedupe(atts: list[Attribution]) -> list[Attribution]:
    seen, out = set(), []
    for a in atts:
        key = (a.cue.start, a.cue.end)
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out


def _continue_quotes(finder: Finder, atts: list[Attribution]) -> None:
    """A quote with no cue of its own that follows a quoted claim directly (only
    the claim's own cue clause and punctuation between them) continues it."""
    for q in finder.quotes:
        if any(a.content.overlaps(q.inner) or a.cue.overlaps(q.span) for a in atts):
            continue
        for a in atts:
            if not a.quote:
                continue
            a_end = max(a.content.end, a.cue.end, a.source_span.end if a.source_span else 0)
            gap = finder.text[a_end : q.span.start]
            if a_end <= q.span.start and _GAP.fullmatch(gap) and "\n\n" not in gap:
                a.content = Span(a.content.start, q.span.end)
                a.extra["continued"] = True
                break


_MAX_EVIDENCE_WORDS = 45


def _nwords(text: str, start: int, end: int) -> int:
    return len(text[start:end].split())


def _evidence(a: Attribution, finder: Finder) -> Span:
    """The attribution as one span: its sentence, or source, cue and content
    when they reach beyond it (a quotation over several sentences).

    A span longer than ``_MAX_EVIDENCE_WORDS`` is cut to the cue clause and
    the words of the content next to it, so the evidence stays the statement
    of attribution rather than a paragraph.
    """
    text = finder.text
    clause = a.extra.get("clause") or a.cue
    parts = [clause, a.cue, a.content] + ([a.source_span] if a.source_span else [])
    start = min(p.start for p in parts)
    end = max(p.end for p in parts)
    if a.quote:
        if start > 0 and text[start - 1] in "“\"":
            start -= 1
        while end < len(text) and text[end] in "”\".,":
            end += 1
    sent = a.sentence
    para = finder.paragraph_of(a.cue.start)
    s_start, s_end = sent.start, sent.end
    if para is not None:
        s_start, s_end = max(s_start, para.start), min(s_end, para.end)
    whole = Span(min(start, s_start), max(end, s_end))
    if a.extra.get("inner") or a.extra.get("own_words"):
        whole = Span(start, end)  # speech reported inside another claim: its own words, not the host sentence
    if _nwords(text, whole.start, whole.end) <= _MAX_EVIDENCE_WORDS:
        return _strip(text, whole)
    lead = text[sent.start : start]
    if re.match(r"\s*(?:when\s+)?asked\b", lead, re.I) and len(lead.split()) <= 20:
        start = sent.start  # "When asked whether ..., X replied: 'yes'": the question is part of it
    if _nwords(text, start, end) <= _MAX_EVIDENCE_WORDS:
        return Span(start, end)
    attr = Span(min(clause.start, a.source_span.start if a.source_span else clause.start), max(clause.end, a.cue.end))
    room = max(_MAX_EVIDENCE_WORDS - _nwords(text, attr.start, attr.end), 8)
    words = list(re.finditer(r"\S+", text[a.content.start : a.content.end]))
    if a.content.end <= attr.start:  # content before the cue: keep its last words
        cut = a.content.start + words[-room].start() if len(words) > room else a.content.start
        return Span(cut, attr.end)
    if a.content.start >= attr.end:  # content after: keep its first words
        cut = a.content.start + words[room - 1].end() if len(words) > room else a.content.end
        return Span(attr.start, cut)
    return Span(start, end)


class ClaimBuilder:
    """Turns attributions into claims, one at a time and in document order.

    The single entry point for anything that proposes attributions, the rules
    here or a learned model: ``claim(attribution)`` resolves the source (kind,
    entity, pronouns and descriptions through the sources seen so far), decides
    the stance and cuts the evidence. ``from_spans`` builds the attribution
    from three character spans (source, cue, content) first. Feed attributions
    sorted by cue position: resolution reads the sources met before.
    """

    def __init__(self, doc: Doc, finder: Finder | None = None):
        self.doc = doc
        self.finder = finder or Finder(doc.nlp, doc.text)
        self.resolver = SourceResolver(doc)
        self.sources: list[Source] = []
        self.attributions: list[Attribution] = []
        self._last: tuple[Source, str, int, int] | None = None  # previous claim: source, stance, paragraph, sentence start

    def from_spans(self, source: Span | None, cue: Span, content: Span, rule: str = "spans") -> Claim:
        """A claim from character spans: ``source`` None for the author's own hedge."""
        return self.claim(attribution_from_spans(self.doc, source, cue, content, rule))

    def claim(self, a: Attribution) -> Claim:
        doc = self.doc
        src = self.resolver.resolve(doc.nlp, a.source_head, a.source_span, a.cue.start, a.source_text)
        self.resolver.remember(a.cue.start, src, inner=bool(a.extra.get("inner")))
        pidx = self.finder.paragraph_index(a.cue.start)
        last = self._last
        continues_denial = last is not None and last[1] == "deny" and last[0].text == src.text and pidx - last[2] <= 1
        same_sentence = last is not None and last[3] == a.sentence.start
        context = doc.text[a.sentence.start : a.cue.start]
        cue_tok = doc.nlp.char_span(a.cue.start, a.cue.end, alignment_mode="expand")
        mods = [c.text for t in (cue_tok or []) for c in t.children if c.dep_ == "advmod"]
        stance = stance_of(a.cue_lemma, a.stance_hint, a.hedge, doc.span_text(a.content), context, continues_denial, mods, same_sentence)
        self._last = (src, stance, pidx, a.sentence.start)
        a.content = _strip(doc.text, a.content)
        self.sources.append(src)
        self.attributions.append(a)
        return Claim(
            source=src.text,
            source_kind=src.kind,
            stance=stance,
            cue=a.cue,
            content=a.content,
            evidence=_evidence(a, self.finder),
            source_span=a.source_words or a.source_span or src.span,  # the words of this article that name the source
            source_entity=src.entity,
            resolved_from=src.resolved_from,
            rule=a.rule,
        )


def attribution_from_spans(doc: Doc, source: Span | None, cue: Span, content: Span, rule: str = "spans") -> Attribution:
    """An :class:`Attribution` from character spans (a model's proposal): the
    source's syntactic head, the cue's lemma and default stance, the sentence."""
    sdoc = doc.nlp
    cue_toks = sdoc.char_span(cue.start, cue.end, alignment_mode="expand")
    cue_head = cue_toks.root if cue_toks is not None and len(cue_toks) else sdoc[0]
    lemma = cue_head.lemma_.lower()
    sent = cue_head.sent
    head_i = None
    if source is not None:
        src_toks = sdoc.char_span(source.start, source.end, alignment_mode="expand")
        if src_toks is not None and len(src_toks):
            head_i = src_toks.root.i
    hedge = source is None
    return Attribution(
        cue=cue,
        cue_lemma=lemma,
        content=content,
        sentence=Span(sent.start_char, sent.end_char),
        source_head=head_i,
        source_span=source if head_i is not None else None,
        rule=rule,
        stance_hint="hedge" if hedge else lexicon().verbs.get(lemma, "assert"),
        hedge=hedge,
        quote=any(q.inner.overlaps(content) for q in find_quotes(doc.text)) if content.end > content.start else False,
    )


def extract_claims(doc: Doc, proposals: list[Attribution] | None = None) -> list[Claim]:
    """Every claim of the article: the rules' attributions, plus ``proposals``
    (e.g. a learned model's, see :func:`attribution_from_spans`) whose cue no
    rule found."""
    finder = Finder(doc.nlp, doc.text)
    atts = combine(doc, finder.run())  # the learned model's attributions beside the rules' (claims/learned/)
    doc.warnings.extend(finder.failures)
    if proposals:
        atts += [p for p in proposals if not any(p.cue.overlaps(a.cue) for a in atts)]
    atts = [a for a in _dedupe(atts) if not _in_headline(doc, a)]
    holders = _holding(atts)
    atts = [a for a in atts if not _nested(a, holders(a), finder.quotes)]
    _continue_quotes(finder, atts)
    atts = one_per_source(atts, doc.nlp)
    atts.sort(key=lambda a: a.cue.start)
    holders = _holding(atts)
    for a in atts:
        if any(b is not a and b.rule not in _AUTHOR_RULES and not a.content.contains(b.cue) for b in holders(a)):
            a.extra["inner"] = True
    builder = ClaimBuilder(doc, finder)
    claims = [builder.claim(a) for a in atts]
    _cataphora(claims, builder.sources, builder.attributions)
    return claims


def _cataphora(claims: list[Claim], srcs: list[Source], atts: list[Attribution]) -> None:
    """A lede's indefinite source ("a senior militant told X") named in the next
    claims by a person who "told X" too is that person."""
    for i, (c, src, a) in enumerate(zip(claims, srcs, atts)):
        if c.source_kind != "anonymous" or not src.indefinite or not a.recipient:
            continue
        for c2, a2 in list(zip(claims, atts))[i + 1 : i + 4]:
            if c2.source_kind == "named_person" and a2.cue_lemma == a.cue_lemma and a2.recipient == a.recipient:
                c.resolved_from = c.source
                c.source, c.source_kind, c.source_entity = c2.source, c2.source_kind, c2.source_entity
                break
