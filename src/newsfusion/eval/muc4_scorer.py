"""MUC-4 scorers: the GTT template scorer and CEAF-REE, re-implemented.

A *template* is ``{"incident_type": str, "PerpInd": [entity, ...], ...}``
where an *entity* is a list of alternative mention strings. Strings are
compared after :func:`normalize` (lower case, ASCII punctuation deleted, the
words a/an/the deleted, whitespace collapsed).

GTT template F1 (Du, Rush & Cardie 2021): per document, every assignment of
predicted templates to distinct gold templates (or to none) is tried, in a
fixed order; a pair counts only when the predicted incident type is a
substring of the gold one (``bombing`` pairs with ``attack / bombing``). A
paired template scores 1 for its type; a predicted entity is correct when all
its mentions are mentions of one gold entity of the same role; a gold entity
is recalled when some predicted entity of the role is contained in it.
Denominators count every template and entity whether paired or not. The
assignment with the highest document micro-F1 (the first one on ties) is
kept and its counts are summed over the corpus.

CEAF-REE (Du et al. 2021, GRIT): per document and role, the largest one-to-one
matching between predicted and gold entities where a pair matches when all
predicted mentions are gold mentions of that entity.
"""

from __future__ import annotations

import itertools
import re
import string
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .base import PRF

ROLES = ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")
SLOTS = ("incident_type", *ROLES)

Template = dict[str, Any]

_PUNCT = set(string.punctuation)
_ARTICLES = re.compile(r"\b(a|an|the)\b", re.UNICODE)


def normalize(s: str) -> str:
    """Lower-case, delete ASCII punctuation, delete a/an/the, collapse whitespace."""
    s = "".join(ch for ch in s.lower() if ch not in _PUNCT)
    return " ".join(_ARTICLES.sub(" ", s).split())


def normalize_template(t: Mapping[str, Any]) -> Template:
    """A copy with every role present and every mention normalised.

    A non-string incident type becomes ``attack`` (as in the GTT scorer).
    """
    typ = t.get("incident_type")
    out: Template = {"incident_type": typ if isinstance(typ, str) else "attack"}
    for role in ROLES:
        out[role] = [[normalize(m) for m in ent] for ent in (t.get(role) or [])]
    return out


def gold_templates_from_gtt(raw: Sequence[Mapping[str, Any]]) -> list[Template]:
    """Gold templates of one ``gtt_template_filling`` document.

    Mentions are ``[string, offset]`` pairs; offsets are dropped, entities
    without mentions are dropped, identical templates are kept once.
    """
    out: list[Template] = []
    for t in raw:
        tmpl: Template = {"incident_type": t["incident_type"]}
        for role in ROLES:
            ents = [[m[0] for m in ent] for ent in t.get(role, [])]
            tmpl[role] = [e for e in ents if e]
        if tmpl not in out:
            out.append(tmpl)
    return out


def _contained(gold_ent: Sequence[str], pred_ent: Sequence[str]) -> bool:
    """All mentions of the predicted entity are mentions of the gold entity."""
    return all(m in gold_ent for m in pred_ent)


def _pair_counts(pred: Template, gold: Template) -> dict[str, tuple[int, int]]:
    """(correct predicted, recalled gold) per slot when ``pred`` pairs with ``gold``."""
    counts = {"incident_type": (1, 1)}
    for role in ROLES:
        p = sum(1 for pe in pred[role] if any(_contained(ge, pe) for ge in gold[role]))
        r = sum(1 for ge in gold[role] if any(_contained(ge, pe) for pe in pred[role]))
        counts[role] = (p, r)
    return counts


def _size(t: Template, slot: str) -> int:
    return 1 if slot == "incident_type" else len(t[slot])


def _assignments(n_pred: int, n_gold: int) -> Iterable[tuple[int, ...]]:
    """Every map pred -> gold index or -1, no gold used twice, in GTT's order."""
    options = [*range(n_gold), -1]
    for combo in itertools.product(options, repeat=n_pred):
        used = [g for g in combo if g != -1]
        if len(used) == len(set(used)):
            yield combo


