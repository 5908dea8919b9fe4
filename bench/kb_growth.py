"""What adding articles costs as the knowledge base grows, measured in one run.

For each size N (default 0, 1000, 10000) a fresh SQLite knowledge base is
filled with N records copied from processed articles (bench/replicas.py: new
ids, dates moved, people renamed; no NLP is run N times), the knowledge base is
built once, then 10 further articles are added and the knowledge base brought
up to date, as ``ingest`` does. The 10 articles' document stages (the NLP) are
timed once, on real articles, in the same run: the cost of an ingest of 10 is
that plus storing plus the corpus steps at N. The copies are stored as a
stream: copy k is taken in 9k days after copy 0 (``replicas.ingested_at``), so
an article without a publication date is dated as it would be in a stream. At the largest N it also times
the list queries (KnowledgeBase) and the list endpoints of the API (p50, p95).

    nice .venv/bin/python bench/kb_growth.py [--sizes 0,1000,10000] [--out results.md]

The 10,000-article full build takes 10-20 minutes: ``--keep DIR`` keeps each
filled and built knowledge base (before the add) as ``DIR/kb<N>.db`` and
``--reuse DIR`` copies it instead (``--repeat K``: the add timed K times, each
on a fresh copy; ``--no-latency``: no list queries). To compare two trees on
the same knowledge bases, run it with ``PYTHONPATH=<tree>/src`` for each.

Event fusion runs on words here (NEWSFUSION_EMBEDDINGS=off unless set): the
sentence vectors of 10,000 copies would take hours to compute on a shared
2-core machine; with embeddings on, a sentence is embedded once
(``sentence_vectors``), so the 10 new articles cost their own sentences only.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))


def processed():
    """(Article, record) of the demo corpus and, when present, ../shared/seeds."""
    from newsfusion.export.record import doc_record
    from newsfusion.ingest import read_paths
    from newsfusion.model import Article
    from newsfusion.pipeline import Pipeline

    paths = [str(ROOT / "examples" / "articles")] + ([str(ROOT.parent / "shared" / "seeds")] if (ROOT.parent / "shared" / "seeds").is_dir() else [])
    arts = [a for a in read_paths(paths) if isinstance(a, Article)]
    pipe = Pipeline()
    pipe(arts[0])  # models loaded before timing
    t = time.perf_counter()
    docs = list(pipe.pipe(arts))
    per_article = (time.perf_counter() - t) / len(arts)
    return [(d.article, dict(doc_record(d), doc_id=d.doc_id)) for d in docs], per_article


def fill(kb, pairs, recs) -> float:
    from dataclasses import replace

    import replicas

    arts = {r["doc_id"]: a for a, r in pairs}
    t = time.perf_counter()
    for rec in recs:
        base_id = rec["doc_id"].split("~")[0]
        art = replace(arts[base_id], published=(rec.get("document") or {}).get("published"), name=rec["doc_id"])
        kb.store.add_record(art, rec, doc_id=rec["doc_id"], ingested_at=replicas.ingested_at(rec["doc_id"]))
    return time.perf_counter() - t


def copy_db(src, dst) -> None:
    """A consistent copy of the SQLite file ``src`` (its WAL included) at ``dst``."""
    import sqlite3

    Path(dst).unlink(missing_ok=True)
    a, b = sqlite3.connect(str(src)), sqlite3.connect(str(dst))
    with b:
        a.backup(b)
    a.close()
    b.close()


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def latencies(kb, db: str, n: int = 30) -> list[tuple[str, float, float]]:
    out = []
    calls = {
        "kb.entities(limit=50)": lambda: kb.entities(limit=50),
        "kb.events(limit=50)": lambda: kb.events(limit=50),
        "kb.claims(limit=50)": lambda: kb.claims(limit=50),
        "kb.documents(limit=50)": lambda: kb.documents(limit=50),
        "kb.contradictions(limit=50)": lambda: kb.contradictions(limit=50),
    }
    try:
        from fastapi.testclient import TestClient

        from newsfusion.web.app import create_app

        client = TestClient(create_app(db))
        for path in ("/api/entities", "/api/events", "/api/claims", "/api/documents", "/api/contradictions", "/api/sources", "/api/status"):
            calls[f"GET {path}"] = (lambda p=path: client.get(p).raise_for_status())
    except Exception as exc:  # noqa: BLE001 - the web extra may be absent
        print(f"(API not timed: {type(exc).__name__}: {exc})")
    for name, fn in calls.items():
        fn()
        xs = []
        for _ in range(n):
            t = time.perf_counter()
            fn()
            xs.append((time.perf_counter() - t) * 1000)
        out.append((name, statistics.median(xs), pct(xs, 95)))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="0,1000,10000")
    ap.add_argument("--add", type=int, default=10)
    ap.add_argument("--out")
    ap.add_argument("--keep", metavar="DIR", help="keep each filled and built knowledge base as DIR/kb<N>.db (before the add)")
    ap.add_argument("--reuse", metavar="DIR", help="copy DIR/kb<N>.db when present instead of filling and building it again")
    ap.add_argument("--repeat", type=int, default=1, help="time the add this many times, each on a fresh copy (needs --keep or --reuse)")
    ap.add_argument("--no-latency", action="store_true", help="skip the list query latencies")
    args = ap.parse_args(argv)
    os.environ.setdefault("NEWSFUSION_EMBEDDINGS", "off")
    import replicas

    from newsfusion.kb import KnowledgeBase

    pairs, nlp_per_article = processed()
    base = [r for _, r in pairs]
    sizes = [int(x) for x in args.sizes.split(",")]
    lines = [f"embeddings: {os.environ['NEWSFUSION_EMBEDDINGS']}; {len(base)} processed articles copied; "
             f"document stages {nlp_per_article * 1000:.0f} ms/article (measured on them in this run)", "",
             "| KB size | fill (store only) | full build | add 10: store | add 10: corpus steps + KB write | add 10 with NLP | per new article | rows written |",
             "|---|---|---|---|---|---|---|---|"]
    print(lines[0], flush=True)
    rows = {}
    tmp = Path(tempfile.mkdtemp(prefix="kbgrowth"))
    last = None
    runs = [(n, r) for n in sizes for r in range(args.repeat)]
    for n, rep in runs:
        db = str(tmp / f"kb{n}_{rep}.db")
        kept = Path(args.reuse or args.keep or tmp) / f"kb{n}.db"
        if (args.reuse or rep) and kept.exists():
            copy_db(kept, db)
            kb = KnowledgeBase(db)
            t_fill = t_build = float("nan")
        else:
            kb = KnowledgeBase(db)
            t_fill = fill(kb, pairs, replicas.corpus(base, n))
            t = time.perf_counter()
            kb.rebuild()
            t_build = time.perf_counter() - t
            if args.keep:
                Path(args.keep).mkdir(parents=True, exist_ok=True)
                kb.close()
                copy_db(db, kept)
                kb = KnowledgeBase(db)
        new = replicas.corpus(base, args.add, start=100_000)  # copies no size reaches
        t_store = fill(kb, pairs, new)
        t = time.perf_counter()
        kb.rebuild()
        t_steps = time.perf_counter() - t
        written = sum(kb.last_written.values())
        total = t_store + t_steps + nlp_per_article * args.add
        rows.setdefault(n, total)
        rows[n] = min(rows[n], total)
        line = (f"| {n:,}{f' (run {rep + 1})' if args.repeat > 1 else ''} | {t_fill:.1f} s | {t_build:.1f} s | {t_store:.2f} s | {t_steps:.2f} s | {total:.1f} s | {total / args.add * 1000:.0f} ms | {written:,} |")
        lines.append(line)
        steps = [(r.name, r.seconds) for r in kb.last_steps]
        if not kb.last_fallback:  # the incremental path: its parts (resolve/incremental.py, store write)
            steps += [(f"  {k}", v) for k, v in getattr(kb.store, "last_plan_seconds", {}).items()]
        print(line, "  steps:", ", ".join(f"{k} {v:.2f}s" for k, v in steps),
              f"(full: {kb.last_fallback})" if kb.last_fallback else getattr(kb.store, "last_plan_sizes", ""), flush=True)
        if last is not None:
            kb.close()
        last = (n, kb, db)
    n0 = sizes[0]
    lines.append("")
    for n in sizes[1:]:
        lines.append(f"adding {args.add} articles at {n:,} / at {n0:,}: x{rows[n] / rows[n0]:.2f}")
    n, kb, db = last
    if args.no_latency:
        kb.close()
        from report import emit

        return emit(lines, args.out)
    lines += ["", f"query latency at {n:,} articles (SQLite, {30} calls each)", "", "| query | p50 | p95 |", "|---|---|---|"]
    for name, p50, p95 in latencies(kb, db):
        lines.append(f"| {name} | {p50:.1f} ms | {p95:.1f} ms |")
    kb.close()
    from report import emit

    return emit(lines, args.out)


if __name__ == "__main__":
    sys.exit(main())
