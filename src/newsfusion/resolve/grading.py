"""Corroboration and Admiralty-style grades (STANAG 2511), computed and explained.

Source reliability (A–F), from, in order: the analyst's rating
(``newsfusion sources rate NAME B``); the speaker's organisation for a
spokesperson; the kind of source:

==================================  ==  ========================================
source                              
==================================  ==  ========================================
international body, NGO             B   usually reliable, not a party
news outlet, the article's author   C   fairly reliable
government, state force, ministry   C   fairly reliable, a party to the conflict
armed group, militia                D   not usually reliable, a party
named person                        C   accountable by name
anonymous                           F   cannot be judged
==================================  ==  ========================================

Information credibility (1–6):

- 5 improbable: contradicted by a side with at least as many independent
  sources; 4 doubtful: contradicted by a weaker side, or hedged by its source;
- 1 confirmed: supported by two or more independent sources;
- 3 possibly true: one source, neither confirmed nor contradicted;
- 6 cannot be judged: nothing checkable (no content).

Independent sources: a source counts once however many articles quote it
and however they spell it: sources are the entities the ``sources`` step tied
each claim to (``state.claim_sources``), so "Residents" and "residents", or
two spellings of one spokesman, are one source; an anonymous source is told
apart only by its outlet and description (two articles of one outlet quoting
"a security source" count once), and the author restating a source adds
nothing. A rating given to any name or alias of a source (or its id) is the
rating of that source.
"""

from __future__ import annotations

from collections import Counter

from ..contradictions.find import words
from ..corpus import Claim, DocRecord
from ..gazetteer.normalize import name_key
from .base import CorpusState, Grade, KBEvent, corpus_step

KIND_RELIABILITY = {
    "intl_org": ("B", "an international body, not a party to the conflict"),
    "ngo": ("B", "a non-governmental organisation"),
    "outlet": ("C", "a news outlet"),
    "company": ("C", "a company or platform"),
    "government": ("C", "a government: a party to the conflict"),
    "state_force": ("C", "a state force: a party to the conflict"),
    "police": ("C", "a police force: a party to the conflict"),
    "ministry": ("C", "a ministry: a party to the conflict"),
    "intelligence": ("C", "an intelligence service: a party to the conflict"),
    "political_party": ("C", "a political party"),
    "armed_group": ("D", "an armed group: a party to the conflict"),
    "militia": ("D", "a militia: a party to the conflict"),
}


# the source of what an article states in its own voice (an event or relation no claim carries)
AUTHOR = Claim(source_kind="author")


def source_key(doc: DocRecord, claim: Claim, state: CorpusState | None = None) -> str:
    """Who a claim's source is, for counting independent sources: its source entity when
    the ``sources`` step tied it to one, else its kind and name."""
    if state is not None and claim.id and (eid := state.claim_sources.get((doc.doc_id, claim.id))):
        return f"entity:{eid}"
    kind = claim.source_kind
    name = name_key(claim.source or "")
    if kind == "anonymous":
        outlet = doc.document.outlet or doc.document.author or doc.doc_id
        return f"anon:{name_key(outlet)}:{name}"
    if kind == "author":
        return f"author:{name_key(doc.document.outlet or claim.source or doc.doc_id)}"
    return f"{kind}:{name}"


def _entities_by_id(state: CorpusState) -> dict:
    cache = getattr(state, "_entity_index", None)
    if cache is None or len(cache) != len(state.entities):
        cache = {e.id: e for e in state.entities}
        state._entity_index = cache  # type: ignore[attr-defined]
    return cache


def rating_of(state: CorpusState, source: str, entity_id: str | None = None) -> str | None:
    """The analyst's rating of a source: given to its entity id, or to any of its names."""
    if not state.source_ratings:
        return None
    ratings = {name_key(k): v for k, v in state.source_ratings.items()}
    if entity_id:
        if entity_id in state.source_ratings:
            return state.source_ratings[entity_id]
        e = _entities_by_id(state).get(entity_id)
        if e is not None:
            for f in [e.name, *e.aliases]:
                if f and name_key(f) in ratings:
                    return ratings[name_key(f)]
    return ratings.get(name_key(source))


def _kb_of_member(state: CorpusState) -> dict:
    cache = getattr(state, "_member_index", None)
    if cache is None:
        cache = {m: e.id for e in state.entities for m in e.members}
        state._member_index = cache  # type: ignore[attr-defined]
    return cache


