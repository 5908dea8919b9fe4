"""What a request handler reaches: the knowledge base, one read transaction, a cache.

Every read goes through the :class:`~newsfusion.kb.KnowledgeBase` the app
holds: :func:`read` and :func:`respond` take one of its read methods
(``KnowledgeBase.entities_page``) or a function of the knowledge base, and
call it inside one :meth:`~newsfusion.kb.KnowledgeBase.snapshot` with the
data version it comes from.

Reads are remembered until the data changes: :func:`read` keys each result
on the function, its arguments and the data version
(:meth:`~newsfusion.kb.KnowledgeBase.data_version`: the knowledge base's
build time, its stale flag, the number of stored articles and the state of
the analysts' decisions), so any ingest,
rebuild, merge, split or rating makes every entry obsolete at once. The
version itself is read at most every :data:`VERSION_TTL` seconds (and at once
after this server's own writes), so a repeated page or API call costs no
query at all; a change made by another process shows within that time. The
cache is a bounded LRU. Identical reads that arrive while the first is being
computed (a cold cache under load) wait for its result instead of running the
same query again (request coalescing).

The API answers through :func:`respond`, on the event loop: a cached answer is
the encoded JSON body, sent without a worker thread, without a query and
without encoding it again; identical requests arriving while it is computed
await the first one's result (no thread is held while waiting); only the
first goes to a worker thread. Reads known or measured to be heavy
(:data:`HEAVY_SECONDS`) take turns in a smaller pool (:data:`HEAVY_THREADS`),
so cheap requests are not queued behind them.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

import anyio
from starlette.requests import Request
from starlette.responses import Response

from ..kb import KnowledgeBase

T = TypeVar("T")
CACHE_SIZE = 512
VERSION_TTL = 0.5  # seconds
COALESCE_WAIT = 30.0  # seconds a request waits for an identical one being computed
HEAVY_THREADS = 2  # heavy reads computed at once (2 cores: more only share the same CPU and the GIL)
HEAVY_SECONDS = 0.1  # a read whose last computation took longer is heavy


class ResultCache:
    """A thread-safe LRU of computed results."""

    def __init__(self, size: int = CACHE_SIZE):
        self.size = size
        self._data: OrderedDict[Any, Any] = OrderedDict()
        self._lock = threading.Lock()
        self.version: tuple[Any, ...] | None = None
        self.version_until = 0.0
        self.inflight: dict[Any, threading.Event] = {}  # results being computed: identical requests wait for them
        self.coalesced = 0  # how many requests waited for another's result instead of computing it
        self.pending: dict[Any, asyncio.Future] = {}  # the API's answers being computed (event loop only)
        self.version_task: asyncio.Future | None = None
        self.cost: dict[str, float] = {}  # function -> seconds its last computation took
        self._heavy: tuple[Any, anyio.CapacityLimiter] | None = None

    @property
    def heavy(self) -> anyio.CapacityLimiter:
        """The pool heavy reads take turns in (one per event loop: a test client runs its own)."""
        loop = asyncio.get_running_loop()
        if self._heavy is None or self._heavy[0] is not loop:
            self._heavy = (loop, anyio.CapacityLimiter(HEAVY_THREADS))
        return self._heavy[1]

    def lead(self, key: Any) -> tuple[bool, threading.Event]:
        """(True, event) for the first request computing ``key``; (False, its event) for the others."""
        with self._lock:
            ev = self.inflight.get(key)
            if ev is not None:
                self.coalesced += 1
                return False, ev
            ev = self.inflight[key] = threading.Event()
            return True, ev

    def done(self, key: Any, ev: threading.Event) -> None:
        with self._lock:
            if self.inflight.get(key) is ev:
                del self.inflight[key]
        ev.set()

    def clear(self) -> None:
        """Drop every result (the worker re-attached decisions: same data version, other answers)."""
        with self._lock:
            self._data.clear()
        self.version_until = 0.0

    def forget_version(self) -> None:
        """After a write: read the version again on the next request."""
        self.version_until = 0.0

    def get(self, key: Any) -> tuple[bool, Any]:
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return True, self._data[key]
        return False, None

    def put(self, key: Any, value: Any) -> None:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)

    def __len__(self) -> int:
        return len(self._data)


def kb_of(request: Request) -> KnowledgeBase:
    return request.app.state.kb


def current_version(request: Request) -> tuple[Any, ...]:
    """The data version, read again when it is older than VERSION_TTL."""
    cache: ResultCache = request.app.state.cache
    now = time.monotonic()
    if cache.version is not None and now < cache.version_until:
        return cache.version
    version = kb_of(request).data_version()
    cache.version, cache.version_until = version, now + VERSION_TTL
    return version


def read(request: Request, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``fn(kb, *args, **kwargs)`` in one snapshot of the knowledge base, remembered until the data changes.

    Callers must not modify what they get (it may be shared with other requests).
    """
    return _read(request, fn, args, kwargs)[0]


