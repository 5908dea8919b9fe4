"""A ``Doc`` as the per-document object of ``../shared/eval/FORMAT.md``.

The scored fields come first; extra fields (spans, ids, geo, resolved dates,
status, grades) ride along and are ignored by the scorer.
"""

from __future__ import annotations

from typing import Any

from ..model import Arg, Doc, Side, Span


def _span(s: Span | None) -> list[int] | None:
    return None if s is None else s.to_list()


def _arg(doc: Doc, a: Arg) -> str:
    if a.entity is not None and 0 <= a.entity < len(doc.entities):
        return doc.entities[a.entity].name
    return a.text


def doc_record(doc: Doc) -> dict[str, Any]:
    art = doc.article
    return {
        "doc_id": doc.doc_id,
        "document": {
            "author": art.author,
            "outlet": art.outlet,
            "published": art.published,
            "title": art.title,
            "url": art.url,
        },
        "entities": [
            {
                "id": f"e{i}",
                "name": e.name,
                "type": e.type,
                "aliases": list(e.aliases),
                "kb_id": e.kb_id,
                "kind": e.kind,
                "country": e.country,
                "geo": None if e.geo is None else vars(e.geo),
                "mentions": [_span(doc.mentions[m].span) for m in e.mentions],
            }
            for i, e in enumerate(doc.entities)
        ],
        "events": [
            {
                "id": f"v{i}",
                "acled_type": ev.acled_type,
                "acled_sub_type": ev.acled_sub_type,
                "actors": [_arg(doc, a) for a in ev.actors],
                "targets": [_arg(doc, a) for a in ev.targets],
                "location": _arg(doc, ev.location) if ev.location else None,
                "time_text": ev.time.text if ev.time else None,
                "time": None if ev.time is None else {"start": ev.time.start, "end": ev.time.end, "resolved": ev.time.resolved, "note": ev.time.note},
                "fatalities": {"min": ev.fatalities.min, "max": ev.fatalities.max, **({"breakdown": ev.fatalities.breakdown} if ev.fatalities.breakdown else {})},
                "sources": list(ev.sources),
                "status": ev.status,
                "background": ev.background,
                "weapon": ev.weapon,
                "plover": {"type": ev.plover_type, "mode": ev.plover_mode},
                "evidence": doc.span_text(ev.evidence),
                "evidence_span": _span(ev.evidence),
                "trigger_span": _span(ev.trigger),
                "claims": [f"c{c}" for c in ev.claims],
            }
            for i, ev in enumerate(doc.events)
        ],
        "claims": [
            {
                "id": f"c{i}",
                "source": c.source,
                "source_kind": c.source_kind,
                "stance": c.stance,
                "cue": doc.span_text(c.cue),
                "evidence": doc.span_text(c.evidence),
                "content": doc.span_text(c.content),
                "cue_span": _span(c.cue),
                "content_span": _span(c.content),
                "evidence_span": _span(c.evidence),
                "source_span": _span(c.source_span),
                "source_entity": f"e{c.source_entity}" if c.source_entity is not None and 0 <= c.source_entity < len(doc.entities) else None,
                "resolved_from": c.resolved_from,
            }
            for i, c in enumerate(doc.claims)
        ],
        "relations": [
            {
                "subject": r.subject,
                "predicate": r.predicate,
                "object": r.object,
                "evidence": doc.span_text(r.evidence),
                "evidence_span": _span(r.evidence),
                "claim": None if r.claim is None else f"c{r.claim}",
            }
            for r in doc.relations
        ],
        "contradictions": [
            {"about": x.about, "kind": x.kind, "a": _side(doc, x.a), "b": _side(doc, x.b)} for x in doc.contradictions
        ],
        "warnings": list(doc.warnings),
    }


def _side(doc: Doc, s: Side) -> dict[str, Any]:
    return {
        "evidence": doc.span_text(s.evidence),
        "evidence_span": _span(s.evidence),
        "source": s.source,
        "claim": None if s.claim is None else f"c{s.claim}",
        "event": None if s.event is None else f"v{s.event}",
        "value": s.value,
    }
