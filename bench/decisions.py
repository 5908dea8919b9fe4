"""What an analyst's rating costs, and an ingest after analyst decisions, against a full rebuild.

A knowledge base of N replicated articles (bench/replicas.py, as bench/kb_growth.py
builds it) is built once. Then, in the same run:

* **a rating**: ``KnowledgeBase.rate_source`` of a source that is in few articles
  (a person of one copy) and of one that is in many (the most frequent source),
  each against the baseline, ``rebuild(incremental=False)`` with the same rating
  (what a rating cost before: every corpus step over every article); the two
  knowledge bases are compared table by table;
* **an ingest after a decision**: an analyst merges two entities of one copy,
  then 10 new articles are added (``rebuild()``, which takes the incremental path
  unless they reach what the decision changed), against the full steps on the same
  store (what every ingest after any decision cost before).

    nice .venv/bin/python bench/decisions.py [--size 1000] [--out results.md]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=1000)
    ap.add_argument("--out")
    args = ap.parse_args(argv)
    os.environ.setdefault("NEWSFUSION_EMBEDDINGS", "off")
    import replicas
    from kb_growth import fill, processed
    from report import emit

    from newsfusion.kb import KnowledgeBase

    pairs, _ = processed()
    base = [r for _, r in pairs]
    tmp = Path(tempfile.mkdtemp(prefix="decisions"))
    db = str(tmp / "kb.db")
    kb = KnowledgeBase(db)
    fill(kb, pairs, replicas.corpus(base, args.size))
    t_build = _timed(kb.rebuild)
    kb.close()
    lines = [f"{args.size:,} replicated articles; full build {t_build:.1f} s", "",
             "| what | scoped | full rebuild (baseline) | full / scoped | same knowledge base |", "|---|---|---|---|---|"]
    print(lines[0], flush=True)

    def pair(label: str, scoped, full) -> None:
        a, b = str(tmp / "a.db"), str(tmp / "b.db")
        shutil.copy(db, a)
        shutil.copy(db, b)
        ka, kb_ = KnowledgeBase(a), KnowledgeBase(b)
        ts, tf = _timed(lambda: scoped(ka)), _timed(lambda: full(kb_))
        path = ka.last_steps[0].name if ka.last_steps else "?"
        same = ka.store.kb_snapshot() == kb_.store.kb_snapshot()
        lines.append(f"| {label} (path: {path}) | {ts:.2f} s | {tf:.2f} s | x{tf / ts:.1f} | {'yes' if same else 'NO'} |")
        print(lines[-1], flush=True)
        ka.close()
        kb_.close()

    with KnowledgeBase(db) as k:
        srcs = k.sources(limit=100_000)
        rare = next(s for s in reversed(srcs) if s.id and s.documents == 1)
        common = srcs[0]
    for label, s in ((f"rate a source in {rare.documents} article", rare), (f"rate a source in {common.documents:,} articles", common)):
        name = s.id or s.name
        pair(label, lambda k, name=name: k.rate_source(name, "A"),
             lambda k, name=name: (k.store.rate_source(name, "A"), k.rebuild(incremental=False)))

    new = replicas.corpus(base, 10, start=100_000)

    def decided(k) -> None:
        people = [e for e in k.entities(type="PERSON", limit=100_000) if e.documents == 1]
        k.store.add_override("merge", a=people[0].id, b=people[1].id, note="bench")
        k.rebuild(incremental=False)  # the decision itself: a full rebuild, as before
        fill(k, pairs, new)

    for p in (tmp / "a.db", tmp / "b.db"):
        p.unlink(missing_ok=True)
    with KnowledgeBase(db) as k:
        decided(k)
    pair("add 10 articles after a merge", lambda k: k.rebuild(), lambda k: k.rebuild(incremental=False))
    emit(lines, args.out)
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
