"""Name normalisation: which spellings share a key, and what counts as capitalised."""

from __future__ import annotations

import pytest

from newsfusion.gazetteer.normalize import case_key, is_capitalised, name_key


@pytest.mark.parametrize(
    "a, b",
    [
        ("the Al-Qassam Brigades", "al Qassam brigades"),
        ("Martyrs’ Brigades", "Martyrs' Brigades"),
        ("Martyrs' Brigades", "Martyrs Brigades"),
        ("El-Nusra", "al Nusra"),
        ("U.S.", "US"),
        ("the U.N.", "UN"),
        ("Rafaḩ", "Rafah"),
        ("Côte d'Ivoire", "Cote dIvoire"),
        ("Hay’at Tahrir al-Sham", "Hayat Tahrir al Sham"),
        ("Izz ad-Din", "Izz ad Din"),
    ],
)
def test_same_key(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    "a, b",
    [
        ("Islamic Jihad", "Islamic State"),
        ("JeM", "JEM"),  # same name key, but case keys differ
        ("Elba", "Alba"),  # "el" is only unified as a whole word
    ],
)
def test_different_case_key(a, b):
    assert case_key(a) != case_key(b)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Sheikh Zuweid", True),
        ("Deir al-Balah", True),
        ("Bay of Pigs", True),
        ("rafah", False),
        ("the Sinai", False),
        ("Gaza city", False),
        ("", False),
    ],
)
def test_is_capitalised(text, expected):
    assert is_capitalised(text) is expected
