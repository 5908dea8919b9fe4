"""The spaCy stage: tokens, sentences, parse and the model's named entities.

Runs in batches through ``nlp.pipe``. The model name is a setting
(``NEWSFUSION_SPACY_MODEL``) so a larger English model can be swapped in.
"""

from __future__ import annotations

from functools import lru_cache

from ..config import settings
from ..errors import ConfigError
from ..model import Doc, Span
from ..pipeline import stage


@lru_cache(maxsize=2)
def load_nlp(name: str | None = None):
    import spacy

    name = name or settings().spacy_model
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ConfigError(
            "E001",
            f"spaCy model {name!r} is not installed",
            "run 'make install' or set NEWSFUSION_SPACY_MODEL to an installed model",
        ) from exc


def _fill(doc: Doc, sdoc) -> Doc:
    doc.nlp = sdoc
    doc.sentences = [Span(s.start_char, s.end_char) for s in sdoc.sents]
    return doc


@stage("nlp", requires=["article"], assigns=["nlp", "sentences"], version="1")
def nlp_stage(doc: Doc) -> Doc:
    return _fill(doc, load_nlp()(doc.article.text))


def _batch(docs: list[Doc]) -> list[Doc]:
    nlp = load_nlp()
    sdocs = nlp.pipe((d.article.text for d in docs), batch_size=16)
    return [_fill(d, s) for d, s in zip(docs, sdocs)]


nlp_stage.batch = _batch  # type: ignore[attr-defined]
