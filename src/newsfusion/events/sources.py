"""Who reports an event, and whether a source denies it.

An event's sources are the ``source`` of the claims (``Doc.claims``, from the
claims stage) whose content, else whose evidence, holds one of the event's
mentions or fatality figures; a group claiming responsibility is a source too.
With no such claim the article's author (or outlet) reports it. A claim that
denies the mention makes the event *alleged* when someone else asserts it, and
*denied* when the denial is the only report; the denial stays linked in
``Event.claims``. A hedged claim ("are believed to", "reportedly") makes an
occurred event alleged.
"""

from __future__ import annotations

from ..model import Doc, Span
from .draft import Draft


def _spans(d: Draft) -> list[Span]:
    spans = [d.trigger_span] + [m.trigger_span for m in d.merged] + [f.span for f in d.figures]
    return spans


def _claims_holding(doc: Doc, sp: Span) -> list[int]:
    hits = [i for i, c in enumerate(doc.claims) if c.content and c.content.contains(sp)]
    return hits or [i for i, c in enumerate(doc.claims) if c.evidence and c.evidence.contains(sp)]


def claims_for(doc: Doc, d: Draft) -> tuple[list[int], bool]:
    """Indices of the claims reporting the event, and whether the author states it unattributed."""
    out: list[int] = []
    by_author = False
    mentions = [d.trigger_span] + [m.trigger_span for m in d.merged]
    for sp in mentions + [f.span for f in d.figures]:
        hits = _claims_holding(doc, sp)
        if not hits and sp in mentions:
            by_author = True
        for i in hits:
            if i not in out:
                out.append(i)
    return out, by_author


def sources_and_status(doc: Doc, d: Draft, claim_ids: list[int], by_author: bool) -> tuple[list[str], str]:
    """(sources, status) for the event, from its claims."""
    sources: list[str] = []
    stances = [doc.claims[i].stance for i in claim_ids]
    for i in claim_ids:
        src = doc.claims[i].source
        if src and src not in sources:
            sources.append(src)
    if d.claim_actor:
        sources.extend(a.text for a in d.actors if a.text not in sources)
    if by_author or not sources:
        sources.append(doc.author_label())
    status = d.status
    asserted = by_author or any(s != "deny" for s in stances)
    if "deny" in stances:
        status = "alleged" if asserted else "denied"
    elif "hedge" in stances and status == "occurred" and not by_author:
        status = "alleged"
    return sources, status
