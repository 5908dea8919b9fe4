"""Cross-article resolution at scale: no knowledge-base entity may span two countries or two gazetteer ids.

Ingests 2,000 news articles from ``../shared/benchmarks`` into one knowledge
base: every InSight Crime article of the ConfliBERT train and dev splits
(``conflibert_eval/insightCrime``, Latin American organised crime, 1,334) and
PolNeAR train articles (US political news) up to 2,000. Test splits are not
read. Then, for every KB entity, it collects

* the countries of its members (a LOCATION's geocoded country, an ORG's or
  PERSON's country), and
* the gazetteer ids of its members (actor ids, and for LOCATIONs the place id
  the geocoder gave: a GeoNames id, a country code, an entry of our table),

and reports the entities with more than one of either, the largest entities
and the share of articles the largest one is in. It takes a while (the
pipeline on 2,000 long articles); run it with ``nice``. ``--reuse`` keeps the
stored articles and only re-runs the corpus steps.

    nice .venv/bin/python bench/kb_invariants.py [--db /var/tmp/kb2000.db] [--reuse] [--limit N]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "benchmarks"
csv.field_size_limit(sys.maxsize)


def insight_crime(limit: int):
    from newsfusion.model import Article

    n = 0
    for split in ("train", "dev"):
        with open(BENCH / "conflibert_eval" / "insightCrime" / f"{split}.tsv", newline="", encoding="utf-8") as fh:
            for i, row in enumerate(csv.reader(fh, delimiter="\t", quotechar='"')):
                if n >= limit:
                    return
                if not row or not row[0].strip():
                    continue
                n += 1
                yield Article(text=row[0].strip(), outlet="InSight Crime", name=f"insightcrime-{split}-{i:04d}", source_path=f"insightCrime/{split}.tsv#{i}")


def polnear(limit: int):
    from newsfusion.model import Article

    meta = {}
    with open(BENCH / "polnear" / "metadata.tsv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            meta[row["filename"]] = row
    n = 0
    for split in ("train", "dev"):
        for p in sorted((BENCH / "polnear" / split / "text").glob("*.txt")):
            if n >= limit:
                return
            m = meta.get(p.stem, {})
            date = m.get("publication_date") if (m.get("publication_date") or "")[:1].isdigit() else None
            n += 1
            yield Article(text=p.read_text(encoding="utf-8"), title=m.get("title") or None, outlet=m.get("publisher") or None,
                          published=date, name=f"polnear-{p.stem}", source_path=str(p))


def _unique(articles, limit: int | None = None, seen: set[str] | None = None) -> list:
    """Articles with a text not seen before (the InSight Crime file repeats a few), at most ``limit``."""
    seen = set() if seen is None else seen
    out = []
    for a in articles:
        if limit is not None and len(out) >= limit:
            break
        if a.content_hash not in seen:
            seen.add(a.content_hash)
            out.append(a)
    return out


def place_ids(geo: dict | None) -> set[str]:
    if not geo:
        return set()
    if geo.get("place_id"):
        return {geo["place_id"]}
    if geo.get("geonames_id"):
        return {f"geonames:{geo['geonames_id']}"}
    return set()


def check(kb) -> dict:
    from sqlalchemy import select

    from newsfusion.store import queries as q
    from newsfusion.store import schema as t

    with kb.store.read() as conn:
        recs = {doc_id: rec for doc_id, _, rec in q.records(conn)}
        em = t.entity_members.c
        members: dict[str, list[tuple[str, str]]] = {}
        for e, d, l in conn.execute(select(em.entity_id, em.doc_id, em.local_id)):
            members.setdefault(e, []).append((d, l))
        names = {r.id: (r.name, r.type, r.n_documents) for r in conn.execute(select(t.entities.c.id, t.entities.c.name, t.entities.c.type, t.entities.c.n_documents))}
    local = {(d, e["id"]): e for d, rec in recs.items() for e in rec.get("entities", [])}
    multi_country, multi_id = [], []
    for eid, ms in members.items():
        ents = [local[m] for m in ms if m in local]
        countries = Counter(c for e in ents if (c := ((e.get("geo") or {}).get("country") if e["type"] == "LOCATION" else e.get("country"))))
        ids = Counter(i for e in ents for i in ({f"actor:{e['kb_id']}"} if e.get("kb_id") else set()) | place_ids(e.get("geo") if e["type"] == "LOCATION" else None))
        name, typ, ndocs = names.get(eid, ("?", "?", 0))
        row = {"id": eid, "name": name, "type": typ, "documents": ndocs, "countries": dict(countries), "ids": dict(ids.most_common(8)),
               "names": dict(Counter(e["name"] for e in ents).most_common(8))}
        if len(countries) > 1:
            multi_country.append(row)
        if len(ids) > 1:
            multi_id.append(row)
    largest = sorted(names.items(), key=lambda kv: -(kv[1][2] or 0))[:15]
    n_docs = len(recs)
    return {
        "articles": n_docs,
        "entities": len(names),
        "spanning_two_countries": len(multi_country),
        "spanning_two_gazetteer_ids": len(multi_id),
        "largest": [{"id": i, "name": n, "type": ty, "documents": d, "share": round((d or 0) / max(n_docs, 1), 3)} for i, (n, ty, d) in largest],
        "examples_two_countries": sorted(multi_country, key=lambda r: -r["documents"])[:20],
        "examples_two_ids": sorted(multi_id, key=lambda r: -r["documents"])[:20],
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default="/var/tmp/newsfusion-kb-invariants.db")
    ap.add_argument("--reuse", action="store_true", help="keep the stored articles, only rebuild the knowledge base")
    ap.add_argument("--limit", type=int, default=2000, help="articles in all (default 2000)")
    ap.add_argument("--out", default=None, help="write the figures as JSON here too")
    args = ap.parse_args(argv)
    if not BENCH.is_dir():
        print(f"kb_invariants: {BENCH} not found (needs ../shared/benchmarks)", file=sys.stderr)
        return 2
    from newsfusion.kb import KnowledgeBase

    if not args.reuse:
        Path(args.db).unlink(missing_ok=True)
    t0 = time.perf_counter()
    with KnowledgeBase(args.db) as kb:
        if args.reuse:
            warnings = kb.rebuild()
        else:
            arts = _unique(insight_crime(args.limit))
            arts += _unique(polnear(args.limit), limit=args.limit - len(arts), seen={a.content_hash for a in arts})

            def progress(done: int, total: int) -> None:
                print(f"\r{done}/{total} articles", end="", file=sys.stderr, flush=True)

            warnings = kb.ingest(arts, progress=progress).warnings
            print(file=sys.stderr)
        seconds = time.perf_counter() - t0
        res = check(kb)
    res["seconds"] = round(seconds, 1)
    res["warnings"] = warnings
    if args.out:
        Path(args.out).write_text(json.dumps(res, indent=1, ensure_ascii=False))
    print(f"{res['articles']} articles, {res['entities']} KB entities in {res['seconds']} s")
    print(f"entities spanning two or more countries: {res['spanning_two_countries']}")
    print(f"entities spanning two or more gazetteer ids: {res['spanning_two_gazetteer_ids']}")
    print("largest entities:")
    for r in res["largest"]:
        print(f"  {r['documents']:5d} docs ({r['share']:.0%})  {r['type']:8s} {r['name']}")
    for key in ("examples_two_countries", "examples_two_ids"):
        if res[key]:
            print(f"{key.replace('_', ' ')}:")
            for r in res[key][:10]:
                print(f"  {r['name']!r} ({r['type']}, {r['documents']} docs) countries={r['countries']} ids={r['ids']} names={r['names']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
