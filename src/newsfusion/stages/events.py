"""Events stage: the ACLED-typed events an article states (rules in ``newsfusion.events``)."""

from __future__ import annotations

from ..events import extract_events
from ..model import Doc
from ..pipeline import stage


@stage("events", requires=["nlp", "entities", "times", "claims"], assigns=["events"], version="1")
def events_stage(doc: Doc) -> Doc:
    """Fill ``doc.events`` and link each claim to the events it reports (``Claim.events``)."""
    doc.events = extract_events(doc)
    for ei, ev in enumerate(doc.events):
        for ci in ev.claims:
            if 0 <= ci < len(doc.claims) and ei not in doc.claims[ci].events:
                doc.claims[ci].events.append(ei)
    return doc
