"""MUC, B-cubed and CEAF-e on the worked example of Pradhan et al. (2014) and on edge cases."""

from __future__ import annotations

import pytest

from newsfusion.eval.coref_metrics import b_cubed, ceaf_e, conll, muc

# Pradhan et al. 2014, Fig. 1: key {a,b,c} {d,e,f,g}; response {a,b} {c,d} {f,g,h,i}
KEY = [{"a", "b", "c"}, {"d", "e", "f", "g"}]
RESPONSE = [{"a", "b"}, {"c", "d"}, {"f", "g", "h", "i"}]


def pr(m):
    return round(m.recall, 4), round(m.precision, 4)


def test_muc_worked_example():
    # recall ((3-2) + (4-3)) / (2 + 3); precision ((2-1) + (2-2) + (4-3)) / (1 + 1 + 3)
    assert pr(muc(KEY, RESPONSE)) == (0.4, 0.4)


def test_b_cubed_worked_example():
    # recall (4/3 + 1/3 + 1/4 + 4/4) / 7 = 35/84; precision (4/2 + 1/2 + 1/2 + 4/4) / 8
    assert pr(b_cubed(KEY, RESPONSE)) == (round(35 / 84, 4), 0.5)


def test_ceaf_e_worked_example():
    # best alignment {a,b,c}-{a,b} (0.8) and {d,e,f,g}-{f,g,h,i} (0.5)
    assert pr(ceaf_e(KEY, RESPONSE)) == (0.65, round(1.3 / 3, 4))


def test_conll_is_the_mean_of_the_three_f1():
    res = conll(KEY, RESPONSE)
    expected = (0.4 + 2 * (35 / 84) * 0.5 / (35 / 84 + 0.5) + 2 * 0.65 * (1.3 / 3) / (0.65 + 1.3 / 3)) / 3
    assert res["CoNLL"] == pytest.approx(expected)


def test_identical_partitions_score_one_singletons_included():
    key = [{1, 2, 3}, {4}, {5, 6}]
    res = conll(key, [set(c) for c in key])
    assert res["B3"].f1 == 1.0 and res["CEAF-e"].f1 == 1.0 and res["MUC"].f1 == 1.0


def test_all_singletons_response():
    key = [{1, 2, 3}, {4}]
    resp = [{1}, {2}, {3}, {4}]
    assert muc(key, resp).recall == 0.0 and muc(key, resp).p_den == 0
    assert pr(b_cubed(key, resp)) == (round((3 * (1 / 3) + 1) / 4, 4), 1.0)
    # phi4({1,2,3},{1}) = 0.5 and {4}-{4} = 1: recall 1.5/2, precision 1.5/4
    assert pr(ceaf_e(key, resp)) == (0.75, 0.375)


def test_all_in_one_response():
    key = [{1, 2}, {3, 4}]
    resp = [{1, 2, 3, 4}]
    assert pr(muc(key, resp)) == (1.0, round(2 / 3, 4))
    assert pr(b_cubed(key, resp)) == (1.0, 0.5)


def test_missing_response_mentions_are_parts_of_their_own():
    key = [{1, 2, 3}]
    resp = [{1, 2}]
    assert muc(key, resp).r_num == 1 and muc(key, resp).r_den == 2
