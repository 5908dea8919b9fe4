"""In-article contradictions stage: disputed figures, conflicting accounts, denials with what
they deny; and updates (a speaker revising its own figure)."""

from __future__ import annotations

from ..contradictions import find_contradictions, find_updates
from ..model import Doc
from ..pipeline import stage


@stage("contradictions", requires=["claims", "events"], assigns=["contradictions", "updates"], version="2")
def contradictions_stage(doc: Doc) -> Doc:
    doc.contradictions = find_contradictions(doc)
    doc.updates = find_updates(doc)
    return doc
