"""A 2,000-article knowledge base for the workbench's load figures, from ../shared/benchmarks texts.

    python bench/web_kb2000.py OUT.db [--n 2000] [--workdir DIR]

Writes the news texts of the ConfliBERT evaluation sets (InsightCrime, then the
India Police Events documents, then PolNeAR's texts) as ``.txt`` files and
ingests the first N with the real pipeline. The texts are read-only inputs; the
database is written where you say (never into the repository).
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "benchmarks"
csv.field_size_limit(sys.maxsize)


def texts():
    for name in ("insightCrime", "IndiaPoliceEvents_docs"):
        for split in ("train", "dev", "test"):
            path = SHARED / "conflibert_eval" / name / f"{split}.tsv"
            if path.exists():
                with path.open(encoding="utf-8", errors="replace") as f:
                    for i, row in enumerate(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)):
                        if row and len(row[0]) > 200:
                            yield f"{name}_{split}_{i:05d}", row[0]
    for path in sorted((SHARED / "polnear").glob("*/text/*.txt")):
        yield f"polnear_{path.stem}", path.read_text(encoding="utf-8", errors="replace")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--workdir", default=None)
    ap.add_argument("--chunk", type=int, default=100)
    args = ap.parse_args()
    from newsfusion.kb import KnowledgeBase

    work = Path(args.workdir or Path(args.db).with_suffix(".texts"))
    work.mkdir(parents=True, exist_ok=True)
    files = []
    for name, text in texts():
        p = work / f"{name}.txt"
        if not p.exists():
            p.write_text(text, encoding="utf-8")
        files.append(p)
        if len(files) >= args.n:
            break
    t0 = time.time()
    with KnowledgeBase(args.db) as kb:
        for i in range(0, len(files), args.chunk):
            report = kb.ingest([str(p) for p in files[i : i + args.chunk]])
            print(f"{i + args.chunk} articles, {time.time() - t0:.0f} s: {report.summary()}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
