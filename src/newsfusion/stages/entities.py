"""Entities stage (minimal): spaCy's named entities mapped to PERSON/ORG/LOCATION."""

from __future__ import annotations

from ..model import Doc, Entity, Mention, Span
from ..pipeline import stage

LABELS = {"PERSON": "PERSON", "ORG": "ORG", "NORP": "ORG", "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "LOCATION"}


@stage("entities", requires=["nlp"], assigns=["mentions", "entities"], version="0")
def entities_stage(doc: Doc) -> Doc:
    by_name: dict[tuple[str, str], int] = {}
    for ent in doc.nlp.ents:
        typ = LABELS.get(ent.label_)
        if typ is None:
            continue
        name = ent.text.strip()
        key = (name.lower(), typ)
        if key not in by_name:
            by_name[key] = len(doc.entities)
            doc.entities.append(Entity(name=name, type=typ))
        idx = by_name[key]
        doc.mentions.append(Mention(Span(ent.start_char, ent.end_char), ent.text, typ, idx))
        doc.entities[idx].mentions.append(len(doc.mentions) - 1)
    return doc
