"""The knowledge base as flat tables: CSV, Parquet and pandas DataFrames.

Five tables, each with fixed, typed columns (:data:`TABLES`), so an empty
table still has its header and a column keeps its type:

* ``entities``: one row per KB entity, with aliases and, for places, the
  coordinates;
* ``claims``: one row per claim, with its source's KB entity, the article's
  outlet and date and the Admiralty grade split into reliability and
  credibility;
* ``events``: one row per KB event: the ACLED row (``acled.py``) plus the
  fatality range, the number of reports and the grade;
* ``relations``: one row per stated relation, with the KB entity ids of both
  sides (empty when a side names no entity);
* ``contradictions``: one row per contradiction, both sides flattened
  (``a_*``, ``b_*``), values as JSON text.

CSV is written with the standard library; Parquet and the DataFrame helpers
need pandas and pyarrow (``pip install 'newsfusion[exports]'``, else E050).
The Parquet file's schema metadata carries the GeoNames attribution.
"""

from __future__ import annotations

import csv
import json
from typing import IO, Any

from ..errors import QueryError
from .acled import ACLED_COLUMNS, acled_row
from .common import GEONAMES_ATTRIBUTION, require
from .data import ExportData, event_facts, place_geos

S, I, F = "str", "int", "float"
ACLED_TYPES = {"year": I, "time_precision": I, "inter1": I, "inter2": I, "interaction": I, "iso": I, "latitude": F, "longitude": F,
               "geo_precision": I, "fatalities": I, "timestamp": I}
TABLES: dict[str, dict[str, str]] = {
    "entities": {"id": S, "name": S, "type": S, "kind": S, "kb_id": S, "country": S, "aliases": S, "members": I, "documents": I,
                 "latitude": F, "longitude": F, "geonames_id": I},
    "claims": {"doc_id": S, "doc_name": S, "outlet": S, "published": S, "id": S, "source": S, "source_entity_id": S, "source_kind": S,
               "stance": S, "cue": S, "content": S, "evidence": S, "evidence_start": I, "evidence_end": I, "grade": S,
               "reliability": S, "credibility": I},
    "events": {"id": S, **{c: ACLED_TYPES.get(c, S) for c in ACLED_COLUMNS}, "fatalities_low": I, "fatalities_high": I,
               "n_reports": I, "documents": S, "grade": S},
    "relations": {"doc_id": S, "subject": S, "subject_entity_id": S, "predicate": S, "object": S, "object_entity_id": S,
                  "evidence": S, "evidence_start": I, "evidence_end": I},
    "contradictions": {"id": S, "about": S, "kind": S, "scope": S,
                       **{f"{p}_{k}": (I if k.startswith("evidence_") and k != "evidence" else S)
                          for p in ("a", "b") for k in ("doc_id", "source", "evidence", "evidence_start", "evidence_end", "claim", "event", "value")}},
}


def _span(span: list[int] | None, i: int) -> int | None:
    return span[i] if span else None


def _claim_entities(data: ExportData) -> dict[tuple[str, str], str]:
    out = {}
    for doc_id, rec in data.records.items():
        for c in rec.get("claims", []):
            if c.get("source_entity"):
                eid = data.links.get((doc_id, c["source_entity"]))
                if eid:
                    out[(doc_id, c["id"])] = eid
    return out


def rows(data: ExportData, table: str) -> list[dict[str, Any]]:
    """The rows of one table, as dicts with exactly its columns."""
    if table not in TABLES:
        raise QueryError("E307", f"{table!r} is not a table", "use one of: " + ", ".join(TABLES))
    out: list[dict[str, Any]] = []
    if table == "entities":
        geos = place_geos(data)
        for e in data.entities.values():
            g = geos.get(e.id) or {}
            out.append({"id": e.id, "name": e.name, "type": e.type, "kind": e.kind, "kb_id": e.kb_id, "country": e.country,
                        "aliases": "; ".join(e.aliases) or None, "members": e.members, "documents": e.documents,
                        "latitude": g.get("lat"), "longitude": g.get("lon"), "geonames_id": g.get("geonames_id")})
    elif table == "claims":
        who = _claim_entities(data)
        for c in data.claims:
            d = data.documents.get(c.doc_id)
            out.append({"doc_id": c.doc_id, "doc_name": c.doc_name, "outlet": d.outlet if d else None, "published": d.published if d else None,
                        "id": c.id, "source": c.source, "source_entity_id": who.get((c.doc_id, c.id)), "source_kind": c.source_kind,
                        "stance": c.stance, "cue": c.cue, "content": c.content, "evidence": c.evidence,
                        "evidence_start": _span(c.evidence_span, 0), "evidence_end": _span(c.evidence_span, 1), "grade": c.grade,
                        "reliability": c.grade[0] if c.grade else None, "credibility": int(c.grade[1:]) if c.grade and c.grade[1:].isdigit() else None})
    elif table == "events":
        for f in event_facts(data):
            out.append({"id": f.event.id, **acled_row(f, data), "fatalities_low": f.fatalities_low, "fatalities_high": f.fatalities_high,
                        "n_reports": len(f.reports), "documents": "; ".join(dict.fromkeys(d for d, _ in f.reports)) or None, "grade": f.event.grade})
    elif table == "relations":
        for r in data.relations:
            a, b = data.entity_of(r.doc_id, r.subject), data.entity_of(r.doc_id, r.object)
            out.append({"doc_id": r.doc_id, "subject": r.subject, "subject_entity_id": a.id if a else None, "predicate": r.predicate,
                        "object": r.object, "object_entity_id": b.id if b else None, "evidence": r.evidence,
                        "evidence_start": _span(r.evidence_span, 0), "evidence_end": _span(r.evidence_span, 1)})
    else:
        for x in data.contradictions:
            row: dict[str, Any] = {"id": x.id, "about": x.about, "kind": x.kind, "scope": x.scope}
            for p, side in (("a", x.a), ("b", x.b)):
                row.update({f"{p}_doc_id": side.get("doc_id"), f"{p}_source": side.get("source"), f"{p}_evidence": side.get("evidence"),
                            f"{p}_evidence_start": _span(side.get("evidence_span"), 0), f"{p}_evidence_end": _span(side.get("evidence_span"), 1),
                            f"{p}_claim": side.get("claim"), f"{p}_event": side.get("event"),
                            f"{p}_value": None if side.get("value") is None else json.dumps(side.get("value"), ensure_ascii=False)})
            out.append(row)
    cols = TABLES[table]
    return [{c: r.get(c) for c in cols} for r in out]


def write_csv(data: ExportData, table: str, fp: IO[str]) -> int:
    rs = rows(data, table)
    writer = csv.DictWriter(fp, fieldnames=list(TABLES[table]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rs)
    return len(rs)


def dataframe(data: ExportData, table: str):
    """One table as a pandas DataFrame with typed columns (nullable integers, floats, strings)."""
    pd = require("pandas")
    rs = rows(data, table)
    cols = TABLES[table]
    df = pd.DataFrame(rs, columns=list(cols))
    return df.astype({c: {"int": "Int64", "float": "Float64", "str": "string"}[t] for c, t in cols.items()})


def write_parquet(data: ExportData, table: str, fp: IO[bytes]) -> int:
    pa = require("pyarrow")
    pq = require("pyarrow.parquet")
    df = dataframe(data, table)
    at = pa.Table.from_pandas(df, preserve_index=False)
    meta = dict(at.schema.metadata or {})
    meta.update({b"newsfusion.table": table.encode(), b"attribution": GEONAMES_ATTRIBUTION.encode()})
    pq.write_table(at.replace_schema_metadata(meta), fp)
    return len(df)
