"""Cross-article entity resolution: one knowledge-base entity per real-world entity.

Every per-article entity (a *member*) is joined to others by rules, each join
recorded in ``KBEntity.merges`` with its rule and score so it can be explained:

============  =====  =========================================================
rule          score  joins
============  =====  =========================================================
gazetteer     1.00   members that are the same gazetteer actor
same_name     0.98   same type and the same name up to case, hyphens, "al-"
alias         0.95   a name of one is an alias of the other (ORG, LOCATION;
                     never a short or one-word person name: two men called
                     "Abu ..." stay apart)
same_place    0.95   two LOCATIONs geocoded to the same place
fuzzy_name    ratio  PERSONs with the same surname and near-identical given
                     names ("Aaron Klein" / "Aron Klein", ratio >= 0.85) seen
                     in the same role (both bylines, or the same organisation);
                     a three-part name off by a letter or two needs no role
analyst       1.00   ``newsfusion entities merge A B``
============  =====  =========================================================

``newsfusion entities split ID`` undoes the joins of an entity and keeps them
undone on every later run. A knowledge-base id is the id of its first member's
own key, so ids survive re-ingests and analysts' decisions keep pointing at
the entities they named.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from ..gazetteer.normalize import name_key
from ..unionfind import UnionFind
from .base import CorpusState, KBEntity, corpus_step, stable_id

Member = tuple[str, str]  # (doc_id, local entity id)


@dataclass
class _M:
    key: Member
    doc: dict
    ent: dict
    order: int

    @property
    def own_key(self) -> str:
        e = self.ent
        return f"kb:{e['kb_id']}" if e.get("kb_id") else f"{e['type']}:{name_key(e['name'])}"

    @property
    def own_id(self) -> str:
        return stable_id("ent", self.own_key)

    def forms(self) -> set[str]:
        return {name_key(f) for f in [self.ent["name"], *(self.ent.get("aliases") or [])] if f}


class _Joins(UnionFind):
    def __init__(self, members: list[_M]):
        super().__init__(len(members))
        self.m = members
        self.why: dict[int, list[dict]] = {}
        self.forbid: set[frozenset[int]] = set()  # pairs of roots that must stay apart
        self.named: dict[int, str] = {}  # member -> the id an analyst merged others into

    def union(self, i: int, j: int, rule: str, score: float) -> bool:
        a, b = self.find(i), self.find(j)
        if a == b or self._forbidden(a, b):
            return False
        if self.m[b].order < self.m[a].order:
            a, b = b, a
        self.parent[b] = a
        self.why.setdefault(a, []).extend(self.why.pop(b, []))
        self.why[a].append({"a": self.m[i].ent["name"], "b": self.m[j].ent["name"], "rule": rule, "score": round(score, 3),
                            "members": [list(self.m[i].key), list(self.m[j].key)]})
        return True

    def _forbidden(self, a: int, b: int) -> bool:
        if not self.forbid:
            return False
        ga = {k for k in range(len(self.m)) if self.find(k) == a}
        gb = {k for k in range(len(self.m)) if self.find(k) == b}
        return any(len(pair & ga) == 1 and len(pair & gb) == 1 for pair in self.forbid)



def _members(state: CorpusState) -> list[_M]:
    out, n = [], 0
    for d in state.docs:
        for e in d.get("entities", []):
            out.append(_M((d["doc_id"], e["id"]), d, e, n))
            n += 1
    return out


def _is_author(m: _M) -> bool:
    return (m.doc.get("document") or {}).get("author") == m.ent["name"]


def _orgs_of(m: _M) -> set[str]:
    """Organisations a person is tied to by a relation in its article."""
    name = m.ent["name"]
    return {name_key(r["object"]) for r in m.doc.get("relations", []) if r.get("subject") == name}


def _rules(j: _Joins) -> None:
    by_key: dict[str, int] = {}
    by_form: dict[tuple[str, str], list[int]] = {}
    for i, m in enumerate(j.m):
        if m.own_key in by_key:
            rule = "gazetteer" if m.ent.get("kb_id") else "same_name"
            j.union(by_key[m.own_key], i, rule, 1.0 if rule == "gazetteer" else 0.98)
        else:
            by_key[m.own_key] = i
        if m.ent["type"] != "PERSON":
            for f in m.forms():
                by_form.setdefault((m.ent["type"], f), []).append(i)
    for (typ, form), idx in by_form.items():
        if len(form) < 4 or len(idx) < 2:
            continue  # "PA", "IS": too short to join on alone
        for i in idx[1:]:
            j.union(idx[0], i, "alias", 0.95)
    _places(j)
    _persons(j)


def _places(j: _Joins) -> None:
    seen: dict[tuple, int] = {}
    for i, m in enumerate(j.m):
        geo = m.ent.get("geo") or {}
        if m.ent["type"] != "LOCATION" or geo.get("lat") is None:
            continue
        key = (geo.get("geonames_id"),) if geo.get("geonames_id") else (round(geo["lat"], 2), round(geo["lon"], 2), geo.get("precision"))
        if key in seen:
            j.union(seen[key], i, "same_place", 0.95)
        else:
            seen[key] = i


def _persons(j: _Joins) -> None:
    by_surname: dict[str, list[int]] = {}
    for i, m in enumerate(j.m):
        toks = name_key(m.ent["name"]).split()
        if m.ent["type"] == "PERSON" and len(toks) >= 2:
            by_surname.setdefault(toks[-1], []).append(i)
    pairs = ((i, k) for same in by_surname.values() for x, i in enumerate(same) for k in same[x + 1 :])
    for i, k in pairs:
        a, b = j.m[i], j.m[k]
        ta, tb = name_key(a.ent["name"]).split(), name_key(b.ent["name"]).split()
        if ta == tb:
            continue
        score = fuzz.ratio(" ".join(ta), " ".join(tb)) / 100
        same_role = (_is_author(a) and _is_author(b)) or bool(_orgs_of(a) & _orgs_of(b))
        # a three-part name that differs by a letter or two is one person whatever the role
        # ("Désiré Mbusa Kakule" / "Desire Mbussa Kakule"); shorter names need a shared role
        close_full = len(ta) >= 3 and len(ta) == len(tb) and ta[0] == tb[0] and score >= 0.92
        if score >= 0.85 and (same_role or close_full):
            j.union(i, k, "fuzzy_name", score)


def _resolve_ref(j: _Joins, ref: str) -> list[int]:
    """Members an analyst's reference (a KB id, a member's own id, a name) points at."""
    hits = [i for i, m in enumerate(j.m) if m.own_id == ref or stable_id("ent", *m.key) == ref]
    if hits:
        root = j.find(hits[0])
        return [i for i in range(len(j.m)) if j.find(i) == root]
    key = name_key(ref)
    return [i for i, m in enumerate(j.m) if key in m.forms()]


def _apply_overrides(j: _Joins, overrides: list[dict]) -> None:
    for o in overrides:
        if o.get("action") == "merge":
            a, b = _resolve_ref(j, o.get("a") or ""), _resolve_ref(j, o.get("b") or "")
            if a and b:
                pair = frozenset((j.find(a[0]), j.find(b[0])))
                j.forbid = {f for f in j.forbid if not ({j.find(x) for x in f} == set(pair))}
                if j.union(a[0], b[0], "analyst", 1.0) and (o.get("a") or "").startswith("ent_"):
                    j.named[a[0]] = o["a"]  # "merge A B" keeps A's id
        elif o.get("action") == "split":
            group = _resolve_ref(j, o.get("entity") or "")
            if len(group) > 1:
                _split(j, group)


def _split(j: _Joins, group: list[int]) -> None:
    """Undo the joins of a group: apart by own key, or member by member when all share one."""
    keys: dict[str, list[int]] = {}
    for i in group:
        keys.setdefault(j.m[i].own_key, []).append(i)
    parts = list(keys.values()) if len(keys) > 1 else [[i] for i in group]
    for i in group:
        j.parent[i] = i
        j.why.pop(i, None)
    for part in parts:
        for i in part[1:]:
            j.union(part[0], i, "split_kept", 1.0)
    for x, p in enumerate(parts):
        for q in parts[x + 1 :]:
            j.forbid.add(frozenset((p[0], q[0])))


def _entity(j: _Joins, root: int, idx: list[int]) -> KBEntity:
    ms = sorted((j.m[i] for i in idx), key=lambda m: m.order)
    first = ms[0]
    kb = next((m.ent.get("kb_id") for m in ms if m.ent.get("kb_id")), None)
    names = [m.ent["name"] for m in ms]
    name = max(set(names), key=lambda n: (names.count(n), len(n)))
    aliases: list[str] = []
    for m in ms:
        for f in [m.ent["name"], *(m.ent.get("aliases") or [])]:
            if f and f != name and f not in aliases:
                aliases.append(f)
    # the id of the first member's own key, unless an earlier member with that key lives
    # in another entity (a split part): then the first member's own id
    earliest = min(m.order for m in j.m if m.own_key == first.own_key)
    eid = first.own_id if earliest == first.order else stable_id("ent", *first.key)
    eid = next((j.named[i] for i in idx if i in j.named), eid)
    return KBEntity(
        id=eid,
        name=name,
        type=first.ent["type"],
        aliases=aliases,
        members=[m.key for m in ms],
        kb_id=kb,
        kind=next((m.ent.get("kind") for m in ms if m.ent.get("kind")), None),
        country=next((m.ent.get("country") for m in ms if m.ent.get("country")), None),
        geo=next((m.ent.get("geo") for m in ms if m.ent.get("geo")), None),
        merges=list(j.why.get(root, [])),
    )


@corpus_step("entities")
def resolve_entities(state: CorpusState) -> CorpusState:
    j = _Joins(_members(state))
    _rules(j)
    _apply_overrides(j, state.overrides)
    state.entities = [_entity(j, root, idx) for root, idx in sorted(j.groups().items(), key=lambda kv: min(j.m[i].order for i in kv[1]))]
    return state
