"""The development set: 30 real reports with gold by ``../shared/eval/GUIDE.md``.

``../shared/devset/articles/*.txt`` (with their ``.meta.json`` sidecars) run
through the pipeline exactly as the seeds are (:mod:`.seeds`) and are scored
by ``../shared/eval/score.py`` against ``../shared/devset/gold``: all 30
reports, and the two halves separately — half A (reports ``1xx``, where
rules are developed) and half B (``2xx``, held back to check that a gain
carries over). ``--limit N`` takes the first N reports, so a limited run
scores only those.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from .base import Result
from .context import DataMissing, EvalContext
from .seeds import extract_to, kind_metrics, run_scorer

NAME = "devset"
SPLITS = ("all",)
REPORT_SPLIT = "all"
HALVES = (("A", "1"), ("B", "2"))


def _gold_subset(gold: Path, into: Path, stems: set[str]) -> Path:
    into.mkdir()
    for g in gold.glob("*.json"):
        if g.stem in stems:
            (into / g.name).symlink_to(g.resolve())
    return into


def run(ctx: EvalContext) -> Result:
    shared = ctx.data.parent
    articles, gold, scorer = shared / "devset" / "articles", shared / "devset" / "gold", shared / "eval" / "score.py"
    for p in (articles, gold, scorer):
        if not p.exists():
            raise DataMissing(f"{p} not found (the development set lives in ../shared beside the benchmarks folder)")
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        n = extract_to(ctx, articles, pred)
        stems = sorted(p.stem for p in articles.glob("*.txt"))
        stems = set(ctx.take(stems))
        out = run_scorer(scorer, _gold_subset(gold, Path(tmp) / "all", stems), pred)
        halves = {}
        for half, prefix in HALVES:
            part = {s for s in stems if s.startswith(prefix)}
            if part:
                halves[half] = run_scorer(scorer, _gold_subset(gold, Path(tmp) / half, part), pred)
    res = Result(NAME, "all", n_docs=n, setting="newsfusion extract on ../shared/devset/articles/*.txt (with sidecars)")
    res.metrics = kind_metrics(out)
    for half, h in halves.items():
        m = kind_metrics(h)
        res.metrics[f"half {half} macro F1"] = m["macro F1 (score.py)"]
        for kind, row in m.items():
            if not kind.startswith("macro"):
                res.metrics[f"half {half} {kind}"] = {k: row[k] for k in ("p", "r", "f1")}
    res.notes.append("half A = reports 1xx (rules developed there), half B = 2xx (held back); "
                     "score.py rounds to three decimals; shown here as percentages.")
    return res
