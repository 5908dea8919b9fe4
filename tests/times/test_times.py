"""Time expressions: found as written, resolved against the article date."""

import pytest

from newsfusion.times import NO_DATE, find_times, resolve_time

PUBLISHED = "2025-10-15"  # a Wednesday

RESOLVE = [
    ("last week", "2025-10-06", "2025-10-12"),
    ("just last week", "2025-10-06", "2025-10-12"),
    ("Earlier this month", "2025-10-01", "2025-10-15"),
    ("Last month", "2025-09-01", "2025-09-30"),
    ("In recent weeks", "2025-09-17", "2025-10-15"),
    ("over the past year", "2024-10-15", "2025-10-15"),
    ("earlier this year", "2025-01-01", "2025-10-15"),
    ("on Tuesday", "2025-10-14", "2025-10-14"),
    ("Wednesday", "2025-10-15", "2025-10-15"),
    ("last Wednesday", "2025-10-08", "2025-10-08"),
    ("yesterday", "2025-10-14", "2025-10-14"),
    ("three days ago", "2025-10-12", "2025-10-12"),
    ("March 3, 2025", "2025-03-03", "2025-03-03"),
    ("3 March 2025", "2025-03-03", "2025-03-03"),
    ("in March", "2025-03-01", "2025-03-31"),
    ("in November", "2024-11-01", "2024-11-30"),
    ("1973", "1973-01-01", "1973-12-31"),
    ("January 2024", "2024-01-01", "2024-01-31"),
]


@pytest.mark.parametrize("expr,start,end", RESOLVE)
def test_resolve(expr, start, end):
    r = resolve_time(expr, PUBLISHED)
    assert (r.start, r.end, r.resolved) == (start, end, True)


@pytest.mark.parametrize("expr", ["last week", "earlier this month", "in recent weeks", "on Tuesday"])
def test_relative_without_article_date_stays_unresolved(expr):
    r = resolve_time(expr, None)
    assert (r.start, r.end, r.resolved, r.note) == (None, None, False, NO_DATE)


@pytest.mark.parametrize("expr,year", [("1973", "1973"), ("March 3, 2025", "2025")])
def test_absolute_dates_need_no_article_date(expr, year):
    r = resolve_time(expr, None)
    assert r.resolved and r.start.startswith(year)


FIND = [
    ("According to sources, just last week eight members left.", ["just last week"]),
    ("In recent weeks, the group has grown.", ["In recent weeks"]),
    ("The tunnels (most destroyed over the past year) were closed.", ["over the past year"]),
    ("Some of the recent rocket attacks hit Sderot.", ["recent"]),
    ("The deadliest battle since the 1973 war.", ["1973"]),
    ("Troops may return; Rebels took 2500 rifles.", []),
    ("The clashes began before dawn on Tuesday, three days ago.", ["on Tuesday", "three days ago"]),
]


@pytest.mark.parametrize("text,expected", FIND)
def test_find(text, expected):
    assert [text[s.start : s.end] for s in find_times(text)] == expected


# The look-ahead on the first word (_FIRST) only spares the engine work: with and without it the
# pattern finds the same expressions (each pattern's first word is in the list).
LOOKAHEAD_TEXTS = [
    "Just last week, 12 people died; only this morning another two. In recent weeks the army moved.",
    "On Tuesday night, since March 3, 2024, by 14 July 2023, until mid-June, early 2019 and 2020-01-05.",
    "three days ago, a few weeks earlier, several months later, over the past decade, for the coming weeks",
    "Yesterday, today, tonight, overnight, this afternoon, last night; in Sept. 2021, Dec 5th, mid-October.",
    "the 1990s, in 1994, May or March (a verb and a noun), THE PAST YEAR, Last Weekend, 2,000 people",
]


@pytest.mark.parametrize("text", LOOKAHEAD_TEXTS)
def test_first_word_lookahead_changes_no_match(text):
    import re

    from newsfusion.times.find import _RE, PATTERNS

    plain = re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in PATTERNS) + r")\b", re.I)
    want = [m.span() for m in plain.finditer(text)]
    assert want, "the table should hold time expressions"
    assert [m.span() for m in _RE.finditer(text)] == want


@pytest.mark.parametrize("text", LOOKAHEAD_TEXTS + ["İstanbul, on Monday; ſince 2020 (long s); 5 days aGo"])
def test_lower_cased_search_finds_what_ignorecase_finds(text):
    from newsfusion.times.find import _RE, _time_matches

    assert [m.span() for m in _time_matches(text)] == [m.span() for m in _RE.finditer(text)]
