"""Cross-article entity resolution (minimal: exact name and type)."""

from __future__ import annotations

from .base import CorpusState, KBEntity, corpus_step, stable_id


@corpus_step("entities")
def resolve_entities(state: CorpusState) -> CorpusState:
    by_key: dict[tuple[str, str], KBEntity] = {}
    for d in state.docs:
        for e in d["entities"]:
            key = (e["type"], e["name"].lower())
            kb = by_key.get(key)
            if kb is None:
                kb = by_key[key] = KBEntity(stable_id("ent", *key), e["name"], e["type"])
            kb.members.append((d["doc_id"], e["id"]))
            for a in e.get("aliases", []):
                if a not in kb.aliases and a != kb.name:
                    kb.aliases.append(a)
    state.entities = list(by_key.values())
    return state
