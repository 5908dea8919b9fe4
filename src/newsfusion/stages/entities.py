"""Entities stage: PERSON, ORG and LOCATION entities with aliases and places."""

from __future__ import annotations

from ..entities import build_entities
from ..model import Doc
from ..pipeline import stage


@stage("entities", requires=["nlp"], assigns=["mentions", "entities"], version="1")
def entities_stage(doc: Doc) -> Doc:
    build_entities(doc)
    return doc
