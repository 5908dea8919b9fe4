"""Contradictions inside one article, each naming both sides, their sources and what is disputed.

* numeric (``numeric.py``): incompatible casualty figures from different
  sources for one incident, and a figure against "the toll is exaggerated";
* polarity (``denials.py``): a denial and what it denies.

Each side's evidence is the statement's own clause or sentence
(``common.statement``), never a paragraph.
"""

from __future__ import annotations

from ..model import Contradiction, Doc
from .common import overlap, words  # noqa: F401  (used by resolve.contradictions)
from .denials import polarity
from .numeric import disputed_figures, exaggerated


def find_contradictions(doc: Doc) -> list[Contradiction]:
    return disputed_figures(doc) + exaggerated(doc) + polarity(doc)
