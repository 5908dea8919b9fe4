"""Cross-document entity resolution measured with B-cubed on gold-annotated articles.

The articles are ingested together into one knowledge base; each KB entity is a
cluster of per-article entities (its *members*). The gold side:

* **Items.** An item is one per-article entity the extraction produced (a KB
  member ``(document, local id)``) that the scorer's own entity matching
  (``score.py``: greedy, gold order, any surface form in common after folding)
  pairs with a gold entity of the same article. Predicted entities that match
  no gold entity are extraction errors, measured by ``scripts/devscore.py``;
  the main figure leaves them out, a second figure counts each of them as a
  gold cluster of its own (so joining one to anything costs precision).
* **Gold clusters.** A matched item belongs to the gold cluster of its gold
  entity's canonical name (``name``, folded as ``score.py`` folds), across
  articles: "Reuters" in ten articles is one cluster. Names that the gold
  gives differently for one real-world entity are joined by the groups of
  ``same_entity`` files: the seeds' ``gold/_corpus.json`` and, for the
  development set, ``tests/data/devset_same_entity.json`` (our annotation:
  "Islamic State" = "ISIS" = "ISIL", "Israeli army" = "Israeli military").

B-cubed (Bagga and Baldwin 1998): for each item, precision is the share of its
KB entity's items that are in its gold cluster, recall the share of its gold
cluster's items that are in its KB entity; both are averaged over items.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Item = tuple[str, str]  # (document name, local entity id)


def bcubed(pred: dict[Hashable, Hashable], gold: dict[Hashable, Hashable]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 over the items of ``gold`` (item -> cluster label)."""
    items = [i for i in gold if i in pred]
    if not items:
        return 0.0, 0.0, 0.0
    by_pred: dict[Hashable, set] = defaultdict(set)
    by_gold: dict[Hashable, set] = defaultdict(set)
    for i in items:
        by_pred[pred[i]].add(i)
        by_gold[gold[i]].add(i)
    p = r = 0.0
    for i in items:
        both = len(by_pred[pred[i]] & by_gold[gold[i]])
        p += both / len(by_pred[pred[i]])
        r += both / len(by_gold[gold[i]])
    p, r = p / len(items), r / len(items)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


class _Labels:
    """Folded canonical names, joined by the same-entity groups."""

    def __init__(self, fold: Callable[[str], str], groups: Iterable[Iterable[str]]):
        self.fold = fold
        self.parent: dict[str, str] = {}
        for group in groups:
            keys = [fold(n) for n in group if fold(n)]
            for k in keys[1:]:
                self.parent[self.find(k)] = self.find(keys[0])

    def find(self, k: str) -> str:
        while self.parent.get(k, k) != k:
            k = self.parent[k]
        return k

    def __call__(self, name: str) -> str:
        return self.find(self.fold(name))


@dataclass
class CrossDocResult:
    precision: float
    recall: float
    f1: float
    items: int
    precision_all: float  # unmatched predicted entities counted as clusters of their own
    recall_all: float
    wrong_joins: list[dict[str, Any]] = field(default_factory=list)  # KB entities holding several gold clusters
    missed_joins: list[dict[str, Any]] = field(default_factory=list)  # gold clusters spread over several KB entities
    unmatched_joins: list[dict[str, Any]] = field(default_factory=list)  # predicted entities no gold matched, joined to others

    def to_dict(self) -> dict[str, Any]:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in vars(self).items()}


def load_same_entity(paths: Iterable[Path]) -> list[list[str]]:
    groups: list[list[str]] = []
    for p in paths:
        if p.exists():
            groups += json.loads(p.read_text()).get("same_entity", [])
    return groups


def measure(
    records: dict[str, dict[str, Any]],
    kb_of: dict[Item, str],
    gold: dict[str, dict[str, Any]],
    scorer: Any,
    groups: Iterable[Iterable[str]] = (),
    kb_names: dict[str, str] | None = None,
) -> CrossDocResult:
    """B-cubed of the KB clustering ``kb_of`` ((doc name, local id) -> KB entity id).

    ``records``: doc name -> the stored record; ``gold``: doc name -> gold object;
    ``scorer``: the ``score.py`` module (its ``match``, ``forms`` and ``fold``).
    """
    label = _Labels(scorer.fold, groups)
    gold_of: dict[Item, str] = {}
    gold_all: dict[Item, str] = {}
    shown: dict[Item, str] = {}
    for name, rec in records.items():
        g = gold.get(name)
        if g is None:
            continue
        preds = rec.get("entities", [])
        pairs = scorer.match(g.get("entities", []), preds, lambda a, b: bool(scorer.forms(a) & scorer.forms(b)))
        matched = {id(p): ge for ge, p in pairs}
        for p in preds:
            item = (name, p["id"])
            shown[item] = p["name"]
            if id(p) in matched:
                gold_of[item] = gold_all[item] = label(matched[id(p)]["name"])
            else:
                gold_all[item] = f"unmatched:{name}:{p['id']}"
    p, r, f = bcubed(kb_of, gold_of)
    pa, ra, _ = bcubed(kb_of, gold_all)
    wrong, missed = _errors(kb_of, gold_of, shown, kb_names or {})
    res = CrossDocResult(p, r, f, sum(1 for i in gold_of if i in kb_of), pa, ra, wrong, missed)
    res.unmatched_joins = _unmatched_joins(kb_of, gold_of, shown, kb_names or {})
    return res


def _unmatched_joins(kb_of: dict[Item, str], gold_of: dict[Item, str], shown: dict[Item, str], kb_names: dict[str, str]):
    """KB entities that join predicted entities no gold entity matched to others."""
    by_kb: dict[str, list[Item]] = defaultdict(list)
    for item, k in kb_of.items():
        by_kb[k].append(item)
    out = []
    for k, items in by_kb.items():
        loose = [i for i in items if i not in gold_of and i in shown]
        if loose and len(items) > 1:
            out.append({"kb": k, "name": kb_names.get(k), "unmatched": [f"{i[0]}:{shown[i]}" for i in loose],
                        "with": sorted({gold_of[i] for i in items if i in gold_of})})
    return out


def _errors(kb_of: dict[Item, str], gold_of: dict[Item, str], shown: dict[Item, str], kb_names: dict[str, str]):
    by_kb: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    by_gold: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for item, g in gold_of.items():
        k = kb_of.get(item)
        if k is None:
            continue
        by_kb[k][g].append(f"{item[0]}:{shown.get(item)}")
        by_gold[g][k].append(f"{item[0]}:{shown.get(item)}")
    wrong = [{"kb": k, "name": kb_names.get(k), "gold": {g: v for g, v in gs.items()}} for k, gs in by_kb.items() if len(gs) > 1]
    missed = [{"gold": g, "kb": {f"{k} {kb_names.get(k, '')}".strip(): v for k, v in ks.items()}} for g, ks in by_gold.items() if len(ks) > 1]
    return wrong, missed
