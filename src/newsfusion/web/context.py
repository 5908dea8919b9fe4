"""What a request handler reaches: the knowledge base, one read transaction, the templates."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from starlette.requests import Request

from ..kb import KnowledgeBase

T = TypeVar("T")


def kb_of(request: Request) -> KnowledgeBase:
    return request.app.state.kb


def read(request: Request, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``fn(conn, *args, **kwargs)`` inside one read transaction (one consistent snapshot)."""
    with kb_of(request).store.read() as conn:
        return fn(conn, *args, **kwargs)


CACHE_SIZE = 64


def kb_version(conn: Any) -> tuple[Any, ...]:
    """Changes whenever the knowledge base or the stored articles change."""
    from sqlalchemy import func, select

    from ..store import schema as t

    m = t.meta.c
    meta = dict(conn.execute(select(m.key, m.value).where(m.key.in_(["kb_built_at", "kb_stale"]))).all())
    docs = conn.execute(select(func.count()).select_from(t.documents)).scalar_one()
    return meta.get("kb_built_at"), meta.get("kb_stale"), docs


def cached(request: Request, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``read(request, fn, ...)``, remembered until the knowledge base changes.

    For the whole-corpus computations (graph, map) whose result depends only
    on the data; callers must not modify what they get.
    """
    cache: dict[Any, Any] = request.app.state.cache
    with kb_of(request).store.read() as conn:
        key = (fn.__module__, fn.__qualname__, args, tuple(sorted(kwargs.items())), kb_version(conn))
        if key in cache:
            return cache[key]
        value = fn(conn, *args, **kwargs)
    if len(cache) >= CACHE_SIZE:
        cache.clear()
    cache[key] = value
    return value
