"""Language identification with py3langid, loaded once.

Texts of at least ``MIN_CHARS`` characters count as non-English when the
identifier is at least ``MIN_CONFIDENCE`` sure of another language. Short
texts (``MIN_SHORT_CHARS`` to ``MIN_CHARS``) are judged too, but only a
near-certain answer (``SHORT_CONFIDENCE``) counts: a French or German
paragraph scores above .99, while English headlines and sentences of that
length full of foreign names stay below .9 (they are read as they are,
language None). Below ``MIN_SHORT_CHARS`` nothing is judged.
"""

from __future__ import annotations

from functools import lru_cache

MIN_CHARS = 200
MIN_CONFIDENCE = 0.9
MIN_SHORT_CHARS = 40
SHORT_CONFIDENCE = 0.98


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str | None, float]:
    """``(code, probability)`` for ``text``; ``(None, 0.0)`` when it is too short to tell."""
    sample = text.strip()
    if len(sample) < MIN_SHORT_CHARS:
        return None, 0.0
    code, prob = _identifier().classify(sample[:20000])
    if len(sample) < MIN_CHARS and prob < SHORT_CONFIDENCE:
        return None, 0.0
    return str(code), float(prob)


def non_english(text: str) -> str | None:
    """The detected language code when ``text`` is reliably not English, else None."""
    code, prob = detect_language(text)
    if code and code != "en" and prob >= MIN_CONFIDENCE:
        return code
    return None
