"""Who holds which title in an article, so a description finds the named person.

"the mayor said" names no one, but the article may: "Mayor Pascal Dembele",
"the mayor of Kindu, Jean-Paul Mwamba", "X, the army's spokesman". The index
lists, for every person entity, the titles written next to one of its
mentions (a title before the name, an apposition either side) and the
organisation the title ties them to ("a spokesman for ISAF"). A description
("the spokesman", "the country's Deputy PM", "a local mayor") resolves to the
one person holding that title, with the same organisation when one is given.

Titles only: "official", "officer" and "source" describe without naming a
post, so "a security official" stays anonymous.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Doc

# posts a single person holds, normalised; ranks count as titles ("the colonel said")
TITLES = {
    "spokesman": "spokesperson", "spokeswoman": "spokesperson", "spokesperson": "spokesperson",
    "mayor": "mayor", "governor": "governor", "minister": "minister", "president": "president",
    "premier": "premier", "chief": "chief", "commander": "commander", "director": "director",
    "ambassador": "ambassador", "envoy": "envoy", "chairman": "chairman", "chairwoman": "chairman",
    "chairperson": "chairman", "prefect": "prefect", "administrator": "administrator",
    "colonel": "colonel", "general": "general", "major": "major", "captain": "captain",
    "lieutenant": "lieutenant", "brigadier": "brigadier", "sergeant": "sergeant",
    "secretary": "secretary", "head": "head", "coordinator": "coordinator", "inspector": "inspector",
}
# abbreviations written before names ("Col. X", "Gov. Y", "the Deputy PM")
ABBREVIATIONS = {
    "pm": "minister", "gov": "governor", "col": "colonel", "gen": "general", "lt": "lieutenant",
    "capt": "captain", "maj": "major", "brig": "brigadier", "sgt": "sergeant", "cmdr": "commander",
    "pres": "president", "amb": "ambassador", "insp": "inspector", "supt": "inspector",
}
_NOT_TITLE_WORDS = {"the", "a", "an", "of", "for", "'s", "’s", ","}


def title_of(tok) -> str | None:
    """The normalised post a token names: 'spokeswoman' -> 'spokesperson',
    'PM' -> 'minister', 'press secretary' -> 'spokesperson'."""
    low = tok.lower_.rstrip(".")
    lemma = tok.lemma_.lower().rstrip(".")
    t = TITLES.get(lemma) or TITLES.get(low) or ABBREVIATIONS.get(low)
    if t == "secretary" and any(c.lower_ == "press" for c in tok.children):
        return "spokesperson"
    if t == "general" and tok.pos_ == "ADJ":
        return None  # "the general public"
    return t


@dataclass
class Holder:
    entity: int
    titles: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)  # every modifier written with a title ("deputy", "army")
    orgs: set[int] = field(default_factory=set)  # entities the title ties the person to


class TitleIndex:
    def __init__(self, doc: Doc, org_of):
        """``org_of(tok)`` gives the organisation entity a title token is tied
        to (its modifiers and prepositions), or None."""
        self.doc = doc
        self.holders: dict[int, Holder] = {}
        sdoc = doc.nlp
        for m in doc.mentions:
            if m.entity is None or doc.entities[m.entity].type != "PERSON":
                continue
            span = sdoc.char_span(m.span.start, m.span.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            h = self.holders.setdefault(m.entity, Holder(m.entity))
            root = span.root
            for t in _title_tokens(span, root):
                self._add(h, t, org_of)

    def _add(self, h: Holder, tok, org_of) -> None:
        t = title_of(tok)
        if t is None:
            return
        h.titles.add(t)
        h.words.update(w.lower_.rstrip(".") for w in tok.subtree if w.i != tok.i and w.lower_ not in _NOT_TITLE_WORDS and not w.is_punct)
        org = org_of(tok)
        if org is not None:
            h.orgs.add(org)

    def person(self, tok, org: int | None) -> int | None:
        """The one person holding the post ``tok`` names (tied to ``org`` when given)."""
        t = title_of(tok)
        if t is None:
            return None
        cands = [h for h in self.holders.values() if t in h.titles]
        if org is not None:
            cands = [h for h in cands if not h.orgs or org in h.orgs]
        if len(cands) > 1:
            mods = {w.lower_.rstrip(".") for w in tok.subtree if w.i < tok.i and w.lower_ not in _NOT_TITLE_WORDS and not w.is_punct}
            same = [h for h in cands if mods & h.words]
            cands = same if same else cands
        return cands[0].entity if len(cands) == 1 else None


def _title_tokens(span, root):
    """Title tokens written with a person's name: before it inside the noun
    phrase ("Deputy Prime Minister X", "army spokesman X", "Col. X"), or in
    apposition either side ("X, a spokesman for Y", "the mayor of Z, X")."""
    out = []
    doc = root.doc
    i = span.start - 1
    while i >= root.sent.start and (doc[i].pos_ in ("PROPN", "NOUN", "ADJ") or doc[i].text in (".",)) and span.start - i <= 5:
        if title_of(doc[i]) is not None:
            out.append(doc[i])
        i -= 1
    for c in root.children:
        if c.dep_ == "appos" and c.pos_ == "NOUN":
            out.append(c)
            out.extend(x for x in c.children if x.dep_ == "conj")
    if root.dep_ == "appos" and root.head.pos_ in ("NOUN", "PROPN"):
        out.append(root.head)
        h = root.head
        if h.dep_ == "pobj" and h.head.dep_ == "prep" and h.head.head.pos_ == "NOUN":
            out.append(h.head.head)  # "the mayor of Kidal, X": the parser hangs X on the town
    return out
