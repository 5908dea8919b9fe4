"""How the corpus steps grow with the corpus, measured in one run.

The demo corpus's per-document records are copied N times under new ids (so every
entity, claim and event has twins to compare against) and the corpus steps run
on 1x, 4x and 16x. Read the ratio of time to size: near 1 is linear.

    .venv/bin/python bench/corpus_steps.py [--steps entities,contradictions,grading]
"""

from __future__ import annotations

import argparse
import copy
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def records():
    from newsfusion.export.record import doc_record
    from newsfusion.ingest import read_paths
    from newsfusion.model import Article
    from newsfusion.pipeline import Pipeline

    arts = [a for a in read_paths([str(ROOT / "examples" / "articles")]) if isinstance(a, Article)]
    return [doc_record(d) for d in Pipeline().pipe(arts)]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--steps", default="entities,contradictions,grading")
    args = ap.parse_args(argv)
    from newsfusion.resolve import CorpusState, run_steps

    base = records()
    steps = args.steps.split(",")
    prev = None
    for n in (1, 4, 16):
        docs = []
        for k in range(n):
            for r in base:
                r2 = copy.deepcopy(r)
                r2["doc_id"] = f"{r['doc_id']}~{k}"
                docs.append(r2)
        t = time.perf_counter()
        _, results = run_steps(CorpusState(docs=docs), steps)
        dt = time.perf_counter() - t
        bad = [r for r in results if not r.ok]
        growth = "" if prev is None else f"  time x{dt / prev[1]:.1f} for size x{len(docs) / prev[0]:.0f}"
        print(f"{len(docs):5d} documents: {dt:7.2f} s{growth}{'  FAILED ' + str(bad) if bad else ''}")
        prev = (len(docs), dt)
    return 0


if __name__ == "__main__":
    sys.exit(main())
