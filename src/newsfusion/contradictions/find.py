"""Contradictions inside one article, each naming both sides, their sources and what is disputed.

* numeric (``numeric.py``): incompatible casualty figures from different
  sources for one incident, and a figure against "the toll is exaggerated";
* account (``accounts.py``): conflicting accounts of who was hit;
* blame (``blame.py``): two parties blaming each other;
* polarity (``denials.py``): a denial and what it denies.

Each side's evidence is the statement's own clause or sentence
(``common.statement``), never a paragraph. One dispute is one contradiction:
a denial of a claim whose figure is already disputed by the denier's own
figure ("Okello refuted Barasa's claims" after their two tolls) adds nothing.
"""

from __future__ import annotations

from ..model import Contradiction, Doc
from .common import overlap, same_speaker, words  # noqa: F401  (words, overlap: used by resolve.contradictions)
from .accounts import conflicting_accounts
from .blame import mutual_blame
from .denials import polarity
from .numeric import disputed_figures, exaggerated, revised_figures


def find_contradictions(doc: Doc) -> list[Contradiction]:
    numeric = disputed_figures(doc) + exaggerated(doc)
    accounts = [a for a in conflicting_accounts(doc) + mutual_blame(doc) if not any(_same_claims(a, n) for n in numeric)]
    denials = [p for p in polarity(doc) if not any(_same_dispute(doc, p, n) for n in numeric + accounts)]
    return numeric + accounts + denials


def find_updates(doc: Doc) -> list[Contradiction]:
    """A speaker revising its own figure: shown as an update, never as a contradiction."""
    return revised_figures(doc)


def _same_claims(x: Contradiction, y: Contradiction) -> bool:
    return {x.a.claim, x.b.claim} == {y.a.claim, y.b.claim}


def _same_dispute(doc: Doc, denial: Contradiction, figures: Contradiction) -> bool:
    """The denial answers a claim of one side of a figure dispute, and the denier is the other side."""
    if denial.a.claim is None or denial.b.claim is None or figures.a.claim is None or figures.b.claim is None:
        return False
    denied, denier = doc.claims[denial.a.claim], doc.claims[denial.b.claim]
    one, other = doc.claims[figures.a.claim], doc.claims[figures.b.claim]
    return ((same_speaker(doc, denied, one) and same_speaker(doc, denier, other))
            or (same_speaker(doc, denied, other) and same_speaker(doc, denier, one)))
