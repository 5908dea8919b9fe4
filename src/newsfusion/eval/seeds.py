"""The seed articles: ``../shared/eval/score.py`` on ``../shared/seeds/gold``.

The seed texts are read exactly as ``newsfusion extract`` reads them, run
through the shared pipeline, written as FORMAT.md records (``doc_record``)
to a temporary JSONL file, and scored by calling the shared scorer in a
subprocess (it is not copied into the project). The shared folder is the
parent of the benchmarks folder (``../shared``).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from ..errors import InputError
from ..export.record import doc_record
from ..ingest import read_paths
from .base import Result
from .context import DataMissing, EvalContext

NAME = "seeds"
SPLITS = ("gold",)
REPORT_SPLIT = "gold"
KINDS = ("entities", "events", "claims", "relations", "contradictions")


def _paths(ctx: EvalContext) -> tuple[Path, Path, Path]:
    shared = ctx.data.parent
    seeds, gold, scorer = shared / "seeds", shared / "seeds" / "gold", shared / "eval" / "score.py"
    for p in (seeds, gold, scorer):
        if not p.exists():
            raise DataMissing(f"{p} not found (the seeds live in ../shared beside the benchmarks folder)")
    return seeds, gold, scorer


def run_scorer(scorer: Path, gold: Path, pred: Path) -> dict:
    """``score.py GOLD PRED --json`` in a subprocess; its JSON output."""
    proc = subprocess.run([sys.executable, str(scorer), str(gold), str(pred), "--json"],
                          capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        raise InputError("E263", f"score.py failed: {proc.stderr.strip().splitlines()[-1:]}", "check ../shared/eval/score.py",
                         path=str(scorer))
    return json.loads(proc.stdout)


def kind_metrics(out: dict) -> dict:
    """score.py's JSON as result rows: macro F1 first, then each kind with its attributes."""
    rows = {}
    for kind in KINDS:
        r = out.get(kind, {})
        rows[kind] = {"p": round(100 * r.get("precision", 0), 1), "r": round(100 * r.get("recall", 0), 1),
                      "f1": round(100 * r.get("f1", 0), 1), "gold": r.get("gold"), "predicted": r.get("predicted"),
                      "attributes": {k: v for k, v in r.items() if k not in ("precision", "recall", "f1", "gold", "predicted")}}
    macro = sum(rows[k]["f1"] for k in KINDS) / len(KINDS)
    return {"macro F1 (score.py)": {"p": None, "r": None, "f1": round(macro, 1)}, **rows}


def extract_to(ctx: EvalContext, folder: Path, pred: Path) -> int:
    """Read ``folder/*.txt`` (with sidecars) as ``newsfusion extract`` does, write FORMAT.md records to ``pred``."""
    articles, ids = [], []
    for item in read_paths(sorted(str(p) for p in folder.glob("*.txt"))):
        if isinstance(item, InputError):
            continue
        articles.append(item)
        ids.append(item.name or Path(item.source_path or "stdin").stem)
    articles, ids = ctx.take(articles), ctx.take(ids)
    with pred.open("w", encoding="utf-8") as f:
        for doc in ctx.run(articles, ids):
            f.write(json.dumps(doc_record(doc), ensure_ascii=False) + "\n")
    return len(articles)


def run(ctx: EvalContext) -> Result:
    seeds, gold, scorer = _paths(ctx)
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        n = extract_to(ctx, seeds, pred)
        out = run_scorer(scorer, gold, pred)
    res = Result(NAME, "gold", n_docs=n, setting="newsfusion extract on ../shared/seeds/*.txt")
    res.metrics = kind_metrics(out)
    if out.get("missing_documents"):
        res.notes.append(f"documents missing from the prediction: {', '.join(out['missing_documents'])}")
    res.notes.append("score.py rounds to three decimals; shown here as percentages.")
    return res
