"""Documents and what each article yields; ingest runs; the newsfusion marker.

Revision ID: 0001
Revises:
Create Date: 2026-05-20
"""

from __future__ import annotations

from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _doc_fk() -> sa.ForeignKey:
    return sa.ForeignKey("documents.id", ondelete="CASCADE")


def _span(prefix: str) -> list[sa.Column]:
    return [sa.Column(f"{prefix}_start", sa.Integer), sa.Column(f"{prefix}_end", sa.Integer)]


def upgrade() -> None:
    meta = op.create_table("meta", sa.Column("key", sa.Text, primary_key=True), sa.Column("value", sa.Text))
    from newsfusion import __version__

    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    op.bulk_insert(
        meta,
        [
            {"key": "application", "value": "newsfusion"},
            {"key": "created_at", "value": now},
            {"key": "created_by", "value": f"newsfusion {__version__}"},
            {"key": "kb_stale", "value": "0"},
        ],
    )
    op.create_table(
        "ingest_runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("pipeline_version", sa.Text, nullable=False),
        sa.Column("started_at", sa.Text, nullable=False),
        sa.Column("finished_at", sa.Text),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("added", sa.Integer, nullable=False),
        sa.Column("duplicates", sa.Integer, nullable=False),
        sa.Column("failed", sa.Integer, nullable=False),
        sa.Column("skipped", sa.Integer, nullable=False),
        sa.Column("inputs", sa.Text),
        sa.Column("warnings", sa.Text),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Text, primary_key=True),
        *(sa.Column(c, sa.Text) for c in ("name", "title", "author", "outlet", "published", "url", "source_path", "source_format", "language")),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("record", sa.Text, nullable=False),
        sa.Column("pipeline_version", sa.Text),
        sa.Column("ingested_at", sa.Text, nullable=False),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("ingest_runs.id")),
    )
    for col in ("run_id", "name", "outlet", "published"):
        op.create_index(f"ix_documents_{col}", "documents", [col])
    op.create_table(
        "doc_entities",
        sa.Column("doc_id", sa.Text, _doc_fk(), primary_key=True),
        sa.Column("local_id", sa.Text, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.Text, nullable=False),
        *(sa.Column(c, sa.Text) for c in ("kb_id", "kind", "country", "aliases")),
    )
    op.create_index("ix_doc_entities_type", "doc_entities", ["type"])
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("doc_id", sa.Text, _doc_fk(), nullable=False),
        sa.Column("entity_local_id", sa.Text),
        *_span("span"),
        *(sa.Column(c, sa.Text) for c in ("text", "type", "source")),
    )
    op.create_index("ix_mentions_doc_id", "mentions", ["doc_id", "entity_local_id"])
    _event_reports()
    _claims()
    op.create_table(
        "relations",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("doc_id", sa.Text, _doc_fk(), nullable=False),
        *(sa.Column(c, sa.Text) for c in ("subject", "predicate", "object", "evidence")),
        *_span("evidence"),
        sa.Column("claim_local_id", sa.Text),
    )
    op.create_index("ix_relations_doc_id", "relations", ["doc_id"])
    op.create_index("ix_relations_predicate", "relations", ["predicate"])


def _event_reports() -> None:
    op.create_table(
        "event_reports",
        sa.Column("doc_id", sa.Text, _doc_fk(), primary_key=True),
        sa.Column("local_id", sa.Text, primary_key=True),
        *(sa.Column(c, sa.Text) for c in ("acled_type", "acled_sub_type", "actors", "targets", "location", "time_text", "time_start", "time_end")),
        sa.Column("fatalities_min", sa.Integer),
        sa.Column("fatalities_max", sa.Integer),
        *(sa.Column(c, sa.Text) for c in ("status", "weapon", "sources", "evidence")),
        *_span("evidence"),
        *_span("trigger"),
    )
    op.create_index("ix_event_reports_acled_type", "event_reports", ["acled_type"])


def _claims() -> None:
    op.create_table(
        "claims",
        sa.Column("doc_id", sa.Text, _doc_fk(), primary_key=True),
        sa.Column("local_id", sa.Text, primary_key=True),
        *(sa.Column(c, sa.Text) for c in ("source", "source_kind", "stance", "cue", "content", "evidence")),
        *_span("cue"),
        *_span("content"),
        *_span("evidence"),
        *_span("source"),
        sa.Column("resolved_from", sa.Text),
    )
    for col in ("source", "source_kind", "stance"):
        op.create_index(f"ix_claims_{col}", "claims", [col])


def downgrade() -> None:
    for name in ("relations", "claims", "event_reports", "mentions", "doc_entities", "documents", "ingest_runs", "meta"):
        op.drop_table(name)
