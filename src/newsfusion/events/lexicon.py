"""The event trigger lexicon and word classes, read from the package data files.

``data/event_triggers.json`` lists the triggers (lemma, parts of speech, frame and
optional conditions on the parse); ``data/event_lexicon.json`` the generic word
classes (armed, civilian, territory, ...) and cue words (modality, intervention,
hedges) the rules consult. Both are plain data so that a reviewer can read and
extend the vocabulary without touching code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from ..errors import ConfigError

DATA_PACKAGE = "newsfusion.data"


@dataclass(frozen=True)
class TriggerRule:
    """One lexicon entry: a lemma set evoking ``frame`` under optional conditions."""

    lemmas: frozenset[str]
    pos: frozenset[str]
    frame: str
    particle: str | None = None
    objects: frozenset[str] | None = None
    object_class: str | None = None
    compound: frozenset[str] | None = None
    prep: tuple[tuple[str, frozenset[str] | None, str | None], ...] = ()
    purpose: frozenset[str] | None = None
    subject_class: str | None = None
    subject_strict: bool = False  # the subject must be in the class (no named-entity fallback)
    object_entity: str | None = None
    advmod: str | None = None
    weapon: str | None = None
    participant: bool = False
    intransitive: bool = False  # the verb has no direct object ("rallied in Bamako")
    nationality: bool = False  # a nationality modifies the noun ("Israeli strikes")
    head_verb: frozenset[str] | None = None  # the noun is the subject of one of these verbs
    object_of: frozenset[str] | None = None  # the noun is the object of one of these verbs ("carried out a strike")
    nominal_use: bool = False  # a gerund used as a noun ("Fighting between X and Y killed ...")
    infinitive: bool = False  # the verb takes a "to" infinitive ("agreed to open talks")

    @property
    def specificity(self) -> int:
        """How many conditions the rule sets: the most specific matching rule wins."""
        conds = (self.particle, self.objects or self.object_class, self.compound, self.prep,
                 self.purpose, self.subject_class, self.object_entity, self.advmod, self.intransitive,
                 self.nationality, self.head_verb, self.object_of, self.infinitive)
        return sum(1 for c in conds if c)


@dataclass
class Lexicon:
    """Trigger rules indexed by lemma, plus the word classes and cue lists."""

    rules: dict[str, list[TriggerRule]]
    classes: dict[str, frozenset[str]]
    weapons: dict[str, tuple[str, ...]]
    cues: dict[str, frozenset[str]] = field(default_factory=dict)
    modality: dict[str, frozenset[str]] = field(default_factory=dict)
    _rules_memo: dict[tuple[str, ...], tuple[TriggerRule, ...]] = field(default_factory=dict, repr=False, compare=False)

    def has(self, cls: str, word: str) -> bool:
        """``word`` (a lemma or lower-cased form) belongs to word class ``cls``."""
        return word.lower() in self.classes.get(cls, frozenset())

    def has_tok(self, cls: str, tok) -> bool:
        """A spaCy token belongs to ``cls`` by its lemma, its form or its singular ("Fighters")."""
        low = tok.lower_
        return any(self.has(cls, w) for w in (tok.lemma_.lower(), low, low[:-1] if low.endswith("s") else low))

    def cue(self, name: str) -> frozenset[str]:
        return self.cues.get(name, frozenset())

    def rules_for(self, *forms: str) -> list[TriggerRule]:
        got = self._rules_memo.get(forms)
        if got is None:
            seen: list[TriggerRule] = []
            for f in forms:
                for r in self.rules.get(f.lower(), ()):
                    if r not in seen:
                        seen.append(r)
            got = tuple(seen)
            if len(self._rules_memo) > 50_000:
                self._rules_memo.clear()
            self._rules_memo[forms] = got
        return list(got)


def _words(value: Any) -> tuple[frozenset[str] | None, str | None]:
    """A condition value: a list of words, or '@class' naming a word class."""
    if value is None:
        return None, None
    if isinstance(value, str):
        if value.startswith("@"):
            return None, value[1:]
        return frozenset([value.lower()]), None
    return frozenset(w.lower() for w in value), None


def _rule(entry: dict[str, Any]) -> TriggerRule:
    lemmas = entry["lemma"]
    lemmas = [lemmas] if isinstance(lemmas, str) else lemmas
    objects, object_class = _words(entry.get("object"))
    compound, _ = _words(entry.get("compound"))
    purpose, _ = _words(entry.get("purpose"))
    prep = []
    for p, v in (entry.get("prep") or {}).items():
        words, cls = _words(v)
        prep.append((p, words, cls))
    subject = entry.get("subject") or entry.get("subject_only")
    return TriggerRule(
        lemmas=frozenset(x.lower() for x in lemmas),
        pos=frozenset(entry.get("pos") or ["VERB", "NOUN"]),
        frame=entry["frame"],
        particle=entry.get("particle"),
        objects=objects,
        object_class=object_class,
        compound=compound,
        prep=tuple(prep),
        purpose=purpose,
        subject_class=subject[1:] if isinstance(subject, str) and subject.startswith("@") else None,
        subject_strict="subject_only" in entry,
        object_entity=entry.get("object_entity"),
        advmod=entry.get("particle_or_advmod"),
        weapon=entry.get("weapon"),
        participant=bool(entry.get("participant")),
        intransitive=bool(entry.get("intransitive")),
        nationality=bool(entry.get("nationality")),
        head_verb=frozenset(entry["head_verb"]) if entry.get("head_verb") else None,
        object_of=frozenset(entry["object_of"]) if entry.get("object_of") else None,
        nominal_use=bool(entry.get("subject_of_verb")),
        infinitive=bool(entry.get("infinitive")),
    )


def _read(name: str) -> dict[str, Any]:
    try:
        return json.loads(resources.files(DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(
            "E041",
            f"cannot read the event data file {name}: {exc}",
            "reinstall newsfusion or restore src/newsfusion/data/" + name,
        ) from exc


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Load (once) the trigger lexicon and word classes from the package data."""
    trig = _read("event_triggers.json")
    lex = _read("event_lexicon.json")
    rules: dict[str, list[TriggerRule]] = {}
    for entry in trig["triggers"]:
        r = _rule(entry)
        for lemma in r.lemmas:
            rules.setdefault(lemma, []).append(r)
    classes = {k: frozenset(w.lower() for w in v) for k, v in lex["classes"].items()}
    weapons = {k: tuple(v) for k, v in lex["weapons"].items()}
    cue_names = ("intervention_cues", "lethal_force_cues", "riot_cues", "light_verbs", "hedges",
                 "historical_words", "time_prepositions")
    cues = {k.removesuffix("_cues"): frozenset(lex.get(k, ())) for k in cue_names}
    modality = {k: frozenset(v) for k, v in lex["modality"].items()}
    return Lexicon(rules, classes, weapons, cues, modality)
