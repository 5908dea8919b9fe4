"""A multinomial logistic regression over hashed string features, in numpy.

Every instance has the same number of feature slots (one per template); a
template that does not apply fills its slot with ``None``, which hashes to row
0, a row kept at zero. Feature strings are hashed with CRC-32 (stable across
processes, unlike Python's ``hash``) into ``2**bits`` rows of a weight matrix.

Training is AdaGrad on mini-batches with an L2 penalty, in a fixed order set
by a seed, so two runs give the same weights. Rows of features seen fewer
than ``min_count`` times in training stay zero; only the non-zero rows are
saved (int8 with a scale per label, the rows as a
bitmap), which keeps the file small.
"""

from __future__ import annotations

import io
import json
import zlib
from dataclasses import dataclass, field
from typing import Iterable, Sequence

import numpy as np

Feature = str | None


def hash_features(rows: Iterable[Sequence[Feature]], bits: int) -> np.ndarray:
    """An ``(n, slots)`` int32 array of feature rows; ``None`` is row 0."""
    mask = (1 << bits) - 1
    out = []
    crc = zlib.crc32
    for feats in rows:
        out.append([0 if f is None else (crc(f.encode("utf-8")) & mask) or 1 for f in feats])
    if not out:
        return np.zeros((0, 0), dtype=np.int32)
    return np.asarray(out, dtype=np.int32)


@dataclass
class Linear:
    labels: list[str]
    bits: int = 20
    W: np.ndarray = field(default=None, repr=False)  # type: ignore[assignment]
    b: np.ndarray = field(default=None, repr=False)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.W is None:
            self.W = np.zeros((1 << self.bits, len(self.labels)), dtype=np.float32)
        if self.b is None:
            self.b = np.zeros(len(self.labels), dtype=np.float32)

    # -- inference ---------------------------------------------------------
    def scores(self, X: np.ndarray) -> np.ndarray:
        """Raw scores ``(n, labels)`` for hashed rows ``X``."""
        if len(X) == 0:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        return self.W[X].sum(axis=1) + self.b

    def proba(self, X: np.ndarray) -> np.ndarray:
        s = self.scores(X)
        s -= s.max(axis=1, keepdims=True)
        np.exp(s, out=s)
        s /= s.sum(axis=1, keepdims=True)
        return s

    # -- training ------------------------------------------------------------
    def fit(
        self,
        X: np.ndarray,
        y: np.ndarray,
        *,
        epochs: int = 8,
        lr: float = 0.2,
        l2: float = 1e-6,
        batch: int = 128,
        min_count: int = 2,
        seed: int = 0,
        average: bool = True,
        log=None,
        on_epoch=None,
    ) -> "Linear":
        """AdaGrad on mini-batches; ``y`` holds label indices."""
        rng = np.random.default_rng(seed)
        counts = np.bincount(X.ravel(), minlength=len(self.W))
        keep = counts >= min_count
        keep[0] = False
        H = np.full(self.W.shape, 1e-6, dtype=np.float32)
        Hb = np.full(self.b.shape, 1e-6, dtype=np.float32)
        U = np.zeros_like(self.W)  # for the averaged weights: sum of step * update
        Ub = np.zeros_like(self.b)
        step = 0
        n, C = len(X), len(self.labels)
        for epoch in range(epochs):
            order = rng.permutation(n)
            loss = 0.0
            for s in range(0, n, batch):
                idx = order[s : s + batch]
                xb, yb = X[idx], y[idx]
                P = self.W[xb].sum(axis=1) + self.b
                P -= P.max(axis=1, keepdims=True)
                np.exp(P, out=P)
                P /= P.sum(axis=1, keepdims=True)
                loss -= float(np.log(P[np.arange(len(idx)), yb] + 1e-12).sum())
                P[np.arange(len(idx)), yb] -= 1.0  # gradient of the scores
                flat = xb.ravel()
                rows, inv = np.unique(flat, return_inverse=True)
                rep = np.repeat(P, xb.shape[1], axis=0)
                g = np.stack([np.bincount(inv, weights=rep[:, c], minlength=len(rows)) for c in range(C)], axis=1).astype(np.float32)
                ok = keep[rows]
                rows, g = rows[ok], g[ok]
                g += l2 * self.W[rows]
                step += 1
                H[rows] += g * g
                d = lr * g / np.sqrt(H[rows])
                self.W[rows] -= d
                U[rows] -= step * d
                gb = P.sum(axis=0)
                Hb += gb * gb
                db = lr * gb / np.sqrt(Hb)
                self.b -= db
                Ub -= step * db
            if log:
                log(f"epoch {epoch + 1}/{epochs}: loss {loss / max(n, 1):.4f}")
            if on_epoch:
                on_epoch(epoch + 1, self._averaged(U, Ub, step) if average else self)
        if average:
            avg = self._averaged(U, Ub, step)
            self.W, self.b = avg.W, avg.b
        return self

    def _averaged(self, U: np.ndarray, Ub: np.ndarray, step: int) -> "Linear":
        """The mean of the weights over all updates so far (Polyak averaging)."""
        return Linear(self.labels, self.bits, self.W - U / (step + 1), self.b - Ub / (step + 1))

    # -- storage -----------------------------------------------------------
    def to_bytes(self) -> bytes:
        """The non-zero rows only: which rows, as a bitmap of ``2**bits`` bits, and their
        weights as int8 with one scale per label (the largest weight is 127); about
        a third of float16's size, scores within a few hundredths."""
        nz = np.any(self.W != 0, axis=1)
        w = self.W[nz]
        scale = (np.abs(w).max(axis=0) / 127.0 if len(w) else np.zeros(len(self.labels))).astype(np.float32)
        q = np.round(w / np.where(scale > 0, scale, 1.0)).astype(np.int8)
        buf = io.BytesIO()
        meta = json.dumps({"labels": self.labels, "bits": self.bits})
        np.savez_compressed(buf, mask=np.packbits(nz), weights=q, scale=scale, bias=self.b, meta=np.array(meta))
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> "Linear":
        z = np.load(io.BytesIO(data), allow_pickle=False)
        meta = json.loads(str(z["meta"]))
        model = cls(meta["labels"], meta["bits"])
        rows = np.flatnonzero(np.unpackbits(z["mask"])[: 1 << model.bits])
        model.W[rows] = z["weights"].astype(np.float32) * z["scale"]
        model.b = z["bias"].astype(np.float32)
        return model
