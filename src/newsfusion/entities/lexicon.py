"""Word lists of the entities stage, read from ``data/entity_lexicon.json``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..resources import read_json


@dataclass(frozen=True)
class EntityLexicon:
    not_entities: frozenset[str]
    kunya: frozenset[str]
    name_particles: frozenset[str]
    titles: tuple[str, ...]
    org_heads: frozenset[str]
    facility_heads: frozenset[str]
    place_suffixes: frozenset[str]
    directions: frozenset[str]
    apposition_heads: frozenset[str]
    control_modifiers: frozenset[str]
    military_heads: tuple[str, ...]
    police_heads: tuple[str, ...]
    epithets: dict[str, str]


@lru_cache(maxsize=1)
def entity_lexicon() -> EntityLexicon:
    raw = read_json("entity_lexicon.json")
    return EntityLexicon(
        not_entities=frozenset(w.lower() for w in raw["not_entities"]),
        kunya=frozenset(raw["kunya"]),
        name_particles=frozenset(raw["name_particles"]),
        titles=tuple(sorted(raw["titles"], key=len, reverse=True)),
        org_heads=frozenset(raw["org_heads"]),
        facility_heads=frozenset(raw["facility_heads"]),
        place_suffixes=frozenset(raw["place_suffixes"]),
        directions=frozenset(raw["directions"]),
        apposition_heads=frozenset(raw["apposition_heads"]),
        control_modifiers=frozenset(raw["control_modifiers"]),
        military_heads=tuple(raw["military_heads"]),
        police_heads=tuple(raw["police_heads"]),
        epithets=dict(raw["epithets"]),
    )
