"""``ingest`` on 1 and 2 local processes and on Ray with 1 and 2 workers, in one run.

Each configuration ingests the same articles into a fresh SQLite knowledge base;
the time is the whole ingest (reading, document stages, storing, corpus steps),
and apart from it the corpus steps (``rebuild``, the same work in every
configuration) so that the document stages + storing can be compared. Ray's
start-up (``ray.init`` with that many CPUs) is timed alone, before the ingest.

    nice .venv/bin/python bench/ray_workers.py [--texts DIR --n 200] [--repeat 2] [--out results.md]

Without ``--texts``: the demo corpus and, when present, ../shared/seeds (11
articles). With it: the first ``--n`` ``.txt`` files of DIR in name order (e.g. a
copy of the news texts the 2,000-article build wrote, ``bench/web_kb2000.py``).
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
    ap.add_argument("--texts", help="a folder of .txt articles (default: the demo corpus and the seeds)")
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--configs", default="local:1,local:2,ray:1,ray:2")
    ap.add_argument("--out")
    args = ap.parse_args(argv)
    import ray

    from newsfusion.kb import KnowledgeBase

    demo = [str(ROOT / "examples" / "articles")] + ([str(ROOT.parent / "shared" / "seeds")] if (ROOT.parent / "shared" / "seeds").is_dir() else [])
    paths = [str(p) for p in sorted(Path(args.texts).glob("*.txt"))[: args.n]] if args.texts else demo
    tmp = Path(tempfile.mkdtemp(prefix="raybench"))
    with KnowledgeBase(str(tmp / "warm.db")) as kb:  # models loaded and cached once before timing
        kb.ingest(demo)
    lines = [f"| engine | workers | Ray start | ingest (best of {args.repeat}) | of which corpus steps | document stages + storing | articles/s (stages + storing) | articles |",
             "|---|---|---|---|---|---|---|---|"]
    for engine, workers in (c.split(":") for c in args.configs.split(",")):
        workers = int(workers)
        best, start, n = None, 0.0, 0
        for r in range(args.repeat):
            if engine == "ray":
                t = time.perf_counter()
                ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
                start = time.perf_counter() - t
            with KnowledgeBase(str(tmp / f"{engine}{workers}-{r}.db")) as kb:
                spent = []
                rebuild = kb.rebuild

                def timed_rebuild():
                    t1 = time.perf_counter()
                    try:
                        return rebuild()
                    finally:
                        spent.append(time.perf_counter() - t1)

                kb.rebuild = timed_rebuild
                t = time.perf_counter()
                rep = kb.ingest(paths, engine=engine, workers=workers)
                total = time.perf_counter() - t
                n = len(rep.added)
                if best is None or total < best[0]:
                    best = (total, sum(spent))
            if engine == "ray":
                ray.shutdown()
        total, steps = best
        lines.append(f"| {engine} | {workers} | {start:.1f} s | {total:.1f} s | {steps:.1f} s | {total - steps:.1f} s | {n / (total - steps):.2f} | {n} |")
        print(lines[-1], flush=True)
    from report import emit

    return emit(lines, args.out)


if __name__ == "__main__":
    sys.exit(main())
