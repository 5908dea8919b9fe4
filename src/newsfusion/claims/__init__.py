"""Claims: who says what, with which stance (docs/claims.md).

``extract_claims(doc)`` finds attributed statements in a parsed ``Doc``:
``detect`` (constructions on the dependency parse and quotations),
``sources`` (who and what kind), ``stance`` (assert, deny, hedge).
"""

from .build import ClaimBuilder, attribution_from_spans, extract_claims  # noqa: F401
