"""Contradictions across articles (minimal: the in-article ones only)."""

from __future__ import annotations

from .base import CorpusState, KBContradiction, corpus_step, stable_id


@corpus_step("contradictions")
def find_contradictions(state: CorpusState) -> CorpusState:
    out = []
    for d in state.docs:
        for x in d.get("contradictions", []):
            a, b = dict(x["a"], doc_id=d["doc_id"]), dict(x["b"], doc_id=d["doc_id"])
            out.append(KBContradiction(stable_id("con", d["doc_id"], a["evidence"], b["evidence"]), x["about"], x["kind"], a, b))
    state.contradictions = out
    return state
