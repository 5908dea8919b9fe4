"""Span scoring on whitespace tokens: exact and overlap P/R/F1, and entity spans.

A span is a tuple of character segments ``((start, end), ...)`` (one segment
unless the annotation is discontinuous). It is compared through the set of
whitespace tokens it covers; a token counts when one of its letters or digits
lies inside the span, so quotation marks and punctuation at the edges (or
punctuation-only tokens) never decide a match.

* exact: a predicted span is correct when some gold span covers exactly the
  same tokens (and vice versa for recall);
* overlap: precision = predicted tokens that are gold tokens / predicted
  tokens, recall = gold tokens that are predicted tokens / gold tokens
  (token sets per document and role).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence

from .base import PRF

Segments = tuple[tuple[int, int], ...]
_WORDCHAR = re.compile(r"\w")


class Tokens:
    """The whitespace tokens of a text, with the positions of their word characters."""

    def __init__(self, text: str):
        self.starts: list[int] = []
        self.ends: list[int] = []
        for m in re.finditer(r"\S+", text):
            cores = [m.start() + i for i, ch in enumerate(m.group()) if _WORDCHAR.match(ch)]
            if cores:  # punctuation-only tokens are ignored
                self.starts.append(cores[0])
                self.ends.append(cores[-1] + 1)

    def cover(self, segs: Iterable[tuple[int, int]]) -> frozenset[int]:
        """Indices of the tokens with a word character inside any segment."""
        out: set[int] = set()
        for a, b in segs:
            i = bisect.bisect_right(self.ends, a)
            while i < len(self.starts) and self.starts[i] < b:
                if self.ends[i] > a:
                    out.add(i)
                i += 1
        return frozenset(out)


def exact_counts(pred: Sequence[frozenset[int]], gold: Sequence[frozenset[int]]) -> PRF:
    """Exact token-set match, counted from both sides; empty spans are ignored."""
    pred = [p for p in pred if p]
    gold = [g for g in gold if g]
    gold_set, pred_set = set(gold), set(pred)
    return PRF(sum(p in gold_set for p in pred), len(pred), sum(g in pred_set for g in gold), len(gold))


def overlap_counts(pred: Sequence[frozenset[int]], gold: Sequence[frozenset[int]]) -> PRF:
    """Token overlap between the union of predicted and the union of gold spans."""
    p = frozenset().union(*pred) if pred else frozenset()
    g = frozenset().union(*gold) if gold else frozenset()
    return PRF(len(p & g), len(p), len(p & g), len(g))


def entity_counts(pred: Iterable[tuple[int, int, str]], gold: Iterable[tuple[int, int, str]], partial: bool = False) -> PRF:
    """Typed entity spans ``(start, end, type)``: exact boundaries, or any overlap when ``partial``.

    Exact: set semantics from both sides. Partial: a predicted span is correct
    when it overlaps a gold span of the same type, a gold span is found when
    some predicted span of the same type overlaps it.
    """
    pred, gold = set(pred), set(gold)
    if not partial:
        hit = len(pred & gold)
        return PRF(hit, len(pred), hit, len(gold))

    def touches(x, ys):
        return any(x[2] == y[2] and x[0] < y[1] and y[0] < x[1] for y in ys)

    return PRF(sum(touches(p, gold) for p in pred), len(pred), sum(touches(g, pred) for g in gold), len(gold))
