"""Every place a name is written again in an article, found without rescanning the text.

Several entity rules look for each name, alias or surname of an article everywhere
else in it ("every other occurrence of a name is a mention"). A regular expression
run over the whole text for each name makes a long article's cost the product of
its length and its number of names. :func:`occurrences` instead indexes once where
each word starts and tries a name only where its first word is written; what it
returns is what ``re.finditer`` gives for the name between word boundaries
(``(?<![\\w-])name(?![\\w-])``): the leftmost matches, not overlapping.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

_WORD = re.compile(r"\w+")


class _WordIndex:
    def __init__(self, text: str):
        self.text = text
        self.exact: dict[str, list[int]] = {}
        self.folded: dict[str, list[int]] = {}
        for m in _WORD.finditer(text):
            self.exact.setdefault(m.group(), []).append(m.start())
        for word, starts in self.exact.items():
            self.folded.setdefault(word.casefold(), []).extend(starts)
        for starts in self.folded.values():
            starts.sort()


@lru_cache(maxsize=2)
def _index(text: str) -> _WordIndex:
    return _WordIndex(text)


@lru_cache(maxsize=4096)
def _pattern(form: str, ignore_case: bool) -> re.Pattern:
    return re.compile(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", re.I if ignore_case else 0)


def occurrences(text: str, form: str, *, ignore_case: bool = False) -> Iterator[tuple[int, int]]:
    """(start, end) of each occurrence of ``form`` in ``text`` between word boundaries.

    >>> list(occurrences("Red Hand and red hand; Red Handed", "Red Hand", ignore_case=True))
    [(0, 8), (13, 21)]
    """
    first = _WORD.match(form)
    pattern = _pattern(form, ignore_case)
    if first is None:  # a form that does not open with a letter or digit: the plain scan
        yield from (m.span() for m in pattern.finditer(text))
        return
    index = _index(text)
    starts = index.folded.get(first.group().casefold(), ()) if ignore_case else index.exact.get(first.group(), ())
    end = 0
    for s in starts:
        if s < end:
            continue
        m = pattern.match(text, s)
        if m is not None:
            end = m.end()
            yield m.span()
