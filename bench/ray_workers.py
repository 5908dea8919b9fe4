"""``ingest --engine ray`` with 1 and 2 workers against the in-process ingest, in one run.

Each configuration ingests the same articles (the demo corpus and, when present,
../shared/seeds) into a fresh SQLite knowledge base; the time is the whole
ingest (reading, document stages, storing, corpus steps), Ray's start-up
included and reported apart (``ray.init`` with that many CPUs, timed alone).

    nice .venv/bin/python bench/ray_workers.py [--repeat 2] [--out results.md]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--out")
    args = ap.parse_args(argv)
    import ray

    from newsfusion.kb import KnowledgeBase

    paths = [str(ROOT / "examples" / "articles")] + ([str(ROOT.parent / "shared" / "seeds")] if (ROOT.parent / "shared" / "seeds").is_dir() else [])
    tmp = Path(tempfile.mkdtemp(prefix="raybench"))
    with KnowledgeBase(str(tmp / "warm.db")) as kb:  # models loaded and cached once before timing
        kb.ingest(paths)
    lines = ["| engine | workers | Ray start | ingest (best of %d) | articles |" % args.repeat, "|---|---|---|---|---|"]
    for engine, workers in (("local", 1), ("ray", 1), ("ray", 2)):
        best, start, n = float("inf"), 0.0, 0
        for r in range(args.repeat):
            if engine == "ray":
                t = time.perf_counter()
                ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
                start = time.perf_counter() - t
            with KnowledgeBase(str(tmp / f"{engine}{workers}-{r}.db")) as kb:
                t = time.perf_counter()
                rep = kb.ingest(paths, engine=engine, workers=workers)
                best = min(best, time.perf_counter() - t)
                n = len(rep.added)
            if engine == "ray":
                ray.shutdown()
        lines.append(f"| {engine} | {workers} | {start:.1f} s | {best:.1f} s | {n} |")
        print(lines[-1], flush=True)
    text = "\n".join(lines)
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
