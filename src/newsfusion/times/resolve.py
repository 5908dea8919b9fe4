"""Resolve a time expression to a date range, against the article's date.

Relative expressions need the publication date; without it they stay
unresolved and say so (never guessed from the clock). Absolute dates and
years resolve on their own. Ranges are inclusive ISO dates.

==========================  =============================================
expression                  range (article dated Wednesday 2025-10-15)
==========================  =============================================
today / yesterday           2025-10-15 / 2025-10-14
on Tuesday                  2025-10-14 (the latest Tuesday up to the date)
last week                   2025-10-06 .. 2025-10-12 (the previous Mon-Sun)
this week                   2025-10-13 .. 2025-10-15
last month                  2025-09-01 .. 2025-09-30
earlier this month          2025-10-01 .. 2025-10-15
earlier this year           2025-01-01 .. 2025-10-15
last year                   2024-01-01 .. 2024-12-31
in recent days / weeks      2025-10-08 / 2025-09-17 .. 2025-10-15
recent months               2025-07-17 .. 2025-10-15
over the past year          2024-10-15 .. 2025-10-15
three days ago              2025-10-12
recent                      2025-09-15 .. 2025-10-15
March 3, 2025 / in March    2025-03-03 / 2025-03-01 .. 2025-03-31
1973                        1973-01-01 .. 1973-12-31
==========================  =============================================
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

_WORDNUM = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "few": 3, "a few": 3, "several": 3, "some": 3}
_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m} | {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m} | {"sept": 9}
_UNIT_DAYS = {"day": 1, "night": 1, "morning": 1, "afternoon": 1, "evening": 1, "weekend": 7, "week": 7, "month": 30, "year": 365, "decade": 3650}
NO_DATE = "no article date: left unresolved"


@dataclass(frozen=True)
class Resolved:
    start: str | None
    end: str | None
    resolved: bool
    note: str = ""


def _r(a: date, b: date, note: str = "") -> Resolved:
    return Resolved(a.isoformat(), b.isoformat(), True, note)


def _month_range(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def _num(word: str) -> int | None:
    word = word.lower().strip()
    if word.isdigit():
        return int(word)
    return _WORDNUM.get(word)


def resolve_time(expr: str, published: str | None) -> Resolved:
    """The inclusive date range ``expr`` means for an article dated ``published``."""
    text = re.sub(r"\s+", " ", expr.lower()).strip()
    text = re.sub(r"^(just|only|on|in|over|during|within|for|since|by|until) ", "", text)
    absolute = _absolute(text, published)
    if absolute is not None:
        return absolute
    if not published:
        return Resolved(None, None, False, NO_DATE)
    try:
        p = date.fromisoformat(published[:10])
    except ValueError:
        return Resolved(None, None, False, f"article date {published!r} is not a date: left unresolved")
    return _relative(text, p) or Resolved(None, None, False, "not understood: left unresolved")


def _absolute(text: str, published: str | None) -> Resolved | None:
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        d = date(int(m[1]), int(m[2]), int(m[3]))
        return _r(d, d)
    m = re.fullmatch(r"(?:early |late |mid-?)?([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})", text) or re.fullmatch(r"(\d{1,2}) ([a-z]+)\.?,? (\d{4})", text)
    if m:
        a, b, y = m.groups()
        month, day = (a, b) if not a.isdigit() else (b, a)
        if month in _MONTHS:
            try:
                d = date(int(y), _MONTHS[month], int(day))
            except ValueError:
                return None
            return _r(d, d)
    m = re.fullmatch(r"(?:early |late |mid-?)?([a-z]+)\.?,? (\d{4})", text)
    if m and m[1] in _MONTHS:
        return _r(*_month_range(int(m[2]), _MONTHS[m[1]]))
    m = re.fullmatch(r"((?:19|20)\d{2})", text)
    if m:
        y = int(m[1])
        return _r(date(y, 1, 1), date(y, 12, 31))
    return None


def _relative(text: str, p: date) -> Resolved | None:
    monday = p - timedelta(days=p.weekday())
    simple = {
        "today": (p, p), "tonight": (p, p), "this morning": (p, p), "this afternoon": (p, p), "this evening": (p, p),
        "yesterday": (p - timedelta(1), p - timedelta(1)), "overnight": (p - timedelta(1), p), "last night": (p - timedelta(1), p),
        "last week": (monday - timedelta(7), monday - timedelta(1)), "past week": (p - timedelta(7), p),
        "this week": (monday, p), "earlier this week": (monday, p),
        "last weekend": (monday - timedelta(2), monday - timedelta(1)), "this weekend": (monday + timedelta(5), monday + timedelta(6)),
        "last month": _month_range(*_prev_month(p)), "this month": (p.replace(day=1), p), "earlier this month": (p.replace(day=1), p),
        "late last month": _late(_month_range(*_prev_month(p))), "early last month": _early(_month_range(*_prev_month(p))),
        "last year": (date(p.year - 1, 1, 1), date(p.year - 1, 12, 31)), "this year": (date(p.year, 1, 1), p),
        "earlier this year": (date(p.year, 1, 1), p), "recent": (p - timedelta(30), p),
        "earlier last week": (monday - timedelta(7), monday - timedelta(4)),
    }
    if text in simple:
        return _r(*simple[text])
    m = re.fullmatch(r"(?:last |on |since |by |until |early |late )?(" + "|".join(_DAYS) + r")(?: (?:morning|afternoon|evening|night))?", text)
    if m:
        back = (p.weekday() - _DAYS.index(m[1])) % 7
        if text.startswith("last ") and back == 0:
            back = 7
        d = p - timedelta(back)
        return _r(d, d)
    m = re.fullmatch(r"(?:the )?(?:recent|past|last|previous) (?:(\w+(?: few)?) )?(\w+?)s?", text)
    if m and m[2] in _UNIT_DAYS:
        n = _num(m[1]) if m[1] else (1 if not text.endswith("s") or m[2] == "decade" else _recent_count(m[2]))
        if n is None:
            return None
        return _r(p - timedelta(_UNIT_DAYS[m[2]] * n), p)
    m = re.fullmatch(r"(\w+(?: few)?) (\w+?)s? (ago|earlier)", text)
    if m and m[2] in _UNIT_DAYS and _num(m[1]) is not None:
        d = p - timedelta(_UNIT_DAYS[m[2]] * _num(m[1]))
        return _r(d, d) if m[2] in ("day", "night") else _r(d - timedelta(_UNIT_DAYS[m[2]] // 2), d + timedelta(_UNIT_DAYS[m[2]] // 2))
    m = re.fullmatch(r"(?:early |late |mid-?)?([a-z]+)\.?(?: (\d{1,2})(?:st|nd|rd|th)?)?", text)
    if m and m[1] in _MONTHS:
        y = p.year if _MONTHS[m[1]] <= p.month else p.year - 1
        if m[2]:
            try:
                d = date(y, _MONTHS[m[1]], int(m[2]))
            except ValueError:
                return None
            return _r(d, d)
        return _r(*_month_range(y, _MONTHS[m[1]]))
    return None


def _recent_count(unit: str) -> int:
    """'recent weeks' = about four weeks, 'recent days' a week, 'recent months' three."""
    return {"day": 7, "week": 4, "month": 3, "year": 2}.get(unit, 1)


def _prev_month(p: date) -> tuple[int, int]:
    return (p.year - 1, 12) if p.month == 1 else (p.year, p.month - 1)


def _late(r: tuple[date, date]) -> tuple[date, date]:
    return r[0] + timedelta(20), r[1]


def _early(r: tuple[date, date]) -> tuple[date, date]:
    return r[0], r[0] + timedelta(10)
