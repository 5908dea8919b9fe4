#!/usr/bin/env python3
"""Measure the knowledge base built from the development set and the seeds together.

usage: python scripts/kbscore.py [--db FILE] [--reuse] [--show] [--json]

Ingests ``../shared/devset/articles/*.txt`` (outlet and date from each
``.meta.json`` sidecar) and ``../shared/seeds/*.txt`` into one knowledge base, then
reports cross-document B-cubed precision and recall of its entities (the
mapping from KB members to gold clusters is written down in
``src/newsfusion/eval/crossdoc.py``) and the accuracy of the geocodes against
our gold table ``tests/data/devset_geocodes.tsv`` (``eval/geocoding.py``). ``--reuse`` keeps the stored articles
and only re-runs the corpus steps (fast when working on ``resolve/``);
``--show`` lists the wrong joins (precision) and the missed ones (recall).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

from newsfusion.eval import geocoding  # noqa: E402
from newsfusion.eval.crossdoc import load_same_entity, measure  # noqa: E402
from newsfusion.kb import KnowledgeBase  # noqa: E402


def scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def articles() -> list[str]:
    """The devset articles (each with its .meta.json: outlet, date), then the seeds."""
    return sorted(str(p) for p in (SHARED / "devset" / "articles").glob("*.txt")) + sorted(str(p) for p in (SHARED / "seeds").glob("*.txt"))


def gold_docs() -> dict[str, dict]:
    out = {}
    for d in (SHARED / "devset" / "gold", SHARED / "seeds" / "gold"):
        for f in d.glob("*.json"):
            if not f.stem.startswith("_"):
                out[f.stem] = json.loads(f.read_text())
    return out


def same_entity_groups() -> list[list[str]]:
    return load_same_entity([SHARED / "seeds" / "gold" / "_corpus.json", ROOT / "tests" / "data" / "devset_same_entity.json"])


def build(db: str, reuse: bool, as_is: bool = False) -> KnowledgeBase:
    kb = KnowledgeBase(db)
    if as_is:
        return kb
    if reuse and kb.documents(limit=1):
        warnings = kb.rebuild()
    else:
        warnings = kb.ingest(articles()).warnings
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    return kb


def kb_clusters(kb: KnowledgeBase):
    """(records by doc name, (doc name, local id) -> KB entity id, KB id -> name)."""
    from newsfusion.store import queries as q
    from newsfusion.store import schema as t
    from sqlalchemy import select

    with kb.store.read() as conn:
        recs = {name or doc_id: rec for doc_id, name, rec in q.records(conn)}
        names = q.doc_names(conn)
        em = t.entity_members.c
        kb_of = {(names.get(d) or d, l): e for e, d, l in conn.execute(select(em.entity_id, em.doc_id, em.local_id))}
        kb_names = dict(conn.execute(select(t.entities.c.id, t.entities.c.name)).all())
    return recs, kb_of, kb_names


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default=f"/tmp/newsfusion-kbscore-{ROOT.name}.db")
    ap.add_argument("--reuse", action="store_true", help="keep the stored articles, only rebuild the knowledge base")
    ap.add_argument("--as-is", action="store_true", help="measure the knowledge base as stored (no ingest, no rebuild)")
    ap.add_argument("--show", action="store_true", help="list wrong and missed joins")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if not (SHARED / "devset").is_dir():
        sys.exit(f"kbscore: {SHARED / 'devset'} not found: this script needs ../shared beside the project")
    if not (args.reuse or args.as_is):
        Path(args.db).unlink(missing_ok=True)
    with build(args.db, args.reuse, args.as_is) as kb:
        recs, kb_of, kb_names = kb_clusters(kb)
    gold, S = gold_docs(), scorer()
    res = measure(recs, kb_of, gold, S, same_entity_groups(), kb_names)
    geo = geocoding.measure(geocoding.load_table(ROOT / "tests" / "data" / "devset_geocodes.tsv"), recs, gold, S.fold)
    if args.json:
        print(json.dumps({"crossdoc": res.to_dict(), "geocoding": geo.to_dict()}, indent=1, ensure_ascii=False))
        return
    print(f"geocoding ({geo.found} of {geo.rows} gold places found as places, {len(geo.other_type)} typed otherwise): "
          f"country {geo.country_accuracy:.3f} of {geo.country_n}, place {geo.place_accuracy:.3f} of {geo.place_n}")
    print(f"cross-document B-cubed over {res.items} matched entities: P={res.precision:.3f} R={res.recall:.3f} F1={res.f1:.3f}"
          f"  (unmatched as singletons: P={res.precision_all:.3f} R={res.recall_all:.3f})")
    if args.show:
        print(f"\nfound but typed otherwise: {', '.join(geo.other_type)}")
        print("\ngeocoding errors:")
        for e in geo.errors:
            print(f"  {e['doc']} {e['name']!r} (as {e['as']!r}): " + "; ".join(f"{k} gold {v[0]} got {v[1]}" for k, v in e.items() if k in ("country", "place"))
                  + f"  [{e['method']}]")
        print("\nwrong joins (one KB entity, several gold clusters):")
        for w in res.wrong_joins:
            print(f"  {w['kb']} {w['name']!r}")
            for g, items in w["gold"].items():
                print(f"      {g}: {', '.join(items)}")
        print("\nmissed joins (one gold cluster, several KB entities):")
        for m in res.missed_joins:
            print(f"  {m['gold']}")
            for k, items in m["kb"].items():
                print(f"      {k}: {', '.join(items)}")
        print("\nunmatched entities joined to others (what the second precision counts):")
        for u in res.unmatched_joins:
            print(f"  {u['kb']} {u['name']!r}: {', '.join(u['unmatched'])}  with {u['with']}")


if __name__ == "__main__":
    main()
