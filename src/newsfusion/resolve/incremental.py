"""Incremental corpus steps: new articles cost what they touch, not the corpus.

A full run of the steps (``run_steps``) reads every record. After one, the store
keeps a *corpus index* (``corpus_docs``, ``corpus_members``, ``corpus_keys``;
:func:`index_rows` computes it): per article entity the facts entity resolution
reads and the keys a rule could join it on; per event report its place x time
blocking keys; per claim its content words, the KB entities it is about, how its
source was found; per relation its key; per KB entity its name forms.

:func:`plan` then brings the knowledge base up to date for the new documents by
recomputing only what they reach, with the same functions as the full steps:

* **entities**: a new member that adds nothing to the entity its keys lead to (same
  gazetteer actor, place, country, names it already has: ``_Run.appends`` says exactly
  when) is attached to it as its last member, its join record put where the full run
  puts it, without reading the entity's other members (an entity hub: a place or an
  actor named in every article); the other new members and the members linked to them
  by a shared key (closure over shared keys, own key included: an entity's id is its
  earliest member's) are resolved again, in global order, from their stored facts;
* **sources**: the new claims, with the corpus-wide name lookup answered from
  the name forms; made source entities renamed from all their spellings;
* **events**: the reports linked to the new ones by candidate pairs scoring the
  fusion threshold (closure), clustered again;
* **contradictions**: the new articles' own, the polarity pairs with a new side
  (only the stored articles whose claims can make one are read: the index keeps each
  claim's entities, its kind of polarity and a denial's words),
  the numeric ones of the events clustered again;
* **grading**: the new claims, the claims they support, the claims on either
  side of a contradiction whose support changed, the events clustered again, the
  relations sharing a key with a new one.

Whenever the new documents could change what was decided for old ones in a way
this does not follow (an old article entity changes its KB entity or its
entity's kind, a name a stored claim was looked up by now leads elsewhere,
a new member reaches an entity an analyst merged, split or renamed, or bears a
name such a decision names, a new document ordered before a stored one, a
report with no day), :func:`plan` raises :class:`Fallback` and the caller runs
the full steps: the result is always the one a full rebuild gives
(``tests/store/test_incremental_kb.py``).

Source ratings change grades only: :func:`regrade` works out again the grades
of the claims and events of the documents a rating can touch, and the
incremental grading reads the ratings.
"""

from __future__ import annotations

import itertools
import json
import re
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..contradictions.find import words
from ..corpus import DocRecord, DocumentInfo, EntityMention, Relation, entity_from_format, entity_to_format, from_format
from ..gazetteer.normalize import name_key
from . import contradictions as C
from . import entities as E
from . import events as V
from . import grading as G
from . import sources as S
from .base import CorpusState, Grade, KBContradiction, KBEntity, KBEvent

SEP = "\x1f"
INDEX_VERSION = "2"  # the store's meta "corpus_index": an index of another version is rebuilt
# Below this many stored documents the full steps are cheaper than the lookups: ingest runs them.
MIN_STORED = 200
DAY_BUCKET = 32  # days: two reports whose articles are within UNDATED_WINDOW days share a bucket or a neighbour


def ref(doc_id: str, local: str) -> str:
    return f"{doc_id}{SEP}{local}"


def unref(r: str) -> tuple[str, str]:
    d, _, local = r.rpartition(SEP)
    return d, local


# ----------------------------------------------------------------- the index


def member_facts(m: E._M, eid: str | None) -> dict[str, Any]:
    """What entity resolution reads of one article entity (``E._M``), and its KB entity."""
    d = entity_to_format(m.ent)
    ent = {k: d.get(k) for k in ("id", "name", "type", "aliases", "kb_id", "kind", "country", "geo") if d.get(k) is not None}
    orgs = [r.object for r in m.doc.relations if r.subject == m.ent.name]
    return {"ent": ent, "dc": m.doc_country, "author": m.doc.document.author, "orgs": orgs, "eid": eid,
            "keys": sorted(E.join_keys(m))}


def member_from_facts(r: str, order: int, facts: dict[str, Any]) -> E._M:
    doc_id, local = unref(r)
    ent = entity_from_format(facts["ent"])
    doc = DocRecord(doc_id=doc_id, document=DocumentInfo(author=facts.get("author")),
                    relations=tuple(Relation(subject=ent.name, object=o) for o in facts.get("orgs") or []))
    return E._M((doc_id, local), doc, ent, order, facts.get("dc"))


def report_keys(r: V.Report, probes: bool = True) -> tuple[list[str], list[str]] | None:
    """(stored keys, probe keys) of an event report: a report that fusion could join to it
    has a stored key among its probes. [] for a report with no place (it joins none);
    None when it has no day (it could meet any report: the caller rebuilds)."""
    if not r.place:
        return [], []
    day = V._day(r.dated)
    if day is None:
        return None
    geo = r.geo or {}
    names = {("p", g) for g in V._grams(r.place)}
    if r.place_kb:
        names.add(("kb", r.place_kb))
    if geo.get("admin1"):
        region = V.fold(geo["admin1"])
        names |= {("a1", region), ("p", region)}
    cell, near = V._cells(geo)
    own_p = set(names) | ({("c", *cell)} if cell is not None else set())
    probe_p = set(names) | {("c", *c) for c in near}
    weeks = V._weeks(r)
    ev = [("e", w) for w in weeks] if weeks is not None else []
    b = day // DAY_BUCKET
    own_t = ev + [("d", b)]
    probe_t = ev + [("d", b - 1), ("d", b), ("d", b + 1)]

    def keys(ps, ts):
        return sorted({SEP.join(str(x) for x in (*p, *t)) for p in ps for t in ts})

    return keys(own_p, own_t), (keys(probe_p, probe_t) if probes else [])


def claim_entities(state: CorpusState, doc: DocRecord, claim: dict) -> set[str]:
    index = state.__dict__.get("_incr_index")
    if index is None:
        index = state.__dict__["_incr_index"] = C._index(state)
    return C._kb_entities_in(state, doc, claim.get("content_span"), index)


def polarity_kind(claim: dict) -> str | None:
    """What ``cross_polarity`` can pair a claim as: "negated" (it denies a presence: the other
    side must state one), "denial" (a denial of something else: the other side must say
    much the same, Jaccard >= 0.4), "presence" (an assertion of a presence, which a negated
    one contradicts), else None (an assertion that only a plain denial can meet)."""
    text = claim.get("content", "")
    denial = claim.get("stance") == "deny"
    if C._negated_presence(text) or (denial and bool(C._LOCATED_IN.search(text))):
        return "negated"
    if denial:
        return "denial"
    return "presence" if C._presence(text) else None


def jaccard_at_least(shared: int, m: int, n: int, bar: float = 0.4) -> bool:
    """``contradictions.jaccard`` >= bar for word sets of sizes m and n sharing ``shared``."""
    return bool(m and n) and shared / (m + n - shared) >= bar


def relation_grade(rid: str, n: int) -> Grade:
    """``grading.grade_relations``'s grade of a relation whose key ``n`` independent sources state."""
    return Grade("relation", rid, "C", 1 if n >= 2 else 3, n, [f"stated by {n} independent source{'s' if n != 1 else ''}"])


def relation_key(r: dict) -> str:
    return SEP.join((name_key(r["subject"]), r["predicate"], name_key(r["object"])))


