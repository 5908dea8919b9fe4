"""Corroboration and Admiralty grades (minimal: cannot be judged)."""

from __future__ import annotations

from .base import CorpusState, Grade, corpus_step


@corpus_step("grading")
def grade(state: CorpusState) -> CorpusState:
    state.grades = [
        Grade("claim", f"{d['doc_id']}:{c['id']}", "F", 6, 0, ["not graded yet"]) for d in state.docs for c in d["claims"]
    ]
    return state
