"""Tune the ECB+ event-fusion weights and threshold on the dev topics (never on test).

Rebuilds ``src/newsfusion/data/models/ecbplus_fusion.json`` from
../shared/benchmarks/ecbplus on CPU in a few minutes:

    PYTHONPATH=src python scripts/tune_ecbplus.py [--data DIR] [--split dev]
"""

from __future__ import annotations

import argparse
import itertools
import time
from pathlib import Path

import numpy as np

from newsfusion.eval import default_data_dir
from newsfusion.eval.context import EvalContext
from newsfusion.eval.coref_metrics import conll
from newsfusion.eval.ecbplus import prepare
from newsfusion.eval.ecbplus_data import gold_clusters
from newsfusion.eval.ecbplus_system import FusionParams, cluster_many, topic_matrices

GRID = {
    "w_trigger": [0.0, 0.5, 1.0, 2.0],
    "w_lemma": [0.0, 1.0, 2.0, 3.0, 4.0, 6.0],
    "w_args": [0.0, 0.5, 1.0, 2.0],
    "w_doc": [0.0, 1.0, 2.0, 3.0, 4.0, 6.0],
}
THRESHOLDS = [round(float(x), 3) for x in np.arange(0.1, 0.8, 0.025)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=default_data_dir())
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--out", type=Path, default=None, help="where to write the parameters (default: the packaged file)")
    args = ap.parse_args()
    t0 = time.time()
    prep = prepare(EvalContext(data=args.data, split=args.split), args.split)
    mats = topic_matrices(prep.gold, prep.doc_vecs)
    key = gold_clusters(prep.docs)
    print(f"features for {len(prep.gold)} mentions in {time.time() - t0:.0f} s")
    best, best_f = None, -1.0
    for values in itertools.product(*GRID.values()):
        base = FusionParams(**dict(zip(GRID, values)))
        for th, response in cluster_many(mats, base, THRESHOLDS).items():
            f = conll(key, response)["CoNLL"]
            if f > best_f:
                best, best_f = FusionParams(**dict(zip(GRID, values)), threshold=th), f
                print(f"  {best_f:.4f} {best}", flush=True)
    assert best is not None
    best.tuned_on = f"grid search on the ECB+ {args.split} topics (scripts/tune_ecbplus.py)"
    best.dev_conll = round(100 * best_f, 2)
    best.save(args.out) if args.out else best.save()
    print(f"best CoNLL F1 on {args.split}: {100 * best_f:.2f} with {best}; {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
