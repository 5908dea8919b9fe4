"""A read-only view of spaCy's parse that reads each token attribute once.

The rules of the document stages walk an article's tokens dozens of times and
read the same attributes (``lower_``, ``lemma_``, ``dep_``, ``head``, ``sent``)
again on every walk. On a spaCy ``Doc`` each read builds a new ``Token`` object
and decodes the string again (``Token.sent`` even walks back to the sentence
start), so that reading, not the rules, was the largest single cost of the
stages after the parser itself.

:class:`ParsedDoc` wraps the spaCy ``Doc`` once per article (``Doc.nlp``): one
:class:`ParsedToken` per token, whose common attributes are read from spaCy's
arrays in one pass when the view is made (the rest on first use, then kept);
spans (:class:`ParsedSpan`) are slices over the same tokens. The
view answers the part of spaCy's API the stages use, with spaCy's meaning:
iteration, indexing and slicing, ``char_span``, ``ents``, ``sents``,
``noun_chunks``, a token's ``head``/``children``/``subtree``/``ancestors``/
``lefts``/``rights`` (iterators, as in spaCy), ``nbor``, ``sent``, and any
other attribute is read through to spaCy and kept (tokens and spans in it
wrapped). The parse must not change after the view is made: the nlp stage makes
it once spaCy is done. ``spacy_doc(x)`` gives the spaCy object back for
spaCy's own components (the phrase matchers).
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IDX, IS_PUNCT, IS_SPACE, LEMMA, LIKE_NUM, LOWER, ORTH, POS, TAG
from spacy.parts_of_speech import NAMES as _POS_NAMES
from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token as SpacyToken
from spacy.util import normalize_slice

_ATTRS = [ORTH, LOWER, LEMMA, POS, TAG, DEP, IDX, IS_SPACE, IS_PUNCT, LIKE_NUM, ENT_TYPE, ENT_IOB]
_IOB = ("", "I", "O", "B")
_STRINGS: dict[int, str] = {}  # spaCy's string hashes, read once per process (a hash always names the same string)


def _strings(sdoc: SpacyDoc, cols: list) -> dict[int, str]:
    """The strings of the hashes in the string columns (0-2, 4, 5 and 10 of ``_ATTRS``)."""
    if len(_STRINGS) > 500_000:
        _STRINGS.clear()
    known = _STRINGS
    strings = sdoc.vocab.strings
    for row in cols:
        for h in (row[0], row[1], row[2], row[4], row[5], row[10]):
            if h not in known:
                known[h] = strings[h]
    return known


_ASK_SPACY = object()


def spacy_doc(doc):
    """The spaCy ``Doc`` behind a :class:`ParsedDoc` (a spaCy ``Doc`` is returned as it is)."""
    return doc._sdoc if isinstance(doc, ParsedDoc) else doc


def _unwrap(v):
    if isinstance(v, ParsedToken):
        return v._t
    if isinstance(v, ParsedSpan):
        return v._s
    if isinstance(v, ParsedDoc):
        return v._sdoc
    return v


def _read_through(view, spacy_obj, name: str):
    """An attribute the view does not keep: spaCy's, with its tokens and spans as the view's,
    kept on the view (a method is wrapped, not kept)."""
    if name.startswith("__"):
        raise AttributeError(name)
    v = getattr(spacy_obj, name)
    doc = view._d
    if callable(v) and not isinstance(v, (SpacyToken, SpacySpan, SpacyDoc)):
        return lambda *a, **k: doc.wrap(v(*(_unwrap(x) for x in a), **{key: _unwrap(x) for key, x in k.items()}))
    v = doc.wrap(v)
    view.__dict__[name] = v
    return v


def _iterating(name: str) -> property:
    """A span's ``name`` as spaCy gives it, a fresh iterator on every read (read once)."""
    return property(lambda self: iter(self._tuple(name)), doc=f"spaCy's ``Span.{name}``, a new iterator on each read")


