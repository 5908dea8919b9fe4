"""Small helpers over spaCy's dependency parse (tokens, heads, clauses, spans)."""

from __future__ import annotations

from ..parsing import conjuncts  # noqa: F401  (re-exported for the events modules)

from collections.abc import Iterable, Iterator

SUBJ = ("nsubj", "nsubjpass", "csubj")
CLAUSE_DEPS = ("ROOT", "ccomp", "advcl", "relcl", "xcomp", "conj", "acl", "pcomp", "parataxis")
PRONOUNS = {"he", "she", "they", "it", "him", "her", "them", "we", "i", "you"}
RELATIVE = {"who", "which", "that", "whom", "whose"}


def kids(tok, *deps: str) -> list:
    """The children of ``tok`` with one of ``deps`` (all children when none given)."""
    return [c for c in tok.children if not deps or c.dep_ in deps]


def first(tok, *deps: str):
    for c in tok.children:
        if c.dep_ in deps:
            return c
    return None


def preps(tok) -> Iterator[tuple[str, object]]:
    """(preposition, object) pairs of ``tok``: "on X", "by X" (agent), "between X".

    Handles "pcomp" objects ("at closer to 65") by yielding the deepest pobj."""
    for p in tok.children:
        if p.dep_ in ("prep", "agent", "dative") and p.pos_ in ("ADP", "SCONJ", "ADV", "VERB"):
            for o in p.children:
                if o.dep_ in ("pobj", "pcomp"):
                    yield p.lower_, o
                    break


def is_verb(tok) -> bool:
    return tok.pos_ in ("VERB", "AUX")


def is_passive(v) -> bool:
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children):
        return True
    if v.dep_ == "conj" and v.tag_ == "VBN" and not any(c.dep_ in ("nsubj", "aux") for c in v.children):
        return is_passive(v.head)  # "were abducted and killed"
    # reduced relative: "two Islamists killed by ..." (VBN acl without 'have')
    return v.tag_ == "VBN" and v.dep_ in ("acl", "advcl", "amod") and not any(c.lower_ in ("have", "has", "had") for c in v.children)


def clause_head(tok):
    """The verb heading the clause ``tok`` sits in (``tok`` itself when it is a verb)."""
    t = tok
    for _ in range(30):
        if is_verb(t) and (t.dep_ in CLAUSE_DEPS or t.head.i == t.i):
            return t
        if t.head.i == t.i:
            return t
        t = t.head
    return t


def subject_of(v, depth: int = 0):
    """The subject of verb ``v``, inherited through xcomp / conj / purpose clauses and relatives."""
    if v is None or depth > 6:
        return None
    s = first(v, "nsubj", "nsubjpass", "csubj") if not (v.dep_ == "conj" and is_passive(v)) else None
    if s is not None:
        if s.lower_ in RELATIVE and v.dep_ == "relcl":
            return v.head
        return s
    if v.dep_ == "pcomp" and v.head.lower_ in ("after", "before", "while", "upon", "by", "on") and v.head.head.pos_ in ("VERB", "AUX"):
        return subject_of(v.head.head, depth + 1)  # "the gunmen fled the camp after seizing rifles"
    if v.dep_ in ("xcomp", "conj", "advcl") and v.head.i != v.i:
        h = v.head
        if v.dep_ == "conj" and any(c.dep_ == "aux" and c.lower_ != "to" for c in v.children) and h.dep_ in ("pcomp", "xcomp"):
            # "accused X of selling ... and have been challenging Y": a finite conjunct
            # attached low by the parser belongs with the nearest finite clause above.
            for anc in h.ancestors:
                s = first(anc, "nsubj", "nsubjpass")
                if s is not None:
                    return s
        if v.dep_ == "xcomp":
            obj = first(h, "dobj")
            if obj is not None and h.lemma_ in ("force", "order", "send", "use", "allow", "help", "ask", "urge", "call"):
                # object control: "sent its policemen to disperse" -> the policemen act
                return obj if h.lemma_ != "use" else subject_of(h, depth + 1)
        return subject_of(h, depth + 1)
    if v.dep_ == "relcl" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
        return v.head
    if v.dep_ in ("acl", "relcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
        h = v.head  # "using Egypt as a middle man to pass ...": the user acts
        if h.head.dep_ == "prep" and h.head.lower_ == "as":
            return subject_of(h.head.head, depth + 1)
        poss = first(h, "poss")  # "the IRA's decision to carry out ..."
        return poss if poss is not None else h
    if v.dep_ == "acl" and v.tag_ == "VBG":
        return v.head
    return None


def span_chars(tokens: Iterable) -> tuple[int, int]:
    toks = list(tokens)
    return min(t.idx for t in toks), max(t.idx + len(t.text) for t in toks)


def subtree_span(tok) -> tuple[int, int]:
    return span_chars(tok.subtree)




def has_det(tok, words: set[str]) -> bool:
    return any(c.dep_ in ("det", "poss", "predet") and c.lower_ in words for c in tok.children)
