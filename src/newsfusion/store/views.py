"""What the knowledge base's read path returns: typed, JSON-ready dataclasses.

One module for the CLI, the web pages, the REST API and the exports: every
listing or detail :class:`newsfusion.kb.KnowledgeBase` returns is one of these,
and ``to_dict()`` gives the ``--json`` form and the API's JSON. The CLI's
listings come first; the web's richer items and details (roles and relations
of entities, every report of an event with its grade, claims tied to the
entities that make them and those they are about) follow, built on them where
the fields are the same data (``EventItem`` is an ``EventInfo``; details hold
``DocumentInfo``, ``ContradictionInfo``, ``Member``). Import them from
:mod:`newsfusion.kb`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


class View:
    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]


@dataclass
class DocumentInfo(View):
    id: str
    name: str | None
    title: str | None
    author: str | None
    outlet: str | None
    published: str | None
    url: str | None
    source_path: str | None
    source_format: str | None
    language: str | None
    ingested_at: str
    run_id: int | None
    entities: int = 0
    events: int = 0
    claims: int = 0


@dataclass
class MentionInfo(View):
    start: int
    end: int
    text: str | None
    type: str | None
    entity: str | None  # local id "e0"
    source: str | None


@dataclass
class DocumentView(View):
    """One document with everything found in it (``newsfusion show``)."""

    info: DocumentInfo
    text: str
    record: dict[str, Any]
    mentions: list[MentionInfo]
    entity_links: dict[str, str]  # local id "e0" -> KB entity id
    event_links: dict[str, str]  # local id "v0" -> KB event id
    grades: dict[str, str]  # local id "c0" or "v0" -> Admiralty code "B2"


@dataclass
class EntityInfo(View):
    id: str
    name: str
    type: str
    kb_id: str | None
    kind: str | None
    country: str | None
    aliases: list[str]
    members: int
    documents: int


@dataclass
class Member(View):
    doc_id: str
    doc_name: str | None
    local_id: str
    name: str | None


@dataclass
class EntityDetail(View):
    entity: EntityInfo
    geo: dict[str, Any] | None
    members: list[Member]
    merges: list[dict[str, Any]]
    overrides: list[dict[str, Any]]


@dataclass
class EventInfo(View):
    id: str
    acled_type: str | None
    acled_sub_type: str | None
    event_date: str | None
    time_precision: int | None
    location: str | None
    country: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    actor1: str | None
    actor2: str | None
    fatalities_min: int | None
    fatalities_max: int | None
    sources: list[str]
    reports: list[tuple[str, str]]  # (doc_id, local id "v0")
    grade: str | None = None  # Admiralty code, e.g. "B2"
    notes: str | None = None  # the evidence of the first report
    summary: dict[str, Any] = field(default_factory=dict)


@dataclass
class ClaimInfo(View):
    doc_id: str
    doc_name: str | None
    id: str  # local id "c0"
    source: str | None
    source_kind: str | None
    stance: str | None
    cue: str | None
    content: str | None
    evidence: str | None
    evidence_span: list[int] | None
    grade: str | None = None


@dataclass
class RelationInfo(View):
    doc_id: str
    subject: str | None
    predicate: str | None
    object: str | None
    evidence: str | None
    evidence_span: list[int] | None


@dataclass
class ContradictionInfo(View):
    id: str
    about: str | None
    kind: str | None
    scope: str | None
    a: dict[str, Any]
    b: dict[str, Any]


@dataclass
class SourceInfo(View):
    name: str
    kinds: list[str]
    claims: int
    documents: int
    rating: str | None
    id: str | None = None  # the source's knowledge-base entity
    aliases: list[str] = field(default_factory=list)  # its other spellings
    scope: str | None = None  # an anonymous source: the outlet (or article) that quotes it


@dataclass
class RunInfo(View):
    id: int
    pipeline_version: str
    started_at: str
    finished_at: str | None
    status: str
    added: int
    duplicates: int
    failed: int
    skipped: int
    warnings: list[str] = field(default_factory=list)


@dataclass
class Status(View):
    db: str
    engine: str
    schema_revision: str | None
    counts: dict[str, int]
    kb_stale: bool
    kb_built_at: str | None
    last_run: RunInfo | None


# ----------------------------------------------- the web's items and details


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
