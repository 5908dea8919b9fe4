"""Time expressions stage: as written, resolved to a date range when the article date is known."""

from __future__ import annotations

from ..model import Doc, TimeExpr
from ..pipeline import stage
from ..times import find_times, resolve_time


@stage("times", requires=["nlp"], assigns=["times"], version="1")
def times_stage(doc: Doc) -> Doc:
    for span in find_times(doc.text, doc.nlp):
        text = doc.span_text(span)
        r = resolve_time(text, doc.article.published)
        doc.times.append(TimeExpr(span, text, r.start, r.end, r.resolved, r.note))
    return doc
