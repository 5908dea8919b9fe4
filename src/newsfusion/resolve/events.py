"""Event fusion across articles (minimal: every report is its own event)."""

from __future__ import annotations

from .base import CorpusState, KBEvent, corpus_step, stable_id


@corpus_step("events")
def fuse_events(state: CorpusState) -> CorpusState:
    state.events = [
        KBEvent(stable_id("evt", d["doc_id"], ev["id"]), ev["acled_type"], ev["acled_sub_type"], reports=[(d["doc_id"], ev["id"])])
        for d in state.docs
        for ev in d["events"]
    ]
    return state
