"""Per-document rows: an article and its FORMAT.md record, flattened into table rows.

The record (``export.record.doc_record``) is stored whole in
``documents.record`` and stays the truth; the other per-document tables are a
queryable projection of it. Functions here are pure (no database).
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from typing import Any

from ..model import Article, Mention
from ..resolve.base import plausible_toll

# NUL cannot be stored in PostgreSQL text and lone surrogates cannot be encoded
# as UTF-8: both become U+FFFD, one character for one, so offsets still hold.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def clean(value: Any) -> Any:
    """A string made storable on every engine (same length); other values unchanged."""
    if isinstance(value, str) and _UNSTORABLE.search(value):
        return _UNSTORABLE.sub("\ufffd", value)
    return value


def to_json(obj: Any) -> str | None:
    if obj is None:
        return None
    return clean(json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=str))


def from_json(s: str | None, default: Any = None) -> Any:
    if s is None or s == "":
        return default
    return json.loads(s)


def now() -> str:
    """UTC time in ISO 8601 with microseconds (sorts as text, orders documents within a second)."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def int32(v: Any) -> int | None:
    """An integer that fits an SQL INTEGER column on every engine, else None (the record keeps it)."""
    if isinstance(v, bool) or not isinstance(v, int):
        return None
    return v if -(2**31) <= v < 2**31 else None


def _span(prefix: str, span: Any) -> dict[str, int | None]:
    if isinstance(span, (list, tuple)) and len(span) == 2:
        return {f"{prefix}_start": int32(span[0]), f"{prefix}_end": int32(span[1])}
    return {f"{prefix}_start": None, f"{prefix}_end": None}


def _c(d: dict[str, Any]) -> dict[str, Any]:
    return {k: clean(v) for k, v in d.items()}


def document_row(doc_id: str, art: Article, record: dict[str, Any], **extra: Any) -> dict[str, Any]:
    row = {
        "id": doc_id,
        "name": art.name,
        "title": art.title,
        "author": art.author,
        "outlet": art.outlet,
        "published": art.published,
        "url": art.url,
        "source_path": art.source_path,
        "source_format": art.source_format,
        "language": art.language,
        "text": art.text,
        "record": to_json(record),
        **extra,
    }
    return _c(row)


def entity_rows(doc_id: str, record: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        _c(
            {
                "doc_id": doc_id,
                "local_id": e["id"],
                "name": e.get("name") or "",
                "type": e.get("type") or "",
                "kb_id": e.get("kb_id"),
                "kind": e.get("kind"),
                "country": e.get("country"),
                "aliases": to_json(list(e.get("aliases") or [])),
            }
        )
        for e in record.get("entities", [])
    ]


def mention_rows(doc_id: str, record: dict[str, Any], text: str, mentions: list[Mention] | None = None) -> list[dict[str, Any]]:
    """One row per mention: from the Doc's mentions when given, else from the record's spans."""
    rows = []
    if mentions is not None:
        for m in mentions:
            local = None if m.entity is None else f"e{m.entity}"
            rows.append({"doc_id": doc_id, "entity_local_id": local, **_span("span", m.span.to_list()), "text": m.text, "type": m.type, "source": m.source})
    else:
        for e in record.get("entities", []):
            for sp in e.get("mentions") or []:
                if sp is None:
                    continue
                rows.append({"doc_id": doc_id, "entity_local_id": e["id"], **_span("span", sp), "text": text[sp[0] : sp[1]], "type": e.get("type"), "source": None})
    return [_c(r) for r in rows]


def event_rows(doc_id: str, record: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for ev in record.get("events", []):
        time = ev.get("time") or {}
        fat = ev.get("fatalities") or {}
        rows.append(
            {
                "doc_id": doc_id,
                "local_id": ev["id"],
                "acled_type": ev.get("acled_type"),
                "acled_sub_type": ev.get("acled_sub_type"),
                "actors": to_json(ev.get("actors") or []),
                "targets": to_json(ev.get("targets") or []),
                "location": ev.get("location"),
                "time_text": ev.get("time_text"),
                "time_start": time.get("start"),
                "time_end": time.get("end"),
                "fatalities_min": plausible_toll(fat.get("min")),  # beyond one incident's toll: NULL (the record keeps it)
                "fatalities_max": plausible_toll(fat.get("max")),
                "status": ev.get("status"),
                "weapon": ev.get("weapon"),
                "sources": to_json(ev.get("sources") or []),
                "evidence": ev.get("evidence"),
                **_span("evidence", ev.get("evidence_span")),
                **_span("trigger", ev.get("trigger_span")),
            }
        )
    return [_c(r) for r in rows]


def claim_rows(doc_id: str, record: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for c in record.get("claims", []):
        row = {"doc_id": doc_id, "local_id": c["id"]}
        for k in ("source", "source_kind", "stance", "cue", "content", "evidence", "resolved_from"):
            row[k] = c.get(k)
        for k in ("cue", "content", "evidence", "source"):
            row.update(_span(k, c.get(f"{k}_span")))
        rows.append(_c(row))
    return rows


def relation_rows(doc_id: str, record: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        _c(
            {
                "doc_id": doc_id,
                "subject": r.get("subject"),
                "predicate": r.get("predicate"),
                "object": r.get("object"),
                "evidence": r.get("evidence"),
                **_span("evidence", r.get("evidence_span")),
                "claim_local_id": r.get("claim"),
            }
        )
        for r in record.get("relations", [])
    ]
