"""Contradictions: numeric (disputed figures) and polarity (a denial and what it denies).

``find_contradictions(doc)`` works inside one article; the corpus step
``resolve.contradictions`` adds those across articles (docs/claims.md).
"""

from .figures import Figure, find_figures  # noqa: F401
from .find import find_contradictions  # noqa: F401