def _read(request: Request, fn: Callable[..., T], args: Any, kwargs: dict[str, Any]) -> tuple[T, tuple[Any, ...]]:
    """(the result, the data version it comes from)."""
    cache: ResultCache = request.app.state.cache
    base = (fn.__module__, fn.__qualname__, args, tuple(sorted(kwargs.items())))
    version = current_version(request)
    hit, value = cache.get((*base, version))
    if hit:
        return value, version
    # coalescing: on a cold cache, identical requests arriving together wait for the first one's result
    leader, ev = cache.lead(base)
    if not leader:
        ev.wait(COALESCE_WAIT)
        version = current_version(request)
        hit, value = cache.get((*base, version))
        if hit:
            return value, version
        return _compute(request, cache, base, fn, args, kwargs)
    try:
        return _compute(request, cache, base, fn, args, kwargs)
    finally:
        cache.done(base, ev)


def _compute(request: Request, cache: ResultCache, base: tuple[Any, ...], fn: Callable[..., T], args: Any, kwargs: Any) -> tuple[T, tuple[Any, ...]]:
    t0 = time.perf_counter()
    kb = kb_of(request)
    with kb.snapshot():
        version = kb.data_version()  # the snapshot this result comes from
        value = fn(kb, *args, **kwargs)
    cache.cost[fn.__qualname__] = time.perf_counter() - t0
    cache.put((*base, version), value)
    if version != cache.version:  # newer than the remembered one
        cache.version, cache.version_until = version, time.monotonic() + VERSION_TTL
    return value, version


def encode(data: Any) -> bytes:
    """The JSON body of an API answer (as FastAPI's JSONResponse encodes it)."""
    content = data.to_dict() if hasattr(data, "to_dict") else data
    return json.dumps(content, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":")).encode("utf-8")


def _json(body: bytes) -> Response:
    return Response(body, media_type="application/json")


async def version_async(request: Request) -> tuple[Any, ...]:
    """:func:`current_version` from the event loop: the remembered one, or one query in a worker thread shared by every request asking meanwhile."""
    cache: ResultCache = request.app.state.cache
    if cache.version is not None and time.monotonic() < cache.version_until:
        return cache.version
    if cache.version_task is None or cache.version_task.done():
        cache.version_task = asyncio.ensure_future(anyio.to_thread.run_sync(current_version, request))
    return await asyncio.shield(cache.version_task)


async def respond(request: Request, fn: Callable[..., Any], *args: Any, shape: Callable[[Any], Any] | None = None, heavy: bool = False, **kwargs: Any) -> Response:
    """The JSON answer of ``fn(kb, *args, **kwargs)`` (passed through ``shape`` if given), cached encoded until the data changes.

    A cached answer costs no thread, query or encoding; identical requests
    meanwhile await the first one's computation; ``heavy`` reads (and any
    whose last computation took over :data:`HEAVY_SECONDS`) take turns in
    the heavy pool.
    """
    cache: ResultCache = request.app.state.cache
    base = ("json", getattr(shape, "__qualname__", None), fn.__module__, fn.__qualname__, args, tuple(sorted(kwargs.items())))
    hit, body = cache.get((*base, await version_async(request)))
    if hit:
        return _json(body)
    waiting = cache.pending.get(base)
    if waiting is not None:
        cache.coalesced += 1
        try:
            return _json(await asyncio.shield(waiting))
        except asyncio.CancelledError:
            if not waiting.cancelled():
                raise  # this request was cancelled
            return await respond(request, fn, *args, shape=shape, heavy=heavy, **kwargs)  # the first one's was: compute it here
    fut: asyncio.Future = asyncio.get_running_loop().create_future()
    cache.pending[base] = fut
    try:
        heavy = heavy or cache.cost.get(fn.__qualname__, 0.0) > HEAVY_SECONDS
        body, version = await anyio.to_thread.run_sync(_encoded, request, fn, args, kwargs, shape, limiter=cache.heavy if heavy else None)
        cache.put((*base, version), body)
        fut.set_result(body)
        return _json(body)
    except Exception as exc:
        fut.set_exception(exc)  # the waiters get the same error (e.g. not found)
        fut.exception()  # retrieved: no "never retrieved" warning when nobody waited
        raise
    except BaseException:
        fut.cancel()  # cancelled: a waiter computes it itself
        raise
    finally:
        if cache.pending.get(base) is fut:
            del cache.pending[base]


def _encoded(request: Request, fn: Callable[..., Any], args: Any, kwargs: dict[str, Any], shape: Callable[[Any], Any] | None) -> tuple[bytes, tuple[Any, ...]]:
    value, version = _read(request, fn, args, kwargs)
    return encode(shape(value) if shape else value), version
