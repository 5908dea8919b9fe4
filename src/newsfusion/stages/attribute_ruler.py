"""spaCy's attribute ruler with its one-token rules matched by index.

The English models' ``attribute_ruler`` maps each fine-grained tag to its
part of speech and morphology, and fixes lemmas and tags of some words, with
about 180 rules run through spaCy's ``Matcher``: every token is tried against
every rule, which costs as much as the parser (9 ms of a 60 ms article).
Nearly all rules test one token for equality (``TAG``, ``LOWER``, ``DEP``,
``IS_SPACE``, or ``IN`` a list): here those are looked up by the token's tag
or lower-cased form, read once from the Doc's arrays. The few others (two-token
rules, regular expressions) stay with a ``Matcher`` of their own. The matches
are the ruler's own, in its own order, and the ruler applies them, so the
annotations are the same (``tests/test_attribute_ruler.py`` compares the
matches and every token's annotations with the ruler as shipped).
"""

from __future__ import annotations

import re
from itertools import product
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.matcher import Matcher
from spacy.tokens import Doc

_COLUMNS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
_TAG, _LOWER, _DEP, _SPACE = _COLUMNS["TAG"], _COLUMNS["LOWER"], _COLUMNS["DEP"], _COLUMNS["IS_SPACE"]

# The indexes a rule can be filed under, by the columns its first token tests for equality,
# tried in this order: (tag, lower form), tag, lower form, dependency label, space flag.
_INDEXES = ((_TAG, _LOWER), (_TAG,), (_LOWER,), (_DEP,), (_SPACE,))
_MEMO_SIZE = 100_000  # word forms whose answers are kept; a long ingest meets millions

# A token test: (column, kind, accepted hashes | refused hashes | compiled pattern).
Test = tuple[int, str, Any]


class IndexedMatch:
    """A replacement for ``AttributeRuler.match``: the same sorted matches.

    Each rule is a fixed sequence of token tests (the ``Matcher``'s ``==``,
    ``IN``, ``NOT_IN`` and ``REGEX`` on the four attributes the rules read);
    a rule is tried only at tokens whose tag, lower-cased form, dependency
    label or space flag its first token requires (``_INDEXES``). A rule in any other form is left to a
    ``Matcher`` of its own (none in the English models)."""

    def __init__(self, ruler: Any):
        self.rules = len(ruler.attrs)
        strings = ruler.vocab.strings
        self.strings = strings
        self.index: dict[tuple[int, ...], dict] = {cols: {} for cols in _INDEXES}
        self.anywhere: list[tuple[int, int, tuple]] = []  # rules whose first token is tested by pattern only
        self._first_by_lower: dict[int, tuple] = {}  # lower-cased form -> the rules of anywhere it opens
        self.rest = Matcher(ruler.vocab)
        self._regex_hits: dict[tuple[int, int], bool] = {}
        for i in range(len(ruler.attrs)):
            key = str(i)
            found = ruler.matcher.get(key)
            if found is None:
                continue
            other = []
            for pattern in found[1]:
                tokens = [_token_tests(tok, strings) for tok in pattern]
                if not tokens or any(t is None for t in tokens):
                    other.append(pattern)
                    continue
                self._place(i, strings[key], tokens)
            if other:
                self.rest.add(key, other)
        # the first tokens of the rules left unindexed test the lower-cased form only: their answer is kept per form
        self._by_form_only = all(col == _LOWER for _, _, tokens in self.anywhere for col, _, _ in tokens[0])

    def _place(self, attr_id: int, key: int, tokens: list[list[Test]]) -> None:
        """File a rule under the first index whose columns its first token tests for equality."""
        first = tokens[0]
        equal = {col: payload for col, kind, payload in first if kind == "in"}
        cols = next((cols for cols in _INDEXES if all(c in equal for c in cols)), None)
        if cols is None:
            self.anywhere.append((attr_id, key, tuple(tuple(t) for t in tokens)))
            return
        rest_of_first = tuple(t for t in first if not (t[1] == "in" and t[0] in cols))
        rule = (attr_id, key, (rest_of_first, *(tuple(t) for t in tokens[1:])))
        table = self.index[cols]
        for values in product(*(equal[c] for c in cols)):
            table.setdefault(values if len(values) > 1 else values[0], []).append(rule)

    def _passes(self, row: list[int], tests: tuple) -> bool:
        for col, kind, payload in tests:
            value = row[col]
            if kind == "in":
                if value not in payload:
                    return False
            elif kind == "not_in":
                if value in payload:
                    return False
            else:  # a regular expression on the string (memoised by its hash)
                hit = self._regex_hits.get((id(payload), value))
                if hit is None:
                    if len(self._regex_hits) >= _MEMO_SIZE:
                        self._regex_hits.clear()
                    hit = self._regex_hits[(id(payload), value)] = payload.search(self.strings[value]) is not None
                if not hit:
                    return False
        return True

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        found: set[tuple[int, int, int, int]] = set()
        rows = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist() if len(doc) else []
        by_tag_lower, by_tag, by_lower, by_dep, by_space = (self.index[cols] for cols in _INDEXES)
        for t, row in enumerate(rows):
            tag, low = row[0], row[1]
            for rules in (by_tag.get(tag), by_tag_lower.get((tag, low)), by_lower.get(low), by_dep.get(row[2]),
                          by_space.get(row[3]), self._opened_by(row)):
                if rules:
                    for attr_id, key, tokens in rules:
                        if len(tokens) == 1 and not tokens[0]:
                            found.add((attr_id, key, t, t + 1))  # the index made every test
                        elif t + len(tokens) <= len(rows) and all(
                                self._passes(rows[t + k], tests) for k, tests in enumerate(tokens)):
                            found.add((attr_id, key, t, t + len(tokens)))
        if len(self.rest):
            strings = doc.vocab.strings
            for key, start, end in self.rest(doc, allow_missing=True):
                found.add((int(strings[key]), key, start, end))
        return sorted(found)

    def _opened_by(self, row: list[int]) -> tuple | list:
        """The rules of ``anywhere`` whose first token this one passes, kept by its
        lower-cased form when only that form is tested (as the regular expressions are)."""
        if not self.anywhere:
            return []
        if self._by_form_only:
            hit = self._first_by_lower.get(row[1])
            if hit is None:
                if len(self._first_by_lower) >= _MEMO_SIZE:
                    self._first_by_lower.clear()
                hit = self._first_by_lower[row[1]] = tuple(r for r in self.anywhere if self._passes(row, r[2][0]))
            return hit
        return [r for r in self.anywhere if self._passes(row, r[2][0])]


