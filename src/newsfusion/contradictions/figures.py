"""Casualty figures stated in text: who died, how many, in which words.

"17 of its own soldiers ... were also killed" -> (soldiers, 17);
"killed at least 100 militants" -> (militants, 100);
"put the actual number of dead Egyptian soldiers at closer to 65" -> (soldiers, 65);
"12 soldiers had been killed" -> (soldiers, 12). "Dozens" is not a figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Span

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}
VICTIMS = {
    "soldier": "soldiers", "soldiers": "soldiers", "troops": "soldiers", "servicemen": "soldiers", "officers": "soldiers",
    "militant": "militants", "militants": "militants", "fighters": "militants", "rebels": "militants", "insurgents": "militants",
    "jihadists": "militants", "terrorists": "militants", "gunmen": "militants", "attackers": "militants", "islamists": "militants",
    "civilians": "civilians", "civilian": "civilians", "people": "people", "persons": "people", "villagers": "civilians",
    "residents": "civilians", "children": "civilians", "women": "civilians", "passengers": "civilians",
    "policemen": "police", "police": "police", "protesters": "protesters", "demonstrators": "protesters",
}
_NUM = r"(\d[\d,]*|" + "|".join(NUMBER_WORDS) + r")"
_QUAL = r"(?:at least |about |around |nearly |almost |some |more than |over |up to |closer to |close to |as many as |an estimated )?"
_DEATH = r"(?:killed|dead|died|slain|perished|lost their lives|death toll|deaths|fatalities)"
_VICTIM = r"(" + "|".join(sorted(VICTIMS, key=len, reverse=True)) + r")"

PATTERNS = [
    # "17 of its own soldiers, including four officers, were also killed"; "12 soldiers had been killed"
    re.compile(_QUAL + _NUM + r" (?:of (?:its|their|his|our) own |[\w-]+ ){0,3}?" + _VICTIM + r"\b[^.;]{0,60}?\b" + _DEATH, re.I),
    # "killed at least 100 militants"
    re.compile(r"\bkill(?:ed|ing)? " + _QUAL + _NUM + r" (?:[\w-]+ ){0,2}?" + _VICTIM + r"\b", re.I),
    # "put the (actual) number of dead Egyptian soldiers at closer to 65"; "death toll of soldiers rose to 30"
    re.compile(r"(?:number|toll|count|tally) of (?:dead |killed )?(?:[\w-]+ ){0,2}?" + _VICTIM + r"\b[^.;]{0,30}?\b(?:at|to|as) " + _QUAL + _NUM, re.I),
    # "put the number of dead at 15", "the death toll rose to 21"
    re.compile(r"(?:number of (?:the )?dead|death toll|toll)[^.;]{0,25}?\b(?:at|to|of) " + _QUAL + _NUM + r"\b()", re.I),
    # "21 were killed", "ten people were killed"
    re.compile(_QUAL + _NUM + r" (?:people |persons |others )?(?:were|had been|have been|was) (?:also )?(killed)", re.I),
]


_PART = re.compile(r"\b(includ\w*|among (?:them|those|the dead)|of whom|of them)\W*$", re.I)


@dataclass(frozen=True)
class Figure:
    victims: str  # normalised class: soldiers, militants, civilians, people, police, protesters
    value: int
    span: Span
    at_least: bool = False


def to_int(word: str) -> int | None:
    word = word.lower().replace(",", "")
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def find_figures(text: str, window: Span | None = None) -> list[Figure]:
    """Casualty figures inside ``window`` (default: the whole text)."""
    start = window.start if window else 0
    chunk = text[start : window.end] if window else text
    out: list[Figure] = []
    for pat in PATTERNS:
        for m in pat.finditer(chunk):
            groups = [g for g in m.groups() if g]
            num = next((to_int(g) for g in groups if to_int(g) is not None), None)
            victim = next((VICTIMS[g.lower()] for g in groups if g.lower() in VICTIMS), "people")
            if num is None or victim is None:
                continue
            span = Span(start + m.start(), start + m.end())
            if any(f.span.overlaps(span) for f in out):
                continue  # the more specific pattern already read it
            if _PART.search(text[max(0, span.start - 25) : span.start]):
                continue  # "the casualties included seven children": a part of a toll, not a toll
            out.append(Figure(victim, num, span, "at least" in m.group(0).lower()))
    return sorted(out, key=lambda f: f.span.start)
