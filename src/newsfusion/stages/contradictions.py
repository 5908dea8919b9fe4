"""In-article contradictions stage (placeholder: filled by the claims work)."""

from __future__ import annotations

from ..model import Doc
from ..pipeline import stage


@stage("contradictions", requires=["claims", "events"], assigns=["contradictions"], version="0")
def contradictions_stage(doc: Doc) -> Doc:
    return doc
