"""Who does what, written down once (store/linkrows.py: ``entity_links``, ``entity_roles``,
``relation_links``), and indexes in the listings' orders.

Derived from the per-document rows and the knowledge-base tables when the
knowledge base is written, so the readers (the entity list, the overview, the
relations list) do not tie every claim, report and relation to its entities
on each request. Filled here from what is stored.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

ROLES = ("mentions", "claim_source", "claim_subject", "event_actor", "event_target", "event_location", "relation_subject", "relation_object")


def upgrade() -> None:
    doc_fk = lambda: sa.ForeignKey("documents.id", ondelete="CASCADE")  # noqa: E731
    op.create_table(
        "entity_links",
        sa.Column("entity_id", sa.Text, primary_key=True),
        sa.Column("role", sa.Text, primary_key=True),
        sa.Column("doc_id", sa.Text, doc_fk(), primary_key=True),
        sa.Column("ref", sa.Text, primary_key=True),
        sa.Column("n", sa.Integer, nullable=False),
    )
    op.create_index("ix_entity_links_doc", "entity_links", ["doc_id"])
    op.create_table("entity_roles", sa.Column("entity_id", sa.Text, primary_key=True), *[sa.Column(r, sa.Integer, nullable=False) for r in ROLES])
    op.create_table(
        "relation_links",
        sa.Column("doc_id", sa.Text, doc_fk(), primary_key=True),
        sa.Column("idx", sa.Integer, primary_key=True),
        sa.Column("relation_id", sa.Integer, nullable=False),
        sa.Column("subject_id", sa.Text),
        sa.Column("object_id", sa.Text),
    )
    op.create_index("ix_relation_links_subject", "relation_links", ["subject_id", "doc_id", "idx"])
    op.create_index("ix_relation_links_object", "relation_links", ["object_id", "doc_id", "idx"])
    op.create_index("ix_documents_ingested", "documents", ["ingested_at", "id"])
    op.create_index("ix_documents_published_order", "documents", [sa.text("(published IS NULL)"), "published", "id"])
    op.create_index("ix_documents_published_desc", "documents", [sa.text("(published IS NULL)"), sa.text("published DESC"), "id"])
    op.create_index("ix_claims_lstance", "claims", [sa.text("lower(stance)")])
    op.create_index("ix_claims_doc_order", "claims", ["doc_id", "evidence_start", "local_id"])
    op.create_index("ix_entities_documents_order", "entities", [sa.text("n_documents DESC"), "name", "id"])
    op.create_index("ix_entities_lname_order", "entities", [sa.text("lower(name)"), "name", "id"])
    op.create_index("ix_events_date_order", "events", [sa.text("(event_date IS NULL)"), "event_date", "id"])
    op.create_index("ix_events_date_desc", "events", [sa.text("(event_date IS NULL)"), sa.text("event_date DESC"), "id"])
    from newsfusion.store import linkrows

    linkrows.refresh(op.get_bind())


def downgrade() -> None:
    for name, table in (("ix_events_date_desc", "events"), ("ix_claims_lstance", "claims"), ("ix_documents_published_desc", "documents"), ("ix_events_date_order", "events"), ("ix_entities_lname_order", "entities"), ("ix_entities_documents_order", "entities"),
                        ("ix_claims_doc_order", "claims"), ("ix_documents_published_order", "documents"), ("ix_documents_ingested", "documents")):
        op.drop_index(name, table_name=table)
    op.drop_table("relation_links")
    op.drop_table("entity_roles")
    op.drop_table("entity_links")
