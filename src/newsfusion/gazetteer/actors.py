"""The actor gazetteer: armed groups, state forces, governments, bodies and outlets.

Loaded from ``newsfusion/data/actors.jsonl`` (one actor per line, see
docs/gazetteer.md). ``ActorGazetteer.lookup`` finds an actor by any of its names
after normalisation (:func:`name_key`); aliases listed in ``ambiguous`` ("IS",
"PA", "AP") only match when written with exactly the same case.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsfusion.gazetteer._data import DATA_DIR, bad_field, read_jsonl
from newsfusion.gazetteer.normalize import case_key, name_key

ACTORS_PATH = DATA_DIR / "actors.jsonl"
ACTOR_KINDS = (
    "armed_group", "militia", "state_force", "police", "intelligence", "government", "ministry",
    "political_party", "intl_org", "ngo", "outlet", "company",
)
ACTOR_TYPES = ("ORG", "PERSON")
ACLED_INTER = (None, 1, 2, 3, 4, 5, 6, 7, 8)
_REQUIRED = ("id", "name", "type", "kind", "aliases")


@dataclass(frozen=True)
class Actor:
    """One real-world actor with every name it goes by."""

    id: str
    name: str
    type: str  # ORG (PERSON reserved)
    kind: str  # one of ACTOR_KINDS
    country: str | None = None  # ISO 3166-1 alpha-2 of its base; None when transnational
    aliases: tuple[str, ...] = ()
    parent: str | None = None  # id of the actor it is part of
    acled_inter: int | None = None  # ACLED interaction code of the actor type
    plover_sector: str | None = None  # PLOVER/CAMEO sector: REB, MIL, GOV, JRN, ...
    ambiguous: tuple[str, ...] = ()  # aliases matched only case-sensitively

    def forms(self) -> tuple[str, ...]:
        """The canonical name followed by every alias."""
        return (self.name, *self.aliases)


def actor_from_dict(obj: dict[str, Any], path: Path = ACTORS_PATH, number: int = 0) -> Actor:
    """Build an :class:`Actor` from one JSON record, checking the schema."""
    missing = [k for k in _REQUIRED if k not in obj]
    if missing:
        raise bad_field(path, number, f"missing field(s) {', '.join(missing)}")
    unknown = set(obj) - {f.name for f in Actor.__dataclass_fields__.values()}
    if unknown:
        raise bad_field(path, number, f"unknown field(s) {', '.join(sorted(unknown))}")
    if obj["kind"] not in ACTOR_KINDS:
        raise bad_field(path, number, f"kind {obj['kind']!r} is not one of {', '.join(ACTOR_KINDS)}")
    if obj["type"] not in ACTOR_TYPES:
        raise bad_field(path, number, f"type {obj['type']!r} is not one of {', '.join(ACTOR_TYPES)}")
    if obj.get("acled_inter") not in ACLED_INTER:
        raise bad_field(path, number, f"acled_inter {obj.get('acled_inter')!r} is not 1-8 or null")
    aliases = tuple(obj["aliases"])
    ambiguous = tuple(obj.get("ambiguous") or ())
    stray = [a for a in ambiguous if a not in aliases and a != obj["name"]]
    if stray:
        raise bad_field(path, number, f"ambiguous form(s) {stray} are not among the names")
    return Actor(
        id=obj["id"], name=obj["name"], type=obj["type"], kind=obj["kind"],
        country=obj.get("country"), aliases=aliases, parent=obj.get("parent"),
        acled_inter=obj.get("acled_inter"), plover_sector=obj.get("plover_sector"),
        ambiguous=ambiguous,
    )


@dataclass
class ActorGazetteer:
    """All actors, indexed by id, by normalised name and (for ambiguous forms) by exact case."""

    actors: dict[str, Actor] = field(default_factory=dict)
    _by_key: dict[str, list[Actor]] = field(default_factory=dict, repr=False)
    _by_case: dict[str, list[Actor]] = field(default_factory=dict, repr=False)

    @classmethod
    def from_actors(cls, actors: list[Actor]) -> "ActorGazetteer":
        gaz = cls()
        for actor in actors:
            gaz.actors[actor.id] = actor
            for form in actor.forms():
                if form in actor.ambiguous:
                    _add(gaz._by_case, case_key(form), actor)
                else:
                    _add(gaz._by_key, name_key(form), actor)
        return gaz

    def __len__(self) -> int:
        return len(self.actors)

    def __iter__(self):
        return iter(self.actors.values())

    def get(self, actor_id: str) -> Actor | None:
        """The actor with this id, or None."""
        return self.actors.get(actor_id)

    def lookup_all(self, text: str) -> list[Actor]:
        """Every actor one of whose names matches ``text`` (ambiguous forms by exact case)."""
        found = list(self._by_key.get(name_key(text), ()))
        for actor in self._by_case.get(case_key(text), ()):
            if actor not in found:
                found.append(actor)
        return found

    def lookup(self, text: str) -> Actor | None:
        """The one actor ``text`` names, or None when unknown or shared by several actors."""
        found = self.lookup_all(text)
        return found[0] if len(found) == 1 else None

    def parents(self, actor: Actor) -> list[Actor]:
        """The chain of actors ``actor`` is part of, nearest first."""
        chain: list[Actor] = []
        current = actor
        while current.parent and current.parent in self.actors and len(chain) < 10:
            current = self.actors[current.parent]
            chain.append(current)
        return chain

    def patterns(self, include_ambiguous: bool = True) -> list[tuple[str, Actor]]:
        """Every surface form to match in text, with its actor.

        Besides each name as written, adds the spelling variants text uses for the
        Arabic article ("al-Qassam" / "al Qassam" / "Al-Qassam" / "Al Qassam") and
        a form without a leading "the". Forms in ``actor.ambiguous`` must be matched
        case-sensitively (spaCy ``attr="ORTH"``); the rest case-insensitively.
        """
        out: list[tuple[str, Actor]] = []
        seen: set[tuple[str, str]] = set()
        for actor in self.actors.values():
            for form in actor.forms():
                ambiguous = form in actor.ambiguous
                if ambiguous and not include_ambiguous:
                    continue
                for variant in [form] if ambiguous else _variants(form):
                    if (variant, actor.id) not in seen:
                        seen.add((variant, actor.id))
                        out.append((variant, actor))
        return out


def _add(index: dict[str, list[Actor]], key: str, actor: Actor) -> None:
    bucket = index.setdefault(key, [])
    if actor not in bucket:
        bucket.append(actor)


def _variants(form: str) -> list[str]:
    """Spelling variants of one name for phrase matching."""
    out = [form]
    if form.lower().startswith("the "):
        out.append(form[4:])
    for src, dst in (("al-", "al "), ("Al-", "Al "), ("al-", "Al-"), ("Al ", "al-"), ("el-", "el ")):
        for current in list(out):
            if src in current:
                out.append(current.replace(src, dst))
    return list(dict.fromkeys(out))


def load_actors_from(path: Path) -> ActorGazetteer:
    """Read an actors JSONL file; raises ConfigError (E04x) naming the line on bad records."""
    actors: list[Actor] = []
    seen: set[str] = set()
    for number, obj in read_jsonl(path):
        actor = actor_from_dict(obj, path, number)
        if actor.id in seen:
            raise bad_field(path, number, f"duplicate id {actor.id!r}")
        seen.add(actor.id)
        actors.append(actor)
    return ActorGazetteer.from_actors(actors)


@lru_cache(maxsize=1)
def load_actors() -> ActorGazetteer:
    """The packaged actor gazetteer, read once per process."""
    return load_actors_from(ACTORS_PATH)