class ParsedDoc:
    """One article's parse, each token attribute read from spaCy once."""

    def __init__(self, sdoc: SpacyDoc):
        self._sdoc = sdoc
        self.text: str = sdoc.text
        self._ents: tuple | None = None
        self._chunks: tuple | None = None
        self._char_spans: dict = {}
        # the attributes nearly every rule reads, read for all tokens at once
        toks: list[ParsedToken] = []
        self._toks = toks
        self._n = len(sdoc)
        if self._n:
            cols = sdoc.to_array(_ATTRS).tolist()
            heads = sdoc.to_array([HEAD]).astype("int64").ravel().tolist()  # offsets, unsigned in spaCy's array
            string = _strings(sdoc, cols)
            new = object.__new__
            for i, (orth, lower, lemma, pos, tag, dep, idx, space, punct, num, ent, iob) in enumerate(cols):
                pt = new(ParsedToken)
                pt._d = self
                pt.i = i
                pt.text = string[orth]
                pt.lower_ = string[lower]
                pt.lemma_ = string[lemma]
                pt.pos_ = _POS_NAMES[pos]
                pt.tag_ = string[tag]
                pt.dep_ = string[dep]
                pt.idx = idx
                pt.is_space = space == 1
                pt.is_punct = punct == 1
                pt.like_num = num == 1
                pt.ent_type_ = string[ent]
                pt.ent_iob_ = _IOB[iob]
                toks.append(pt)
            self._starts = [pt.idx for pt in toks]
            last = sdoc[-1]
            self._covered = last.idx + len(last.text) + len(last.whitespace_)
            children: list[list] = [[] for _ in toks]
            for pt, head in zip(toks, heads):
                pt.head = toks[pt.i + head]
                if head:
                    children[pt.i + head].append(pt)
            for pt, kids in zip(toks, children):
                pt._it_children = tuple(kids)
        self._sents = tuple(ParsedSpan(self, s) for s in sdoc.sents) if sdoc.has_annotation("SENT_START") or not self._n else None
        if self._sents is not None:
            for s in self._sents:
                for pt in toks[s.start : s.end]:
                    pt.sent = s

    def release(self) -> SpacyDoc:
        """Unlink the view (tokens refer to each other and to the view, so a dropped view
        would wait for Python's cycle collector) and give back spaCy's Doc. The view and
        every token and span of it are unusable afterwards."""
        for pt in self._toks:
            pt._d = pt.head = pt.sent = pt._it_children = None
            pt.__dict__.clear()
        for s in self._sents or ():
            s.__dict__.clear()
        self._toks = []
        self._char_spans = {}
        self._sents = self._ents = self._chunks = None
        return self._sdoc

    def wrap(self, v: Any) -> Any:
        """spaCy's value with its tokens and spans as this view's."""
        if isinstance(v, SpacyToken):
            return self._toks[v.i]
        if isinstance(v, SpacySpan):
            return ParsedSpan(self, v)
        if isinstance(v, SpacyDoc):
            return self if v is self._sdoc else v
        if isinstance(v, (tuple, list)):
            return type(v)(self.wrap(x) for x in v)
        return v

    def __len__(self) -> int:
        return self._n

    def __iter__(self):
        return iter(self._toks)

    def __getitem__(self, i):
        if type(i) is slice:
            start, end = normalize_slice(self._n, i.start, i.stop, i.step)
            return ParsedSpan(self, None, start, end)
        return self._toks[i]

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text

    def char_span(self, *args, **kwargs):
        """spaCy's ``Doc.char_span``, each distinct call answered once (the rules ask again and again)."""
        key = (args, tuple(kwargs.items())) if kwargs else args
        try:
            return self._char_spans[key]
        except KeyError:
            pass
        got = self._char_span(*args, **kwargs)
        if got is _ASK_SPACY:
            s = self._sdoc.char_span(*args, **kwargs)
            got = None if s is None else ParsedSpan(self, s)
        self._char_spans[key] = got
        return got

    def _char_span(self, start_idx, end_idx, label=0, kb_id=0, vector=None, alignment_mode="strict", span_id=0):
        """spaCy's ``Doc.char_span`` (same steps, over the kept token offsets) for a plain span;
        ``_ASK_SPACY`` for anything else (a label, an id, a vector, an unknown mode, an empty span)."""
        if label or kb_id or vector is not None or span_id or type(start_idx) is not int or type(end_idx) is not int \
                or alignment_mode not in ("strict", "contract", "expand") or not self._n:
            return _ASK_SPACY
        toks = self._toks
        start = self._token_by_char(start_idx)
        if start < 0 or (alignment_mode == "strict" and start_idx != toks[start].idx):
            return None
        end = self._token_by_char(end_idx - 1)
        if end < 0 or (alignment_mode == "strict" and end_idx != toks[end].idx + len(toks[end].text)):
            return None
        if alignment_mode == "contract":
            if toks[start].idx < start_idx:
                start += 1
            if end_idx < toks[end].idx + len(toks[end].text):
                end -= 1
            if end < start:
                return None
        elif alignment_mode == "expand":
            if start_idx == toks[start].idx + len(toks[start].text):
                start += 1
        end += 1
        if start >= end:
            return _ASK_SPACY
        return ParsedSpan(self, None, start, end)

    def _token_by_char(self, char: int) -> int:
        """The token whose text or trailing space holds character ``char``, else -1."""
        if char < 0 or char >= self._covered:
            return -1
        return bisect_right(self._starts, char) - 1

    @property
    def ents(self) -> tuple:
        if self._ents is None:
            self._ents = tuple(ParsedSpan(self, s) for s in self._sdoc.ents)
        return self._ents

    @property
    def sents(self):
        if self._sents is None:
            self._sents = tuple(ParsedSpan(self, s) for s in self._sdoc.sents)
        return iter(self._sents)

    @property
    def noun_chunks(self):
        if self._chunks is None:
            self._chunks = tuple(ParsedSpan(self, s) for s in self._sdoc.noun_chunks)
        return iter(self._chunks)

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        v = getattr(self._sdoc, name)
        if callable(v) and not isinstance(v, (SpacyToken, SpacySpan, SpacyDoc)):
            return v  # a method of spaCy's Doc (has_annotation, to_json...)
        return self.wrap(v)


