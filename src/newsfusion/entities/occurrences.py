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
            self.folded.setdefault(_fold(word), []).extend(starts)
        for starts in self.folded.values():
            starts.sort()


def _fold(word: str) -> str:
    """The key a word is indexed under for a case-blind search: casefolded, with the dotted and
    dotless i read as i (IGNORECASE matches "İ" and "ı" to "i", casefold does not)."""
    folded = word.casefold()
    return folded.replace("i\u0307", "i").replace("ı", "i") if not folded.isascii() else folded


@lru_cache(maxsize=2)
def _index(text: str) -> _WordIndex:
    return _WordIndex(text)


@lru_cache(maxsize=4096)
def _pattern(form: str, ignore_case: bool) -> re.Pattern:
    return re.compile(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", re.I if ignore_case else 0)


def _joins(ch: str) -> bool:
    r"""``ch`` continues a word for the boundaries of :func:`occurrences` (regex ``[\w-]``)."""
    return ch.isalnum() or ch == "_" or ch == "-"


def occurrences(text: str, form: str, *, ignore_case: bool = False) -> Iterator[tuple[int, int]]:
    """(start, end) of each occurrence of ``form`` in ``text`` between word boundaries.

    Where the first word is written, the form is compared in place (a regular
    expression per name would be compiled for every new name an article brings);
    the compiled pattern decides only a case-blind comparison with letters outside
    ASCII, whose case folding is the regex engine's.

    >>> list(occurrences("Red Hand and red hand; Red Handed", "Red Hand", ignore_case=True))
    [(0, 8), (13, 21)]
    """
    first = _WORD.match(form)
    if first is None:  # a form that does not open with a letter or digit: the plain scan
        yield from (m.span() for m in _pattern(form, ignore_case).finditer(text))
        return
    index = _index(text)
    starts = index.folded.get(_fold(first.group()), ()) if ignore_case else index.exact.get(first.group(), ())
    n, size = len(form), len(text)
    lowered = form.lower() if ignore_case and form.isascii() else None
    end = 0
    for s in starts:
        if s < end or (s > 0 and _joins(text[s - 1])):
            continue
        e = s + n
        if not ignore_case:
            hit = text.startswith(form, s)
        elif lowered is not None and text[s:e].isascii():
            hit = text[s:e].lower() == lowered
        else:
            m = _pattern(form, True).match(text, s)
            if m is None:
                continue
            e, hit = m.end(), True
        if hit and (e >= size or not _joins(text[e])):
            end = e
            yield s, e
