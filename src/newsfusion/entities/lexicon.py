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
    epithets: dict[str, str]
    institution_heads: dict[str, str]
    institution_kinds: dict[str, str]
    institution_need_country: frozenset[str]
    institution_army_names: tuple[str, ...]
    institution_blockers: frozenset[str]
    ministry_topics: frozenset[str]
    admin_words: frozenset[str]
    admin_weak_capitalised: frozenset[str]
    facility_words: tuple[str, ...]
    platforms: frozenset[str]
    rank_words: frozenset[str]
    description_nouns: frozenset[str]
    outlet_words: frozenset[str]
    weapon_words: frozenset[str]


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
        epithets=dict(raw["epithets"]),
        institution_heads={k: v for k, v in raw["institution_heads"].items() if not k.startswith("_")},
        institution_kinds=dict(raw["institution_kinds"]),
        institution_need_country=frozenset(raw["institution_need_country"]),
        institution_army_names=tuple(raw["institution_army_names"]),
        institution_blockers=frozenset(raw["institution_blockers"]),
        ministry_topics=frozenset(raw["ministry_topics"]),
        admin_words=frozenset(raw["admin_words"]["strong"]),
        admin_weak_capitalised=frozenset(raw["admin_words"]["weak_capitalised"]),
        facility_words=tuple(sorted(raw["facility_words"], key=len, reverse=True)),
        platforms=frozenset(raw["platforms"]),
        rank_words=frozenset(raw["rank_words"]),
        description_nouns=frozenset(raw["description_nouns"]),
        outlet_words=frozenset(raw["outlet_words"]),
        weapon_words=frozenset(raw["weapon_words"]),
    )
