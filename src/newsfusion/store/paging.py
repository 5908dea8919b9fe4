"""Pages of results: ``limit``/``offset`` with the total count, for the web API.

A :class:`Page` holds one slice of a listing and how many rows the whole
listing has, so a client can page through it with stable ordering (every
paginated query orders by a unique key last).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.engine import Connection

T = TypeVar("T")

DEFAULT_LIMIT = 50
MAX_LIMIT = 500


@dataclass
class Page(Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int

    def to_dict(self) -> dict[str, Any]:
        items = [x.to_dict() if hasattr(x, "to_dict") else x for x in self.items]
        return {"items": items, "total": self.total, "limit": self.limit, "offset": self.offset}

    def map(self, fn) -> "Page":
        return Page([fn(x) for x in self.items], self.total, self.limit, self.offset)


def count(conn: Connection, stmt: Select) -> int:
    """Rows ``stmt`` would return (its ORDER BY, LIMIT and OFFSET ignored)."""
    inner = stmt.order_by(None).limit(None).offset(None).subquery()
    return int(conn.execute(select(func.count()).select_from(inner)).scalar_one())


def fetch(conn: Connection, stmt: Select, limit: int, offset: int, total: int | None = None) -> tuple[list[Any], int]:
    """(the rows of one page, the total): ``stmt`` must already be ordered; ``total``, when the
    caller knows it (store/counts.py), saves counting."""
    if total is None:
        total = count(conn, stmt)
    if limit <= 0 or offset >= total:
        return [], total
    return conn.execute(stmt.limit(limit).offset(offset)).all(), total
