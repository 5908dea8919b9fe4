"""Build the attribution model from PolNeAR: ``make train-attribution``.

    python -m newsfusion.claims.learned.train [--data DIR] [--out FILE] [--seed N] [--cache DIR] [--limit N]

1. parse PolNeAR train and dev with the pipeline's own spaCy model (the
   parse is what the features read, so it must be the same one);
2. fit the cue tagger and the role tagger on train (``linear.py``: AdaGrad,
   averaged weights, a fixed seed);
3. choose the decoding biases on dev, by PolNeAR's source exact F1 (cue and
   content exact break ties) — test is never read;
4. write the artefact (``data/models/attribution.nfm``) with what it was
   built from and its dev figures in ``meta.json``.

Two runs with the same data, seed and spaCy model give the same file.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import itertools
import time
from dataclasses import replace
from pathlib import Path

from ...eval.polnear import AnnDoc, load_split, score
from .data import dataset, to_ann
from .decode import CUE_LABELS, ROLE_LABELS
from .features import Table
from .linear import Linear
from .model import AttributionModel, Params

DEFAULT_OUT = Path(__file__).resolve().parents[2] / "data" / "models" / "attribution.nfm"
BITS = 20
GRID = {
    "cue_bias": [0.0, 0.5, 1.0],
    "source_bias": [-0.5, 0.0, 0.5],
    "content_bias": [-0.5, 0.0, 0.5],
}


def _parse(docs: list[AnnDoc], nlp, cache: Path | None, split: str, log) -> list[Table]:
    from spacy.tokens import DocBin

    key = hashlib.sha256("".join(d.text for d in docs).encode() + nlp.meta["version"].encode()).hexdigest()[:12]
    path = cache / f"polnear-{split}-{key}.spacy" if cache else None
    if path is not None and path.exists():
        sdocs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    else:
        t0 = time.time()
        sdocs = list(nlp.pipe((d.text for d in docs), batch_size=16))
        log(f"parsed {split}: {len(sdocs)} articles in {time.time() - t0:.0f} s")
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = DocBin()
            for sd in sdocs:
                db.add(sd)
            db.to_disk(path)
    return [Table(sd, d.text) for sd, d in zip(sdocs, docs)]


def evaluate(model: AttributionModel, tables: list[Table], golds: list[AnnDoc], caches: list[dict] | None = None) -> dict[str, float]:
    """PolNeAR's scores (``eval/polnear.py``) of the model alone, in per cent."""
    caches = caches or [None] * len(tables)  # type: ignore[list-item]
    res = score([(g, to_ann(tb, g.name, g.text, model.predict(tb, c))) for g, tb, c in zip(golds, tables, caches)])
    out = {}
    for k, v in res.items():
        out[k] = round(100 * v.f1, 2)
        out[k + " P"] = round(100 * v.precision, 2)
        out[k + " R"] = round(100 * v.recall, 2)
    return out


def tune(model: AttributionModel, tables: list[Table], golds: list[AnnDoc], log) -> dict[str, float]:
    """Set the decoding biases by dev source exact F1 (then cue, then content exact)."""
    best, best_key = None, None
    keys = list(GRID)
    caches: list[dict] = [{} for _ in tables]
    for vals in itertools.product(*(GRID[k] for k in keys)):
        model.params = replace(model.params, **dict(zip(keys, vals)))
        s = evaluate(model, tables, golds, caches)
        key = (s["source exact"], s["cue exact"], s["content exact"])
        if best_key is None or key > best_key:
            best, best_key = (model.params, s), key
    assert best is not None
    model.params = best[0]
    log(f"decoding on dev: {dict(zip(keys, (getattr(best[0], k) for k in keys)))}")
    return best[1]


def train(data: Path, out: Path = DEFAULT_OUT, *, seed: int = 0, cue_epochs: int = 2, role_epochs: int = 4, min_count: int = 5,
          cache: Path | None = None, limit: int | None = None, log=print) -> AttributionModel:
    from ...stages.nlp import load_nlp

    t0 = time.time()
    root = data / "polnear"
    nlp = load_nlp()
    train_docs = load_split(root, "train")[:limit]
    dev_docs = load_split(root, "dev")[:limit]
    train_tb = _parse(train_docs, nlp, cache, "train", log)
    dev_tb = _parse(dev_docs, nlp, cache, "dev", log)
    X, y = dataset(train_tb, train_docs, "cue", BITS)
    log(f"cue tagger: {len(y)} tokens")
    cue = Linear(CUE_LABELS, BITS).fit(X, y, epochs=cue_epochs, min_count=min_count, seed=seed, log=log)
    X, y = dataset(train_tb, train_docs, "role", BITS)
    log(f"role tagger: {len(y)} token-cue pairs")
    role = Linear(ROLE_LABELS, BITS).fit(X, y, epochs=role_epochs, min_count=min_count, seed=seed, log=log)
    del X, y
    model = AttributionModel(cue, role, Params())
    dev = tune(model, dev_tb, dev_docs, log)
    model.meta = {
        "trained_on": f"PolNeAR v1.0.0 train ({len(train_docs)} articles, first annotator of each)",
        "tuned_on": f"PolNeAR v1.0.0 dev ({len(dev_docs)} articles)",
        "spacy_model": f"{nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}",
        "seed": seed,
        "epochs": {"cue": cue_epochs, "role": role_epochs},
        "min_count": min_count,
        "dev": {k: v for k, v in dev.items() if k.endswith("exact") or k.endswith("overlap")},
        "licence": "weights learned from PolNeAR annotations; see docs/claims.md#learned-attribution",
    }
    data_bytes = model.to_bytes()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data_bytes)
    log(f"dev: source exact {dev['source exact']}, cue exact {dev['cue exact']}, content exact {dev['content exact']}")
    log(f"wrote {out} ({len(data_bytes) / 1e6:.1f} MB) in {time.time() - t0:.0f} s")
    return model


def main(argv: list[str] | None = None) -> int:
    from ...errors import ConfigError, NewsfusionError
    from ...eval import default_data_dir

    ap = argparse.ArgumentParser(prog="python -m newsfusion.claims.learned.train",
                                 description="Train the attribution model on PolNeAR train, tune it on dev (never test).")
    ap.add_argument("--data", type=Path, default=None,
                    help="folder holding polnear/ [default: $NEWSFUSION_BENCHMARKS or ../shared/benchmarks]")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the model [default: the package's]")
    ap.add_argument("--seed", type=int, default=0, help="seed of the training order [default: 0]")
    ap.add_argument("--cache", type=Path, default=None, help="keep the spaCy parses of PolNeAR here for the next run")
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles of each split (smoke runs)")
    args = ap.parse_args(argv)
    root = args.data or default_data_dir()
    try:
        if not (root / "polnear" / "metadata.tsv").is_file():
            raise ConfigError("E004", f"PolNeAR not found under {root}", "pass --data DIR holding polnear/ or set NEWSFUSION_BENCHMARKS")
        train(root, args.out, seed=args.seed, cache=args.cache, limit=args.limit, log=lambda m: print(m, file=sys.stderr, flush=True))
    except NewsfusionError as e:
        print(f"newsfusion: {e}", file=sys.stderr)
        return e.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main())
