"""The document stages on several processes: ``ingest --workers N``.

Each worker process loads its own :class:`~newsfusion.pipeline.Pipeline` once
and turns a chunk of articles into what the store writes (the FORMAT.md record
and the mentions): spaCy's parses never cross a process boundary. The parent
stays the one writer: it stores the results in input order, so the knowledge
base is the one a single process gives. At most ``2 x N`` chunks are in
flight, so memory is bounded by the batch, not by the input.

An article that breaks a stage is retried alone in the worker and reported
(E104) without stopping the run, as in a single process.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .errors import NewsfusionError
from .model import Article, Mention

_PIPE = None


@dataclass
class Processed:
    """One article's result from a worker: the record to store, or why it failed."""

    label: str
    article: Article
    doc_id: str = ""
    record: dict[str, Any] | None = None
    mentions: list[Mention] | None = None
    error: str = ""


def _init() -> None:
    global _PIPE
    from .pipeline import Pipeline

    _PIPE = Pipeline()


def _result(label: str, doc) -> Processed:
    from .export.record import doc_record

    return Processed(label, doc.article, doc.doc_id, doc_record(doc), list(doc.mentions))


def process_chunk(chunk: list[tuple[str, Article]]) -> list[Processed]:
    """Run the document stages over a chunk in this worker (the batch, else one by one)."""
    if _PIPE is None:
        _init()
    pipe = _PIPE
    try:
        return [_result(label, d) for (label, _), d in zip(chunk, pipe.pipe([a for _, a in chunk]))]
    except NewsfusionError:
        raise
    except Exception:
        pass
    out = []
    for label, art in chunk:
        try:
            out.append(_result(label, pipe(art)))
        except NewsfusionError:
            raise
        except Exception as exc:  # noqa: BLE001 - reported per article, the run goes on
            out.append(Processed(label, art, error=f"processing failed: {type(exc).__name__}: {exc}".splitlines()[0]))
    return out


def run_parallel(todo: Iterable[tuple[str, Article]], workers: int, chunk_size: int) -> Iterator[list[Processed]]:
    """Chunks of results, in input order, from ``workers`` processes."""
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    items = list(todo)
    chunks = [items[i : i + chunk_size] for i in range(0, len(items), chunk_size)]
    with ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("spawn"), initializer=_init) as pool:
        pending = []
        it = iter(chunks)
        for chunk in it:
            pending.append(pool.submit(process_chunk, chunk))
            if len(pending) >= 2 * workers:
                break
        while pending:
            fut = pending.pop(0)
            nxt = next(it, None)
            if nxt is not None:
                pending.append(pool.submit(process_chunk, nxt))
            yield fut.result()
