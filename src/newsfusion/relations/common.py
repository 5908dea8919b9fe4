"""What the relation patterns share: word lists, the token-to-entity index, small helpers."""

from __future__ import annotations

from ..model import Doc, Span
from ..parsing import conjuncts, token_indices

ROLE_PREDICATE = {
    "spokesman": "spokesperson_of", "spokeswoman": "spokesperson_of", "spokesperson": "spokesperson_of",
    "leader": "leader_of", "head": "leader_of", "chief": "leader_of", "commander": "member_of", "founder": "leader_of",
    "emir": "leader_of", "chairman": "leader_of", "ringleader": "leader_of", "boss": "leader_of",
    "member": "member_of", "fighter": "member_of", "militant": "member_of", "aide": "member_of", "adviser": "member_of",
    "advisor": "member_of", "deputy": "member_of", "official": "member_of", "operative": "member_of", "officer": "member_of",
    "soldier": "member_of", "activist": "member_of", "loyalist": "member_of", "recruit": "member_of",
}
ORG_ANAPHORS = {"group", "movement", "militia", "organisation", "organization", "faction", "network", "outfit", "rebels", "insurgents", "jihadists", "militants"}
UNIT_NOUNS = {"wing", "arm", "branch", "unit", "division", "faction", "offshoot", "bureau", "office", "cell", "battalion", "brigade", "province", "department", "ministry", "agency", "media"}
ALLY_LEMMAS = {"ally", "link", "affiliate", "tie", "align", "associate", "connect", "loyal"}
HOSTILE_VERBS = {"declare": "war", "wage": "war"}
NON_CLASSIFYING = {"rival", "other", "various", "several", "many", "some", "new", "old", "former", "small", "large", "big", "main", "major", "minor", "certain", "different", "numerous", "few", "such", "dozens", "most", "local", "both", "all", "more", "fellow"}
GROUP_NOUNS = {"group", "groups", "faction", "factions", "organization", "organizations", "organisation", "organisations", "movement", "militia", "militias", "network", "cell", "cells", "outfit", "brigade", "brigades"}
SETTLEMENT_NOUNS = {"city", "town", "village", "capital", "province", "region", "district", "state", "governorate", "port", "area", "oasis", "suburb", "neighbourhood", "neighborhood", "camp"}


def latest_org_before(ctx: "Ctx", pos: int, kinds=("armed_group", "militia", None)) -> int | None:
    """The organisation an article last named before ``pos``: what "the group" refers to."""
    best, best_pos = None, -1
    for m in ctx.doc.mentions:
        if m.entity is None or m.span.end > pos or ctx.doc.entities[m.entity].type != "ORG":
            continue
        if ctx.doc.entities[m.entity].kind not in kinds:
            continue
        if m.span.start > best_pos:
            best, best_pos = m.entity, m.span.start
    return best


class Ctx:
    """What the patterns share: the doc, entity look-ups by token."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.sdoc = doc.nlp
        self.tok_ent: dict[int, int] = {}
        for m in doc.mentions:
            if m.entity is not None:
                for i in token_indices(self.sdoc, m.span):
                    self.tok_ent.setdefault(i, m.entity)

    def ent(self, tok) -> int | None:
        return self.tok_ent.get(tok.i)

    def name(self, idx: int) -> str:
        return self.doc.entities[idx].name

    def type(self, idx: int) -> str:
        return self.doc.entities[idx].type

    def ent_in(self, tok, types=("ORG", "PERSON", "LOCATION")) -> int | None:
        """The entity a phrase names: its head, else a compound/possessive inside it."""
        e = self.ent(tok)
        if e is not None and self.type(e) in types:
            return e
        # the name in the phrase before its owner: "Lebanon's Iran-backed Hezbollah group" is Hezbollah
        mods = sorted((c for c in tok.children if c.dep_ in ("compound", "poss", "nmod", "amod") and c.i < tok.i), key=lambda c: c.dep_ == "poss")
        for c in mods:
            e = self.ent(c)
            if e is not None and self.type(e) in types:
                return e
        return None

    def span(self, toks) -> Span:
        toks = list(toks)
        return Span(min(t.idx for t in toks), max(t.idx + len(t) for t in toks))

    def sentence_span(self, tok) -> Span:
        return Span(tok.sent.start_char, tok.sent.end_char)


def describe(tok) -> str:
    """A short description of an unnamed group: the classifying words before the head
    ('rival Salafist groups' -> 'Salafist groups', 'masked militiamen')."""
    words = [tok.text]
    i = tok.i - 1
    while i >= tok.sent.start:
        t = tok.doc[i]
        if t.is_punct or t.pos_ in ("DET", "PRON", "ADP", "NUM", "CCONJ") or t.lower_ in NON_CLASSIFYING or t.like_num:
            break
        if t.pos_ not in ("ADJ", "NOUN", "PROPN", "VERB") or (t.pos_ == "VERB" and t.tag_ not in ("VBN", "VBD")):
            break
        words.insert(0, t.text)
        i -= 1
        if i - 1 >= tok.sent.start and tok.doc[i].text == "-" and not tok.doc[i].whitespace_:
            words.insert(0, tok.doc[i - 1].text + "-")  # "Gaza-based"
            words[0:2] = [words[0] + words[1]]
            i -= 2
    return " ".join(words)




def objects(ctx: Ctx, prep, types=("ORG", "PERSON", "LOCATION"), head_only: bool = False) -> list[int]:
    """Entities a preposition's objects name ('to Al-Qaeda and ISIS'); with ``head_only``
    'with ISIS ideology' names none (ISIS only modifies the noun)."""
    out = []
    for pobj in (c for c in prep.children if c.dep_ == "pobj"):
        for t in conjuncts(pobj):
            e = ctx.ent(t) if head_only else ctx.ent_in(t, types)
            if e is not None and ctx.type(e) not in types:
                e = None
            if e is not None and e not in out:
                out.append(e)
    return out
