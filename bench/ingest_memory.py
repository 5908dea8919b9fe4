"""Memory of ``ingest`` against the number of inputs: peak for 200 vs 2,000 articles (issue #15.5).

    nice .venv/bin/python bench/ingest_memory.py [--sizes 200,2000] [--baseline-rev 8e8849f] [--out FILE]

Each size is a folder of that many ``.txt`` files (news texts of the ConfliBERT
evaluation sets and PolNeAR, as ``bench/web_kb2000.py`` picks them, from
``../shared/benchmarks``; read-only, written as files into a temporary folder).
Each (code, size) runs in a fresh Python process, which ingests the folder into
a new SQLite knowledge base and reports:

* the peak of Python allocations during the ingest (``tracemalloc``, started after
  the readers' models were loaded by reading one file: what the ingest itself holds), and
* the process's peak resident memory (``ru_maxrss``).

**What is replaced:** the NLP is a stand-in that returns each article with
nothing found (the document stages' memory is per batch and does not depend on
the input size; running spaCy on 2,000 texts twice would take an hour here), and
the corpus steps after storing are not run (``rebuild`` is a no-op here: they
load every stored record, which is issue #15.1's incremental work, measured by
``bench/kb_growth.py``). What is measured is the ingest front: reading, the
duplicate check, processing in batches and storing.

**Baseline in the same run:** the same measurements with the code of
``--baseline-rev`` (default: the commit before streaming, which read and held
every article of the run before processing any), extracted with ``git archive``
into a temporary folder and run the same way.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = "8e8849f"

CHILD = r"""
import json, resource, sys, time, tracemalloc
from newsfusion.kb import KnowledgeBase
from newsfusion.model import Doc


class StandIn:
    "The document stages replaced: each article comes back with nothing found."
    batch_size = 16
    version = "bench-standin"

    def __call__(self, art, doc_id=None):
        return Doc(art, doc_id=doc_id or "")

    def pipe(self, articles, doc_ids=None):
        for art in articles:
            yield Doc(art)


folder, db = sys.argv[1], sys.argv[2]
from pathlib import Path
from newsfusion.ingest import read_paths
list(read_paths([str(sorted(Path(folder).glob("*.txt"))[0])]))  # models of the readers (language detection) loaded before measuring
with KnowledgeBase(db) as kb:
    kb._pipeline = StandIn()
    kb.rebuild = lambda: []  # corpus steps not measured here
    tracemalloc.start()
    t = time.perf_counter()
    rep = kb.ingest([folder])
    seconds = time.perf_counter() - t
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
print(json.dumps({"added": len(rep.added), "failed": len(rep.failed), "seconds": seconds, "peak": peak,
                  "maxrss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))
"""


def write_inputs(folder: Path, n: int) -> int:
    sys.path.insert(0, str(ROOT / "bench"))
    from web_kb2000 import texts

    folder.mkdir(parents=True, exist_ok=True)
    size = 0
    for i, (name, text) in enumerate(texts()):
        if i >= n:
            break
        p = folder / f"{name}.txt"
        p.write_text(text, encoding="utf-8")
        size += p.stat().st_size
    got = len(list(folder.glob("*.txt")))
    if got < n:
        raise SystemExit(f"only {got} texts found under ../shared/benchmarks (wanted {n})")
    return size


def measure(src: Path, folder: Path, db: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(src), NEWSFUSION_EMBEDDINGS="off")
    out = subprocess.run([sys.executable, "-c", CHILD, str(folder), str(db)], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="200,2000")
    ap.add_argument("--baseline-rev", default=BASELINE)
    ap.add_argument("--out")
    args = ap.parse_args(argv)
    sizes = [int(x) for x in args.sizes.split(",")]
    tmp = Path(tempfile.mkdtemp(prefix="ingestmem"))
    old = tmp / "baseline"
    old.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.baseline_rev, "src"], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(old)], input=archive, check=True)
    codes = [(f"before ({args.baseline_rev})", old / "src"), ("streaming (this tree)", ROOT / "src")]
    inputs = {}
    for n in sizes:
        inputs[n] = write_inputs(tmp / f"in{n}", n)
    results: dict[tuple[str, int], dict] = {}
    lines = ["| code | inputs | input bytes | ingest | peak Python allocations | peak RSS |", "|---|---|---|---|---|---|"]
    for label, src in codes:
        for n in sizes:
            r = measure(src, tmp / f"in{n}", tmp / f"{label[:6]}{n}.db")
            results[label, n] = r
            lines.append(f"| {label} | {n:,} ({r['added']:,} stored) | {inputs[n] / 1e6:.1f} MB | {r['seconds']:.1f} s | {r['peak'] / 1e6:.1f} MB | {r['maxrss'] / 1e6:.0f} MB |")
            print(lines[-1], flush=True)
    lo, hi = sizes[0], sizes[-1]
    for label, _ in codes:
        a, b = results[label, lo], results[label, hi]
        lines.append(f"\n{label}: {hi:,} / {lo:,} inputs: peak Python allocations x{b['peak'] / a['peak']:.2f}, peak RSS x{b['maxrss'] / a['maxrss']:.2f}")
    from report import emit

    return emit(lines, args.out)


if __name__ == "__main__":
    sys.exit(main())
