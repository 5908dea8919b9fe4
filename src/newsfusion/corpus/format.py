"""The edge between FORMAT.md dicts (``../shared/eval/FORMAT.md``, ``export/record.py``) and typed records.

:func:`from_format` reads one article's record dict (as the store keeps it) into a
:class:`~newsfusion.corpus.records.DocRecord`; :func:`to_format` writes it back.
``to_format(from_format(d))`` is ``d`` again, key order and unknown keys included
(a null list of names excepted: it reads as () and is written as []),
so ``json.dumps`` gives the same bytes (tests/corpus/test_format.py checks it on the
devset gold and on the pipeline's output). Nothing else converts between the two.
"""

from __future__ import annotations

from typing import Any

from .records import Claim, Contradiction, DocRecord, DocumentInfo, EntityMention, EventReport, Relation

_DOCUMENT = ("author", "outlet", "published", "title", "url")
_ENTITY = ("id", "name", "type", "aliases", "kb_id", "kind", "country", "geo", "mentions")
_EVENT = ("id", "acled_type", "acled_sub_type", "actors", "targets", "location", "time_text", "time", "fatalities", "sources",
          "status", "background", "weapon", "plover", "evidence", "evidence_span", "trigger_span", "mentions", "claims")
_CLAIM = ("id", "source", "source_kind", "stance", "cue", "evidence", "content", "cue_span", "content_span", "evidence_span",
          "source_span", "source_entity", "resolved_from")
_RELATION = ("subject", "predicate", "object", "evidence", "evidence_span", "claim")
_CONTRADICTION = ("about", "kind", "a", "b")
_RECORD = ("doc_id", "document", "entities", "events", "claims", "relations", "contradictions")
# fields held as tuples (a JSON list; null or absent reads as ())
_TUPLES = frozenset({"aliases", "actors", "targets", "sources", "claims"})
_NESTED = frozenset({"document", "entities", "events", "claims", "relations", "contradictions"})


_KNOWN = {k: frozenset(k) for k in (_DOCUMENT, _ENTITY, _EVENT, _CLAIM, _RELATION, _CONTRADICTION, _RECORD)}
_TUPLES_OF = {k: tuple(f for f in k if f in _TUPLES) for k in _KNOWN}


def _extra(d: dict[str, Any], known: tuple[str, ...]) -> Any:
    names = _KNOWN[known]
    more = {k: v for k, v in d.items() if k not in names}
    return more or None


def _fields(cls: type, d: dict[str, Any], known: tuple[str, ...]) -> Any:
    names = _KNOWN[known]
    kw, more = {}, None
    for k, v in d.items():
        if k in names:
            kw[k] = v
        elif more is None:
            more = {k: v}
        else:
            more[k] = v
    for k in _TUPLES_OF[known]:
        if k in kw:
            kw[k] = tuple(kw[k] or ())
    return cls(**kw, keys=tuple(d), extra=more)


def _document(d: Any) -> DocumentInfo:
    if d is None:
        return DocumentInfo(null=True)
    return _fields(DocumentInfo, d, _DOCUMENT)


def from_format(d: dict[str, Any]) -> DocRecord:
    """The typed record of one article's FORMAT.md dict."""
    return DocRecord(
        doc_id=d.get("doc_id", ""),
        document=_document(d["document"]) if "document" in d else DocumentInfo(),
        entities=tuple(_fields(EntityMention, e, _ENTITY) for e in d.get("entities") or ()),
        events=tuple(_fields(EventReport, e, _EVENT) for e in d.get("events") or ()),
        claims=tuple(_fields(Claim, c, _CLAIM) for c in d.get("claims") or ()),
        relations=tuple(_fields(Relation, r, _RELATION) for r in d.get("relations") or ()),
        contradictions=tuple(_fields(Contradiction, x, _CONTRADICTION) for x in d.get("contradictions") or ()),
        keys=tuple(d),
        extra=_extra(d, _RECORD),
    )


def _out(obj: Any, known: tuple[str, ...]) -> dict[str, Any]:
    extra = obj.extra or {}
    keys = obj.keys if obj.keys is not None else known + tuple(extra)
    out = {}
    for k in keys:
        if k in extra:
            out[k] = obj.extra[k]
        else:
            v = getattr(obj, k)
            out[k] = list(v) if k in _TUPLES else v
    return out


def to_format(rec: DocRecord) -> dict[str, Any]:
    """The FORMAT.md dict of a typed record (the dict it was read from, when it was read)."""
    parts = {
        "document": None if rec.document.null else _out(rec.document, _DOCUMENT),
        "entities": [_out(e, _ENTITY) for e in rec.entities],
        "events": [_out(e, _EVENT) for e in rec.events],
        "claims": [_out(c, _CLAIM) for c in rec.claims],
        "relations": [_out(r, _RELATION) for r in rec.relations],
        "contradictions": [_out(x, _CONTRADICTION) for x in rec.contradictions],
    }
    extra = rec.extra or {}
    keys = rec.keys if rec.keys is not None else _RECORD + tuple(extra)
    out = {}
    for k in keys:
        if k in extra:
            out[k] = extra[k]
        elif k in parts:
            out[k] = parts[k]
        else:
            out[k] = rec.doc_id
    return out


def entity_from_format(d: dict[str, Any]) -> EntityMention:
    """One entity mention of a FORMAT.md dict (the corpus index keeps members' facts so)."""
    return _fields(EntityMention, d, _ENTITY)


def entity_to_format(e: EntityMention) -> dict[str, Any]:
    """The FORMAT.md dict of one entity mention."""
    return _out(e, _ENTITY)
