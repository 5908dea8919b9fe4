"""The attribution lexicon, read from ``data/claim_cues.json``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..resources import read_json


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, str]
    frames: dict[str, list[dict]]
    adjective_cues: dict[str, str]
    nouns: frozenset[str]
    passive_hedges: frozenset[str]
    hedge_adverbs: frozenset[str]
    hedge_words: frozenset[str]
    denial_phrases: tuple[str, ...]
    response_markers: tuple[str, ...]
    anonymous_heads: frozenset[str]
    media_heads: frozenset[str]
    org_heads: frozenset[str]
    passive_agent_cues: frozenset[str]
    passive_blame: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = read_json("claim_cues.json")
    frames = {k: v for k, v in raw["frames"].items() if not k.startswith("_")}
    return Lexicon(
        verbs=raw["verbs"],
        frames=frames,
        adjective_cues=raw["adjective_cues"],
        nouns=frozenset(raw["nouns"]),
        passive_hedges=frozenset(raw["passive_hedges"]),
        hedge_adverbs=frozenset(raw["hedge_adverbs"]),
        hedge_words=frozenset(raw["hedge_words"]),
        denial_phrases=tuple(raw["denial_phrases"]),
        response_markers=tuple(raw["response_markers"]),
        anonymous_heads=frozenset(raw["anonymous_heads"]),
        media_heads=frozenset(raw["media_heads"]),
        org_heads=frozenset(raw["org_heads"]),
        passive_agent_cues=frozenset(raw["passive_agent_cues"]),
        passive_blame=frozenset(raw["passive_blame"]),
    )
