"""The corpus index: what the incremental corpus steps look up instead of loading every record.

* ``corpus_docs``: the documents the knowledge base was last built over, in the
  corpus steps' order (``ord``). A stored document not in it is new.
* ``corpus_members``: per article entity, the facts entity resolution reads
  (name, aliases, type, gazetteer id, geocode, country, the article's country,
  byline, organisations) and its global order.
* ``corpus_keys``: blocking keys -> the record they lead to (``ref``): entity
  join keys, event place x time keys, claim words, the KB entities a claim is
  about, claim source routes, entity name forms, relation keys.

A cache of the records: a full rebuild rewrites it, and deleting it costs one
full rebuild (``resolve/incremental.py``).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "corpus_docs",
        sa.Column("doc_id", sa.Text, primary_key=True),
        sa.Column("ord", sa.Integer, nullable=False),
    )
    op.create_table(
        "corpus_members",
        sa.Column("ref", sa.Text, primary_key=True),
        sa.Column("doc_id", sa.Text, nullable=False),
        sa.Column("ord", sa.Integer, nullable=False),
        sa.Column("facts", sa.Text, nullable=False),
    )
    op.create_index("ix_corpus_members_doc", "corpus_members", ["doc_id"])
    op.create_table(
        "corpus_keys",
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("ref", sa.Text, nullable=False),
        sa.Column("doc_id", sa.Text, nullable=False),
        sa.Column("n", sa.Integer),
        sa.Column("extra", sa.Text),
    )
    op.create_index("ix_corpus_keys_key", "corpus_keys", ["kind", "key"])
    op.create_index("ix_corpus_keys_ref", "corpus_keys", ["kind", "ref"])
    op.create_index("ix_corpus_keys_doc", "corpus_keys", ["doc_id"])


def downgrade() -> None:
    op.drop_table("corpus_keys")
    op.drop_table("corpus_members")
    op.drop_table("corpus_docs")
