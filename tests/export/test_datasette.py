"""The SQLite knowledge base in Datasette: full-text search through external-content FTS tables,
readable views and the metadata.json beside the database."""

from __future__ import annotations

import asyncio
import concurrent.futures
import io
import json
import re
import sqlite3
from collections import Counter

import pytest

from newsfusion.store.datasette import SEARCHABLE, VIEWS


def _word_in_one_article(db) -> tuple[str, str]:
    """A word (6+ letters) that occurs in exactly one stored article, and that article's id."""
    with sqlite3.connect(db) as conn:
        docs = conn.execute("SELECT id, text FROM documents ORDER BY id").fetchall()
    words = {d: set(re.findall(r"\b[a-z]{6,}\b", text.lower())) for d, text in docs}
    counts = Counter(w for ws in words.values() for w in ws)
    for d, ws in words.items():
        for w in sorted(ws):
            if counts[w] == 1:
                return w, d
    raise AssertionError("no word occurs in one article only")


def test_search_through_the_content_table_as_datasette_does(demo_db):
    """Datasette's _search SQL: rowid in (select rowid from <fts> where <fts> match :search)."""
    word, doc = _word_in_one_article(demo_db)
    with sqlite3.connect(demo_db) as conn:
        for table, fts in SEARCHABLE.items():
            sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (fts,)).fetchone()[0]
            assert f'content="{table}"' in sql  # how Datasette detects a table's FTS table
        rows = conn.execute(
            "SELECT id FROM documents WHERE rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH :q)", {"q": f'"{word}"'}
        ).fetchall()
    assert rows == [(doc,)]


def test_datasette_search_returns_the_right_document(demo_db, demo_kb, tmp_path):
    datasette = pytest.importorskip("datasette.app", reason="Datasette is not installed (pip install datasette)")
    word, doc = _word_in_one_article(demo_db)
    meta = io.StringIO()
    demo_kb.export_datasette_metadata(meta)
    metadata = json.loads(meta.getvalue())
    name = demo_db.stem

    async def run():
        ds = datasette.Datasette([str(demo_db)], metadata=metadata)
        found = await ds.client.get(f"/{name}/documents.json?_search={word}&_shape=array")
        claims = await ds.client.get(f"/{name}/claims_graded.json?_shape=array&_size=max")
        tables = await ds.client.get(f"/{name}.json")
        return found, claims, tables

    # Run in a thread of its own: a session-scoped Playwright browser (tests/web) keeps an event loop
    # running in this thread, and asyncio.run refuses to start inside it.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        found, claims, tables = pool.submit(asyncio.run, run()).result()
    assert found.status_code == 200 and [r["id"] for r in found.json()] == [doc]
    graded = {(r["doc_id"], r["claim"]): r["grade"] for r in claims.json()}
    assert graded == {(c.doc_id, c.id): c.grade for c in demo_kb.claims()}  # the view joins grades readably
    shown = {t["name"] for t in tables.json()["tables"] if not t["hidden"]}
    assert not {t for t in shown if "_fts" in t}  # FTS tables and their shadow tables are hidden
    assert set(VIEWS) <= {v["name"] for v in tables.json()["views"]}


def test_metadata_describes_every_view_and_hides_the_fts_tables(demo_kb):
    buf = io.StringIO()
    demo_kb.export_datasette_metadata(buf)
    meta = json.loads(buf.getvalue())
    tables = next(iter(meta["databases"].values()))["tables"]
    for view in VIEWS:
        assert tables[view]["description"]
    for table, fts in SEARCHABLE.items():
        assert tables[table]["fts_table"] == fts and tables[fts]["hidden"] and tables[f"{fts}_data"]["hidden"]
    assert "GeoNames" in meta["source"] and meta["license_url"].startswith("https://creativecommons.org/")


def test_relations_view_carries_entity_ids(demo_db, demo_kb):
    with sqlite3.connect(demo_db) as conn:
        rows = conn.execute("SELECT subject, subject_entity_id, object, object_entity_id FROM relations_resolved").fetchall()
    ids = {e.id for e in demo_kb.entities()}
    assert len(rows) == len(demo_kb.relations())
    resolved = [r for r in rows if r[1] and r[3]]
    assert len(resolved) >= len(rows) // 2 and all(r[1] in ids and r[3] in ids for r in resolved)
