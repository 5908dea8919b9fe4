"""What a request handler reaches: the knowledge base, one read transaction, a cache.

Reads are remembered until the data changes: :func:`read` keys each result
on the function, its arguments and :func:`kb_version` (the knowledge base's
build time, its stale flag, the number of stored articles and the state of
the analysts' decisions), so any ingest,
rebuild, merge, split or rating makes every entry obsolete at once. The
version itself is read at most every :data:`VERSION_TTL` seconds (and at once
after this server's own writes), so a repeated page or API call costs no
query at all; a change made by another process shows within that time. The
cache is a bounded LRU. Identical reads that arrive while the first is being
computed (a cold cache under load) wait for its result instead of running the
same query again (request coalescing).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import case, func, select
from sqlalchemy.engine import Connection
from starlette.requests import Request

from ..kb import KnowledgeBase
from ..store import schema as t

T = TypeVar("T")
CACHE_SIZE = 512
VERSION_TTL = 0.5  # seconds
COALESCE_WAIT = 30.0  # seconds a request waits for an identical one being computed


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


def kb_version(conn: Connection) -> tuple[Any, ...]:
    """Changes whenever the knowledge base or the stored articles change."""
    m = t.meta.c
    meta = dict(conn.execute(select(m.key, m.value).where(m.key.in_(["kb_built_at", "kb_stale"]))).all())
    docs = conn.execute(select(func.count()).select_from(t.documents)).scalar_one()
    d = t.decisions.c  # the analysts' decisions show at once (reviews change no KB table)
    decided = tuple(conn.execute(select(func.count(), func.max(d.done_at), func.max(d.undone_at), func.sum(case((d.status.in_(("pending", "undoing")), 1), else_=0)))).one())
    return meta.get("kb_built_at"), meta.get("kb_stale"), docs, decided


def current_version(request: Request, conn: Connection | None = None) -> tuple[Any, ...]:
    """The data version, read again when it is older than VERSION_TTL."""
    cache: ResultCache = request.app.state.cache
    now = time.monotonic()
    if cache.version is not None and now < cache.version_until:
        return cache.version
    if conn is None:
        with kb_of(request).store.read() as c:
            version = kb_version(c)
    else:
        version = kb_version(conn)
    cache.version, cache.version_until = version, now + VERSION_TTL
    return version


def read(request: Request, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``fn(conn, *args, **kwargs)`` in one read transaction, remembered until the data changes.

    Callers must not modify what they get (it may be shared with other requests).
    """
    cache: ResultCache = request.app.state.cache
    base = (fn.__module__, fn.__qualname__, args, tuple(sorted(kwargs.items())))
    hit, value = cache.get((*base, current_version(request)))
    if hit:
        return value
    # coalescing: on a cold cache, identical requests arriving together wait for the first one's result
    leader, ev = cache.lead(base)
    if not leader:
        ev.wait(COALESCE_WAIT)
        hit, value = cache.get((*base, current_version(request)))
        if hit:
            return value
        return _compute(request, cache, base, fn, args, kwargs)
    try:
        return _compute(request, cache, base, fn, args, kwargs)
    finally:
        cache.done(base, ev)


def _compute(request: Request, cache: ResultCache, base: tuple[Any, ...], fn: Callable[..., T], args: Any, kwargs: Any) -> T:
    with kb_of(request).store.read() as conn:
        version = kb_version(conn)  # the snapshot this result comes from
        value = fn(conn, *args, **kwargs)
    cache.put((*base, version), value)
    if version != cache.version:  # newer than the remembered one
        cache.version, cache.version_until = version, time.monotonic() + VERSION_TTL
    return value
