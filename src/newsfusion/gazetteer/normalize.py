"""Name normalisation shared by the actor, country and place tables.

``name_key`` turns a surface form into the key two spellings of one name share:
case-folded, accents removed, quotes and apostrophes dropped, hyphens and dots
turned into spaces, a leading "the" removed and the Arabic article unified
("al-", "Al ", "el-" all become "al "). ``case_key`` keeps the case (for
ambiguous aliases such as "IS", matched only when written exactly so).
``lowered_for_search`` says when a lower-cased text can be searched in place of
an IGNORECASE search (faster, same matches).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Apostrophes, quotes and modifier letters that English reports use interchangeably.
_QUOTES = "'’‘ʼʻ`´\"“”«»"
_DASHES = "-‐‑‒–—―"
_QUOTE_RE = re.compile(f"[{re.escape(_QUOTES)}]")
_SEP_RE = re.compile(f"[{re.escape(_DASHES)}_/.,;:()\\[\\]]")
_SPACE_RE = re.compile(r"\s+")
_THE_RE = re.compile(r"^the ", re.IGNORECASE)
# Arabic article spellings: el-X, El X, al-X, Al X, (l)-X after a vowel is left alone.
_ARTICLE_RE = re.compile(r"(?:(?<=\s)|^)el(?=\s)", re.IGNORECASE)


_COMBINING_RE = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def strip_accents(text: str) -> str:
    """Remove combining marks: "Rafaḩ" -> "Rafah", "Côte" -> "Cote"."""
    if text.isascii():
        return text
    return _COMBINING_RE.sub("", unicodedata.normalize("NFKD", text))


_INITIAL_DOT_RE = re.compile(r"(?<![A-Za-z])([A-Za-z])\.")


def _base(text: str) -> str:
    text = strip_accents(text)
    text = _INITIAL_DOT_RE.sub(r"\1", text)  # "U.S." -> "US", "U.N." -> "UN"
    text = _QUOTE_RE.sub("", text)
    text = _SEP_RE.sub(" ", text)
    return _SPACE_RE.sub(" ", text).strip()


@lru_cache(maxsize=65536)
def case_key(text: str) -> str:
    """The case-preserving key: accents, quotes and separators unified, case kept."""
    return _THE_RE.sub("", _base(text))


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """The case-insensitive key two spellings of a name share.

    >>> name_key("the Al-Qassam Brigades") == name_key("al Qassam brigades")
    True
    >>> name_key("Martyrs’ Brigades") == name_key("Martyrs Brigades")
    True
    """
    key = _base(text).casefold()
    key = _THE_RE.sub("", key)
    key = _ARTICLE_RE.sub("al", key)
    return key


def is_capitalised(text: str) -> bool:
    """True when every content word starts upper case (joiners like "al", "of", "de" may not)."""
    joiners = {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ul", "ud", "ur", "ez", "es", "ed", "et", "er",
               "ath", "adh", "wa", "wal", "fi", "of", "de", "del", "la",
               "le", "les", "du", "des", "da", "do", "dos", "das", "the", "and", "y", "e", "bin", "ibn", "bint",
               "sur", "en", "am", "im", "von", "van", "di"}
    words = [w for w in re.split(r"[\s\-]+", text.strip()) if w]
    if not words or not words[0][:1].isupper():
        return False
    return all(w[:1].isupper() or w.casefold() in joiners or not w[:1].isalpha() for w in words)


# Letters that match an ASCII letter under re.IGNORECASE but do not lower-case to it.
_FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")  # İ ı ſ K


def lowered_for_search(text: str) -> str | None:
    """``text.lower()`` when searching it for lower-case ASCII words, without IGNORECASE,
    finds what an IGNORECASE search of ``text`` finds at the same offsets: lower-casing
    kept the length and the text has none of the four letters that match an ASCII letter
    only under IGNORECASE. Else None (search ``text`` with IGNORECASE)."""
    low = text.lower()
    if len(low) != len(text) or any(ch in text for ch in _FOLDS_TO_ASCII):
        return None
    return low
