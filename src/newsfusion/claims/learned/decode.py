"""From per-token probabilities to spans.

- cues: the best ``B``/``I``/``O`` sequence (an ``I`` only after ``B`` or
  ``I``), by dynamic programming over the log probabilities;
- a cue's source: the contiguous run of window tokens with the largest sum of
  log odds of ``S`` (none when no run is positive), never across the cue;
- its content: the same for ``C``, allowed to run across the cue and the
  source ("“...,” he said, “...”"), which are then cut out of it, with the
  tokens next to them that the model does not count as content.
"""

from __future__ import annotations

import numpy as np

CUE_LABELS = ["O", "B", "I"]
ROLE_LABELS = ["O", "S", "C"]


def bio_spans(logp: np.ndarray) -> list[tuple[int, int]]:
    """Best B/I/O path for ``logp`` (n x [O, B, I]); spans as [start, end) token positions."""
    n = len(logp)
    if n == 0:
        return []
    NEG = -1e9
    # allowed[prev, cur]: I needs B or I before it
    allowed = np.array([[0, 0, NEG], [0, 0, 0], [0, 0, 0]], dtype=np.float64)
    score = logp[0].astype(np.float64).copy()
    score[2] = NEG
    back = np.zeros((n, 3), dtype=np.int8)
    for i in range(1, n):
        cand = score[:, None] + allowed  # prev x cur
        back[i] = cand.argmax(axis=0)
        score = cand.max(axis=0) + logp[i]
    path = [int(score.argmax())]
    for i in range(n - 1, 0, -1):
        path.append(int(back[i, path[-1]]))
    path.reverse()
    spans, start = [], None
    for i, lab in enumerate(path):
        if lab == 1:
            if start is not None:
                spans.append((start, i))
            start = i
        elif lab == 0 and start is not None:
            spans.append((start, i))
            start = None
    if start is not None:
        spans.append((start, n))
    return spans


def best_run(scores: list[float], breaks: set[int] = frozenset()) -> tuple[int, int, float]:
    """Largest-sum contiguous run (Kadane); a position in ``breaks`` cannot be inside
    a run with the position before it. Returns [start, end) positions and the sum."""
    best = (0, 0, 0.0)
    cur_start, cur = 0, 0.0
    for i, s in enumerate(scores):
        if i in breaks or cur <= 0:
            cur_start, cur = i, 0.0
        cur += s
        if cur > best[2]:
            best = (cur_start, i + 1, cur)
    return best


def log_odds(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p) - np.log1p(-p)
