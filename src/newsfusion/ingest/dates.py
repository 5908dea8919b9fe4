"""Publication dates: anything a reader finds, normalised to an ISO date or None.

``normalise_date`` accepts ISO strings, RFC 822 feed dates, "March 3, 2025",
"3 March 2025", epoch seconds (or milliseconds), ``datetime``/``date`` and
``time.struct_time``. It uses dateparser with explicit settings and never reads
a date relative to now: "last week", "Tuesday" or "March 2025" (no day) give
None, because a publication date must be a full calendar date. The date is the
one written in the source's own time zone ("2025-03-03T23:30-05:00" is
2025-03-03). Numeric dates with slashes are read month first unless the first
number is above 12 ("10/03/2025" is 3 October, "14/10/2025" is 14 October).
"""

from __future__ import annotations

import re
import time
from datetime import date, datetime, timezone
from functools import lru_cache
from typing import Any

DATEPARSER_SETTINGS: dict[str, Any] = {
    "PARSERS": ["timestamp", "custom-formats", "absolute-time"],  # no "relative-time"
    "REQUIRE_PARTS": ["day", "month", "year"],
    "STRICT_PARSING": True,
    "RETURN_AS_TIMEZONE_AWARE": False,
    "DATE_ORDER": "MDY",
    "PREFER_DATES_FROM": "past",
}

_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T ]\d)")
_EPOCH = re.compile(r"^\s*\d{9,13}(?:\.\d+)?\s*$")
_MAX_LEN = 64
_YEARS = range(1800, 2201)


def normalise_date(value: Any) -> str | None:
    """Return ``value`` as ``YYYY-MM-DD`` when it is a full calendar date, else None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return _iso(value.date())
    if isinstance(value, date):
        return _iso(value)
    if isinstance(value, time.struct_time):
        return _iso(date(value.tm_year, value.tm_mon, value.tm_mday))
    if isinstance(value, (int, float)):
        return _from_epoch(float(value))
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > _MAX_LEN:
        return None
    m = _ISO.match(text)
    if m:
        try:
            return _iso(date(int(m[1]), int(m[2]), int(m[3])))
        except ValueError:
            return None
    if _EPOCH.match(text):
        return _from_epoch(float(text))
    return _iso(_dateparser(text))


def _from_epoch(seconds: float) -> str | None:
    if seconds > 1e11:  # milliseconds
        seconds /= 1000
    try:
        return _iso(datetime.fromtimestamp(seconds, tz=timezone.utc).date())
    except (OverflowError, OSError, ValueError):
        return None


@lru_cache(maxsize=4096)
def _dateparser(text: str) -> date | None:
    import dateparser

    try:
        parsed = dateparser.parse(text, languages=["en"], settings=DATEPARSER_SETTINGS)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    return parsed.date() if parsed else None


def _iso(d: date | None) -> str | None:
    if d is None or d.year not in _YEARS:
        return None
    return d.isoformat()
