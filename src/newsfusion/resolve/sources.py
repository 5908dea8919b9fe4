"""Sources are entities: the ``sources`` corpus step ties every claim to the KB entity that makes it.

A claim names its source as the article writes it ("Residents", "a security
source", "Ahmed Warsame", "the army", "Reuters"). Its source entity is, in
order:

1. the article's entity the claims stage tied it to (``source_entity`` in the
   record), through the KB entity that entity belongs to;
2. else the article's entity that has the source as a name or alias (case,
   accents and "the" aside);
3. for a named person, organisation or outlet no entity of the article has: the
   KB entity of that type with that name anywhere in the corpus, else a
   source-only entity of that name (one for every article that quotes it);
4. a description ("residents", "a security source", "local media", "the
   army" when no entity of the article has it): a ``SOURCE`` entity scoped to
   the outlet that quotes it, or to the article when the outlet is unknown.
   "Residents" and "residents" in reports of one outlet are one source; the
   same words in another outlet's report are another, since nothing says they
   are the same people.

The author's own claims ("could not independently verify") go to the
article's author, else its outlet. The step adds the source-only and ``SOURCE``
entities to ``state.entities`` and fills ``state.claim_sources`` ((document,
claim id) -> entity id) and each entity's ``claims``; ``newsfusion sources``,
the source ratings and the grading's count of independent sources all work on
these entities, so every spelling of one source is one source.
"""

from __future__ import annotations

import re
from collections import Counter

from ..corpus import Claim, DocRecord
from ..gazetteer.normalize import name_key
from .base import CorpusState, KBEntity, corpus_step, stable_id
from .entities import is_generic

_DETERMINERS = re.compile(r"^(?:a|an|one|the|some|several|two|three|other|another)\s+")
KIND_TYPE = {"named_person": "PERSON", "named_org": "ORG", "media": "ORG", "author": "ORG"}


def describe_key(text: str) -> str:
    """The words of an anonymous description that say who it is ("Residents" = "residents",
    "a security source" = "security source")."""
    key = name_key(text)
    while True:
        bare = _DETERMINERS.sub("", key)
        if bare == key:
            return key
        key = bare


class _Index:
    """KB entities by member and, per document and corpus-wide, by name form."""

    def __init__(self, state: CorpusState):
        self.by_member: dict[tuple[str, str], KBEntity] = {}
        self.by_doc_form: dict[tuple[str, str], KBEntity] = {}
        self.by_form: dict[tuple[str, str], KBEntity] = {}
        for e in state.entities:
            for d, local in e.members:
                self.by_member[(d, local)] = e
            for f in [e.name, *e.aliases]:
                if f and not is_generic(f):
                    self.by_form.setdefault((e.type, name_key(f)), e)
        for d in state.records:
            for ent in d.entities:
                kb = self.by_member.get((d.doc_id, ent.id))
                if kb is None:
                    continue
                for f in [ent.name, *ent.aliases]:
                    if f:
                        self.by_doc_form.setdefault((d.doc_id, name_key(f)), kb)


def form_key(typ: str, name: str) -> str:
    """The key of a name form of a type, as the corpus-wide lookup uses it."""
    return f"{typ}\x1f{name_key(name)}"


def pick_name(votes: Counter[str], typ: str) -> str:
    """A made source entity's name: its most used spelling (a description in lower case when
    used as often: "residents", not the "Residents" that opened a sentence)."""
    return max(votes, key=lambda n: (votes[n], n.islower() if typ == "SOURCE" else len(n), n))


def _scope(doc: DocRecord) -> tuple[str, str]:
    """(key, shown) of what an anonymous source is scoped to: the outlet, else the article."""
    outlet = (doc.document.outlet or "").strip()
    if outlet:
        return f"outlet:{name_key(outlet)}", outlet
    return f"doc:{doc.doc_id}", doc.document.title or doc.doc_id


class _Sources:
    def __init__(self, state: CorpusState):
        self.state = state
        self.index = _Index(state)
        self.new: dict[str, KBEntity] = {}
        self.spellings: dict[str, Counter[str]] = {}
        self.spelled: str | None = None  # what the last claim counted as a spelling
        self.looked_up: str | None = None  # the corpus-wide form the last claim looked up

    def named_well(self) -> None:
        """Each new entity under its most used spelling (a description in lower case when
        used as often: "residents", not the "Residents" that opened a sentence)."""
        for key, e in self.new.items():
            votes = self.spellings[key]
            name = pick_name(votes, e.type)
            e.aliases = [n for n in votes if n != name]
            e.name = name

    def entity_for(self, doc: DocRecord, claim: Claim) -> KBEntity | None:
        self.spelled = self.looked_up = None
        name = (claim.source or "").strip()
        kind = claim.source_kind or ""
        local = claim.source_entity
        if local and (e := self.index.by_member.get((doc.doc_id, local))) is not None:
            return e
        if kind == "author":
            info = doc.document
            for n in (info.author, info.outlet, name):
                if n and (e := self.index.by_doc_form.get((doc.doc_id, name_key(n)))) is not None:
                    return e
            name = info.author or info.outlet or name
            typ = "PERSON" if info.author and name == info.author else "ORG"
            return self._named(typ, name, kind="outlet" if typ == "ORG" else None) if name and name != "author" else self._anonymous(doc, "the author")
        if not name:
            return self._anonymous(doc, "unnamed source")
        if (e := self.index.by_doc_form.get((doc.doc_id, name_key(name)))) is not None:
            return e
        if kind in ("named_person", "named_org", "media") and not is_generic(name):
            typ = KIND_TYPE[kind]
            self.looked_up = form_key(typ, name)
            e = self.index.by_form.get((typ, name_key(name)))
            return e if e is not None else self._named(typ, name, kind="outlet" if kind == "media" else None)
        return self._anonymous(doc, name)

    def _named(self, typ: str, name: str, kind: str | None = None) -> KBEntity:
        key = f"{typ}:{name_key(name)}"
        e = self.new.get(key)
        if e is None:
            e = self.new[key] = KBEntity(id=stable_id("ent", key), name=name, type=typ, kind=kind)
            self.index.by_form[(typ, name_key(name))] = e
        self.spellings.setdefault(key, Counter())[name] += 1
        self.spelled = name
        return e

    def _anonymous(self, doc: DocRecord, text: str) -> KBEntity:
        scope_key, shown = _scope(doc)
        key = f"source:{scope_key}:{describe_key(text)}"
        e = self.new.get(key)
        if e is None:
            e = self.new[key] = KBEntity(id=stable_id("ent", key), name=text, type="SOURCE", kind="anonymous", scope=shown)
        self.spellings.setdefault(key, Counter())[text] += 1
        self.spelled = text
        return e


@corpus_step("sources")
def link_sources(state: CorpusState) -> CorpusState:
    s = _Sources(state)
    state.claim_sources = {}
    state.claim_via = {}
    for e in state.entities:
        e.claims = []
    for d in state.records:
        for c in d.claims:
            e = s.entity_for(d, c)
            if e is None:
                continue
            state.claim_sources[(d.doc_id, c.id)] = e.id
            state.claim_via[(d.doc_id, c.id)] = (not e.members, s.spelled, s.looked_up)
            e.claims.append((d.doc_id, c.id))
    s.named_well()
    known = {e.id for e in state.entities}
    state.entities += [e for e in s.new.values() if e.id not in known]
    return state
