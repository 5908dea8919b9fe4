"""Cost per character of one long article against a short one, per document stage.

An article is built from ordinary news sentences: the WikiEvents documents
(conflict news) interleaved with PolNeAR's training articles (political news),
read at run time from ../shared/benchmarks and cut at a paragraph break to each
size. Every stage is timed in CPU seconds on the same article; the figure to
read is the ratio of the cost per character at each size to the cost per
character of the smallest size, measured in the same run (the machines are
shared and noisy, the seconds are not comparable between runs).

    .venv/bin/python bench/length_scaling.py [--sizes 10000,50000,100000,200000,400000]

The bar (issue #18): a 400k-character article costs within 5x per character of a
10k one. Without ../shared the script says so and exits 2.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "benchmarks"


def ordinary_text(shared: Path = SHARED) -> str:
    """About 5.5 MB of ordinary news prose, paragraphs separated by blank lines."""
    wiki = []
    for split in ("dev", "test"):
        path = shared / "wikievents" / f"{split}.jsonl"
        if path.exists():
            wiki += [json.loads(line)["text"] for line in path.open(encoding="utf-8") if line.strip()]
    pol = [p.read_text(encoding="utf-8") for p in sorted((shared / "polnear" / "train" / "text").glob("*.txt"))]
    docs = []
    for i in range(max(len(wiki), len(pol))):
        docs += ([wiki[i]] if i < len(wiki) else []) + ([pol[i]] if i < len(pol) else [])
    return "\n\n".join(d.strip() for d in docs if d.strip())


def article_of(text: str, size: int) -> str:
    """The first ``size`` characters of ``text``, cut back to the last paragraph break."""
    cut = text[:size]
    brk = cut.rfind("\n\n")
    return cut[:brk] if brk > size // 2 else cut


def stage_costs(pipe, text: str) -> dict[str, float]:
    from newsfusion.model import Article, Doc

    doc = Doc(Article(text=text), doc_id="bench")
    costs = {}
    for st in pipe.stages:
        t0 = time.process_time()
        doc = pipe._run_one(st, doc)
        costs[st.name] = time.process_time() - t0
    return costs


def measure(sizes: list[int], text: str | None = None) -> list[tuple[int, dict[str, float]]]:
    """[(characters, {stage: CPU seconds})] for one article of each size, the model loaded first."""
    from newsfusion.model import Article
    from newsfusion.pipeline import Pipeline

    text = text if text is not None else ordinary_text()
    pipe = Pipeline()
    pipe(Article(text=article_of(text, 3000)))  # load models, gazetteer and matchers outside the timings
    out = []
    for size in sizes:
        art = article_of(text, size)
        out.append((len(art), stage_costs(pipe, art)))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,50000,100000,200000,400000")
    args = ap.parse_args(argv)
    if not (SHARED / "wikievents").is_dir():
        print(f"needs {SHARED} (WikiEvents, PolNeAR) for ordinary text", file=sys.stderr)
        return 2
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = measure(sizes)
    names = list(rows[0][1])
    base = {n: rows[0][1][n] / rows[0][0] for n in names}
    base_total = sum(rows[0][1].values()) / rows[0][0]
    print("CPU microseconds per character, and (in brackets) the ratio to the smallest article")
    print(f"{'chars':>8} {'total':>14} " + " ".join(f"{n:>16}" for n in names))
    for chars, costs in rows:
        total = sum(costs.values()) / chars
        cells = []
        for n in names:
            per = costs[n] / chars
            cells.append(f"{per * 1e6:7.1f} ({per / base[n]:4.1f}x)" if base[n] > 0 else f"{per * 1e6:7.1f}")
        print(f"{chars:>8} {total * 1e6:7.1f} ({total / base_total:4.1f}x) " + " ".join(f"{c:>16}" for c in cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
