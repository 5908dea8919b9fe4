"""``entity_roles`` kept by deltas (store/linkrows.py): an index on ``entity_links(ref, entity_id, role)``.

The incremental write recounted the roles of every entity a new article links
to over all its links (a ``GROUP BY`` over a hub's links, O(hub)). It now adds
the rewritten documents' links to the stored sums; an event role counts an
event once over all documents, so whether another document still links the
entity to that event is looked up by the event id (``ref``) here.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_entity_links_ref", "entity_links", ["ref", "entity_id", "role"])


def downgrade() -> None:
    op.drop_index("ix_entity_links_ref", table_name="entity_links")
