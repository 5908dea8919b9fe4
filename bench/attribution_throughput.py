"""Throughput of the full pipeline with the learned attribution model on and off, in one run.

The machines are shared and noisy, so the two settings alternate run by run
(off, on, off, on, ...) and the figure to read is the ratio of the medians:
articles per second with the model / without it (the bar: at least 0.70).

    .venv/bin/python bench/attribution_throughput.py [PATH ...] [--repeat 5]

Default input: the demo corpus and, when present, ../shared/devset/articles
and ../shared/seeds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENV = "NEWSFUSION_ATTRIBUTION_MODEL"


def articles(paths):
    from newsfusion.ingest import read_paths
    from newsfusion.model import Article

    return [a for a in read_paths(paths) if isinstance(a, Article)]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    shared = ROOT.parent / "shared"
    default = [ROOT / "examples" / "articles", shared / "devset" / "articles", shared / "seeds"]
    paths = args.paths or [str(p) for p in default if p.is_dir()]
    arts = articles(paths)
    if not arts:
        print("no articles found", file=sys.stderr)
        return 1
    from newsfusion.claims.learned import load_model
    from newsfusion.pipeline import Pipeline

    if load_model() is None:
        print("no attribution model built: nothing to compare (make train-attribution; it is not in the repository)", file=sys.stderr)
        return 1
    before = os.environ.get(ENV)
    pipe = Pipeline()
    pipe(arts[0])  # load models, gazetteer and matchers before timing
    times: dict[str, list[float]] = {"off": [], "on": []}
    claims: dict[str, int] = {}
    try:
        for _ in range(args.repeat):
            for mode in ("off", "on"):
                os.environ[ENV] = mode
                t = time.perf_counter()
                docs = list(pipe.pipe(arts))
                times[mode].append(time.perf_counter() - t)
                claims[mode] = sum(len(d.claims) for d in docs)
    finally:
        if before is None:
            os.environ.pop(ENV, None)
        else:
            os.environ[ENV] = before
    n = len(arts)
    off, on = statistics.median(times["off"]), statistics.median(times["on"])
    print(f"{n} articles, {sum(len(a.text) for a in arts)} characters, median of {args.repeat} alternating runs")
    print(f"model off:  {off / n * 1000:8.1f} ms/article  ({claims['off']} claims)")
    print(f"model on:   {on / n * 1000:8.1f} ms/article  ({claims['on']} claims)")
    print(f"throughput with the model / without: {off / on:.2f} (bar: >= 0.70)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
