"""Export from the pages: ``/export/{list}.csv`` and ``.json`` give what a list shows.

Each list page (documents, entities, the timeline's events, claims,
contradictions, sources, decisions) links to these with its own filters and
sort order; the file holds every row that matches (not only the page on
screen), at most :data:`EXPORT_MAX`. The rows are the API's items: JSON as
``{"items": [...], "total": N}``; CSV with one column per field, lists joined
by ``; `` and objects as JSON. Article text is hostile input: a CSV cell that
a spreadsheet would read as a formula (starting with ``= + - @`` or a tab) is
prefixed with ``'``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response

from ..kb import KnowledgeBase
from .context import read
from .errors import BadRequest, NotFound

router = APIRouter(include_in_schema=False)
EXPORT_MAX = 10_000

# list -> (the knowledge base's read, the filters it takes)
LISTS: dict[str, tuple[Callable[..., Any], tuple[str, ...]]] = {
    "documents": (KnowledgeBase.documents_page, ("outlet", "published_from", "published_to", "sort")),
    "entities": (KnowledgeBase.entities_page, ("name", "type", "kind", "country", "sort")),
    "events": (KnowledgeBase.events_page, ("type", "sub_type", "actor", "place", "date_from", "date_to", "status", "credibility", "source", "sort")),
    "claims": (KnowledgeBase.claims_page, ("source", "source_kind", "stance", "doc", "entity", "role")),
    "contradictions": (KnowledgeBase.contradictions_page, ("doc", "kind")),
    "sources": (KnowledgeBase.sources_page, ("name", "kind", "sort")),
    "decisions": (KnowledgeBase.decisions_page, ("status", "action", "target", "target_id", "sort")),
}
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def filters(kind: str, query: Any) -> dict[str, Any]:
    """The list's own filters from the query string (others ignored), as the query takes them."""
    _, allowed = LISTS[kind]
    out: dict[str, Any] = {}
    for key in allowed:
        value = (query.get(key) or "").strip()
        if not value:
            continue
        if len(value) > 500 or "\x00" in value:
            raise BadRequest(f"{key} is too long or holds a NUL", "shorten it")
        if key == "credibility":
            if value not in "123456" or len(value) != 1:
                raise BadRequest("credibility must be 1-6", "use a digit 1-6", code="E307")
            out[key] = int(value)
        else:
            out[key] = value
    return out


def cell(value: Any) -> str:
    if value is None:
        text = ""
    elif isinstance(value, list | tuple):
        text = "; ".join(json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else str(v) for v in value)
    elif isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = str(value)
    return "'" + text if text.startswith(FORMULA) else text


def to_csv(items: list[dict[str, Any]]) -> str:
    cols: list[str] = []
    for it in items:
        cols += [k for k in it if k not in cols]
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(cols)
    for it in items:
        w.writerow([cell(it.get(c)) for c in cols])
    return buf.getvalue()


@router.get("/export/{kind}.{fmt}")
def export(request: Request, kind: str = Path(max_length=20), fmt: str = Path(max_length=4)) -> Response:
    if kind not in LISTS or fmt not in ("csv", "json"):
        raise NotFound(f"no export {kind}.{fmt}", f"lists: {', '.join(LISTS)}; formats: csv, json")
    fn, _ = LISTS[kind]
    page = read(request, fn, limit=EXPORT_MAX, offset=0, **filters(kind, request.query_params))
    items = [x.to_dict() if hasattr(x, "to_dict") else dict(x) for x in page.items]
    name = f"newsfusion-{kind}.{fmt}"
    headers = {"content-disposition": f'attachment; filename="{name}"', "cache-control": "no-store"}
    if fmt == "json":
        body = json.dumps({"items": items, "total": page.total, "exported": len(items)}, ensure_ascii=False)
        return Response(body, media_type="application/json", headers=headers)
    return Response(to_csv(items), media_type="text/csv; charset=utf-8", headers=headers)
