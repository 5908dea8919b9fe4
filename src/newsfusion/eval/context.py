"""What every benchmark adapter gets: where the data are, which split, the pipeline.

The newsfusion pipeline (spaCy model included) is loaded once and shared by
all benchmarks of a run; documents go through it in batches with
``Pipeline.pipe``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Article, Doc


class DataMissing(Exception):
    """The benchmark's files are absent: the run is skipped, not failed."""


@dataclass
class EvalContext:
    """The run's settings and the shared pipeline."""

    data: Path  # the benchmarks root (holds muc4/, wikievents/, ...)
    split: str | None = None  # None: the benchmark's reporting split
    limit: int | None = None  # at most this many documents (smoke runs)
    references: bool = True  # also score the reference systems' stored predictions
    _pipeline: Any = field(default=None, repr=False)

    def folder(self, name: str, *required: str) -> Path:
        """``data/name``, checking that the ``required`` files exist there."""
        root = self.data / name
        missing = [r for r in required if not (root / r).exists()]
        if not root.is_dir() or missing:
            what = root if not root.is_dir() else root / missing[0]
            raise DataMissing(
                f"data not found at {what} (give --data DIR or set NEWSFUSION_BENCHMARKS to the folder holding {name}/)"
            )
        return root

    def take(self, items: list) -> list:
        return items if self.limit is None else items[: self.limit]

    @property
    def pipeline(self):
        if self._pipeline is None:
            from ..pipeline import Pipeline

            self._pipeline = Pipeline()
        return self._pipeline

    def run(self, articles: Iterable[Article], ids: Iterable[str], keep_nlp: bool = False) -> Iterator[Doc]:
        """Run newsfusion on the articles, batched; the spaCy docs are released unless ``keep_nlp``."""
        for doc in self.pipeline.pipe(articles, doc_ids=ids):
            if not keep_nlp:
                doc.nlp = None
            yield doc


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Objects of a JSON Lines file; a bad line is a one-line error naming the file."""
    out = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise InputError("E260", f"line {n} is not JSON ({e.msg})", "restore the benchmark file", path=str(path)) from e
    return out


def read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise InputError("E260", f"not JSON ({e.msg} at line {e.lineno})", "restore the benchmark file", path=str(path)) from e


def load_mapping(name: str) -> Any:
    """A mapping table from ``newsfusion/data/mappings`` (``.json`` or ``.tsv``)."""
    path = Path(__file__).resolve().parents[1] / "data" / "mappings" / name
    if name.endswith(".json"):
        return read_json(path)
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    rows = {}
    for line in lines[1:]:  # the first line names the columns
        parts = line.split("\t")
        if len(parts) >= 2:
            rows[parts[0]] = parts[1]
    return rows