def _token_tests(token: dict, strings) -> list[Test] | None:
    """A token pattern as tests on the four columns; None for anything else (an operator, another attribute)."""
    tests: list[Test] = []
    for attr, value in token.items():
        col = _COLUMNS.get(attr)
        if col is None:
            return None
        if isinstance(value, dict):
            if len(value) != 1:
                return None
            (op, arg), = value.items()
            if op in ("IN", "NOT_IN") and isinstance(arg, list):
                hashes = _hashes(attr, arg, strings)
                if hashes is None:
                    return None
                tests.append((col, "in" if op == "IN" else "not_in", hashes))
            elif op == "REGEX" and isinstance(arg, str) and attr in ("LOWER", "TAG", "DEP"):
                tests.append((col, "regex", re.compile(arg)))
            else:
                return None
        else:
            hashes = _hashes(attr, [value], strings)
            if hashes is None:
                return None
            tests.append((col, "in", hashes))
    return tests


def _hashes(attr: str, values: list, strings) -> frozenset[int] | None:
    if attr == "IS_SPACE":
        return frozenset(int(v) for v in values) if all(isinstance(v, bool) for v in values) else None
    if not all(isinstance(v, str) for v in values):
        return None
    return frozenset(strings.add(v) for v in values)


def index_attribute_ruler(nlp) -> bool:
    """Give the pipeline's ``attribute_ruler`` the indexed match; False when it has none."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    if not hasattr(ruler, "match") or not hasattr(ruler, "attrs"):
        return False
    indexed = IndexedMatch(ruler)

    def match(doc: Doc):
        nonlocal indexed
        if indexed.rules != len(ruler.attrs):  # rules added since: index them again
            indexed = IndexedMatch(ruler)
        return indexed(doc)

    ruler.match = match
    return True

