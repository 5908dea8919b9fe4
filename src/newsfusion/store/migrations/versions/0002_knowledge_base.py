"""The knowledge base (entities, events, contradictions, grades) and the analyst's tables.

Revision ID: 0002
Revises: 0001
Create Date: 2026-05-20
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _fk(table: str) -> sa.ForeignKey:
    return sa.ForeignKey(f"{table}.id", ondelete="CASCADE")


def _span(prefix: str) -> list[sa.Column]:
    return [sa.Column(f"{prefix}_start", sa.Integer), sa.Column(f"{prefix}_end", sa.Integer)]


def upgrade() -> None:
    _entities()
    _events()
    _contradictions()
    op.create_table(
        "grades",
        sa.Column("target", sa.Text, primary_key=True),
        sa.Column("target_id", sa.Text, primary_key=True),
        sa.Column("reliability", sa.Text, nullable=False),
        sa.Column("credibility", sa.Integer, nullable=False),
        sa.Column("independent_sources", sa.Integer),
        sa.Column("reasons", sa.Text),
    )
    op.create_table(
        "overrides",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("action", sa.Text, nullable=False),
        *(sa.Column(c, sa.Text) for c in ("a", "b", "entity")),
        sa.Column("created_at", sa.Text, nullable=False),
        sa.Column("note", sa.Text),
    )
    op.create_table(
        "source_ratings",
        sa.Column("source", sa.Text, primary_key=True),
        sa.Column("reliability", sa.Text, nullable=False),
        sa.Column("rated_at", sa.Text, nullable=False),
    )


def _entities() -> None:
    op.create_table(
        "entities",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.Text, nullable=False),
        *(sa.Column(c, sa.Text) for c in ("kb_id", "kind", "country", "geo", "merges")),
        sa.Column("n_members", sa.Integer),
        sa.Column("n_documents", sa.Integer),
    )
    op.create_index("ix_entities_type", "entities", ["type"])
    op.create_index("ix_entities_name", "entities", ["name"])
    op.create_table(
        "entity_aliases",
        sa.Column("entity_id", sa.Text, _fk("entities"), primary_key=True),
        sa.Column("alias", sa.Text, primary_key=True),
    )
    op.create_index("ix_entity_aliases_alias", "entity_aliases", ["alias"])
    op.create_table(
        "entity_members",
        sa.Column("entity_id", sa.Text, _fk("entities"), primary_key=True),
        sa.Column("doc_id", sa.Text, _fk("documents"), primary_key=True),
        sa.Column("local_id", sa.Text, primary_key=True),
    )
    op.create_index("ix_entity_members_doc", "entity_members", ["doc_id", "local_id"])


def _events() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.Text, primary_key=True),
        *(sa.Column(c, sa.Text) for c in ("acled_type", "acled_sub_type", "event_date")),
        sa.Column("time_precision", sa.Integer),
        *(sa.Column(c, sa.Text) for c in ("location", "country", "admin1")),
        sa.Column("latitude", sa.Float),
        sa.Column("longitude", sa.Float),
        sa.Column("geo_precision", sa.Integer),
        sa.Column("actor1", sa.Text),
        sa.Column("actor2", sa.Text),
        sa.Column("fatalities_min", sa.Integer),
        sa.Column("fatalities_max", sa.Integer),
        sa.Column("sources", sa.Text),
        sa.Column("n_reports", sa.Integer),
        sa.Column("summary", sa.Text),
        sa.Column("merges", sa.Text),
    )
    op.create_index("ix_events_acled_type", "events", ["acled_type"])
    op.create_index("ix_events_event_date", "events", ["event_date"])
    op.create_table(
        "event_members",
        sa.Column("event_id", sa.Text, _fk("events"), primary_key=True),
        sa.Column("doc_id", sa.Text, _fk("documents"), primary_key=True),
        sa.Column("local_id", sa.Text, primary_key=True),
    )
    op.create_index("ix_event_members_doc", "event_members", ["doc_id", "local_id"])


def _contradictions() -> None:
    sides = []
    for p in ("a", "b"):
        sides += [
            sa.Column(f"{p}_doc_id", sa.Text, _fk("documents")),
            sa.Column(f"{p}_source", sa.Text),
            sa.Column(f"{p}_evidence", sa.Text),
            *_span(f"{p}_evidence"),
            sa.Column(f"{p}_claim", sa.Text),
            sa.Column(f"{p}_event", sa.Text),
            sa.Column(f"{p}_value", sa.Text),
        ]
    op.create_table(
        "contradictions",
        sa.Column("id", sa.Text, primary_key=True),
        *(sa.Column(c, sa.Text) for c in ("about", "kind", "scope")),
        *sides,
    )
    op.create_index("ix_contradictions_a_doc", "contradictions", ["a_doc_id"])
    op.create_index("ix_contradictions_b_doc", "contradictions", ["b_doc_id"])


def downgrade() -> None:
    for name in ("source_ratings", "overrides", "grades", "contradictions", "event_members", "events", "entity_members", "entity_aliases", "entities"):
        op.drop_table(name)
