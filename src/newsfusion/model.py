"""The objects that flow through newsfusion.

One :class:`Doc` per article flows through the document stages
(``newsfusion.stages``); each stage reads what it ``requires`` and fills what it
``assigns``. Every extraction points into ``Article.text`` with a character
:class:`Span` so it can be highlighted and checked; strings copied out of the
text are conveniences, the span is the truth.

``Article.text`` has exactly the length of the decoded source: hard-wrapped
lines are joined by replacing the single newline with a space, so an offset in
``text`` is the same offset in the original file.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

# A lone UTF-16 surrogate ("\ud800", as a JSON escape can give) is no character:
# it cannot be encoded, hashed, parsed or stored.
_SURROGATE = re.compile("[\ud800-\udfff]")


def no_surrogates(value: Any) -> Any:
    """``value`` with every lone surrogate replaced by U+FFFD (same length); non-strings unchanged."""
    if isinstance(value, str) and not value.isascii() and _SURROGATE.search(value):
        return _SURROGATE.sub("\ufffd", value)
    return value


# The entity types newsfusion emits (FORMAT.md).
ENTITY_TYPES = ("PERSON", "ORG", "LOCATION")
SOURCE_KINDS = ("named_person", "named_org", "anonymous", "media", "author")
STANCES = ("assert", "deny", "hedge")
EVENT_STATUSES = ("occurred", "planned", "threatened", "alleged", "denied")
PREDICATES = (
    "member_of",
    "leader_of",
    "spokesperson_of",
    "allied_with",
    "pledged_allegiance_to",
    "hostile_to",
    "part_of",
    "located_in",
)


@dataclass(frozen=True, order=True)
class Span:
    """A half-open character range ``[start, end)`` into ``Article.text``."""

    start: int
    end: int

    def text(self, text: str) -> str:
        return text[self.start : self.end]

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: "Span") -> bool:
        return self.start <= other.start and other.end <= self.end

    def to_list(self) -> list[int]:
        return [self.start, self.end]


@dataclass
class Article:
    """One news report as read from its source, before any analysis."""

    text: str
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or None when unknown
    url: str | None = None
    source_path: str | None = None  # file it came from ("-" for stdin)
    source_format: str = "text"  # text | html | json | rss
    language: str | None = None
    name: str | None = None  # a human handle, e.g. the file stem
    encoding: str | None = None  # encoding the source was decoded with (utf-8, cp1252, ...)

    def __post_init__(self) -> None:
        self.sanitize()

    def sanitize(self) -> "Article":
        """Replace lone surrogates in every text field by U+FFFD (lengths, so spans, unchanged).

        Run on construction; readers run it again after setting metadata."""
        for name, value in vars(self).items():
            if isinstance(value, str):
                setattr(self, name, no_surrogates(value))
        return self

    @property
    def content_hash(self) -> str:
        """Stable id: a hash of the text and the metadata that changes its meaning."""
        h = hashlib.sha256()
        for part in (self.text, self.title or "", self.author or "", self.outlet or "", self.published or ""):
            h.update(no_surrogates(part).encode("utf-8"))
            h.update(b"\x00")
        return h.hexdigest()[:16]


@dataclass
class Mention:
    """A surface form of an entity in the text."""

    span: Span
    text: str
    type: str  # PERSON | ORG | LOCATION
    entity: int | None = None  # index into Doc.entities
    source: str = "model"  # model | gazetteer | rule


@dataclass
class Geo:
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None
    geonames_id: int | None = None
    precision: int = 3  # ACLED geo_precision: 1 town, 2 near/part of region, 3 region/country
    method: str = ""  # how it was resolved, and why this candidate
    place_id: str | None = None  # the gazetteer entry: "geonames:<id>", "country:<ISO2>", "places:<name>"; None when no table knows the place
    name: str | None = None  # the gazetteer's name for it ("Yaoundé" for "YAOUNDE")


@dataclass
class Entity:
    """An entity as seen in one article, with all its surface forms there."""

    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[int] = field(default_factory=list)  # indices into Doc.mentions
    kb_id: str | None = None  # gazetteer id when known (e.g. "isis")
    kind: str | None = None  # armed_group, state_force, government, outlet, ...
    country: str | None = None
    geo: Geo | None = None
    evidence: list[str] = field(default_factory=list)  # why aliases were joined

    def forms(self) -> list[str]:
        return [self.name, *self.aliases]


@dataclass
class TimeExpr:
    """A time expression kept as written, resolved when the article date is known."""

    span: Span
    text: str
    start: str | None = None  # ISO date
    end: str | None = None  # ISO date, inclusive
    resolved: bool = False
    note: str = ""  # e.g. "no article date: left unresolved"


@dataclass
class Arg:
    """An event argument: the text as written, the entity it names if any."""

    text: str
    span: Span | None = None
    entity: int | None = None  # index into Doc.entities


@dataclass
class Fatalities:
    min: int | None = None
    max: int | None = None
    text: str = ""
    breakdown: dict[str, int] = field(default_factory=dict)  # e.g. {"militants": 100, "soldiers": 17}


@dataclass
class EventMention:
    """One telling of an event in the article: the headline, the lede, a quote, a denial, "the attack"."""

    trigger: Span
    evidence: Span


@dataclass
class Event:
    acled_type: str
    acled_sub_type: str
    trigger: Span
    evidence: Span
    actors: list[Arg] = field(default_factory=list)
    targets: list[Arg] = field(default_factory=list)
    location: Arg | None = None
    time: TimeExpr | None = None
    fatalities: Fatalities = field(default_factory=Fatalities)
    weapon: str | None = None
    status: str = "occurred"
    sources: list[str] = field(default_factory=list)
    plover_type: str | None = None
    plover_mode: str | None = None
    confidence: float = 0.5
    claims: list[int] = field(default_factory=list)  # indices into Doc.claims that report it
    rule: str = ""  # which rule or model produced it
    background: bool = False  # told as the story's background ("which they captured in 2016"), not the news
    mentions: list[EventMention] = field(default_factory=list)  # every telling merged into it, in text order


@dataclass
class Claim:
    source: str  # as written or resolved ("Mushir al Masri", "Egyptian security source")
    source_kind: str
    stance: str
    cue: Span | None
    content: Span
    evidence: Span
    source_span: Span | None = None
    source_entity: int | None = None
    resolved_from: str | None = None  # "he" -> resolved source, kept for explanation
    events: list[int] = field(default_factory=list)
    rule: str = ""


@dataclass
class Relation:
    subject: str
    predicate: str
    object: str
    evidence: Span
    subject_entity: int | None = None
    object_entity: int | None = None
    claim: int | None = None  # index into Doc.claims it rests on
    rule: str = ""


@dataclass
class Side:
    evidence: Span
    source: str
    claim: int | None = None
    event: int | None = None
    value: Any = None


@dataclass
class Contradiction:
    about: str
    kind: str  # numeric | polarity | account | blame; "update" in Doc.updates
    a: Side
    b: Side


@dataclass
class Doc:
    """Everything known about one article; passed from stage to stage."""

    article: Article
    doc_id: str = ""
    nlp: Any = None  # the spaCy Doc (not stored)
    sentences: list[Span] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)
    updates: list[Contradiction] = field(default_factory=list)  # a speaker revising its own figure (a earlier, b later)
    provenance: dict[str, str] = field(default_factory=dict)  # stage name -> version
    warnings: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.doc_id:
            self.doc_id = self.article.content_hash

    @property
    def text(self) -> str:
        return self.article.text

    def span_text(self, span: Span | None) -> str:
        return "" if span is None else self.article.text[span.start : span.end]

    def sentence_of(self, span: Span) -> Span | None:
        """The sentence holding the start of ``span``: a binary search over the sentence
        starts (asked once per mention, claim and figure, so a linear scan made long
        articles quadratic); sentences out of order fall back to the scan."""
        sents = self.sentences
        index = self.__dict__.get("_sentence_index")
        if index is None or index[0] is not sents or len(index[1]) != len(sents):
            starts = [s.start for s in sents]
            ordered = all(a.end <= b.start for a, b in zip(sents, sents[1:]))
            index = self.__dict__["_sentence_index"] = (sents, starts, ordered)
        _, starts, ordered = index
        if ordered:
            i = bisect_right(starts, span.start) - 1
            return sents[i] if i >= 0 and span.start < sents[i].end else None
        for s in sents:
            if s.start <= span.start < s.end:
                return s
        return None

    def entity_at(self, span: Span) -> int | None:
        """The entity whose mention overlaps ``span`` best, if any (the first mention listed
        among equals). Only the mentions that start near ``span`` are looked at: a binary
        search over their starts, back by the longest mention's length."""
        mentions = self.mentions
        index = self.__dict__.get("_mention_index")
        if index is None or index[0] is not mentions or len(index[2]) != len(mentions):
            order = sorted(range(len(mentions)), key=lambda i: mentions[i].span.start)
            longest = max((m.span.end - m.span.start for m in mentions), default=0)
            index = self.__dict__["_mention_index"] = (mentions, [mentions[i].span.start for i in order], order, longest)
        _, starts, order, longest = index
        near = sorted(order[bisect_right(starts, span.start - longest - 1) : bisect_left(starts, span.end)])
        best, best_len = None, 0
        for i in near:
            m = mentions[i]
            if m.entity is not None and m.span.overlaps(span):
                ov = min(m.span.end, span.end) - max(m.span.start, span.start)
                if ov > best_len:
                    best, best_len = m.entity, ov
        return best

    def author_label(self) -> str:
        return self.article.author or self.article.outlet or "author"
