"""The spaCy stage: tokens, sentences, parse and the model's named entities.

Runs in batches through ``nlp.pipe``. The model name is a setting
(``NEWSFUSION_SPACY_MODEL``) so a larger English model can be swapped in.
A small component before the parser makes every paragraph break (a blank
line) a sentence boundary: the parser alone runs a byline into the lede.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.attrs import IS_SPACE, ORTH
from spacy.language import Language
from spacy.strings import get_string_id

from ..config import settings
from ..errors import ConfigError
from ..model import Doc, Span
from ..parseview import ParsedDoc
from ..pipeline import stage
from .attribute_ruler import index_attribute_ruler


# "KHARTOUM, Oct 30:", "GOMA, Democratic Republic of Congo (Reuters) -", "Kyiv —": a dateline opening a paragraph
_DATELINE = re.compile(
    r"(?:[A-Z][A-Z'’ .-]{1,30}|[A-Z][A-Za-z'’ .-]{1,30}(?=,|\s*\())"  # a city in capitals, or followed by a date/agency
    r"(?:,[A-Za-z0-9 .,'’-]{1,40})?(?:\s*\([^)\n]{1,30}\))?\s*(?::|—|–|--|-)\s"
)


@Language.component("newsfusion_paragraphs")
def paragraph_breaks(sdoc):
    """A token after a whitespace token holding a newline starts a sentence, and so
    do the first token after a paragraph's dateline and the one after a semicolon."""
    n = len(sdoc)
    if n == 0:
        return sdoc
    orth, space = zip(*sdoc.to_array([ORTH, IS_SPACE]).tolist())  # one read of the columns, not a Token a word
    starts = [0] + [i + 1 for i in range(n - 1) if space[i] and "\n" in sdoc[i].text]
    for i in starts[1:]:
        if i < n:
            sdoc[i].is_sent_start = True
    semicolon = get_string_id(";")
    for i in range(1, n - 1):  # "an officer put the number at 15; al Shabaab said 21": two statements
        if orth[i] == semicolon and not space[i + 1]:
            sdoc[i + 1].is_sent_start = True
    text = sdoc.text
    for i in starts:
        if i >= len(sdoc):
            continue
        m = _DATELINE.match(text, sdoc[i].idx)
        if m and "\n" not in m.group(0):
            after = sdoc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
            if after is not None and len(after) and after[0].i > i:
                after[0].is_sent_start = True
    return sdoc


@lru_cache(maxsize=2)
def load_nlp(name: str | None = None):
    import spacy

    name = name or settings().spacy_model
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ConfigError(
            "E001",
            f"spaCy model {name!r} is not installed",
            "run 'make install' or set NEWSFUSION_SPACY_MODEL to an installed model",
        ) from exc
    # Longer articles are refused before any stage runs (E212); up to that limit the parser runs.
    nlp.max_length = max(nlp.max_length, settings().max_chars + 1)
    if "parser" in nlp.pipe_names and "newsfusion_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("newsfusion_paragraphs", before="parser")
    index_attribute_ruler(nlp)  # the same annotations, its one-token rules looked up by index
    return nlp


def _fill(doc: Doc, sdoc) -> Doc:
    # The stages read the parse through a view that reads each token attribute once
    # (parseview.py); the pipeline hands spaCy's Doc back when they are done (_finish).
    doc.nlp = ParsedDoc(sdoc)
    doc.sentences = [Span(s.start_char, s.end_char) for s in doc.nlp.sents]
    return doc


# A long run of marks with no blank in it ('""""...', '......'): spaCy's tokenizer peels such a
# "word" one character at a time, searching the rest each time (quadratic in the run).
_MARK_RUN = re.compile(r"[^\w\s]{64,}")


def parse_text(text: str) -> str:
    """The text spaCy parses: the article's, except that every 32nd character of a run of 64
    or more marks with no letter, digit or blank in it is read as a space. The length is
    kept, so every character offset still points into the article's own text."""
    if _MARK_RUN.search(text) is None:
        return text
    return _MARK_RUN.sub(lambda m: "".join(" " if i % 32 == 31 else ch for i, ch in enumerate(m.group())), text)


@stage("nlp", requires=["article"], assigns=["nlp", "sentences"], version="2")
def nlp_stage(doc: Doc) -> Doc:
    return _fill(doc, load_nlp()(parse_text(doc.article.text)))


def _batch(docs: list[Doc]) -> list[Doc]:
    nlp = load_nlp()
    sdocs = nlp.pipe((parse_text(d.article.text) for d in docs), batch_size=16)
    return [_fill(d, s) for d, s in zip(docs, sdocs)]


def _finish(docs: list[Doc]) -> None:
    """Once every stage has run: ``Doc.nlp`` is spaCy's Doc again and the view is taken apart."""
    for d in docs:
        if isinstance(d.nlp, ParsedDoc):
            d.nlp = d.nlp.release()


nlp_stage.batch = _batch  # type: ignore[attr-defined]
nlp_stage.finish = _finish  # type: ignore[attr-defined]