def doc_rows(state: CorpusState, doc: dict, doc_ord: int, first_member: int, members: list[E._M],
             rec: DocRecord | None = None) -> tuple[dict, list[dict], list[dict]]:
    """The index rows of one document (``rec``: its typed record, when at hand): its ``corpus_docs`` row, members, keys."""
    doc_id = doc["doc_id"]
    rec = rec if rec is not None else from_format(doc)
    mem_rows, keys = [], []

    def key(kind: str, k: str, r: str, n: int | None = None, extra: str | None = None) -> None:
        keys.append({"kind": kind, "key": k, "ref": r, "doc_id": doc_id, "n": n, "extra": extra})

    for i, m in enumerate(members):
        r = ref(*m.key)
        mem_rows.append({"ref": r, "doc_id": doc_id, "ord": first_member + i, "facts": _json(member_facts(m, state.entity_id_of(*m.key)))})
        for k in sorted(E.join_keys(m)):
            key("ek", k, r)
    for ev in rec.events:
        rk = report_keys(V._report(state, rec, ev), probes=False)
        if rk is None:
            raise Fallback("a report has no day")
        for k in rk[0]:
            key("rk", k, ref(doc_id, ev.id))
    for c in doc.get("claims", []):
        r = ref(doc_id, c["id"])
        if c.get("stance") != "deny":
            ws = words(c.get("content", ""))
            for w in sorted(ws):
                key("w", w, r, len(ws))
        ents = claim_entities(state, rec, c)
        kind = polarity_kind(c)
        for e in sorted(ents):
            key("ce", e, r, len(ents), kind if kind == "presence" else None)
            if len(ents) >= 2 and kind in ("negated", "denial"):
                key("cd", e, r, len(ents), kind)
        if len(ents) >= 2 and kind == "denial":
            dws = words(c.get("content", ""))
            for w in sorted(dws):
                key("dw", w, r, len(dws))
        eid = state.claim_sources.get((doc_id, c["id"]))
        if eid is not None:
            made, spelled, looked = state.claim_via.get((doc_id, c["id"]), (False, None, None))
            key("src", eid, r, int(made), spelled)
            if looked:
                key("cform", looked, r)
    for i, rel in enumerate(doc.get("relations", [])):
        claim = rec.claim(rel.get("claim"))
        src = G.source_key(rec, claim, state) if claim is not None else G.source_key(rec, G.AUTHOR)
        key("rel", relation_key(rel), f"{doc_id}:r{i}", None, src)
    return {"doc_id": doc_id, "ord": doc_ord}, mem_rows, keys


def form_rows(ents: list[KBEntity], first_ord: dict[str, int]) -> list[dict]:
    """``form`` keys of resolved entities: each non-generic name or alias, with the entity's
    first member (the corpus-wide lookup of ``sources`` takes the earliest entity)."""
    out = []
    for e in ents:
        if not e.members:
            continue
        for f in dict.fromkeys(f for f in [e.name, *e.aliases] if f and not E.is_generic(f)):
            out.append({"kind": "form", "key": S.form_key(e.type, f), "ref": e.id, "doc_id": e.id, "n": first_ord[e.id], "extra": None})
    return out


def index_rows(state: CorpusState) -> tuple[list[dict], list[dict], list[dict]] | None:
    """The whole corpus index of a state the full steps filled; None when it cannot be kept
    (a report with no day). The entities analysts changed are keys of kind ``analyst``."""
    members = E._members(state)
    by_doc: dict[str, list[E._M]] = {}
    for m in members:
        by_doc.setdefault(m.key[0], []).append(m)
    docs, mems, keys = [], [], []
    n = 0
    for i, d in enumerate(state.docs):
        ms = by_doc.get(d["doc_id"], [])
        try:
            a, b, c = doc_rows(state, d, i, n, ms, state.records[i])
        except Fallback:
            return None
        n += len(ms)
        docs.append(a)
        mems += b
        keys += c
    order = {m.key: m.order for m in members}
    first = {e.id: min(order[tuple(k)] for k in e.members) for e in state.entities if e.members}
    keys += form_rows(state.entities, first)
    keys += first_holder_rows(members, set())
    keys += [{"kind": "analyst", "key": e, "ref": e, "doc_id": e, "n": None, "extra": None} for e in sorted(state.analyst_entities)]
    return docs, mems, keys


def first_holder_rows(members: list[E._M], held: set[str]) -> list[dict]:
    """``ek1`` keys: the earliest member holding each join key (the one a rule joins the
    others to), for the keys not in ``held``; ``members`` in corpus order."""
    out = []
    for m in members:
        for k in sorted(E.join_keys(m)):
            if k not in held:
                held.add(k)
                out.append({"kind": "ek1", "key": k, "ref": ref(*m.key), "doc_id": m.key[0], "n": m.order, "extra": None})
    return out


# ----------------------------------------------------------------- lookups


class Index(Protocol):
    """What :func:`plan` asks the store (``store/corpusindex.py``)."""

    def refs(self, kind: str, keys: list[str]) -> list[tuple[str, str, str, int | None, str | None]]: ...  # (key, ref, doc_id, n, extra)
    def by_ref(self, kind: str, refs: list[str]) -> list[tuple[str, str, str, int | None, str | None]]: ...
    def counts(self, kind: str, keys: list[str]) -> list[tuple[str, str, int, int]]: ...  # (ref, doc_id, n, shared keys)
    def counts_x(self, kind: str, keys: list[str]) -> list[tuple[str, str, int, str | None, int]]: ...  # (ref, doc_id, n, extra, shared)
    def counts_upto(self, kind: str, keys: list[str], max_n: int) -> list[tuple[str, str, int, int]]: ...  # counts() of the refs with n <= max_n
    def key_counts(self, kind: str, keys: list[str]) -> dict[str, int]: ...  # key -> rows
    def members(self, refs: list[str]) -> dict[str, tuple[int, dict]]: ...
    def members_of_docs(self, doc_ids: list[str]) -> dict[str, tuple[int, dict]]: ...
    def member_ids(self, doc_ids: list[str]) -> dict[tuple[str, str], str]: ...  # (doc, local entity) -> KB entity id
    def records(self, doc_ids: list[str]) -> dict[str, tuple[dict, str]]: ...  # doc_id -> (record, ingest day)
    def by_docs(self, kind: str, doc_ids: list[str]) -> list[tuple[str, str, str, int | None, str | None]]: ...
    def doc_order(self, doc_ids: list[str]) -> dict[str, int]: ...
    def entity_rows(self, ids: list[str]) -> dict[str, dict]: ...
    def relation_sources(self, key: str, srcs: list[str]) -> tuple[int, set[str]]: ...
    def source_votes(self, ids: list[str]) -> dict[str, dict[str, int]]: ...  # made source entity -> spelling -> claims  # (distinct sources of a key, those of srcs among them)
    def entity_merges(self, ids: list[str]) -> dict[str, dict]: ...  # id -> row with kb_id, country, geo (parsed), merges (JSON text), n_documents
    def entity_aliases(self, ids: list[str]) -> dict[str, list[str]]: ...
    def entity_member_docs(self, ids: list[str]) -> dict[str, set[str]]: ...
    def events_of_reports(self, refs: list[str]) -> dict[str, str]: ...  # report ref -> event id
    def event_members(self, ids: list[str]) -> dict[str, list[str]]: ...
    def grades(self, keys: list[tuple[str, str]]) -> dict[tuple[str, str], Grade]: ...  # (target, id) -> its stored grade
    def ratings(self) -> dict[str, str]: ...  # the analyst's source ratings (source_ratings)
    def override_names(self) -> set[str]: ...  # name keys of what the analysts' merges, splits and renames name
    def contradictions_of_claims(self, refs: list[str]) -> list[dict]: ...
    def contradictions_of_reports(self, refs: list[str], kind: str) -> list[dict]: ...


