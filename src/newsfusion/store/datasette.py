"""The SQLite knowledge base as Datasette shows it: the ``metadata.json`` written beside it.

Migration 0005d made the search tables external-content FTS5 tables, so
Datasette finds them itself (``/db/documents?_search=word``) and added the
readable views (:data:`VIEWS`). :func:`datasette_metadata` describes the tables
and views, names each table's search table and label column, hides the FTS
tables with their shadow tables and the bookkeeping tables, and credits
GeoNames (CC BY 4.0) for the coordinates. ``newsfusion export --format
datasette-metadata -o metadata.json`` writes it; then::

    datasette newsfusion.db -m metadata.json
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

# The views migration 0005d creates (not in schema.py: SQLAlchemy tables only).
VIEWS = {
    "claims_graded": "Every claim with its article, its source's knowledge-base entity and its Admiralty grade",
    "events_graded": "Every knowledge-base event with its Admiralty grade and number of independent sources",
    "event_reports_sourced": "Each knowledge-base event's reports, with the article (outlet, title, date) that gives each",
    "relations_resolved": "Every relation with the knowledge-base entity id and name of its subject and object",
}
# table -> its external-content FTS5 table (migration 0005d)
SEARCHABLE = {"documents": "documents_fts", "claims": "claims_fts", "event_reports": "event_reports_fts"}
FTS_SHADOW = ("data", "idx", "docsize", "config", "content")
TABLES = {
    "documents": ("One row per stored article: text, metadata and the FORMAT.md record", "title"),
    "claims": ("Who says what in each article, with cue, content and stance", "content"),
    "event_reports": ("Each article's account of an event", "evidence"),
    "entities": ("Knowledge-base entities: one per real-world person, group or place", "name"),
    "events": ("Knowledge-base events: one per real-world event, fused across articles", "location"),
    "relations": ("Relations stated in each article (names as written; see relations_resolved for entity ids)", "predicate"),
    "contradictions": ("Statements that cannot both be true, within and across articles", "about"),
    "grades": ("Admiralty grades (reliability A-F, credibility 1-6) with their reasons", None),
}
HIDDEN = ("alembic_version", "meta")


def datasette_metadata(db_path: str | None) -> dict[str, Any]:
    """Datasette's metadata for the database at ``db_path`` (its name is the file's stem)."""
    from ..export.common import GEONAMES_ATTRIBUTION, GEONAMES_LICENSE_URL

    name = Path(db_path).stem if db_path else "newsfusion"
    tables: dict[str, Any] = {}
    for table, (desc, label) in TABLES.items():
        tables[table] = {"description": desc}
        if label:
            tables[table]["label_column"] = label
        if table in SEARCHABLE:
            tables[table].update(fts_table=SEARCHABLE[table], fts_pk="rowid")
    for view, desc in VIEWS.items():
        tables[view] = {"description": desc}
    for fts in SEARCHABLE.values():
        tables[fts] = {"hidden": True}
        for shadow in FTS_SHADOW:
            tables[f"{fts}_{shadow}"] = {"hidden": True}
    for table in HIDDEN:
        tables[table] = {"hidden": True}
    return {
        "title": "newsfusion knowledge base",
        "description": "Entities, ACLED-typed events, sourced claims, relations and contradictions extracted from news reports. "
                       "Search articles, claims and event reports with the search box of their tables.",
        "license": "CC BY 4.0 (GeoNames place names and coordinates)",
        "license_url": GEONAMES_LICENSE_URL,
        "source": GEONAMES_ATTRIBUTION,
        "source_url": "https://www.geonames.org/",
        "databases": {name: {"tables": tables}},
    }
