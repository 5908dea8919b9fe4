#!/usr/bin/env python3
"""Score the extraction on the development set (two halves) and the seeds.

usage: python scripts/devscore.py [--out FILE] [--json] [--docs 101,102]

Runs ``newsfusion extract`` on ``../shared/devset/articles/*.txt`` and
``../shared/seeds/*.txt`` with the interpreter running this script, then
scores with ``../shared/eval/score.py``: half A (1xx, where rules are
developed), half B (2xx, held back to check that a gain carries over), all 30
reports, and the seeds. A gain on A that is a loss on B is tuning, not
progress.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
KINDS = ["entities", "events", "claims", "relations", "contradictions"]


def score(gold_dir: Path, pred: Path, stems: list[str] | None = None) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        gdir = Path(tmp)
        for g in gold_dir.glob("*.json"):
            if g.stem.startswith("_") or (stems is not None and g.stem not in stems):
                continue
            (gdir / g.name).symlink_to(g)
        out = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(gdir), str(pred), "--json"],
                             capture_output=True, text=True, check=True).stdout
    r = json.loads(out)
    r["macro"] = round(sum(r[k]["f1"] for k in KINDS) / len(KINDS), 3)
    return r


def line(name: str, r: dict) -> str:
    cells = "  ".join(f"{k[:5]} {r[k]['f1']:.3f}" for k in KINDS)
    return f"{name:8s} macro {r['macro']:.3f}  {cells}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=f"/tmp/newsfusion-devscore-{ROOT.name}.jsonl")
    ap.add_argument("--json", action="store_true", help="print every figure as JSON")
    ap.add_argument("--no-run", action="store_true", help="score --out as it is")
    args = ap.parse_args()
    if not (SHARED / "devset").is_dir():
        sys.exit(f"devscore: {SHARED / 'devset'} not found: this script needs ../shared beside the project")
    out = Path(args.out)
    if not args.no_run:
        files = sorted(str(p) for p in (SHARED / "devset" / "articles").glob("*.txt"))
        files += sorted(str(p) for p in (SHARED / "seeds").glob("*.txt"))
        with out.open("w") as fh:
            subprocess.run([sys.executable, "-m", "newsfusion", "extract", *files, "--format", "json"],
                           stdout=fh, check=True)
    gold = SHARED / "devset" / "gold"
    stems = [g.stem for g in gold.glob("*.json")]
    res = {
        "A (1xx)": score(gold, out, [s for s in stems if s.startswith("1")]),
        "B (2xx)": score(gold, out, [s for s in stems if s.startswith("2")]),
        "dev all": score(gold, out),
        "seeds": score(SHARED / "seeds" / "gold", out),
    }
    if args.json:
        print(json.dumps(res, indent=1))
        return
    for name, r in res.items():
        print(line(name, r))
    print()
    for k in KINDS:
        r = res["dev all"][k]
        extra = "  ".join(f"{a}={v}" for a, v in r.items() if a not in ("precision", "recall", "f1", "gold", "predicted"))
        print(f"dev {k:14s} P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f}  {extra}")


if __name__ == "__main__":
    main()