class ParsedToken:
    """A token whose attributes are read from spaCy on first use and kept."""

    __slots__ = ("_d", "i", "text", "lower_", "lemma_", "pos_", "tag_", "dep_", "idx", "is_space", "is_punct",
                 "like_num", "ent_type_", "ent_iob_", "head", "sent", "_it_children", "__dict__")

    @property
    def _t(self) -> SpacyToken:
        return self._d._sdoc[self.i]

    # iterators, as spaCy gives them: a fresh one on every read
    @property
    def children(self):
        return iter(self._it_children)

    @property
    def lefts(self):
        i = self.i
        return (c for c in self._it_children if c.i < i)

    @property
    def rights(self):
        i = self.i
        return (c for c in self._it_children if c.i > i)

    @property
    def subtree(self):
        return iter(self._subtree())

    def _subtree(self) -> tuple:
        """spaCy's order: the left children's subtrees, the token, the right children's."""
        got = self.__dict__.get("_it_subtree")
        if got is None:
            i = self.i
            left: list = []
            right: list = []
            for c in self._it_children:
                (left if c.i < i else right).extend(c._subtree())
            got = self.__dict__["_it_subtree"] = (*left, self, *right)
        return got

    @property
    def ancestors(self):
        return iter(self._ancestors())

    def _ancestors(self) -> tuple:
        got = self.__dict__.get("_it_ancestors")
        if got is None:
            path: list = []
            t = self
            for _ in range(self._d._n):  # as spaCy: never more steps than tokens
                if t.head is t:
                    break
                t = t.head
                known = t.__dict__.get("_it_ancestors")
                if known is not None:
                    path.append(t)
                    path.extend(known)
                    break
                path.append(t)
            got = self.__dict__["_it_ancestors"] = tuple(path)
        return got

    @property
    def doc(self) -> ParsedDoc:
        return self._d

    def nbor(self, i: int = 1) -> ParsedToken:
        j = self.i + i
        if j < 0 or j >= self._d._n:
            self._t.nbor(i)  # spaCy's IndexError
        return self._d._toks[j]

    def is_ancestor(self, other) -> bool:
        return self._t.is_ancestor(_unwrap(other))

    def __getattr__(self, name: str):
        return _read_through(self, self._t, name)

    def __len__(self) -> int:
        return len(self.text)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text

    def __lt__(self, other) -> bool:
        return self.idx < other.idx

    def __le__(self, other) -> bool:
        return self.idx <= other.idx

    def __gt__(self, other) -> bool:
        return self.idx > other.idx

    def __ge__(self, other) -> bool:
        return self.idx >= other.idx

    __hash__ = object.__hash__


