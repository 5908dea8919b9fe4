"""Sources are entities: every claim's source is a knowledge-base entity; analysts rename entities.

* ``claim_sources`` (knowledge base): which entity makes each claim;
* ``entities.scope``: the outlet (or article) an anonymous source is scoped to;
* ``overrides.name``: the name a ``rename`` decision gives.

Existing rows are kept; the new knowledge-base table is filled by the next
rebuild (a database holding documents is marked stale, so the next ``ingest``
or ``rebuild`` does it).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "claim_sources",
        sa.Column("doc_id", sa.Text, sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("local_id", sa.Text, primary_key=True),
        sa.Column("entity_id", sa.Text, sa.ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
    )
    op.create_index("ix_claim_sources_entity", "claim_sources", ["entity_id"])
    with op.batch_alter_table("entities") as batch:
        batch.add_column(sa.Column("scope", sa.Text))
    with op.batch_alter_table("overrides") as batch:
        batch.add_column(sa.Column("name", sa.Text))
    # a knowledge base built before has no claim_sources: rebuild it on the next ingest or rebuild
    op.execute("UPDATE meta SET value = '1' WHERE key = 'kb_stale' AND EXISTS (SELECT 1 FROM documents)")


def downgrade() -> None:
    with op.batch_alter_table("overrides") as batch:
        batch.drop_column("name")
    with op.batch_alter_table("entities") as batch:
        batch.drop_column("scope")
    op.drop_index("ix_claim_sources_entity", table_name="claim_sources")
    op.drop_table("claim_sources")
