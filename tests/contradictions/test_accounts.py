"""Conflicting accounts of who was hit: (invented report, expected [(fragment of a, fragment of b)])."""

import pytest

ACCOUNTS = [
    # the same count, civilians for one speaker, fighters for the other
    ("The army said troops neutralised eight terrorists in Kumba on Sunday. "
     "A local rights group said eight civilians, including two children, were killed by soldiers in Kumba.",
     [("neutralised eight terrorists", "eight civilians")]),
    ("Hospital officials said two children were killed near the fence on Friday. "
     "The army said its soldiers targeted two gunmen who approached the fence.",
     [("two children", "targeted two gunmen")]),
    # what the victims were, against a count of fighters
    ("The ministry said three fighters were killed in the drone strike on the car. "
     "A local mayor said the victims were farmers.",
     [("three fighters", "the victims were farmers")]),
    # different counts, nothing said of who the victims were: both may be true
    ("The army said it killed 12 militants in the raid. Residents said three civilians died in the raid.", []),
    # one speaker's two counts
    ("The army said it killed four militants in the raid and that four civilians died in the crossfire.", []),
]


@pytest.mark.parametrize("text,expected", ACCOUNTS, ids=[a[0][:50] for a in ACCOUNTS])
def test_who_was_hit(contradictions_of, text, expected):
    got = contradictions_of(text, "account")
    assert len(got) == len(expected), got
    for (a, b), (want_a, want_b) in zip(got, expected):
        assert want_a in a and want_b in b, (a, b)
