"""occurrences() finds what re.finditer finds for a name between word boundaries, from a word index."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfusion.entities.occurrences import occurrences


def scan(text: str, form: str, ignore_case: bool = False) -> list[tuple[int, int]]:
    pattern = r"(?<![\w-])" + re.escape(form) + r"(?![\w-])"
    return [m.span() for m in re.finditer(pattern, text, re.I if ignore_case else 0)]


@pytest.mark.parametrize("text,form,ignore_case,expected", [
    ("The Blue Lancers said the Blue Lancers won.", "Blue Lancers", False, [(4, 16), (26, 38)]),
    ("the blue lancers and the Blue Lancers", "Blue Lancers", False, [(25, 37)]),
    ("the blue lancers and the Blue Lancers", "Blue Lancers", True, [(4, 16), (25, 37)]),
    ("Tarvo, Tarvos, anti-Tarvo and Tarvo-based", "Tarvo", False, [(0, 5)]),
    ("Mel Mel Mel", "Mel Mel", False, [(0, 7)]),  # leftmost, never overlapping
    ("Ørsund and ØRSUND", "ørsund", True, [(0, 6), (11, 17)]),
    ("a (Front) b", "(Front)", False, [(2, 9)]),  # opens with a mark: the plain scan
    ("Kel", "Kelvin", False, []),
])
def test_occurrences_table(text, form, ignore_case, expected):
    assert list(occurrences(text, form, ignore_case=ignore_case)) == expected
    assert expected == scan(text, form, ignore_case)


# with the letters that match an ASCII letter only under IGNORECASE (dotted İ, dotless ı, long ſ, Kelvin sign)
WORDS = ["Ana", "ana", "ANA", "Ana-Lu", "Lu", "lu", "Ana Lu", "de", " ", "  ", "-", ",", "\n", "9", "_", "é", "Éla",
         "ſ", "Sa", "sa", "\u212a", "ka", "İ", "ı", "i", "Ka", "²", "Ⅻ"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=30), st.sampled_from(["Ana", "Ana Lu", "Lu", "ana lu", "Éla", "9", "sa", "Ka", "ka", "i", "ı"]),
       st.booleans())
def test_occurrences_equal_the_regex_scan(pieces, form, ignore_case):
    text = "".join(pieces)
    assert list(occurrences(text, form, ignore_case=ignore_case)) == scan(text, form, ignore_case)
