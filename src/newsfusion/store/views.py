"""What the store's read side returns: typed, JSON-ready dataclasses.

Every listing the CLI and the web app show is one of these; ``to_dict()``
gives the ``--json`` form.
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
