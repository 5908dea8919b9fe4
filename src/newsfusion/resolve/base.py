"""Types and runner for the corpus-level steps."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..corpus import DocRecord, from_format

DEFAULT_STEPS = ("entities", "sources", "events", "contradictions", "grading")


# More dead than this in one incident is no incident's toll: a war's, a year's, a species'
# ("99,000,000 elephants") or a misread number. Such a figure is flagged on the event, not
# stored or counted as its toll.
MAX_INCIDENT_FATALITIES = 10_000


def plausible_toll(value: Any) -> int | None:
    """``value`` as a toll of one incident, or None when it is missing or beyond the bound."""
    if value is None or isinstance(value, bool):
        return None
    try:
        n = int(value)
    except (TypeError, ValueError):
        return None
    return n if 0 <= n <= MAX_INCIDENT_FATALITIES else None


def toll_warning(value: Any, where: str) -> str | None:
    """The warning for a figure beyond the bound, or None."""
    if value is None or plausible_toll(value) is not None:
        return None
    return f"fatalities {value:,} in {where} exceed what one incident can take ({MAX_INCIDENT_FATALITIES:,}): flagged, not counted as its toll" if isinstance(value, int) else None


def stable_id(prefix: str, *parts: str) -> str:
    h = hashlib.sha1("\x00".join(parts).encode("utf-8")).hexdigest()[:12]
    return f"{prefix}_{h}"


@dataclass
class KBEntity:
    """One real-world entity across the corpus."""

    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    members: list[tuple[str, str]] = field(default_factory=list)  # (doc_id, local entity id "e3")
    kb_id: str | None = None
    kind: str | None = None
    country: str | None = None
    geo: dict[str, Any] | None = None
    merges: list[dict[str, Any]] = field(default_factory=list)  # {"a","b","rule","score","evidence"}
    claims: list[tuple[str, str]] = field(default_factory=list)  # (doc_id, claim id "c3") it is the source of
    scope: str | None = None  # an anonymous source (type SOURCE): the outlet, or the article, that quotes it


@dataclass
class KBEvent:
    """One real-world event, however many articles report it."""

    id: str
    acled_type: str
    acled_sub_type: str
    reports: list[tuple[str, str]] = field(default_factory=list)  # (doc_id, local event id "v0")
    merges: list[dict[str, Any]] = field(default_factory=list)  # {"a","b","score","reason"}
    summary: dict[str, Any] = field(default_factory=dict)  # location, time, actors, fatalities per report


@dataclass
class KBContradiction:
    id: str
    about: str
    kind: str  # numeric | polarity
    a: dict[str, Any]  # {"doc_id","evidence","evidence_span","source","claim","event","value"}
    b: dict[str, Any]
    scope: str = "article"  # article | corpus


@dataclass
class Grade:
    """An Admiralty-style grade with its reasons."""

    target: str  # "claim" | "event" | "relation"
    id: str  # "doc_id:c3" for a claim, the KB event id for an event
    reliability: str  # A..F
    credibility: int  # 1..6
    independent_sources: int = 0
    reasons: list[str] = field(default_factory=list)

    @property
    def code(self) -> str:
        return f"{self.reliability}{self.credibility}"


@dataclass
class CorpusState:
    """What the corpus steps read and fill."""

    # per-document records as stored (FORMAT.md dicts, export.record.doc_record), doc_id = stored document id;
    # the steps read them typed, through ``records``
    docs: list[dict[str, Any]]
    overrides: list[dict[str, Any]] = field(default_factory=list)  # analyst decisions, oldest first
    source_ratings: dict[str, str] = field(default_factory=dict)  # source name, alias or entity id -> A..F
    # the entities an analyst's merge, split or rename made or changed (filled by ``entities``):
    # new articles that reach one take the full steps (resolve/incremental.py)
    analyst_entities: set[str] = field(default_factory=set)
    # doc_id -> the day the store took the article in (YYYY-MM-DD): the date of an undated article
    ingested: dict[str, str] = field(default_factory=dict)
    entities: list[KBEntity] = field(default_factory=list)
    claim_sources: dict[tuple[str, str], str] = field(default_factory=dict)  # (doc_id, claim id) -> source entity id
    events: list[KBEvent] = field(default_factory=list)
    contradictions: list[KBContradiction] = field(default_factory=list)
    grades: list[Grade] = field(default_factory=list)
    # text -> sentence vector, kept between runs by the store (``Store.vectors``); None: none kept
    vectors: Any = None
    # (doc_id, claim id) -> how the ``sources`` step found its source: (the entity is one the
    # step made, the spelling it counted for that entity's name or None, the corpus-wide name
    # form it looked up or None); the incremental steps keep it (resolve/incremental.py)
    claim_via: dict[tuple[str, str], tuple[bool, str | None, str | None]] = field(default_factory=dict)
    # (doc_id, local entity id) -> KB entity id, when a part of the corpus is loaded without
    # its entities (the incremental steps); None: read ``entities``
    member_ids: dict[tuple[str, str], str] | None = None

    @property
    def records(self) -> list[DocRecord]:
        """``docs`` as typed records (``corpus.from_format``), converted once (again when ``docs`` changes)."""
        cache = self.__dict__.get("_records")
        if cache is None or cache[0] is not self.docs or cache[1] != len(self.docs):
            cache = (self.docs, len(self.docs), [d if isinstance(d, DocRecord) else from_format(d) for d in self.docs])
            self.__dict__["_records"] = cache
        return cache[2]

    def with_records(self, records: list[DocRecord]) -> CorpusState:
        """Take ``records`` as the typed ``docs`` (same order) instead of converting them again."""
        self.__dict__["_records"] = (self.docs, len(self.docs), records)
        return self

    def doc(self, doc_id: str) -> dict[str, Any]:
        for d in self.docs:
            if d["doc_id"] == doc_id:
                return d
        raise KeyError(doc_id)

    def entity_of(self, doc_id: str, local_id: str) -> KBEntity | None:
        """The KB entity a document's entity belongs to (an index rebuilt when ``entities`` changes)."""
        index = self.__dict__.get("_by_member")
        if index is None or index[0] is not self.entities or index[1] != len(self.entities):
            by = {}
            for e in self.entities:
                for m in e.members:
                    by.setdefault(tuple(m), e)
            index = (self.entities, len(self.entities), by)
            self.__dict__["_by_member"] = index
        return index[2].get((doc_id, local_id))

    def entity_id_of(self, doc_id: str, local_id: str) -> str | None:
        """The id of the KB entity a document's entity belongs to."""
        if self.member_ids is not None:
            return self.member_ids.get((doc_id, local_id))
        kb = self.entity_of(doc_id, local_id)
        return kb.id if kb is not None else None


StepFn = Callable[[CorpusState], CorpusState]
_STEPS: dict[str, StepFn] = {}


def corpus_step(name: str):
    def deco(fn: StepFn) -> StepFn:
        _STEPS[name] = fn
        return fn

    return deco


def registered_steps() -> dict[str, StepFn]:
    from . import steps  # noqa: F401  (registers the built-in steps)

    return dict(_STEPS)


@dataclass
class StepResult:
    name: str
    ok: bool
    seconds: float
    error: str = ""


def run_steps(state: CorpusState, names: Iterable[str] = DEFAULT_STEPS) -> tuple[CorpusState, list[StepResult]]:
    steps = registered_steps()
    results = []
    for name in names:
        t = time.perf_counter()
        try:
            state = steps[name](state)
            results.append(StepResult(name, True, time.perf_counter() - t))
        except Exception as exc:  # reported, not fatal: later steps still run
            results.append(StepResult(name, False, time.perf_counter() - t, f"{type(exc).__name__}: {exc}"))
    return state, results
