"""Full-text search over the knowledge base: SQLite FTS5 or PostgreSQL tsvector.

One query language on both engines, PostgreSQL's ``websearch_to_tsquery``:
words are ANDed, ``"a phrase"`` is a phrase, ``-word`` excludes, ``or``
between words is OR. On SQLite :func:`fts5_query` turns it into an FTS5
expression in which every word is a quoted string, so no user input is ever
read as FTS5 syntax (no column filters, no syntax errors).

What is searched: documents (title and text), claims (source and content) and
event reports (location and evidence) through the indexes migration 0003
built (on SQLite, migration 0005d made them external-content FTS5 tables that
read the text from their tables, so Datasette's ``_search`` uses them too); entities by name and alias (a substring, any case). Snippets mark the
matched words with :data:`MARK_OPEN`/:data:`MARK_CLOSE` (private-use
characters), which :func:`split_marks` turns into plain text plus offsets, so
callers never receive markup they would have to trust.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, and_, column, func, literal_column, or_, select, table
from sqlalchemy.engine import Connection

from . import schema as t

MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"
KINDS = ("entity", "event", "document", "claim")
# Names of the search objects migration 0003 creates (not in schema.py).
FTS_TABLES = ("documents_fts", "claims_fts", "event_reports_fts")
PG_INDEXES = ("ix_documents_fts", "ix_claims_fts", "ix_event_reports_fts")
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w")
# NUL and the other control characters (C0, DEL, C1) are never part of a search:
# SQLite's FTS5 reads NUL as the end of a string, PostgreSQL refuses it.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def clean_query(q: str | None) -> str:
    """``q`` with every control character (NUL included) read as a space."""
    return _CONTROL.sub(" ", q or "")


def include_name(name: str | None, type_: str, parent_names: dict[str, Any]) -> bool:
    """For Alembic's schema comparison: skip the search objects migration 0003 adds."""
    if type_ == "table":
        return not (name or "").startswith(FTS_TABLES)
    if type_ == "index":
        return name not in PG_INDEXES
    return True


@dataclass
class SearchHit:
    kind: str  # entity | event | document | claim
    id: str  # entity id, event id, document id, or "doc_id:c3" for a claim
    title: str | None
    snippet: str  # plain text
    marks: list[list[int]]  # [start, end) of the matched words in snippet
    doc_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id, "title": self.title, "snippet": self.snippet, "marks": self.marks, "doc_id": self.doc_id}


@dataclass
class SearchResult:
    query: str
    items: list[SearchHit]
    total: int
    totals: dict[str, int] = field(default_factory=dict)  # per kind
    limit: int = 20
    offset: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "items": [h.to_dict() for h in self.items], "total": self.total, "totals": self.totals, "limit": self.limit, "offset": self.offset}


# ------------------------------------------------------------------ queries


def _terms(q: str) -> list[list[tuple[bool, str]]]:
    """``q`` as OR-groups of (negated, text) terms, websearch style."""
    groups: list[list[tuple[bool, str]]] = [[]]
    for m in _TOKEN.finditer(clean_query(q)):
        if m.group(3) is not None:
            word = m.group(3)
            if word.lower() == "or" and groups[-1]:
                groups.append([])
                continue
            neg, word = word.startswith("-") and len(word) > 1, word
            word = word[1:] if neg else word
        else:
            neg, word = bool(m.group(1)), m.group(2)
        if _WORD.search(word):
            groups[-1].append((neg, word))
    return [g for g in groups if any(not neg for neg, _ in g)]


