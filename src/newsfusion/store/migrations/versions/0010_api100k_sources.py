"""Who says things, written down once (store/sourcerows.py: ``source_docs``, ``source_forms``,
``source_list``), and row counts kept by triggers (store/counts.py: ``row_counts``, SQLite).

The sources list was worked out from every claim, outlet and author of the
corpus on each call (90 s at 100,000 articles); it is now written when the
knowledge base is written, for the documents and entities that changed.
The totals of the lists and ``status``'s counts are kept per table (and per
value of the lists' one-filter facets) by triggers instead of a ``count(*)``
per request. Filled here from what is stored.

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


# the other orders the pages offer (schema.py): entities by fewest documents and by type, documents
# newest ingest first, by title and by outlet, either way
INDEXES = (
    ("ix_entities_documents_asc", "entities", ["n_documents", "name", "id"]),
    ("ix_entities_type_order", "entities", ["type", "name", "id"]),
    ("ix_entities_type_desc", "entities", [sa.text("type DESC"), "name", "id"]),
    ("ix_entities_utype_documents", "entities", [sa.text("upper(type)"), sa.text("n_documents DESC"), "name", "id"]),
    ("ix_documents_ingested_desc", "documents", [sa.text("ingested_at DESC"), "id"]),
    ("ix_documents_title_order", "documents", [sa.text("lower(title)"), "id"]),
    ("ix_documents_title_desc", "documents", [sa.text("lower(title) DESC"), "id"]),
    ("ix_documents_outlet_order", "documents", [sa.text("(outlet IS NULL)"), sa.text("lower(outlet)"), "id"]),
    ("ix_documents_outlet_desc", "documents", [sa.text("(outlet IS NULL)"), sa.text("lower(outlet) DESC"), "id"]),
)


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
    tie = ["lname", "name", "entity_id"]
    for name, first in (("documents_asc", "documents"), ("claims", "claims"), ("claims_desc", "claims DESC"), ("rating", "coalesce(rating, 'Z')"),
                        ("rating_desc", "coalesce(rating, 'Z') DESC")):
        op.create_index(f"ix_source_list_{name}", "source_list", [sa.text(first), *tie])
    op.create_index("ix_source_list_name", "source_list", tie)
    op.create_index("ix_source_list_name_desc", "source_list", [sa.text("lname DESC"), "name", "entity_id"])
    for name, table, cols in INDEXES:
        op.create_index(name, table, cols)
    op.create_table(
        "row_counts",
        sa.Column("tbl", sa.Text, primary_key=True),
        sa.Column("facet", sa.Text, primary_key=True),
        sa.Column("value", sa.Text, primary_key=True),
        sa.Column("n", sa.Integer, nullable=False),
    )
    from newsfusion.store import counts, sourcerows

    counts.install(op.get_bind())
    sourcerows.refresh(op.get_bind())


def downgrade() -> None:
    for name, table, _ in INDEXES:
        op.drop_index(name, table_name=table)
    from newsfusion.store import counts

    if op.get_bind().dialect.name == "sqlite":
        for name in counts.trigger_names():
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("row_counts")
    op.drop_table("source_list")
    op.drop_table("source_forms")
    op.drop_table("source_docs")
