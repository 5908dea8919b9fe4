"""Throughput of the document pipeline against spaCy alone, measured in the same run.

The machines are shared and noisy: the figure to read is the ratio (newsfusion
stages per article / spaCy per article), not the seconds.

    .venv/bin/python bench/pipeline_throughput.py [PATH ...] [--repeat 3]

Default input: the demo corpus and, when present, ../shared/seeds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def articles(paths):
    from newsfusion.ingest import read_paths
    from newsfusion.model import Article

    return [a for a in read_paths(paths) if isinstance(a, Article)]


def timed(fn, repeat: int) -> float:
    best = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best.append(time.perf_counter() - t)
    return statistics.median(best)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    paths = args.paths or [str(ROOT / "examples" / "articles")] + ([str(ROOT.parent / "shared" / "seeds")] if (ROOT.parent / "shared" / "seeds").is_dir() else [])
    arts = articles(paths)
    if not arts:
        print("no articles found", file=sys.stderr)
        return 1
    from newsfusion.pipeline import Pipeline
    from newsfusion.stages.nlp import load_nlp

    nlp = load_nlp()
    full = Pipeline()
    full(arts[0])  # load models, gazetteer and matchers before timing
    texts = [a.text for a in arts]
    base = timed(lambda: list(nlp.pipe(texts)), args.repeat)
    ours = timed(lambda: list(full.pipe(arts)), args.repeat)
    n = len(arts)
    chars = sum(len(t) for t in texts)
    print(f"{n} articles, {chars} characters, median of {args.repeat} runs")
    print(f"spaCy alone:          {base / n * 1000:8.1f} ms/article")
    print(f"newsfusion pipeline:  {ours / n * 1000:8.1f} ms/article")
    print(f"ratio pipeline/spaCy: {ours / base:8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
