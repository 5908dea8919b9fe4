"""What every kind of contradiction needs: who states a span, whether two statements come
from the same speaker, and the tight evidence of a statement (one clause or sentence)."""

from __future__ import annotations

import re

from ..model import Claim, Doc, Span

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
    holding = [i for i, c in enumerate(doc.claims) if c.content.contains(span) or c.evidence.contains(span)]
    return min(holding, key=lambda i: doc.claims[i].content.end - doc.claims[i].content.start) if holding else None


def source_of(doc: Doc, claim: int | None) -> str:
    return doc.claims[claim].source if claim is not None else doc.author_label()


def attributed(doc: Doc, claim: int | None) -> bool:
    """The statement has a source other than the article itself."""
    return claim is not None and doc.claims[claim].source_kind != "author"


_SAME_SIDE = {"spokesperson_of", "member_of", "leader_of", "part_of"}


def _name(text: str) -> str:
    return " ".join(w for w in re.findall(r"[\w']+", text.lower()) if w not in ("the", "a", "an"))


def same_speaker(doc: Doc, c1: Claim, c2: Claim) -> bool:
    """Two claims from one speaker: the same entity or name, or a spokesman and his body
    ('government spokesman X' and 'the government', joined by a relation)."""
    if c1.source_entity is not None and c1.source_entity == c2.source_entity:
        return True
    n1, n2 = _name(c1.source), _name(c2.source)
    if n1 == n2 or (c1.source_kind == c2.source_kind == "author"):
        return True
    e1, e2 = c1.source_entity, c2.source_entity
    if e1 is not None and e2 is not None:
        for r in doc.relations:
            if r.predicate in _SAME_SIDE and {r.subject_entity, r.object_entity} == {e1, e2}:
                return True
    return False


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


def entities_in(doc: Doc, span: Span) -> set[int]:
    return {m.entity for m in doc.mentions if m.entity is not None and span.contains(m.span)}
