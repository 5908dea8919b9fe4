"""Throughput of the document pipeline against spaCy alone, measured in the same run.

The machines are shared and noisy: the figure to read is the ratio (newsfusion
stages per article / spaCy per article), not the seconds. With 1 process the two
alternate round by round and the ratio is given by wall-clock time (median and
range of the rounds) and by CPU time (``time.process_time``: on a shared virtual
machine the time other guests take is not counted, so it varies far less).

    .venv/bin/python bench/pipeline_throughput.py [PATH ...] [--repeat 5] [--processes 1,2]

With 2 processes: spaCy's ``nlp.pipe(n_process=2)`` against newsfusion's worker
pool (``newsfusion.workers``, as ``ingest --workers 2``), the pool started and
its models loaded before timing (an ingest pays that once per run).

With ``--fresh`` every round reads articles no earlier round read (the input is
cut into repeat + 1 slices; the first warms up): the pipeline's per-name caches
(geocoder, town search, name patterns) start cold for each article, as in a live
ingest, where repeating the same texts would flatter it.

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


def timed(fn, repeat: int, clock=time.perf_counter) -> float:
    best = []
    for _ in range(repeat):
        t = clock()
        fn()
        best.append(clock() - t)
    return statistics.median(best)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--processes", default="1")
    ap.add_argument("--fresh", action="store_true", help="1 process: each round on articles not read before")
    args = ap.parse_args(argv)
    paths = args.paths or [str(ROOT / "examples" / "articles")] + ([str(ROOT.parent / "shared" / "seeds")] if (ROOT.parent / "shared" / "seeds").is_dir() else [])
    arts = articles(paths)
    if not arts:
        print("no articles found", file=sys.stderr)
        return 1
    from newsfusion.pipeline import Pipeline
    import spacy

    from newsfusion.config import settings

    nlp = spacy.load(settings().spacy_model)  # bare spaCy: the model as shipped, none of our components
    full = Pipeline()
    if args.fresh:
        k = len(arts) // (args.repeat + 1)
        if k == 0:
            print(f"--fresh needs at least {args.repeat + 1} articles", file=sys.stderr)
            return 1
        slices = [arts[i * k : (i + 1) * k] for i in range(args.repeat + 1)]
        list(nlp.pipe([a.text for a in slices[0]]))
        list(full.pipe(slices[0]))  # load models, gazetteer and matchers before timing
        rounds = slices[1:]
        print(f"--fresh: {args.repeat} rounds of {k} articles not read before")
    else:
        full(arts[0])  # load models, gazetteer and matchers before timing
        rounds = [arts] * args.repeat
    texts = [a.text for a in arts]
    n = len(arts)
    chars = sum(len(t) for t in texts)
    words = sum(len(t.split()) for t in texts)
    print(f"{n} articles, {words} words, {chars} characters, median of {args.repeat} runs")
    for procs in [int(x) for x in args.processes.split(",")]:
        if procs == 1:
            # interleaved, spaCy then the pipeline in each round: a noisy spell hits both
            bases, ourss, cpu_bases, cpu_ourss = [], [], [], []
            for batch in rounds:
                batch_texts = [a.text for a in batch]
                scale = words / sum(len(t.split()) for t in batch_texts)  # a round's time as if it had read every word
                for fn, wall, cpu in ((lambda: list(nlp.pipe(batch_texts)), bases, cpu_bases),
                                      (lambda: list(full.pipe(batch)), ourss, cpu_ourss)):
                    w, c = time.perf_counter(), time.process_time()
                    fn()
                    cpu.append((time.process_time() - c) * scale)
                    wall.append((time.perf_counter() - w) * scale)
            base, ours = statistics.median(bases), statistics.median(ourss)
            ratios = sorted(b / o for b, o in zip(bases, ourss))
        else:
            import multiprocessing as mp
            from concurrent.futures import ProcessPoolExecutor

            from newsfusion.workers import _init, process_chunk

            base = timed(lambda: list(nlp.pipe(texts, n_process=procs, batch_size=max(1, n // (2 * procs)))), args.repeat)
            size = max(1, -(-n // (2 * procs)))
            chunks = [[(str(i), a) for i, a in enumerate(arts[k : k + size])] for k in range(0, n, size)]
            with ProcessPoolExecutor(max_workers=procs, mp_context=mp.get_context("spawn"), initializer=_init) as pool:
                list(pool.map(process_chunk, [[("warm", arts[0])]] * procs))  # models loaded in every worker
                ours = timed(lambda: list(pool.map(process_chunk, chunks)), args.repeat)
        print(f"{procs} process{'es' if procs > 1 else ''}:")
        print(f"  spaCy alone:          {words / base:8.0f} words/s  ({base / n * 1000:.1f} ms/article)")
        print(f"  newsfusion pipeline:  {words / ours:8.0f} words/s  ({ours / n * 1000:.1f} ms/article)")
        print(f"  throughput pipeline/spaCy: {base / ours:.2f}")
        if procs == 1:
            print(f"  per round (spaCy, then the pipeline): median {statistics.median(ratios):.2f}, range {ratios[0]:.2f}-{ratios[-1]:.2f}")
            print(f"  fastest spaCy round / fastest pipeline round: {min(bases) / min(ourss):.2f}")
            cpu = statistics.median(cpu_bases) / statistics.median(cpu_ourss)
            print(f"  by CPU time (time the process ran; a shared machine's stolen time left out): {cpu:.2f}"
                  f" (spaCy {statistics.median(cpu_bases) / n * 1000:.1f}, pipeline {statistics.median(cpu_ourss) / n * 1000:.1f} ms/article)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