@dataclass
class Plan:
    """What to write: rows to delete (by key) and to insert, per knowledge-base table, and the
    index rows of the new documents."""

    delete: dict[str, list[Any]] = field(default_factory=dict)  # table -> ids (grades: (target, id))
    insert: dict[str, list[dict]] = field(default_factory=dict)
    update_docs: dict[str, int] = field(default_factory=dict)  # entity id -> n_documents
    index_docs: list[dict] = field(default_factory=list)
    index_members: list[dict] = field(default_factory=list)
    index_keys: list[dict] = field(default_factory=list)
    drop_forms: list[str] = field(default_factory=list)  # entity ids whose form keys are rewritten
    relation_grades: dict[str, Grade] = field(default_factory=dict)  # relation key -> the grade of its stored instances
    appended: dict[str, dict] = field(default_factory=dict)  # entity id -> {"merges", "n_members", "members"} (new members attached)
    new_docs: list[str] = field(default_factory=list)
    why_full: str = ""
    seconds: dict[str, float] = field(default_factory=dict)  # step -> time taken (the store adds "write")
    sizes: dict[str, int] = field(default_factory=dict)  # what was recomputed (for the benchmarks)


class Fallback(Exception):
    """The new documents reach something only a full rebuild decides."""


# ----------------------------------------------------------------- the plan


def plan(ix: Index, new: list[dict], ingested: dict[str, str], first_doc_ord: int, first_member_ord: int, vectors: Any = None) -> Plan:
    """The writes that bring the knowledge base up to date for ``new`` (records with
    ``doc_id``, in corpus order, all after the stored ones; ``ingested``: their ingest
    days). Raises :class:`Fallback`."""
    return _Run(ix, new, ingested, first_doc_ord, first_member_ord, vectors).run()




def regrade(ix: Index, doc_ids: list[str]) -> Plan:
    """The grades of every claim of these stored documents and of every event they report,
    worked out again as the full ``grading`` step does (a source's rating changed: claim and
    event grades read it, nothing else does). Only these grades are written."""
    return _Run(ix, [], {}, 0, 0, None).regrade(doc_ids)


def _dedupe(xs: list[KBContradiction]) -> list[KBContradiction]:
    seen: set[str] = set()
    out = []
    for x in xs:
        if x.id not in seen:
            seen.add(x.id)
            out.append(x)
    return out


RULE_ORDER = ("gazetteer", "same_place", "same_name", "alias", "fuzzy_name")


def _json(x: Any) -> str:
    import json

    return json.dumps(x, ensure_ascii=False, separators=(",", ":"))


def record_at(merges: str, a: str, b: str | None = None) -> Iterator[tuple[str, int]]:
    """(rule, end offset) of the records of a stored ``merges`` list (its JSON text, as
    ``store.rows.to_json`` writes it: keys in ``entities._record``'s order) joining member
    ``a`` (first) to ``b`` (any when None), last first. Found in the text, not parsed: an
    entity hub has a record per member. A quote inside a JSON string is escaped, so
    ``"members":[[`` and ``{"a":`` only occur where a record has them."""
    needle = '"members":[' + _json(unref(a)) + "," + (_json(unref(b)) + "]}" if b is not None else "")
    pos = len(merges)
    while (pos := merges.rfind(needle, 0, pos)) >= 0:
        start = merges.rfind('{"a":', 0, pos)
        m = re.search(r'"rule":"([a-z_]+)","score":', merges[start:pos]) if start >= 0 else None
        end = merges.find("]]}", pos)
        if m and end >= 0:
            yield m.group(1), end + 3


def joined_before(e: dict, phase: str, a: str, b: str) -> bool:
    """Whether the stored entity's joins made by the rules before ``phase`` (its ``merges``
    records) put members ``a`` and ``b`` in one group: a join ``phase`` then tries between
    them finds them joined and changes nothing."""
    earlier = set(RULE_ORDER[: RULE_ORDER.index(phase)])
    if any(rule in earlier for rule, _ in itertools.chain(record_at(e["json"], a, b), record_at(e["json"], b, a))):
        return True
    uf = e["before"].get(phase)
    if uf is None:
        if e.get("merges") is None:
            e["merges"] = json.loads(e["json"] or "[]")
            e["parsed"] = e.get("parsed", 0) + 1
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            while parent.get(x, x) != x:
                parent[x] = parent.get(parent[x], parent[x])
                x = parent[x]
            return x

        def union(a: str, b: str) -> None:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[rb] = ra

        for x in e["merges"]:
            ms = x.get("members") or []
            if x.get("rule") in earlier and len(ms) == 2:
                union(SEP.join(ms[0]), SEP.join(ms[1]))
        uf = e["before"][phase] = (find, union)
    return uf[0](a) == uf[0](b)


