"""The events bar on the seed articles, scored with ../shared/eval/score.py (skipped without ../shared)."""

from __future__ import annotations

import importlib.util
import json

import pytest

pytestmark = pytest.mark.shared


def _scorer(shared_dir):
    path = shared_dir / "eval" / "score.py"
    if not path.exists():
        pytest.skip(f"scorer not found at {path}")
    spec = importlib.util.spec_from_file_location("nf_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_seed_events_meet_the_bar(shared_dir, seeds_dir, pipeline, tmp_path):
    from newsfusion.export.record import doc_record
    from newsfusion.ingest import read_paths

    score = _scorer(shared_dir)
    files = sorted(seeds_dir.glob("*.txt"))
    articles = list(read_paths([str(f) for f in files]))
    out = tmp_path / "pred.jsonl"
    out.write_text("".join(json.dumps(doc_record(d)) + "\n" for d in pipeline.pipe(articles, doc_ids=[f.stem for f in files])))
    T = {k: score.Tally() for k in ("entities", "events", "claims", "relations", "contradictions")}
    preds = score.load_pred(out)
    for gf in sorted((seeds_dir / "gold").glob("*.json")):
        if not gf.stem.startswith("_"):
            score.score_doc(json.loads(gf.read_text()), preds.get(gf.stem, {}), T)
    ev = T["events"]
    p, r, f1 = ev.prf()
    acc = {k: g / n for k, (g, n) in ev.attr.items()}
    assert f1 >= 0.80, (p, r, f1)
    assert acc["sub type"] >= 0.70 and acc["actor"] >= 0.80 and acc["location"] >= 0.80, acc
    assert acc["fatalities"] == 1.0, acc
