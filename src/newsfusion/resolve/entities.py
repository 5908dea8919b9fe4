"""Cross-article entity resolution: one knowledge-base entity per real-world entity.

Every per-article entity (a *member*) is joined to others by rules, strongest
first, each join recorded in ``KBEntity.merges`` with its rule, its score and
the evidence an analyst can read:

============  =====  =========================================================
rule          score  joins
============  =====  =========================================================
gazetteer     1.00   members that are the same gazetteer actor
same_place    0.97   LOCATIONs geocoded to the same gazetteer entry (a GeoNames
                     id, a country, an entry of our place table)
same_name     0.98   the same type and the same name up to case, accents,
                     hyphens and "al-"; a one-word person's name only when both
                     articles are about the same country
alias         0.95   a name of one is a name or alias of the other (ORG,
                     LOCATION; a person's full name); four letters or more
fuzzy_name    ratio  PERSONs with the same surname and near-identical given
                     names ("Aaron Klein" / "Aron Klein", ratio >= 0.85) seen
                     in the same role (both bylines, or the same organisation);
                     a three-part name off by a letter or two needs no role
analyst       1.00   ``newsfusion entities merge A B``
============  =====  =========================================================

A join never happens, whatever the rule, between two groups that are
different things (:func:`_conflict`): different types, different gazetteer
actors, different countries (an ORG's or a place's), places with different
gazetteer entries, people whose names conflict ("Yusuf Ali Warsame" /
"Yusuf Ahmed Warsame"). Common nouns ("the army", "police", "the group",
"residents") are no names to join on: one country's army is not another's.

Names (:func:`canonical_name`): the gazetteer's name where the entity is in
it (the actor table, the country table, our place table, a GeoNames town
whose name is plainly spelled), otherwise the fullest, best-spelled name its
members use (accents kept: "Désiré", not "Desire"; of the names at least a
quarter as many members use as the most used one), never just the first seen.

Analysts: ``newsfusion entities split ID`` undoes the joins of an entity,
``merge A B`` joins two, ``rename ID NAME`` names one; the decisions are
stored and applied on every later run. A knowledge-base id is the id of its
first member's own key, so ids survive re-ingests and the decisions keep
pointing at the entities they named.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from rapidfuzz import fuzz

from ..gazetteer.normalize import name_key, strip_accents
from ..unionfind import UnionFind
from ..corpus import DocRecord, EntityMention
from .base import CorpusState, KBEntity, corpus_step, stable_id

Member = tuple[str, str]  # (doc_id, local entity id)

# Words of common-noun references: a form made only of these (or with no capital
# letter at all) names no one in particular and joins nothing across articles.
GENERIC_WORDS = frozenset("""
the a an its their his her our of and in for to on at by
army armies military militaries forces force troops soldiers soldier police policemen policeman gendarmerie gendarmes
government governments authorities authority administration regime state ministry ministries minister officials official
security defence defense interior national federal armed special elite presidential republican guard guards
group groups militants militant rebels rebel insurgents insurgent fighters fighter jihadists jihadist gunmen gunman
attackers assailants extremists terrorists terrorist militia militias gang gangs cartel faction movement organisation organization
coalition alliance party council committee agency office command unit units brigade battalion
residents resident witnesses witness people civilians villagers locals sources source spokesman spokeswoman spokesperson
agency news media newspaper outlet network channel station radio television
country nation capital city town village region province district area border territory island coast
""".split())
PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "abu", "umm", "de", "del", "la", "da", "van", "von", "der", "di", "dos", "ul", "ud"})


# ------------------------------------------------------------------- members


def place_id(geo: dict[str, Any] | None) -> str | None:
    """The gazetteer entry a geocode names (``Geo.place_id``); for records stored before
    geocodes named it, read from the GeoNames id or the method. None when no table knows
    the place (a village put in its article's country)."""
    if not geo:
        return None
    if "place_id" in geo:
        return geo["place_id"]
    if geo.get("geonames_id"):
        return f"geonames:{geo['geonames_id']}"
    m = re.match(r"^(places|country): '([^']+)'", geo.get("method") or "")
    if m:
        return f"places:{m.group(2)}" if m.group(1) == "places" else f"country:{geo.get('country')}"
    return None


@lru_cache(maxsize=65536)
def is_generic(form: str) -> bool:
    """A common-noun reference ("the army", "Security forces", "residents"), no name."""
    if not any(ch.isupper() for ch in form):
        return True
    words = name_key(form).split()
    return not words or all(w in GENERIC_WORDS for w in words)


DIRECTIONS = frozenset("north south east west northern southern eastern western central northeastern northwestern southeastern southwestern".split())


@lru_cache(maxsize=65536)
def is_descriptive(form: str) -> bool:
    """A nationality and common nouns ("Venezuelan state", "Central American nation",
    "Nigerian army"): it says which country, not which one of its kind, so it joins
    only members of that country."""
    from ..gazetteer import demonym_country

    words = name_key(form).split()
    demonyms = [w for w in words if demonym_country(w)]
    return bool(demonyms) and all(w in GENERIC_WORDS or w in DIRECTIONS or demonym_country(w) for w in words)


def _tokens(name: str) -> list[str]:
    return [t for t in name_key(name).split() if t not in PARTICLES]


@dataclass
class _M:
    key: Member
    doc: DocRecord
    ent: EntityMention
    order: int
    doc_country: str | None = None

    @property
    def type(self) -> str:
        return self.ent.type

    @cached_property
    def own_key(self) -> str:
        e = self.ent
        return f"kb:{e.kb_id}" if e.kb_id else f"{e.type}:{name_key(e.name)}"

    @cached_property
    def own_id(self) -> str:
        return stable_id("ent", self.own_key)

    @cached_property
    def country(self) -> str | None:
        if self.type == "LOCATION":
            return (self.ent.geo or {}).get("country") or self.ent.country
        return self.ent.country

    @cached_property
    def place(self) -> str | None:
        return place_id(self.ent.geo) if self.type == "LOCATION" else None

    def names(self) -> list[str]:
        return [f for f in [self.ent.name, *self.ent.aliases] if f]

    def forms(self) -> set[str]:
        if "_forms" not in self.__dict__:
            self.__dict__["_forms"] = frozenset(name_key(f) for f in self.names())
        return self.__dict__["_forms"]

    def join_forms(self) -> set[str]:
        """Forms that may join this member to one of another article; a descriptive one
        ("Nigerian army") carries the member's country, and none without one."""
        if "_join_forms" not in self.__dict__:
            self.__dict__["_join_forms"] = frozenset(self._join_forms())
        return self.__dict__["_join_forms"]

    def _join_forms(self) -> set[str]:
        out = set()
        for f in self.names():
            k = name_key(f)
            if len(k) < 4 or is_generic(f):
                continue
            if self.type == "PERSON" and len(_tokens(f)) < 2:
                continue  # "al-Masri", "Abu": a partial name is no one's across articles
            if is_descriptive(f):
                if not self.country:
                    continue
                k = f"{k}@{self.country}"
            out.add(k)
        return out


@dataclass
class _Group:
    """What a group of joined members is: the facts that keep it apart from others."""

    type: str
    kbs: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    persons: list[list[str]] = field(default_factory=list)  # token lists of the people's full names

    @classmethod
    def of(cls, m: _M) -> "_Group":
        g = cls(m.type)
        if m.ent.kb_id:
            g.kbs.add(m.ent.kb_id)
        if m.country:
            g.countries.add(m.country)
        if m.place:
            g.places.add(m.place)
        if m.type == "PERSON":
            g.persons = [t for f in m.names() if len(t := _tokens(f)) >= 2][:4] or [_tokens(m.ent.name)]
        return g

    def absorb(self, other: "_Group") -> None:
        self.kbs |= other.kbs
        self.countries |= other.countries
        self.places |= other.places
        for p in other.persons:
            if p not in self.persons:
                self.persons.append(p)


def _names_conflict(a: list[str], b: list[str]) -> bool:
    """Two people's names that cannot be one person's: neither holds the other, and they
    are not one name spelled two ways."""
    if not a or not b or a == b:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    it = iter(long_)
    if all(any(fuzz.ratio(t, u) >= 85 for u in it) for t in short):
        return False  # "Karimi" in "Nasrullah Karimi", "Jose Mbussa Kasongo" in "José Mbusa Kasongo"
    return fuzz.ratio(" ".join(a), " ".join(b)) < 85  # the fuzzy_name rule's own bar


def _conflict(a: _Group, b: _Group) -> str | None:
    """Why two groups are different things, or None."""
    if a.type != b.type:
        return "different types"
    if a.kbs and b.kbs and a.kbs != b.kbs:
        return "different gazetteer actors"
    if a.places and b.places and a.places != b.places:
        return "different places"
    if a.countries and b.countries and a.countries != b.countries:
        return "different countries"
    if a.type == "PERSON" and any(_names_conflict(x, y) for x in a.persons for y in b.persons):
        return "conflicting names"
    return None


class _Joins(UnionFind):
    def __init__(self, members: list[_M]):
        super().__init__(len(members))
        self.m = members
        self.data = [_Group.of(m) for m in members]
        self.why: dict[int, list[dict]] = {}
        self.forbid: list[tuple[int, int]] = []  # members an analyst split apart
        self.named: dict[int, str] = {}  # member -> the id an analyst merged others into

    def union(self, i: int, j: int, rule: str, score: float, evidence: str = "", *, force: bool = False) -> bool:
        a, b = self.find(i), self.find(j)
        if a == b or self._forbidden(a, b):
            return False
        if not force and _conflict(self.data[a], self.data[b]):
            return False
        if self.m[b].order < self.m[a].order:
            a, b = b, a
        self.parent[b] = a
        self.data[a].absorb(self.data[b])
        self.why.setdefault(a, []).extend(self.why.pop(b, []))
        self.why[a].append(_record(self.m[i], self.m[j], rule, score, evidence))
        return True

    def _forbidden(self, a: int, b: int) -> bool:
        for x, y in self.forbid:
            rx, ry = self.find(x), self.find(y)
            if {rx, ry} == {a, b}:
                return True
        return False

    def reset(self, i: int) -> None:
        self.parent[i] = i
        self.data[i] = _Group.of(self.m[i])
        self.why.pop(i, None)


# --------------------------------------------------------------------- rules


def _doc_country(doc: DocRecord) -> str | None:
    """The country an article is about: the one most of its places' mentions are in."""
    w: Counter[str] = Counter()
    for e in doc.entities:
        c = (e.geo or {}).get("country") if e.type == "LOCATION" else None
        if c:
            w[c] += max(1, len(e.mentions or []))
    top = w.most_common(2)
    if not top or (len(top) > 1 and top[0][1] < 1.5 * top[1][1]):
        return None
    return top[0][0]


def _members(state: CorpusState) -> list[_M]:
    out, n = [], 0
    for d in state.records:
        country = _doc_country(d)
        for e in d.entities:
            out.append(_M((d.doc_id, e.id), d, e, n, country))
            n += 1
    return out


def _is_author(m: _M) -> bool:
    return m.doc.document.author == m.ent.name


def _orgs_of(m: _M) -> set[str]:
    """Organisations a person is tied to by a relation in its article."""
    name = m.ent.name
    return {name_key(r.object) for r in m.doc.relations if r.subject == name}


def _rules(j: _Joins) -> None:
    _gazetteer(j)
    _same_place(j)
    _same_name(j)
    _alias(j)
    _persons(j)


def _gazetteer(j: _Joins) -> None:
    first: dict[str, int] = {}
    for i, m in enumerate(j.m):
        kb = m.ent.kb_id
        if not kb:
            continue
        if kb in first:
            r = join_record("gazetteer", j.m[first[kb]], m)
            j.union(first[kb], i, "gazetteer", r["score"], r["evidence"])
        else:
            first[kb] = i


def _same_place(j: _Joins) -> None:
    first: dict[str, int] = {}
    for i, m in enumerate(j.m):
        p = m.place
        if not p:
            continue
        if p in first:
            r = join_record("same_place", j.m[first[p]], m)
            j.union(first[p], i, "same_place", r["score"], r["evidence"])
        else:
            first[p] = i


def same_name_key(m: _M) -> tuple | None:
    """The key the same_name rule joins a member on, or None."""
    name = m.ent.name
    if is_generic(name) or len(name_key(name)) < 2 or (is_descriptive(name) and not m.country):
        return None
    key: tuple = (m.type, name_key(name)) + ((m.country,) if is_descriptive(name) else ())
    if m.type == "PERSON" and len(_tokens(name)) < 2:
        if not m.doc_country:
            return None
        key += (m.doc_country,)  # "Tarno" in two articles about one country
    return key


def rule_keys(m: _M) -> list[tuple[str, str]]:
    """(rule, key) of every join this member takes part in, in the order the rules run
    (``_rules``): a rule joins each member to the earliest member holding the same key
    (the fuzzy_name rule's surname key aside, see :func:`join_keys`)."""
    out = []
    if m.ent.kb_id:
        out.append(("gazetteer", f"kb\x1f{m.ent.kb_id}"))
    if m.place:
        out.append(("same_place", f"place\x1f{m.place}"))
    if (k := same_name_key(m)) is not None:
        out.append(("same_name", "name\x1f" + "\x1f".join(str(x) for x in k)))
    for f in sorted(m.join_forms()):
        out.append(("alias", f"alias\x1f{m.type}\x1f{f}"))
    return out


def join_keys(m: _M) -> set[str]:
    """Every key a rule could join this member on, and its own key (the entity id is the
    earliest member's of an own key): members sharing none are resolved apart."""
    keys = {f"own\x1f{m.own_key}"} | {k for _, k in rule_keys(m)}
    toks = name_key(m.ent.name).split()
    if m.type == "PERSON" and len(toks) >= 2:
        keys.add(f"surname\x1f{toks[-1]}")
    return keys


def join_record(rule: str, first: _M, m: _M) -> dict[str, Any]:
    """The ``merges`` record the gazetteer, same_place or same_name rule writes when it
    joins ``m`` to ``first``, the earliest member holding the same key."""
    if rule == "gazetteer":
        kb = m.ent.kb_id
        score, why = 1.0, f"both are the gazetteer's actor {actor_name(kb) or kb!r} ({kb})"
    elif rule == "same_place":
        geo = m.ent.geo or {}
        score, why = 0.97, f"both geocoded to {geo.get('name') or m.place!r} ({m.place})"
    elif rule == "same_name":
        key = same_name_key(m)
        where = "" if len(key) < 3 else f" in articles about {key[2]}" if key[0] == "PERSON" else f" (of {key[2]})"
        score, why = 0.98, f"both named {m.ent.name!r}{where}"
    else:
        raise ValueError(rule)
    return _record(first, m, rule, score, why)


def _record(a: _M, b: _M, rule: str, score: float, evidence: str) -> dict[str, Any]:
    return {"a": a.ent.name, "b": b.ent.name, "rule": rule, "score": round(score, 3),
            "evidence": evidence, "members": [list(a.key), list(b.key)]}


def _same_name(j: _Joins) -> None:
    by: dict[tuple, list[int]] = {}
    for i, m in enumerate(j.m):
        key = same_name_key(m)
        if key is not None:
            by.setdefault(key, []).append(i)
    for key, idx in by.items():
        for i in idx[1:]:
            r = join_record("same_name", j.m[idx[0]], j.m[i])
            j.union(idx[0], i, "same_name", r["score"], r["evidence"])


def _alias(j: _Joins) -> None:
    by_form: dict[tuple[str, str], list[int]] = {}
    for i, m in enumerate(j.m):
        for f in sorted(m.join_forms()):  # sorted: the order of unions decides which a conflict refuses
            by_form.setdefault((m.type, f), []).append(i)
    for (typ, form), idx in by_form.items():
        if len(idx) < 2:
            continue
        shown = next((n for n in j.m[idx[0]].names() if name_key(n) == form.split("@")[0]), form)
        for i in idx[1:]:
            j.union(idx[0], i, "alias", 0.95, f"both go by {shown!r}")


def _persons(j: _Joins) -> None:
    by_surname: dict[str, list[int]] = {}
    for i, m in enumerate(j.m):
        toks = name_key(m.ent.name).split()
        if m.type == "PERSON" and len(toks) >= 2:
            by_surname.setdefault(toks[-1], []).append(i)
    pairs = ((i, k) for same in by_surname.values() for x, i in enumerate(same) for k in same[x + 1 :])
    for i, k in pairs:
        a, b = j.m[i], j.m[k]
        ta, tb = name_key(a.ent.name).split(), name_key(b.ent.name).split()
        if ta == tb:
            continue
        score = fuzz.ratio(" ".join(ta), " ".join(tb)) / 100
        bylines = _is_author(a) and _is_author(b)
        orgs = _orgs_of(a) & _orgs_of(b)
        # a three-part name that differs by a letter or two is one person whatever the role
        # ("José Mbusa Kasongo" / "Jose Mbussa Kasongo"); shorter names need a shared role
        close_full = len(ta) >= 3 and len(ta) == len(tb) and ta[0] == tb[0] and score >= 0.92
        if score >= 0.85 and (bylines or orgs or close_full):
            role = "both bylines" if bylines else f"both tied to {sorted(orgs)[0]!r}" if orgs else "a full name off by a letter or two"
            j.union(i, k, "fuzzy_name", score, f"{a.ent.name!r} and {b.ent.name!r} spelled alike ({score:.2f}); {role}")


# ----------------------------------------------------------------- analysts


def _resolve_ref(j: _Joins, ref: str) -> list[int]:
    """Members an analyst's reference (a KB id, a member's own id, a name) points at."""
    hits = [i for i, m in enumerate(j.m) if m.own_id == ref or stable_id("ent", *m.key) == ref]
    if hits:
        root = j.find(hits[0])
        return [i for i in range(len(j.m)) if j.find(i) == root]
    roots = {j.find(i) for i, eid in j.named.items() if eid == ref}  # an id kept by an earlier merge
    if roots:
        return [i for i in range(len(j.m)) if j.find(i) in roots]
    key = name_key(ref)
    return [i for i, m in enumerate(j.m) if key in m.forms()]


def _apply_overrides(j: _Joins, overrides: list[dict], touched: set[int] | None = None) -> dict[int, str]:
    """Merges and splits, in order; returns renames (a member of the entity -> its name).
    ``touched`` gathers the members each decision reaches."""
    renames: dict[int, str] = {}
    touched = set() if touched is None else touched
    for o in overrides:
        action = o.get("action")
        if action == "merge":
            a, b = _resolve_ref(j, o.get("a") or ""), _resolve_ref(j, o.get("b") or "")
            touched.update(a, b)
            if a and b:
                ra, rb = j.find(a[0]), j.find(b[0])
                j.forbid = [(x, y) for x, y in j.forbid if {j.find(x), j.find(y)} != {ra, rb}]
                if j.union(a[0], b[0], "analyst", 1.0, "merged by an analyst", force=True) and (o.get("a") or "").startswith("ent_"):
                    j.named[a[0]] = o["a"]  # "merge A B" keeps A's id
        elif action == "split":
            group = _resolve_ref(j, o.get("entity") or "")
            touched.update(group)
            if len(group) > 1:
                _split(j, group)
        elif action == "rename" and o.get("name"):
            group = _resolve_ref(j, o.get("entity") or "")
            touched.update(group)
            if group:
                renames[group[0]] = o["name"]
    return renames


def _split(j: _Joins, group: list[int]) -> None:
    """Undo the joins of a group: apart by own key, or member by member when all share one."""
    keys: dict[str, list[int]] = {}
    for i in group:
        keys.setdefault(j.m[i].own_key, []).append(i)
    parts = list(keys.values()) if len(keys) > 1 else [[i] for i in group]
    for i in group:
        j.reset(i)
    for part in parts:
        for i in part[1:]:
            j.union(part[0], i, "split_kept", 1.0, "kept together by an analyst's split", force=True)
    for x, p in enumerate(parts):
        for q in parts[x + 1 :]:
            j.forbid.append((p[0], q[0]))


# -------------------------------------------------------------------- names


@lru_cache(maxsize=4096)
def actor_name(kb_id: str) -> str | None:
    from ..gazetteer import load_actors

    a = load_actors().get(kb_id)
    return a.name if a else None


def _plain(s: str) -> bool:
    """Spelled with the letters English copy uses (accents of Latin-1 kept), not a transliteration's marks."""
    return all(ord(ch) <= 0xFF for ch in s)


def _spelling_rank(name: str, votes: Counter[str]) -> tuple:
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    caps = sum(1 for w in words if w[:1].isupper())
    proper = not name.isupper() or len(name) <= 5  # "YAOUNDE" is a dateline's shouting, "ADF" an acronym
    accents = any(unicodedata.combining(ch) for ch in unicodedata.normalize("NFD", name))
    return (proper, len(_tokens(name)), caps, accents, votes[name], len(name), name)


def canonical_name(ms: list[_M], geo: dict[str, Any] | None, kb: str | None) -> tuple[str, str]:
    """(name, why): the gazetteer's name where the entity is in it, else the fullest, best-spelled name."""
    if kb and (n := actor_name(kb)):
        return n, "the gazetteer's name"
    p = place_id(geo)
    if p and geo and not geo.get("name"):  # a record stored before geocodes carried their entry's name
        geo = dict(geo, name=_entry_name(p))
    if p and geo and geo.get("name"):
        gname = geo["name"]
        forms = {strip_accents(n).casefold() for m in ms for n in m.names()}
        if p.startswith(("country:", "places:")) or (p.startswith("geonames:") and _plain(gname)
                                                      and ((geo.get("precision") == 1) or strip_accents(gname).casefold() in forms)):
            return gname, "the gazetteer's name"
    votes = Counter(m.ent.name for m in ms)
    names = [n for n in votes if not is_generic(n)] or list(votes)
    top = max(votes[n] for n in names)
    names = [n for n in names if votes[n] >= 0.25 * top]  # a spelling one member in forty uses is a slip, however full
    best = max(names, key=lambda n: _spelling_rank(n, votes))
    return best, "the fullest, best-spelled name of its members"


def _entry_name(p: str) -> str | None:
    if p.startswith("country:"):
        from ..gazetteer import country_by_iso

        c = country_by_iso(p.split(":", 1)[1])
        return c.name if c else None
    if p.startswith("places:"):
        return p.split(":", 1)[1]
    return None


def _entity(j: _Joins, root: int, idx: list[int], renames: dict[int, str], earliest_of: dict[str, int]) -> KBEntity:
    ms = sorted((j.m[i] for i in idx), key=lambda m: m.order)
    first = ms[0]
    kb = Counter(m.ent.kb_id for m in ms if m.ent.kb_id).most_common(1)
    kb = kb[0][0] if kb else None
    places = Counter(m.place for m in ms if m.place)
    top = places.most_common(1)[0][0] if places else None
    geo = next((m.ent.geo for m in ms if top and m.place == top), None) or next((m.ent.geo for m in ms if m.ent.geo), None)
    name, _why = canonical_name(ms, geo, kb)
    renamed = next((renames[i] for i in idx if i in renames), None)
    if renamed:
        name = renamed
    aliases: list[str] = []
    for m in ms:
        for f in m.names():
            if f != name and f not in aliases:
                aliases.append(f)
    # the id of the first member's own key, unless an earlier member with that key lives
    # in another entity (a split part): then the first member's own id
    eid = first.own_id if earliest_of[first.own_key] == first.order else stable_id("ent", *first.key)
    eid = next((j.named[i] for i in idx if i in j.named), eid)
    countries = Counter(m.country for m in ms if m.country)
    return KBEntity(
        id=eid,
        name=name,
        type=first.type,
        aliases=aliases,
        members=[m.key for m in ms],
        kb_id=kb,
        kind=next((m.ent.kind for m in ms if m.ent.kind), None),
        country=countries.most_common(1)[0][0] if countries else None,
        geo=geo,
        merges=list(j.why.get(root, [])),
    )


@corpus_step("entities")
def resolve_entities(state: CorpusState) -> CorpusState:
    j = _Joins(_members(state))
    _rules(j)
    touched: set[int] = set()
    renames = _apply_overrides(j, state.overrides, touched)
    groups = sorted(j.groups().items(), key=lambda kv: min(j.m[i].order for i in kv[1]))
    earliest_of: dict[str, int] = {}
    for m in j.m:
        earliest_of.setdefault(m.own_key, m.order)
    state.entities = [_entity(j, root, idx, renames, earliest_of) for root, idx in groups]
    roots = {j.find(i) for i in touched}
    state.analyst_entities = {e.id for e, (root, _) in zip(state.entities, groups) if root in roots}
    return state