def reliability(state: CorpusState, doc: DocRecord, source: str, kind: str, claim_id: str | None = None, entity_id: str | None = None) -> tuple[str, str]:
    eid = entity_id or (state.claim_sources.get((doc.doc_id, claim_id)) if claim_id else None)
    rated = rating_of(state, source, eid)
    if rated:
        return rated, f"rated {rated} by the analyst"
    if kind == "author":
        return "C", "the article's author or outlet"
    if kind == "anonymous":
        return "F", "anonymous: reliability cannot be judged"
    ent = next((e for e in doc.entities if e.name == source or source in e.aliases), None)
    if kind == "named_person":
        org = next((r.object for r in doc.relations if r.subject == source and r.predicate == "spokesperson_of"), None)
        if org is not None:
            org_ent = next((e for e in doc.entities if e.name == org), None)
            org_id = _kb_of_member(state).get((doc.doc_id, org_ent.id)) if org_ent is not None else None
            letter, why = reliability(state, doc, org, "named_org", entity_id=org_id)
            return letter, f"spokesperson of {org}: {why}"
        return "C", "a source named in the report"
    if kind == "media":
        return "C", "another news outlet"
    if ent is not None and ent.kind in KIND_RELIABILITY:
        return KIND_RELIABILITY[ent.kind]
    kb = _entities_by_id(state).get(eid) if eid else None
    if kb is not None and kb.kind in KIND_RELIABILITY:
        return KIND_RELIABILITY[kb.kind]
    return "C", "a named organisation"


SUPPORT = 0.6  # content words in common, as a share of the shorter claim's


def _supports(n: int, a: int, b: int) -> bool:
    return n / min(a, b) >= SUPPORT


def _claim_groups(state: CorpusState) -> dict[tuple[str, str], set[str]]:
    """For each claim, the source keys of the claims (any article) asserting much the same
    (content words overlapping by 60% of the shorter).

    Candidates come from prefix filtering (as in set-similarity joins): with each claim's
    words ordered rarest first, two claims sharing ``need`` words share one of the first
    ``len - need + 1`` words of the shorter one. So each claim looks up only its rarest
    words, and the cost grows with the pairs that could qualify, not with all pairs
    sharing a common word ("killed")."""
    claims = [(d, c, words(c.content)) for d in state.records for c in d.claims if c.stance != "deny"]
    df: Counter[str] = Counter(w for _, _, ws in claims for w in ws)
    index: dict[str, list[int]] = {}
    for i, (_, _, ws) in enumerate(claims):
        for w in ws:
            index.setdefault(w, []).append(i)
    keys = [source_key(d, c, state) for d, c, _ in claims]
    support = [{k} for k in keys]
    for i, (_, _, ws) in enumerate(claims):
        m = len(ws)
        if not m:
            continue
        need = next(n for n in range(m + 1) if _supports(n, m, m))
        prefix = sorted(ws, key=lambda w: (df[w], w))[: m - need + 1]
        seen: set[int] = set()
        for w in prefix:
            for j in index[w]:
                if j == i or j in seen:
                    continue
                seen.add(j)
                wj = claims[j][2]
                if len(wj) < m or (len(wj) == m and j < i):
                    continue  # the pair is found from the shorter claim (or the earlier of two as long)
                if _supports(len(ws & wj), m, len(wj)):
                    support[i].add(keys[j])
                    support[j].add(keys[i])
    return {(d.doc_id, c.id): support[i] for i, (d, c, _) in enumerate(claims)}


def _contradicted(state: CorpusState) -> dict[tuple[str, str], list[tuple[str, str, str]]]:
    """(doc, claim) -> [(the other side's doc, claim, description)]."""
    out: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for x in state.contradictions:
        for me, other in ((x.a, x.b), (x.b, x.a)):
            if me.get("claim"):
                out.setdefault((me["doc_id"], me["claim"]), []).append((other.get("doc_id"), other.get("claim"), f"{x.kind}: {other.get('source')} — {x.about}"))
    return out


def grade_claims(state: CorpusState) -> list[Grade]:
    support = _claim_groups(state)
    against = _contradicted(state)
    return [grade_claim(state, d, c, support, against) for d in state.records for c in d.claims]


def claim_reliability(state: CorpusState, d: DocRecord, c: Claim) -> tuple[str, str]:
    """A claim's reliability letter and the reason its grade opens with: all of its grade
    that a source rating changes."""
    letter, why = reliability(state, d, c.source or "", c.source_kind or "", c.id)
    return letter, f"source {c.source!r}: {why}"


