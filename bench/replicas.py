"""Many articles without running NLP on each: copies of processed records, changed.

The scale benchmarks need knowledge bases of 1k-100k articles; running the
pipeline that often would take days on a shared machine. A copy of a stored
record gets a new document id, its dates (publication and every event's)
moved by ``9 * k`` days, and the names of its people and of the organisations
the gazetteer does not know given a suffix, so copies report other incidents
by other people in the same places, as a stream of news does. Gazetteer
actors, countries and geocoded places stay: they recur across real news too.
The content words of its claims and event sentences (three letters or more, not
the stop words claim support ignores) get the copy's suffix too ("village" ->
"villageQab"): otherwise a claim would be repeated word for word in every copy,
and 10,000 copies of one sentence corroborating each other is no stream of news
(the support step is, rightly, quadratic in exact repeats). Until round 5 only
words of five letters or more were suffixed, so claims made mostly of short
words ("the man who was shot in the chest died") still repeated in every copy,
and each new copy changed the grade of every earlier copy of them.
Stored with :func:`ingested_at`, copy k arrives 9k days after copy 0: an
article without a publication date is then dated by its arrival, as in a stream.
"""

from __future__ import annotations

import copy
import json
import re
from datetime import date, timedelta
from typing import Any

_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})")


def _tag(k: int) -> str:
    s = ""
    k += 1
    while k:
        k, r = divmod(k - 1, 26)
        s = chr(97 + r) + s
    return "Q" + s


_WORD = re.compile(r"\b([A-Za-z]{3,})\b")


def _retag(text: str | None, tag: str) -> str | None:
    from newsfusion.contradictions.common import _STOP

    return _WORD.sub(lambda m: m.group(1) if m.group(1).lower() in _STOP else m.group(1) + tag, text) if text else text


def _shift(value: Any, days: int) -> Any:
    if not isinstance(value, str) or not _DATE.match(value):
        return value
    try:
        d = date.fromisoformat(value[:10]) + timedelta(days=days)
    except ValueError:
        return value
    return d.isoformat() + value[10:]


def replica(rec: dict[str, Any], k: int) -> dict[str, Any]:
    """Copy ``k`` of a per-document record (k = 0 is the record itself, under a new id)."""
    if k == 0:
        out = copy.deepcopy(rec)
        out["doc_id"] = f"{rec['doc_id']}~0"
        return out
    tag = _tag(k)
    text = json.dumps(rec, ensure_ascii=False)
    names = sorted({e["name"] for e in rec.get("entities", []) if e.get("type") in ("PERSON", "ORG") and not e.get("kb_id") and len(e.get("name", "")) >= 4},
                   key=len, reverse=True)
    for n in names:
        text = re.sub(r'(?<=["\s])' + re.escape(n) + r'(?=["\s,.])', f"{n} {tag}", text)
    out = json.loads(text)
    out["doc_id"] = f"{rec['doc_id']}~{k}"
    for c in out.get("claims", []):
        c["content"] = _retag(c.get("content"), tag)
    for ev in out.get("events", []):
        ev["evidence"] = _retag(ev.get("evidence"), tag)
    days = 9 * k
    doc = out.get("document") or {}
    if doc.get("published"):
        doc["published"] = _shift(doc["published"], days)
    for ev in out.get("events", []):
        t = ev.get("time") or {}
        for key in ("start", "end"):
            if t.get(key):
                t[key] = _shift(t[key], days)
    return out


STREAM_START = date(2020, 1, 1)


def ingested_at(doc_id: str) -> str:
    """When copy k (``id~k``) reaches the store in the simulated stream: 9k days after copy 0."""
    k = int(doc_id.rsplit("~", 1)[1]) if "~" in doc_id else 0
    return (STREAM_START + timedelta(days=9 * k)).isoformat() + "T00:00:00+00:00"


def corpus(base: list[dict[str, Any]], n: int, start: int = 0) -> list[dict[str, Any]]:
    """``n`` records: copies ``start, start+1, ...`` of each base record in turn."""
    out = []
    k = start
    while len(out) < n:
        for r in base:
            if len(out) == n:
                break
            out.append(replica(r, k))
        k += 1
    return out
