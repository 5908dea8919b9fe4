"""Storing articles one transaction each against in batches (issue #15.4), on SQLite and PostgreSQL, in one run.

    nice .venv/bin/python bench/pg_bulk.py [--n 2000] [--pg postgresql://...] [--out FILE]

The records are those of the demo corpus and the three seeds processed by the
real pipeline once, copied N times under new ids (``bench/replicas.py``; NLP is
not run N times: this measures storing only). Each way of storing writes the
same N records into a new database (a new SQLite file; a new schema of the
PostgreSQL database given by ``--pg`` or ``NEWSFUSION_TEST_PG``, skipped when
neither is set):

* ``per article``: ``Store.add_record``, one transaction (lock, check, inserts,
  commit) per article, as ``ingest`` stored before;
* ``batch of B``: ``Store.add_records``, one transaction per B articles, one
  multi-row insert per table (``executemany``; psycopg sends many rows per
  statement); B = 16 is what ``ingest`` does (its pipeline batch);
* ``batch of B + COPY``: the same with every table's rows sent with PostgreSQL's
  COPY (``Store.copy = True``, what ``ingest`` does on PostgreSQL).

Rows are every row written to the per-document tables (documents, entities,
mentions, event reports, claims, relations).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
PER_DOC = ("documents", "doc_entities", "mentions", "event_reports", "claims", "relations")


def records(n: int):
    import replicas
    from kb_growth import processed

    from newsfusion.store.store import Stored

    pairs, _ = processed()
    arts = {r["doc_id"]: a for a, r in pairs}
    out = []
    for rec in replicas.corpus([r for _, r in pairs], n):
        art = replace(arts[rec["doc_id"].split("~")[0]], name=rec["doc_id"])
        out.append(Stored(art, rec, rec["doc_id"], None, ingested_at=replicas.ingested_at(rec["doc_id"])))
    return out


def pg_schema(base: str):
    from sqlalchemy import create_engine, text

    schema = f"nf_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))

    def drop():
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{schema}", drop


def run(url: str, items, how: str, batch: int) -> tuple[float, int]:
    from newsfusion.store import Store

    with Store(url) as s:
        s.copy = how == "copy"
        t = time.perf_counter()
        if how == "one":
            for i in items:
                s.add_record(i.article, i.record, doc_id=i.doc_id, mentions=i.mentions, ingested_at=i.ingested_at)
        else:
            for k in range(0, len(items), batch):
                s.add_records(items[k : k + batch])
        seconds = time.perf_counter() - t
        counts = s.counts()
    assert counts["documents"] == len(items), counts
    return seconds, sum(counts[t] for t in PER_DOC)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--batches", default="16,500")
    ap.add_argument("--pg", default=os.environ.get("NEWSFUSION_TEST_PG"))
    ap.add_argument("--out")
    args = ap.parse_args(argv)
    os.environ.setdefault("NEWSFUSION_EMBEDDINGS", "off")
    items = records(args.n)
    tmp = Path(tempfile.mkdtemp(prefix="pgbulk"))
    ways = [("per article", "one", 1)] + [(f"batch of {b}", "many", b) for b in map(int, args.batches.split(","))]
    engines = [("SQLite", None)] + ([("PostgreSQL", args.pg)] if args.pg else [])
    if not args.pg:
        print("PostgreSQL not measured: give --pg postgresql://... or set NEWSFUSION_TEST_PG (.ci/run starts one)")
    lines = [f"{args.n:,} articles stored", "", "| engine | how | seconds | articles/s | rows/s | x per article |", "|---|---|---|---|---|---|"]
    for engine, pg in engines:
        todo = ways + ([(f"batch of {b} + COPY", "copy", b) for b in map(int, args.batches.split(","))] if pg else [])
        base = None
        for label, how, b in todo:
            if pg:
                url, drop = pg_schema(pg)
            else:
                url, drop = str(tmp / f"{how}{b}.db"), (lambda: None)
            try:
                seconds, nrows = run(url, items, how, b)
            finally:
                drop()
            base = base or seconds
            lines.append(f"| {engine} | {label} | {seconds:.1f} | {len(items) / seconds:,.0f} | {nrows / seconds:,.0f} | x{base / seconds:.1f} |")
            print(lines[-1], flush=True)
    from report import emit

    return emit(lines, args.out)


if __name__ == "__main__":
    sys.exit(main())
