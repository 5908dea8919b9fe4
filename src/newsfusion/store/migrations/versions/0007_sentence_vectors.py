"""Sentence vectors kept between runs: event fusion embeds a sentence once, ever.

* ``sentence_vectors``: the embedding of an event report's evidence sentence,
  keyed by the model and the sentence (``store.vectors.VectorCache``). A cache:
  deleting its rows loses nothing but time.

Revision ID: 0007
Revises: 0005w
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0005w"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sentence_vectors",
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("vector", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("sentence_vectors")
