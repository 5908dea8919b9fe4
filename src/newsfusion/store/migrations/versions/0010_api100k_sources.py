"""Who says things, written down once (store/sourcerows.py: ``source_docs``, ``source_forms``,
``source_list``).

The sources list was worked out from every claim, outlet and author of the
corpus on each call (90 s at 100,000 articles); it is now written when the
knowledge base is written, for the documents and entities that changed.
Filled here from what is stored.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    doc_fk = lambda: sa.ForeignKey("documents.id", ondelete="CASCADE")  # noqa: E731
    op.create_table(
        "source_docs",
        sa.Column("doc_id", sa.Text, doc_fk(), primary_key=True),
        sa.Column("via", sa.Text, primary_key=True),
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("kind", sa.Text, primary_key=True),
        sa.Column("name", sa.Text, primary_key=True),
        sa.Column("entity_id", sa.Text),
        sa.Column("nkey", sa.Text),
        sa.Column("n", sa.Integer, nullable=False),
    )
    op.create_index("ix_source_docs_key", "source_docs", ["key"])
    op.create_index("ix_source_docs_nkey", "source_docs", ["nkey"])
    op.create_index("ix_source_docs_entity", "source_docs", ["entity_id"])
    op.create_table("source_forms", sa.Column("nkey", sa.Text, primary_key=True), sa.Column("entity_id", sa.Text, primary_key=True))
    op.create_index("ix_source_forms_entity", "source_forms", ["entity_id"])
    op.create_table(
        "source_list",
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("lname", sa.Text, nullable=False),
        sa.Column("names", sa.Text, nullable=False),
        sa.Column("kinds", sa.Text, nullable=False),
        sa.Column("claims", sa.Integer, nullable=False),
        sa.Column("documents", sa.Integer, nullable=False),
        sa.Column("rating", sa.Text),
        sa.Column("entity_id", sa.Text, nullable=False),
        sa.Column("aliases", sa.Text, nullable=False),
        sa.Column("scope", sa.Text),
    )
    op.create_index("ix_source_list_documents", "source_list", [sa.text("documents DESC"), "lname", "name", "entity_id"])
    op.create_index("ix_source_list_all", "source_list", [sa.text("documents DESC"), sa.text("claims DESC"), "lname", "name", "entity_id"])
    from newsfusion.store import sourcerows

    sourcerows.refresh(op.get_bind())


def downgrade() -> None:
    op.drop_table("source_list")
    op.drop_table("source_forms")
    op.drop_table("source_docs")
