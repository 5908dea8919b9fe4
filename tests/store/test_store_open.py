"""Opening a database: creation, migrations, refusal of foreign files, locks."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from newsfusion.errors import StoreError
from newsfusion.store import Store, counts, metadata, migrate, search
from newsfusion.store.connect import resolve
from newsfusion.store.datasette import VIEWS
from store_helpers import article, build_doc


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_is_created_at_head(store_url):
    with Store(store_url) as s:
        assert s.revision() == migrate.head()
        assert s.get_meta("application") == "newsfusion"
        assert set(s.counts()) >= {"documents", "entities", "events", "claims", "ingest_runs"}
        assert all(n == 0 for n in s.counts().values())


def test_migrations_build_exactly_the_schema(store_url):
    """The Alembic migrations and schema.py describe the same tables, columns and indexes.

    The full-text search objects of migration 0003 (FTS5 tables, GIN indexes)
    are derived data outside schema.py; ``search.include_name`` skips them.
    """
    with Store(store_url) as s, s.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"include_name": search.include_name}), metadata)
    assert diff == []


def test_reopening_keeps_data(store_url):
    doc = build_doc(article(1))
    with Store(store_url) as s:
        assert s.add_document(doc)
    with Store(store_url) as s:
        assert s.stored_ids([doc.doc_id, "nope"]) == {doc.doc_id}


def test_older_schema_is_migrated_and_data_kept(store_url):
    """A database at revision 0001 (documents only) gains the knowledge-base tables."""
    doc = build_doc(article(2))
    s = Store(store_url)
    with s.write() as conn:  # take it back to 0001, as an older newsfusion left it
        for view in VIEWS:  # the views 0005d added read these tables (PostgreSQL refuses to drop them first)
            conn.execute(text(f"DROP VIEW IF EXISTS {view}"))
        for name in counts.trigger_names() if conn.dialect.name == "sqlite" else ():  # what 0010 added to 0001's tables
            conn.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
        counts.uninstall(conn)  # and what 0012 added (PostgreSQL)
        for name in ("row_counts", "source_list", "source_forms", "source_docs", "corpus_keys", "corpus_members", "corpus_docs", "entity_links", "entity_roles", "relation_links", "decisions", "sentence_vectors", "claim_sources", "source_ratings", "overrides", "grades", "contradictions", "event_members", "events", "entity_members", "entity_aliases", "entities"):
            conn.execute(text(f"DROP TABLE {name}"))
        for name in ("ix_documents_ingested", "ix_documents_published_order", "ix_documents_published_desc", "ix_claims_doc_order", "ix_claims_lstance",  # what 0009 added to 0001's tables
                     "ix_documents_ingested_desc", "ix_documents_title_order", "ix_documents_title_desc", "ix_documents_outlet_order", "ix_documents_outlet_desc"):  # and 0010
            conn.execute(text(f"DROP INDEX {name}"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    assert s.add_document(doc)
    s.close()
    with Store(store_url) as s:
        assert s.revision() == migrate.head()
        assert s.stored_ids([doc.doc_id]) == {doc.doc_id}
        assert s.counts()["entities"] == 0


def test_a_0003_database_gains_sources_as_entities_and_keeps_its_data(store_url):
    """0003 -> 0004: claim_sources, entities.scope and overrides.name appear; documents,
    analyst decisions and ratings stay, and the knowledge base is marked for a rebuild."""
    from sqlalchemy import create_engine, inspect

    from newsfusion.store.connect import resolve

    engine = create_engine(resolve(store_url).url)
    with engine.begin() as conn:  # a database as newsfusion with schema 0003 left it
        migrate.upgrade(conn, "0003")
        conn.execute(text("UPDATE meta SET value = '0' WHERE key = 'kb_stale'"))
        conn.execute(text("INSERT INTO overrides (action, a, b, created_at) VALUES ('merge', 'ent_a', 'ent_b', '2026-01-01')"))
        conn.execute(text("INSERT INTO source_ratings (source, reliability, rated_at) VALUES ('Sahel Post', 'B', '2026-01-01')"))
        conn.execute(text("INSERT INTO entities (id, name, type, n_members, n_documents) VALUES ('ent_a', 'Kidal', 'LOCATION', 1, 1)"))
        conn.execute(text("INSERT INTO documents (id, text, record, ingested_at) VALUES ('d1', 'x', '{}', '2026-01-01')"))
    engine.dispose()
    with Store(store_url) as s:
        assert s.revision() == migrate.head()
        with s.read() as conn:
            cols = {t: {c["name"] for c in inspect(conn).get_columns(t)} for t in ("entities", "overrides", "claim_sources")}
            assert "scope" in cols["entities"] and "name" in cols["overrides"] and cols["claim_sources"] >= {"doc_id", "local_id", "entity_id"}
            assert conn.execute(text("SELECT a, b FROM overrides")).all() == [("ent_a", "ent_b")]
            assert conn.execute(text("SELECT source, reliability FROM source_ratings")).all() == [("Sahel Post", "B")]
            assert conn.execute(text("SELECT name FROM entities")).all() == [("Kidal",)]
        assert s.kb_stale()


def test_a_0004_database_gains_the_sentence_cache_and_keeps_its_data(store_url):
    """0004 -> head: sentence_vectors (0007) appears, empty; documents and the knowledge base stay."""
    from sqlalchemy import create_engine

    from newsfusion.store.connect import resolve

    engine = create_engine(resolve(store_url).url)
    with engine.begin() as conn:
        migrate.upgrade(conn, "0004")
        conn.execute(text("INSERT INTO documents (id, text, record, ingested_at) VALUES ('d1', 'x', '{}', '2026-01-01')"))
        conn.execute(text("INSERT INTO entities (id, name, type, n_members, n_documents) VALUES ('ent_a', 'Kidal', 'LOCATION', 1, 1)"))
    engine.dispose()
    with Store(store_url) as s:
        assert s.revision() == migrate.head()
        assert s.counts()["sentence_vectors"] == 0 and s.counts()["documents"] == 1 and s.counts()["entities"] == 1


def test_newer_schema_is_refused(store_url):
    with Store(store_url) as s, s.write() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(StoreError) as e:
        Store(store_url)
    assert e.value.code == "E303" and "newer" in str(e.value)


@pytest.mark.parametrize(
    "content",
    [b"this is a text file, not a database\n", b"\x00\x01\x02binary junk" * 50, b"SQLite format 2\x00 but not really"],
    ids=["text", "binary", "near-miss header"],
)
def test_file_that_is_not_sqlite_is_refused_untouched(tmp_path, content):
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    before = _sha(path)
    with pytest.raises(StoreError) as e:
        Store(str(path))
    assert e.value.code == "E301"
    assert str(e.value).startswith(f"{path}: not a newsfusion database")
    assert "\n" not in str(e.value)
    assert _sha(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]  # no -wal/-shm left behind


def test_foreign_sqlite_database_is_refused_untouched(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE people (name TEXT)")
    con.execute("INSERT INTO people VALUES ('x')")
    con.commit()
    con.close()
    before = _sha(path)
    with pytest.raises(StoreError) as e:
        Store(str(path))
    assert e.value.code == "E301" and "not a newsfusion one" in str(e.value)
    assert _sha(path) == before


def test_empty_file_becomes_a_database(tmp_path):
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    with Store(str(path)) as s:
        assert s.revision() == migrate.head()


def test_foreign_postgres_schema_is_refused(store_url):
    if not store_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only")
    from sqlalchemy import create_engine

    eng = create_engine(resolve(store_url).url)
    with eng.begin() as conn:
        conn.execute(text("CREATE TABLE people (name text)"))
    eng.dispose()
    with pytest.raises(StoreError) as e:
        Store(store_url)
    assert e.value.code == "E301"


def test_locked_database_gives_e302_and_keeps_data(store_url, hold_write_lock):
    doc = build_doc(article(3))
    with Store(store_url, busy_timeout=0.2) as s:
        s.add_document(doc)
        with hold_write_lock(store_url):
            with pytest.raises(StoreError) as e:
                s.add_document(build_doc(article(4)))
        assert e.value.code == "E302" and "locked" in str(e.value)
        assert s.stored_ids([doc.doc_id]) == {doc.doc_id}
        assert s.counts()["documents"] == 1


@pytest.mark.parametrize(
    "db, dialect, url_start",
    [
        ("newsfusion.db", "sqlite", "sqlite:///"),
        ("sqlite:///tmp/x.db", "sqlite", "sqlite:////"),
        ("postgresql://u:secret@localhost/news", "postgresql", "postgresql+psycopg://"),
        ("postgres://u@localhost/news", "postgresql", "postgresql+psycopg://"),
    ],
)
def test_resolve(db, dialect, url_start):
    target = resolve(db)
    assert target.dialect == dialect and target.url.startswith(url_start)
    assert "secret" not in target.label


@pytest.mark.parametrize("db, code", [("mysql://x/y", "E304"), ("", "E304")])
def test_resolve_refuses(db, code):
    with pytest.raises(StoreError) as e:
        resolve(db)
    assert e.value.code == code


def test_missing_folder_is_e304(tmp_path):
    with pytest.raises(StoreError) as e:
        Store(str(tmp_path / "no" / "such" / "kb.db"))
    assert e.value.code == "E304" and "folder" in str(e.value)
