"""Events stage (placeholder: filled by the events work)."""

from __future__ import annotations

from ..model import Doc
from ..pipeline import stage


@stage("events", requires=["nlp", "entities", "times", "claims"], assigns=["events"], version="0")
def events_stage(doc: Doc) -> Doc:
    return doc
