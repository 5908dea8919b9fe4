"""JSON and JSONL records: one Article per record.

A file may hold one JSON object, a JSON array of objects, or one object per
line (JSONL/NDJSON). Field names are matched case-insensitively, first match
wins:

==========  =====================================================
Article     record fields
==========  =====================================================
text        text, body, content, article, full_text, maintext
title       title, headline
author      author, authors, byline, creator (a string, a list, or {"name": ...})
outlet      outlet, source, site, site_name, sitename, publisher, publication
published   published, date, pubDate, published_at, publish_date,
            date_published, datetime (normalised to YYYY-MM-DD)
url         url, link
name        id, doc_id, _id, guid (else ``stem#N``; a lone object: ``stem``)
==========  =====================================================

A malformed line (E206) or a record without text (E203) is reported with its
line number (its position in an array) and the other records are still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import InputError
from ..model import Article
from .dates import normalise_date
from .source import Source, normalise_newlines

FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "full_text", "maintext"),
    "title": ("title", "headline"),
    "author": ("author", "authors", "byline", "creator"),
    "outlet": ("outlet", "source", "site", "site_name", "sitename", "publisher", "publication"),
    "published": ("published", "date", "pubdate", "published_at", "publish_date", "date_published", "datetime"),
    "url": ("url", "link"),
    "id": ("id", "doc_id", "_id", "guid"),
}
FIX_JSON = "fix the JSON (one object per line for JSONL), or remove the line"


def read_records(text: str, src: Source) -> Iterator[Article | InputError]:
    """Yield one Article (or InputError) per record of a JSON or JSONL file."""
    body = text.lstrip("\ufeff")
    try:
        data = json.loads(body)
    except (json.JSONDecodeError, RecursionError) as whole:
        if _first_line_is_object(body):
            yield from _read_jsonl(body, src)
        else:
            yield src.error("E206", f"malformed JSON: {_reason(whole)}", FIX_JSON)
        return
    if isinstance(data, dict):
        yield _record(data, src, where="", single=True)
    elif isinstance(data, list):
        for n, item in enumerate(data, 1):
            yield _record(item, src, where=f"record {n}: ", number=n)
    else:
        yield src.error("E206", f"JSON holds a {type(data).__name__}, not an object or a list of objects", FIX_JSON)


def _read_jsonl(body: str, src: Source) -> Iterator[Article | InputError]:
    yield from read_jsonl_lines(enumerate(body.split("\n"), 1), src)


def read_jsonl_lines(lines: Iterable[tuple[int, str | InputError]], src: Source) -> Iterator[Article | InputError]:
    """One Article (or InputError) per numbered line of JSONL, read as the lines come
    (a line that could not be read arrives as its InputError)."""
    for n, line in lines:
        if isinstance(line, InputError):
            yield line
            continue
        line = line.lstrip("\ufeff") if n == 1 else line
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as e:
            yield src.error("E206", f"line {n}: malformed JSON ({_reason(e, column_only=True)})", FIX_JSON)
            continue
        yield _record(item, src, where=f"line {n}: ", number=n)


def _first_line_is_object(body: str) -> bool:
    first = next((ln for ln in body.split("\n") if ln.strip()), "")
    try:
        return isinstance(json.loads(first), dict)
    except (json.JSONDecodeError, RecursionError):
        return False


def _reason(e: Exception, column_only: bool = False) -> str:
    if isinstance(e, json.JSONDecodeError):
        return f"{e.msg} at column {e.colno}" if column_only else f"{e.msg} at line {e.lineno} column {e.colno}"
    return "nested too deeply"


def _record(item: Any, src: Source, *, where: str, number: int = 0, single: bool = False) -> Article | InputError:
    """One record to an Article; ``where`` ("line 3: ") prefixes error messages."""
    if not isinstance(item, dict):
        return src.error("E206", f"{where}not a JSON object but a {type(item).__name__}", FIX_JSON)
    fields = {str(k).lower(): v for k, v in item.items()}
    text = _field(fields, "text")
    if not isinstance(text, str) or not text.strip():
        why = "has no text" if text is None or isinstance(text, str) else f"has a {type(text).__name__} as text"
        return src.error(
            "E203",
            f"{where}record {why} (expected a string in 'text', 'body' or 'content')",
            "add the article text to the record, or remove the record",
        )
    rid = _as_string(_field(fields, "id"))
    name = rid or (src.name if single else f"{src.name}#{number}")
    return src.article(
        normalise_newlines(text),
        "json",
        name=name,
        title=_as_string(_field(fields, "title")),
        author=_as_string(_field(fields, "author")),
        outlet=_as_string(_field(fields, "outlet")),
        published=normalise_date(_field(fields, "published")),
        url=_as_string(_field(fields, "url")),
    )


def _field(fields: dict[str, Any], key: str) -> Any:
    for name in FIELDS[key]:
        if fields.get(name) not in (None, "", []):
            return fields[name]
    return None


def _as_string(value: Any) -> str | None:
    """A metadata value as text: strings, numbers, ``{"name": ...}`` and lists of them."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (str, int, float)):
        return str(value).strip() or None
    if isinstance(value, dict):
        return _as_string(value.get("name") or value.get("title"))
    if isinstance(value, list):
        parts = [p for p in (_as_string(v) for v in value) if p]
        return ", ".join(parts) or None
    return None
