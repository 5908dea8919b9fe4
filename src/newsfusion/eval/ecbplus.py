"""ECB+: cross-document event coreference, CoNLL F1, gold and predicted mentions.

Setting: all documents of a split are scored as one "document" (so
cross-document links count); mentions are clustered within each gold
*topic* (the ECB and ECB+ sub-topics of a topic are NOT given, so telling
"the 2009 earthquake" from "the 2012 earthquake" is up to the system).
Predicted mentions are newsfusion's event triggers, kept when they lie in
the annotated sentences; they match gold mentions by exact token span.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import Doc
from .base import PRF, Published, Result
from .context import EvalContext
from .coref_metrics import conll
from .ecbplus_data import EcbDoc, gold_clusters, load_split
from .ecbplus_system import FusionParams, MentionFeats, cluster, doc_vectors, lemma_baseline, mention_feats, run_newsfusion, topic_matrices

NAME = "ecbplus"
SPLITS = ("train", "dev", "test")
REPORT_SPLIT = "test"
GOLD = "CoNLL F1 (gold mentions)"
PRED = "CoNLL F1 (predicted mentions)"

PUBLISHED = [
    Published("Barhom et al. 2019 (predicted topics)", GOLD, None, None, 79.5, "M"),
    Published("Cattan et al. 2021", GOLD, None, None, 81.0, "M"),
    Published("Caciularu et al. 2021 (CDLM)", GOLD, None, None, 85.6, "M"),
    Published("Held et al. 2021", GOLD, None, None, 85.7, "M"),
]


@dataclass
class Prepared:
    docs: list[EcbDoc]
    gold: list[MentionFeats]
    pred: list[MentionFeats]
    doc_vecs: dict


def _predicted_mentions(ecb: EcbDoc, doc: Doc, offs: list[tuple[int, int]]) -> list[tuple[str, tuple[int, ...]]]:
    """newsfusion's event triggers in the annotated sentences, as token tuples."""
    gold_by_toks = {m.tokens: m.id for m in ecb.mentions}
    out, seen = [], set()
    for i, ev in enumerate(doc.events):
        toks = tuple(j for j, (a, b) in enumerate(offs) if a < ev.trigger.end and ev.trigger.start < b)
        if not toks or toks in seen or ecb.sentence_of[toks[0]] not in ecb.selected:
            continue
        seen.add(toks)
        out.append((gold_by_toks.get(toks, f"{ecb.name}:pred{i}"), toks))
    return out


def prepare(ctx: EvalContext, split: str) -> Prepared:
    """Documents, newsfusion's output and the mention features of a split."""
    root = ctx.folder(NAME, "ECBplus_coreference_sentences.csv", "ECB+")
    docs = load_split(root, split, ctx.limit)
    nf = run_newsfusion(ctx, docs)
    gold, pred = [], []
    for ecb in docs:
        doc, offs = nf[ecb.name]
        gold += [mention_feats(ecb, doc, offs, m.id, m.tokens) for m in ecb.mentions]
        pred += [mention_feats(ecb, doc, offs, mid, toks) for mid, toks in _predicted_mentions(ecb, doc, offs)]
    vecs = doc_vectors(nf)
    for doc, _ in nf.values():
        doc.nlp = None
    return Prepared(docs, gold, pred, vecs)


def _metrics(key, response, label: str) -> dict[str, Any]:
    res = conll(key, response)
    out: dict[str, Any] = {f"CoNLL F1 ({label})": {"p": None, "r": None, "f1": round(100 * res["CoNLL"], 2)}}
    for m in ("MUC", "B3", "CEAF-e"):
        prf: PRF = res[m]  # type: ignore[assignment]
        out[f"{m} ({label})"] = prf.as_dict()
    return out


def run(ctx: EvalContext) -> Result:
    split = ctx.split or REPORT_SPLIT
    prep = prepare(ctx, split)
    params = FusionParams.load()
    key = gold_clusters(prep.docs)
    res = Result(NAME, split, published=list(PUBLISHED), n_docs=len(prep.docs),
                 setting="within gold topics (sub-topics not given); all documents scored as one")
    response = cluster(topic_matrices(prep.gold, prep.doc_vecs), params)
    res.metrics.update(_metrics(key, response, "gold mentions"))
    pred_resp = cluster(topic_matrices(prep.pred, prep.doc_vecs), params) if prep.pred else []
    res.metrics.update(_metrics(key, pred_resp, "predicted mentions"))
    res.reference["same-lemma baseline (computed here)"] = _metrics(key, lemma_baseline(prep.gold), "gold mentions")
    n_pred = len(prep.pred)
    n_hit = sum(1 for f in prep.pred if ":pred" not in f.id)
    res.notes.append(f"{sum(len(d.mentions) for d in prep.docs)} gold event mentions in {len(key)} clusters; "
                     f"newsfusion predicted {n_pred} mentions, {n_hit} of them exactly a gold mention.")
    res.notes.append(f"Fusion parameters ({params.tuned_on}): w_trigger={params.w_trigger}, w_lemma={params.w_lemma}, "
                     f"w_args={params.w_args}, w_doc={params.w_doc}, threshold={params.threshold}.")
    lemma = res.reference["same-lemma baseline (computed here)"][GOLD]["f1"]
    res.notes.append(f"Same-lemma-within-topic baseline (gold mentions): CoNLL F1 {lemma:.2f}.")
    return res
