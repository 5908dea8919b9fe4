"""What the web API returns: typed, JSON-ready dataclasses (``to_dict()``).

They extend the CLI's views (:mod:`.views`) with what an analyst browsing the
knowledge base needs: roles and relations of entities, every report of an
event side by side with its grade, claims tied to the entities that make them
and the entities they are about.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .views import ContradictionInfo, DocumentInfo, EventInfo, Member, View


@dataclass
class EntityItem(View):
    id: str
    name: str
    type: str
    kind: str | None
    country: str | None
    kb_id: str | None
    aliases: list[str]
    documents: int
    mentions: int
    roles: dict[str, int]  # web_links.ROLES -> count
    relations: list[dict[str, Any]]  # {id, predicate, direction, other, other_id, doc_id}


@dataclass
class EntityEvent(View):
    event_id: str | None
    role: str  # actor | target | location
    name: str  # the name the report used
    doc_id: str
    local_id: str
    acled_type: str | None = None
    acled_sub_type: str | None = None
    event_date: str | None = None
    location: str | None = None
    grade: str | None = None


@dataclass
class ClaimItem(View):
    id: str  # "<doc_id>:<local id>", stable
    doc_id: str
    local_id: str
    doc_name: str | None
    doc_title: str | None
    published: str | None
    source: str | None
    source_kind: str | None
    stance: str | None
    cue: str | None
    content: str | None
    evidence: str | None
    evidence_span: list[int] | None
    grade: str | None = None
    source_entity: str | None = None  # KB entity that made it
    about: list[str] = field(default_factory=list)  # KB entities in its content


@dataclass
class EntityFull(View):
    entity: EntityItem
    geo: dict[str, Any] | None
    names: list[dict[str, Any]]  # {name, documents}: every name used for it
    members: list[Member]
    merges: list[dict[str, Any]]
    overrides: list[dict[str, Any]]
    relations: list[dict[str, Any]]
    events: list[EntityEvent]
    claims_by: list[ClaimItem]
    claims_about: list[ClaimItem]
    totals: dict[str, int] = field(default_factory=dict)  # members, events, claims_by, claims_about before the cap


@dataclass
class EventItem(EventInfo):
    """An event as listed: the CLI's EventInfo plus report statuses and the grade's parts."""

    statuses: list[str] = field(default_factory=list)  # statuses of its reports (occurred, denied...)
    reliability: str | None = None  # A..F
    credibility: int | None = None  # 1..6


@dataclass
class Report(View):
    """One article's report of an event."""

    doc_id: str
    local_id: str
    doc_name: str | None
    doc_title: str | None
    outlet: str | None
    author: str | None
    published: str | None
    acled_type: str | None
    acled_sub_type: str | None
    actors: list[str]
    targets: list[str]
    location: str | None
    time_text: str | None
    time_start: str | None
    time_end: str | None
    fatalities_min: int | None
    fatalities_max: int | None
    status: str | None
    weapon: str | None
    sources: list[str]
    evidence: str | None
    evidence_span: list[int] | None


@dataclass
class GradeInfo(View):
    code: str
    reliability: str
    credibility: int
    independent_sources: int | None
    reasons: list[str]


@dataclass
class EventFull(View):
    event: EventItem
    reports: list[Report]
    grade: GradeInfo | None
    corroboration: dict[str, Any]  # reports, documents, outlets, sources, independent_sources
    contradictions: list[ContradictionInfo]
    merges: list[dict[str, Any]]
    actors: list[dict[str, Any]]  # {name, role, entity_id}


@dataclass
class Annotation(View):
    """A span of the article to highlight, with what it links to."""

    start: int
    end: int
    kind: str  # entity | event | event_evidence | claim_cue | claim_source | claim_content
    label: str
    ref: str | None  # local id: "e0", "v0", "c0"
    target: str | None = None  # KB id the highlight links to (entity or event)
    tone: str | None = None  # claim stance, entity type


@dataclass
class DocumentFull(View):
    document: DocumentInfo
    text: str
    entities: list[dict[str, Any]]
    events: list[dict[str, Any]]
    claims: list[ClaimItem]
    relations: list[dict[str, Any]]
    contradictions: list[ContradictionInfo]
    annotations: list[Annotation]


@dataclass
class Overview(View):
    counts: dict[str, int]
    kb_stale: bool
    kb_built_at: str | None
    latest_events: list[EventItem]
    contradictions: list[ContradictionInfo]
    top_entities: list[EntityItem]
    documents: list[DocumentInfo]
