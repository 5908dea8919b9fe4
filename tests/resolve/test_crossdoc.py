"""The cross-document measure (eval/crossdoc.py) on hand-made clusterings."""

from types import SimpleNamespace

import pytest

from newsfusion.eval.crossdoc import bcubed, measure


def test_bcubed_perfect_and_lumped():
    gold = {1: "a", 2: "a", 3: "b"}
    assert bcubed({1: "x", 2: "x", 3: "y"}, gold) == (1.0, 1.0, 1.0)
    p, r, _ = bcubed({1: "x", 2: "x", 3: "x"}, gold)  # everything in one entity
    assert r == 1.0 and p == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)
    p, r, _ = bcubed({1: "x", 2: "y", 3: "z"}, gold)  # nothing joined
    assert p == 1.0 and r == pytest.approx((1 / 2 + 1 / 2 + 1) / 3)


def _scorer():
    fold = lambda s: " ".join((s or "").lower().replace("-", " ").split())
    forms = lambda e: {fold(f) for f in [e.get("name", ""), *(e.get("aliases") or [])] if fold(f)}

    def match(golds, preds, ok):
        used, pairs = set(), []
        for g in golds:
            for i, p in enumerate(preds):
                if i not in used and ok(g, p):
                    used.add(i)
                    pairs.append((g, p))
                    break
        return pairs

    return SimpleNamespace(fold=fold, forms=forms, match=match)


def test_measure_maps_members_through_the_gold_names_and_same_entity_groups():
    records = {
        "a": {"entities": [{"id": "e0", "name": "ISIS"}, {"id": "e1", "name": "Nigerian army", "aliases": ["army"]}, {"id": "e2", "name": "Monday"}]},
        "b": {"entities": [{"id": "e0", "name": "Islamic State"}, {"id": "e1", "name": "Chadian army", "aliases": ["army"]}]},
    }
    gold = {"a": {"entities": [{"name": "ISIS"}, {"name": "Nigerian army", "aliases": ["the army"]}]},
            "b": {"entities": [{"name": "Islamic State"}, {"name": "Chadian army"}]}}
    groups = [["ISIS", "Islamic State"]]
    good = {("a", "e0"): "k1", ("b", "e0"): "k1", ("a", "e1"): "k2", ("b", "e1"): "k3", ("a", "e2"): "k4"}
    res = measure(records, good, gold, _scorer(), groups)
    assert (res.precision, res.recall, res.items) == (1.0, 1.0, 4)
    lumped = {**good, ("b", "e1"): "k2"}  # one country's army absorbs another's
    res = measure(records, lumped, gold, _scorer(), groups)
    assert res.precision < 1.0 and res.recall == 1.0
    assert res.wrong_joins and set(res.wrong_joins[0]["gold"]) == {"nigerian army", "chadian army"}
    junk = {**good, ("a", "e2"): "k1"}  # an unmatched entity joined to a real one costs only the second precision
    res = measure(records, junk, gold, _scorer(), groups)
    assert res.precision == 1.0 and res.precision_all < 1.0
