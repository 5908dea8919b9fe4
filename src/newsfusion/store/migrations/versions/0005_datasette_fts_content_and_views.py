"""Datasette-friendly database: external-content FTS5 tables and readable views.

SQLite: the three FTS5 tables of 0003 become external-content tables
(``content="documents"``, ``content="claims"``, ``content="event_reports"``,
``content_rowid="rowid"``): they store only the index, read the text from the
table itself, and Datasette recognises them, so its ``?_search=`` works on
``documents``, ``claims`` and ``event_reports``. Triggers keep them in step
(FTS5's ``'delete'`` command on delete and update); the index is rebuilt from
what is stored. ``documents_fts`` names its key column ``id`` like its table
(the other two already share their tables' column names).

Both engines: four views that read without joining by hand:

* ``claims_graded``: every claim with its article (name, title, outlet, date),
  its source's KB entity and its Admiralty grade (the grades table keys a claim
  as ``doc_id:c3``; the view does that join);
* ``events_graded``: every KB event with its grade and independent sources;
* ``event_reports_sourced``: each KB event's reports with their article;
* ``relations_resolved``: every relation with the KB entity id and name of
  its subject and object (matched by the article's entity name or mention).

Revision ID: 0005d
Revises: 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision = "0005d"
down_revision = "0004"
branch_labels = None
depends_on = None

TOKENIZE = "porter unicode61 remove_diacritics 2"

# table -> (FTS table, columns: the key columns first, all read from the table by name)
SQLITE = {
    "documents": ("documents_fts", ("id",), ("title", "text")),
    "claims": ("claims_fts", ("doc_id", "local_id"), ("source", "content")),
    "event_reports": ("event_reports_fts", ("doc_id", "local_id"), ("location", "evidence")),
}

VIEWS = {
    "claims_graded": """
        SELECT c.doc_id, d.name AS document, d.title, d.outlet, d.published, c.local_id AS claim,
               c.source, cs.entity_id AS source_entity_id, e.name AS source_entity, c.source_kind, c.stance,
               c.cue, c.content, c.evidence,
               g.reliability || CAST(g.credibility AS TEXT) AS grade, g.reliability, g.credibility, g.independent_sources
        FROM claims c
        JOIN documents d ON d.id = c.doc_id
        LEFT JOIN claim_sources cs ON cs.doc_id = c.doc_id AND cs.local_id = c.local_id
        LEFT JOIN entities e ON e.id = cs.entity_id
        LEFT JOIN grades g ON g.target = 'claim' AND g.target_id = c.doc_id || ':' || c.local_id
    """,
    "events_graded": """
        SELECT ev.id, ev.acled_type, ev.acled_sub_type, ev.event_date, ev.time_precision, ev.location, ev.country,
               ev.admin1, ev.latitude, ev.longitude, ev.geo_precision, ev.actor1, ev.actor2,
               ev.fatalities_min, ev.fatalities_max, ev.n_reports,
               g.reliability || CAST(g.credibility AS TEXT) AS grade, g.reliability, g.credibility, g.independent_sources
        FROM events ev
        LEFT JOIN grades g ON g.target = 'event' AND g.target_id = ev.id
    """,
    "event_reports_sourced": """
        SELECT m.event_id, r.doc_id, d.name AS document, d.title, d.outlet, d.published, r.local_id AS report,
               r.acled_type, r.acled_sub_type, r.location, r.time_start, r.time_end,
               r.fatalities_min, r.fatalities_max, r.status, r.evidence
        FROM event_members m
        JOIN event_reports r ON r.doc_id = m.doc_id AND r.local_id = m.local_id
        JOIN documents d ON d.id = r.doc_id
    """,
    "relations_resolved": """
        WITH ids AS (
            SELECT r.id, r.doc_id, r.subject, r.predicate, r.object, r.evidence, r.claim_local_id,
                   (SELECT m.entity_id FROM entity_members m
                     WHERE m.doc_id = r.doc_id AND m.local_id IN (
                           SELECT de.local_id FROM doc_entities de WHERE de.doc_id = r.doc_id AND de.name = r.subject
                           UNION SELECT mn.entity_local_id FROM mentions mn WHERE mn.doc_id = r.doc_id AND mn.text = r.subject)
                     ORDER BY m.entity_id LIMIT 1) AS subject_entity_id,
                   (SELECT m.entity_id FROM entity_members m
                     WHERE m.doc_id = r.doc_id AND m.local_id IN (
                           SELECT de.local_id FROM doc_entities de WHERE de.doc_id = r.doc_id AND de.name = r.object
                           UNION SELECT mn.entity_local_id FROM mentions mn WHERE mn.doc_id = r.doc_id AND mn.text = r.object)
                     ORDER BY m.entity_id LIMIT 1) AS object_entity_id
            FROM relations r
        )
        SELECT ids.id, ids.doc_id, d.name AS document, ids.subject, ids.subject_entity_id, se.name AS subject_entity,
               ids.predicate, ids.object, ids.object_entity_id, oe.name AS object_entity, ids.evidence, ids.claim_local_id AS claim
        FROM ids
        JOIN documents d ON d.id = ids.doc_id
        LEFT JOIN entities se ON se.id = ids.subject_entity_id
        LEFT JOIN entities oe ON oe.id = ids.object_entity_id
    """,
}


def _drop_fts() -> None:
    for fts, _, _ in SQLITE.values():
        for suffix in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
        op.execute(f"DROP TABLE IF EXISTS {fts}")


def _sqlite_content_fts() -> None:
    _drop_fts()
    for table, (fts, keys, cols) in SQLITE.items():
        names = list(keys) + list(cols)
        decl = ", ".join([f"{k} UNINDEXED" for k in keys] + list(cols))
        op.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5({decl}, content=\"{table}\", content_rowid=\"rowid\", tokenize = '{TOKENIZE}')")
        listed = ", ".join(names)

        def values(row: str) -> str:
            return ", ".join(f"{row}.{c}" for c in names)

        insert = f"INSERT INTO {fts} (rowid, {listed}) VALUES (new.rowid, {values('new')});"
        delete = f"INSERT INTO {fts} ({fts}, rowid, {listed}) VALUES ('delete', old.rowid, {values('old')});"
        op.execute(f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN {insert} END")
        op.execute(f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN {delete} END")
        op.execute(f"CREATE TRIGGER {fts}_au AFTER UPDATE ON {table} BEGIN {delete} {insert} END")
        op.execute(f"INSERT INTO {fts} ({fts}) VALUES ('rebuild')")


def _sqlite_standalone_fts() -> None:
    """0003's standalone tables, for a downgrade."""
    _drop_fts()
    for table, (fts, keys, cols) in SQLITE.items():
        fkeys = ["doc_id" if k == "id" else k for k in keys]
        decl = ", ".join([f"{k} UNINDEXED" for k in fkeys] + list(cols))
        op.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5({decl}, tokenize = '{TOKENIZE}')")
        names = ", ".join(fkeys + list(cols))

        def values(row: str) -> str:
            return ", ".join([f"{row}.{k}" for k in keys] + [f"{row}.{c}" for c in cols])

        match = " AND ".join(f"{fk} = old.{k}" for fk, k in zip(fkeys, keys))
        insert = f"INSERT INTO {fts} ({names}) VALUES ({values('new')});"
        delete = f"DELETE FROM {fts} WHERE {match};"
        op.execute(f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN {insert} END")
        op.execute(f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN {delete} END")
        op.execute(f"CREATE TRIGGER {fts}_au AFTER UPDATE ON {table} BEGIN {delete} {insert} END")
        op.execute(f"INSERT INTO {fts} ({names}) SELECT {', '.join(list(keys) + list(cols))} FROM {table}")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_content_fts()
    for name, sql in VIEWS.items():
        op.execute(f"DROP VIEW IF EXISTS {name}")
        op.execute(f"CREATE VIEW {name} AS {sql.strip()}")


def downgrade() -> None:
    for name in VIEWS:
        op.execute(f"DROP VIEW IF EXISTS {name}")
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_standalone_fts()
