"""Full-text search over documents, claims and event reports.

SQLite: three FTS5 tables (``documents_fts``, ``claims_fts``,
``event_reports_fts``) kept in step with their tables by triggers, filled from
what is already stored. PostgreSQL: GIN indexes on the ``to_tsvector``
expressions ``newsfusion.store.search`` queries with ``websearch_to_tsquery``.

The search objects are derived data: dropping them loses nothing. They are not
in ``schema.py`` (SQLAlchemy has no FTS5 tables); ``newsfusion.store.search.
include_name`` tells schema comparisons to skip them.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TOKENIZE = "porter unicode61 remove_diacritics 2"

# table -> (FTS table, key columns, indexed columns as SQL expressions over the row)
SQLITE = {
    "documents": ("documents_fts", ("id",), {"title": "title", "text": "text"}),
    "claims": ("claims_fts", ("doc_id", "local_id"), {"source": "source", "content": "content"}),
    "event_reports": ("event_reports_fts", ("doc_id", "local_id"), {"location": "location", "evidence": "evidence"}),
}

# The same expressions as newsfusion.store.search.PG_VECTORS (an index is used only when they match).
POSTGRES = {
    "ix_documents_fts": ("documents", "coalesce(title, '') || ' ' || text"),
    "ix_claims_fts": ("claims", "coalesce(source, '') || ' ' || coalesce(content, '')"),
    "ix_event_reports_fts": ("event_reports", "coalesce(location, '') || ' ' || coalesce(evidence, '')"),
}


def _fts_keys(keys: tuple[str, ...]) -> list[str]:
    return ["doc_id" if k == "id" else k for k in keys]


def _sqlite_upgrade() -> None:
    _sqlite_downgrade()  # derived data: whatever search objects a partial or later schema left are rebuilt
    for table, (fts, keys, cols) in SQLITE.items():
        fkeys = _fts_keys(keys)
        decl = ", ".join([f"{k} UNINDEXED" for k in fkeys] + list(cols))
        op.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({decl}, tokenize = '{TOKENIZE}')")
        names = ", ".join(fkeys + list(cols))

        def values(row: str) -> str:
            return ", ".join([f"{row}.{k}" for k in keys] + [f"{row}.{c}" for c in cols.values()])

        match = " AND ".join(f"{fk} = old.{k}" for fk, k in zip(fkeys, keys))
        insert = f"INSERT INTO {fts} ({names}) VALUES ({values('new')});"
        delete = f"DELETE FROM {fts} WHERE {match};"
        op.execute(f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN {insert} END")
        op.execute(f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN {delete} END")
        op.execute(f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE ON {table} BEGIN {delete} {insert} END")
        src = ", ".join(list(keys) + list(cols.values()))
        op.execute(f"DELETE FROM {fts}")  # filled afresh, even if an earlier attempt left rows
        op.execute(f"INSERT INTO {fts} ({names}) SELECT {src} FROM {table}")


def _sqlite_downgrade() -> None:
    for fts, _, _ in SQLITE.values():
        for suffix in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
        op.execute(f"DROP TABLE IF EXISTS {fts}")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_upgrade()
        return
    for name, (table, expr) in POSTGRES.items():
        op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (to_tsvector('english'::regconfig, {expr}))")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_downgrade()
        return
    for name in POSTGRES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
