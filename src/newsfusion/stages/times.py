"""Time expressions stage (minimal): spaCy DATE entities kept as written."""

from __future__ import annotations

from ..model import Doc, Span, TimeExpr
from ..pipeline import stage


@stage("times", requires=["nlp"], assigns=["times"], version="0")
def times_stage(doc: Doc) -> Doc:
    for ent in doc.nlp.ents:
        if ent.label_ == "DATE":
            doc.times.append(TimeExpr(Span(ent.start_char, ent.end_char), ent.text))
    return doc
