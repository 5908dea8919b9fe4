"""Find time expressions in an article, kept as written.

Patterns cover what conflict reporting uses: relative expressions ("last
week", "earlier this month", "in recent weeks", "over the past year", "on
Tuesday", "three days ago", "recent"), absolute dates ("March 3, 2025", "in
March", "2014") and spaCy's DATE entities for anything else. Leading words
that change the meaning stay part of the expression ("just last week", "In
recent weeks", "over the past year"); a trailing number the model glued on
("last week eight") does not.
"""

from __future__ import annotations

import re

from ..gazetteer.normalize import lowered_for_search
from ..model import Span

_DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_UNIT = r"(?:day|week|month|year|decade|weekend|night|morning|afternoon|evening)"
_NUM = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|few|several|some)"

PATTERNS = [
    r"(?:just |only )?(?:earlier|later|late|early) (?:this|last|next) (?:week|month|year)",
    rf"(?:just |only )?(?:last|this|next|past) (?:week|month|year|weekend|night|decade|{_DAY})",
    rf"(?:(?:in|over|during|within|for) )?the (?:past|last|previous|coming|next) (?:{_NUM} )?{_UNIT}s?",
    rf"(?:(?:in|over|during|within|for) )?(?:recent|past) (?:{_NUM} )?{_UNIT}s",
    rf"{_NUM} {_UNIT}s? (?:ago|earlier|later)",
    rf"(?:(?:on|since|by|until|last|early|late) )?{_DAY}(?: (?:morning|afternoon|evening|night))?",
    r"(?:yesterday|today|tonight|overnight|this (?:morning|afternoon|evening)|last night)",
    rf"(?:(?:on|in|since|by|until|early|late|mid-?) )?{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}",
    rf"(?:(?:on|since|by|until) )?\d{{1,2}} {_MONTH},? \d{{4}}",
    rf"(?:(?:on|since|by|until) )?{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?",
    rf"(?:(?:in|since|by|until|early|late|mid-?) )?{_MONTH},? \d{{4}}",
    rf"(?:(?:in|since|by|until|early|late|mid-?) ){_MONTH}\b",
    r"\d{4}-\d{2}-\d{2}",
    r"(?:(?:in|since|by|until) )?(?:19|20)\d{2}",
    r"\brecent\b",
]
# Every pattern starts with one of these words or a digit: a look-ahead for them lets the
# engine skip the other words without trying each pattern there (half the time; same matches).
_FIRST = (r"(?=\d|just|only|earlier|later|late|early|last|this|next|past|in|over|during|within|for|the|recent|an?"
          r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|several|some|on|since|by|until"
          r"|mon|tues|wednes|thurs|fri|satur|sun|yesterday|today|tonight|overnight"
          r"|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mid)")
_RE = re.compile(r"\b" + _FIRST + r"(?:" + "|".join(f"(?:{p})" for p in PATTERNS) + r")\b", re.I)
# The same pattern over the lower-cased text, without IGNORECASE (3x faster, same matches;
# gazetteer.normalize.lowered_for_search says when).
_RE_LOWER = re.compile(_RE.pattern)
_BARE_YEAR = re.compile(r"(?:(?:in|since|by|until) )?(?:19|20)\d{2}$", re.I)
# "May" and "March" are also a verb and a noun: a bare month needs a preposition before it
_MONTH_ONLY = re.compile(rf"^{_MONTH}$", re.I)


def _time_matches(text: str):
    low = lowered_for_search(text)
    return _RE.finditer(text) if low is None else _RE_LOWER.finditer(low)


def find_times(text: str, sdoc=None) -> list[Span]:
    """Character spans of the time expressions, in order, without overlaps."""
    found: list[Span] = []
    for m in _time_matches(text):
        expr = text[m.start() : m.end()]
        if _MONTH_ONLY.match(expr):
            continue
        if _BARE_YEAR.match(expr) and not _year_context(text, m.start(), m.end(), sdoc):
            continue
        found.append(Span(m.start(), m.end()))
    if sdoc is not None:
        for ent in sdoc.ents:
            if ent.label_ != "DATE":
                continue
            sp = _trim_date(ent)
            if sp is not None and not any(sp.overlaps(f) for f in found):
                found.append(sp)
    found.sort()
    return _no_overlaps(found)


def _year_context(text: str, start: int, end: int, sdoc) -> bool:
    """A four-digit number is a year when spaCy says DATE or a preposition/'the' precedes it."""
    if sdoc is not None:
        span = sdoc.char_span(start, end, alignment_mode="expand")
        if span is not None and any(t.ent_type_ == "DATE" for t in span):
            return True
    before = text[max(0, start - 5) : start].lower()
    return before.endswith(("in ", "the ", "of ", "since ")) or text[start:end].lower().startswith(("in ", "since ", "by ", "until "))


def _trim_date(ent) -> Span | None:
    toks = list(ent)
    while toks and (toks[-1].like_num and not re.fullmatch(r"(19|20)\d\d", toks[-1].text)) and len(toks) > 1:
        toks.pop()  # "last week eight": the model's span ran into a count
    while toks and toks[0].lower_ in ("the",) and len(toks) > 1:
        toks.pop(0)
    if not toks:
        return None
    text = "".join(t.text_with_ws for t in toks).strip()
    if re.fullmatch(r"\d+-year-old|\d+", text) or text.lower() in ("one", "first"):
        return None
    return Span(toks[0].idx, toks[-1].idx + len(toks[-1]))


def _no_overlaps(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for s in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if out and s.start < out[-1].end:
            continue
        out.append(s)
    return out
