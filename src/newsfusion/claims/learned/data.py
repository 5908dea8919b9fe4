"""PolNeAR annotations as token labels, and model output as PolNeAR spans.

Used to train (``train.py``) and to score the model on its own against the
PolNeAR adapter's scorer (``eval/polnear.py``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import numpy as np

from ...eval.polnear import AnnDoc, Attribution
from .decode import CUE_LABELS, ROLE_LABELS
from .features import Table
from .linear import hash_features
from .model import Found


def tokens_of(tb: Table, segs) -> list[int]:
    """Non-space tokens overlapping character segments."""
    out: set[int] = set()
    for a, b in segs or ():
        lo = max(0, bisect_right(tb.end, a))  # first token ending after a
        hi = bisect_left(tb.idx, b)  # tokens starting before b
        out.update(i for i in range(lo, hi) if not tb.space[i])
    return sorted(out)


def gold_triples(tb: Table, ann: AnnDoc) -> list[tuple[list[int], list[int], list[int]]]:
    out = []
    for r in ann.relations:
        cue = tokens_of(tb, r.cue)
        if cue:
            out.append((cue, tokens_of(tb, r.source), tokens_of(tb, r.content)))
    return out


def cue_rows(tb: Table, ann: AnnDoc) -> tuple[list, list[int]]:
    label = {}
    for r in ann.relations:
        cue = tokens_of(tb, r.cue)
        for k, i in enumerate(cue):
            label[i] = 1 if k == 0 or cue[k - 1] != i - 1 else 2
    feats, ys = [], []
    for i in range(tb.n):
        if tb.space[i]:
            continue
        feats.append(tb.cue_features(i))
        ys.append(label.get(i, 0))
    return feats, ys


def role_rows(tb: Table, ann: AnnDoc) -> tuple[list, list[int]]:
    feats, ys = [], []
    for cue, src, con in gold_triples(tb, ann):
        c = tb.make_cue(cue)
        toks, fs = tb.role_instances(c)
        s, k = set(src), set(con)
        feats.extend(fs)
        ys.extend(1 if t in s else 2 if t in k else 0 for t in toks)
    return feats, ys


def dataset(tables: list[Table], anns: list[AnnDoc], kind: str, bits: int) -> tuple[np.ndarray, np.ndarray]:
    rows = cue_rows if kind == "cue" else role_rows
    Xs, ys = [], []
    for tb, ann in zip(tables, anns):
        f, y = rows(tb, ann)
        if f:
            Xs.append(hash_features(f, bits))
            ys.extend(y)
    return np.concatenate(Xs), np.asarray(ys, dtype=np.int64)


def _segments(tb: Table, toks: list[int]) -> tuple[tuple[int, int], ...] | None:
    """Token positions as character segments; runs broken only by skipped tokens."""
    if not toks:
        return None
    segs, start, prev = [], toks[0], toks[0]
    for t in toks[1:]:
        if any(not tb.space[j] for j in range(prev + 1, t)):
            segs.append((tb.idx[start], tb.end[prev]))
            start = t
        prev = t
    segs.append((tb.idx[start], tb.end[prev]))
    return tuple(segs)


def to_ann(tb: Table, name: str, text: str, found: list[Found]) -> AnnDoc:
    out = AnnDoc(name, text, {r: [] for r in ("source", "cue", "content")})
    for f in found:
        rel = Attribution(_segments(tb, f.source), _segments(tb, f.cue.tokens), _segments(tb, f.content))
        out.relations.append(rel)
        for role in ("source", "cue", "content"):
            s = getattr(rel, role)
            if s is not None and s not in out.spans[role]:
                out.spans[role].append(s)
    return out


__all__ = ["CUE_LABELS", "ROLE_LABELS", "dataset", "gold_triples", "to_ann", "tokens_of"]
