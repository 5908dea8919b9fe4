"""Two parties blaming each other: (invented report, expected [(fragment of a, fragment of b)])."""

import pytest

BLAME = [
    # one side says the other's forces attacked, the other accuses it
    ("The Congolese army said M23 fighters attacked its positions near Rutshuru on Tuesday. "
     "M23 accused the Congolese army of breaking the ceasefire.",
     [("M23 fighters attacked its positions", "accused the Congolese army of breaking")]),
    ("Sudan's foreign ministry blamed Ethiopian militias for the raid on the border post. "
     "Ethiopia's government said Sudanese troops opened fire first.",
     [("blamed Ethiopian militias", "Sudanese troops opened fire first")]),
    # two reports of attacks, no one accused: no dispute
    ("Ukrainian officials said Russian forces shelled Kharkiv overnight. "
     "Russia's defence ministry said Ukrainian troops attacked Belgorod.", []),
]


@pytest.mark.parametrize("text,expected", BLAME, ids=[b[0][:50] for b in BLAME])
def test_mutual_blame(contradictions_of, text, expected):
    got = contradictions_of(text, "blame")
    assert len(got) == len(expected), got
    for (a, b), (want_a, want_b) in zip(got, expected):
        assert want_a in a and want_b in b, (a, b)
