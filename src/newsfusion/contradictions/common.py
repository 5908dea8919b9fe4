"""What every kind of contradiction needs: who states a span, whether two statements come
from the same speaker, and the tight evidence of a statement (one clause or sentence)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from typing import NamedTuple, TypeVar

from ..model import Claim, Doc, Span

T = TypeVar("T")


def memo(doc: Doc, name: str, build: Callable[[Doc], T]) -> T:
    """A value computed once per article from its claims, mentions, sentences and relations (which the
    contradiction rules read but never change), rebuilt when any of those lists is another
    or changes length. Rules that ask for each claim what depends on every other claim use
    it, so a long article's cost grows with its length, not its square."""
    claims, mentions, sentences, relations = doc.claims, doc.mentions, doc.sentences, doc.relations
    key = (len(claims), len(mentions), len(sentences), len(relations))
    store = doc.__dict__.setdefault("_contradictions_memo", {})
    hit = store.get(name)
    if (hit is not None and hit[0] == key and hit[1] is claims and hit[2] is mentions and hit[3] is sentences
            and hit[4] is relations):
        return hit[5]
    value = build(doc)
    store[name] = (key, claims, mentions, sentences, relations, value)
    return value

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9-]+")
_STOP = {"the", "a", "an", "of", "in", "on", "to", "and", "that", "is", "was", "were", "has", "have", "had", "for", "with",
         "by", "from", "as", "at", "it", "its", "this", "be", "been", "are", "their", "they", "he", "she", "his", "her",
         "not", "no", "any", "said", "told"}


def words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)} - _STOP


def overlap(a: str, b: str) -> float:
    wa, wb = words(a), words(b)
    return len(wa & wb) / min(len(wa), len(wb)) if wa and wb else 0.0


def claim_of(doc: Doc, span: Span) -> int | None:
    """The innermost claim holding ``span``: '... reported the strikes, with some outlets
    saying nine had died' is the outlets' figure, not the reporter's."""
    holding = [i for i, c in enumerate(doc.claims) if c.content.contains(span)] \
        or [i for i, c in enumerate(doc.claims) if c.evidence.contains(span)]  # a claim's content says it; else its sentence
    return min(holding, key=lambda i: doc.claims[i].content.end - doc.claims[i].content.start) if holding else None


def source_of(doc: Doc, claim: int | None) -> str:
    return doc.claims[claim].source if claim is not None else doc.author_label()


def attributed(doc: Doc, claim: int | None) -> bool:
    """The statement has a source other than the article itself."""
    return claim is not None and doc.claims[claim].source_kind != "author"


GENERIC_SOURCES = {"official", "officials", "source", "sources", "local", "security", "senior", "government",
                   "witness", "witnesses", "residents", "resident", "spokesman", "spokesperson", "statement", "media",
                   "reports", "report", "authorities", "sources'", "military", "medical", "health", "and"}
_SAME_SIDE = {"spokesperson_of", "member_of", "leader_of", "part_of"}


def _name(text: str) -> str:
    return " ".join(w for w in re.findall(r"[\w']+", text.lower()) if w not in ("the", "a", "an"))


class _Speaker(NamedTuple):
    """What ``same_speaker`` reads of a claim's source, worked out once per claim."""

    claim: Claim
    name: str  # the source's name, lower-cased, without articles
    name_words: frozenset[str]
    said: list[str]  # the words of the source span as written, lower-cased
    entities: frozenset[int]  # the entities mentioned in the source span


def _speaker_of(doc: Doc, c: Claim) -> _Speaker:
    name = _name(c.source)
    ents = entities_in(doc, c.source_span) if c.source_span is not None else set()
    return _Speaker(c, name, frozenset(name.split()), doc.span_text(c.source_span).lower().split(), frozenset(ents))


def _speakers(doc: Doc) -> dict[int, _Speaker]:
    return {id(c): _speaker_of(doc, c) for c in doc.claims}


def _speaker(doc: Doc, c: Claim) -> _Speaker:
    known = memo(doc, "speakers", _speakers).get(id(c))
    return known if known is not None and known.claim is c else _speaker_of(doc, c)


def same_speaker(doc: Doc, c1: Claim, c2: Claim) -> bool:
    """Two claims from one speaker: the same entity or name, or a spokesman and his body
    ('government spokesman X' and 'the government', joined by a relation)."""
    if c1.source_entity is not None and c1.source_entity == c2.source_entity:
        return True
    s1, s2 = _speaker(doc, c1), _speaker(doc, c2)
    if s1.name == s2.name or (c1.source_kind == c2.source_kind == "author"):
        return True
    for said, other in ((s1.said, s2.name_words), (s2.said, s1.name_words)):
        if len(said) == 2 and said[0] in ("the", "this", "that") and said[1] in other:
            return True  # "the resident" after "a resident of Dessie"
    w1, w2 = s1.name_words, s2.name_words
    small = min((w1, w2), key=len)
    if (w1 <= w2 or w2 <= w1) and small - GENERIC_SOURCES:
        return True  # "police" and "the provincial police office"; not "officials" and "US officials"
    ents1, ents2 = s1.entities, s2.entities
    if ents1 & ents2 and not _persons(doc, ents1 ^ ents2):
        return True  # "the IS statement" and "the Islamic State group"
    e1, e2 = c1.source_entity, c2.source_entity
    return e1 is not None and e2 is not None and frozenset((e1, e2)) in memo(doc, "same_side", _same_side)


