"""MUC-4 template filling: GTT template F1, CEAF-REE, and date/location/deaths on the 1992 keys.

Input: ``muc4/gtt_template_filling/{dev,test}.json`` (lower-cased texts and
gold templates), ``muc4/grit_ree/`` (role-filler view), the reference
systems' predictions in ``muc4/reference_predictions/`` and the 1992 answer
keys in ``muc4/original_muc34/``. Each text goes through newsfusion with its
dateline date as the article date (so "yesterday" can be resolved).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from ..model import Article
from .base import PRF, Published, Result
from .context import EvalContext, read_json, read_jsonl
from .muc4_adapter import doc_templates
from .muc4_keys import KEY_FILES, TEXT_FILES, PredIncident, parse_datelines, parse_key_file, score_keys
from .muc4_scorer import ROLES, SLOTS, ceaf_ree_score, gold_templates_from_gtt, gtt_score

NAME = "muc4"
SPLITS = ("dev", "test")
REPORT_SPLIT = "test"
GTT = "template F1 (GTT scorer)"
REE = "role-filler entities (CEAF-REE)"

PUBLISHED = [
    Published("TempGen (Huang et al. 2021)", GTT, 63.7, 37.4, 47.2, "S"),
    Published("IterX BART-base (Chen et al. 2023)", GTT, 49.75, 45.69, 47.64, "R", "IterX BART-base"),
    Published("GTT BERT-base (Du et al. 2021)", GTT, 61.69, 42.36, 50.23, "R", "GTT BERT-base"),
    Published("IterX BERT-base", GTT, 52.25, 51.11, 51.67, "R", "IterX BERT-base"),
    Published("IterX BART-large", GTT, 54.28, 50.37, 52.25, "R", "IterX BART-large"),
    Published("IterX T5-large encoder", GTT, 60.92, 46.92, 53.01, "R", "IterX T5-large encoder"),
    Published("DyGIE++ (as run by Du et al. 2021a)", REE, 57.04, 46.77, 51.40, "M"),
    Published("GRIT (Du et al. 2021a)", REE, 64.19, 47.36, 54.50, "R", "GRIT"),
]

ITERX = {
    "IterX BART-base": "iterx_bart-base_test_preds.jsonl",
    "IterX BERT-base": "iterx_bert-base_test_preds.jsonl",
    "IterX BART-large": "iterx_bart-large_test_preds.jsonl",
    "IterX T5-large encoder": "iterx_t5-large-enc_test_preds.jsonl",
}


def doc_key(docid: str) -> str:
    """``TST4-MUC4-0034`` -> ``40034`` (the scorers' integer key)."""
    parts = docid.split("-")
    return str(int(parts[0][-1]) * 10000 + int(parts[-1]))


def _slots(res: dict[str, PRF], slots: tuple[str, ...]) -> dict[str, Any]:
    out = res["micro"].as_dict()
    out["per_slot"] = {s: res[s].as_dict() for s in slots}
    return out


def _references(root: Path, golds: dict, grit_golds: dict) -> dict[str, dict[str, Any]]:
    ref = root / "reference_predictions"
    out: dict[str, dict[str, Any]] = {}
    gtt_file = ref / "gtt_bert-base_test_preds.json"
    if gtt_file.exists():
        d = read_json(gtt_file)
        preds = {k: v["pred_templates"] for k, v in d.items() if k in golds}
        out["GTT BERT-base"] = {GTT: _slots(gtt_score(preds, golds), SLOTS)}
    for system, fname in ITERX.items():
        if (ref / fname).exists():
            preds: dict[str, list] = defaultdict(list)
            for line in read_jsonl(ref / fname):
                for docid, temps in line.items():
                    preds[doc_key(docid)].extend(temps)
            out[system] = {GTT: _slots(gtt_score(preds, golds), SLOTS)}
    grit_file = ref / "grit_ree_test_preds.json"
    if grit_file.exists() and grit_golds:
        d = read_json(grit_file)
        preds = {k: v["pred_extracts"] for k, v in d.items() if k in grit_golds}
        out["GRIT"] = {REE: _slots(ceaf_ree_score(preds, grit_golds), ROLES)}
    return out


def _merge_roles(templates: list[dict]) -> dict[str, list]:
    """The role-filler view of a document: all templates' entities per role."""
    out: dict[str, list] = {r: [] for r in ROLES}
    for t in templates:
        for r in ROLES:
            for e in t[r]:
                if e not in out[r]:
                    out[r].append(e)
    return out


def _load(ctx: EvalContext, root: Path, split: str):
    docs = ctx.take(read_jsonl(root / "gtt_template_filling" / f"{split}.json"))
    golds = {doc_key(d["docid"]): gold_templates_from_gtt(d["templates"]) for d in docs}
    grit_golds = {}
    grit = root / "grit_ree" / f"{split}.json"
    if grit.exists():
        for d in read_jsonl(grit):
            if doc_key(d["docid"]) in golds:
                grit_golds[doc_key(d["docid"])] = {r: [[m[0] for m in e] for e in v] for r, v in d["extracts"].items()}
    return docs, golds, grit_golds


def _keys(root: Path, split: str):
    corpora = root / "original_muc34" / "TASK" / "CORPORA"
    keys, datelines = {}, {}
    for f in KEY_FILES[split]:
        if (corpora / f).exists():
            keys.update(parse_key_file(corpora / f))
    for f in TEXT_FILES[split]:
        if (corpora / f).exists():
            datelines.update(parse_datelines(corpora / f))
    return keys, datelines


def run(ctx: EvalContext) -> Result:
    split = ctx.split or REPORT_SPLIT
    root = ctx.folder(NAME, f"gtt_template_filling/{split}.json")
    docs, golds, grit_golds = _load(ctx, root, split)
    keys, datelines = _keys(root, split)
    res = Result(NAME, split, published=list(PUBLISHED), setting="end to end from raw (lower-cased) text", n_docs=len(docs))
    if ctx.references and split == "test":
        res.reference = _references(root, golds, grit_golds)

    articles = [
        Article(text=d["doctext"], name=d["docid"], published=(datelines[d["docid"]].isoformat() if d["docid"] in datelines else None))
        for d in docs
    ]
    preds: dict[str, list] = {}
    extras: dict[str, list[PredIncident]] = {}
    n_events = 0
    for doc in ctx.run(articles, [a.name for a in articles], keep_nlp=True):  # the parse tells names (lower-cased text)
        temps, xs = doc_templates(doc)
        doc.nlp = None
        n_events += len(doc.events)
        preds[doc_key(doc.doc_id)] = temps
        extras[doc.doc_id] = xs
    res.metrics[GTT] = _slots(gtt_score(preds, golds), SLOTS)
    if grit_golds:
        res.metrics[REE] = _slots(ceaf_ree_score({k: _merge_roles(v) for k, v in preds.items()}, grit_golds), ROLES)
    if keys:
        kept = {k: v for k, v in keys.items() if k in {d["docid"] for d in docs}}
        for slot, prf in score_keys(extras, kept).items():
            res.metrics[f"{slot} (1992 keys)"] = prf.as_dict()
    n_t = sum(len(v) for v in preds.values())
    res.notes.append(f"newsfusion produced {n_events} events -> {n_t} templates on {len(docs)} documents.")
    return res