def grade_claim(state: CorpusState, d: DocRecord, c: Claim, support: dict, against: dict) -> Grade:
    """One claim's grade, given every claim's support (source keys) and what contradicts it."""
    key = (d.doc_id, c.id)
    letter, first = claim_reliability(state, d, c)
    keys = support.get(key, {source_key(d, c, state)})
    n = len(keys)
    reasons = [first]
    if not (c.content or "").strip():
        cred = 6
        reasons.append("nothing to check: no content")
    elif key in against:
        other = max((len(support.get((od, oc), set())) for od, oc, _ in against[key]), default=1)
        cred = 5 if other >= n else 4
        reasons += [f"contradicted ({t})" for _, _, t in against[key]]
        reasons.append("improbable: the other side has as much support" if cred == 5 else "doubtful: contradicted by a weaker side")
    elif n >= 2:
        cred = 1
        reasons.append(f"confirmed by {n} independent sources")
    elif c.stance == "hedge":
        cred = 4
        reasons.append("doubtful: hedged by its own source")
    else:
        cred = 3
        reasons.append("possibly true: one source, neither confirmed nor contradicted")
    return Grade("claim", f"{d.doc_id}:{c.id}", letter, cred, n, reasons)


def grade_events(state: CorpusState) -> list[Grade]:
    docs = {d.doc_id: d for d in state.records}
    contested = {}
    for x in state.contradictions:
        for side in (x.a, x.b):
            if side.get("event"):
                contested.setdefault((side.get("doc_id"), side["event"]), []).append(x)
    grades = []
    for ev in state.events:
        keys, letters, found = _event_sources(state, docs, ev)
        disputes = [x for report in found for x in contested.get(report, [])]
        n = len(keys)
        letter, first = _best(letters)
        reasons = [first, f"{n} independent source{'s' if n != 1 else ''} over {len(ev.reports)} report{'s' if len(ev.reports) != 1 else ''}"]
        if n >= 2:
            cred = 1
            reasons.append("confirmed by independent sources")
        else:
            cred = 3
            reasons.append("possibly true: one source")
        for x in disputes:
            reasons.append(f"disputed {x.kind}: {x.about}")
        grades.append(Grade("event", ev.id, letter, cred, n, reasons))
    return grades


def _event_sources(state: CorpusState, docs: dict[str, DocRecord], ev: KBEvent) -> tuple[set[str], list[tuple[str, str]], list[tuple[str, str]]]:
    """An event's independent source keys, its reports' sources' (letter, why), and the
    reports found in ``docs``."""
    keys: set[str] = set()
    letters: list[tuple[str, str]] = []
    found: list[tuple[str, str]] = []
    for doc_id, local in ev.reports:
        d = docs.get(doc_id)
        r = d.event(local) if d is not None else None
        if r is None:
            continue
        found.append((doc_id, local))
        linked = [c for c in d.claims if c.id in r.claims]
        for c in linked:
            keys.add(source_key(d, c, state))
            letters.append(reliability(state, d, c.source or "", c.source_kind or "", c.id))
        if not linked:  # the author's own report: one source per outlet
            keys.add(source_key(d, Claim(source_kind="author", source=d.document.author)))
            letters.append(("C", "the article's author or outlet"))
    return keys, letters, found


def _best(letters: list[tuple[str, str]]) -> tuple[str, str]:
    best = min(letters, key=lambda lw: "ABCDEF".index(lw[0])) if letters else ("F", "no source")
    return best[0], f"best source: {best[1]}"


def event_reliabilities(state: CorpusState, events: list[KBEvent]) -> list[tuple[str, str]]:
    """Each event's reliability letter (its best source's) and the reason its grade opens
    with: all of an event's grade that a source rating changes."""
    docs = {d.doc_id: d for d in state.records}
    return [_best(_event_sources(state, docs, ev)[1]) for ev in events]


def grade_relations(state: CorpusState) -> list[Grade]:
    """A relation stated in several articles by independent sources is confirmed."""
    seen: dict[tuple[str, str, str], set[str]] = {}
    where: dict[tuple[str, str, str], list[str]] = {}
    for d in state.records:
        for i, r in enumerate(d.relations):
            key = (name_key(r.subject), r.predicate, name_key(r.object))
            claim = d.claim(r.claim)
            src = source_key(d, claim, state) if claim is not None else source_key(d, AUTHOR)
            seen.setdefault(key, set()).add(src)
            where.setdefault(key, []).append(f"{d.doc_id}:r{i}")
    grades = []
    for key, srcs in seen.items():
        n = len(srcs)
        cred = 1 if n >= 2 else 3
        for rid in where[key]:
            grades.append(Grade("relation", rid, "C", cred, n, [f"stated by {n} independent source{'s' if n != 1 else ''}"]))
    return grades


@corpus_step("grading")
def grade(state: CorpusState) -> CorpusState:
    state.grades = grade_claims(state) + grade_events(state) + grade_relations(state)
    return state