def _f1(pn: float, pd: float, rn: float, rd: float) -> float:
    return PRF(pn, pd, rn, rd).f1


def gtt_score_document(preds: Sequence[Template], golds: Sequence[Template]) -> dict[str, PRF]:
    """Per-slot counts of the best template assignment for one document.

    ``preds`` and ``golds`` must already be normalised.
    """
    p_den = {s: sum(_size(t, s) for t in preds) for s in SLOTS}
    r_den = {s: sum(_size(t, s) for t in golds) for s in SLOTS}
    pair = {
        (i, j): _pair_counts(p, g)
        for i, p in enumerate(preds)
        for j, g in enumerate(golds)
        if p["incident_type"] in g["incident_type"]
    }
    tot_pd, tot_rd = sum(p_den.values()), sum(r_den.values())
    best: dict[str, tuple[int, int]] | None = None
    best_f1 = -1.0
    for combo in _assignments(len(preds), len(golds)):
        num = {s: [0, 0] for s in SLOTS}
        for i, j in enumerate(combo):
            c = pair.get((i, j))
            if c is not None:
                for s in SLOTS:
                    num[s][0] += c[s][0]
                    num[s][1] += c[s][1]
        f1 = _f1(sum(v[0] for v in num.values()), tot_pd, sum(v[1] for v in num.values()), tot_rd)
        if best is None or f1 > best_f1:
            best, best_f1 = {s: (v[0], v[1]) for s, v in num.items()}, f1
    assert best is not None  # the all-unmatched assignment always exists
    return {s: PRF(best[s][0], p_den[s], best[s][1], r_den[s]) for s in SLOTS}


def gtt_score(preds: Mapping[str, Sequence[Mapping]], golds: Mapping[str, Sequence[Mapping]]) -> dict[str, PRF]:
    """Corpus GTT template F1 over the gold documents: per slot and ``micro``.

    A gold document missing from ``preds`` counts as predicting nothing.
    Gold templates are taken as given (de-duplicate with
    :func:`gold_templates_from_gtt` first).
    """
    totals = {s: PRF() for s in SLOTS}
    for doc, gold in golds.items():
        g = [normalize_template(t) for t in gold]
        p = [normalize_template(t) for t in preds.get(doc, [])]
        for s, prf in gtt_score_document(p, g).items():
            totals[s].add(prf)
    totals["micro"] = PRF()
    for s in SLOTS:
        totals["micro"].add(totals[s])
    return totals


def _max_matching(adj: list[list[bool]]) -> int:
    """Size of a maximum bipartite matching (rows = gold, columns = predicted)."""
    n_cols = len(adj[0]) if adj else 0
    match_col: list[int] = [-1] * n_cols

    def augment(row: int, seen: list[bool]) -> bool:
        for col in range(n_cols):
            if adj[row][col] and not seen[col]:
                seen[col] = True
                if match_col[col] == -1 or augment(match_col[col], seen):
                    match_col[col] = row
                    return True
        return False

    return sum(1 for row in range(len(adj)) if augment(row, [False] * n_cols))


def ceaf_ree_score(preds: Mapping[str, Mapping[str, list]], golds: Mapping[str, Mapping[str, list]]) -> dict[str, PRF]:
    """Corpus CEAF-REE (strict) per role and ``micro``; extracts are ``{role: [entity]}``."""
    totals = {r: PRF() for r in ROLES}
    for doc, gold in golds.items():
        pred = preds.get(doc, {})
        for role in ROLES:
            g = [[normalize(m) for m in e] for e in gold.get(role, []) if e]
            p = [[normalize(m) for m in e] for e in pred.get(role, [])]
            adj = [[_contained(ge, pe) for pe in p] for ge in g]
            k = _max_matching(adj)
            totals[role].add(PRF(k, len(p), k, len(g)))
    totals["micro"] = PRF()
    for r in ROLES:
        totals["micro"].add(totals[r])
    return totals