class ParsedSpan:
    """A slice of a :class:`ParsedDoc` (spaCy's ``Span`` behind it for what the view does not keep)."""

    __slots__ = ("_d", "_sp", "start", "end", "start_char", "end_char", "__dict__")

    def __init__(self, doc: ParsedDoc, span: SpacySpan | None, start: int = 0, end: int = 0):
        """Over spaCy's ``span``, or (``span`` None) over the tokens ``start:end`` of ``doc``."""
        self._d = doc
        self._sp = span
        if span is not None:
            self.start = span.start
            self.end = span.end
            self.start_char = span.start_char
            self.end_char = span.end_char
        else:
            self.start = start
            self.end = end
            if start < end:
                toks = doc._toks
                last = toks[end - 1]
                self.start_char = toks[start].idx
                self.end_char = last.idx + len(last.text)
            else:
                self.start_char = self._s.start_char
                self.end_char = self._s.end_char

    @property
    def _s(self) -> SpacySpan:
        if self._sp is None:
            self._sp = self._d._sdoc[self.start : self.end]
        return self._sp

    @property
    def text(self) -> str:
        return self._d.text[self.start_char : self.end_char]

    @property
    def root(self) -> ParsedToken:
        """spaCy's ``Span.root``, by its steps: a sentence root inside the span, else the token
        with the head outside it that is fewest steps from the root (a blank or a mark without
        children counting as far as can be)."""
        got = self.__dict__.get("_root")
        if got is not None:
            return got
        start, end, doc = self.start, self.end, self._d
        if start >= end or doc._sdoc.user_span_hooks:
            got = doc.wrap(self._s.root)
        else:
            toks = doc._toks
            got = next((t for t in toks[start:end] if t.head is t), None)
            if got is None:
                best = doc._n
                got = toks[start]
                for t in toks[start:end]:
                    if start <= t.head.i < end:
                        continue
                    if (t.is_space or t.is_punct) and not t._it_children:
                        steps = doc._n - 1
                    else:
                        steps = len(t._ancestors())
                    if steps < best:
                        best, got = steps, t
        self.__dict__["_root"] = got
        return got

    def __len__(self) -> int:
        return self.end - self.start

    def __iter__(self):
        return iter(self._d._toks[self.start : self.end])

    def __getitem__(self, i):
        n = self.end - self.start
        if type(i) is slice:
            start, end = normalize_slice(n, i.start, i.stop, i.step)
            return ParsedSpan(self._d, None, self.start + start, self.start + end)
        if i < 0:
            i += n
        if i < 0 or i >= n:
            return self._s[i]  # spaCy's IndexError
        return self._d._toks[self.start + i]

    @property
    def doc(self) -> ParsedDoc:
        return self._d

    subtree = _iterating("subtree")
    lefts = _iterating("lefts")
    rights = _iterating("rights")
    noun_chunks = _iterating("noun_chunks")
    sents = _iterating("sents")

    def _tuple(self, name: str) -> tuple:
        key = "_it_" + name
        got = self.__dict__.get(key)
        if got is None:
            got = tuple(self._d.wrap(x) for x in getattr(self._s, name))
            self.__dict__[key] = got
        return got

    def char_span(self, *args, **kwargs):
        s = self._s.char_span(*args, **kwargs)
        return None if s is None else ParsedSpan(self._d, s)

    def __getattr__(self, name: str):
        return _read_through(self, self._s, name)

    def __eq__(self, other) -> bool:
        return self._s == _unwrap(other)

    def __hash__(self) -> int:
        return hash(self._s)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text
