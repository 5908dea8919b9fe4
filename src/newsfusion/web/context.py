"""What a request handler reaches: the knowledge base, one read transaction, a cache.

Reads are remembered until the data changes: :func:`read` keys each result
on the function, its arguments and :func:`kb_version` (the knowledge base's
build time, its stale flag and the number of stored articles), so a repeated
page or API call costs one small query, and any ingest, rebuild, merge, split
or rating makes every entry obsolete at once. The cache is a bounded LRU.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.engine import Connection
from starlette.requests import Request

from ..kb import KnowledgeBase
from ..store import schema as t

T = TypeVar("T")
CACHE_SIZE = 512


class ResultCache:
    """A thread-safe LRU of computed results."""

    def __init__(self, size: int = CACHE_SIZE):
        self.size = size
        self._data: OrderedDict[Any, Any] = OrderedDict()
        self._lock = threading.Lock()

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
    return meta.get("kb_built_at"), meta.get("kb_stale"), docs


def read(request: Request, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``fn(conn, *args, **kwargs)`` in one read transaction, remembered until the data changes.

    Callers must not modify what they get (it may be shared with other requests).
    """
    cache: ResultCache = request.app.state.cache
    with kb_of(request).store.read() as conn:
        key = (fn.__module__, fn.__qualname__, args, tuple(sorted(kwargs.items())), kb_version(conn))
        hit, value = cache.get(key)
        if hit:
            return value
        value = fn(conn, *args, **kwargs)
    cache.put(key, value)
    return value
