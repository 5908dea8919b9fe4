"""The document stages on several processes: ``ingest --workers N [--engine ray]``.

Each worker process loads its own :class:`~newsfusion.pipeline.Pipeline` once
and turns a chunk of articles into what the store writes (the FORMAT.md record
and the mentions): spaCy's parses never cross a process boundary. The parent
stays the one writer: it stores the results in input order, so the knowledge
base is the one a single process gives. At most ``2 x N`` chunks are in
flight, so memory is bounded by the batch, not by the input.

An article that breaks a stage is retried alone in the worker and reported
(E104) without stopping the run, as in a single process.

Two engines run the chunks: ``local`` (:func:`run_parallel`, a spawn process
pool on this machine) and ``ray`` (:func:`run_ray`, tasks on a Ray cluster:
the one at ``address``, else a local Ray started with ``workers`` CPUs; the
optional extra ``newsfusion[ray]``, E105 when it is not installed). Both run
:func:`process_chunk`, so both give the knowledge base one process gives.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .errors import ConfigError, NewsfusionError
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


ENGINES = ("local", "ray")


def _import_ray():
    try:
        import ray
    except ImportError:
        raise ConfigError("E105", "--engine ray needs the Python package 'ray', which is not installed",
                          "pip install 'newsfusion[ray]', or use the local engine") from None
    return ray


Chunk = list[tuple[str, Article]]


def _in_order(chunks: Iterable[Chunk], submit, limit: int, result) -> Iterator[list[Processed]]:
    """Submit chunks as they come, at most ``limit`` (+1 while waiting) in flight, and yield
    their results in order. ``chunks`` is pulled lazily: a chunk is read only when one is
    taken out of flight, so the input in memory is bounded by ``limit`` chunks."""
    pending = []
    it = iter(chunks)
    for chunk in it:
        pending.append(submit(chunk))
        if len(pending) >= limit:
            break
    while pending:
        job = pending.pop(0)
        nxt = next(it, None)  # keep the workers busy while waiting for this one
        if nxt is not None:
            pending.append(submit(nxt))
        yield result(job)


def run_ray(chunks: Iterable[Chunk], workers: int, address: str | None = None) -> Iterator[list[Processed]]:
    """Chunks of results, in input order, from Ray tasks (at most ``2 x workers`` in flight).

    Uses the Ray already initialised in this process, else connects to ``address``
    (``auto``, ``ray://host:10001``...), else starts a local Ray with ``workers`` CPUs.
    A Ray worker process keeps its pipeline between tasks, as a pool worker does."""
    ray = _import_ray()
    if not ray.is_initialized():
        if address:
            ray.init(address=address, include_dashboard=False, log_to_driver=False)
        else:
            ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
    task = ray.remote(num_cpus=1, max_retries=0)(process_chunk)

    def result(ref):
        try:
            return ray.get(ref)
        except ray.exceptions.RayTaskError as exc:  # a coded error raised in the task: raise it here
            cause = exc.as_instanceof_cause()
            raise (cause if isinstance(cause, NewsfusionError) else exc) from None

    yield from _in_order(chunks, task.remote, 2 * workers, result)


def run_parallel(chunks: Iterable[Chunk], workers: int) -> Iterator[list[Processed]]:
    """Chunks of results, in input order, from ``workers`` processes (at most ``2 x workers`` chunks in flight)."""
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("spawn"), initializer=_init) as pool:
        yield from _in_order(chunks, lambda c: pool.submit(process_chunk, c), 2 * workers, lambda f: f.result())
