"""Spelling variants are found by shared keys, and exactly the pairs a loop over every pair finds."""

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfusion.entities.aliases import _variant, _variant_pairs


def every_pair(texts, shortest):
    return [(m, n) for m in range(len(texts)) for n in range(m + 1, len(texts)) if _variant(texts[m], texts[n], shortest)]


def test_variant_pairs_table():
    texts = ["Dorvan Keltic", "Dorvan Keltik", "Dorvan Keltic", "Marsa Belun", "Marsa Belum", "Belun", "Dorvan"]
    assert _variant_pairs(texts, 5) == [(0, 1), (1, 2), (3, 4)]
    assert _variant_pairs(texts, 5) == every_pair(texts, 5)


def test_a_name_of_many_words_costs_no_more_than_its_length():
    long = " ".join(["9"] * 50_000)  # a run of digits the model read as one name
    assert _variant_pairs([long, long + " 9", "Dorvan"], 4) == []


NAMES = ["Dorvan", "Dorvin", "Dorvann", "Torvan", "Keltic", "Keltik", "Kelt", "al-Dorvan", "Dorvan Keltic",
         "Dorvin Keltic", "Dorvan Keltik", "Borna", "Burna", "Borna Kamte", "Burna Kamte", "the Dorvan"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(NAMES), max_size=14), st.sampled_from([4, 5]))
def test_variant_pairs_equal_every_pair(texts, shortest):
    assert _variant_pairs(texts, shortest) == every_pair(texts, shortest)