def _quote(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'


def fts5_query(q: str) -> str | None:
    """A websearch-style query as a safe FTS5 expression (None when nothing is left to search).

    >>> fts5_query('attack "armed group" -police or Bunia')
    '(("attack" AND "armed group") NOT "police") OR ("Bunia")'
    """
    parts = []
    for group in _terms(q):
        expr = "(" + " AND ".join(_quote(w) for neg, w in group if not neg) + ")"
        for w in (w for neg, w in group if neg):
            expr = f"({expr} NOT {_quote(w)})"
        parts.append(expr)
    return " OR ".join(parts) if parts else None


def split_marks(s: str | None) -> tuple[str, list[list[int]]]:
    """A snippet with mark characters as (plain text, [[start, end], ...])."""
    out, marks, start = [], [], None
    pos = 0
    for ch in s or "":
        if ch == MARK_OPEN:
            start = pos
        elif ch == MARK_CLOSE:
            if start is not None and pos > start:
                marks.append([start, pos])
            start = None
        else:
            out.append(ch)
            pos += 1
    return "".join(out), marks


def _marks_of(text: str, needle: str) -> list[list[int]]:
    i = text.lower().find(needle.lower()) if needle else -1
    return [[i, i + len(needle)]] if i >= 0 else []


# ------------------------------------------------------------ by engine


@dataclass(frozen=True)
class _Source:
    """One searchable table: its FTS5 table (SQLite) or tsvector expression (PostgreSQL)."""

    kind: str
    table: Any
    keys: tuple[str, ...]  # key columns in the base table
    fts: str
    fts_cols: tuple[str, ...]  # columns of the FTS5 table, keys first
    snippet_col: int  # FTS5 column the snippet comes from
    pg_text: tuple[str, ...]  # columns joined into the tsvector, in the index's order
    pg_nullable: tuple[bool, ...]


SOURCES = {
    "document": _Source("document", t.documents, ("id",), "documents_fts", ("id", "title", "text"), 2, ("title", "text"), (True, False)),
    "claim": _Source("claim", t.claims, ("doc_id", "local_id"), "claims_fts", ("doc_id", "local_id", "source", "content"), 3, ("source", "content"), (True, True)),
    "event": _Source("event", t.event_reports, ("doc_id", "local_id"), "event_reports_fts", ("doc_id", "local_id", "location", "evidence"), 3, ("location", "evidence"), (True, True)),
}


def _pg_vector(src: _Source):
    """``to_tsvector('english', coalesce(a, '') || ' ' || b)``: exactly the index expression."""
    expr = None
    for name, nullable in zip(src.pg_text, src.pg_nullable):
        col = src.table.c[name]
        part = func.coalesce(col, literal_column("''")) if nullable else col
        expr = part if expr is None else expr.op("||")(literal_column("' '")).op("||")(part)
    return func.to_tsvector(literal_column("'english'::regconfig"), expr)


def _pg_query(q: str):
    return func.websearch_to_tsquery(literal_column("'english'::regconfig"), q)


_HEADLINE = f"StartSel={MARK_OPEN}, StopSel={MARK_CLOSE}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \""


def _matches(conn: Connection, src: _Source, q: str) -> tuple[Select, Any, Any] | None:
    """(select of the key columns that match, snippet expression, rank expression) or None."""
    if conn.dialect.name == "sqlite":
        expr = fts5_query(q)
        if expr is None:
            return None
        fts = table(src.fts, *(column(c) for c in src.fts_cols))
        name = literal_column(src.fts)
        keys = [fts.c[c].label(k) for c, k in zip(src.fts_cols, src.keys)]
        snippet = func.snippet(name, src.snippet_col, MARK_OPEN, MARK_CLOSE, "…", 24)
        return select(*keys).select_from(fts).where(name.match(expr)), snippet, func.bm25(name)
    if not _terms(q):
        return None
    vec, tsq = _pg_vector(src), _pg_query(q)
    keys = [src.table.c[k] for k in src.keys]
    body = src.table.c[src.pg_text[-1]]
    snippet = func.ts_headline(literal_column("'english'::regconfig"), func.coalesce(body, literal_column("''")), tsq, _HEADLINE)
    return select(*keys).where(vec.op("@@")(tsq)), snippet, -func.ts_rank(vec, tsq)


def _count(conn: Connection, base: Select) -> int:
    return int(conn.execute(select(func.count()).select_from(base.subquery())).scalar_one())


def _rows(conn: Connection, src: _Source, q: str, limit: int, offset: int) -> tuple[int, list[Any]]:
    m = _matches(conn, src, q)
    if m is None:
        return 0, []
    base, snippet, rank = m
    total = _count(conn, base)
    if limit <= 0 or offset >= total:
        return total, []
    rows = conn.execute(base.add_columns(snippet.label("snippet")).order_by(rank, *base.selected_columns).limit(limit).offset(offset)).all()
    return total, rows


# ------------------------------------------------------------------ kinds


def _documents(conn: Connection, q: str, limit: int, offset: int) -> tuple[int, list[SearchHit]]:
    total, rows = _rows(conn, SOURCES["document"], q, limit, offset)
    d = t.documents.c
    titles = dict(conn.execute(select(d.id, d.title).where(d.id.in_([r.id for r in rows]))).all()) if rows else {}
    hits = [SearchHit("document", r.id, titles.get(r.id), *split_marks(r.snippet), doc_id=r.id) for r in rows]
    return total, hits


def _claims(conn: Connection, q: str, limit: int, offset: int) -> tuple[int, list[SearchHit]]:
    total, rows = _rows(conn, SOURCES["claim"], q, limit, offset)
    c = t.claims.c
    keys = [and_(c.doc_id == r.doc_id, c.local_id == r.local_id) for r in rows]
    who = {(d, l): (s, st) for d, l, s, st in conn.execute(select(c.doc_id, c.local_id, c.source, c.stance).where(or_(*keys)))} if keys else {}
    hits = []
    for r in rows:
        source, stance = who.get((r.doc_id, r.local_id), (None, None))
        hits.append(SearchHit("claim", f"{r.doc_id}:{r.local_id}", f"{source or 'someone'} ({stance or '?'})", *split_marks(r.snippet), doc_id=r.doc_id))
    return total, hits


def _events(conn: Connection, q: str, limit: int, offset: int) -> tuple[int, list[SearchHit]]:
    """KB events with a report that matches (best report first)."""
    m = _matches(conn, SOURCES["event"], q)
    if m is None:
        return 0, []
    base, snippet, rank = m
    sub = base.add_columns(snippet.label("snippet"), rank.label("rank")).subquery()
    vm, e = t.event_members.c, t.events.c
    q2 = (
        select(vm.event_id, sub.c.doc_id, sub.c.snippet, e.acled_type, e.location, e.event_date)
        .select_from(sub.join(t.event_members, (vm.doc_id == sub.c.doc_id) & (vm.local_id == sub.c.local_id)).join(t.events, e.id == vm.event_id))
        .order_by(sub.c.rank, vm.event_id)
    )
    best: dict[str, Any] = {}
    for r in conn.execute(q2):
        best.setdefault(r.event_id, r)
    rows = list(best.values())
    hits = []
    for r in rows[offset : offset + max(limit, 0)]:
        title = " · ".join(x for x in (r.acled_type, r.location, r.event_date) if x)
        hits.append(SearchHit("event", r.event_id, title or r.event_id, *split_marks(r.snippet), doc_id=r.doc_id))
    return len(rows), hits


def _entities(conn: Connection, q: str, limit: int, offset: int) -> tuple[int, list[SearchHit]]:
    needle = " ".join((q or "").replace('"', " ").split())
    if not _WORD.search(needle):
        return 0, []
    e, a = t.entities.c, t.entity_aliases.c
    low = needle.lower()
    hit = or_(func.lower(e.name).contains(low, autoescape=True), e.id.in_(select(a.entity_id).where(func.lower(a.alias).contains(low, autoescape=True))))
    total = _count(conn, select(e.id).where(hit))
    if limit <= 0 or offset >= total:
        return total, []
    rows = conn.execute(select(e.id, e.name, e.type).where(hit).order_by(e.n_documents.desc(), e.name, e.id).limit(max(limit, 0)).offset(offset)).all()
    hits = []
    for r in rows:
        text = r.name
        if not _marks_of(text, needle):
            alias = conn.execute(select(a.alias).where(a.entity_id == r.id, func.lower(a.alias).contains(low, autoescape=True)).limit(1)).scalar()
            text = f"{r.name} ({alias})" if alias else text
        hits.append(SearchHit("entity", r.id, f"{r.name} · {r.type}", text, _marks_of(text, needle)))
    return total, hits


_BY_KIND = {"entity": _entities, "event": _events, "document": _documents, "claim": _claims}


def search(conn: Connection, q: str, *, kind: str | None = None, limit: int = 20, offset: int = 0) -> SearchResult:
    """Hits for ``q``: entities, then events, documents and claims (best first within each).

    ``kind`` keeps one kind. ``limit``/``offset`` page through the hits in that order.
    Control characters in ``q`` (NUL included) are read as spaces.
    """
    q = clean_query(q)
    kinds = [kind] if kind else list(KINDS)
    totals = {k: _BY_KIND[k](conn, q, 0, 0)[0] for k in kinds}
    items: list[SearchHit] = []
    skip = offset
    for k in kinds:
        n = totals[k]
        if skip >= n:
            skip -= n
            continue
        want = limit - len(items)
        if want <= 0:
            break
        items += _BY_KIND[k](conn, q, want, skip)[1]
        skip = 0
    return SearchResult(q, items, sum(totals.values()), totals, limit, offset)
