"""Full and incremental rebuild: this source tree against another revision, in one run.

A refactoring of the corpus steps must give the same knowledge base and must not
be slower. This stores N replicas of the demo corpus and seeds once (store only,
``bench/replicas.py``), then, round after round, runs each tree in its own
process (``PYTHONPATH=<tree>/src``, the other revision taken with ``git archive``)
on a copy of that store: ``rebuild(incremental=False)``, 10 more replicas, then
``rebuild()``. It prints each run's times, the ratios this/base, and whether
every table of the two stores is the same (``meta.kb_built_at`` aside).

    .venv/bin/python bench/rebuild_ab.py --base e8062aa [--n 1000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))


def tables(db: str) -> dict[str, tuple[int, str]]:
    """(rows, digest) of every table, the build time aside."""
    c = sqlite3.connect(db)
    out = {}
    for (t,) in c.execute("select name from sqlite_master where type='table' and name not like 'sqlite_%' order by name"):
        q = f'select * from "{t}"' + (" where key != 'kb_built_at'" if t == "meta" else "")
        rows = sorted(repr(r) for r in c.execute(q))
        out[t] = (len(rows), hashlib.sha1("\n".join(rows).encode()).hexdigest())
    return out


def worker(tmp: Path, tag: str) -> None:
    """One run of the tree on PYTHONPATH on a copy of the store."""
    import kb_growth

    from newsfusion.kb import KnowledgeBase

    db = str(tmp / f"{tag}.db")
    shutil.copy(tmp / "base.db", db)
    kb = KnowledgeBase(db)
    t = time.perf_counter()
    kb.rebuild(incremental=False)
    full = time.perf_counter() - t
    steps = sum(r.seconds for r in kb.last_steps)
    pairs, new = pickle.loads((tmp / "add.pkl").read_bytes())
    kb_growth.fill(kb, pairs, new)
    t = time.perf_counter()
    kb.rebuild()
    print(json.dumps({"db": db, "full": full, "steps": steps, "incremental": time.perf_counter() - t, "fallback": kb.last_fallback}))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", help="the git revision to compare with (required)")
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    os.environ.setdefault("NEWSFUSION_EMBEDDINGS", "off")
    if args.worker:
        worker(Path(args.worker[0]), args.worker[1])
        return 0
    if not args.base:
        ap.error("--base REV is required")
    import kb_growth
    import replicas

    from newsfusion.kb import KnowledgeBase

    tmp = Path(tempfile.mkdtemp(prefix="rebuild_ab"))
    base_tree = tmp / "base"
    base_tree.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.base, "src"], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(base_tree)], input=archive, check=True)
    pairs, _ = kb_growth.processed()
    recs = [r for _, r in pairs]
    kb_growth.fill(KnowledgeBase(str(tmp / "base.db")), pairs, replicas.corpus(recs, args.n))
    (tmp / "add.pkl").write_bytes(pickle.dumps((pairs, replicas.corpus(recs, 10, start=100_000))))
    trees = {"base": base_tree / "src", "this": ROOT / "src"}
    sums = {k: {"full": 0.0, "steps": 0.0, "incremental": 0.0} for k in trees}
    ratios: dict[str, list[float]] = {"full": [], "steps": [], "incremental": []}
    print(f"{args.n:,} replicas; base {args.base}; load {os.getloadavg()[0]:.1f}", flush=True)
    same = True
    for r in range(args.rounds):
        dbs, got = {}, {}
        for name, src in trees.items():
            env = dict(os.environ, PYTHONPATH=str(src))
            run = subprocess.run([sys.executable, __file__, "--worker", str(tmp), f"{name}{r}"], env=env, capture_output=True, text=True)
            if run.returncode:
                sys.exit(f"the {name} run failed:\n{run.stderr[-2000:]}")
            out = run.stdout
            res = json.loads(out.strip().splitlines()[-1])
            dbs[name], got[name] = res["db"], res
            for k in sums[name]:
                sums[name][k] += res[k]
            print(f"round {r + 1} {name}: full rebuild {res['full']:.2f} s (steps {res['steps']:.2f} s), add 10 {res['incremental']:.2f} s"
                  f"{' fallback: ' + res['fallback'] if res['fallback'] else ''}", flush=True)
        for k in ratios:
            ratios[k].append(got["this"][k] / got["base"][k])
        a, b = tables(dbs["base"]), tables(dbs["this"])
        diff = sorted(t for t in set(a) | set(b) if a.get(t) != b.get(t))
        same &= not diff
        print(f"round {r + 1}: {len(a)} tables, {sum(n for n, _ in a.values()):,} rows; {'the same' if not diff else 'DIFFERENT: ' + ', '.join(diff)}")
    for k in ("full", "steps", "incremental"):
        med = sorted(ratios[k])[len(ratios[k]) // 2]
        print(f"{k}: this/base {sums['this'][k] / sums['base'][k]:.2f}x over {args.rounds} rounds (median of the rounds' ratios {med:.2f}x)")
    shutil.rmtree(tmp, ignore_errors=True)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