def _same_side(doc: Doc) -> set[frozenset]:
    """The pairs of entities a relation puts on one side (a spokesman and his body)."""
    return {frozenset((r.subject_entity, r.object_entity)) for r in doc.relations if r.predicate in _SAME_SIDE}


def _persons(doc: Doc, ents: set[int]) -> bool:
    return any(doc.entities[e].type == "PERSON" for e in ents)


def sentence_in_paragraph(doc: Doc, span: Span) -> Span | None:
    """The sentence holding ``span``, cut at paragraph breaks (the parser may run two
    paragraphs into one sentence)."""
    sent = doc.sentence_of(span)
    if sent is None:
        return None
    text = doc.text
    start = text.rfind("\n", sent.start, span.start)
    end = text.find("\n", span.end, sent.end)
    return Span(start + 1 if start != -1 else sent.start, end if end != -1 else sent.end)


def statement(doc: Doc, claim: int | None, focus: Span) -> Span:
    """The evidence of the statement that says ``focus``: the claim's evidence when it lies in
    one sentence, else its part in the sentence of ``focus``; the sentence without a claim."""
    sent = sentence_in_paragraph(doc, focus) or focus
    if claim is None:
        return _trim(doc, sent)
    c = doc.claims[claim]
    ev = Span(min(c.evidence.start, c.content.start), max(c.evidence.end, c.content.end))
    if not ev.overlaps(focus):
        return _trim(doc, sent)  # a sentence the claim goes on telling (a long quote, "According to X, ...")
    inside = doc.sentence_of(Span(ev.start, ev.start + 1))
    if inside is not None and ev.end <= inside.end + 2 and "\n" not in doc.text[ev.start:ev.end].strip():
        return _trim(doc, ev)
    lo, hi = max(ev.start, sent.start), min(ev.end, sent.end)
    return _trim(doc, Span(lo, hi) if lo < hi and lo <= focus.start and focus.end <= hi else sent)


def _trim(doc: Doc, span: Span) -> Span:
    """Without surrounding blanks, a dangling 'but'/'and' or stray quote marks."""
    text = doc.span_text(span)
    m = re.search(r"(?:\s*,?\s+(?:but|and|while|whereas))?[\s,;:]*$", text)
    end = span.start + (m.start() if m else len(text))
    start = span.start + (len(text) - len(text.lstrip()))
    return Span(start, max(start + 1, end))


def _mentions_by_start(doc: Doc) -> tuple[list[int], list[tuple[int, int]]]:
    placed = sorted((m.span.start, m.span.end, m.entity) for m in doc.mentions if m.entity is not None)
    return [p[0] for p in placed], [(p[1], p[2]) for p in placed]


def entities_in(doc: Doc, span: Span) -> set[int]:
    """The entities with a mention inside ``span``."""
    starts, rest = memo(doc, "mentions_by_start", _mentions_by_start)
    lo, hi = bisect_left(starts, span.start), bisect_right(starts, span.end)
    return {entity for end, entity in rest[lo:hi] if end <= span.end}


_OPEN = "\"“"


def _paragraph_quote(doc: Doc, span: Span) -> int | None:
    """A paragraph that opens with a quote mark and ends '..." colonel X said.' is X's quote
    throughout, whatever quote marks stand inside it ('were also "neutralized"')."""
    text = doc.text
    start = text.rfind("\n", 0, span.start) + 1
    end = text.find("\n", span.end)
    end = len(text) if end == -1 else end
    para = text[start:end]
    lead = len(para) - len(para.lstrip())
    if not para.strip() or para.lstrip()[0] not in _OPEN:
        return None
    closing = [i for i, c in enumerate(doc.claims) if c.rule == "verb:quote" and c.cue is not None
               and start <= c.cue.start < end and c.cue.start > span.end]
    if not closing:
        return None
    i = closing[-1]
    tail = text[doc.claims[i].cue.end:end].strip()
    return i if len(tail.split()) <= 8 and start + lead <= span.start else None


def speaker_at(doc: Doc, span: Span) -> int | None:
    """The claim a span belongs to: the claim holding it, or the "According to X, ..." claim of
    the sentence before in its paragraph, which the sentence goes on telling."""
    c = claim_of(doc, span)
    if c is not None:
        return c
    quoted = _paragraph_quote(doc, span)
    if quoted is not None:
        return quoted
    sent = doc.sentence_of(span)
    if sent is None:
        return None
    k = doc.sentences.index(sent)
    if k == 0 or "\n" in doc.text[doc.sentences[k - 1].end:sent.start]:
        return None
    prev = doc.sentences[k - 1]
    return next((i for i, c in enumerate(doc.claims) if c.rule.startswith("according") and prev.contains(c.evidence)), None)
