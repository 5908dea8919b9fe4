"""Who a claim's source is, and what kind of source.

Kinds (FORMAT.md): ``named_person``, ``named_org``, ``anonymous`` (a
description that names no one: "Middle Eastern security officials"),
``media`` (another outlet or "a report in the newspaper X"), ``author``.

Resolution, in order:
1. a source phrase whose head is a mention of an entity is that entity
   (its canonical name; a country acting as speaker is a ``named_org``);
2. pronouns ("he", "they", "it") take the most recent earlier source that
   agrees (a person for he/she; a group or plural description for they);
3. definite descriptions ("the source", "the officials", "the report", "the
   groups") take the most recent earlier source, or noun phrase, with the same
   head noun;
4. a description with an organisation head and a national modifier ("Egypt's
   general command for the armed forces", "the Sudanese army") is a named
   organisation; a media head is ``media`` and takes the outlet named inside it;
   anything else is ``anonymous`` and keeps the description as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Doc, Span
from ..gazetteer.actors import load_actors
from .lexicon import lexicon
from .quotes import find_quotes
from .titles import TitleIndex, title_of

_DETERMINER = re.compile(r"^(?:the|a|an|this|that|these|those|another|some|one)\s+", re.I)
PRONOUNS_PERSON = {"he", "she", "him", "her"}
PRONOUNS_PLURAL = {"they", "them", "we"}
FIRST_PERSON = {"i", "we", "me", "us"}
PRONOUNS_THING = {"it"}
DEMONSTRATIVE = {"the", "this", "that", "these", "those"}


@dataclass
class Source:
    text: str
    kind: str
    span: Span | None = None
    entity: int | None = None
    head: str = ""  # head noun lemma ("source", "official", "report")
    plural: bool = False
    resolved_from: str | None = None
    indefinite: bool = False


def head_chunk(tok):
    """The head token with its compound/flat name parts (the name, not the description)."""
    toks = [tok] + [c for c in tok.children if c.dep_ in ("compound", "flat") or (c.dep_ == "amod" and c.pos_ == "PROPN")]
    i = tok.i
    # hyphenated names: "al-Masri" is split into al - Masri
    left = min(t.i for t in toks)
    while left - 1 >= 0 and tok.doc[left - 1].text in ("-", "al", "Al", "el", "El") and tok.doc[left - 1].i >= tok.sent.start:
        left -= 1
    toks = [t for t in tok.doc[left : i + 1]] if left < i else toks
    return Span(min(t.idx for t in toks), max(t.idx + len(t) for t in toks))


def subtree_of(tok) -> Span:
    toks = list(tok.subtree)
    return Span(min(t.idx for t in toks), max(t.idx + len(t) for t in toks))


PERSON_NOUNS = {"official", "source", "resident", "inhabitant", "politician", "lawmaker", "officer", "witness", "doctor", "man", "woman", "commander", "spokesman", "spokeswoman", "spokesperson", "soldier", "fighter", "militant", "survivor", "villager", "farmer", "trader", "teacher", "nurse", "journalist", "activist", "leader", "chief", "aide", "diplomat", "analyst", "member", "worker", "medic", "relative", "elder", "student", "father", "mother", "cleric", "imam", "priest"}


def _one_person(src: "Source") -> bool:
    return src.kind == "anonymous" and not src.plural and src.head in PERSON_NOUNS


# nouns for a post, a body of people or a document that speak for an organisation when one is named with them
ROLE_NOUNS = {"official", "officer", "representative", "delegate", "delegation", "statement", "communique", "communiqué", "figure", "figures", "data", "tally", "count", "estimate", "release", "report", "message", "post", "video", "letter", "announcement", "bulletin", "update", "spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen"}

_VAGUE_MODIFIERS = {"armed", "main", "local", "powerful", "new", "small", "large", "major", "other", "same", "whole", "militant", "terrorist", "rival", "notorious", "so-called"}
_GENERIC_BODIES = {"agency", "group", "organisation", "organization", "ngo", "charity", "union", "party", "committee", "association", "body", "movement"}
_AMBIGUOUS_MEDIA = {"agency", "agencies", "network", "networks", "service", "services", "station", "stations"}

STATEMENT_ANAPHORS = {"statement", "communique", "communiqué", "post", "message", "letter", "video", "announcement", "release"}

ORG_ANAPHORS = {"group", "network", "organisation", "organization", "movement", "coalition", "alliance", "militia", "committee", "agency", "body", "party", "army", "force", "ministry", "government", "council", "office", "outfit", "faction", "company", "union", "charity", "observatory", "monitor"}


_CREDIT = re.compile(r"\(([A-Z][\w.&' -]{0,40}(?:/[A-Z][\w.&' -]{0,40})*)\)")


_ISSUER = re.compile(r"^\s*(?:Joint\s+)?(?:Statement|Remarks|Press\s+[Rr]elease|Press\s+[Ss]tatement|Message|Readout|Communiqu[eé])\s+(?:by|from|of)\s+(?:the\s+)?([^,:;(]+?)(?:\s+(?:on|at|in|regarding|concerning|following|about)\b|[,:;(]|$)", re.I)


def author_name(doc: Doc) -> str:
    """Who speaks when the article speaks for itself: the byline, else the
    outlet, else the news agency the text credits ("BAMAKO, May 2 (Reuters) -",
    a closing "(AFP)", "Source: Xinhua"), else the agency its sources talked
    to ("a witness told AFP", "an AFP correspondent"); "author" when none."""
    art = doc.article
    if art.author or art.outlet:
        return re.split(r"\s*\|\s*", art.author or art.outlet or "")[0]  # "Xinhua| 2018-08-27|Editor: ..."
    text = doc.text
    # a statement's own heading: "Statement by the Secretary-General on ...", "Remarks by X at ..."
    title = (art.title or text.split("\n", 1)[0])[:200]
    m = _ISSUER.match(title)
    if m:
        start = text.find(title) + m.start(1) if text.find(title) >= 0 else -1
        inside = [doc.entities[mm.entity] for mm in doc.mentions if mm.entity is not None and start <= mm.span.start < start + len(m.group(1))]
        issuer = m.group(1).strip()
        inside += [e for e in doc.entities if e.type == "PERSON" and e.name in issuer]
        for typ in ("PERSON", "ORG"):  # "Statement by Secretary of Defense Ash Carter": the person
            named = [e for e in inside if e.type == typ]
            if named:
                return max(named, key=lambda e: len(e.name)).name
        return issuer
    outlets = {i for i, e in enumerate(doc.entities) if e.kind == "outlet"}
    head_end, tail_start = min(len(text), 600), max(0, len(text) - 200)
    credited: list[int] = []
    for m in doc.mentions:
        if m.entity not in outlets:
            continue
        before = text[max(0, m.span.start - 12) : m.span.start]
        after = text[m.span.end : m.span.end + 12]
        near_edge = m.span.start < head_end or m.span.start >= tail_start
        in_credit = near_edge and (re.search(r"\(\s*[\w/ ]*$", before) and re.match(r"[\w/ ]*\)", after))
        source_line = re.search(r"(?:^|\n)\s*(?:Source|By)\s*:?\s*$", text[max(0, m.span.start - 20) : m.span.start])
        if in_credit or (m.span.start < head_end and source_line):
            credited.append(m.entity)
    if credited:
        return doc.entities[credited[0]].name
    told: dict[int, int] = {}
    for m in doc.mentions:
        if m.entity in outlets:
            before = text[max(0, m.span.start - 30) : m.span.start].lower()
            after = text[m.span.end : m.span.end + 20].lower()
            if re.search(r"\b(?:told|to|an?|the)\s*$", before) and (before.rstrip().endswith("told") or re.match(r"\s*(?:correspondent|reporter|journalist|photographer|tally|count)", after)):
                told[m.entity] = told.get(m.entity, 0) + 1
    if told:
        return doc.entities[max(told, key=told.get)].name
    return "author"


_SELF_PRESENTING = {"present", "identify", "introduce", "describe", "call", "name", "announce", "style", "bill"}
_REFLEXIVES = {"himself", "herself", "themselves", "itself", "oneself"}


def _self_presented(tok):
    """'a man who identified himself as Colonel X', 'a woman describing herself as
    the group's spokeswoman': the head of what the speaker says they are, else None."""
    for c in tok.children:
        if c.dep_ not in ("relcl", "acl") or c.i < tok.i or c.lemma_.lower() not in _SELF_PRESENTING:
            continue
        if not any(d.dep_ == "dobj" and d.lower_ in _REFLEXIVES for d in c.children):
            continue
        for prep in c.children:
            if prep.dep_ == "prep" and prep.lower_ == "as":
                for o in prep.children:
                    if o.dep_ == "pobj" and o.pos_ in ("NOUN", "PROPN"):
                        return o
    return None


_PARTITIVES = {"one", "two", "three", "four", "five", "several", "some", "many", "most", "few", "all", "both", "none", "each"}


def _part_of_pronoun(tok):
    """'two of them', 'some of those': the plural pronoun the speakers are part of."""
    if tok.lower_ not in _PARTITIVES and tok.pos_ != "NUM":
        return None
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i > tok.i:
            for o in prep.children:
                if o.dep_ == "pobj" and o.lower_ in ("them", "those", "these"):
                    return o
    return None


class SourceResolver:
    """Resolves claim sources in document order, remembering earlier ones."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.lex = lexicon()
        self.history: list[tuple[int, Source]] = []
        self._inner: set[int] = set()  # history entries that speak inside another claim
        self._author: str | None = None
        self._titles: TitleIndex | None = None
        self._quote_spans = None
        self._chunks: dict[str, list] | None = None  # noun chunks by the lemma of their head

    def remember(self, pos: int, src: Source, inner: bool = False) -> None:
        """``inner``: the claim is reported inside another claim's content; its
        source is less salient for a later pronoun than the speakers around it."""
        if inner:
            self._inner.add(len(self.history))
        self.history.append((pos, src))

    def salient(self) -> list[tuple[int, Source]]:
        """Earlier sources, latest first, the speakers of inner claims last."""
        order = list(reversed(range(len(self.history))))
        return [self.history[i] for i in order if i not in self._inner] + [self.history[i] for i in order if i in self._inner]

    def author(self) -> Source:
        if self._author is None:
            self._author = author_name(self.doc)
        return Source(self._author, "author", head="author")

    def from_entity(self, idx: int, span: Span | None) -> Source:
        ent = self.doc.entities[idx]
        person = self._person_named(idx)
        if person is not None:
            longer = max((ent, self.doc.entities[person]), key=lambda e: len(e.name))
            return Source(longer.name, "named_person", span, person, head=longer.name.lower())
        if ent.type == "PERSON":
            kind = "named_person"
        elif ent.kind == "outlet":
            kind = "media"
        else:
            kind = "named_org"
        return Source(ent.name, kind, span, idx, head=ent.name.lower(), plural=False)

    def resolve(self, sdoc, head_i: int | None, phrase: Span | None, pos: int, text: str | None = None) -> Source:
        """The source of a claim whose source phrase is ``phrase`` headed by token
        ``head_i`` (None: the author). ``text`` replaces the phrase's words for
        one of several coordinated speakers ("medical officials" of "security
        and medical officials")."""
        if head_i is None or phrase is None:
            return self.author()
        tok = sdoc[head_i]
        low = tok.lower_
        part = _part_of_pronoun(tok)
        if part is not None and text is None:
            # "two of them said": some of the group the pronoun points back at
            src = self._pronoun("they", pos, part)
            if src.resolved_from is not None:
                return self._copy(src, self.doc.span_text(phrase))
        if tok.pos_ == "PRON" or low in PRONOUNS_PERSON | PRONOUNS_PLURAL | PRONOUNS_THING:
            return self._pronoun(low, pos, tok)
        presented = _self_presented(tok)
        if presented is not None and text is None:
            # "a man who presented himself as a spokesman for X": the one he says he is
            src = self.resolve(sdoc, presented.i, self._phrase(presented), pos)
            src.resolved_from = src.resolved_from or self.doc.span_text(phrase)
            return src
        ent = self._entity_at_head(tok)
        if ent is None:
            # "The governor of North Kivu, Peter Cirimwami, told ...": the named apposition
            for ap in (c for c in tok.subtree if c.dep_ == "appos"):
                ent = self._entity_at_head(ap)
                if ent is not None and self.doc.entities[ent].type == "PERSON":
                    break
                ent = None
        if ent is not None:
            return self.from_entity(ent, phrase)
        return self._description(tok, phrase, text)

    def _entity_at_head(self, tok) -> int | None:
        hc = head_chunk(tok)
        best = self.doc.entity_at(hc)
        if best is None:
            return None
        # the mention must cover the head word itself, not a modifier ("Gaza" in "sources in Gaza")
        for m in self.doc.mentions:
            if m.entity == best and m.span.start <= tok.idx < m.span.end:
                return best
        return None

    def _pronoun(self, low: str, pos: int, tok=None) -> Source:
        if low in FIRST_PERSON and tok is not None and not any(q.inner.start <= tok.idx < q.inner.end for q in self._quotes()):
            # "We welcome the agreement", "I condemn ...": outside quotation marks, the text's own voice
            src = self.author()
            src.resolved_from = tok.text
            return src
        want_person = low in PRONOUNS_PERSON
        want_plural = low in PRONOUNS_PLURAL
        if want_plural and tok is not None:
            near = self._plural_subject_before(tok)
            if near is not None:
                return near
        if want_person:
            person = self._last_person_before(pos)
            # the latest speaker who can be "he": a named person, or one person described ("a local politician")
            last_claim = next(((p, s) for p, s in self.salient() if s.kind == "named_person" or _one_person(s)), (-1, None))
            if person is not None and person[1] > last_claim[0]:
                return Source(self.doc.entities[person[0]].name, "named_person", None, person[0], resolved_from=low)
            if last_claim[1] is not None:
                return self._copy(last_claim[1], low)
        for _, src in self.salient():
            if src.kind == "author":
                continue
            if want_plural and (src.plural or src.kind in ("named_org", "anonymous", "media")) and src.kind != "named_person":
                return self._copy(src, low)
            if low == "it" and src.kind in ("named_org", "media"):
                return self._copy(src, low)
        return Source(low, "anonymous", head=low, plural=want_plural, resolved_from=None)

    def _plural_subject_before(self, tok) -> Source | None:
        """'masked militiamen ... posted a video in which they declared': the plural
        subject earlier in the same sentence."""
        for t in reversed(list(tok.sent)):
            if t.i >= tok.i or t.dep_ not in ("nsubj", "nsubjpass", "dobj", "conj", "appos") or t.pos_ not in ("NOUN", "PROPN"):
                continue
            cue = tok.head
            if cue.dep_ == "parataxis" and cue.head == t.head:
                continue  # "Hamas, they say, seems ...": Hamas is what they say about
            if t.tag_ in ("NNS", "NNPS"):
                return self.resolve(tok.doc, t.i, self._phrase(t), t.idx)
        return None

    def _phrase_no_conj(self, tok) -> Span:
        toks = [t for t in tok.subtree if not any(c.dep_ in ("conj", "cc") and t in set(c.subtree) | {c} for c in tok.children)]
        toks = [t for t in toks if not t.is_punct and t.dep_ not in ("det",)]
        return Span(min(t.idx for t in toks), max(t.idx + len(t) for t in toks)) if toks else Span(tok.idx, tok.idx + len(tok))

    def _phrase(self, tok) -> Span:
        from .detect import source_phrase

        return source_phrase(tok)

    def _last_person_before(self, pos: int) -> tuple[int, int] | None:
        """The latest PERSON mention before ``pos`` that is a clause subject: (entity, position)."""
        best = None
        sdoc = self.doc.nlp
        for m in self.doc.mentions:
            if m.span.end > pos or m.entity is None or self.doc.entities[m.entity].type != "PERSON":
                continue
            if self.doc.article.author and self.doc.entities[m.entity].name == self.doc.article.author:
                continue
            span = sdoc.char_span(m.span.start, m.span.end, alignment_mode="expand")
            if span is None or not any(t.dep_ in ("nsubj", "nsubjpass") or (t.dep_ == "appos" and t.head.dep_ == "nsubj") for t in span):
                continue
            best = (m.entity, m.span.start)
        return best

    @staticmethod
    def _copy(src: Source, low: str) -> Source:
        return Source(src.text, src.kind, src.span, src.entity, src.head, src.plural, resolved_from=low)

    def _description(self, tok, phrase: Span, text: str | None = None) -> Source:
        text = _DETERMINER.sub("", text or self.doc.span_text(phrase))  # "the source" speaks as "source"
        lemma = tok.lemma_.lower()
        low = tok.lower_
        plural = tok.tag_ in ("NNS", "NNPS")
        det = [c.lower_ for c in tok.children if c.dep_ in ("det", "poss")]
        definite = bool(det) and det[0] in DEMONSTRATIVE
        mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod", "poss", "prep")]
        # "the mayor", "the country's Deputy PM", "a local mayor": the one person the article gives that post
        holder = self.titles.person(tok, self._org_of(tok)) if not plural else None
        if holder is not None:
            src = self.from_entity(holder, phrase)
            src.resolved_from = text
            return src
        # "a spokesman for ISAF", "UN officials", "a MINUSCA statement": a role of a named organisation
        if lemma in ROLE_NOUNS or lemma in ORG_ANAPHORS or title_of(tok) is not None:
            # ... or the group itself described: "the Islamic Jihad militant group" (a known actor)
            anaphor = lemma in ORG_ANAPHORS and lemma not in ROLE_NOUNS and title_of(tok) is None
            org = self._org_of(tok, names_only=anaphor)
            if org is not None and anaphor and self.doc.entities[org].kind is None:
                org = None
            if org is not None:
                src = self.from_entity(org, phrase)
                src.resolved_from, src.head = text, lemma
                return src
        # "the armed opposition faction": the one organisation whose name says what the description says
        if lemma in ORG_ANAPHORS and not plural:
            named = self._org_named_by(tok)
            if named is not None:
                src = self.from_entity(named, phrase)
                src.resolved_from, src.head = text, lemma
                return src
        # "the source", "the officials", "the report": anaphora to an earlier source
        if definite and len([m for m in mods if m.dep_ != "prep"]) <= 1:
            prev = self._same_head(tok, text, phrase.start)
            if prev is not None:
                return prev if prev.resolved_from else self._copy(prev, text)
        if self._media_head(tok) and not self._speaker_modifier(tok):
            if definite:
                prev = next((src for _, src in reversed(self.history) if src.kind == "media"), None)
                if prev is not None:
                    return self._copy(prev, text)
            outlet = self._entity_inside(phrase, ("ORG",))
            if outlet is not None:
                s = self.from_entity(outlet, phrase)
                kind = self.doc.entities[outlet].kind
                s.kind = "media" if kind in (None, "outlet", "company") else "named_org"
                s.head = lemma
                return s
            if definite:
                prev = self._same_head(tok, text, phrase.start, kinds=("media",))
                if prev is not None:
                    return self._copy(prev, text)
            return Source(text, "media", phrase, head=lemma, plural=plural)
        banner = self._banner_of(tok)
        if banner is not None:
            return self.from_entity(banner, phrase)
        if plural and lemma in _GENERIC_BODIES and not any(c.pos_ == "PROPN" or c.ent_type_ in ("NORP", "GPE", "ORG") for c in tok.children):
            return Source(text, "anonymous", phrase, head=lemma, plural=True)  # "aid agencies", "rights groups"
        if (lemma in self.lex.org_heads or low in self.lex.org_heads) and low not in self.lex.anonymous_heads:
            return Source(text, "named_org", phrase, head=lemma)  # ("authorities" say who they are no more than "officials")
        if tok.pos_ == "PROPN" and low not in self.lex.anonymous_heads:
            kind = "named_person" if tok.ent_type_ == "PERSON" else "named_org"
            return Source(text, kind, phrase, head=lemma)
        indefinite = bool(det) and det[0] in ("a", "an", "one", "some")
        return Source(text, "anonymous", phrase, head=lemma, plural=plural, indefinite=indefinite)

    def _quotes(self):
        if self._quote_spans is None:
            self._quote_spans = find_quotes(self.doc.text)
        return self._quote_spans

    def _person_named(self, idx: int) -> int | None:
        """An organisation the recogniser made of a person's name ("said
        Okonta" beside "Felix Okonta"): a name with no gazetteer kind that
        ends like a person's name of the same article is that person."""
        ent = self.doc.entities[idx]
        if ent.type != "ORG" or ent.kind is not None:
            return None
        last = ent.name.split()[-1:]
        for j, p in enumerate(self.doc.entities):
            if j != idx and p.type == "PERSON" and p.name.split()[-1:] == last:
                return j
        return None

    @property
    def titles(self) -> TitleIndex:
        if self._titles is None:
            self._titles = TitleIndex(self.doc, self._org_of)
        return self._titles

    def _org_of(self, tok, names_only: bool = False) -> int | None:
        """The organisation entity a role noun is tied to: 'UN officials', 'an
        army spokesman', 'a spokesman for ISAF', 'the group's statement'
        (``names_only``: by a proper name only, 'the Islamic Jihad militant group'
        but not 'the military government')."""
        for c in tok.children:
            if names_only and c.pos_ != "PROPN":
                continue
            if c.dep_ in ("compound", "amod", "nmod", "poss") and c.i < tok.i:
                ent = self._org_entity_at(c, within=subtree_of(c) if names_only else None)
                if ent is not None:
                    return ent
            elif c.dep_ == "prep" and c.lower_ in ("for", "of", "at", "from", "with") and c.i > tok.i:
                for p in c.children:
                    if p.dep_ == "pobj":
                        ent = self._org_entity_at(p)
                        if ent is not None:
                            return ent
        return None

    def _org_entity_at(self, t, within: Span | None = None) -> int | None:
        """An organisation entity named by ``t`` (or its own modifiers): a
        mention there, or the article's one organisation called by that
        institution noun ("army" -> "Somali army"). "government" alone is too
        vague ("government officials" stay anonymous)."""
        for x in [t] + [c for c in t.children if c.dep_ in ("compound", "amod", "poss")]:
            for m in self.doc.mentions:
                if m.entity is not None and m.span.start <= x.idx < m.span.end and (within is None or within.contains(m.span)):
                    e = self.doc.entities[m.entity]
                    if e.type == "ORG" and e.kind != "outlet":
                        return m.entity
        lemma = t.lemma_.lower()
        if t.pos_ == "NOUN" and lemma in self.lex.org_heads and lemma not in ("government", "authorities", "authority"):
            hits = [i for i, e in enumerate(self.doc.entities) if e.type == "ORG" and e.kind != "outlet"
                    and any(f.lower().split()[-1:] == [lemma] for f in e.forms())]
            if len(hits) == 1:
                return hits[0]
        return None

    def _org_named_by(self, tok) -> int | None:
        """'the armed opposition faction' -> the article's one organisation with
        'Opposition' in its name; demonyms and 'armed' say nothing."""
        words = {c.lemma_.lower() for c in tok.children if c.dep_ in ("amod", "compound") and c.i < tok.i
                 and c.ent_type_ not in ("NORP", "GPE") and c.lower_ not in _VAGUE_MODIFIERS and c.pos_ in ("NOUN", "ADJ")}
        if not words:
            return None
        hits = []
        own = subtree_of(tok)
        for i, e in enumerate(self.doc.entities):
            if e.type != "ORG" or e.kind == "outlet":
                continue
            if any(self.doc.mentions[m].span.overlaps(own) for m in e.mentions):
                continue  # the recogniser's own reading of these words ("Myanmar's military" in "Myanmar's military government")
            forms = list(e.forms())
            actor = load_actors().get(e.kb_id) if e.kb_id else None
            if actor is not None:
                forms += list(actor.forms())  # the long name the article may not spell out
            names = {w for f in forms for w in re.findall(r"[a-z]+", f.lower())}
            if words <= names:
                hits.append(i)
        return hits[0] if len(hits) == 1 else None

    def _media_head(self, tok) -> bool:
        """'the newspaper', 'state media', 'a news agency'; an 'agency', 'network'
        or 'service' is an outlet only as 'news agency', 'wire service' ('aid
        agencies', 'the intelligence service' are not)."""
        lemma, low = tok.lemma_.lower(), tok.lower_
        if lemma in _AMBIGUOUS_MEDIA or low in _AMBIGUOUS_MEDIA:
            return any(c.lower_ in ("news", "press", "wire", "media", "broadcasting", "television", "tv", "radio") for c in tok.children if c.i < tok.i)
        return low in self.lex.media_heads or lemma in self.lex.media_heads

    def _speaker_modifier(self, tok) -> bool:
        """'witness reports', 'police reports': the reports of people, not of an outlet."""
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "nmod") and c.i < tok.i:
                if c.lemma_.lower() in PERSON_NOUNS or c.lower_ in self.lex.anonymous_heads or c.lemma_.lower() in self.lex.org_heads:
                    return True
        return False

    def _banner_of(self, tok) -> int | None:
        """'Salafists under the banner of the Omar Brigades': the named group speaks."""
        for t in tok.subtree:
            if t.lower_ in ("banner", "behalf", "name") and t.head.lower_ in ("under", "on", "in"):
                for pobj in t.children:
                    if pobj.lower_ == "of":
                        for o in pobj.children:
                            ent = self._entity_at_head(o)
                            if ent is not None and self.doc.entities[ent].type == "ORG":
                                return ent
        return None

    def _chunk_with_head(self, tok, pos: int) -> "Source | None":
        """An earlier noun phrase with the same head that names its owner ("Mali's
        military-dominated government" for a later "the government")."""
        lemma = tok.lemma_.lower()
        for chunk in reversed(self._chunks_headed(lemma)):
            if chunk.end_char > pos or chunk.root.i == tok.i:
                continue
            if any(t.dep_ in ("poss", "amod", "compound") and (t.ent_type_ in ("GPE", "NORP", "ORG") or self.doc.entity_at(Span(t.idx, t.idx + len(t))) is not None) for t in chunk.root.children):
                words = [t for t in chunk if t.dep_ != "det"]
                sp = Span(words[0].idx, chunk.end_char)
                return Source(self.doc.span_text(sp), "named_org", sp, head=lemma, resolved_from=self.doc.span_text(Span(tok.idx, tok.idx + len(tok))))
        return None

    def _chunks_headed(self, lemma: str) -> list:
        """The article's noun chunks whose head has ``lemma``, in text order (the parse's
        noun chunks are listed once, not once per pronoun resolved)."""
        if self._chunks is None:
            self._chunks = {}
            for chunk in self.doc.nlp.noun_chunks:
                self._chunks.setdefault(chunk.root.lemma_.lower(), []).append(chunk)
        return self._chunks.get(lemma, [])

    def _last_org_before(self, pos: int) -> int | None:
        best = None
        for m in self.doc.mentions:
            if m.entity is not None and m.span.end <= pos and self.doc.entities[m.entity].type == "ORG":
                best = m.entity if best is None or m.span.start >= self._pos_of(best) else best
        return best

    def _pos_of(self, ent: int) -> int:
        return max((self.doc.mentions[m].span.start for m in self.doc.entities[ent].mentions), default=-1)

    def _entity_inside(self, phrase: Span, types: tuple[str, ...]) -> int | None:
        for m in self.doc.mentions:
            if m.entity is not None and phrase.contains(m.span) and self.doc.entities[m.entity].type in types:
                return m.entity
        return None

    def _same_head(self, tok, text: str, pos: int, kinds=None) -> Source | None:
        lemma, low = tok.lemma_.lower(), tok.lower_
        for _, src in reversed(self.history):
            if kinds and src.kind not in kinds:
                continue
            if src.head and (src.head in (lemma, low) or src.head.rstrip("s") == lemma.rstrip("s")):
                return src
        # "the statement said": whoever made the latest statement
        if lemma in STATEMENT_ANAPHORS:
            for _, src in reversed(self.history):
                if src.kind in ("named_org", "named_person", "media"):
                    return self._copy(src, text)
        # "the group", "the network": the latest named organisation spoken of
        if lemma in ORG_ANAPHORS and not tok.tag_.endswith("S"):
            same = self._chunk_with_head(tok, pos)
            if same is not None:
                return same
            for _, src in reversed(self.history):
                if src.kind == "named_org":
                    return self._copy(src, text)
            org = self._last_org_before(pos)
            if org is not None:
                return Source(self.doc.entities[org].name, "named_org", None, org, resolved_from=text)
        # no earlier claim with that head: an earlier noun phrase with it ("the groups")
        for chunk in reversed(self._chunks_headed(lemma)):
            if chunk.end_char > pos or chunk.root.i == tok.i:
                continue
            ent = self._entity_at_head(chunk.root)
            if ent is not None:
                return Source(self.doc.entities[ent].name, "named_org" if self.doc.entities[ent].type != "PERSON" else "named_person", None, ent, resolved_from=text)
            words = [t for t in chunk if t.dep_ != "det"]
            if len(words) >= 2:
                sp = Span(words[0].idx, chunk.end_char)
                return Source(self.doc.span_text(sp), "anonymous", sp, head=lemma, plural=chunk.root.tag_ == "NNS", resolved_from=text)
        return None
