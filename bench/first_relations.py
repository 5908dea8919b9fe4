"""A page's first relations: one statement (web_entities.first_relations) against one per entity and side.

    nice python bench/first_relations.py KB.db [--calls 30]

On the pages /api/entities lists (50 entities, most documents first; and of type PERSON), reads the first
10 relations of each entity both ways, interleaved in the same run, checks they are the same relations,
and prints p50 / p95 ms of each and their ratio. The reference is the read web_entities used before
(a bounded read per entity and side: 100 statements a page).
"""

from __future__ import annotations

import argparse
import time

from sqlalchemy import bindparam

from newsfusion.store import Store
from newsfusion.store import queries as q
from newsfusion.store import schema as t
from newsfusion.store.linkrows import relation_link, relations_select
from newsfusion.store.web_entities import LIST_RELATIONS, first_relations


def per_entity(conn, ids: list[str], limit: int):
    """The reference: one bounded read per entity and side, merged."""
    rl = t.relation_links.c
    found = {e: {} for e in ids}
    for side in (rl.subject_id, rl.object_id):
        stmt = relations_select().where(side == bindparam("eid")).limit(limit)
        for eid in ids:
            for r in conn.execute(stmt, {"eid": eid}):
                found[eid][(r.doc_id, r.idx)] = r
    return {e: [relation_link(rows[k]) for k in sorted(rows)[:limit]] for e, rows in found.items()}


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p * (len(xs) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("--calls", type=int, default=30)
    a = ap.parse_args()
    with Store(a.db) as s, s.read() as conn:
        n = conn.execute(t.documents.select().with_only_columns(t.documents.c.id).order_by(None)).fetchall()
        print(f"{len(n):,} articles")
        for label, kw in (("entities", {}), ("entities?type=person", {"type": "person"})):
            ids = [r.id for r in conn.execute(q.entity_select(**kw).limit(50))]
            assert first_relations(conn, ids, LIST_RELATIONS) == per_entity(conn, ids, LIST_RELATIONS)
            one, many = [], []
            for _ in range(a.calls):
                t0 = time.perf_counter()
                first_relations(conn, ids, LIST_RELATIONS)
                t1 = time.perf_counter()
                per_entity(conn, ids, LIST_RELATIONS)
                one.append((t1 - t0) * 1000)
                many.append((time.perf_counter() - t1) * 1000)
            print(f"{label}: one statement p50 {pct(one, .5):.1f} / p95 {pct(one, .95):.1f} ms; per entity and side p50 {pct(many, .5):.1f} / "
                  f"p95 {pct(many, .95):.1f} ms; ratio of p50s {pct(many, .5) / pct(one, .5):.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
