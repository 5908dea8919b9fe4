"""The spaCy stage: tokens, sentences, parse and the model's named entities.

Runs in batches through ``nlp.pipe``. The model name is a setting
(``NEWSFUSION_SPACY_MODEL``) so a larger English model can be swapped in.
A small component before the parser makes every paragraph break (a blank
line) a sentence boundary: the parser alone runs a byline into the lede.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language

from ..config import settings
from ..errors import ConfigError
from ..model import Doc, Span
from ..pipeline import stage


@Language.component("newsfusion_paragraphs")
def paragraph_breaks(sdoc):
    """A token after a whitespace token holding a newline starts a sentence."""
    for tok in sdoc[1:]:
        prev = sdoc[tok.i - 1]
        if prev.is_space and "\n" in prev.text:
            tok.is_sent_start = True
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
    if "parser" in nlp.pipe_names and "newsfusion_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("newsfusion_paragraphs", before="parser")
    return nlp


def _fill(doc: Doc, sdoc) -> Doc:
    doc.nlp = sdoc
    doc.sentences = [Span(s.start_char, s.end_char) for s in sdoc.sents]
    return doc


@stage("nlp", requires=["article"], assigns=["nlp", "sentences"], version="2")
def nlp_stage(doc: Doc) -> Doc:
    return _fill(doc, load_nlp()(doc.article.text))


def _batch(docs: list[Doc]) -> list[Doc]:
    nlp = load_nlp()
    sdocs = nlp.pipe((d.article.text for d in docs), batch_size=16)
    return [_fill(d, s) for d, s in zip(docs, sdocs)]


nlp_stage.batch = _batch  # type: ignore[attr-defined]
