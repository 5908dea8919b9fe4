"""Coreference metrics: MUC, B-cubed, CEAF-e and CoNLL F1 (their mean).

Clusters are collections of hashable mention ids; the key (gold) and the
response (system) need not hold the same mentions (predicted-mention
setting), following the reference scorer (Pradhan et al. 2014):

* MUC (Vilain et al. 1995): recall = sum over key clusters K of
  (|K| - |p(K)|) / sum of (|K| - 1), where p(K) partitions K by the response
  clusters and every mention of K missing from the response is a part of its
  own; precision is the same with key and response swapped.
* B-cubed (Bagga & Baldwin 1998): recall = sum over key clusters K and
  response clusters R of |K & R|^2 / |K|, divided by the number of key
  mentions; precision swaps the roles.
* CEAF-e (Luo 2005): the one-to-one alignment of key and response clusters
  maximising the sum of phi4(K, R) = 2 |K & R| / (|K| + |R|); recall = that
  sum / #key clusters, precision = that sum / #response clusters.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Sequence

import numpy as np

from .base import PRF

Clusters = Sequence[Collection[Hashable]]


def _index(clusters: Clusters) -> dict[Hashable, int]:
    return {m: i for i, c in enumerate(clusters) for m in c}


def _muc_side(a: Clusters, b: Clusters) -> tuple[int, int]:
    where = _index(b)
    num = den = 0
    for c in a:
        parts = {where.get(m, ("alone", m)) for m in c}
        num += len(c) - len(parts)
        den += len(c) - 1
    return num, den


def muc(key: Clusters, response: Clusters) -> PRF:
    rn, rd = _muc_side(key, response)
    pn, pd = _muc_side(response, key)
    return PRF(pn, pd, rn, rd)


def _b3_side(a: Clusters, b: Clusters) -> tuple[float, int]:
    where = _index(b)
    num = 0.0
    for c in a:
        counts: dict[int, int] = {}
        for m in c:
            if m in where:
                counts[where[m]] = counts.get(where[m], 0) + 1
        num += sum(n * n for n in counts.values()) / len(c)
    return num, sum(len(c) for c in a)


def b_cubed(key: Clusters, response: Clusters) -> PRF:
    rn, rd = _b3_side(key, response)
    pn, pd = _b3_side(response, key)
    return PRF(pn, pd, rn, rd)


def ceaf_e(key: Clusters, response: Clusters) -> PRF:
    from .optional import require

    linear_sum_assignment = require("scipy.optimize").linear_sum_assignment

    key = [set(c) for c in key if c]
    response = [set(c) for c in response if c]
    if not key or not response:
        return PRF(0, len(response), 0, len(key))
    where = _index(response)
    sim = np.zeros((len(key), len(response)))
    for i, k in enumerate(key):
        for m in k:
            j = where.get(m)
            if j is not None and sim[i, j] == 0:
                sim[i, j] = 2 * len(k & response[j]) / (len(k) + len(response[j]))
    rows, cols = linear_sum_assignment(-sim)
    total = float(sim[rows, cols].sum())
    return PRF(total, len(response), total, len(key))


def conll(key: Clusters, response: Clusters) -> dict[str, PRF | float]:
    """The three metrics and CoNLL F1 (the mean of their F1s, as a fraction)."""
    out: dict[str, PRF | float] = {"MUC": muc(key, response), "B3": b_cubed(key, response), "CEAF-e": ceaf_e(key, response)}
    out["CoNLL"] = sum(out[k].f1 for k in ("MUC", "B3", "CEAF-e")) / 3  # type: ignore[union-attr]
    return out
