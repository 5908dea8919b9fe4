"""Language identification with py3langid, loaded once.

Only texts of at least ``MIN_CHARS`` characters are judged: below that the
identifier is unreliable, so short texts are read as they are (language None).
A text counts as non-English only when the identifier is at least
``MIN_CONFIDENCE`` sure of another language.
"""

from __future__ import annotations

from functools import lru_cache

MIN_CHARS = 200
MIN_CONFIDENCE = 0.9


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str | None, float]:
    """``(code, probability)`` for ``text``; ``(None, 0.0)`` when it is too short to tell."""
    sample = text.strip()
    if len(sample) < MIN_CHARS:
        return None, 0.0
    code, prob = _identifier().classify(sample[:20000])
    return str(code), float(prob)


def non_english(text: str) -> str | None:
    """The detected language code when ``text`` is reliably not English, else None."""
    code, prob = detect_language(text)
    if code and code != "en" and prob >= MIN_CONFIDENCE:
        return code
    return None
