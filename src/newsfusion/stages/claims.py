"""Claims stage: attributed statements with source, cue, content and stance."""

from __future__ import annotations

from ..claims import extract_claims
from ..model import Doc
from ..pipeline import stage


@stage("claims", requires=["nlp", "entities"], assigns=["claims"], version="1")
def claims_stage(doc: Doc) -> Doc:
    doc.claims = extract_claims(doc)
    return doc
