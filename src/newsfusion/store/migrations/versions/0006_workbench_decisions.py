"""The workbench's analyst decisions: corrections and reviews made in the web pages.

``decisions``: one row per decision an analyst takes in the workbench (merge,
split or rename an entity, rate a source, mark an event or claim wrong,
confirm or dismiss a contradiction), with who took it, when and why, its
status (``pending`` until the background worker has applied it, then
``done`` or ``failed``; ``undone`` once reverted) and what applying it
stored (the override row, a source's previous rating). The knowledge base
is not touched: a merge, split, rename or rating also writes the override or
rating the corpus steps read on every rebuild.

Revision ID: 0005w
Revises: 0005d
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005w"
down_revision = "0005d"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("target", sa.Text, nullable=False),
        sa.Column("target_id", sa.Text, nullable=False),
        sa.Column("params", sa.Text),
        sa.Column("who", sa.Text, nullable=False),
        sa.Column("why", sa.Text),
        sa.Column("created_at", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("done_at", sa.Text),
        sa.Column("result", sa.Text),
        sa.Column("error", sa.Text),
        sa.Column("undone_at", sa.Text),
    )
    op.create_index("ix_decisions_target", "decisions", ["target", "target_id"])
    op.create_index("ix_decisions_status", "decisions", ["status"])


def downgrade() -> None:
    op.drop_index("ix_decisions_status", table_name="decisions")
    op.drop_index("ix_decisions_target", table_name="decisions")
    op.drop_table("decisions")
