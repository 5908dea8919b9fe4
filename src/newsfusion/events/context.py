"""What the event rules need to know about one article, computed once.

:class:`DocContext` joins the spaCy parse (``Doc.nlp``) with the entity
mentions the entities stage found (``Doc.mentions``): which entity a token
belongs to, its type, the paragraph and sentence it sits in, and the article's
dominant place.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..model import Doc, Span
from .lexicon import Lexicon, load_lexicon

# spaCy labels that stand for an entity type, used when no mention covers a token.
_SPACY_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "NORP": "ORG", "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "LOCATION"}
_PARA_BREAK = re.compile(r"\n\s*\n")
_STOP = {"the", "of", "al", "el"}


def _name_words(name: str) -> list[str]:
    return [w for w in re.findall(r"[\w']+", name.lower()) if w not in _STOP]


_YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})(?:s|'s)?\b")  # "1994", "the 1990s"
# "NAIROBI:", "GOMA, Democratic Republic of Congo, May 2 (Reuters) -", "Kherson, Ukraine -"
_DATELINE = re.compile(r"(?:[A-Z][\w'’.]*(?:[ ,]+[\w'’.]+){0,9}?\s*)?(?:\([A-Za-z .]+\))?\s*(?::\s|\s[-–—]+\s|(?<=\))\s*[-–—]+\s*)")


def _place_like(head: str) -> bool:
    """A dateline is names and dates ("Kherson, Ukraine", "GOMA, ..., May 2 (Reuters)"),
    not the start of a sentence that happens to hold a dash."""
    if "(" in head:
        return True
    words = re.findall(r"[\w'’.]+", head)
    return bool(words) and all(w[0].isupper() or w[0].isdigit() or w in ("of", "de", "du", "al", "el", "la") for w in words)


@dataclass
class DocContext:
    """The parse, the mentions and a few article-level facts, indexed by token."""

    doc: Doc
    sdoc: Any
    lex: Lexicon
    tok_mention: dict[int, int] = field(default_factory=dict)
    para_starts: list[int] = field(default_factory=list)
    year: int | None = None
    dateline: Span | None = None  # "NAIROBI:" before the first sentence: where the report was filed
    _lede: int | None = field(default=None, repr=False)  # is_lede's answer, found once
    _sent_starts: list[int] | None = field(default=None, repr=False)
    _time_starts: tuple | None = field(default=None, repr=False)
    _named: tuple | None = field(default=None, repr=False)
    _dominant: tuple | None = field(default=None, repr=False)

    @classmethod
    def build(cls, doc: Doc, lex: Lexicon | None = None) -> "DocContext":
        ctx = cls(doc, doc.nlp, lex or load_lexicon())
        ctx._index_mentions()
        ctx.para_starts = [0] + [m.end() for m in _PARA_BREAK.finditer(doc.text)]
        pub = doc.article.published or ""
        ctx.year = int(pub[:4]) if pub[:4].isdigit() else None
        ctx.dateline = ctx._find_dateline()
        return ctx

    def _find_dateline(self) -> Span | None:
        """The dateline of the first body paragraph, if any: the place the report was filed
        from, rarely the place of the event."""
        text = self.doc.text
        for start in self.para_starts[:3]:
            para = text[start:start + 120]
            lead = len(para) - len(para.lstrip())
            m = _DATELINE.match(para[lead:])
            if m and _place_like(m.group(0)) and not self.is_title(self.sent_index_at(start + lead)):
                return Span(start + lead, start + lead + m.end())
        return None

    def arg_span(self, a):
        """The parse's span of an argument's phrase (None when it has no span or none aligns)."""
        if a.span is None:
            return None
        return self.sdoc.char_span(a.span.start, a.span.end, alignment_mode="expand")

    def sent_index_at(self, char: int) -> int:
        """Index of the sentence holding character ``char`` (the last one when none does);
        a binary search, as it is asked once per token of interest."""
        sents = self.doc.sentences
        if self._sent_starts is None or len(self._sent_starts) != len(sents):
            self._sent_starts = [s.start for s in sents]
        i = bisect_right(self._sent_starts, char) - 1
        if 0 <= i < len(sents) and sents[i].start <= char < sents[i].end:
            return i
        for j, s in enumerate(sents):  # sentences that overlap or leave gaps: the first that holds it
            if s.start <= char < s.end:
                return j
        return max(0, len(sents) - 1)

    def in_dateline(self, tok) -> bool:
        return self.dateline is not None and self.dateline.start <= tok.idx < self.dateline.end

    def _index_mentions(self) -> None:
        best: dict[int, tuple[int, int]] = {}
        for mi, m in enumerate(self.doc.mentions):
            span = self.sdoc.char_span(m.span.start, m.span.end, alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                size = m.span.end - m.span.start
                if t.i not in best or size > best[t.i][1]:
                    best[t.i] = (mi, size)
        self.tok_mention = {i: mi for i, (mi, _) in best.items()}

    # --- tokens and entities -------------------------------------------------
    def mention_of(self, tok) -> int | None:
        return self.tok_mention.get(tok.i)

    def entity_of(self, tok) -> int | None:
        mi = self.tok_mention.get(tok.i)
        return None if mi is None else self.doc.mentions[mi].entity

    def etype(self, tok) -> str | None:
        """PERSON, ORG or LOCATION for a token inside a named entity, else None."""
        mi = self.tok_mention.get(tok.i)
        if mi is not None:
            return self.doc.mentions[mi].type
        return _SPACY_TYPES.get(tok.ent_type_)

    def is_demonym(self, tok) -> bool:
        """An adjective of nationality or creed ("Egyptian", "Israeli"): names no actor by itself."""
        if tok.ent_type_ == "NORP" and (tok.pos_ == "ADJ" or tok.tag_ == "JJ" or tok.dep_ in ("amod",)):
            return True
        return tok.tag_ == "JJ" and self.etype(tok) is not None

    def mention_span(self, tok) -> Span | None:
        mi = self.tok_mention.get(tok.i)
        return None if mi is None else self.doc.mentions[mi].span

    # --- positions -----------------------------------------------------------
    def para_of(self, char: int) -> int:
        """Index of the paragraph (blank-line separated) holding character ``char``."""
        return max(0, bisect_right(self.para_starts, char) - 1)

    def sent_tokens(self, tok) -> list:
        """The tokens of ``tok``'s sentence that lie in its paragraph (the parser may run a
        byline or a previous paragraph into the sentence)."""
        para = self.para_of(tok.idx)
        sent = tok.sent
        memo = self.__dict__.setdefault("_sent_tokens", {})
        key = (sent.start, sent.end, para)
        got = memo.get(key)
        if got is None:
            got = memo[key] = [t for t in sent if self.para_of(t.idx) == para]
        return list(got)

    def sent_index(self, tok) -> int:
        return self.sent_index_at(tok.idx)

    def is_title(self, sent_index: int) -> bool:
        """The sentence is the article's title line (a headline summarises, it is not the report)."""
        title = (self.doc.article.title or "").strip()
        if not title or sent_index >= len(self.doc.sentences):
            return False
        s = self.doc.sentences[sent_index]
        if self.doc.text[s.start:s.end].strip().startswith(title[:40]) and s.start < len(title) + 5:
            return True
        at = self.doc.text.find(title[:40], 0, 5 + len(title[:40]))
        end = s.start + len(self.doc.text[s.start:s.end].rstrip())
        return at != -1 and s.start >= at and end <= at + len(title) + 1  # a headline the parser cut in two

    def is_telegraphic(self, sent_index: int) -> bool:
        """A headline-style line: "23 people killed in Kolo by gunmen" (a participle with no
        auxiliary as its verb), the standfirst that sums the story up like its title."""
        if sent_index >= len(self.doc.sentences):
            return False
        s = self.doc.sentences[sent_index]
        span = self.sdoc.char_span(s.start, s.end, alignment_mode="expand")
        if span is None:
            return False
        return not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in span)  # no finite verb at all

    def is_lede(self, sent_index: int) -> bool:
        """The first sentence of the body (after the title and byline): it summarises the story."""
        if self._lede is None:  # found once: asked for every event of a long article
            self._lede = next((i for i in range(len(self.doc.sentences)) if not self.is_title(i)
                               and not self._byline_only(i) and not self._dateline_only(i)), -1)
        return self._lede != -1 and self._lede == sent_index

    def _dateline_only(self, i: int) -> bool:
        """"NAIROBI:" or "October 29, 2021" read as a sentence of its own."""
        s = self.doc.sentences[i]
        if self.dateline is not None and s.start >= self.dateline.start and s.end <= self.dateline.end + 1:
            return True
        text = self.doc.text[s.start:s.end].strip()
        if len(text.split()) <= 1:
            return True
        dated = sum(t.span.end - t.span.start for t in self.doc.times if s.start <= t.span.start and t.span.end <= s.end)
        return dated >= len(text.rstrip(".")) - 2  # the line is a date

    def _byline_only(self, i: int) -> bool:
        s = self.doc.sentences[i]
        text = self.doc.text[s.start:s.end].strip()
        return bool(self.doc.article.author) and text.startswith("By ") and len(text.split()) <= 5

    # --- article-level facts -------------------------------------------------
    def times_from(self, start: int, end: int) -> list:
        """The time expressions that start in [start, end), in the order of ``doc.times``
        (a binary search over their starts, asked once per sentence and per event)."""
        times = self.doc.times
        if self._time_starts is None or self._time_starts[0] is not times or len(self._time_starts[1]) != len(times):
            order = sorted(range(len(times)), key=lambda i: times[i].span.start)
            self._time_starts = (times, [times[i].span.start for i in order], order)
        _, starts, order = self._time_starts
        found = sorted(order[bisect_left(starts, start) : bisect_left(starts, end)])
        return [times[i] for i in found]

    def in_name(self, span: Span) -> bool:
        """``span`` overlaps a person's or organisation's mention ("the March 23 Movement")."""
        mentions = self.doc.mentions
        if self._named is None or self._named[0] is not mentions or self._named[1] != len(mentions):
            named = bytearray(len(self.doc.text) + 1)
            for m in mentions:
                if m.type in ("ORG", "PERSON") and m.span.end > m.span.start:
                    named[m.span.start : m.span.end] = b"\1" * (m.span.end - m.span.start)
            self._named = (mentions, len(mentions), named)
        return span.end > span.start and self._named[2].find(1, span.start, span.end) != -1

    def dominant_place(self) -> int | None:
        """The place the article is about: the LOCATION mentioned most often, counting the
        mentions of names that contain one another together ("Gaza", "the Gaza Strip");
        the most mentioned name of the winning group is returned. Buildings are not places.
        Found once (asked for every event)."""
        key = (len(self.doc.mentions), len(self.doc.entities))
        if self._dominant is None or self._dominant[0] != key:
            self._dominant = (key, self._dominant_place())
        return self._dominant[1]

    def _dominant_place(self) -> int | None:
        counts: Counter[int] = Counter()
        first: dict[int, int] = {}
        for m in self.doc.mentions:
            if m.entity is None or m.type != "LOCATION" or self.is_building(m.text):
                continue
            if self.dateline is not None and self.dateline.contains(m.span):
                continue
            if self._party(m.span):
                continue
            counts[m.entity] += 1
            first.setdefault(m.entity, m.span.start)
        if not counts:
            return None
        names = {e: set(_name_words(self.doc.entities[e].name)) for e in counts}
        group = {e: sum(counts[o] for o in counts if names[e] and names[o] and (names[e] <= names[o] or names[o] <= names[e])) for e in counts}
        best = max(counts, key=lambda e: (group[e], counts[e], -first[e]))
        return best

    def _party(self, span: Span) -> bool:
        """A place named as a party to an event ("fighting between Armenia and Azerbaijan")."""
        sp = self.sdoc.char_span(span.start, span.end, alignment_mode="expand")
        if sp is None:
            return False
        t = sp.root
        while t.dep_ == "conj" and t.head.i != t.i:
            t = t.head
        return t.dep_ == "pobj" and t.head.lower_ == "between" and bool(self.lex.rules_for(t.head.head.lemma_.lower()))

    def is_building(self, name: str) -> bool:
        words = name.lower().split()
        return bool(words) and self.lex.has("building", words[-1])

    def years_in(self, text: str) -> list[int]:
        return [int(y) for y in _YEAR.findall(text)]
