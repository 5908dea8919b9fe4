"""Attribution span scoring (PolNeAR) and the whitespace-token span helpers."""

from __future__ import annotations

import pytest

from newsfusion.eval.polnear import AnnDoc, Attribution, load_split, parse_ann, score
from newsfusion.eval.spans import Tokens, entity_counts, exact_counts, overlap_counts

TEXT = 'The mayor said on Monday that "the bridge is safe," according to reports.'
#       0   4     10   15 18     25   30 31

ANN = """T1\tSource 0 9\tThe mayor
T2\tCue 10 14\tsaid
T3\tContent 25 51\tthat "the bridge is safe,"
T4\tAttribution 10 14\tsaid
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
T5\tCue 52 64\taccording to
T6\tContent 31 50;51 51\tthe bridge is safe
E2\tAttribution-no-source:T5 Content:T6 Cue:T5
T7\tDiscuss 0 3\tThe
"""


def test_tokens_ignore_edge_punctuation():
    tok = Tokens(TEXT)
    # 'that "the bridge is safe,"' and 'the bridge is safe' differ only by 'that'
    assert tok.cover([(25, 51)]) == tok.cover([(31, 49)]) | tok.cover([(25, 29)])
    assert tok.cover([(30, 50)]) == tok.cover([(31, 49)])  # the quote and comma do not count
    assert len(tok.cover([(0, len(TEXT))])) == 13


def test_parse_ann():
    doc = parse_ann(TEXT, ANN)
    assert doc.spans["source"] == [((0, 9),)]
    assert doc.spans["cue"] == [((10, 14),), ((52, 64),)]
    assert doc.spans["content"] == [((25, 51),), ((31, 50), (51, 51))]
    assert doc.relations[1] == Attribution(None, ((52, 64),), ((31, 50), (51, 51)))


def test_exact_and_overlap_counts_by_hand():
    a, b, c = frozenset({1, 2, 3}), frozenset({5, 6}), frozenset({7})
    assert (exact_counts([a, c], [a, b]).p_num, exact_counts([a, c], [a, b]).r_num) == (1, 1)
    ov = overlap_counts([frozenset({1, 2}), frozenset({6, 7})], [a, b])
    # predicted tokens {1,2,6,7}, gold {1,2,3,5,6}: 3 shared
    assert (ov.p_num, ov.p_den, ov.r_num, ov.r_den) == (3, 4, 3, 5)


def test_score_gold_against_prediction_by_hand():
    gold = parse_ann(TEXT, ANN)
    pred = AnnDoc("p", TEXT, {"source": [((4, 9),)], "cue": [((10, 14),)], "content": [((30, 50),)]},
                  [Attribution(((4, 9),), ((10, 14),), ((30, 50),))])
    res = score([(gold, pred)])
    assert (res["cue exact"].precision, res["cue exact"].recall) == (1.0, 0.5)
    assert res["source exact"].p_num == 0  # "mayor" is not "The mayor"
    assert (res["source overlap"].p_num, res["source overlap"].p_den, res["source overlap"].r_den) == (1, 1, 2)
    # content "the bridge is safe" exactly matches the second gold content (quotes ignored)
    assert (res["content exact"].p_num, res["content exact"].r_num) == (1, 1)
    # relation 1: source mismatched exactly but overlapping; contents overlap
    assert res["relation exact"].p_num == 0
    assert (res["relation overlap"].p_num, res["relation overlap"].r_num) == (1, 1)


@pytest.mark.parametrize(
    ("pred", "partial", "expected"),
    [
        ([(0, 5, "PERSON")], False, (1, 1, 1, 2)),
        ([(0, 4, "PERSON")], False, (0, 1, 0, 2)),
        ([(0, 4, "PERSON")], True, (1, 1, 1, 2)),
        ([(0, 4, "ORG")], True, (0, 1, 0, 2)),
        ([(8, 20, "ORG"), (21, 22, "ORG")], True, (1, 2, 1, 2)),
    ],
)
def test_entity_counts(pred, partial, expected):
    gold = [(0, 5, "PERSON"), (10, 15, "ORG")]
    r = entity_counts(pred, gold, partial)
    assert (r.p_num, r.p_den, r.r_num, r.r_den) == expected


@pytest.mark.shared
def test_gold_scored_against_itself_is_perfect(shared_dir):
    root = shared_dir / "benchmarks" / "polnear"
    if not (root / "metadata.tsv").exists():
        pytest.skip(f"needs ../shared/benchmarks/polnear; not found at {root}")
    docs = load_split(root, "dev")[:10]
    res = score([(d, d) for d in docs])
    assert all(v.f1 == 1.0 for v in res.values())
    assert res["cue exact"].r_den > 100
