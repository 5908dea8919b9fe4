"""Typed per-article records: what the corpus steps read of one stored article.

A :class:`DocRecord` is the FORMAT.md object of one article (``export/record.py``
writes it, the store keeps it as JSON) as frozen, slotted dataclasses: its
document, entity mentions, event reports, claims, relations and in-article
contradictions, with their local ids as they are ("e3", "v0", "c2"). Lists of
names are tuples; spans, geo, time, fatalities, plover and contradiction sides
stay the JSON values they are (read-only by convention). A field a record lacks
holds the default the steps read for it ("" for ids and texts, () for lists,
None otherwise).

Each record keeps the keys it was read with (``keys``, in their order) and any
key it does not know (``extra``, None when none), so :func:`newsfusion.corpus.format.to_format`
gives back the same JSON byte for byte; a record built in code has ``keys=None``
and is written with every field, in FORMAT.md's order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

Json = Any  # a JSON value kept as read (span [start, end], geo, time, fatalities, side...)


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """Who wrote the article, where and when (``record["document"]``)."""

    author: str | None = None
    outlet: str | None = None
    published: str | None = None
    title: str | None = None
    url: str | None = None
    keys: tuple[str, ...] | None = None
    extra: Mapping[str, Json] | None = None  # keys it does not know
    null: bool = False  # the record held ``"document": null``


@dataclass(frozen=True, slots=True)
class EntityMention:
    """One entity of one article (``record["entities"][i]``, local id "e3")."""

    id: str = ""
    name: str = ""
    type: str | None = None
    aliases: tuple[str, ...] = ()
    kb_id: str | None = None
    kind: str | None = None
    country: str | None = None
    geo: Json = None
    mentions: Json = None
    keys: tuple[str, ...] | None = None
    extra: Mapping[str, Json] | None = None  # keys it does not know


@dataclass(frozen=True, slots=True)
class EventReport:
    """One article's report of an event (``record["events"][i]``, local id "v0")."""

    id: str = ""
    acled_type: str | None = None
    acled_sub_type: str | None = None
    actors: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    location: str | None = None
    time_text: str | None = None
    time: Json = None  # {"start","end","resolved","note"}
    fatalities: Json = None  # {"min","max"[,"breakdown"]}
    sources: tuple[str, ...] = ()
    status: str | None = None
    background: Json = None
    weapon: str | None = None
    plover: Json = None
    evidence: str = ""
    evidence_span: Json = None
    trigger_span: Json = None
    mentions: Json = None
    claims: tuple[str, ...] = ()  # local claim ids
    keys: tuple[str, ...] | None = None
    extra: Mapping[str, Json] | None = None  # keys it does not know


@dataclass(frozen=True, slots=True)
class Claim:
    """One attributed statement (``record["claims"][i]``, local id "c2")."""

    id: str = ""
    source: str | None = None
    source_kind: str | None = None
    stance: str | None = None
    cue: str | None = None
    evidence: str = ""
    content: str = ""
    cue_span: Json = None
    content_span: Json = None
    evidence_span: Json = None
    source_span: Json = None
    source_entity: str | None = None  # local entity id
    resolved_from: str | None = None
    keys: tuple[str, ...] | None = None
    extra: Mapping[str, Json] | None = None  # keys it does not know


@dataclass(frozen=True, slots=True)
class Relation:
    """``subject predicate object`` as one article states it (``record["relations"][i]``)."""

    subject: str | None = None
    predicate: str | None = None
    object: str | None = None
    evidence: str = ""
    evidence_span: Json = None
    claim: str | None = None  # local claim id
    keys: tuple[str, ...] | None = None
    extra: Mapping[str, Json] | None = None  # keys it does not know


@dataclass(frozen=True, slots=True)
class Contradiction:
    """Two statements of one article that cannot both hold (``record["contradictions"][i]``)."""

    about: str = ""
    kind: str | None = None  # numeric | polarity
    a: Json = None  # {"evidence","evidence_span","source","claim","event","value"}
    b: Json = None
    keys: tuple[str, ...] | None = None
    extra: Mapping[str, Json] | None = None  # keys it does not know


@dataclass(frozen=True, slots=True)
class DocRecord:
    """One stored article as the corpus steps read it; ``doc_id`` is the stored document id."""

    doc_id: str = ""
    document: DocumentInfo = DocumentInfo()
    entities: tuple[EntityMention, ...] = ()
    events: tuple[EventReport, ...] = ()
    claims: tuple[Claim, ...] = ()
    relations: tuple[Relation, ...] = ()
    contradictions: tuple[Contradiction, ...] = ()
    keys: tuple[str, ...] | None = None
    extra: Mapping[str, Json] | None = None  # keys it does not know

    def claim(self, claim_id: str | None) -> Claim | None:
        """The claim with this local id, or None."""
        return next((c for c in self.claims if c.id == claim_id), None)

    def event(self, event_id: str | None) -> EventReport | None:
        """The event report with this local id, or None."""
        return next((e for e in self.events if e.id == event_id), None)