class _Run:
    def __init__(self, ix: Index, new: list[dict], ingested: dict[str, str], first_doc_ord: int, first_member_ord: int, vectors: Any):
        self.ix = ix
        self.new = new
        self.new_ids = {d["doc_id"] for d in new}
        self.doc_ord = {d["doc_id"]: first_doc_ord + i for i, d in enumerate(new)}
        self.ingested = dict(ingested)
        self.first_member_ord = first_member_ord
        self.vectors = vectors
        self.records: dict[str, dict] = {d["doc_id"]: d for d in new}
        self.mapping: dict[tuple[str, str], str] = {}  # member -> entity id (the new and re-resolved ones)
        self.claim_sources: dict[tuple[str, str], str] = {}
        self.claim_via: dict[tuple[str, str], tuple] = {}
        self.resolved: list[KBEntity] = []
        self.source_entities: list[KBEntity] = []
        self.polarity: list[KBContradiction] = []
        self.ratings = ix.ratings()
        self.p = Plan(new_docs=[d["doc_id"] for d in new])

    # -- helpers

    def load(self, doc_ids) -> None:
        todo = [d for d in dict.fromkeys(doc_ids) if d not in self.records]
        if todo:
            for d, (rec, day) in self.ix.records(todo).items():
                self.records[d] = rec
                self.ingested[d] = day
            self.doc_ord.update(self.ix.doc_order(todo))

    def state(self, doc_ids) -> CorpusState:
        """A state of these documents (loaded), their members' entity ids known."""
        ids = list(dict.fromkeys(doc_ids))
        self.load(ids)
        old = [d for d in ids if d not in self.new_ids]
        ids_map = self.ix.member_ids(old)
        ids_map.update(self.mapping)
        docs = sorted((self.records[d] for d in ids), key=lambda d: self.doc_ord[d["doc_id"]])
        st = CorpusState(docs=docs, member_ids=ids_map, ingested={d: self.ingested.get(d, "") for d in ids})
        return st.with_records([self.typed(d["doc_id"]) for d in docs])

    def typed(self, d: str) -> DocRecord:
        """The typed record of a loaded document (converted once)."""
        memo = self.__dict__.setdefault("_typed", {})
        if d not in memo:
            memo[d] = from_format(self.records[d])
        return memo[d]

    def claim(self, d: str, cid: str) -> dict | None:
        return next((c for c in self.records[d].get("claims", []) if c["id"] == cid), None)

    def claim_index(self, d: str, cid: str) -> int:
        return next((i for i, c in enumerate(self.records[d].get("claims", [])) if c["id"] == cid), 0)

    # -- steps

    def run(self) -> Plan:
        for step in (self.entities, self.sources, self.events, self.contradictions, self.grading, self.index):
            t = time.perf_counter()
            step()
            self.p.seconds[step.__name__] = time.perf_counter() - t
        return self.p

    def entities(self) -> None:
        t0 = time.perf_counter()
        n = self.first_member_ord
        comp: dict[str, E._M] = {}
        for d in self.new:
            dr = self.typed(d["doc_id"])
            country = E._doc_country(dr)
            for e in dr.entities:
                m = E._M((dr.doc_id, e.id), dr, e, n, country)
                comp[ref(*m.key)] = m
                n += 1
        self.new_members = list(comp.values())
        keys_of = {r: E.join_keys(m) for r, m in comp.items()}
        self.first = {k: (n_, r) for k, r, _, n_, _ in self.ix.refs("ek1", sorted({k for ks in keys_of.values() for k in ks}))}
        self.first_new = first_holder_rows(self.new_members, set(self.first))
        for row in self.first_new:
            self.first[row["key"]] = (row["n"], row["ref"])
        appends = self.appends()
        while True:
            rest = {r: m for r, m in comp.items() if r not in appends}
            seen: set[str] = set()
            todo = {k for r in rest for k in keys_of[r]}
            # a member attached to an entity shares no key with the members resolved again
            clash = {r for r in appends if keys_of[r] & todo}
            old_eid: dict[tuple[str, str], str] = {}
            attached_to = self.appended_ids(appends)
            while todo and not clash:
                seen |= todo
                found = {r for _, r, _, _, _ in self.ix.refs("ek", sorted(todo))} - comp.keys()
                todo = set()
                for r, (order, facts) in self.ix.members(sorted(found)).items():
                    m = member_from_facts(r, order, facts)
                    if facts.get("eid") in attached_to:
                        clash |= {x for x, (eid, _) in appends.items() if eid == facts.get("eid")}
                    old_eid[m.key] = facts.get("eid")
                    rest[r] = m
                    todo.update(facts["keys"])
                todo -= seen
            if not clash:
                break
            appends = self.appends(exclude={eid for r in clash for eid in [appends[r][0]]} | self.excluded)
        comp = rest
        self.commit_appends(appends)
        self.p.seconds["entities.lookup"] = time.perf_counter() - t0
        self.p.sizes["entity members attached"] = len(appends)
        self.p.sizes["entity members re-resolved"] = len(comp)
        ms = sorted(comp.values(), key=lambda m: m.order)
        j = E._Joins(ms)
        E._rules(j)
        groups = sorted(j.groups().items(), key=lambda kv: min(j.m[i].order for i in kv[1]))
        earliest_of: dict[str, int] = {}
        for m in j.m:
            earliest_of.setdefault(m.own_key, m.order)
        ents = [E._entity(j, root, idx, {}, earliest_of) for root, idx in groups]
        for e in ents:
            for mk in e.members:
                self.mapping[tuple(mk)] = e.id
        self.analyst_check(set(old_eid.values()) | self.appended_ids(appends))
        for key, old in old_eid.items():
            if self.mapping[key] != old:
                raise Fallback(f"an article entity moves from {old} to {self.mapping[key]}")
        old_ids = set(old_eid.values())
        rows = self.ix.entity_rows(sorted(old_ids))
        aliases = self.ix.entity_aliases(sorted(old_ids))
        by_id = {e.id: e for e in ents}
        self.old_forms: dict[str, set[str]] = {}
        for eid in old_ids:
            row = rows.get(eid)
            if row is None or row.get("kind") != by_id[eid].kind:
                raise Fallback(f"entity {eid} changes kind")
            self.old_forms[eid] = {S.form_key(row["type"], f) for f in [row["name"], *aliases.get(eid, [])] if f and not E.is_generic(f)}
        self.resolved = ents
        self.resolved_ids = {e.id for e in ents}
        order = {m.key: m.order for m in ms}
        self.first_ord = {e.id: min(order[tuple(k)] for k in e.members) for e in ents}
        self.forms_of_new: dict[str, list[tuple[int, str]]] = {}
        for r in form_rows(ents, self.first_ord):
            self.forms_of_new.setdefault(r["key"], []).append((r["n"], r["ref"]))
        # a name stored claims were looked up by must still lead where it led
        touched = set(self.forms_of_new) | {f for fs in self.old_forms.values() for f in fs}
        claims = self.ix.refs("cform", sorted(touched))
        if claims:
            srcs = {r: k for k, r, _, _, _ in self.ix.by_ref("src", sorted({r for _, r, _, _, _ in claims}))}
            for form, r, _, _, _ in claims:
                now = self.form_winner(form)
                typ, _, key = form.partition(SEP)
                if srcs.get(r) != (now if now is not None else E.stable_id("ent", f"{typ}:{key}")):
                    raise Fallback(f"the name {key!r} now leads to another entity")

    def analyst_check(self, reached: set[str]) -> None:
        """Analysts' merges, splits and renames are applied after the rules, over the whole
        corpus (``entities._apply_overrides``): a new member that joins an entity they made
        or changed, or that bears a name one of them names, can change what they do."""
        if self.ix.refs("analyst", sorted(reached)):
            raise Fallback("a new article reaches an entity an analyst merged, split or renamed")
        names = self.ix.override_names()
        if names and any(m.forms() & names for m in self.new_members):
            raise Fallback("a new article names an entity an analyst merged, split or renamed")

    excluded: set[str] = set()

    @staticmethod
    def appended_ids(appends: dict) -> set[str]:
        return {eid for eid, _ in appends.values()}

    def appends(self, exclude: set[str] = frozenset()) -> dict[str, tuple[str, dict]]:
        """The new members that join an existing entity as its last member without changing
        anything else the rules decide (ref -> (entity id, its merges record)).

        Entity resolution (``entities._rules``) joins, rule after rule, each member to the
        earliest member holding the same key; a join is refused when the two groups differ
        in type, gazetteer actor, place or country (one value each at most: a join never
        mixes two). A new member ``x`` (last in corpus order) is attached when
          * it is no PERSON (no fuzzy_name pairs, no names that can conflict);
          * every key it holds is already held by a stored member, and the earliest holder
            of each of its rule keys is one and the same member ``y`` of entity ``E``, so
            every join the rules try for ``x`` is with ``y``;
          * its type, gazetteer actor, place and country are ``E``'s or none, so the first
            join with ``y``'s group is allowed, the later ones find ``x`` joined already,
            and no other join changes: a join ``E``'s members made without ``x`` saw
            values of ``E`` only, one refused saw a conflict ``x`` cannot remove;
          * ``E``'s name, aliases, kind and place stay: ``x``'s names are already
            ``E``'s, its name is ``E``'s unless the gazetteer names ``E``, and it brings no
            kind or place ``E`` lacks.
        Its first join is by the gazetteer, same_place or same_name rule (each joins only
        the members of one key, ``y`` first, one after another): its record goes right
        after the last record of that rule made by ``y``, where the full run appends it.
        Without such a record, or in any other case, the member is resolved with its
        component (the closure below) as before."""
        self.excluded = set(exclude)

        def why(reason: str) -> None:
            self.p.sizes[f"not attached: {reason}"] = self.p.sizes.get(f"not attached: {reason}", 0) + 1

        phases = ("gazetteer", "same_place", "same_name")
        cand: dict[str, tuple[E._M, str, str]] = {}
        for m in self.new_members:
            if m.type == "PERSON":
                why("a person")
                continue
            holders = [self.first.get(k) for k in E.join_keys(m)]
            if any(h is None or h[1] == ref(*m.key) or unref(h[1])[0] in self.new_ids for h in holders):
                why("a key no stored member holds")
                continue
            rk = E.rule_keys(m)
            if not rk or rk[0][0] not in phases:
                why("first joined by an alias")
                continue
            y = self.first[rk[0][1]][1]
            cand[ref(*m.key)] = (m, y, rk[0][0], {(p2, self.first[k][1]) for p2, k in rk[1:] if self.first[k][1] != y})
        if not cand:
            return {}
        ys = sorted({y for _, y, _, _ in cand.values()})
        facts = self.ix.members(sorted(set(ys) | {z for *_, zs in cand.values() for _, z in zs}))
        eids = self.ix.member_ids(sorted({unref(y)[0] for y in ys}))
        rows = self.ix.entity_merges(sorted({eids[unref(y)] for y in ys if unref(y) in eids} - set(exclude)))
        aliases = self.ix.entity_aliases(sorted(rows))
        self._ents = {}
        out: dict[str, tuple[str, dict]] = {}
        for r, (m, y, rule, others) in cand.items():
            eid = eids.get(unref(y))
            row = rows.get(eid)
            if row is None or y not in facts:
                why("entity excluded")
                continue
            e = self._ents.get(eid)
            if e is None:
                e = self._ents[eid] = {"row": row, "json": row["merges"] or "[]", "merges": None, "n": row["n_members"], "members": [],
                                       "recs": [], "before": {}}
            if any(not (z in facts and E._conflict(E._Group.of(member_from_facts(z, *facts[z])), E._Group.of(m))) and not joined_before(e, p2, y, z)
                   for p2, z in others):
                why("a later rule joins it to a member not joined to the first before")
                continue
            names = {row["name"], *aliases.get(eid, [])}
            if (m.type != row["type"] or (m.ent.kb_id or row["kb_id"]) != row["kb_id"] or (m.country or row["country"]) != row["country"]
                    or (m.place or E.place_id(row["geo"])) != E.place_id(row["geo"]) or (row["geo"] is None and m.ent.geo)
                    or (row["kind"] is None and m.ent.kind) or not set(m.names()) <= names):
                why("brings a fact or name its entity lacks")
                continue
            if m.ent.name != row["name"]:
                proxies = [E._M(("", str(i)), DocRecord(), EntityMention(name=n, type=row["type"]), i) for i, n in enumerate(sorted(names))]
                if E.canonical_name(proxies, row["geo"], row["kb_id"])[1] != "the gazetteer's name":
                    why("another spelling of a name chosen by votes")
                    continue
            y_m = member_from_facts(y, *facts[y])
            rec = E.join_record(rule, y_m, m)
            at = next((end for rule2, end in record_at(e["json"], y) if rule2 == rule), None)
            if at is None:
                why("no earlier record of its rule")
                continue
            e["json"] = e["json"][:at] + "," + _json(rec) + e["json"][at:]
            e["recs"].append(_json(rec))
            for phase, (_, union) in e["before"].items():  # the parsed joins follow the new record
                if RULE_ORDER.index(rule) < RULE_ORDER.index(phase):
                    union(y, r)
            e["n"] += 1
            e["members"].append(m.key)
            out[r] = (eid, rec)
        return out

    def commit_appends(self, appends: dict[str, tuple[str, dict]]) -> None:
        self.appended: dict[str, dict] = {}
        for r, (eid, _) in appends.items():
            self.mapping[unref(r)] = eid
        for eid in self.appended_ids(appends):
            e = self._ents[eid]
            self.p.sizes["merges lists parsed"] = self.p.sizes.get("merges lists parsed", 0) + e.get("parsed", 0)
            self.appended[eid] = {"merges_json": e["json"], "new_records": e["recs"], "n_members": e["n"], "members": e["members"], "n_documents": e["row"]["n_documents"]}
        self.p.appended = self.appended

    def form_winner(self, form: str) -> str | None:
        """The resolved entity the corpus-wide lookup of ``form`` gives (the earliest)."""
        cands = [(n, eid) for _, eid, _, n, _ in self.ix.refs("form", [form]) if eid not in self.resolved_ids]
        cands += self.forms_of_new.get(form, [])
        return min(cands)[1] if cands else None

    def sources(self) -> None:
        # the entities new members were attached to, by those members (the lookups by member and
        # by a form of the claim's own article; the corpus-wide one is Forms below)
        stubs = [KBEntity(id=eid, name="", type="", members=list(a["members"])) for eid, a in self.appended.items()]
        s = S._Sources(CorpusState(docs=self.new, entities=list(self.resolved) + stubs).with_records([self.typed(d["doc_id"]) for d in self.new]))
        run = self
        resolved = {e.id: e for e in self.resolved}
        made_before: dict[str, KBEntity | None] = {}

        class Forms(dict):
            """The corpus-wide lookup: the earliest resolved entity with the form, else the
            source entity an earlier claim made of it."""

            def get(self, k, default=None):
                if k in self:
                    return self[k]
                typ, key = k
                eid = run.form_winner(f"{typ}{SEP}{key}")
                if eid is not None:
                    e = resolved.get(eid) or KBEntity(id=eid, name="", type=typ, members=[("", "")])
                else:
                    sid = E.stable_id("ent", f"{typ}:{key}")
                    if sid not in made_before:
                        row = run.ix.entity_rows([sid]).get(sid)
                        made_before[sid] = KBEntity(id=sid, name=row["name"], type=row["type"], kind=row.get("kind")) if row and not row.get("n_members") else None
                    e = made_before[sid]
                    if e is None:
                        return default
                self[k] = e
                return e

        s.index.by_form = Forms()
        for d in self.new:
            dr = self.typed(d["doc_id"])
            for c in dr.claims:
                e = s.entity_for(dr, c)
                if e is None:
                    continue
                self.claim_sources[(dr.doc_id, c.id)] = e.id
                self.claim_via[(dr.doc_id, c.id)] = (not e.members, s.spelled, s.looked_up)
        made = {e.id: e for e in s.new.values()}
        uses: dict[str, list[tuple[tuple[str, str], bool, str | None]]] = {}
        for (d, c), eid in self.claim_sources.items():
            made_, spelled, _ = self.claim_via[(d, c)]
            uses.setdefault(eid, []).append(((d, c), made_, spelled))
        touched = set(uses)
        old_uses: dict[str, list] = {}
        rows = self.ix.entity_rows(sorted(touched - self.resolved_ids))
        kept = {eid for eid, r in rows.items() if r.get("n_members")}  # resolved entities not resolved again
        for k, r, _, n, extra in self.ix.refs("src", sorted(self.resolved_ids)):
            old_uses.setdefault(k, []).append((unref(r), bool(n), extra))
        resolved_old = kept
        self.source_entities: list[KBEntity] = []
        # a source entity made from claims is renamed from the spellings of all its claims:
        # the stored ones counted in the index, not read one by one (a made source such as
        # "residents" can be used by thousands of claims); its documents are the stored count
        # plus the new ones
        made_ids = sorted(touched - self.resolved_ids - resolved_old)
        old_votes = self.ix.source_votes(made_ids)
        for eid in made_ids:
            votes: Counter[str] = Counter(old_votes.get(eid, {}))
            for _, made_, spelled in uses.get(eid, []):
                if made_ and spelled is not None:
                    votes[spelled] += 1
            all_uses = uses.get(eid, [])
            row, base = rows.get(eid), made.get(eid)
            if row is not None:
                self.p.update_docs[eid] = (row.get("n_documents") or 0) + len({d for (d, _), made_, _ in all_uses if made_} & self.new_ids)
            typ = row["type"] if row else base.type
            e = KBEntity(id=eid, name=row["name"] if row else base.name, type=typ, kind=row.get("kind") if row else base.kind,
                         scope=row.get("scope") if row else base.scope)
            if votes:
                e.name = S.pick_name(votes, typ)
                e.aliases = [n for n in votes if n != e.name]
            e.claims = [k for k, made_, _ in all_uses if made_]
            self.source_entities.append(e)
        for e in self.resolved:
            e.claims = [k for k, made_, _ in old_uses.get(e.id, []) + uses.get(e.id, []) if not made_]
        # entities kept whole that gained members or claims: their documents are the stored
        # count and the new documents among those (a new document was counted nowhere)
        n_docs = {eid: r.get("n_documents") or 0 for eid, r in rows.items()}
        n_docs.update({eid: a["n_documents"] or 0 for eid, a in self.appended.items()})
        for eid in resolved_old | set(self.appended):
            docs = {d for d, _ in self.appended.get(eid, {}).get("members", [])}
            docs |= {d for (d, _), made_, _ in uses.get(eid, []) if not made_}
            self.p.update_docs[eid] = n_docs[eid] + len(docs & self.new_ids)

    def events(self) -> None:
        st = self.state(self.new_ids)
        comp: dict[str, V.Report] = {}
        for d in self.new:
            dr = self.typed(d["doc_id"])
            for ev in dr.events:
                r = V._report(st, dr, ev)
                comp[ref(r.doc_id, r.local)] = r
        own: dict[str, set[str]] = {}
        for k, r in comp.items():
            rk = report_keys(r)
            if rk is None:
                raise Fallback("a new report has no day")
            for key in rk[0]:
                own.setdefault(key, set()).add(k)
        texts: list[str] = []
        pos: dict[str, int] = {}
        sim = V.Wording(texts, cache=self.vectors)

        def at(k: str, r: V.Report) -> int:
            if k not in pos:
                pos[k] = len(texts)
                texts.append(r.rec.evidence)
            return pos[k]

        old_events: dict[str, str] = {}
        frontier = sorted(comp)
        while frontier:
            probes = {}
            for k in frontier:
                rk = report_keys(comp[k])
                if rk is None:
                    raise Fallback("a report has no day")
                probes[k] = rk[1]
            hits: dict[str, set[str]] = {}
            for key, r, _, _, _ in self.ix.refs("rk", sorted({p for ps in probes.values() for p in ps})):
                hits.setdefault(key, set()).add(r)
            for key, rs in own.items():
                hits.setdefault(key, set()).update(rs)
            cand = {k: {r for p in probes[k] for r in hits.get(p, ())} - {k} for k in frontier}
            pool: dict[str, V.Report] = {}
            self._reports(pool, {r for rs in cand.values() for r in rs if r not in comp})
            nxt: set[str] = set()
            for k in frontier:
                a = comp[k]
                for r in sorted(cand[k]):
                    if r in comp or r in nxt:
                        continue
                    b = pool[r]
                    if b.doc_id == a.doc_id or not V._may_merge(a, b):
                        continue
                    score, _ = V.pair_score(a, b, sim.score(at(k, a), at(r, b)), sim.method)
                    if score is not None and score >= V.THRESHOLD:
                        nxt.add(r)
            for r in nxt:
                comp[r] = pool[r]
            # the old events of the reports reached are clustered again whole
            evs = self.ix.events_of_reports(sorted(nxt))
            old_events.update(evs)
            members = self.ix.event_members(sorted(set(evs.values())))
            extra = {r for rs in members.values() for r in rs} - comp.keys()
            self._reports(comp, extra)
            frontier = sorted(nxt | extra)
        self.old_event_ids = set(old_events.values())
        rs = sorted(comp.values(), key=lambda r: (self.doc_ord[r.doc_id], self._event_index(r.doc_id, r.local)))
        self.events_new = V.events_of(rs, V.Wording([r.rec.evidence for r in rs], cache=self.vectors))
        self.report_refs = set(comp)

    def _event_index(self, d: str, local: str) -> int:
        """Where report ``local`` stands among its (loaded) article's events."""
        return next(i for i, e in enumerate(self.records[d].get("events", [])) if e.get("id") == local)

    def _reports(self, into: dict[str, V.Report], refs: set[str]) -> None:
        if not refs:
            return
        st = self.state({unref(r)[0] for r in refs})
        for r in refs:
            d, local = unref(r)
            dr = self.typed(d)
            ev = next(e for e in dr.events if e.id == local)
            into[r] = V._report(st, dr, ev)

    def contradictions(self) -> None:
        st = self.state(self.new_ids)
        # the stored documents with a claim cross_polarity could pair with a new one: its
        # entities and the kind of pair (polarity_kind) and, for a plain denial, Jaccard >= 0.4
        # of the words, all read from the index; only they are loaded
        more: set[str] = set()
        for d in self.new:
            for c in d.get("claims", []):
                ents = claim_entities(st, self.typed(d["doc_id"]), c)
                if not ents:
                    continue
                kind = polarity_kind(c)
                ws = words(c.get("content", ""))
                if len(ents) >= 2 and kind == "negated":
                    more |= {doc for _, doc, _, x, shared in self.ix.counts_x("ce", sorted(ents)) if shared == len(ents) and x == "presence"}
                elif len(ents) >= 2 and kind == "denial" and ws:
                    near = self.jaccard_refs("w", ws)  # the claims saying much the same, then those about all its entities
                    more |= {near[r] for r, n, shared in self.entity_counts("ce", near, ents) if shared == len(ents)}
                if c.get("stance") != "deny":
                    if kind == "presence":
                        more |= {doc for _, doc, n, x, shared in self.ix.counts_x("cd", sorted(ents)) if shared == n and x == "negated"}
                    if ws:
                        near = self.jaccard_refs("dw", ws)  # the plain denials saying much the same, about entities of its own
                        more |= {near[r] for r, n, shared in self.entity_counts("cd", near, ents) if shared == n}
        stp = self.state(self.new_ids | more)
        def keep(a: str, b: str) -> bool:
            return a in self.new_ids or b in self.new_ids

        self.polarity = C.cross_polarity(stp, C._index(stp), keep=keep)
        ste = self.state({d for e in self.events_new for d, _ in e.reports})
        ste.events = self.events_new
        self.numeric = C.cross_numeric(ste)
        self.old_numeric = [x["id"] for x in self.ix.contradictions_of_reports(sorted(self.report_refs), "numeric")]
        self.contradictions_new = _dedupe(C.in_article(st) + self.polarity + self.numeric)

    def jaccard_refs(self, kind: str, ws: set[str]) -> dict[str, str]:
        """The stored claims (ref -> document) whose ``kind`` words (``w``: assertions,
        ``dw``: plain denials about two entities or more) have a Jaccard of 0.4 or more
        with ``ws``. A claim sharing none of the first ``p`` of ``ws`` (rarest first)
        shares at most ``m - p`` words and its Jaccard is at most ``(m - p) / m``: below
        the bar, so only the rarer words are looked up (prefix filtering)."""
        m = len(ws)
        if not m:
            return {}
        df = self.ix.key_counts(kind, sorted(ws))
        order = sorted(ws, key=lambda w: (df.get(w, 0), w))
        p = next(p for p in range(m + 1) if not jaccard_at_least(m - p, m, m - p))
        c1 = {r for _, r, _, _, _ in self.ix.refs(kind, order[:p])}
        shared: dict[str, int] = {}
        info: dict[str, tuple[str, int]] = {}
        for k, r, doc, n, _ in self.ix.by_ref(kind, sorted(c1)):
            info[r] = (doc, n)
            shared[r] = shared.get(r, 0) + (k in ws)
        return {r: info[r][0] for r, c in shared.items() if jaccard_at_least(c, m, info[r][1])}

    def entity_counts(self, kind: str, refs, ents: set[str]) -> list[tuple[str, int, int]]:
        """(ref, its number of KB entities, how many of ``ents`` among them) for these claims
        (``ce``: every claim; ``cd``: denials about two entities or more)."""
        found: dict[str, list[int]] = {}
        for k, r, _, n, _ in self.ix.by_ref(kind, sorted(refs)):
            f = found.setdefault(r, [n, 0])
            f[1] += k in ents
        return [(r, n, c) for r, (n, c) in found.items()]

    def supporters(self, ws: set[str]) -> set[str]:
        """The stored claims (refs) a claim of content words ``ws`` supports or is supported
        by (``grading._supports``: words in common, as a share of the shorter claim's).

        Prefix filtering, as the full step's ``grading._claim_groups`` does, on the index:
        a claim sharing none of the first ``p`` of ``ws`` (rarest first) shares at most
        ``m - p`` words, too few for a claim as long as this one or longer, and enough only
        for a claim of at most ``max_n`` words; so the common words ("killed", a number in
        every report) are looked up only among such short claims."""
        m = len(ws)
        if not m:
            return set()
        memo = self.__dict__.setdefault("_supporters", {})
        key = frozenset(ws)
        if key in memo:
            return memo[key]
        df = self.ix.key_counts("w", sorted(ws))
        order = sorted(ws, key=lambda w: (df.get(w, 0), w))
        p = next(p for p in range(m + 1) if not G._supports(m - p, m, m))
        probe, rest = order[:p], order[p:]
        shared: dict[str, int] = {}
        size: dict[str, int] = {}
        c1 = {r for _, r, _, _, _ in self.ix.refs("w", probe)}
        for k, r, _, n, _ in self.ix.by_ref("w", sorted(c1)):
            size[r] = n
            if k in ws:
                shared[r] = shared.get(r, 0) + 1
        max_n = max((n for n in range(1, m) if G._supports(min(n, m - p), m, n)), default=0)
        if rest and max_n:
            for r, _, n, c in self.ix.counts_upto("w", rest, max_n):
                if r not in c1:
                    size[r], shared[r] = n, c
        out = memo[key] = {r for r, c in shared.items() if G._supports(c, m, size[r])}
        return out

    def support(self, keys) -> dict[tuple[str, str], set[str]]:
        """These claims' support: the source keys of the claims asserting much the same."""
        keys = list(keys)
        self.load({d for d, _ in keys})
        found: dict[tuple[str, str], set[tuple[str, str]]] = {}
        for d, cid in keys:
            c = self.claim(d, cid)
            if c is None or c.get("stance") == "deny":
                continue
            ws = words(c.get("content", ""))
            m = len(ws)
            sup: set[tuple[str, str]] = set()
            if m:
                for r in self.supporters(ws):
                    if unref(r) != (d, cid):
                        sup.add(unref(r))
                for d2 in self.new:
                    for c2 in d2.get("claims", []):
                        if c2.get("stance") == "deny" or (d2["doc_id"], c2["id"]) == (d, cid):
                            continue
                        w2 = words(c2.get("content", ""))
                        if w2 and G._supports(len(ws & w2), m, len(w2)):
                            sup.add((d2["doc_id"], c2["id"]))
            found[(d, cid)] = sup
        srcs = self.src_keys({k for s in found.values() for k in s} | set(found))
        return {k: {srcs[k]} | {srcs[x] for x in sup} for k, sup in found.items()}

    def src_keys(self, keys) -> dict[tuple[str, str], str]:
        out = {}
        old = sorted(ref(*k) for k in keys if k not in self.claim_sources)
        for eid, r, _, _, _ in self.ix.by_ref("src", old):
            out[unref(r)] = f"entity:{eid}"
        for k in keys:
            if k in self.claim_sources:
                out[k] = f"entity:{self.claim_sources[k]}"
        if any(k not in out for k in keys):
            raise Fallback("a claim without a source entity")
        return out

    def grading(self) -> None:
        new_claims = [(d["doc_id"], c["id"]) for d in self.new for c in d.get("claims", [])]
        affected = set(new_claims)
        changed: set[tuple[str, str]] = set()  # old claims a new one supports
        for d, cid in new_claims:
            c = self.claim(d, cid)
            ws = words(c.get("content", "")) if c.get("stance") != "deny" else set()
            if ws:
                changed |= {unref(r) for r in self.supporters(ws)}
        affected |= changed
        for x in self.polarity:
            affected |= {(x.a["doc_id"], x.a["claim"]), (x.b["doc_id"], x.b["claim"])}
        for row in self.ix.contradictions_of_claims(sorted(ref(*k) for k in changed)):
            for p in ("a", "b"):
                if row[f"{p}_claim"]:
                    affected.add((row[f"{p}_doc_id"], row[f"{p}_claim"]))
        grades = self.grade_claims({k for k in affected if k[0] and k[1]})
        grades += self.grade_events(self.events_new, self.numeric)
        # the relations: a relation's grade is the number of independent sources of its key
        # (grading.grade_relations). The new instances are graded; the stored instances of a
        # key are regraded, in the store, only when a new source changes that number.
        inst: dict[str, list[tuple[str, str]]] = {}
        stn = self.grading_state(self.new_ids)
        for d in self.new:
            dr = self.typed(d["doc_id"])
            for i, rel in enumerate(d.get("relations", [])):
                claim = dr.claim(rel.get("claim"))
                src = G.source_key(dr, claim, stn) if claim is not None else G.source_key(dr, G.AUTHOR)
                inst.setdefault(relation_key(rel), []).append((f"{d['doc_id']}:r{i}", src))
        for key, items in inst.items():
            srcs = {s for _, s in items}
            n_old, known = self.ix.relation_sources(key, sorted(srcs))
            n = n_old + len(srcs - known)
            if n_old and n != n_old:
                self.p.relation_grades[key] = relation_grade("", n)
            for rid, _ in items:
                grades.append(relation_grade(rid, n))
        self.grades = grades

    def grade_claims(self, affected: set[tuple[str, str]]) -> list[Grade]:
        """The grades of these claims ((document, claim id)), as the full step gives them."""
        self.load({d for d, _ in affected})
        # what contradicts each affected claim, in the full step's order
        pol = [r for r in self.ix.contradictions_of_claims(sorted(ref(*k) for k in affected)) if r["kind"] == "polarity" and r["scope"] == "corpus"]
        polx = [KBContradiction(r["id"], r["about"], r["kind"], {"doc_id": r["a_doc_id"], "claim": r["a_claim"], "source": r["a_source"]},
                                {"doc_id": r["b_doc_id"], "claim": r["b_claim"], "source": r["b_source"]}, scope="corpus") for r in pol]
        polx = _dedupe(polx + self.polarity)
        self.load({x.a["doc_id"] for x in polx} | {x.b["doc_id"] for x in polx})
        polx.sort(key=lambda x: (self.doc_ord[x.a["doc_id"]], self.claim_index(x.a["doc_id"], x.a["claim"]), self.doc_ord[x.b["doc_id"]]))
        claim_docs = sorted({d for d, _ in affected}, key=lambda d: self.doc_ord[d])
        art = C.in_article(CorpusState(docs=[self.records[d] for d in claim_docs]).with_records([self.typed(d) for d in claim_docs]))
        against = G._contradicted(CorpusState(docs=[], contradictions=_dedupe(art + polx)))
        others = {(od, oc) for k in affected for od, oc, _ in against.get(k, []) if od and oc}
        support = self.support(sorted(affected | others))
        st = self.grading_state(claim_docs)
        grades = []
        for d, cid in sorted(affected, key=lambda k: (self.doc_ord[k[0]], self.claim_index(*k))):
            c = self.claim(d, cid)
            if c is not None:
                grades.append(G.grade_claim(st, self.typed(d), self.typed(d).claim(cid), support, against))
        return grades

    def grade_events(self, events: list[KBEvent], numeric: list[KBContradiction] | None = None) -> list[Grade]:
        """The grades of these events (their reports' documents are read); ``numeric``: the
        cross-article figures they dispute (None: worked out from the events)."""
        ste = self.grading_state({d for e in events for d, _ in e.reports})
        ste.events = events
        ste.contradictions = _dedupe(C.in_article(ste) + (C.cross_numeric(ste) if numeric is None else numeric))
        return G.grade_events(ste)

    def regrade(self, doc_ids: list[str]) -> Plan:
        """A rating changes a grade's reliability letter and the reason it opens with, nothing
        else (``grading.claim_reliability``, ``grading.event_reliabilities``): those are worked
        out again over the stored grades, and the grades that changed are written."""
        self.load(doc_ids)
        refs = sorted(ref(d, e.get("id", "")) for d in doc_ids for e in self.records[d].get("events", []))
        ids = sorted(set(self.ix.events_of_reports(refs).values()))
        members = self.ix.event_members(ids)
        self.load({unref(r)[0] for rs in members.values() for r in rs})
        # reports in corpus order, as events_of keeps them (the first best source gives the reason)
        events = [KBEvent(eid, "", "", reports=sorted((unref(r) for r in members.get(eid, [])), key=lambda k: (self.doc_ord[k[0]], self._event_index(*k))))
                  for eid in ids]
        st = self.grading_state(set(doc_ids) | {d for e in events for d, _ in e.reports})
        claims = [(self.typed(d), c) for d in doc_ids for c in self.typed(d).claims]
        stored = self.ix.grades([("claim", f"{d.doc_id}:{c.id}") for d, c in claims] + [("event", e.id) for e in events])
        fresh = [(("claim", f"{d.doc_id}:{c.id}"), G.claim_reliability(st, d, c)) for d, c in claims]
        fresh += [(("event", e.id), r) for e, r in zip(events, G.event_reliabilities(st, events))]
        grades = []
        for key, (letter, first) in fresh:
            g = stored.get(key)
            if g is not None and (g.reliability, g.reasons[:1]) != (letter, [first]):
                grades.append(Grade(g.target, g.id, letter, g.credibility, g.independent_sources, [first, *g.reasons[1:]]))
        self.p.sizes["claims and events read"] = len(fresh)
        self.p.sizes["claims and events regraded"] = len(grades)
        self.p.delete["grades"] = sorted({(g.target, g.id) for g in grades})
        self.p.insert["grades"] = grades
        return self.p

    def grading_state(self, doc_ids) -> CorpusState:
        """A state the grading functions can read for these documents: claim sources and
        the kinds of the entities their members and sources are."""
        st = self.state(doc_ids)
        cs = {unref(r): eid for eid, r, _, _, _ in self.ix.by_docs("src", sorted(d["doc_id"] for d in st.docs if d["doc_id"] not in self.new_ids))}
        cs.update(self.claim_sources)
        st.claim_sources = cs
        st.source_ratings = dict(self.ratings)
        ids = {i for i in list(st.member_ids.values()) + list(cs.values()) if i}
        known = {e.id: e for e in self.resolved + self.source_entities}
        rows = self.ix.entity_rows(sorted(ids - known.keys()))
        # a rating given to a name holds for the entity of which it is the name or an alias
        # (grading.rating_of, the only reader of these names): the aliases are read only when
        # there are ratings
        aliases = self.ix.entity_aliases(sorted(ids - known.keys())) if self.ratings else {}
        members: dict[str, list] = {}
        for m, eid in st.member_ids.items():
            members.setdefault(eid, []).append(m)

        def entity(i: str) -> KBEntity:
            e = known.get(i)
            if e is not None:
                return KBEntity(id=i, name=e.name, type="", kind=e.kind, aliases=list(e.aliases), members=members.get(i, []))
            r = rows.get(i, {})
            return KBEntity(id=i, name=r.get("name") or "", type="", kind=r.get("kind"), aliases=aliases.get(i, []), members=members.get(i, []))

        st.entities = [entity(i) for i in sorted(ids)]
        return st

    def index(self) -> None:
        p = self.p
        st = self.state(self.new_ids)
        st.claim_sources = dict(self.claim_sources)
        st.claim_via = dict(self.claim_via)
        n = self.first_member_ord
        by_doc: dict[str, list[E._M]] = {}
        for m in self.new_members:
            by_doc.setdefault(m.key[0], []).append(m)
        for d in self.new:
            ms = by_doc.get(d["doc_id"], [])
            a, b, c = doc_rows(st, d, self.doc_ord[d["doc_id"]], n, ms, self.typed(d["doc_id"]))
            n += len(ms)
            p.index_docs.append(a)
            p.index_members += b
            p.index_keys += c
        p.index_keys += self.first_new
        p.drop_forms = sorted(self.resolved_ids)
        p.index_keys += form_rows(self.resolved, self.first_ord)
        # knowledge-base rows: deleted by id, then written again
        p.delete["entities"] = sorted(self.resolved_ids | {e.id for e in self.source_entities})
        p.insert["entities"] = list(self.resolved) + list(self.source_entities)
        p.insert["claim_sources"] = [{"doc_id": d, "local_id": c, "entity_id": e} for (d, c), e in self.claim_sources.items()]
        p.delete["events"] = sorted(self.old_event_ids)
        p.insert["events"] = self.events_new
        p.insert["event_docs"] = [self.records[d] for d in dict.fromkeys(d for e in self.events_new for d, _ in e.reports)]
        p.delete["contradictions"] = sorted(set(self.old_numeric))
        p.insert["contradictions"] = self.contradictions_new
        p.delete["grades"] = sorted({(g.target, g.id) for g in self.grades} | {("event", i) for i in self.old_event_ids})
        p.insert["grades"] = self.grades
