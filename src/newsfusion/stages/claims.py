"""Claims stage (placeholder: filled by the claims work)."""

from __future__ import annotations

from ..model import Doc
from ..pipeline import stage


@stage("claims", requires=["nlp", "entities"], assigns=["claims"], version="0")
def claims_stage(doc: Doc) -> Doc:
    return doc
