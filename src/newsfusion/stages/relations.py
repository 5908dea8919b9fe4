"""Relations stage (placeholder: filled by the entities/claims work)."""

from __future__ import annotations

from ..model import Doc
from ..pipeline import stage


@stage("relations", requires=["nlp", "entities", "claims"], assigns=["relations"], version="0")
def relations_stage(doc: Doc) -> Doc:
    return doc
