"""In-article contradictions stage: disputed figures and denials with what they deny."""

from __future__ import annotations

from ..contradictions import find_contradictions
from ..model import Doc
from ..pipeline import stage


@stage("contradictions", requires=["claims", "events"], assigns=["contradictions"], version="1")
def contradictions_stage(doc: Doc) -> Doc:
    doc.contradictions = find_contradictions(doc)
    return doc
