"""Relations stage: member_of, leader_of, spokesperson_of, allied_with, pledged_allegiance_to,
hostile_to, part_of, located_in."""

from __future__ import annotations

from ..model import Doc
from ..pipeline import stage
from ..relations import extract_relations


@stage("relations", requires=["nlp", "entities", "claims", "events"], assigns=["relations"], version="2")
def relations_stage(doc: Doc) -> Doc:
    doc.relations = extract_relations(doc)
    return doc
