"""WikiEvents argument scorer (the semantics of BART-Gen's ``scorer.py``, KAIROS), re-implemented.

Setting: gold events (trigger and type) are given; for each, a system
predicts arguments as token spans with a KAIROS role. Token spans here are
inclusive ``(first, last)`` token indices.

* Gold argument spans lose a leading a/an/the when longer than one token.
* Head mode: predicted and gold spans are reduced to their syntactic head
  (start at the first token, climb to the head while it stays in the span).
* Arg-I: a predicted (span, role) is correct when some gold argument of the
  same event has the same span; Arg-C: and the same role.
* Coref mode: a predicted span that matched no gold span still counts when it
  is a mention of a gold coreference cluster that holds a gold argument of the
  event (with the same role for Arg-C). Gold arguments are looked up in the
  cluster table by their (cleaned, head-reduced) span, predicted ones by their
  span, as in the original.
* Duplicates within an event collapse; P = correct / predicted, R = correct /
  gold, micro over events.

BART-Gen's stored predictions are filled templates; :func:`template_arguments`
reads the argument words back and :func:`find_span` places them in the
document (the occurrence nearest the trigger; failing that, each part of an
"A and B" filler on its own).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .base import PRF

TokSpan = tuple[int, int]  # inclusive
ARTICLES = {"the", "an", "a"}


@dataclass
class EventArgs:
    """One gold event with its gold and predicted arguments."""

    doc_id: str
    event_type: str
    trigger: tuple[int, int]  # token start, exclusive end (as in the data)
    gold: list[tuple[TokSpan, str]] = field(default_factory=list)
    pred: list[tuple[TokSpan, str]] = field(default_factory=list)


def clean_span(tokens: Sequence[str], span: TokSpan) -> TokSpan:
    """Drop a leading article from a span longer than one token."""
    if tokens[span[0]].lower() in ARTICLES and span[0] != span[1]:
        return (span[0] + 1, span[1])
    return span


def head_of(heads: Sequence[int], span: TokSpan) -> TokSpan:
    """The span's head token: climb from its first token while the head stays inside."""
    cur = span[0]
    for _ in range(len(heads)):
        h = heads[cur]
        if h == cur or not (span[0] <= h <= span[1]):
            break
        cur = h
    return (cur, cur)


def template_arguments(template: str, filled: str, roles: Sequence[str]) -> dict[str, list[list[str]]]:
    """Argument words per role, read off a filled template (``<argN>`` slots, ``<arg>`` = empty)."""
    tw, pw = template.split(), filled.split()
    out: dict[str, list[list[str]]] = defaultdict(list)
    t = p = 0
    while t < len(tw) and p < len(pw):
        m = re.match(r"<arg(\d+)>", tw[t])
        if not m:
            t += 1
            p += 1
            continue
        role = roles[int(m.group(1)) - 1]
        if pw[p] == "<arg>":
            p += 1
        else:
            start = p
            while p < len(pw) and (t == len(tw) - 1 or pw[p] != tw[t + 1]):
                p += 1
            out[role].append(pw[start:p])
        t += 1
    return out


def find_span(words: Sequence[str], tokens: Sequence[str], trigger: tuple[int, int]) -> TokSpan | None:
    """The occurrence of ``words`` in ``tokens`` nearest the trigger (first on ties)."""
    n = len(words)
    best, best_d = None, len(tokens)
    for i in range(len(tokens)):
        if list(tokens[i : i + n]) == list(words):
            d = abs(trigger[0] - i - n) if i < trigger[0] else abs(i - trigger[1])
            if d < best_d:
                best, best_d = (i, i + n - 1), d
    return best


def filler_spans(words: Sequence[str], tokens: Sequence[str], trigger: tuple[int, int]) -> list[TokSpan]:
    """Spans of one filler; an unplaceable "A and B" is placed part by part."""
    span = find_span(words, tokens, trigger)
    if span is not None:
        return [span]
    out, part = [], []
    for w in [*words, None]:
        if (w == "and" and part) or w is None:
            s = find_span(part, tokens, trigger) if part else None
            if s is not None:
                out.append(s)
            part = []
        else:
            part.append(w)
    return out


CorefTable = dict[str, dict[TokSpan, str]]  # doc -> mention span -> cluster id
HeadsFn = Callable[[str], Sequence[int]]  # doc -> head index of every token


def score_events(
    events: Sequence[EventArgs],
    tokens: dict[str, Sequence[str]],
    heads: HeadsFn | None = None,
    coref: CorefTable | None = None,
) -> dict[str, PRF]:
    """Arg-I and Arg-C (and their coref variants when ``coref`` is given)."""
    n_pred = n_gold = idn = cls = idn_c = cls_c = 0
    for ev in events:
        toks = tokens[ev.doc_id]
        hd = heads(ev.doc_id) if heads else None
        table = (coref or {}).get(ev.doc_id, {})
        pred = {(head_of(hd, s) if hd else s, r) for s, r in ev.pred}
        gold, gold_clusters = set(), set()
        for s, r in ev.gold:
            s = clean_span(toks, s)
            if hd and s[0] != s[1]:
                s = head_of(hd, s)
            gold.add((s, r))
            if coref is not None and s in table:
                gold_clusters.add((table[s], r))
        n_pred += len(pred)
        n_gold += len(gold)
        for s, r in pred:
            roles = {gr for gs, gr in gold if gs == s}
            if roles:
                idn += 1
                cls += r in roles
            elif coref is not None and s in table:
                c_roles = {gr for c, gr in gold_clusters if c == table[s]}
                if c_roles:
                    idn_c += 1
                    cls_c += r in c_roles
    out = {"Arg-I": PRF.of(idn, n_pred, n_gold), "Arg-C": PRF.of(cls, n_pred, n_gold)}
    if coref is not None:
        out["Arg-I coref"] = PRF.of(idn + idn_c, n_pred, n_gold)
        out["Arg-C coref"] = PRF.of(cls + cls_c, n_pred, n_gold)
    return out
