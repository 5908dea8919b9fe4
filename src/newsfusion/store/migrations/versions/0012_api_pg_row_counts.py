"""Row counts kept on PostgreSQL too (store/counts.py: ``row_counts``, statement-level PL/pgSQL triggers).

0010 kept them with SQLite triggers only: on PostgreSQL ``status`` and every
list's total counted their tables on each request (``/api/status`` and
``/api/entities`` over 100 ms at 11,712 articles). Filled here from what is
stored. Nothing changes on SQLite.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from newsfusion.store import counts

    if op.get_bind().dialect.name == "postgresql":
        counts.install(op.get_bind())


def downgrade() -> None:
    from newsfusion.store import counts

    counts.uninstall(op.get_bind())
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DELETE FROM row_counts")
