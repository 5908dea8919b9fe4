"""Contradictions: numeric (disputed figures) and polarity (a denial and what it denies).

``find_contradictions(doc)`` works inside one article; the corpus step
``resolve.contradictions`` adds those across articles (docs/claims.md).
Casualty figures are read by ``events.fatalities.read_figures``, the reader
the events use too, so an event and a contradiction never read a number
differently.
"""

from .find import find_contradictions, find_updates  # noqa: F401
